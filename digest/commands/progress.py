"""Progress of a run on a terminal's stderr: a counter while fetching, a bar while reading,
a counter while translating."""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TextIO

import click

from digest.article import Source
from digest.errors import InputError
from digest.sources import InputRef


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalProgress:
    """digest.pipeline.Progress drawn with click on a terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown_translation = False
        self.shown_fetching = False

    @contextlib.contextmanager
    def reading(self, refs: list[InputRef | InputError | Source]
                ) -> Iterator[Iterable[InputRef | InputError | Source]]:
        with click.progressbar(refs, label="Reading articles", file=self.stream,
                               item_show_func=lambda ref: getattr(ref, "name", None) or getattr(ref, "path", None)
                               ) as bar:
            yield bar

    def translating(self, done: int, total: int) -> None:
        self.shown_translation = True
        self.stream.write(f"\rTranslating: {done} of {total} sentences through the model")
        self.stream.flush()

    def translated(self) -> None:
        if self.shown_translation:
            self.stream.write("\n")
            self.stream.flush()

    def fetching(self, done: int, total: int) -> None:
        """A counter, not a bar: a feed's links add to the total as the feed arrives."""
        self.shown_fetching = True
        self.stream.write(f"\rFetching: {done} of {total} URLs")
        self.stream.flush()

    def fetched(self) -> None:
        if self.shown_fetching:
            self.stream.write("\n")
            self.stream.flush()
