"""digest: Vietnamese news in, dated English (or bilingual) briefings out, offline.

The library API is digest.core's (read_input, extract_article, summarize_article,
load_translator, translate_digests, render_briefing, ...), also reachable here as digest.NAME.
It loads on first use, so that `digest --help` imports nothing but this file.
"""
from __future__ import annotations

__version__ = "0.1.0"

_CORE_NAMES = frozenset({
    "Article", "Digest", "InputRef", "RenderOptions", "Source", "extract_article", "find_inputs",
    "group_stories", "load_translator", "read_input", "render_article", "render_briefing", "render_story",
    "summarize_article", "translate_digests",
})


def __getattr__(name: str) -> object:
    if name in _CORE_NAMES:
        from digest import core

        return getattr(core, name)
    raise AttributeError(f"module 'digest' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_CORE_NAMES])
