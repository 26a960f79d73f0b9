"""Model management: where packages live, safe extraction, verified atomic install
(from files and from a real HTTP server on 127.0.0.1), list, remove, which model runs."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.commands.model import model as model_cli
from digest.errors import ModelError
from digest.translate import models
from digest.translate.models import (
    find_package,
    install,
    installed_packages,
    model_hash,
    open_package,
    packages_dir,
    read_package,
    remove,
    safe_extract,
    sha256_file,
)

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import repack, write_zip  # noqa: E402


def leftovers(env) -> list[str]:
    """Anything an install left beside the packages dir or inside it."""
    work = env.packages.parent
    found = [p.name for p in work.iterdir() if p.name.startswith(".digest-")] if work.exists() else []
    if env.packages.exists():
        found += [p.name for p in env.packages.iterdir()]
    return found


# --------------------------------------------------------------------------- where packages live


needs_argos = pytest.mark.skipif(importlib.util.find_spec("argostranslate") is None,
                                 reason="argostranslate (the optional `argos` extra) is not installed")


def _argos_packages_dir(env: dict) -> str:
    code = "import argostranslate.settings as s; print(s.package_data_dir)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _argos_setup(how: str, env, tmp_path: Path, monkeypatch) -> Path:
    """Set up one way of choosing Argos's package directory; the directory it gives."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if how == "env":
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "elsewhere"))
        return tmp_path / "elsewhere"
    if how == "settings.json":
        settings = env.config / "argos-translate" / "settings.json"
        settings.parent.mkdir(parents=True)
        settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-settings")}))
        return tmp_path / "from-settings"
    return env.data / "argos-translate" / "packages"


@pytest.mark.parametrize("how", ["default", "env", "settings.json"])
def test_packages_dir_follows_argos_rules(translate_env, tmp_path, monkeypatch, how):
    expected = _argos_setup(how, translate_env, tmp_path, monkeypatch)
    assert packages_dir() == expected


@needs_argos
@pytest.mark.parametrize("how", ["default", "env", "settings.json"])
def test_packages_dir_matches_argostranslate(translate_env, tmp_path, monkeypatch, how):
    _argos_setup(how, translate_env, tmp_path, monkeypatch)
    assert str(packages_dir()) == _argos_packages_dir(dict(os.environ))


# --------------------------------------------------------------------------- zip safety


@pytest.mark.parametrize(
    "evil",
    ["pkg/../../escaped.txt", "/tmp/digest-absolute-escape.txt", "../escaped.txt", "pkg/a/../../../x"],
)
def test_refuses_members_outside_the_package_dir(tmp_path, evil):
    archive = write_zip(tmp_path / "evil.argosmodel", {"pkg/metadata.json": b"{}", evil: b"gotcha"})
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(ModelError, match="outside the package directory") as err:
        safe_extract(archive, dest)
    assert str(archive) in err.value.message
    assert list(dest.iterdir()) == []
    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/tmp/digest-absolute-escape.txt").exists()


def test_refuses_symlinks(tmp_path):
    archive = tmp_path / "link.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg/metadata.json", b"{}")
        link = zipfile.ZipInfo("pkg/model")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc")
    with pytest.raises(ModelError, match="symbolic link"):
        safe_extract(archive, tmp_path)


def test_refuses_more_than_one_top_level_entry(tmp_path):
    archive = write_zip(tmp_path / "two.argosmodel", {"a/metadata.json": b"{}", "b/metadata.json": b"{}"})
    with pytest.raises(ModelError, match="one top-level directory"):
        safe_extract(archive, tmp_path)
    flat = write_zip(tmp_path / "flat.argosmodel", {"metadata.json": b"{}"})
    with pytest.raises(ModelError, match="one top-level directory"):
        safe_extract(flat, tmp_path)


def test_corrupt_zip(tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(ModelError, match="corrupt zip") as err:
        safe_extract(junk, tmp_path)
    assert str(junk) in err.value.message


def test_truncated_zip(test_model_zip, tmp_path):
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(test_model_zip.read_bytes()[: test_model_zip.stat().st_size // 2])
    with pytest.raises(ModelError, match="corrupt zip"):
        safe_extract(cut, tmp_path / "out")


def test_damaged_member_is_caught_by_crc(tmp_path):
    archive = write_zip(tmp_path / "crc.argosmodel", {"pkg/metadata.json": b"{" + b"x" * 200 + b"}"})
    data = bytearray(archive.read_bytes())
    at = data.index(b"xxxx")
    data[at : at + 4] = b"yyyy"
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupt zip"):
        safe_extract(archive, tmp_path / "out")


# --------------------------------------------------------------------------- validating packages


def test_reads_the_test_package(test_package):
    assert (test_package.from_code, test_package.to_code) == ("vi", "en")
    assert test_package.tokenizer.name in ("sentencepiece.model", "bpe.model")
    assert test_package.label.strip()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"metadata": {"from_code": "en", "to_code": "es"}}, "translates en→es, not vi→en"),
        ({"drop": ("sentencepiece.model", "bpe.model")}, "no tokenizer"),
        ({"drop": ("model/model.bin",)}, "no CTranslate2 model"),
        ({"drop": ("metadata.json",)}, "no metadata.json"),
    ],
)
def test_bad_packages_are_refused_with_one_clear_line(test_package_dir, translate_env, tmp_path, change, message):
    bad = repack(test_package_dir, tmp_path / "bad.argosmodel", **change)
    with pytest.raises(ModelError, match=message) as err:
        install(str(bad))
    assert err.value.exit_code == 3
    assert str(bad) in err.value.message and "\n" not in err.value.message
    assert leftovers(translate_env) == []


# --------------------------------------------------------------------------- install, list, remove


def test_install_from_a_file_then_list_and_remove(test_model_zip, translate_env):
    done = install(str(test_model_zip))
    assert done.sha256 == sha256_file(test_model_zip)
    assert done.package.path.parent == translate_env.packages
    assert [p.path for p in installed_packages()] == [done.package.path]
    assert not any(p.name.startswith(".digest-") for p in translate_env.packages.parent.iterdir())
    # the model hash was computed at install time and is remembered
    assert (done.package.path / models.HASH_SIDECAR).is_file()
    assert model_hash(done.package) == sha256_file(done.package.model_dir / "model.bin")

    again = install(str(test_model_zip))
    assert again.replaced and [p.path for p in installed_packages()] == [done.package.path]

    removed = remove(done.package.path.name)
    assert removed.path == done.package.path
    assert installed_packages() == []
    assert leftovers(translate_env) == []


@needs_argos
def test_argostranslate_sees_what_digest_installed(test_model_zip, translate_env):
    done = install(str(test_model_zip))
    code = (
        "import argostranslate.package as p\n"
        "print([(x.from_code, x.to_code, x.package_path.name) for x in p.get_installed_packages()])"
    )
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert f"('vi', 'en', '{done.package.path.name}')" in out.stdout


def test_install_over_http(test_model_zip, translate_env, http_dir):
    root, url = http_dir
    shutil.copy(test_model_zip, root / "pkg.argosmodel")
    seen = []
    done = install(f"{url}/pkg.argosmodel", sha256_file(test_model_zip), lambda got, total: seen.append((got, total)))
    assert done.package.path.is_dir()
    assert seen[-1] == (test_model_zip.stat().st_size, test_model_zip.stat().st_size)
    assert not any(p.name.startswith(".digest-") for p in translate_env.packages.parent.iterdir())


def test_wrong_hash_installs_nothing(test_model_zip, translate_env, http_dir):
    root, url = http_dir
    shutil.copy(test_model_zip, root / "pkg.argosmodel")
    with pytest.raises(ModelError, match="SHA-256 mismatch") as err:
        install(f"{url}/pkg.argosmodel", "0" * 64)
    assert "nothing installed" in err.value.message
    assert leftovers(translate_env) == []


def test_wrong_hash_copy_of_the_package(test_model_zip, translate_env, http_dir):
    """A different file behind the URL (one byte changed in a stored member)."""
    root, url = http_dir
    data = bytearray(test_model_zip.read_bytes())
    data[-100] ^= 0xFF  # in the central directory: still a "zip", wrong hash
    (root / "pkg.argosmodel").write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256 mismatch"):
        install(f"{url}/pkg.argosmodel", sha256_file(test_model_zip))
    assert leftovers(translate_env) == []


def test_truncated_download_installs_nothing(test_model_zip, translate_env, http_dir):
    root, url = http_dir
    data = test_model_zip.read_bytes()
    (root / "cut.argosmodel").write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ModelError, match="corrupt zip"):
        install(f"{url}/cut.argosmodel")
    with pytest.raises(ModelError, match="SHA-256 mismatch"):
        install(f"{url}/cut.argosmodel", sha256_file(test_model_zip))
    assert leftovers(translate_env) == []


def test_interrupted_download_installs_nothing(test_model_zip, translate_env, http_dir):
    root, url = http_dir
    shutil.copy(test_model_zip, root / "pkg.argosmodel")
    with pytest.raises(ModelError, match=r"interrupted|download failed") as err:
        install(f"{url}/interrupted/pkg.argosmodel")
    assert "nothing installed" in err.value.message
    assert leftovers(translate_env) == []


def test_missing_url_and_missing_file(translate_env, http_dir, tmp_path):
    _, url = http_dir
    with pytest.raises(ModelError, match="HTTP 404"):
        install(f"{url}/nope.argosmodel")
    with pytest.raises(ModelError, match="no such file"):
        install(str(tmp_path / "nope.argosmodel"))
    assert leftovers(translate_env) == []


def test_default_install_checks_the_published_size_and_hash(test_model_zip, translate_env, http_dir, monkeypatch):
    root, url = http_dir
    shutil.copy(test_model_zip, root / "official.argosmodel")
    monkeypatch.setattr(models, "OFFICIAL_URLS", (f"{url}/official.argosmodel",))
    with pytest.raises(ModelError, match="expected 65895840 bytes"):
        install()
    monkeypatch.setattr(models, "OFFICIAL_SIZE", test_model_zip.stat().st_size)
    with pytest.raises(ModelError, match="SHA-256 mismatch"):
        install()
    monkeypatch.setattr(models, "OFFICIAL_SHA256", sha256_file(test_model_zip))
    assert install().package.path.is_dir()


def test_remove_unknown(translate_env):
    with pytest.raises(ModelError, match="no installed vi→en model named 'ghost'"):
        remove("ghost")
    with pytest.raises(ModelError, match="not a package name"):
        remove("../etc")


# --------------------------------------------------------------------------- which model runs


def _with_version(test_package_dir, tmp_path, top, version) -> Path:
    return repack(test_package_dir, tmp_path / f"{top}.argosmodel", top=top, metadata={"package_version": version})


def test_highest_installed_version_runs(test_package_dir, translate_env, tmp_path):
    for top, version in [("old", "0.9"), ("new", "1.10"), ("mid", "1.9")]:
        install(str(_with_version(test_package_dir, tmp_path, top, version)))
    assert find_package().path.name == "new"


def test_model_option_then_env_then_installed(test_package_dir, translate_env, tmp_path, monkeypatch):
    from digest.config import model_choice

    install(str(_with_version(test_package_dir, tmp_path, "installed", "1.0")))
    assert find_package(model_choice(None).path).path.name == "installed"
    monkeypatch.setenv("DIGEST_MODEL", str(test_package_dir))
    assert find_package(model_choice(None).path).path == test_package_dir
    other = tmp_path / "other"
    shutil.copytree(test_package_dir, other)
    assert find_package(model_choice(str(other)).path).path == other


def test_no_model_installed(translate_env):
    with pytest.raises(ModelError, match="digest model install") as err:
        find_package()
    assert err.value.exit_code == 3


def test_a_zip_given_as_model_is_extracted_once(test_model_zip, translate_env):
    first = open_package(test_model_zip)
    assert translate_env.cache in first.path.parents
    stamp = first.path.stat().st_mtime_ns
    second = open_package(test_model_zip)
    assert second.path == first.path and second.path.stat().st_mtime_ns == stamp


def test_model_hash_is_remembered(test_package_dir, tmp_path):
    copy = tmp_path / "pkg"
    shutil.copytree(test_package_dir, copy)
    pkg = read_package(copy)
    value = model_hash(pkg)
    sidecar = copy / models.HASH_SIDECAR
    assert sidecar.read_text().endswith(value)
    sidecar.write_text(sidecar.read_text()[:-64] + "f" * 64)  # proves it is read, not recomputed
    assert model_hash(pkg) == "f" * 64


# --------------------------------------------------------------------------- the commands


def test_list_with_nothing_installed(translate_env):
    result = CliRunner().invoke(model_cli, ["list"])
    assert result.exit_code == 0
    assert "digest model install" in result.output


def test_install_list_remove_commands(test_model_zip, translate_env):
    runner = CliRunner()
    result = runner.invoke(model_cli, ["install", "--from", str(test_model_zip)])
    assert result.exit_code == 0, result.output
    name = installed_packages()[0].path.name
    listing = runner.invoke(model_cli, ["list"])
    assert listing.exit_code == 0
    assert name in listing.output and "MODEL SHA256" in listing.output
    assert runner.invoke(model_cli, ["remove", name]).exit_code == 0
    assert installed_packages() == []


def test_command_errors_are_one_line_with_exit_3(translate_env, tmp_path):
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"not a zip")
    result = CliRunner().invoke(model_cli, ["install", "--from", str(junk)])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1 and result.output.startswith("digest: ")
    assert "Traceback" not in result.output
    result = CliRunner().invoke(model_cli, ["remove", "ghost"])
    assert result.exit_code == 3 and result.output.startswith("digest: ")


def test_install_from_a_directory_says_what_to_pass_instead(translate_env, tmp_path):
    result = CliRunner().invoke(model_cli, ["install", "--from", str(tmp_path)])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1
    assert "is a directory" in result.output and "--model DIR" in result.output
    assert installed_packages() == []
