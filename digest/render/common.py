"""What every format shows, decided once: the labels, the date as the article states
it, the title, the summary and full text in the chosen language(s), the metadata
fields, the briefing's header and its order. The format modules only lay these out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from digest.model import Digest, TranslatedText
from digest.qa import Flag
from digest.render.options import RenderOptions
from digest.sources import is_url

FLAG_MARK = "⚠"


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
    status: str = "Status"
    updated: str = "updated since it was last briefed"
    briefed_before: str = "briefed before (here for the story's news)"
    link: str = "Link"  # the original article's URL, for an article fetched from the web
    changed: str = "New or changed since it was last briefed"
    from_feed: str = "From the feed item (the page states none)"
    line: str = "line"  # of a removed line: its number in the input
    sentences_removed: str = "sentences removed"


LABELS = {
    "vi": Labels("Ngày", "Tác giả", "Nguồn", "Tóm tắt", "Tệp", "không ghi ngày", "không ghi năm",
                 "xếp vào ngày chạy", "Mô hình", "Thuật ngữ", "Đã sửa", "Đã bỏ", "Trạng thái",
                 "đã cập nhật từ lần điểm tin trước",
                 "đã điểm tin trước (nhắc lại vì câu chuyện có tin mới)", "Nguồn gốc",
                 changed="Mới hoặc đã sửa từ lần điểm tin trước", sentences_removed="câu đã bỏ",
                 from_feed="Lấy từ mục tin của nguồn RSS (trang không ghi)", line="dòng"),
    "en": Labels("Date", "Author", "Source", "Summary", "Input", "date not stated", "year not stated",
                 "filed under the run date", "Model", "Glossary terms", "Repaired", "Removed"),
}
LABELS["both"] = LABELS["en"]

# The cleaner's reasons are written in English; a Vietnamese digest shows them in
# Vietnamese, phrase by phrase (the page's own words they quote stay as they are). A
# reason no phrase matches is shown as written (tests/test_updates.py runs every reason
# the cleaner gives on the test pages through this table).
_REASON_PHRASES = sorted({
    "(kept as metadata)": "(giữ làm thông tin bài)",
    "; the article ends here": "; bài kết thúc ở đây",
    "(the crawl lost the headline)": "(bản lưu mất tiêu đề)",
    "author byline after the last paragraph's full stop": "dòng tác giả sau dấu chấm của đoạn cuối",
    "author byline with the related links' '>>' after it": "dòng tác giả, theo sau là '>>' của tin liên quan",
    "author byline": "dòng tác giả",
    "author box": "hộp tác giả",
    "byline": "dòng tác giả",
    "photo caption": "chú thích ảnh",
    "(image alt text ending in 'ảnh N')": "(chữ thay ảnh kết thúc bằng 'ảnh N')",
    "ending in": "kết thúc bằng",
    "(a short line between paragraphs)": "(dòng ngắn giữa hai đoạn)",
    "(the short line under a picture)": "(dòng ngắn dưới ảnh)",
    "(marked as a caption in the page)": "(trang đánh dấu là chú thích)",
    "(text of a picture table)": "(chữ trong bảng ảnh)",
    "(repeats the picture's alt text)": "(lặp chữ thay ảnh)",
    "(a picture and a short line in one block)": "(ảnh và một dòng ngắn trong một khối)",
    "location or section kicker above the headline": "địa danh hoặc chuyên mục trên tiêu đề",
    "related-article headlines joined above the text": "các tiêu đề bài liên quan dính trên bài",
    "related-article or video headline above the text": "tiêu đề bài hoặc video liên quan trên bài",
    "related-news section header": "tiêu đề mục tin liên quan",
    "related-news section": "mục tin liên quan",
    "related-news box header": "tiêu đề hộp tin liên quan",
    "related-news section: other articles' headlines and ledes": "mục tin liên quan: tiêu đề và sa-pô của bài khác",
    "related headline in the": "tiêu đề tin liên quan trong hộp",
    "' box": "'",
    "related headline (one of a run of headlines set in the text)":
        "tiêu đề tin liên quan (một trong chuỗi tiêu đề chen trong bài)",
    "repeated title": "tiêu đề lặp lại",
    "credit and dateline": "nguồn và dòng ngày",
    "above the text": "trên bài",
    "dateline": "dòng ngày",
    "inline related-article link": "liên kết bài liên quan trong bài",
    "credit line 'Tin, ảnh: ...'": "dòng 'Tin, ảnh: ...'",
    "name label (a person the article is about, not its byline)": "nhãn tên (người được nói đến, không phải tác giả)",
    "duplicate of the lede": "trùng sa-pô",
    "repeated paragraph": "đoạn lặp lại",
    "pull quote (repeats a sentence of the text)": "trích dẫn nổi (lặp một câu của bài)",
    "source credit": "dòng nguồn",
    "original outlet under the byline": "báo gốc dưới dòng tác giả",
    "aggregator timestamp": "dấu thời gian của trang tổng hợp",
    "tags line": "dòng thẻ",
    "source outlet of the aggregator record": "báo nguồn của bản tin tổng hợp",
    "embedded related article or teaser after the main article's byline":
        "bài liên quan hoặc tin giới thiệu sau dòng tác giả",
    "after the article's end mark './.'": "sau dấu kết bài './.'",
    "after the aggregator's timestamp: category, tags, source":
        "sau dấu thời gian của trang tổng hợp: chuyên mục, thẻ, nguồn",
    "breadcrumb (the page's section trail)": "đường dẫn chuyên mục của trang",
    "share or page widget": "nút chia sẻ hoặc tiện ích trang",
    "share, contact or comment widget": "tiện ích chia sẻ, liên hệ hoặc bình luận",
    "page widget": "tiện ích trang",
    ": share, tags, related or ads)": ": chia sẻ, thẻ, tin liên quan hoặc quảng cáo)",
    "list of related-article links": "danh sách liên kết bài liên quan",
    "box of links to other articles": "hộp liên kết sang bài khác",
    "link to another article (a headline set in the body)": "liên kết sang bài khác (tiêu đề chen trong bài)",
    "data table (figures in cells, not paragraphs)": "bảng số liệu (số trong ô, không phải đoạn văn)",
}.items(), key=lambda pair: -len(pair[0]))


def reason(why: str, lang: str) -> str:
    """A removed line's reason in the digest's language (see _REASON_PHRASES)."""
    if lang != "vi":
        return why
    for english, vietnamese in _REASON_PHRASES:
        why = why.replace(english, vietnamese)
    return why


_FIELD_NAMES = {"vi": {"title": "tiêu đề", "date": "ngày", "author": "tác giả"}, "en": {}, "both": {}}
UNTITLED = {"vi": "(không có tiêu đề)", "en": "(untitled)", "both": "(không có tiêu đề / untitled)"}


# --- what may reach a terminal ----------------------------------------------------------

# A text shown is one line: what would break it (a page's title may hold "&#10;") is a space.
_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
# What a terminal would act on or hide, and no reader needs: C0 and C1 controls (ESC
# starts colour, cursor and title sequences; a page's "&#27;" decodes to it), DEL, and the
# bidirectional marks, embeddings, overrides and isolates, which reorder what follows
# (digest.errors.shown escapes the same on stderr). Tab and newline only where they are
# layout: terminal_safe keeps them in a whole output, printable turns them into spaces.
_HIDDEN = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_HIDDEN_RE = re.compile(f"[{_HIDDEN}]")
_OUTPUT_HIDDEN = re.compile(f"[{_HIDDEN}\u2028\u2029]")


def printable(text: str) -> str:
    """`text` as one line that shows what it says: line breaks as spaces, control
    characters and bidirectional controls dropped. Every text the renderers show goes
    through here (a Bilingual makes its own texts printable)."""
    return _HIDDEN_RE.sub("", _BREAKS.sub(" ", text))


def terminal_safe(output: str) -> str:
    """A whole rendered output with every control character but tab and newline, and
    every bidirectional control, dropped: the last guard before stdout or a file."""
    return _OUTPUT_HIDDEN.sub("", output)


# RFC 3986's unreserved and reserved characters, and "%" (a URL's own escapes): anything
# else (space, <, >, ", `, \, {, }, |, ^, non-ASCII) is percent-encoded, so a link can't
# end early in a Markdown autolink, an HTML attribute or a terminal's URL detection.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;="


def web_link(url: str) -> str | None:
    """`url` percent-encoded as a link may carry it, or None unless it is http(s): no
    format makes a link of any other scheme (javascript:, data:, file:)."""
    url = printable(url).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # e.g. a bad IPv6 host
        return None
    if scheme not in ("http", "https"):
        return None
    return quote(url, safe=_URL_SAFE + "%", errors="replace")


# --- texts in the chosen language(s) ----------------------------------------------------


@dataclass(frozen=True)
class Bilingual:
    """One text (a title, a summary sentence, a sentence of the full text) as shown:
    `text` in `lang` ("vi" or "en"), followed by its English `en` only with --lang both."""

    text: str
    lang: str
    en: str | None = None
    flags: tuple[Flag, ...] = ()  # digest.qa's doubts about the English shown

    def __post_init__(self) -> None:
        # whatever made it (a title, a sentence, a story's lead), a text shown is printable
        object.__setattr__(self, "text", printable(self.text))
        if self.en is not None:
            object.__setattr__(self, "en", printable(self.en))

    def one_line(self) -> str:
        """'Vietnamese / English' with both languages, else the text; then the marker."""
        line = self.text if self.en is None else f"{self.text} / {self.en}"
        return line + self.marker

    @property
    def marker(self) -> str:
        """' [⚠ number: 1.100 missing; repeat: 'the' repeated]', or '' without flags: what
        every format shows after a flagged English."""
        return flag_marker(self.flags)


def flag_marker(flags: Sequence[Flag]) -> str:
    if not flags:
        return ""
    return f" [{FLAG_MARK} {flag_detail(flags)}]"


def flag_detail(flags: Sequence[Flag]) -> str:
    """What the marker says inside its brackets: 'number: 1.100 missing; repeat: ...'."""
    return printable("; ".join(map(str, flags)))


def shown(translated: TranslatedText, lang: str) -> Bilingual:
    """A translated text as `lang` (vi, en or both) shows it."""
    if lang == "en":
        return Bilingual(translated.en, "en", flags=tuple(translated.flags))
    if lang == "both":
        return Bilingual(translated.vi, "vi", translated.en, tuple(translated.flags))
    return Bilingual(translated.vi, "vi")


def title(digest: Digest, lang: str) -> Bilingual:
    """The article's title; an untitled article says so in the page's language."""
    if not digest.article.title:
        return Bilingual(UNTITLED[lang], "vi" if lang == "vi" else "en")
    if digest.translation is None:
        return Bilingual(digest.article.title, "vi")
    english = digest.translation.title
    return shown(TranslatedText(digest.article.title, english.en, flags=english.flags), lang)


def summary(digest: Digest, lang: str) -> list[Bilingual]:
    """The summary sentences; untranslated, they stay Vietnamese whatever `lang` says."""
    if digest.translation is None:
        return [Bilingual(sentence, "vi") for sentence in digest.summary]
    return [shown(sentence, lang) for sentence in digest.translation.summary]


def changes(digest: Digest, lang: str) -> list[Bilingual]:
    """An updated article's new or changed sentences (translated like the summary)."""
    if digest.changes is None:
        return []
    translation = digest.translation
    if translation is None or translation.changes is None:
        return [Bilingual(sentence, "vi") for sentence in digest.changes.added]
    return [shown(sentence, lang) for sentence in translation.changes]


def full_text(digest: Digest, lang: str) -> list[list[Bilingual]]:
    """With --full, every paragraph as its translated sentences; [] without --full."""
    translation = digest.translation
    if translation is None or translation.paragraphs is None:
        return []
    return [[shown(sentence, lang) for sentence in paragraph] for paragraph in translation.paragraphs]


# --- metadata ---------------------------------------------------------------------------


def display_date(digest: Digest, options: RenderOptions) -> str:
    """The date as the article states it, never completed: '2020-11-13 09:53',
    '16/10 (year not stated)', or 'date not stated (filed under the run date …)'."""
    labels = LABELS[options.lang]
    article = digest.article
    if article.date:
        return printable(article.date.replace("T", " "))
    if article.partial_date:
        month, day = article.partial_date[2:].split("-")
        return f"{int(day)}/{int(month)} ({labels.year_not_stated})"
    return f"{labels.not_stated} ({labels.filed} {digest.first_filed or options.run_date})"


def meta_pairs(digest: Digest, options: RenderOptions) -> list[tuple[str, str]]:
    """(label, value) for each metadata field the digest has, in the order shown."""
    labels = LABELS[options.lang]
    article = digest.article
    pairs = [(labels.date, display_date(digest, options))]
    if digest.updated:
        removed = digest.changes.removed if digest.changes is not None else 0
        pairs.append((labels.status, labels.updated + (f" ({removed} {labels.sentences_removed})" if removed else "")))
    elif digest.briefed_before:
        pairs.append((labels.status, labels.briefed_before))
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
    if options.explain and article.from_feed:
        pairs.append((labels.from_feed, ", ".join(_FIELD_NAMES[options.lang].get(f, f) for f in article.from_feed)))
    url = article_url(article.path)
    # a fetched article's input is its canonical URL: shown once, as the link to the original
    pairs.append((labels.link, url) if url else (labels.input, article.path))
    return [(name, printable(value)) for name, value in pairs]


def article_url(path: str) -> str | None:
    """The original article's URL (the canonical URL a fetched article is keyed by), or
    None for a file, whose path is no link."""
    return path if is_url(path) and web_link(path) else None


def is_link(name: str) -> bool:
    """Whether a meta_pairs label is the link to the original article, in any language."""
    return name in {labels.link for labels in LABELS.values()}


# --- the briefing -----------------------------------------------------------------------


def briefing_title(digests: Sequence[Digest], options: RenderOptions, stories: int | None = None) -> str:
    """'Bản tin / News digest — DATE — N articles' ('News digest' in an English-only
    briefing); ', K stories' after it when stories grouped some of the articles; under
    --new with updates or articles briefed before, how many of each ('4 new, 1 updated')."""
    count = len(digests)
    name = "News digest" if options.lang == "en" else "Bản tin / News digest"
    title = f"{name} — {options.run_date} — {count} {'article' if count == 1 else 'articles'}"
    updated = sum(d.updated for d in digests)
    earlier = sum(d.briefed_before for d in digests)
    if updated or earlier:
        counts = ((count - updated - earlier, "new"), (updated, "updated"), (earlier, "briefed before"))
        title += " (" + ", ".join(f"{number} {what}" for number, what in counts if number) + ")"
    if stories is not None and stories < count:
        title += f", {stories} {'story' if stories == 1 else 'stories'}"
    if options.held_back:
        title += f", {options.held_back} more held back"
    flagged = flag_count(digests)
    if flagged:  # only then: a briefing without English (or without doubts) stays as it was
        title += f" — {flagged} {FLAG_MARK} {'flag' if flagged == 1 else 'flags'}"
    return title


def flag_count(digests: Sequence[Digest]) -> int:
    """Quality flags on the English of all digests (digest.qa)."""
    return sum(len(d.translation.flags) for d in digests if d.translation is not None)


def newest_first(digests: Sequence[Digest]) -> list[Digest]:
    """Dated articles newest first, then partially dated, then undated; ties keep input order."""

    def key(indexed: tuple[int, Digest]) -> tuple[int, str, int]:
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
