"""What `digest batch` reads: directories of articles, article files, list files (one
path a line) and JSONL files of records ({"url" or "path": ..., "text": ...}), as Items
in input order, not yet read; and an Item's Source.

A JSONL file is read line by line, in binary, at most MAX_RECORD_BYTES a line: a line
too long, not UTF-8, not JSON, too deeply nested, or naming an input no file can have
is one failed input named FILE:LINE, and the next line is read.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from digest import core
from digest.errors import InputError
from digest.model import Source
from digest.sources import MAX_INPUT_BYTES

MAX_RECORD_BYTES = MAX_INPUT_BYTES  # one JSONL line: a record is one input, and held as one
MAX_NAME_CHARS = 4096  # a record's "url" or "path" (PATH_MAX); the name is repeated in every failure line
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # what json.loads lets through of a broken pair
# The same start-of-page test as digest.sources (which sniffs bytes): a record's text
# that starts like a page is cleaned as HTML.
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<div|<article|<p[\s>])", re.I)


@dataclass(frozen=True)
class Item:
    """One input of a batch, not yet read: a file, or a record's text."""

    name: str  # path or URL: the record's "input"
    path: Path | None = None
    text: str | None = None
    error: str | None = None  # known unreadable while listing (a bad record line)


def list_items(inputs: Iterable[str], lists: Iterable[str] = ()) -> Iterator[Item]:
    """Every input, in order: each directory's articles (sorted), article files, the
    records of each .jsonl file, then the paths of each list file."""
    from digest.sources import find_inputs

    for name in inputs:
        if name.lower().endswith(".jsonl") and Path(name).is_file():
            yield from _records(Path(name))
            continue
        for found in find_inputs([name]):
            if isinstance(found, InputError):
                yield Item(name, error=found.message)
            else:
                yield Item(found.name, found.path)
    for list_file in lists:
        yield from _listed(Path(list_file))


def _listed(list_file: Path) -> Iterator[Item]:
    """A list file: one path a line; blank lines and lines starting with # are skipped."""
    try:
        lines = list_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{list_file}: cannot read the list ({getattr(err, 'strerror', None) or err})") from None
    for line in lines:
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if _URL.match(name):
            yield Item(name, error=f"{name}: a URL: digest batch reads saved pages (give JSONL with their text)")
        elif Path(name).is_dir():
            yield Item(name, error=f"{name}: a directory in a list file (list its articles, or give it as an input)")
        else:
            yield Item(name, Path(name))


def _records(jsonl: Path) -> Iterator[Item]:
    """JSONL: {"url" or "path": ..., "text": ...} a line; a record without text names a
    file to read. A bad line is one failed input, named by its line: not UTF-8, not
    JSON, or longer than one input may be (MAX_INPUT_BYTES: read no further than that,
    the rest of the line skipped unread)."""
    try:
        handle = jsonl.open("rb")
    except OSError as err:
        raise InputError(f"{jsonl}: cannot read ({err.strerror or err})") from None
    with handle:
        number = 0
        while True:
            try:
                data = handle.readline(MAX_RECORD_BYTES + 1)
            except OSError as err:
                raise InputError(f"{jsonl}: cannot read ({err.strerror or err})") from None
            if not data:
                return
            number += 1
            where = f"{jsonl}:{number}"
            if len(data) > MAX_RECORD_BYTES and not data.endswith(b"\n"):
                _skip_line(handle)
                yield Item(where, error=f"{where}: a record larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB, "
                                        "not an article")
                continue
            if number == 1 and data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark
                data = data[3:]
            if not data.strip():
                continue
            try:
                record = json.loads(data.decode("utf-8"))
            except UnicodeDecodeError:
                yield Item(where, error=f"{where}: not UTF-8")
                continue
            except (ValueError, RecursionError):  # RecursionError: nested past Python's stack
                yield Item(where, error=f"{where}: not a JSON record")
                continue
            yield _record_item(record, where)


def _skip_line(handle: IO[bytes]) -> None:
    """Read past the end of an over-long line, a megabyte at a time."""
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _record_item(record: object, where: str) -> Item:
    if not isinstance(record, dict):
        return Item(where, error=f"{where}: not a JSON object")
    name = record.get("url") or record.get("path")
    text = record.get("text")
    if not isinstance(name, str) or not name:
        return Item(where, error=f"{where}: a record needs a \"url\" or \"path\"")
    if len(name) > MAX_NAME_CHARS or "\x00" in name:
        return Item(where, error=f"{where}: a \"url\" or \"path\" that names nothing (NUL, or longer than "
                                 f"{MAX_NAME_CHARS} characters)")
    if text is None:
        if _URL.match(name):
            return Item(name, error=f"{name}: no text (digest batch fetches nothing: give the page's text)")
        try:
            os.fsencode(name)  # a file name's undecodable bytes (\udc80-\udcff) are; half a surrogate pair isn't
        except UnicodeError:
            return Item(where, error=f"{where}: a \"path\" that no file can have (half a surrogate pair)")
        return Item(name, Path(name))
    if not isinstance(text, str):
        return Item(name, error=f"{name}: \"text\" is not a string")
    # JSON may hold half of a surrogate pair ("\ud800"), which no UTF-8 file can: it
    # becomes U+FFFD, as a stray byte of a damaged file does (digest.sources).
    return Item(name, text=_LONE_SURROGATE.sub("\ufffd", text))


def read_item(item: Item) -> Source:
    """The item's Source, decoded and normalized as digest.sources does. Raises InputError."""
    if item.error is not None:
        raise InputError(item.error)
    if item.text is None:
        return core.read_input(core.InputRef(item.name, item.path))
    text = unicodedata.normalize("NFC", item.text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{item.name}: empty text")
    # By its text alone: a page's URL ends in .html whether its record holds the page or
    # the article's plain text.
    return Source(path=item.name, text=text, kind="html" if _HTML_START.match(text[:512]) else "text")


