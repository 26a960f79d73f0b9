"""Progress of a run on a terminal's stderr: a counter while fetching, a bar while reading,
a counter while translating."""
from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TextIO

import click

from digest.errors import InputError
from digest.model import Source
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
        self.counting = False  # a counter line is open and needs its newline

    @contextlib.contextmanager
    def reading(self, refs: list[InputRef | InputError | Source]
                ) -> Iterator[Iterable[InputRef | InputError | Source]]:
        with click.progressbar(refs, label="Reading articles", file=self.stream,
                               item_show_func=lambda ref: getattr(ref, "name", None) or getattr(ref, "path", None)
                               ) as bar:
            yield bar

    def translating(self, done: int, total: int) -> None:
        self._count(f"Translating: {done} of {total} sentences through the model")

    def translated(self) -> None:
        self._end_count()

    def fetching(self, done: int, total: int) -> None:
        """A counter, not a bar: a feed's links add to the total as the feed arrives."""
        self._count(f"Fetching: {done} of {total} URLs")

    def fetched(self) -> None:
        self._end_count()

    def _count(self, line: str) -> None:
        """A counter rewritten in place on one line of the terminal."""
        self.counting = True
        self.stream.write(f"\r{line}")
        self.stream.flush()

    def _end_count(self) -> None:
        if self.counting:
            self.counting = False
            self.stream.write("\n")
            self.stream.flush()
