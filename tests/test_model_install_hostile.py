"""`digest model install --from URL` against hostile servers on 127.0.0.1: response
headers dripped a byte at a time, redirects to ftp: or file:, and a redirect that is
fine (to another http URL)."""
from __future__ import annotations

import time

import pytest

from digest.errors import ModelError
from digest.translate import models
from digest.translate.models import install, sha256_file
from tests.conftest import run_digest
from tests.live_server import Handler

pytest_plugins = ["tests.conftest_translate", "tests.conftest_live"]


def staging_left(env) -> list[str]:
    parent = env.packages.parent
    return [p.name for p in parent.iterdir() if p.name.startswith(".digest-")] if parent.is_dir() else []


def test_headers_dripped_a_byte_at_a_time_end_at_the_header_deadline(translate_env, site, stop, monkeypatch):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nX-Drip: " + b"a" * 1000 + b"\r\n\r\n"

    def drip(handler: Handler) -> None:
        ends = time.monotonic() + 60
        for byte in head:
            if stop.wait(0.2) or time.monotonic() > ends:
                return
            handler.wfile.write(bytes([byte]))

    site.routes["/x.argosmodel"] = drip
    monkeypatch.setattr(models, "HEADERS_DEADLINE_SECONDS", 2)
    started = time.monotonic()
    with pytest.raises(ModelError) as err:
        install(site.url("/x.argosmodel"))
    assert err.value.message == f"{site.url('/x.argosmodel')}: no complete response within 2 s; nothing installed"
    assert time.monotonic() - started < 15  # the server would drip for 60 s
    assert staging_left(translate_env) == []


@pytest.mark.parametrize("location, shown", [
    ("ftp://127.0.0.1/x.argosmodel", "ftp:..."), ("file:///etc/passwd", "file:..."),
    ("javascript:alert(1)", "javascript:..."),
])
def test_a_redirect_to_another_scheme_is_refused_with_one_line_exit_3(translate_env, site, location, shown):
    site.status("/x.argosmodel", 302, {"Location": location})
    url = site.url("/x.argosmodel")
    expected = f"{url}: refused a redirect to a non-http(s) URL ({shown}); nothing installed"
    with pytest.raises(ModelError) as err:
        install(url)
    assert err.value.message == expected
    done = run_digest("model", "install", "--from", url, env={"ARGOS_PACKAGES_DIR": str(translate_env.packages),
                                                              "NO_PROXY": "*"}, timeout=60)
    assert done.returncode == 3
    assert done.stderr.decode().splitlines() == [f"digest: {expected}"]
    assert len(site.requests("/x.argosmodel")) == 2 and staging_left(translate_env) == []


def test_a_redirect_to_http_is_still_followed(test_model_zip, translate_env, site):
    site.status("/old.argosmodel", 301, {"Location": "/new.argosmodel"})
    site.page("/new.argosmodel", test_model_zip.read_bytes(), "application/zip")
    done = install(site.url("/old.argosmodel"), sha256_file(test_model_zip))
    assert done.package.path.is_dir() and staging_left(translate_env) == []
