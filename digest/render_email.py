"""The briefing as a complete RFC 5322 message for `sendmail -t`: multipart/alternative
with the plain-text briefing and the HTML briefing, both UTF-8.

Bodies are quoted-printable or base64 (whichever is shorter) and headers RFC 2047-encoded,
so the message is 7-bit clean: it goes through any MTA, and through a pipe whatever
the locale says.
"""
from __future__ import annotations

import datetime as dt
import socket
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from digest.article import Digest
from digest.errors import UsageError
from digest.render import RenderOptions, briefing_text, briefing_title, newest_first
from digest.render_html import briefing_html

MAIL_POLICY = policy.default.clone(linesep="\n", cte_type="7bit")


def briefing_email(
    digests: list[Digest],
    options: RenderOptions,
    to: str | None,
    sender: str | None = None,
    subject: str | None = None,
) -> str:
    """The message as text, ending with a newline. `to` is required (a usage error
    without it); `sender` defaults to digest@<hostname>, `subject` to the briefing title."""
    if not to or not to.strip():
        raise UsageError("--format eml needs --to ADDRESS")
    ordered = newest_first(digests)
    message = EmailMessage(policy=MAIL_POLICY)
    _set_headers(message, ordered, options, to, sender, subject)
    message.set_content(briefing_text(ordered, options), subtype="plain", charset="utf-8")
    message.add_alternative(briefing_html(ordered, options), subtype="html", charset="utf-8")
    text = message.as_string()
    return text if text.endswith("\n") else text + "\n"


def _set_headers(message: EmailMessage, digests: list[Digest], options: RenderOptions,
                 to: str, sender: str | None, subject: str | None) -> None:
    host = _hostname()
    values = {
        "From": sender or f"digest@{host}",
        "To": to,
        "Subject": subject or briefing_title(digests, options),
        "Date": format_datetime(dt.datetime.now().astimezone()),
        "Message-ID": make_msgid(domain=host),  # the domain given: getfqdn() may wait on DNS
    }
    for name, value in values.items():
        try:
            message[name] = value
        except (ValueError, TypeError) as err:  # e.g. a newline smuggled into --subject
            raise UsageError(f"bad {name} header for --format eml: {err}") from None
        defects = getattr(message[name], "defects", ())
        if name in ("From", "To") and (defects or not message[name].addresses):
            raise UsageError(f"--{name.lower()}: {value!r} is not an email address")


def _hostname() -> str:
    return socket.gethostname() or "localhost"
