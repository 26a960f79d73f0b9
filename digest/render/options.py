"""What a caller tells the renderers: one object, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass

from digest.config import DEFAULT_LANG


@dataclass(frozen=True)
class MailOptions:
    """The envelope of an eml message: `to` is one or more addresses ("a@x.org, B <b@y.org>");
    `sender` defaults to the first recipient's address (named "digest"), `subject` to the
    briefing's title."""

    to: str
    sender: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class RenderOptions:
    """How every format lays out a digest.

    `lang` is vi, en or both; `explain` adds the removed lines; `run_date` (YYYY-MM-DD)
    heads the briefing and is the date undated articles are filed under; `mail` is
    read only by formats that need a recipient (eml)."""

    lang: str = DEFAULT_LANG  # the command line's default too
    explain: bool = False
    run_date: str = ""
    mail: MailOptions | None = None
    held_back: int = 0  # new articles --max-items left out of this briefing (a count, no links)
