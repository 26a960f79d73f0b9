"""Argos-format translation packages: find, open, install (verified, atomic), remove.

A package is a directory holding metadata.json, a CTranslate2 model in model/ and a
tokenizer (sentencepiece.model, or bpe.model in OPUS-MT-derived packages); the
.argosmodel file is a zip of one such directory. Packages are installed into Argos's
own package directory so argostranslate sees them too.

--model also takes a plain CTranslate2 model directory of another family (NLLB-200,
OPUS-MT, or one described by digest-model.json): digest.translate.families reads
those into the same Package, which then says which tokens go around each sentence.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from digest import config
from digest.errors import ModelError, warn
from digest.translate import download
from digest.translate.package import MAX_METADATA_BYTES as MAX_METADATA_BYTES
from digest.translate.package import Package as Package  # re-exported: where callers have always found it
from digest.translate.package import read_json

# The official package, published on argos-net.com and on Argos's own mirror (same file,
# same size and SHA-256): when one host fails, install tries the next.
OFFICIAL_URLS = (
    "https://argos-net.com/v1/translate-vi_en-1_9.argosmodel",
    "https://data.argosopentech.com/argospm/v1/translate-vi_en-1_9.argosmodel",
)
OFFICIAL_SIZE = 65_895_840
OFFICIAL_SHA256 = "ebd51b7189b13eccb9238a5777de1d343008c4c05284a8b89610242364433953"

TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
HASH_SIDECAR = ".digest-model.sha256"  # "size mtime_ns sha256" of model/model.bin

# Limits on what a server or an archive can make install do (issue 10). Argos packages
# are 30-300 MB zipped and under 1 GB unpacked, in about 10 files.
MAX_DOWNLOAD_BYTES = 1 << 30  # a body past this is cut off (the official one: its exact size)
DOWNLOAD_DEADLINE_SECONDS = 30 * 60  # the whole download; a server that drips is cut off
READ_TIMEOUT_SECONDS = 60  # silence from the server this long ends the download
HEADERS_DEADLINE_SECONDS = 60  # connect and the whole response head, however the server drips it
MAX_UNPACKED_BYTES = 4 << 30  # refuse zip bombs, before anything is written
MAX_ARCHIVE_MEMBERS = 2000  # and archives of countless small files
# Staging names; what a killed command (SIGKILL) left behind under them is removed by the next.
INSTALL_PREFIX, DOWNLOAD_PREFIX, REMOVE_PREFIX, EXTRACT_PREFIX = (
    ".digest-install-", ".digest-download-", ".digest-remove-", ".extract-")
INSTALL_HINT = "run `digest model install`, pass --model PATH, or use --lang vi (no translation)"

Progress = download.Progress  # (bytes so far, total bytes if known)


@dataclass(frozen=True)
class Installed:
    package: Package
    sha256: str  # of the archive that was installed
    replaced: bool  # an older copy with the same directory name was replaced


# --------------------------------------------------------------------------- where


def packages_dir() -> Path:
    """Argos's package directory, computed as argostranslate.settings does (without
    importing it: that import is slow and creates directories)."""
    override = config.argos_packages_override() or _argos_settings_file_value()
    if override:
        return Path(override)
    return _argos_data_dir() / "packages"


def _argos_data_dir() -> Path:
    return config.argos_data_home() / "argos-translate"


def _argos_settings_file_value() -> str | None:
    """ARGOS_PACKAGES_DIR from Argos's settings.json; a file that is garbage, too deep or
    of the wrong shape is ignored with one warning (Argos's defaults apply)."""
    path = config.argos_config_home() / "argos-translate" / "settings.json"
    try:
        settings = read_json(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        _warn_once(f"{path}: not read ({err.strerror or err}); Argos's default package directory is used")
        return None
    except ValueError as err:
        _warn_once(f"{path}: ignored ({err}); Argos's default package directory is used")
        return None
    value = settings.get("ARGOS_PACKAGES_DIR") if isinstance(settings, dict) else None
    if value is None or value == "":
        return None
    if not isinstance(value, str) or "\x00" in value:
        _warn_once(f"{path}: ARGOS_PACKAGES_DIR ignored (not a path); Argos's default package directory is used")
        return None
    return value


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """State files are read several times a command: their warning is shown once."""
    if message not in _warned:
        _warned.add(message)
        warn(message)


class BadMetadata(ModelError):
    """A package whose metadata.json can't be used (garbage, wrong types)."""


# --------------------------------------------------------------------------- read


def read_package(path: Path, shown_as: str | None = None) -> Package:
    """Open and validate a package directory; ModelError names the path and the problem.

    shown_as names the package in messages when path is a staging copy.
    """
    path = Path(path)
    where = shown_as or str(path)
    if not path.is_dir():
        raise ModelError(f"{where}: not a package directory")
    meta_path = path / "metadata.json"
    if not meta_path.exists() and (path / "model.bin").is_file():
        from digest.translate.families import read_model_dir  # a plain CTranslate2 directory

        return read_model_dir(path, shown_as)
    try:
        meta = read_json(meta_path)
    except FileNotFoundError:
        raise ModelError(f"{where}: not an Argos package (no metadata.json)") from None
    except OSError as err:
        raise BadMetadata(f"{where}: metadata.json: unreadable metadata ({err.strerror or err})") from None
    except ValueError as err:
        raise BadMetadata(f"{where}: metadata.json: unreadable metadata ({err})") from None
    if not isinstance(meta, dict):
        raise BadMetadata(f"{where}: metadata.json: unreadable metadata (not a JSON object)")
    for key in ("from_code", "to_code", "name", "package_version", "target_prefix"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise BadMetadata(f"{where}: metadata.json: unreadable metadata ({key} is not a string)")
    pair = (meta.get("from_code"), meta.get("to_code"))
    if pair != ("vi", "en"):
        raise ModelError(f"{where}: package translates {pair[0]}→{pair[1]}, not vi→en")
    if not (path / "model" / "model.bin").is_file():
        raise ModelError(f"{where}: package has no CTranslate2 model (model/model.bin missing)")
    tokenizer = next((path / n for n in TOKENIZER_FILES if (path / n).is_file()), None)
    if tokenizer is None:
        raise ModelError(f"{where}: package has no tokenizer (sentencepiece.model or bpe.model missing)")
    return Package(
        path=path,
        name=str(meta.get("name") or path.name),
        version=str(meta.get("package_version") or ""),
        from_code="vi",
        to_code="en",
        target_prefix=str(meta.get("target_prefix") or ""),
        tokenizer=tokenizer,
    )


def installed_packages(directory: Path | None = None) -> list[Package]:
    """The usable vi→en packages installed, highest version first."""
    directory = directory or packages_dir()
    remove_abandoned(directory.parent, (INSTALL_PREFIX, DOWNLOAD_PREFIX, REMOVE_PREFIX))
    found = []
    if directory.is_dir():
        for child in sorted(directory.iterdir()):
            if child.name.startswith(".") or not child.is_dir():
                continue
            try:
                found.append(read_package(child))
            except BadMetadata as err:
                _warn_once(f"{err.message}; skipped")
            except ModelError:
                continue  # another language pair, or not a package: not ours to use
    return sorted(found, key=lambda p: (_version_key(p.version), p.name), reverse=True)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def find_package(model: str | os.PathLike[str] | None = None) -> Package:
    """The package at `model` (a directory or .argosmodel), else the installed vi→en package
    with the highest version. Which path a run names (--model, $DIGEST_MODEL) is
    digest.config's decision."""
    if model:
        return open_package(Path(model).expanduser())
    packages = installed_packages()
    if not packages:
        raise ModelError(f"no vi→en translation model installed in {packages_dir()}; {INSTALL_HINT}")
    return packages[0]


def open_package(path: Path) -> Package:
    """A package directory, or a .argosmodel zip (extracted once into the cache)."""
    if path.is_dir():
        return read_package(path)
    if not path.exists():
        raise ModelError(f"{path}: no such model file or directory")
    if not path.is_file():  # a FIFO or a device would be read forever
        raise ModelError(f"{path}: not a model file or directory")
    return _extracted(path)


def _extracted(archive: Path) -> Package:
    from digest.translate.cache import cache_dir

    digest_hex = sha256_file(archive)
    home = cache_dir() / "packages" / digest_hex[:32]
    if not home.is_dir():
        home.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(home.parent, (EXTRACT_PREFIX,))
        staging, held = _staging(EXTRACT_PREFIX, home.parent)
        moved = False
        try:
            top = safe_extract(archive, staging)
            read_package(staging / top, shown_as=str(archive))
            try:
                staging.rename(home)
                moved = True
            except OSError:
                if not home.is_dir():  # not another run winning the race: a real failure
                    raise
        finally:
            if not moved:
                shutil.rmtree(staging, ignore_errors=True)
            os.close(held)
    tops = [p for p in home.iterdir() if p.is_dir()]
    if len(tops) != 1:
        raise ModelError(f"{home}: damaged extracted copy of {archive}; delete it and retry")
    return read_package(tops[0])


# --------------------------------------------------------------------------- hashes


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def model_hash(package: Package) -> str:
    """SHA-256 of model/model.bin, remembered in a sidecar file so it is computed once."""
    model_bin = package.model_dir / "model.bin"
    st = model_bin.stat()
    stamp = f"{st.st_size} {st.st_mtime_ns}"
    sidecar = package.path / HASH_SIDECAR
    try:
        saved_stamp, saved_hash = sidecar.read_text().rsplit(" ", 1)
        if saved_stamp == stamp and len(saved_hash) == 64:
            return saved_hash
    except (OSError, ValueError):
        pass
    value = sha256_file(model_bin)
    with contextlib.suppress(OSError):  # a read-only package: hash again next time
        sidecar.write_text(f"{stamp} {value}")
    return value


# --------------------------------------------------------------------------- zip safety


def safe_extract(archive: Path, dest: Path, shown_as: str | None = None) -> str:
    """Extract a .argosmodel into dest and return its one top-level directory name.

    Unlike argostranslate's installer, refuses members that would land outside dest
    (absolute paths, `..`, links) and archives that are not one directory.
    shown_as names the archive in messages when it is a temporary download.
    """
    where = shown_as or str(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            top = _check_members(where, members)
            root = dest.resolve()
            for info in members:
                target = dest.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts).resolve()
                if not target.is_relative_to(root):
                    raise ModelError(f"{where}: refused: member {info.filename!r} would land outside "
                                     "the package directory")
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise ModelError(f"{where}: not a valid .argosmodel package (corrupt zip: {err})") from None
    except OSError as err:
        if isinstance(err, FileNotFoundError) and not Path(archive).exists():
            raise ModelError(f"{where}: no such file") from None
        raise ModelError(f"{where}: cannot extract ({err.strerror or err})") from None
    return top


def _check_members(where: str, members: list[zipfile.ZipInfo]) -> str:
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ModelError(f"{where}: refused: {len(members)} members (a package has about 10; "
                         f"at most {MAX_ARCHIVE_MEMBERS})")
    tops: set[str] = set()
    nested = False
    total = 0
    for info in members:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts or not parts:
            raise ModelError(f"{where}: refused: member {info.filename!r} would land outside the package directory")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ModelError(f"{where}: refused: member {info.filename!r} is a symbolic link")
        tops.add(parts[0])
        nested = nested or len(parts) > 1
        total += info.file_size
    if len(tops) != 1 or not nested:
        raise ModelError(f"{where}: not an Argos package (expected one top-level directory, found {len(tops)} entries)")
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(f"{where}: refused: unpacks to {total} bytes (at most {MAX_UNPACKED_BYTES})")
    top = tops.pop()
    if top.startswith("."):  # hidden: no command would see it, and it could take a staging name
        raise ModelError(f"{where}: refused: package directory {top!r} starts with '.'")
    return top


# --------------------------------------------------------------------------- install / remove


def is_url(source: str) -> bool:
    return re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source) is not None


def install(source: str | None = None, sha256: str | None = None, progress: Progress | None = None) -> Installed:
    """Download (or take) an .argosmodel, verify it, check that it loads and translates,
    and move it into place atomically.

    With no source, installs the official translate-vi_en-1_9 package, checking its
    published size and SHA-256, from each of OFFICIAL_URLS in turn until one works.
    Any failure leaves nothing half-installed.
    """
    target_dir = packages_dir()
    work = target_dir.parent
    try:
        work.mkdir(parents=True, exist_ok=True)
        target_dir.mkdir(exist_ok=True)
    except OSError as err:
        raise ModelError(f"{target_dir}: cannot create package directory ({err.strerror or err})") from None
    remove_abandoned(work, (INSTALL_PREFIX, DOWNLOAD_PREFIX, REMOVE_PREFIX))
    if source is not None:
        return _install_one(source, sha256, None, progress, target_dir)
    failures = []
    for url in OFFICIAL_URLS:
        try:
            return _install_one(url, OFFICIAL_SHA256, OFFICIAL_SIZE, progress, target_dir)
        except ModelError as err:
            failures.append(err.message)
    if len(failures) == 1:
        raise ModelError(failures[0])
    raise ModelError("; ".join(failures[:-1]) + f"; and {failures[-1]}")


def _install_one(source: str, sha256: str | None, expected_size: int | None, progress: Progress | None,
                 target_dir: Path) -> Installed:
    work = target_dir.parent
    held: list[int] = []  # locks that mark our staging as in use (see remove_abandoned)
    downloaded: Path | None = None
    staging: Path | None = None
    try:
        if is_url(source):
            downloaded, lock = _staging(DOWNLOAD_PREFIX, work, directory=False)
            held.append(lock)
            limits = download.Limits(expected_size if expected_size is not None else MAX_DOWNLOAD_BYTES,
                                     DOWNLOAD_DEADLINE_SECONDS, READ_TIMEOUT_SECONDS, HEADERS_DEADLINE_SECONDS)
            actual = download.fetch(source, downloaded, limits, progress)
            archive = downloaded
        else:
            archive = Path(source).expanduser()
            if archive.is_dir():
                raise ModelError(f"{source}: is a directory; --from takes an .argosmodel file or URL "
                                 f"(a package directory can be used as it is with --model DIR)")
            if not archive.exists():
                raise ModelError(f"{source}: no such file")
            if not archive.is_file():  # a FIFO or a device would be read forever
                raise ModelError(f"{source}: not a regular file; nothing installed")
            actual = sha256_file(archive)
        size = archive.stat().st_size
        if expected_size is not None and size != expected_size:
            raise ModelError(f"{source}: expected {expected_size} bytes, got {size}; nothing installed")
        if sha256 and actual != sha256.strip().lower():
            raise ModelError(f"{source}: SHA-256 mismatch (expected {sha256.strip().lower()}, got {actual}); "
                             "nothing installed")

        staging, lock = _staging(INSTALL_PREFIX, work)
        held.append(lock)
        top = safe_extract(archive, staging, shown_as=source)
        package = read_package(staging / top, shown_as=source)
        _check_loads(package, source)
        model_hash(package)  # leaves the sidecar, so the first translation needn't hash
        replaced = _move_into_place(staging / top, target_dir / top, staging)
        return Installed(read_package(target_dir / top), actual, replaced)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if downloaded is not None:
            downloaded.unlink(missing_ok=True)
        for lock in held:
            os.close(lock)


def _check_loads(package: Package, source: str) -> None:
    """Install reports success only for a package that works: its model and tokenizer
    load and one sentence translates."""
    from digest.translate.engine import Engine

    try:
        english = Engine(package).translate(["Xin chào."])
    except ModelError as err:
        raise ModelError(f"{source}: package does not work ({err.message}); nothing installed") from None
    except Exception as err:  # whatever ctranslate2 or a tokenizer library raises for bad files
        raise ModelError(f"{source}: package does not load ({type(err).__name__}: {err}); "
                         "nothing installed") from None
    if len(english) != 1:
        raise ModelError(f"{source}: package does not translate; nothing installed")


def _move_into_place(new: Path, target: Path, scratch: Path) -> bool:
    if not target.exists():
        os.rename(new, target)
        return False
    old = scratch / ".previous"
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # put the working copy back
        raise
    return True


# --------------------------------------------------------------------------- staging


def _staging(prefix: str, parent: Path, directory: bool = True) -> tuple[Path, int]:
    """A new staging directory (or file) and a descriptor holding an flock on it while it
    is in use: remove_abandoned() leaves it alone until the descriptor is closed, or the
    process dies however it dies (SIGKILL included)."""
    import fcntl

    if directory:
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    else:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".argosmodel", dir=parent)
        path = Path(name)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return path, fd


def remove_abandoned(parent: Path, prefixes: tuple[str, ...]) -> None:
    """Remove the staging that a killed command left in `parent`: entries with one of
    these prefixes whose flock no live process holds."""
    import fcntl

    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefixes)]
    except OSError:
        return
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue  # a symlink, or already gone: not ours to touch
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a live command's staging
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        finally:
            os.close(fd)


def remove(name: str) -> Package:
    """Remove an installed package by directory name or model name."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ModelError(f"{name!r}: not a package name (see `digest model list`)")
    directory = packages_dir()
    matches = [p for p in installed_packages(directory) if name in (p.path.name, p.name, p.label)]
    if not matches:
        raise ModelError(f"no installed vi→en model named {name!r} in {directory} (see `digest model list`)")
    package = matches[0]
    trash, held = _staging(REMOVE_PREFIX, directory.parent)
    try:
        os.rename(package.path, trash / package.path.name)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
        os.close(held)
    return package
