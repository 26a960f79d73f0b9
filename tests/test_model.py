"""digest.model: the record digest stores of a Digest or a Story reads back as the same
object, through a shard line exactly as `digest batch` writes and reads it."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.batch import _utf8, record_line
from digest.model import (
    RECORD_SCHEMA,
    Article,
    Changes,
    Digest,
    Flag,
    RecordError,
    RemovedLine,
    Story,
    StoryTranslation,
    TimelineLine,
    TranslatedText,
    Translation,
)

_TEXT = st.text(max_size=30)
_NAME = st.one_of(_TEXT, st.text(alphabet=st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF), min_size=1,
                                 max_size=3).map(lambda bad: f"tin-{bad}.txt"))  # a file name's undecodable bytes
_MAYBE = st.one_of(st.none(), _TEXT)
_FLAG = st.builds(Flag, st.sampled_from(["number", "untranslated", "repeat", "length", "name"]), _TEXT)
_TRANSLATED = st.builds(TranslatedText, _TEXT, _TEXT, st.lists(_TEXT, max_size=3), st.lists(_TEXT, max_size=2),
                        st.lists(_FLAG, max_size=3), st.sampled_from([None, "retry", "first"]))
_TRANSLATION = st.builds(Translation, _TEXT, _TRANSLATED, st.lists(_TRANSLATED, max_size=3),
                         st.one_of(st.none(), st.lists(st.lists(_TRANSLATED, max_size=3), max_size=3)),
                         st.one_of(st.none(), st.lists(_TRANSLATED, max_size=2)))
_ARTICLE = st.builds(Article, _NAME, _TEXT, st.lists(_TEXT, max_size=4), _MAYBE, _MAYBE, _MAYBE, _MAYBE,
                     st.lists(st.builds(RemovedLine, st.integers(1, 10_000), _TEXT, _TEXT), max_size=3),
                     st.lists(st.sampled_from(["title", "date", "author"]), max_size=3, unique=True))
_DIGEST = st.builds(Digest, _ARTICLE, st.lists(_TEXT, max_size=4), st.one_of(st.none(), _TRANSLATION),
                    st.booleans(), st.booleans(), _MAYBE,
                    st.one_of(st.none(), st.builds(Changes, st.lists(_TEXT, max_size=3), st.integers(0, 50))))


def through_a_shard(digest: Digest) -> Digest:
    line = _utf8(record_line(digest)).decode("utf-8")  # strictly UTF-8 on disk
    return Digest.from_dict(json.loads(line))


@settings(max_examples=300, deadline=None)
@given(_DIGEST)
def test_a_batch_record_reads_back_as_the_digest_that_was_written(digest):
    assert through_a_shard(digest) == digest


@settings(max_examples=100, deadline=None)
@given(st.builds(Story, _TEXT, _TEXT, st.lists(_DIGEST, max_size=3), st.lists(_TEXT, max_size=3),
                 st.lists(st.builds(TimelineLine, _NAME, _MAYBE, _MAYBE, st.lists(_TEXT, max_size=2), _TEXT,
                                    st.lists(_TEXT, max_size=2)), max_size=3),
                 st.lists(_TEXT, max_size=3), st.lists(_TEXT, max_size=2),
                 st.one_of(st.none(), st.builds(StoryTranslation, _TRANSLATED, st.lists(_TRANSLATED, max_size=2),
                                                st.lists(_TRANSLATED, max_size=2)))))
def test_a_story_record_reads_back_as_the_story(story):
    assert Story.from_dict(json.loads(json.dumps(story.to_dict()))) == story


@pytest.mark.parametrize("record", [
    {"article": {}, "summary": []},  # no schema: written before records had one
    {"schema": RECORD_SCHEMA + 1, "article": {}, "summary": []},  # a later digest's
    {"schema": RECORD_SCHEMA, "article": {"path": "a"}, "summary": []},  # damaged
    {"schema": RECORD_SCHEMA, "article": {"path": "a", "title": "t", "paragraphs": 5}, "summary": []},
    ["not", "a", "record"],
])
def test_a_record_of_another_schema_or_damaged_is_refused(record):
    with pytest.raises(RecordError):
        Digest.from_dict(record)


def test_a_story_takes_english_only_for_its_own_texts():
    digest = Digest(Article("a.txt", "Tiêu đề", ["Câu một."]), ["Câu một."])
    story = Story("s1", "Tiêu đề", [digest], [], [TimelineLine("a.txt", None, None, [], "Câu một.")], ["Câu một."], [])
    english = [TranslatedText(vi, f"EN {vi}") for vi in story.texts()]
    story.set_translation(english)
    assert story.translation is not None and story.translation.summary[0].en == "EN Câu một."
    with pytest.raises(ValueError, match="does not match"):
        story.set_translation(english[1:] + english[:1])  # the right texts in the wrong places
