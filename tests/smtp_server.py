"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd in a thread), and the
certificate it shows (made here with `cryptography`: a test CA and a certificate it
signed for localhost and 127.0.0.1). A plugin: test modules load it with
`pytest_plugins = ["tests.smtp_server"]` and ask for the `smtp_server` factory:

    server = smtp_server()                  # STARTTLS required, AUTH after TLS
    server = smtp_server("smtps")           # implicit TLS (TLS from the first byte)
    server = smtp_server("plain")           # no STARTTLS at all, AUTH offered in clear
    smtp_send(message, server.url(), ssl_context=server.client_context)

Every server logs in USER with PASSWORD (and ASCII_USER with ASCII_PASSWORD) only, records what it received (`messages`),
what logins were tried (`logins`), and can be told to refuse recipients (`refuse`) or to
drop the connection once the message's data has come (`drop_in_data`).

PYTEST_DONT_REWRITE (test modules import names from here before pytest loads it)"""
from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

HOST = "127.0.0.1"
USER = "briefing@example.org"
PASSWORD = "mật-khẩu-Đúng1"  # not ASCII: digest must send it as UTF-8 (AUTH PLAIN)
ASCII_USER, ASCII_PASSWORD = "ops", "plain-ascii-secret"  # the other account: smtplib's own login
KINDS = ("starttls", "smtps", "plain")


@dataclass(frozen=True)
class Certificate:
    """A CA and a server certificate it signed (for localhost and 127.0.0.1), as files."""

    ca_pem: str
    cert_file: Path
    key_file: Path

    def client_context(self) -> ssl.SSLContext:
        """What a client that trusts the test CA (and nothing else) verifies with."""
        return ssl.create_default_context(cadata=self.ca_pem)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def make_certificate(directory: Path, names: tuple[str, ...] = ("localhost", HOST)) -> Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.timezone.utc)
    valid = {"not_valid_before": now - dt.timedelta(days=1), "not_valid_after": now + dt.timedelta(days=2)}

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "digest test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(valid["not_valid_before"]).not_valid_after(valid["not_valid_after"])
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))

    key = ec.generate_private_key(ec.SECP256R1())
    alt_names: list[x509.GeneralName] = []
    for name in names:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt_names.append(x509.DNSName(name))
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(valid["not_valid_before"]).not_valid_after(valid["not_valid_after"])
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))

    directory.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = directory / "server.pem", directory / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return Certificate(ca.public_bytes(serialization.Encoding.PEM).decode("ascii"), cert_file, key_file)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes  # the message's data as it came (CRLF line ends, dots unstuffed)


@dataclass
class Recorder:
    """The server's handler: what came, and what to refuse."""

    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (mechanism, login, password) tried
    refuse: set[str] = field(default_factory=set)  # recipients answered 550
    drop_in_data: bool = False  # close the connection instead of answering the message's data
    accounts: dict[str, str] = field(default_factory=lambda: {USER: PASSWORD, ASCII_USER: ASCII_PASSWORD})
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop_in_data:
            server.transport.abort()  # gone before saying 250: the message was never accepted
            return "421 4.3.0 gone"
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 2.0.0 Message accepted for delivery"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        with self.lock:
            self.logins.append((mechanism, login, password))
        return AuthResult(success=self.accounts.get(login) == password, handled=False)


class _Controller(Controller):
    """aiosmtpd's Controller on a port the system picks (port 0), read back before its
    first connection: no race for a 'free' port."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    kind: str  # "starttls", "smtps" or "plain"
    host: str
    port: int
    handler: Recorder
    client_context: ssl.SSLContext  # trusts the test CA: pass it as ssl_context=
    user: str = USER
    password: str = PASSWORD

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    @property
    def logins(self) -> list[tuple[str, str, str]]:
        return self.handler.logins

    def url(self, user: str | None = USER) -> str:
        """The server's URL for digest: smtps:// for the implicit-TLS server, else smtp://;
        with `user` percent-encoded (None: no user, so no login)."""
        from urllib.parse import quote

        scheme = "smtps" if self.kind == "smtps" else "smtp"
        at = "" if user is None else quote(user, safe="") + "@"
        return f"{scheme}://{at}{self.host}:{self.port}"


def start_server(kind: str, certificate: Certificate, handler: Recorder | None = None,
                 **smtp_options: Any) -> tuple[SmtpServer, Callable[[], None]]:
    """An SMTP server of `kind` on 127.0.0.1, and the function that stops it; `smtp_options`
    go to aiosmtpd's SMTP (e.g. auth_exclude_mechanism=["PLAIN"])."""
    assert kind in KINDS, kind
    handler = handler or Recorder()
    options: dict[str, Any] = {"authenticator": handler.authenticate, "ready_timeout": 20.0}
    if kind == "starttls":
        options.update(tls_context=certificate.server_context(), require_starttls=True, auth_require_tls=True)
    elif kind == "smtps":
        # TLS from the first byte: aiosmtpd only counts STARTTLS as TLS, so AUTH is allowed
        # "without" it; the connection is encrypted all the same.
        options.update(ssl_context=certificate.server_context(), auth_require_tls=False)
    else:  # a server a careless client would send the password to in clear
        options.update(auth_require_tls=False)
    controller = _Controller(handler, hostname=HOST, port=0, **options, **smtp_options)
    controller.start()
    server = SmtpServer(kind, HOST, controller.port, handler, certificate.client_context())
    return server, controller.stop


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (it was bound a moment ago, then closed)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def smtp_certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return make_certificate(tmp_path_factory.mktemp("smtp-cert"))


@pytest.fixture
def smtp_server(smtp_certificate: Certificate, monkeypatch: pytest.MonkeyPatch,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., SmtpServer]]:
    """A factory: smtp_server(kind="starttls", **aiosmtpd_options) starts a server
    (stopped when the test ends). No SMTP password leaks in from the user's environment: $DIGEST_SMTP_PASSWORD
    is unset and $NETRC points at a file that does not exist (tests set either)."""
    monkeypatch.delenv("DIGEST_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path_factory.mktemp("netrc") / "absent-netrc"))
    stops: list[Callable[[], None]] = []

    def start(kind: str = "starttls", **smtp_options: Any) -> SmtpServer:
        server, stop = start_server(kind, smtp_certificate, **smtp_options)
        stops.append(stop)
        return server

    yield start
    for stop in stops:
        stop()
