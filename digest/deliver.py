"""Mailing a briefing: to the local mail program (`sendmail -t`), or straight to an SMTP
server (`smtp://` with STARTTLS, `smtps://` with TLS from the first byte).

digest's mail code is all here; of it, only smtp_send and check_smtp touch the network,
and only the server the URL names. smtplib, ssl and the email package load only when
they are used (`digest --help` imports none of them).

The SMTP rules:

- the URL is `smtp://[user@]host[:port]` (STARTTLS, port 587 unless given) or
  `smtps://[user@]host[:port]` (implicit TLS, port 465 unless given); the user may be
  percent-encoded (`me%40example.org@smtp.example.org`). A password in the URL is
  refused: it would show in `ps`, in shell history and in the config file.
- the password is $DIGEST_SMTP_PASSWORD, else the `machine HOST login USER password PW`
  entry of ~/.netrc (or $NETRC), whose login must be the URL's user. A ~/.netrc that
  group or others may read is refused, as Python's netrc and ssh refuse theirs. Without a
  user in the URL nothing is read and digest does not log in (a relay that trusts the
  machine).
- smtp:// always needs STARTTLS, login or not: a server that doesn't offer it is never
  sent the password nor the briefing in clear. The certificate is checked against the
  system's trusted authorities and the URL's host name.
- the recipients are the addresses of the message's To, Cc and Bcc headers (as
  `sendmail -t` takes them), the sender its Sender, else From. Bcc headers are removed;
  the rest of the message goes as it is, line ends made CRLF.
- the briefing is delivered when the server has accepted it for every recipient; any
  failure (a recipient refused, the others accepted, included) is one OutputError line
  starting "cannot mail the briefing: ".
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest import config
from digest.errors import OutputError, UsageError, shown

if TYPE_CHECKING:
    import smtplib
    import ssl

FAILED = "cannot mail the briefing: "

SMTP_PORT = 587  # submission, with STARTTLS (RFC 6409)
SMTPS_PORT = 465  # submission over implicit TLS (RFC 8314)


def sendmail(message: str, timeout: float = 300.0) -> None:
    """Hand the message to the local mail program (`sendmail -t`: recipients from its
    headers); anything but exit 0 is an OutputError, and nothing counts as briefed.

    Its exit is what counts, not the end of its output: a sendmail that leaves a child
    behind holding stdout or stderr (a queue runner) has still accepted the mail. So
    stdout goes to /dev/null and stderr to a temporary file (its last line is the
    reason given on failure), and only the program itself is waited for, `timeout`
    seconds at most, the message's writing included."""
    import os
    import subprocess
    import tempfile

    program = config.sendmail_program()
    if program is None:
        raise OutputError("cannot mail the briefing: no sendmail program found (set $DIGEST_SENDMAIL)")
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen([program, "-t"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=errors)
        except OSError as err:
            raise OutputError(f"cannot mail the briefing: {program}: {err.strerror or err}") from None
        try:
            # With only stdin a pipe, communicate() writes the message (a sendmail that
            # stops reading can't block it past the time-out) and then waits for the exit.
            process.communicate(message.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise OutputError(f"cannot mail the briefing: {program} did not finish within {timeout:g} s") from None
        except BaseException:  # Ctrl-C or SIGTERM: no mail goes out that the run can't mark
            process.kill()
            process.wait()
            raise
        if process.returncode != 0:
            errors.seek(max(0, errors.seek(0, os.SEEK_END) - 4096))
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            reason = f": {said[-1].strip()}" if said else ""
            status = (f"was killed by signal {-process.returncode}" if process.returncode < 0
                      else f"exited {process.returncode}")
            raise OutputError(f"cannot mail the briefing: sendmail {status}{reason}")


# --- SMTP ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SmtpTarget:
    """Where an SMTP URL points: the server, how the connection is encrypted, and whom
    to log in as (None: no login)."""

    host: str
    port: int
    implicit_tls: bool  # smtps://: TLS from the first byte; smtp://: STARTTLS
    user: str | None = None

    @property
    def where(self) -> str:
        """host:port, as messages show it ([::1]:587 for an IPv6 address)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def security(self) -> str:
        return "TLS" if self.implicit_tls else "STARTTLS"


def parse_smtp_url(url: str) -> SmtpTarget:
    """The server an `smtp://[user@]host[:port]` or `smtps://[user@]host[:port]` URL names;
    anything else (another scheme, no host, a bad port, a password, a path) is a
    UsageError. The URL is never shown when it holds a password."""
    from urllib.parse import unquote, urlsplit

    text = url.strip()
    authority = text.partition("://")[2]
    for end in "/?#":
        authority = authority.partition(end)[0]
    if ":" in authority.rpartition("@")[0]:  # user:password@: refused, and never echoed
        raise UsageError(_PASSWORD_IN_URL)
    bad = f"bad SMTP URL {shown(text)!r}"
    if not text or any(ch.isspace() or not ch.isprintable() for ch in text):
        raise UsageError(f"{bad}: expected smtp://[user@]host[:port] or smtps://[user@]host[:port]")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as err:
        raise UsageError(f"{bad}: {err}") from None
    if parts.password is not None:
        raise UsageError(_PASSWORD_IN_URL)
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        raise UsageError(f"{bad}: expected smtp://[user@]host[:port] (STARTTLS) or smtps://[user@]host[:port] (TLS)")
    host = parts.hostname
    if not host:
        raise UsageError(f"{bad}: no host name")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "#" in text or "?" in text:
        raise UsageError(f"{bad}: expected nothing after the host and port")
    if port == 0:
        raise UsageError(f"{bad}: port 0")
    user = None
    if parts.username is not None:
        user = unquote(parts.username)
        if not user:
            raise UsageError(f"{bad}: empty user name before '@'")
    implicit = scheme == "smtps"
    return SmtpTarget(host=host, port=port or (SMTPS_PORT if implicit else SMTP_PORT),
                      implicit_tls=implicit, user=user)


_PASSWORD_IN_URL = ("SMTP URL: don't put the password in the URL (it shows in ps and in files); "
                    "set $DIGEST_SMTP_PASSWORD or put it in ~/.netrc")


def smtp_password(target: SmtpTarget) -> str | None:
    """The password to log in to `target` with: None when the URL names no user (no login),
    else $DIGEST_SMTP_PASSWORD, else the ~/.netrc entry for the host with the URL's user
    as login. A user without a password anywhere is an OutputError (before connecting)."""
    if target.user is None:
        return None
    password = config.smtp_password_from_env()
    if password is None:
        password = _netrc_password(target.host, target.user)
    if password is None:
        raise OutputError(
            f"{FAILED}no password for {shown(target.user)} at {shown(target.host)}: set $DIGEST_SMTP_PASSWORD, "
            f"or add 'machine {shown(target.host)} login {shown(target.user)} password ...' "
            f"to {shown(config.netrc_path())}")
    return password


def _netrc_password(host: str, user: str) -> str | None:
    import netrc
    import os
    import stat

    path = config.netrc_path()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as err:
        raise OutputError(f"{FAILED}cannot read {shown(path)}: {err.strerror or err}") from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise OutputError(f"{FAILED}{shown(path)} may be read by others: it holds passwords (chmod 600 it)")
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except netrc.NetrcParseError as err:
        raise OutputError(f"{FAILED}{shown(path)}, line {err.lineno}: {err.msg}") from None
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise OutputError(f"{FAILED}cannot read {shown(path)}: {reason}") from None
    if entry is None:
        return None
    login, _account, password = entry
    if login and login != user:  # an entry for another account on that host
        return None
    return password or None


def smtp_send(message: str, url: str, timeout: float = 60.0, ssl_context: ssl.SSLContext | None = None) -> None:
    """Send `message` (an RFC 5322 message, as `--format eml` renders it) through the SMTP
    server `url` names: connect, TLS (STARTTLS for smtp://, required), log in when the
    URL names a user, and send it to the To, Cc and Bcc addresses. It returns when the
    server has accepted the message for every recipient; anything else is an OutputError.

    `timeout` bounds each step (connecting, each of the server's replies), not the whole;
    `ssl_context` is the trust to check the server's certificate with (the system's by
    default)."""
    target = parse_smtp_url(url)
    sender, recipients, data = _envelope(message)
    password = smtp_password(target)
    with _session(target, password, timeout, ssl_context) as (smtp, progress):
        progress.step = "sending the message"
        options: list[str] = []
        if not all(address.isascii() for address in (sender, *recipients)):
            if not smtp.has_extn("smtputf8"):
                raise OutputError(f"{FAILED}{target.where} does not take addresses that are not ASCII (no SMTPUTF8)")
            options += ["SMTPUTF8", "BODY=8BITMIME"]
        elif not data.isascii() and smtp.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        refused = smtp.sendmail(sender, recipients, data, options)
        if refused:  # accepted for some recipients only: not delivered, as far as digest goes
            raise OutputError(f"{FAILED}{target.where} refused {_refused(refused)} "
                              "(the other recipients were sent the briefing)")


def check_smtp(url: str, timeout: float = 20.0, ssl_context: ssl.SSLContext | None = None) -> str:
    """For `digest doctor`: connect to the server `url` names, set up TLS and log in as
    smtp_send would, then QUIT without sending anything. Returns what was checked, e.g.
    "smtp.example.org:587, STARTTLS, logged in as me"; failures are smtp_send's lines."""
    target = parse_smtp_url(url)
    password = smtp_password(target)
    with _session(target, password, timeout, ssl_context):
        pass
    login = "no login" if target.user is None else f"logged in as {target.user}"
    return f"{target.where}, {target.security}, {login}"


@dataclass
class _Progress:
    step: str = "connecting"


@contextlib.contextmanager
def _session(target: SmtpTarget, password: str | None, timeout: float,
             ssl_context: ssl.SSLContext | None) -> Iterator[tuple[smtplib.SMTP, _Progress]]:
    """A connection to `target`, encrypted and logged in; every failure inside (the
    caller's too) becomes one OutputError line. QUIT when the block ends well, else the
    connection is simply closed."""
    import smtplib
    import ssl

    context = ssl_context if ssl_context is not None else ssl.create_default_context()
    progress = _Progress()
    smtp: smtplib.SMTP | None = None
    try:
        local = _local_hostname()
        if target.implicit_tls:
            smtp = smtplib.SMTP_SSL(target.host, target.port, local_hostname=local, timeout=timeout,
                                    context=context)
        else:
            smtp = smtplib.SMTP(target.host, target.port, local_hostname=local, timeout=timeout)
        progress.step = "exchanging greetings (EHLO)"
        smtp.ehlo()
        if not target.implicit_tls:
            if not smtp.has_extn("starttls"):
                what = "the password" if password is not None else "the briefing"
                raise OutputError(f"{FAILED}{target.where} does not offer STARTTLS; refusing to send {what} in "
                                  "clear (smtps:// is the other way)")
            progress.step = "starting TLS"
            smtp.starttls(context=context)
            smtp.ehlo()
        if target.user is not None and password is not None:
            progress.step = "logging in"
            if not smtp.has_extn("auth"):
                raise OutputError(f"{FAILED}{target.where} offers no login (AUTH) to {shown(target.user)}")
            _login(smtp, target, password)
        yield smtp, progress
    except OutputError:
        raise
    except Exception as err:
        raise OutputError(FAILED + _failure(err, target, progress.step, timeout)) from None
    else:
        with contextlib.suppress(Exception):  # accepted already: a failed goodbye changes nothing
            smtp.quit()
    finally:
        if smtp is not None:
            smtp.close()


def _login(smtp: smtplib.SMTP, target: SmtpTarget, password: str) -> None:
    """One login attempt (smtplib.login would try each mechanism in turn, each a failed
    login on the server's count): AUTH PLAIN when offered, with the credentials in UTF-8
    (RFC 4616; smtplib can only send ASCII), else AUTH LOGIN, else what smtplib finds."""
    import base64
    import smtplib

    user = target.user or ""
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in offered:
        token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
        code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply)
    elif not (user + password).isascii():  # and smtplib's mechanisms can't carry it
        raise OutputError(f"{FAILED}{target.where} offers no AUTH PLAIN, and smtplib can log in only with an "
                          f"ASCII user name and password: cannot log in as {shown(user)}")
    elif "LOGIN" in offered:
        smtp.user, smtp.password = user, password
        smtp.auth("LOGIN", smtp.auth_login)
    else:
        smtp.login(user, password)


def _local_hostname() -> str:
    # Given, so smtplib doesn't call getfqdn(), which may wait on DNS.
    import socket

    name = socket.gethostname()
    return name if name and name.isascii() else "localhost"  # EHLO takes ASCII only


def _failure(err: BaseException, target: SmtpTarget, step: str, timeout: float) -> str:
    """The one line (after "cannot mail the briefing: ") that says what went wrong."""
    import smtplib
    import socket
    import ssl

    where = target.where
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return f"{where} refused {_refused(err.recipients)}"
    if isinstance(err, smtplib.SMTPSenderRefused):
        return f"{where} refused the sender {shown(err.sender)}: {_reply(err.smtp_code, err.smtp_error)}"
    if isinstance(err, smtplib.SMTPAuthenticationError):
        return f"{where} refused the login for {shown(target.user)}: {_reply(err.smtp_code, err.smtp_error)}"
    if isinstance(err, smtplib.SMTPServerDisconnected) and isinstance(err.__context__, TimeoutError):
        return f"{where} did not answer within {timeout:g} s (while {step})"  # smtplib's name for a time-out
    if isinstance(err, smtplib.SMTPServerDisconnected):
        if step == "sending the message":
            return f"{where} closed the connection before accepting the message"
        return f"{where} closed the connection while {step}"
    if isinstance(err, smtplib.SMTPDataError):
        return f"{where} refused the message: {_reply(err.smtp_code, err.smtp_error)}"
    if isinstance(err, smtplib.SMTPConnectError):
        return f"{where} refused the session: {_reply(err.smtp_code, err.smtp_error)}"
    if isinstance(err, smtplib.SMTPResponseException):
        return f"{where} answered {_reply(err.smtp_code, err.smtp_error)} while {step}"
    if isinstance(err, smtplib.SMTPException):
        return f"SMTP error with {where} while {step}: {shown(err)}"
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"TLS with {where} failed: its certificate is not trusted ({shown(err.verify_message or err)})"
    if isinstance(err, ssl.SSLError):
        return f"TLS with {where} failed: {shown(err.reason or err)}"
    if isinstance(err, TimeoutError):  # socket.timeout too
        return f"{where} did not answer within {timeout:g} s (while {step})"
    if isinstance(err, ConnectionRefusedError):
        return f"{where} refused the connection (no SMTP server listens there)"
    if isinstance(err, socket.gaierror):
        return f"cannot find the host {shown(target.host)}: {shown(err.strerror or err)}"
    if isinstance(err, OSError):
        return f"cannot reach {where}: {shown(err.strerror or err)}"
    raise err  # a bug: not a failure to describe


def _reply(code: int, text: bytes | str) -> str:
    """A server's reply on one line: '550 5.1.1 no such user'."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return shown(" ".join(f"{code} {text}".split()))


def _refused(recipients: dict[str, tuple[int, bytes]]) -> str:
    """'the recipient a@x (550 no such user)', or 'the recipients a@x (...), b@y (...)'."""
    each = ", ".join(f"{shown(address)} ({_reply(*reply)})" for address, reply in recipients.items())
    return f"the recipient{'s' if len(recipients) > 1 else ''} {each}" if recipients else "every recipient"


def _envelope(message: str) -> tuple[str, list[str], bytes]:
    """The sender, the recipients and the bytes to send: as `sendmail -t` does, the
    addresses come from the headers (Sender, else From; To, Cc and Bcc), the Bcc headers
    are removed, and the rest goes unchanged, with CRLF line ends, in UTF-8."""
    from email import policy
    from email.parser import Parser

    headers = Parser(policy=policy.default).parsestr(message, headersonly=True)

    def addresses(name: str) -> list[str]:
        found = []
        for value in headers.get_all(name, []):
            try:
                found += [a.addr_spec for a in getattr(value, "addresses", ()) if a.username]
            except (ValueError, TypeError, IndexError):  # a header the parser can't split
                continue
        return found

    senders = addresses("Sender") or addresses("From")
    if not senders:
        raise OutputError(f"{FAILED}the message has no From address")
    recipients = list(dict.fromkeys(addresses("To") + addresses("Cc") + addresses("Bcc")))
    if not recipients:
        raise OutputError(f"{FAILED}the message has no recipient (no To, Cc or Bcc address)")
    return senders[0], recipients, _without_bcc(message).encode("utf-8")


def _without_bcc(message: str) -> str:
    """`message` with CRLF line ends and no Bcc or Resent-Bcc header (nor their folded lines)."""
    import re

    # Only LF (or CRLF) ends a line: text may hold U+2028 or a form feed, kept as they are.
    lines = [line.removesuffix("\r") for line in message.removesuffix("\n").split("\n")]
    kept: list[str] = []
    dropping = False
    for number, line in enumerate(lines):
        if not line:  # the end of the headers: the body goes as it is
            kept += lines[number:]
            break
        if line[0] in " \t":  # a folded line of the header above
            if not dropping:
                kept.append(line)
            continue
        dropping = re.match(r"(?i)(resent-)?bcc[ \t]*:", line) is not None
        if not dropping:
            kept.append(line)
    return "\r\n".join(kept) + "\r\n"
