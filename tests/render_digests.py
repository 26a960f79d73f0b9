"""Digests for the render tests, built by one helper, and the installed command line
for the tests that render the seeds."""

from __future__ import annotations

from digest.model import Article, Digest, RemovedLine, TranslatedText, Translation
from digest.render import RenderOptions
from tests.conftest import run_digest

RUN_DATE = "2026-11-23"
VI = RenderOptions(lang="vi", run_date=RUN_DATE)
EN = RenderOptions(lang="en", run_date=RUN_DATE)
BOTH = RenderOptions(lang="both", run_date=RUN_DATE)


def make_digest(title: str, date: str | None = None, partial_date: str | None = None, author: str | None = None,
                source: str | None = None, english: str | None = None, path: str | None = None) -> Digest:
    """An article with one summary sentence and one removed line; with `english`, a
    translation whose title is `english` and whose summary is 'Summary of <english>.'."""
    article = Article(
        path=path or f"{title[:12]}.txt", title=title, paragraphs=[f"{title}."],
        date=date, partial_date=partial_date, author=author, source=source,
        removed=[RemovedLine(line=7, text="Tin liên quan", why="related-news section")],
    )
    summary = [f"Câu tóm tắt của bài {title}."]
    translation = None
    if english:
        translation = Translation(
            model="vi_en_test 0.1",
            title=TranslatedText(vi=title, en=english, terms=["Seoul"]),
            summary=[TranslatedText(vi=summary[0], en=f"Summary of {english}.", terms=["Seoul"], repaired=["Seoul"])],
        )
    return Digest(article=article, summary=summary, translation=translation)


def full_digest() -> Digest:
    """A translated digest with --full: two paragraphs, three sentences."""
    article = Article(path="a.txt", title="Tiêu đề", paragraphs=["Câu một. Câu hai.", "Câu ba."])
    pairs = [[TranslatedText("Câu một.", "One."), TranslatedText("Câu hai.", "Two.")],
             [TranslatedText("Câu ba.", "Three.")]]
    translation = Translation(model="m", title=TranslatedText("Tiêu đề", "Title"), summary=[], paragraphs=pairs)
    return Digest(article=article, summary=[], translation=translation)


UNDATED = make_digest("Bài không ghi ngày", english="Undated story")
PARTIAL = make_digest("Bài ngày 16/10", partial_date="--10-16", source="TTXVN", english="October story")
OLD = make_digest("Bài năm 2020", date="2020-11-13T09:53", author="Hoàng Nam", english="2020 story")
NEW = make_digest("Bài năm 2022", date="2022-09-21", english="2022 story")
EARLY_PARTIAL = make_digest("Bài ngày 17/4", partial_date="--04-17", english="April story")
MIXED = [UNDATED, PARTIAL, OLD, NEW, EARLY_PARTIAL]  # input order
EXPECTED_ORDER = ["Bài năm 2022", "Bài năm 2020", "Bài ngày 16/10", "Bài ngày 17/4", "Bài không ghi ngày"]


def digest_stdout(*args: object) -> str:
    """The installed console script's stdout as text; it must succeed."""
    completed = run_digest(*args)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return completed.stdout.decode("utf-8")
