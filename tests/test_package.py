"""The package as pip installs it from a wheel, not as the source tree holds it: every file
digest opens at run time is in the wheel, the license and the types marker travel with it,
and the version is the one its metadata gives.

The wheel is $DIGEST_WHEEL when set (.ci/run builds one with `python -m build` and sets it),
else one built here from the source tree with the setuptools already installed.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEST_MODEL, run_digest

PACKAGE = ROOT / "digest"

# Runs digest's commands in one process and prints, as JSON, every file under the package
# directory that they open (Python's audit hook sees each open()), other than its code.
_AUDIT = textwrap.dedent("""
    import json, os, sys
    package = os.path.realpath(sys.argv[1])
    opened = set()

    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, os.PathLike)):
            path = os.path.realpath(os.fspath(args[0]))
            if path.startswith(package + os.sep) and not path.endswith((".py", ".pyc")):
                opened.add(os.path.relpath(path, package))

    sys.addaudithook(hook)
    from digest.cli import main
    for argv in json.loads(sys.argv[2]):
        try:
            main(argv, prog_name="digest", standalone_mode=True)
        except SystemExit:
            pass
    print(json.dumps(sorted(opened)), file=sys.__stderr__)
""")


def build_wheel(source: Path, out: Path) -> Path:
    """A wheel of `source`, built with this environment's setuptools (no download)."""
    pytest.importorskip("setuptools", reason="building a wheel here needs setuptools (or set $DIGEST_WHEEL)")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("digest-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    given = os.environ.get("DIGEST_WHEEL")
    if given:
        return Path(given)
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "digest", ignore=shutil.ignore_patterns("__pycache__"))
    return build_wheel(source, tmp_path_factory.mktemp("dist"))


def files_opened(tmp_path: Path) -> list[str]:
    """What the package opens of its own, over the commands a user runs."""
    text = tmp_path / "tin.txt"
    text.write_text((ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8"), encoding="utf-8")
    commands = [
        ["seeds/", "--lang", "vi", "--format", "json", "--quiet"],
        ["seeds/", "--lang", "en", "--model", str(TEST_MODEL), "--glossary", "glossary.csv", "--quiet", "--no-cache"],
        ["seeds/", "--lang", "vi", "--format", "html", "--quiet"],
        ["glossary", "suggest", "seeds/", "--glossary", "glossary.csv"],
        ["doctor", "--lang", "vi"],
    ]
    done = subprocess.run([sys.executable, "-c", _AUDIT, str(PACKAGE), json.dumps(commands)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


def missing_from(wheel: Path, opened: list[str]) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    return [name for name in opened if f"digest/{name}" not in names]


def test_every_file_the_package_opens_is_in_the_wheel(wheel, tmp_path):
    opened = files_opened(tmp_path)
    assert "data/outlets.toml" in opened  # the audit sees what digest reads
    assert missing_from(wheel, opened) == []


def test_a_data_file_left_out_of_the_wheel_is_found(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(PACKAGE, source / "digest", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.toml", ' in pyproject
    (source / "pyproject.toml").write_text(pyproject.replace('"data/*.toml", ', ""), encoding="utf-8")
    lacking = build_wheel(source, tmp_path / "dist")
    tomls = sorted(f"data/{p.name}" for p in (PACKAGE / "data").glob("*.toml"))
    assert "data/outlets.toml" in tomls and "data/names_vi.toml" in tomls
    assert missing_from(lacking, files_opened(tmp_path)) == tomls


def test_the_wheel_carries_the_license_the_types_marker_and_the_version(wheel):
    import digest

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode("utf-8").split("\n\n")[0].splitlines()
        license_files = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert license_files and b"MIT License" in archive.read(license_files[0])
    assert "digest/py.typed" in names
    assert "License-Expression: MIT" in headers
    assert "License-File: LICENSE" in headers
    assert f"Version: {digest.__version__}" in headers


def test_digest_version_is_the_installed_metadatas():
    result = run_digest("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"digest, version {importlib.metadata.version('digest')}"


def test_another_projects_mypy_sees_digests_types(wheel, tmp_path):
    """A project that imports digest.core gets its types (py.typed), not Any."""
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    user = tmp_path / "user.py"
    user.write_text(textwrap.dedent("""
        from digest.core import summarize_article
        reveal_type(summarize_article)
        summarize_article("not an article")
    """), encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent",
                              "--ignore-missing-imports", str(user)], cwd=tmp_path, capture_output=True, text=True,
                             timeout=600, env={**os.environ, "MYPYPATH": "", "PYTHONPATH": str(site)})
    said = checked.stdout
    assert 'Revealed type is "def (article: digest.model.Article' in said, said
    assert 'Argument 1 to "summarize_article" has incompatible type "str"' in said, said
