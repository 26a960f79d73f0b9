"""What every format shows of a story (digest.stories.Story), decided once: its labels,
headline, outlets and dates, timeline lines and summary in the chosen language(s)."""

from __future__ import annotations

from dataclasses import dataclass

from digest.model import Story, TimelineLine, TranslatedText
from digest.render.common import Bilingual, display_date, printable, shown
from digest.render.options import RenderOptions


@dataclass(frozen=True)
class StoryLabels:
    outlets: str
    dates: str
    articles: str
    timeline: str
    summary: str
    why: str
    alone: str
    copies: str
    no_outlet: str
    briefed_before: str


STORY_LABELS = {
    "vi": StoryLabels("Báo đưa tin", "Ngày", "Bài", "Diễn biến", "Tóm tắt câu chuyện", "Vì sao gộp",
                      "Vì sao đứng riêng", "bản sao", "không ghi nguồn", "đã điểm tin trước"),
    "en": StoryLabels("Outlets", "Dates", "Articles", "Timeline", "Story summary", "Why grouped",
                      "Why alone", "copies", "outlet not stated", "briefed before"),
}
STORY_LABELS["both"] = STORY_LABELS["en"]


def is_single(story: Story) -> bool:
    """A story of one article is shown as that article."""
    return len(story.articles) == 1


def headline(story: Story, lang: str) -> Bilingual:
    if story.translation is None:
        return Bilingual(story.title, "vi")
    english = story.translation.title
    return shown(TranslatedText(story.title, english.en, flags=english.flags), lang)


def summary(story: Story, lang: str) -> list[Bilingual]:
    if story.translation is None:
        return [Bilingual(sentence, "vi") for sentence in story.summary]
    return [shown(sentence, lang) for sentence in story.translation.summary]


@dataclass(frozen=True)
class Line:
    date: str
    outlets: str
    text: Bilingual


def timeline(story: Story, options: RenderOptions) -> list[Line]:
    """One line per distinct article, oldest first: its date as stated, its outlets (and
    its copies'), and its lead."""
    english = story.translation.timeline if story.translation is not None else []
    lines = []
    labels = STORY_LABELS[options.lang]
    earlier = {d.article.path for d in story.articles if d.briefed_before}
    for k, entry in enumerate(story.timeline):
        text = shown(english[k], options.lang) if k < len(english) else Bilingual(entry.text, "vi")
        named = outlets(entry, options)
        if entry.input in earlier:  # under --new: the story is here for its news, this line is not
            named = f"{named} · {labels.briefed_before}"
        lines.append(Line(_entry_date(story, entry, options), named, text))
    return lines


def outlets(entry: TimelineLine, options: RenderOptions) -> str:
    labels = STORY_LABELS[options.lang]
    named = printable(", ".join(entry.outlets)) or labels.no_outlet
    return f"{named} (+{len(entry.copies)} {labels.copies})" if entry.copies else named


def meta_pairs(story: Story, options: RenderOptions) -> list[tuple[str, str]]:
    """(label, value): the outlets, the first and last dates, the number of articles."""
    labels = STORY_LABELS[options.lang]
    dates = [_entry_date(story, entry, options) for entry in story.timeline]
    span = dates[0] if len(set(dates)) == 1 else f"{dates[0]} → {dates[-1]}"
    return [(labels.outlets, printable(", ".join(story.outlets)) or labels.no_outlet), (labels.dates, span),
            (labels.articles, str(len(story.articles)))]


def reasons(story: Story, options: RenderOptions) -> tuple[str, list[str]]:
    """The heading and lines --explain shows for a story."""
    labels = STORY_LABELS[options.lang]
    return (labels.alone if is_single(story) else labels.why), [printable(line) for line in story.reason]


def _entry_date(story: Story, entry: TimelineLine, options: RenderOptions) -> str:
    digest = next(d for d in story.articles if d.article.path == entry.input)
    return display_date(digest, options)

