"""eml: the briefing as a complete RFC 5322 message for `sendmail -t`,
multipart/alternative with the plain-text briefing and the HTML briefing, both UTF-8.

Bodies are quoted-printable or base64 (whichever is shorter) and headers RFC 2047-encoded,
so the message is 7-bit clean: it goes through any MTA, and through a pipe whatever
the locale says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from digest.errors import UsageError
from digest.model import Digest, Story
from digest.render.common import briefing_title
from digest.render.html import briefing as html_briefing
from digest.render.options import MailOptions, RenderOptions
from digest.render.text import briefing as text_briefing

if TYPE_CHECKING:
    from email.message import EmailMessage

# The email package (about 10 ms to import) loads only when a message is made:
# `digest run --help` imports digest.render for the format names.


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """The message as text, ending with a newline: the text and HTML briefings of
    `digests` (in the order given), addressed as `options.mail` says. Without a
    recipient, or with a header that isn't valid, it raises UsageError."""
    from email import policy
    from email.message import EmailMessage

    mail = options.mail
    if mail is None or not mail.to.strip():
        raise UsageError("--format eml needs --to ADDRESS")
    message = EmailMessage(policy=policy.default.clone(linesep="\n", cte_type="7bit"))
    _set_headers(message, digests, options, mail, stories)
    message.set_content(text_briefing(digests, options, stories), subtype="plain", charset="utf-8")
    message.add_alternative(html_briefing(digests, options, stories), subtype="html", charset="utf-8")
    body = message.as_string()
    return body if body.endswith("\n") else body + "\n"


def _set_headers(message: EmailMessage, digests: Sequence[Digest], options: RenderOptions, mail: MailOptions,
                 stories: Sequence[Story] | None = None) -> None:
    from email.utils import format_datetime, make_msgid

    host = _hostname()
    values = {
        "From": mail.sender or _default_sender(mail.to, host),
        "To": mail.to,
        "Subject": mail.subject or briefing_title(digests, options, None if stories is None else len(stories)),
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


def _default_sender(to: str, host: str) -> str:
    """The first recipient's own address, named "digest": a briefing one mails oneself is
    from a mailbox that exists (SMTP servers refuse or junk a made-up digest@<hostname>)."""
    from email.utils import formataddr, getaddresses

    first = next((address for _, address in getaddresses([to]) if "@" in address), None)
    return formataddr(("digest", first)) if first else f"digest@{host}"


def _hostname() -> str:
    import socket

    return socket.gethostname() or "localhost"
