"""The vocabularies under digest/data/, read once: what the rule modules know, kept apart
from what they decide (as trafilatura keeps its `settings` and sumy its stop-word files).

Each file says where its lists come from. A TOML file holds named lists and tables
(`words("names_vi", "surnames")`, `table("names_vi", "heads")`); a TSV file rows of
tab-separated cells, "#" lines being comments (`rows("countries")`); a TXT file one word a
line (`lines("english_words")`).
"""
from __future__ import annotations

import functools
import sys
import unicodedata
from importlib import resources
from typing import Any

FILES = ("names_vi.toml", "places.toml", "calendar.toml", "qa_words.toml", "news_vi.toml", "countries.tsv",
         "hanviet.tsv", "english_words.txt", "english_name_words.txt", "vietnamese_words.txt")


@functools.cache
def _text(file: str) -> str:
    return unicodedata.normalize("NFC", resources.files("digest").joinpath(f"data/{file}").read_text("utf-8"))


@functools.cache
def _toml(name: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(_text(f"{name}.toml"))
    return data


def table(name: str, *keys: str) -> dict[str, Any]:
    """The table at `keys` of data/NAME.toml (the whole file without keys)."""
    node: Any = _toml(name)
    for key in keys:
        node = node[key]
    if not isinstance(node, dict):
        raise TypeError(f"data/{name}.toml: {'.'.join(keys)} is not a table")
    return node


def word_list(name: str, *keys: str) -> tuple[str, ...]:
    """The list of words at `keys` of data/NAME.toml, in file order."""
    *path, last = keys
    node = table(name, *path)[last]
    if not isinstance(node, list) or not all(isinstance(w, str) for w in node):
        raise TypeError(f"data/{name}.toml: {'.'.join(keys)} is not a list of words")
    return tuple(node)


def words(name: str, *keys: str) -> frozenset[str]:
    """The list at `keys` of data/NAME.toml as a set."""
    return frozenset(word_list(name, *keys))


def aliases(name: str, *keys: str) -> dict[str, tuple[str, ...]]:
    """A table of name -> list of forms at `keys` of data/NAME.toml."""
    return {key: tuple(value) for key, value in table(name, *keys).items()}


def numbers(name: str, *keys: str) -> dict[str, float]:
    """A table of word -> number at `keys` of data/NAME.toml."""
    return {key: float(value) for key, value in table(name, *keys).items()}


@functools.cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of data/NAME.tsv, comment lines left out."""
    return tuple(tuple(line.split("\t")) for line in _text(f"{name}.tsv").splitlines()
                 if line.strip() and not line.startswith("#"))


@functools.cache
def lines(name: str) -> frozenset[str]:
    """The words of data/NAME.txt, one a line, comment lines left out."""
    return frozenset(line for line in _text(f"{name}.txt").splitlines() if line and not line.startswith("#"))
