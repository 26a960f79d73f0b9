"""Fixtures for the translation tests (a plugin: test modules load it with
`pytest_plugins = ["tests.conftest_translate"]`).

Everything here is real: the small test package in tests/fixtures, real zip files,
real SQLite, a real HTTP server on 127.0.0.1.

PYTEST_DONT_REWRITE (test modules import names from here before pytest loads it)
"""
from __future__ import annotations

import http.server
import threading
import zipfile
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_MODEL_ZIP = FIXTURES / "translate-vi_en-test.argosmodel"
GLOSSARY = REPO / "glossary.csv"
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def test_model_zip() -> Path:
    assert TEST_MODEL_ZIP.is_file(), f"{TEST_MODEL_ZIP} is missing: rebuild it with tools/build_test_model.py"
    return TEST_MODEL_ZIP


@pytest.fixture(scope="session")
def test_package_dir(test_model_zip, tmp_path_factory) -> Path:
    """The test package, extracted once per session (read-only use, please)."""
    from digest.translate.models import safe_extract

    dest = tmp_path_factory.mktemp("test-package")
    return dest / safe_extract(test_model_zip, dest)


@pytest.fixture(scope="session")
def test_package(test_package_dir):
    from digest.translate.models import read_package

    return read_package(test_package_dir)


@pytest.fixture
def translate_env(tmp_path, monkeypatch):
    """Private cache and Argos directories; no DIGEST_MODEL; no user settings."""
    env = SimpleNamespace(
        cache=tmp_path / "cache",
        data=tmp_path / "data",
        config=tmp_path / "config",
        packages=tmp_path / "data" / "argos-translate" / "packages",
    )
    monkeypatch.setenv("DIGEST_CACHE_DIR", str(env.cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(env.data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(env.config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.delenv("DIGEST_MODEL", raising=False)
    monkeypatch.delenv("SNAP", raising=False)
    return env


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files; /interrupted/NAME promises all of NAME but sends half, then hangs up.
    Servers that misbehave (issue 10): /drip/ sends a byte every 50 ms for ever, /endless/
    streams zeros without end or length, /badlength/ declares Content-Length "12abc",
    /hang/ sends headers and then nothing, /fail/ answers 503."""

    def _misbehave(self, kind: str) -> None:
        import time

        if kind == "fail":
            self.send_error(503)
            return
        self.send_response(200)
        if kind == "badlength":
            self.send_header("Content-Length", "12abc")
        self.end_headers()
        try:
            if kind == "badlength":
                self.wfile.write(b"x" * 12)
            stop = time.monotonic() + 60  # a hang that outlives its test ends by itself
            while kind in ("drip", "endless", "hang") and time.monotonic() < stop:
                if kind == "hang":
                    time.sleep(0.2)
                    continue
                self.wfile.write(b"\x00" if kind == "drip" else b"\x00" * 65536)
                self.wfile.flush()
                if kind == "drip":
                    time.sleep(0.05)
        except OSError:
            pass  # the client cut us off, as it should
        self.close_connection = True

    def do_GET(self):
        kind = self.path.split("/")[1]
        if kind in ("drip", "endless", "badlength", "hang", "fail"):
            self._misbehave(kind)
            return
        if self.path.startswith("/interrupted/"):
            data = (Path(self.directory) / self.path.split("/", 2)[2]).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_dir(tmp_path):
    """A directory served over HTTP on 127.0.0.1: (dir, base_url)."""
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_zip(path: Path, members: dict[str, bytes | None]) -> Path:
    """A zip with exactly these member names (None: a directory entry)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            if data is None:
                zf.writestr(zipfile.ZipInfo(name.rstrip("/") + "/"), b"")
            else:
                zf.writestr(zipfile.ZipInfo(name), data)
    return path


def repack(package_dir: Path, path: Path, *, top: str | None = None, drop: tuple[str, ...] = (),
           metadata: dict | None = None) -> Path:
    """Zip a package directory again, optionally renamed, without some files, or with
    other metadata: the bad-package cases, made from the real test package."""
    import json

    top = top or package_dir.name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(package_dir.rglob("*")):
            rel = file.relative_to(package_dir).as_posix()
            if file.is_dir() or rel in drop or any(rel.startswith(d + "/") for d in drop):
                continue
            if rel.startswith(".digest-"):
                continue
            data = file.read_bytes()
            if rel == "metadata.json" and metadata is not None:
                data = json.dumps({**json.loads(data), **metadata}).encode()
            zf.writestr(f"{top}/{rel}", data)
    return path


def seed_sentences() -> list[str]:
    """Every sentence of every seed (title and body), split by digest's own splitter."""
    from digest.sentences import split_sentences

    out = []
    for seed in SEEDS:
        for line in seed.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.extend(s for s in split_sentences(line.strip()) if s.strip())
    return out


BPE_CODES = FIXTURES / "bpe-vi_en-test.codes"


@pytest.fixture(scope="session")
def bpe_package_dir(tmp_path_factory) -> Path:
    """A tiny BPE-format package (bpe.model, as in Argos's OPUS-MT-derived packages),
    built here: the learned codes in tests/fixtures, and a 1+1-layer Transformer with
    seeded random weights whose vocabulary is every piece those codes make of the
    seeds and the captured cases. Its English is noise, but no piece is unknown to it,
    so the whole BPE path runs as it would with a real package."""
    import json

    from digest.translate.tokenizers import MosesBPETokenizer
    from tools.random_model import save, transformer_spec

    tokenizer = MosesBPETokenizer(BPE_CODES)
    capture = json.loads((FIXTURES / "argos-bpe-tokenizations.json").read_text(encoding="utf-8"))
    pieces = [p for case in capture["encode"] + capture["decode"] for p in case["pieces"]]
    pieces += [p for s in tokenizer.encode(seed_sentences()) for p in s]
    vocab = ["<unk>", "<s>", "</s>", *sorted(set(pieces))]

    package = tmp_path_factory.mktemp("bpe-package") / "translate-vi_en-bpe-test"
    package.mkdir()
    save(transformer_spec(vocab), package / "model")
    (package / "bpe.model").write_bytes(BPE_CODES.read_bytes())
    metadata = {"package_version": "0.1", "from_code": "vi", "to_code": "en", "name": "vi_en_bpe_test"}
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return package
