"""Renderers: one function per output format, each over finished Digests.

A renderer never decides anything about the article; it lays out what the stages
produced. `render_article` gives one article's digest (the --out files); `render_briefing`
gives the combined briefing for stdout: a header with the date and count, then the
articles newest first, undated ones last.
"""
from __future__ import annotations

import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass

from digest.article import Digest

FORMATS = ("md", "text", "json", "jsonl", "html", "eml")
FILE_EXTENSIONS = {"md": "md", "text": "txt", "json": "json", "jsonl": "jsonl", "html": "html", "eml": "eml"}
TEXT_WIDTH = 78


@dataclass(frozen=True)
class Labels:
    date: str
    author: str
    source: str
    summary: str
    input: str
    not_stated: str
    year_not_stated: str
    filed: str
    model: str
    terms: str
    repaired: str
    removed: str
    briefing: str
    articles: str


LABELS = {
    "vi": Labels("Ngày", "Tác giả", "Nguồn", "Tóm tắt", "Tệp", "không ghi ngày", "không ghi năm",
                 "xếp vào ngày chạy", "Mô hình", "Thuật ngữ", "Đã sửa", "Đã bỏ", "Bản tin", "bài"),
    "en": Labels("Date", "Author", "Source", "Summary", "Input", "date not stated", "year not stated",
                 "filed under the run date", "Model", "Glossary terms", "Repaired", "Removed", "News digest",
                 "articles"),
}
LABELS["both"] = LABELS["en"]


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "vi"  # vi | en | both
    explain: bool = False
    run_date: str = ""  # YYYY-MM-DD, the date undated articles are filed under


# --- what each format shows -----------------------------------------------------------


def display_date(digest: Digest, options: RenderOptions) -> str:
    labels = LABELS[options.lang]
    article = digest.article
    if article.date:
        return article.date.replace("T", " ")
    if article.partial_date:
        month, day = article.partial_date[2:].split("-")
        return f"{int(day)}/{int(month)} ({labels.year_not_stated})"
    return f"{labels.not_stated} ({labels.filed} {options.run_date})"


UNTITLED = {"vi": "(không có tiêu đề)", "en": "(untitled)", "both": "(không có tiêu đề / untitled)"}


def title_of(digest: Digest, lang: str) -> str:
    if not digest.article.title:
        return UNTITLED[lang]
    if lang == "vi" or digest.translation is None:
        return digest.article.title
    if lang == "en":
        return digest.translation.title.en
    return f"{digest.article.title} / {digest.translation.title.en}"


def summary_lines(digest: Digest, lang: str) -> list[str]:
    """The summary sentences; with both languages each Vietnamese sentence is followed by its English."""
    if lang == "vi" or digest.translation is None:
        return list(digest.summary)
    if lang == "en":
        return [t.en for t in digest.translation.summary]
    return [f"{t.vi}\n  {t.en}" for t in digest.translation.summary]


def full_text_lines(digest: Digest, lang: str) -> list[str]:
    """With --full, every paragraph (translated sentence by sentence)."""
    translation = digest.translation
    if translation is None or translation.paragraphs is None:
        return []
    if lang == "en":
        return [" ".join(t.en for t in paragraph) for paragraph in translation.paragraphs]
    return [
        "\n".join(f"{t.vi}\n  {t.en}" for t in paragraph) for paragraph in translation.paragraphs
    ]


def _meta_pairs(digest: Digest, options: RenderOptions) -> list[tuple[str, str]]:
    labels = LABELS[options.lang]
    article = digest.article
    pairs = [(labels.date, display_date(digest, options))]
    if article.author:
        pairs.append((labels.author, article.author))
    if article.source:
        pairs.append((labels.source, article.source))
    if digest.translation is not None:
        pairs.append((labels.model, digest.translation.model))
        if digest.translation.terms:
            pairs.append((labels.terms, ", ".join(digest.translation.terms)))
        if digest.translation.repaired:
            pairs.append((labels.repaired, ", ".join(digest.translation.repaired)))
    pairs.append((labels.input, article.path))
    return pairs


# --- Markdown ---------------------------------------------------------------------------


def article_markdown(digest: Digest, options: RenderOptions, level: int = 1) -> str:
    labels = LABELS[options.lang]
    lines = [f"{'#' * level} {title_of(digest, options.lang)}", ""]
    lines += [f"- **{name}:** {value}" for name, value in _meta_pairs(digest, options)]
    lines += ["", f"**{labels.summary}:**", ""]
    for sentence in summary_lines(digest, options.lang):
        first, *rest = sentence.split("\n")
        lines.append(f"- {first}")
        lines += [f"  {more.strip()}" for more in rest]
    full = full_text_lines(digest, options.lang)
    if full:
        lines += ["", "---", ""]
        if options.lang == "both":
            # Each Vietnamese paragraph, then its English as a quote. A blank line must
            # end each quote: a Vietnamese line right after "> ..." would be read as part
            # of the quote (a Markdown "lazy continuation").
            for paragraph in digest.translation.paragraphs:
                lines += [" ".join(t.vi for t in paragraph), "", "> " + " ".join(t.en for t in paragraph), ""]
        else:
            for paragraph in full:
                lines += [paragraph, ""]
    if options.explain:
        lines += ["", f"**{labels.removed}:**", ""]
        lines += [f"- line {r.line}: {r.why}: `{r.text[:80]}`" for r in digest.article.removed]
    return "\n".join(lines).rstrip() + "\n"


def briefing_markdown(digests: list[Digest], options: RenderOptions) -> str:
    parts = [f"# {briefing_title(digests, options)}", ""]
    for digest in digests:
        parts.append(article_markdown(digest, options, level=2))
    return "\n".join(parts).rstrip() + "\n"


def briefing_title(digests: list[Digest], options: RenderOptions) -> str:
    count = len(digests)
    return f"Bản tin / News digest — {options.run_date} — {count} {'article' if count == 1 else 'articles'}"


# --- plain text -------------------------------------------------------------------------


def article_text(digest: Digest, options: RenderOptions) -> str:
    labels = LABELS[options.lang]
    title = title_of(digest, options.lang)
    lines = _wrap(title) + ["=" * min(TEXT_WIDTH, len(title))]
    for name, value in _meta_pairs(digest, options):
        lines += _wrap(f"{name}: {value}", subsequent="    ")
    lines += ["", f"{labels.summary}:"]
    for sentence in summary_lines(digest, options.lang):
        for part_number, part in enumerate(sentence.split("\n")):
            prefix = "  * " if part_number == 0 else "    "
            lines += _wrap(part.strip(), initial=prefix, subsequent="    ")
    for paragraph in full_text_lines(digest, options.lang):
        lines.append("")
        for part in paragraph.split("\n"):
            lines += _wrap(part.strip())
    if options.explain:
        lines += ["", f"{labels.removed}:"]
        for r in digest.article.removed:
            lines += _wrap(f"line {r.line}: {r.why}: {r.text[:80]}", initial="  - ", subsequent="    ")
    return "\n".join(lines).rstrip() + "\n"


def briefing_text(digests: list[Digest], options: RenderOptions) -> str:
    header = briefing_title(digests, options)
    parts = _wrap(header) + ["#" * min(TEXT_WIDTH, len(header)), ""]
    for digest in digests:
        parts += [article_text(digest, options)]
    return "\n".join(parts).rstrip() + "\n"


def _wrap(text: str, initial: str = "", subsequent: str = "") -> list[str]:
    return textwrap.wrap(
        text, width=TEXT_WIDTH, initial_indent=initial, subsequent_indent=subsequent,
        break_long_words=False, break_on_hyphens=False,
    ) or [initial.rstrip()]


# --- JSON -------------------------------------------------------------------------------


def article_record(digest: Digest, options: RenderOptions) -> dict:
    """Every field of the article and its digest, for other tools and tests."""
    record = digest.article.to_dict()
    record["input"] = record.pop("path")
    record["filed_date"] = digest.filed_date or options.run_date
    record["summary"] = list(digest.summary)
    if digest.translation is not None:
        translation = digest.translation
        record["model"] = translation.model
        record["title_en"] = translation.title.en
        record["summary_en"] = [t.en for t in translation.summary]
        record["glossary_terms"] = translation.terms
        record["glossary_repaired"] = translation.repaired
        if translation.paragraphs is not None:
            record["paragraphs_en"] = [" ".join(t.en for t in p) for p in translation.paragraphs]
    return record


def article_json(digest: Digest, options: RenderOptions) -> str:
    return json.dumps(article_record(digest, options), ensure_ascii=False, indent=2) + "\n"


def briefing_json(digests: list[Digest], options: RenderOptions) -> str:
    document = {
        "run_date": options.run_date,
        "lang": options.lang,
        "count": len(digests),
        "articles": [article_record(d, options) for d in digests],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def briefing_jsonl(digests: list[Digest], options: RenderOptions) -> str:
    return "".join(json.dumps(article_record(d, options), ensure_ascii=False) + "\n" for d in digests)


# --- dispatch ---------------------------------------------------------------------------


def render_article(digest: Digest, fmt: str, options: RenderOptions) -> str:
    if fmt == "md":
        return article_markdown(digest, options)
    if fmt == "text":
        return article_text(digest, options)
    if fmt == "json":
        return article_json(digest, options)
    if fmt == "jsonl":
        return briefing_jsonl([digest], options)
    if fmt == "html":
        from digest import render_html

        return render_html.briefing_html([digest], options, single=True)
    raise ValueError(f"no per-article renderer for {fmt}")


def render_briefing(digests: list[Digest], fmt: str, options: RenderOptions) -> str:
    ordered = newest_first(digests)
    if fmt == "md":
        return briefing_markdown(ordered, options)
    if fmt == "text":
        return briefing_text(ordered, options)
    if fmt == "json":
        return briefing_json(ordered, options)
    if fmt == "jsonl":
        return briefing_jsonl(ordered, options)
    if fmt == "html":
        from digest import render_html

        return render_html.briefing_html(ordered, options)
    raise ValueError(f"no briefing renderer for {fmt}")


def newest_first(digests: list[Digest]) -> list[Digest]:
    """Dated articles newest first, then partially dated, then undated; ties keep input order."""

    def key(indexed):
        index, digest = indexed
        article = digest.article
        if article.date:
            return (0, _negated(article.date), index)
        if article.partial_date:
            return (1, _negated(article.partial_date), index)
        return (2, "", index)

    return [digest for _, digest in sorted(enumerate(digests), key=key)]


def _negated(stamp: str) -> str:
    """Sort key that puts later ISO stamps first."""
    return "".join(chr(0x10FFFF - ord(ch)) for ch in stamp)


# --- file names -------------------------------------------------------------------------

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


def file_name(digest: Digest, fmt: str, options: RenderOptions, taken: set[str] | None = None) -> str:
    """'DATE-slug.LANG.EXT'; an untitled article is named by its first sentence, and a
    name already `taken` in this run gets '-2', '-3', … so no digest overwrites another."""
    date = digest.filed_date or options.run_date
    slug = slugify(digest.article.title or next(iter(digest.summary), ""))
    suffix = f".{options.lang}.{FILE_EXTENSIONS[fmt]}"
    name, number = f"{date}-{slug}{suffix}", 1
    while taken is not None and name in taken:
        number += 1
        name = f"{date}-{slug}-{number}{suffix}"
    if taken is not None:
        taken.add(name)
    return name
