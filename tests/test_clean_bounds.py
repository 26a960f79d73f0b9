"""Inputs built to make the cleaner slow: every rule costs time about linear in the input.

Each hostile shape is cleaned at two sizes, through clean_text (what text files, pages,
feeds and batch workers all reach): four times the input may take about four times the
time, never the 16x of a quadratic rule or the 64x of a cubic one (the margin is wide, so
that a slow or busy machine never fails it); where a rule could go exponential, its work
is counted instead of timed."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from digest import clean
from digest.clean import byline_name, bylines, clean_text

TITLE = "Thành phố rà soát các công trình xây dựng trái phép"
LEDE = "Sáng nay, đoàn kiểm tra liên ngành của thành phố đã làm việc với ba quận về các công trình sai phép."
BODY = "Đoàn đã lập biên bản nhiều trường hợp vi phạm, yêu cầu chủ đầu tư tháo dỡ phần xây dựng sai phép trong tháng tới."
SENTENCE = "Thành phố đã rà soát nhiều công trình trong năm nay. "


def _clean(*lines: str):
    return clean_text("\n".join(lines), "t.txt")


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        clean_text(text, "t.txt")
        best = min(best, time.process_time() - start)
    return best


def _assert_linear(build: Callable[[int], str], size: int) -> None:
    """4x the input: about 4x the time (8x allowed, and 50 ms for timer noise)."""
    small, large = _seconds(build(size)), _seconds(build(4 * size))
    assert large < 8 * small + 0.05, (small, large)


@contextmanager
def _counting(name: str) -> Iterator[list[int]]:
    """Count the calls of clean.bylines.<name> (the cleaner's own calls go through the module)."""
    calls = [0]
    original = getattr(bylines, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    setattr(bylines, name, counted)
    try:
        yield calls
    finally:
        setattr(bylines, name, original)


# --- names glued without a space after the last full stop (exponential before) -------------


def _glued_names(k: int) -> str:
    return "\n".join([TITLE, LEDE, SENTENCE + "Lan Hương" * k])


def test_a_run_of_glued_names_costs_work_linear_in_its_length():
    counts = {}
    for k in (10, 20, 40, 80):
        with _counting("_is_person_name") as calls:
            article = clean_text(_glued_names(k), "t.txt")
        counts[k] = calls[0]
        # far too long for a byline: the names stay in the paragraph, as they always did
        assert article.author is None
        assert article.paragraphs[-1].endswith("Lan Hương" * k)
    assert counts[80] <= 2 * counts[40] + 20 and counts[40] <= 2 * counts[20] + 20, counts


def test_forty_glued_names_are_cleaned_at_once():
    # tried split by split, 40 names took hours; 2x the names now costs about 2x the time
    _assert_linear(_glued_names, 40)


def test_glued_names_after_the_last_stop_are_still_set_apart():
    article = _clean(TITLE, LEDE, SENTENCE + "Lan HươngTrần Bình")
    assert article.author == "Lan Hương - Trần Bình"
    assert article.paragraphs[-1] == SENTENCE.strip()


def test_byline_name_on_many_glued_names_is_none_and_cheap():
    with _counting("_is_person_name") as calls:
        assert byline_name("Lan Hương" * 30 + ">>") is None
    assert calls[0] < 100
    assert byline_name("Lan HươngTrần Bình>>") == "Lan Hương - Trần Bình"


def _unglue_names_split_by_split(part: str) -> str:
    """The rule as first written (exponential): the reference for small inputs."""
    for index in range(1, len(part)):
        if part[index - 1].islower() and part[index].isupper():
            left, right = part[:index], part[index:]
            if clean._is_person_name(left) and clean._is_person_name(_unglue_names_split_by_split(right)):
                return f"{left} - {_unglue_names_split_by_split(right)}"
    return part


@pytest.mark.parametrize("names", [
    ["Lan Hương"], ["Lan Hương", "Trần Bình"], ["T. Hằng", "Lan Hương"], ["Nguyễn Thị Minh Khai", "Lan"],
    ["Lan", "Hương", "Trần Bình"], ["Lan HươngTrần", "Bình"], ["Bình", "an Hương"],
])
def test_ungluing_from_the_right_gives_what_trying_every_split_gave(names):
    for k in range(1, 8):
        part = "".join(names[i % len(names)] for i in range(k))
        assert clean._unglue_names(part) == _unglue_names_split_by_split(part), part


def test_ungluing_a_long_run_of_names_costs_work_linear_in_it():
    counts = {}
    for k in (40, 80):
        with _counting("_is_person_name") as calls:
            clean._unglue_names("Lan Hương" * k)
        counts[k] = calls[0]
    assert counts[80] < 3 * counts[40], counts  # 2x the names, 2x the work (trying every split: 2^40 times)


# --- the byline after the last full stop of a long paragraph (quadratic before) -------------


def _one_line(size: int, end: str = "") -> str:
    return "\n".join([TITLE, SENTENCE * (size // len(SENTENCE)) + end])


def test_a_one_line_article_costs_time_linear_in_its_length():
    _assert_linear(_one_line, 50_000)


def test_a_byline_after_a_long_paragraph_is_still_found():
    article = clean_text(_one_line(200_000, "T. Hằng"), "t.txt")
    assert article.author == "T. Hằng"
    assert article.paragraphs[-1].endswith("năm nay.")


def test_a_byline_before_a_related_link_glued_to_the_paragraph_is_found():
    article = _clean(TITLE, LEDE, BODY + " Lan Hương >> Xem thêm: Hà Nội kiểm tra các công trình trên phố cổ")
    assert article.author == "Lan Hương"
    assert article.paragraphs[-1] == BODY


def test_a_paragraph_of_many_related_links_costs_time_linear_in_its_length():
    unit = SENTENCE + "Lan Hương >> Xem thêm các tin tức mới nhất về giao thông ở đây. "
    _assert_linear(lambda size: "\n".join([TITLE, LEDE, unit * (size // len(unit))]), 20_000)


# --- other shapes whose rules were quadratic or worse ---------------------------------------

_HOSTILE_LINES: dict[str, Callable[[int], str]] = {
    # a credit's pattern tried every split of the spaces around its name (cubic)
    "spaces in a credit": lambda n: "Theo" + " " * n + "Tuổi Trẻ;",
    "spaces in a photo credit": lambda n: "Tin" + " " * n + "!",
    "spaces in a name with its outlet": lambda n: "Lan Hương (theo" + " " * n + "AFP!",
    "spaces in a credit and dateline": lambda n: "Theo" + " " * n + "Tuổi Trẻ;| 25/12/2012 10:25",
    # a photo credit's body and the spaces after it (quadratic, times 80)
    "spaces after a photo credit": lambda n: "Ảnh:" + " " * n + "!!",
    "photo credits in parentheses": lambda n: "(ảnh: Lan)" * (n // 10) + "!",
    # the spaces before a related links' mark or a breadcrumb step
    "spaces in a line": lambda n: "Lan" + " " * n + "Hương",
    "spaces in a mark": lambda n: "Lan" + " " * n + "» Hương" + " " * n + "!",
    # a reader prompt's phone number: the pattern took the digits' run times 120 times 60
    "digits in a reader prompt": lambda n: "Độc giả có thông tin xin gửi về số " + "1" * n + "!" + "a" * 100,
    # a credit glued to the paragraph's end, again and again: one search each (and a
    # RecursionError past a hundred kilobytes)
    "glued credits": lambda n: "Câu cuối của bài" + "aTheo Ab " * (n // 9),
    "glued captions": lambda n: "Một. Hai ba. Bốn năm. Sáu bảy. " + "Lan Hương. Ảnh: AFP. " * (n // 21),
    # paragraphs glued at every full stop: the word before each stop was read from the start
    "glued paragraphs": lambda n: "Lan.Hương" * (n // 9),
}


@pytest.mark.parametrize("shape", list(_HOSTILE_LINES), ids=list(_HOSTILE_LINES))
def test_a_hostile_line_costs_time_linear_in_its_length(shape):
    build = _HOSTILE_LINES[shape]
    for around in ([TITLE, LEDE, "{}"], ["{}", LEDE, BODY], [TITLE, LEDE, "{}", BODY]):
        _assert_linear(lambda size, around=around: "\n".join(around).format(build(size)), 10_000)


def test_a_reader_prompt_with_a_long_number_costs_what_an_ordinary_paragraph_does():
    # linear before too, but 120 x 60 steps a digit: seconds for a few kilobytes
    size = 40_000
    prompt = "Độc giả có thông tin xin gửi về số " + "1" * size + "!" + "a" * 100
    ordinary = SENTENCE * (size // len(SENTENCE))
    prompt_seconds, ordinary_seconds = (_seconds("\n".join([TITLE, LEDE, line, BODY])) for line in (prompt, ordinary))
    assert prompt_seconds < 8 * ordinary_seconds + 0.05, (prompt_seconds, ordinary_seconds)
    article = _clean(TITLE, LEDE, "Độc giả có thông tin xin gửi về toasoan@baomoi.vn hoặc số 0912 345 678", BODY)
    assert article.paragraphs == [LEDE, BODY]


def test_a_long_chain_of_glued_credits_raises_no_recursion_error():
    article = _clean(TITLE, LEDE, "Câu cuối của bài" + "aTheo Ab " * 20_000)
    assert article.paragraphs[0] == LEDE


# --- lines compared with a growing text or a long line, each in turn (quadratic before) -----

_HOSTILE_ARTICLES: dict[str, Callable[[int], str]] = {
    # every name label under a picture looked for in the whole text again
    "name labels": lambda n: "\n".join(
        [TITLE, LEDE, *[BODY[:-1] + ", rất dài" * (n // 40) + "."] * 4, "Ông Lan Hương và ông Trần Bình nói."]
        + ["Lan Hương", "Trần Bình"] * (n // 40)
    ),
    "different name labels": lambda n: "\n".join(
        [TITLE, LEDE, BODY[:-1] + ", rất dài" * (n // 10) + "."]
        + [f"Ông Lan Hương {i} nói." for i in range(n // 100)]
        + [f"Lan Hương {i}" for i in range(n // 100)]
    ),
    # every line compared with a long title, or a repeat with a long lede
    "a long title": lambda n: "\n".join([TITLE + " rất" * (n // 8), LEDE, *[BODY] * (n // 200)]),
    "a long lede": lambda n: "\n".join([TITLE, LEDE + " Rất dài," * (n // 9) + " cuối.", BODY, *[BODY] * (n // 200)]),
    # a short sentence after a long paragraph looked at that paragraph's words again
    "short lines under a long paragraph": lambda n: "\n".join(
        [TITLE, "Công an khám nghiệm hiện trường.", "Đoạn" + " !" * (n // 2) + " cuối.",
         *["Công an khám nghiệm hiện trường."] * (n // 100)]
    ),
}


@pytest.mark.parametrize("shape", list(_HOSTILE_ARTICLES), ids=list(_HOSTILE_ARTICLES))
def test_a_hostile_article_costs_time_linear_in_its_length(shape):
    _assert_linear(_HOSTILE_ARTICLES[shape], 50_000)


def test_name_labels_are_still_dropped_and_the_byline_still_found():
    article = _clean(TITLE, f"Ông Lan Hương nói. {LEDE}", "Lan Hương", BODY, "Lan Hương", "Trần Bình")
    assert article.paragraphs == [f"Ông Lan Hương nói. {LEDE}", BODY]
    assert article.author == "Trần Bình"
