"""Mailing the briefing over SMTP (digest.deliver), against a real server on 127.0.0.1:
what the server receives when it accepts, and the one line digest says for each way it
can fail. Nothing here leaves 127.0.0.1."""
from __future__ import annotations

import email
import socket
import stat
import sys
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

pytest_plugins = ["tests.smtp_server"]
from digest.deliver import SmtpTarget, check_smtp, parse_smtp_url, sendmail, smtp_send  # noqa: E402
from digest.errors import OutputError, UsageError  # noqa: E402
from tests.smtp_server import ASCII_PASSWORD, ASCII_USER, HOST, PASSWORD, USER, closed_port  # noqa: E402

TIMEOUT = 10.0  # each step against the local server; a failure is never a wait this long

BODY = "Hà Nội: Quốc hội thông qua luật Đất đai sửa đổi.\n.Dòng bắt đầu bằng dấu chấm\nKết thúc.\n"
MESSAGE_8BIT = (
    "From: Bản tin <digest@example.org>\n"
    "To: An <an@example.org>,\n"
    "  binh@example.org\n"
    "Cc: chi@example.org\n"
    "Bcc: secret@example.org,\n"
    "  hidden@example.org\n"
    "Subject: =?utf-8?q?B=E1=BA=A3n_tin?=\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n" + BODY
)
RECIPIENTS = ["an@example.org", "binh@example.org", "chi@example.org", "secret@example.org", "hidden@example.org"]


def sent_form(message: str) -> bytes:
    """What the server must receive: the message without its Bcc lines, CRLF line ends."""
    lines = [line for line in message.split("\n")[:-1] if not line.startswith(("Bcc:", "  hidden", "  secret"))]
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8")


def failure(call, *args, **kwargs) -> str:
    """The one OutputError line `call` raises."""
    with pytest.raises(OutputError) as caught:
        call(*args, **kwargs)
    line = caught.value.message
    assert "\n" not in line and "\r" not in line
    assert line.startswith("cannot mail the briefing: "), line
    return line


def send(server, message: str = MESSAGE_8BIT, user: str | None = USER, **kwargs) -> None:
    kwargs.setdefault("ssl_context", server.client_context)
    smtp_send(message, server.url(user), timeout=TIMEOUT, **kwargs)


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)


def write_netrc(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


# --- delivered ---------------------------------------------------------------------------

def test_delivered_with_starttls_and_login(smtp_server, password):
    server = smtp_server()
    send(server)
    [received] = server.messages
    assert received.mail_from == "digest@example.org"
    assert received.rcpt_tos == RECIPIENTS  # To, Cc and Bcc, folded lines included
    assert received.content == sent_form(MESSAGE_8BIT)  # byte for byte: UTF-8 intact, no Bcc
    parsed = email.message_from_bytes(received.content, policy=policy.default)
    assert parsed.get_content() == BODY.replace("\n", "\r\n") or parsed.get_content().replace("\r\n", "\n") == BODY
    assert "Bcc" not in parsed and b"secret@" not in received.content
    assert server.logins == [("PLAIN", USER, PASSWORD)]  # the non-ASCII password, as UTF-8


def test_delivered_as_the_eml_renderer_writes_it(smtp_server, monkeypatch):
    """A 7-bit message (quoted-printable UTF-8, LF line ends) like --format eml's, to a
    server without AUTH PLAIN: smtplib's AUTH LOGIN, with an ASCII account."""
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", ASCII_PASSWORD)
    message = EmailMessage(policy=policy.default.clone(linesep="\n", cte_type="7bit"))
    message["From"] = "digest@example.org"
    message["To"] = "Nguyễn Văn An <an@example.org>"
    message["Subject"] = "Bản tin sáng"
    message.set_content(BODY, charset="utf-8")
    text = message.as_string()
    assert text.isascii()
    server = smtp_server(auth_exclude_mechanism=["PLAIN"])
    smtp_send(text, server.url(ASCII_USER), timeout=TIMEOUT, ssl_context=server.client_context)
    [received] = server.messages
    assert received.rcpt_tos == ["an@example.org"]
    assert received.content == text.replace("\n", "\r\n").encode("ascii")
    parsed = email.message_from_bytes(received.content, policy=policy.default)
    assert parsed.get_content().replace("\r\n", "\n") == BODY
    assert str(parsed["To"]) == "Nguyễn Văn An <an@example.org>"
    assert server.logins == [("LOGIN", ASCII_USER, ASCII_PASSWORD)]


def test_non_ascii_password_without_auth_plain(smtp_server, password):
    server = smtp_server(auth_exclude_mechanism=["PLAIN"])
    line = failure(send, server)
    assert line == (f"cannot mail the briefing: {HOST}:{server.port} offers no AUTH PLAIN, and smtplib can log "
                    f"in only with an ASCII user name and password: cannot log in as {USER}")
    assert server.logins == [] and server.messages == []


def test_delivered_over_implicit_tls(smtp_server, password):
    server = smtp_server("smtps")
    assert server.url().startswith("smtps://")
    send(server)
    [received] = server.messages
    assert received.content == sent_form(MESSAGE_8BIT)
    assert [login for _, login, _ in server.logins] == [USER]


def test_no_user_means_no_login(smtp_server):
    server = smtp_server()
    send(server, user=None)
    assert len(server.messages) == 1
    assert server.logins == []


def test_password_from_netrc(smtp_server, tmp_path, monkeypatch):
    netrc = write_netrc(tmp_path / "netrc", f"machine other.example login {USER} password wrong\n"
                                            f"machine {HOST} login {USER} password {PASSWORD}\n")
    monkeypatch.setenv("NETRC", str(netrc))
    server = smtp_server()
    send(server)
    assert len(server.messages) == 1
    assert [(login, pw) for _, login, pw in server.logins] == [(USER, PASSWORD)]


def test_the_environment_comes_before_netrc(smtp_server, tmp_path, monkeypatch, password):
    netrc = write_netrc(tmp_path / "netrc", f"machine {HOST} login {USER} password wrong\n")
    monkeypatch.setenv("NETRC", str(netrc))
    server = smtp_server()
    send(server)
    assert len(server.messages) == 1


# --- no password: refused before connecting ------------------------------------------------

def test_no_password_anywhere(smtp_server, tmp_path, monkeypatch):
    server = smtp_server()
    line = failure(send, server)
    assert line.startswith(f"cannot mail the briefing: no password for {USER} at {HOST}: set $DIGEST_SMTP_PASSWORD")
    assert "absent-netrc" in line
    assert server.logins == [] and server.messages == []


def test_netrc_entry_for_another_login_is_not_used(smtp_server, tmp_path, monkeypatch):
    monkeypatch.setenv("NETRC", str(write_netrc(tmp_path / "netrc", f"machine {HOST} login someone password x\n")))
    server = smtp_server()
    assert "no password for" in failure(send, server)
    assert server.logins == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_netrc_others_may_read_is_refused(smtp_server, tmp_path, monkeypatch):
    netrc = write_netrc(tmp_path / "netrc", f"machine {HOST} login {USER} password {PASSWORD}\n", mode=0o644)
    monkeypatch.setenv("NETRC", str(netrc))
    server = smtp_server()
    line = failure(send, server)
    assert line == f"cannot mail the briefing: {netrc} may be read by others: it holds passwords (chmod 600 it)"
    assert stat.S_IMODE(netrc.stat().st_mode) == 0o644  # digest never changes it
    assert server.logins == [] and server.messages == []


def test_netrc_that_does_not_parse(smtp_server, tmp_path, monkeypatch):
    monkeypatch.setenv("NETRC", str(write_netrc(tmp_path / "netrc", f"machine {HOST}\ngarbage here\n")))
    line = failure(send, smtp_server())
    assert line.startswith(f"cannot mail the briefing: {tmp_path / 'netrc'}, line 2: bad ")
    assert "garbage" in line


# --- the server says no ------------------------------------------------------------------

def test_wrong_password_is_the_login_line(smtp_server, monkeypatch):
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "not-the-password")
    server = smtp_server()
    line = failure(send, server)
    assert line.startswith(f"cannot mail the briefing: {HOST}:{server.port} refused the login for {USER}: 535")
    assert server.messages == []
    assert server.logins == [("PLAIN", USER, "not-the-password")]  # one try, not one per mechanism


def test_refused_recipient_is_named(smtp_server, password):
    server = smtp_server()
    server.handler.refuse.add("an@example.org")
    message = MESSAGE_8BIT.replace("  binh@example.org\n", "").replace("An <an@example.org>,", "An <an@example.org>")
    message = "\n".join(line for line in message.split("\n") if not line.startswith(("Cc:", "Bcc:", "  hidden")))
    line = failure(send, server, message)
    assert line == (f"cannot mail the briefing: {HOST}:{server.port} refused the recipient an@example.org "
                    "(550 5.1.1 <an@example.org>: no such user here)")
    assert server.messages == []


def test_one_refused_recipient_of_several_is_a_failure(smtp_server, password):
    server = smtp_server()
    server.handler.refuse.update({"binh@example.org", "hidden@example.org"})
    line = failure(send, server)
    assert "refused the recipients binh@example.org (550 5.1.1 <binh@example.org>: no such user here), " \
           "hidden@example.org (550" in line
    assert line.endswith("(the other recipients were sent the briefing)")
    [received] = server.messages  # the server did take it for the others
    assert received.rcpt_tos == ["an@example.org", "chi@example.org", "secret@example.org"]


def test_server_gone_in_the_middle_of_the_message(smtp_server, password):
    server = smtp_server()
    server.handler.drop_in_data = True
    line = failure(send, server)
    assert line == f"cannot mail the briefing: {HOST}:{server.port} closed the connection before accepting the message"
    assert server.messages == []


# --- no encryption, no password ----------------------------------------------------------

def test_no_starttls_offered_means_no_login(smtp_server, password):
    server = smtp_server("plain")
    line = failure(send, server)
    assert line == (f"cannot mail the briefing: {HOST}:{server.port} does not offer STARTTLS; "
                    "refusing to send the password in clear (smtps:// is the other way)")
    assert server.logins == [] and server.messages == []


def test_no_starttls_offered_means_no_briefing_in_clear(smtp_server):
    server = smtp_server("plain")
    line = failure(send, server, user=None)
    assert "does not offer STARTTLS; refusing to send the briefing in clear" in line
    assert server.messages == []


@pytest.mark.parametrize("kind", ["starttls", "smtps"])
def test_untrusted_certificate(smtp_server, password, kind):
    server = smtp_server(kind)
    line = failure(send, server, ssl_context=None)  # the system's authorities: the test CA is not one
    assert line.startswith(f"cannot mail the briefing: TLS with {HOST}:{server.port} failed: "
                           "its certificate is not trusted (")
    assert server.logins == [] and server.messages == []


def test_certificate_for_another_name(smtp_server, password, tmp_path):
    from tests.smtp_server import make_certificate

    server = smtp_server()
    other = make_certificate(tmp_path / "other", names=("mail.example.org",))
    # A context that trusts only the other CA: the server's certificate isn't its.
    line = failure(send, server, ssl_context=other.client_context())
    assert f"TLS with {HOST}:{server.port} failed: its certificate is not trusted" in line
    assert server.logins == []


def test_smtps_url_against_a_starttls_server(smtp_server, password):
    server = smtp_server()
    url = server.url().replace("smtp://", "smtps://")
    line = failure(smtp_send, MESSAGE_8BIT, url, timeout=TIMEOUT, ssl_context=server.client_context)
    assert line.startswith(f"cannot mail the briefing: TLS with {HOST}:{server.port} failed: ")
    assert server.logins == [] and server.messages == []


# --- nobody there ------------------------------------------------------------------------

def test_connection_refused(password):
    port = closed_port()
    line = failure(smtp_send, MESSAGE_8BIT, f"smtp://{USER.replace('@', '%40')}@{HOST}:{port}", timeout=TIMEOUT)
    assert line == f"cannot mail the briefing: {HOST}:{port} refused the connection (no SMTP server listens there)"


def test_server_that_never_answers(password):
    with socket.socket() as listening:  # accepts connections (the kernel's backlog), says nothing
        listening.bind((HOST, 0))
        listening.listen(1)
        port = listening.getsockname()[1]
        line = failure(smtp_send, MESSAGE_8BIT, f"smtp://{HOST}:{port}", timeout=0.3)
    assert line == f"cannot mail the briefing: {HOST}:{port} did not answer within 0.3 s (while connecting)"


# --- the message itself ------------------------------------------------------------------

def test_message_without_recipient(smtp_server):
    server = smtp_server()
    line = failure(send, server, "From: digest@example.org\nSubject: x\n\nbody\n", user=None)
    assert line == "cannot mail the briefing: the message has no recipient (no To, Cc or Bcc address)"
    assert server.messages == []


def test_message_without_sender(smtp_server):
    line = failure(send, smtp_server(), "To: an@example.org\nSubject: x\n\nbody\n", user=None)
    assert line == "cannot mail the briefing: the message has no From address"


# --- check_smtp (digest doctor) -----------------------------------------------------------

def test_check_smtp_logs_in_and_sends_nothing(smtp_server, password):
    server = smtp_server()
    detail = check_smtp(server.url(), timeout=TIMEOUT, ssl_context=server.client_context)
    assert detail == f"{HOST}:{server.port}, STARTTLS, logged in as {USER}"
    assert [login for _, login, _ in server.logins] == [USER]
    assert server.messages == []


def test_check_smtp_implicit_tls_without_login(smtp_server):
    server = smtp_server("smtps")
    assert check_smtp(server.url(None), timeout=TIMEOUT, ssl_context=server.client_context) == \
        f"{HOST}:{server.port}, TLS, no login"
    assert server.logins == []


def test_check_smtp_failing(smtp_server, monkeypatch):
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", "not-the-password")
    server = smtp_server()
    line = failure(check_smtp, server.url(), timeout=TIMEOUT, ssl_context=server.client_context)
    assert f"refused the login for {USER}: 535" in line
    plain = smtp_server("plain")
    assert "does not offer STARTTLS" in failure(check_smtp, plain.url(), timeout=TIMEOUT)
    assert plain.logins == []


# --- parse_smtp_url ------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "target"), [
    ("smtp://smtp.example.org", SmtpTarget("smtp.example.org", 587, False, None)),
    ("smtps://smtp.example.org", SmtpTarget("smtp.example.org", 465, True, None)),
    ("SMTP://me@Smtp.Example.org:2525/", SmtpTarget("smtp.example.org", 2525, False, "me")),
    ("smtps://me%40example.org@mail.example.org", SmtpTarget("mail.example.org", 465, True, "me@example.org")),
    ("smtp://me@[::1]:25", SmtpTarget("::1", 25, False, "me")),
    (" smtp://127.0.0.1:1025 ", SmtpTarget("127.0.0.1", 1025, False, None)),
])
def test_parse_smtp_url(url, target):
    assert parse_smtp_url(url) == target


def test_target_where():
    assert SmtpTarget("::1", 25, False).where == "[::1]:25"
    assert SmtpTarget("smtp.example.org", 465, True).security == "TLS"


@pytest.mark.parametrize(("url", "said"), [
    ("http://smtp.example.org", "expected smtp://[user@]host[:port] (STARTTLS) or smtps://"),
    ("smtp.example.org", "expected smtp://"),
    ("smtp://", "no host name"),
    ("smtp://me@:25", "no host name"),
    ("smtp://smtp.example.org:port", "Port could not be cast"),
    ("smtp://smtp.example.org:99999", "out of range"),
    ("smtp://smtp.example.org:0", "port 0"),
    ("smtp://smtp.example.org/inbox", "expected nothing after the host and port"),
    ("smtp://smtp.example.org?x=1", "expected nothing after the host and port"),
    ("smtp://@smtp.example.org", "empty user name"),
    ("smtp://smtp.exa mple.org", "expected smtp://"),
    ("", "expected smtp://"),
])
def test_bad_smtp_url(url, said):
    with pytest.raises(UsageError) as caught:
        parse_smtp_url(url)
    assert caught.value.message.startswith("bad SMTP URL ")
    assert said in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("url", ["smtp://me:s3cret@smtp.example.org", "smtps://me:s3cret@smtp.example.org:465",
                                 "smtp://me:@smtp.example.org", "smtp://me:s3cret@smtp.example.org:port",
                                 "ftp://me:s3cret@smtp.example.org/x"])
def test_password_in_url_is_refused_and_not_echoed(url):
    with pytest.raises(UsageError) as caught:
        parse_smtp_url(url)
    assert "s3cret" not in caught.value.message
    assert "$DIGEST_SMTP_PASSWORD" in caught.value.message and "~/.netrc" in caught.value.message


# --- sendmail (the local mail program) ---------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="a shell script as sendmail")
def test_sendmail_program(tmp_path, monkeypatch):
    program = tmp_path / "sendmail"
    program.write_text(f"#!/bin/sh\n[ \"$1\" = -t ] || exit 9\ncat > {tmp_path / 'got'}\n"
                       "[ -s " + str(tmp_path / "fail") + " ] && { echo 'first'; echo 'no such user' ; exit 67; } >&2\n"
                       "exit 0\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("DIGEST_SENDMAIL", str(program))
    sendmail(MESSAGE_8BIT, timeout=TIMEOUT)
    assert (tmp_path / "got").read_text(encoding="utf-8") == MESSAGE_8BIT
    (tmp_path / "fail").write_text("1")
    assert failure(sendmail, MESSAGE_8BIT, timeout=TIMEOUT) == "cannot mail the briefing: sendmail exited 67: no such user"


# --- the whole job: `digest --sources FEEDS --new --smtp URL` (issue 23's "Done when") --------

def test_a_new_run_mails_the_feed_by_smtp_with_starttls_and_marks_only_what_was_accepted(
        smtp_server, smtp_certificate, tmp_path):
    import os

    from tests.conftest import run_digest
    from tests.live_server import ITEMS, rss, serve

    server = smtp_server("starttls")
    ca = tmp_path / "ca.pem"
    ca.write_text(smtp_certificate.ca_pem)
    for site in serve():
        site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(site.url("/feed.xml") + "\n")
        # SSL_CERT_FILE: OpenSSL's own variable, so the digest process trusts the test CA
        env = {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*", "SSL_CERT_FILE": str(ca)}
        args = ("--sources", feeds, "--new", "--smtp", server.url(), "--to", "me@example.org", "--lang", "vi",
                "--delay", "0", "--no-stories")
        wrong = run_digest(*args, env={**env, "DIGEST_SMTP_PASSWORD": "sai"})
        assert wrong.returncode == 1 and wrong.stderr.count(b"\n") == 1, wrong.stderr.decode()
        assert b"cannot mail the briefing" in wrong.stderr and b"refused the login" in wrong.stderr
        assert server.messages == []
        sent = run_digest(*args, env={**env, "DIGEST_SMTP_PASSWORD": PASSWORD})
        assert (sent.returncode, sent.stdout, sent.stderr) == (0, b"", b""), sent.stderr.decode()
        [received] = server.messages
        assert received.rcpt_tos == ["me@example.org"]
        import email
        import email.policy

        message = email.message_from_bytes(received.content, policy=email.policy.default)
        text = message.get_body(("plain",)).get_content()
        assert all(title in text for title, _ in ITEMS)
        again = run_digest(*args, env={**env, "DIGEST_SMTP_PASSWORD": PASSWORD})
        assert (again.returncode, again.stdout) == (0, b"") and len(server.messages) == 1  # nothing new


def test_doctor_logs_in_to_the_jobs_smtp_server_and_sends_nothing(smtp_server, smtp_certificate, tmp_path):
    from tests.conftest import run_digest

    server = smtp_server("starttls")
    ca = tmp_path / "ca.pem"
    ca.write_text(smtp_certificate.ca_pem)
    settings = tmp_path / "config.toml"
    settings.write_text(f'sources = ["seeds/"]\nlang = "vi"\nsmtp = "{server.url()}"\nto = ["me@example.org"]\n')
    env = {"DIGEST_CONFIG": str(settings), "SSL_CERT_FILE": str(ca)}
    ready = run_digest("doctor", env={**env, "DIGEST_SMTP_PASSWORD": PASSWORD})
    assert ready.returncode == 0, ready.stdout.decode()
    [delivery] = [line for line in ready.stdout.decode().splitlines() if line.startswith("delivery")]
    assert "STARTTLS" in delivery and "logged in as" in delivery and "nothing sent" in delivery
    assert server.messages == [] and len(server.logins) == 1
    refused = run_digest("doctor", env={**env, "DIGEST_SMTP_PASSWORD": "sai"})
    assert refused.returncode == 1 and b"refused the login" in refused.stdout
    assert server.messages == []
