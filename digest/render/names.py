"""File names for --out: 'DATE-slug.LANG.EXT', unique within a run."""

from __future__ import annotations

import re
import unicodedata

from digest.model import Digest, Story
from digest.render.options import RenderOptions

SLUG_MAX = 48


def slugify(title: str) -> str:
    """'Nhật Bản và Hàn Quốc đàm phán hàn gắn…' -> 'nhat-ban-va-han-quoc-dam-phan-han-gan-quan-he'."""
    ascii_title = unicodedata.normalize("NFKD", title.replace("Đ", "D").replace("đ", "d"))
    ascii_title = ascii_title.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug or "article"


def dated_file_name(digest: Digest, extension: str, options: RenderOptions, taken: set[str] | None = None) -> str:
    """'DATE-slug.LANG.EXT'; an untitled article is named by its first sentence, and a
    name already `taken` in this run gets '-2', '-3', … (and is added to `taken`) so no
    digest overwrites another."""
    date = digest.filed_date or digest.first_filed or options.run_date
    slug = slugify(digest.article.title or next(iter(digest.summary), ""))
    return _unused(f"{date}-{slug}", f".{options.lang}.{extension}", taken)


def story_file_name(story: Story, extension: str, options: RenderOptions, taken: set[str] | None = None) -> str:
    """'DATE-story-slug.LANG.EXT' for a story of several articles: DATE is its newest full
    date (else the run date), so a story's file sits beside its latest article's."""
    dates = [d.filed_date for d in story.articles if d.filed_date]
    date = max(dates) if dates else options.run_date
    return _unused(f"{date}-story-{slugify(story.title)}", f".{options.lang}.{extension}", taken)


def _unused(stem: str, suffix: str, taken: set[str] | None) -> str:
    """stem + suffix, or with '-2', '-3', … before the suffix when that name is `taken`
    (the name chosen is added to `taken`)."""
    name, number = f"{stem}{suffix}", 1
    while taken is not None and name in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    if taken is not None:
        taken.add(name)
    return name
