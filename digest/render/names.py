"""File names for --out: 'DATE-slug.LANG.EXT', unique within a run."""

from __future__ import annotations

import re
import unicodedata

from digest.article import Digest
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
    suffix = f".{options.lang}.{extension}"
    name, number = f"{date}-{slug}{suffix}", 1
    while taken is not None and name in taken:
        number += 1
        name = f"{date}-{slug}-{number}{suffix}"
    if taken is not None:
        taken.add(name)
    return name
