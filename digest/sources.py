"""Find and read the inputs: files, directories of articles, or '-' for stdin.

Each input is decoded (UTF-8 with or without BOM, UTF-16, the charset an HTML page
declares, windows-1258 or windows-1252, whichever reads as Vietnamese: digest.charsets)
and normalized to NFC, because Vietnamese often arrives decomposed (a base letter plus
combining tone marks).
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digest import charsets
from digest.errors import InputError, warn
from digest.model import Source

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
# Far more than any article page (a long one is well under 1 MB); the cap keeps a runaway
# input within the memory and time a run may take (bench/run.py measures the largest).
MAX_INPUT_BYTES = 8 * 1024 * 1024

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<div|<article|<p[\s>])", re.I)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class InputRef:
    """An input to read later: a path, or '-' for stdin."""

    name: str
    path: Path | None  # None for stdin


def is_url(name: str) -> bool:
    """Whether an input names a web page or feed (http or https) rather than a path."""
    return name[:8].lower().startswith(("http://", "https://"))


def find_inputs(paths: list[str], skipped: Callable[[str], None] | None = None) -> Iterator[InputRef | InputError]:
    """Expand the user's PATHs into inputs, in order; problems come back as errors, not raised,
    so one bad path never stops the others. In a directory, what is not an article (hidden
    files, editor and OS junk, a browser's *_files folder, MHTML and PDF) is passed over,
    each told to `skipped`; named on the command line, an MHTML or PDF file is refused."""
    for name in paths:
        if name == "-":
            yield InputRef("-", None)
            continue
        path = Path(name)
        if path.is_dir():
            found = []
            for entry in sorted(path.iterdir()):
                why = _not_an_article(entry)
                if why is None:
                    found.append(entry)
                elif skipped is not None and why:
                    skipped(f"{entry}: skipped, {why}")
            if not found:
                yield InputError(f"{name}: directory holds no articles (.txt, .html, .htm)")
            for article_path in found:
                yield InputRef(str(article_path), article_path)
        elif path.exists():
            kind = _archive_kind(path)
            yield InputError(f"{name}: {kind}, not an article (save the page as HTML)") if kind else (
                InputRef(name, path))
        else:
            yield InputError(f"{name}: no such file or directory")


# What a folder of saved pages also holds: editors' backups and locks ("~x", "x~",
# ".#x"), macOS's "._x" and ".DS_Store", hidden files, the "x_files" folder a browser
# saves a page's images into, and archives of a whole page (MHTML) or a PDF.
_JUNK_NAME = re.compile(r"^(\.|~)|~$")
_ARCHIVE_SUFFIXES = {".mhtml": "an MHTML archive", ".mht": "an MHTML archive", ".pdf": "a PDF file"}


def _not_an_article(entry: Path) -> str | None:
    """Why a directory entry is passed over ("" when it is plainly not text: another
    suffix or a subfolder), or None for an article to read."""
    if _JUNK_NAME.search(entry.name):
        return "a hidden, backup or system file"
    if entry.is_dir():
        # one level only: a folder of folders is what the user gives, not what digest guesses
        return ("a browser's folder of page files" if entry.name.endswith("_files")
                else "a folder (digest reads the files directly in a folder; name the subfolder to read it)")
    if not entry.is_file():
        return ""
    kind = _archive_kind(entry)
    if kind:
        return kind
    return None if entry.suffix.lower() in ARTICLE_SUFFIXES else ""


def _archive_kind(path: Path) -> str | None:
    """'an MHTML archive' or 'a PDF file', by the name or by the first bytes (a PDF
    saved as x.txt is still a PDF)."""
    kind = _ARCHIVE_SUFFIXES.get(path.suffix.lower())
    if kind or not path.is_file():
        return kind
    try:
        with open(path, "rb") as handle:
            head = handle.read(512).lstrip()
    except OSError:
        return None  # read_source says why
    if head.startswith(b"%PDF-"):
        return "a PDF file"
    if re.match(rb"(?:From: <Saved by|MIME-Version: 1\.0)", head, re.I) and re.search(rb"multipart/related", head,
                                                                                         re.I):
        return "an MHTML archive"
    return None


def read_source(ref: InputRef) -> Source:
    """Read and decode one input; raise InputError with a one-line reason."""
    try:
        data = _read_bytes(ref)
    except OSError as err:
        raise InputError(f"{ref.name}: cannot read ({err.strerror or err})") from None
    if not data.strip():
        raise InputError(f"{ref.name}: empty file")
    looks_html = (ref.path is not None and ref.path.suffix.lower() in HTML_SUFFIXES) or bool(
        _HTML_SNIFF.match(_strip_bom(data)[:512])
    )
    text = decode(data, ref.name, html=looks_html)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{ref.name}: empty file")
    return Source(path=ref.name, text=text, kind="html" if looks_html else "text")


def _read_bytes(ref: InputRef) -> bytes:
    if ref.path is None:
        if sys.stdin is None or sys.stdin.closed:  # started with `<&-`
            raise InputError("-: standard input is closed")
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        # O_NONBLOCK: a FIFO with no writer must not hang the run before it is refused.
        fd = os.open(ref.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError(f"{ref.name}: not a regular file (a FIFO, device or socket is not read)")
            data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{ref.name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB, not an article")
    return data


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(codecs.BOM_UTF8) else data


def decode(data: bytes, name: str, html: bool = False, declared: str | None = None) -> str:
    """Decode bytes as text, by what reads as Vietnamese rather than by a label alone
    (digest.charsets says how); raise InputError. `declared` is a charset the bytes came
    with (an HTTP Content-Type); an HTML page's own <meta charset> is read here. A few bad
    bytes are replaced (one warning line says how many), stray control characters
    dropped; a binary file is refused."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(_decode_damaged(data, encoding, name), name)
    shape = charsets.utf16_shape(data)
    if shape:
        try:
            return _checked(data.decode(shape), name)
        except UnicodeDecodeError:
            pass  # NULs every other byte but not UTF-16: binary, said below
    if charsets.is_binary(len(charsets.CONTROL_BYTES.findall(data)), len(data)):
        raise InputError(f"{name}: binary file, not text")
    valid, bad = charsets.utf8_damage(data)
    if not bad:
        return _checked(data.decode("utf-8"), name)  # whatever a label says
    if charsets.nearly_utf8(data, valid, bad):
        return _checked(_replaced(data, bad, name), name)
    labels = [declared]
    if html:
        meta = _DECLARED_CHARSET.search(data[:4096])
        labels.append(meta.group(1).decode("ascii") if meta else None)
    named = [encoding for encoding in (charsets.codec_for(label, data) for label in labels) if encoding]
    decoded: list[tuple[str, str]] = []
    for encoding in dict.fromkeys([*named, *charsets.FALLBACKS]):
        try:
            decoded.append((encoding, data.decode(encoding, errors="strict")))
        except (UnicodeError, LookupError, ValueError, TypeError):
            # not this encoding (a codec may also fail in its own way)
            continue
    if valid > bad:  # UTF-8 with more damage than a stray byte: a candidate like the others
        decoded.append(("utf-8", data.decode("utf-8", errors="replace")))
    if not decoded:
        raise InputError(f"{name}: not valid text in UTF-8, UTF-16 or windows-1258")
    scores = [charsets.vietnamese_score(text) for _, text in decoded]
    best = max(range(len(decoded)), key=lambda index: scores[index])  # the first of equals
    # With nothing that reads as Vietnamese, the page's label stands if it decodes the page.
    labelled = decoded[0][0] in named
    encoding, text = decoded[0] if scores[best] <= 0 and labelled else decoded[best]
    if encoding == "utf-8":
        _warn_replaced(name, bad, "bytes that are not UTF-8")
    return _checked(text, name)


def _decode_damaged(data: bytes, encoding: str, name: str) -> str:
    """Text that says its encoding with a byte-order mark: a few bad bytes in it (a
    truncated last UTF-16 unit, a stray byte) become U+FFFD, with a warning, and the rest
    is read; more damage than that means the mark lies, and the input is refused."""
    try:
        return data.decode(encoding, errors="strict")
    except UnicodeDecodeError:
        pass
    if encoding.startswith("utf-8"):
        valid, bad = charsets.utf8_damage(data[len(codecs.BOM_UTF8):])
        if not charsets.nearly_utf8(data, valid, bad, marked=True):
            raise InputError(f"{name}: not valid UTF-8 after its byte-order mark")
        return _replaced(data, bad, name, encoding)
    text = data.decode(encoding, errors="replace")
    damaged = text.count("\ufffd")
    if damaged > max(charsets.DAMAGED_BYTES, len(text) * charsets.DAMAGED_SHARE):
        raise InputError(f"{name}: not valid UTF-16 after its byte-order mark")
    _warn_replaced(name, damaged, "UTF-16 units that are not valid")
    return text


def _replaced(data: bytes, bad: int, name: str, encoding: str = "utf-8") -> str:
    """UTF-8 with its few bad bytes as U+FFFD, and one warning line that says so."""
    _warn_replaced(name, bad, "bytes that are not UTF-8")
    return data.decode(encoding, errors="replace")


def _warn_replaced(name: str, count: int, what: str) -> None:
    if count == 1:
        what = what.replace("bytes that are", "byte that is").replace("units that are", "unit that is")
    warn(f"{name}: {count} {what} replaced with U+FFFD; the rest is read")


def _checked(text: str, name: str) -> str:
    """Text without stray control characters (a vertical tab, a NUL), which cost no article;
    so many of them that the input is plainly binary refuse it."""
    controls = len(charsets.CONTROL.findall(text))
    if not controls:
        return text
    if charsets.is_binary(controls, len(text)):
        raise InputError(f"{name}: binary file, not text")
    return charsets.drop_controls(text)
