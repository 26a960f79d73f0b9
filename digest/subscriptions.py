"""The sources people keep in their config file, edited in place; OPML in and out.

The config file (digest.config) holds the default job's `sources = [...]` at the top
level and a named job's in `[jobs.NAME]`. `digest sources` edits that one array with
tomlkit, so the user's comments, other keys, key order and formatting are kept; a
one-line array becomes one source a line when something is added to it. A feed's title
(from an OPML import) is kept as the comment after its URL, and an export gives it back.

A source is an http(s) URL or an existing path; a path is saved absolute (the run reads a
relative one from the config file's directory). Two URLs are the same source when their
canonical forms are (digest.fetch.urls.canonical_url). The file is written atomically
(digest.output.atomic_write) with its permissions kept; through a symlink, the file the
link points to is written.

OPML is read with the standard library's expat, which refuses any document that declares
an entity (billion laughs, external entities): feed readers never write one.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import os
import re
import stat
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array

from digest.errors import InputError, OutputError, UsageError
from digest.fetch.urls import _url_problem, canonical_url, scheme_of
from digest.output import atomic_write
from digest.sources import is_url

JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_OPML_BYTES = 16 * 1024 * 1024  # an export of thousands of feeds is well under 1 MB
_NOT_IN_A_COMMENT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_NOT_IN_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_COMMENTED_ITEM = re.compile(r"""^[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*,?[ \t]*#[ \t]?(.*)$""", re.M)


@dataclass(frozen=True)
class Feed:
    """A source with the title a feed reader (or the comment after it) gives it."""

    url: str
    title: str = ""


# --- sources in the config file -------------------------------------------------------

def list_sources(path: Path, job: str | None = None) -> list[str]:
    """The sources as the file writes them; [] when the file or its key does not exist.
    A --job that the file lacks is a UsageError."""
    return [feed.url for feed in list_feeds(path, job)]


def list_feeds(path: Path, job: str | None = None) -> list[Feed]:
    """list_sources, with each one's title: the comment after it in the file, or ""."""
    doc = _load(path)
    sources = _sources(doc, path, job, create=False)
    if sources is None:
        return []
    titles = {m.group(1): m.group(2).strip() for m in _COMMENTED_ITEM.finditer(sources.as_string())}
    return [Feed(str(item), titles.get(item.as_string(), "")) for item in sources]


def add_sources(path: Path, sources: Iterable[str | Feed], job: str | None = None) -> list[str]:
    """Add the sources the list lacks, in order; returns those added (as written: a path
    made absolute). A source already there (or twice in `sources`) is skipped. Anything but
    an http(s) URL or an existing path is a UsageError, and nothing is written. A file that
    does not exist yet is created, with its directories."""
    feeds = [Feed(_tidy(item.url), item.title) if isinstance(item, Feed) else Feed(_tidy(item)) for item in sources]
    for feed in feeds:
        problem = source_problem(feed.url)
        if problem:
            raise UsageError(problem)
    doc = _load(path)
    array = _sources(doc, path, job, create=True)
    assert array is not None
    known = {_key(str(item), path.absolute().parent) for item in array}
    added = []
    for feed in feeds:
        key = _key(feed.url, Path.cwd())
        if key in known:
            continue
        known.add(key)
        entry = feed.url if is_url(feed.url) else os.path.abspath(Path(feed.url).expanduser())
        _append(array, entry, _comment(feed.title))
        added.append(entry)
    if added:
        _save(path, doc)
    return added


def remove_sources(path: Path, sources: Iterable[str], job: str | None = None) -> list[str]:
    """Remove each of `sources` from the list (a URL matched by its canonical form, a path
    by where it points); returns those of `sources` that were there. Writes nothing when
    none was. A --job that the file lacks is a UsageError."""
    doc = _load(path)
    array = _sources(doc, path, job, create=False)
    if array is None:
        return []
    removed = []
    for source in sources:
        wanted = {_key(_tidy(source), Path.cwd()), source.strip()}
        found = [i for i, item in enumerate(array)
                 if str(item) in wanted or _key(str(item), path.absolute().parent) in wanted]
        for index in reversed(found):
            del array[index]
        if found:
            removed.append(source)
    if removed:
        _save(path, doc)
    return removed


def source_problem(name: str) -> str | None:
    """Why `name` cannot be a saved source (one line naming it), or None."""
    name = _tidy(name)
    if is_url(name):
        problem = _url_problem(name)
        if problem is None:
            try:
                canonical_url(name)
            except InputError as err:
                return err.message
        return f"{name}: {problem}" if problem else None
    if name == "-":
        return "-: stdin cannot be a saved source (name a file, or an http(s) URL)"
    if name.strip() and Path(name).expanduser().exists():
        return None
    scheme = scheme_of(name)
    if scheme and len(scheme) > 1:  # ftp:, feed:, file: (never a drive letter)
        return f"{name.strip()}: {_url_problem(name) or 'not an http(s) URL'}"
    return f"{name}: not an http(s) URL, and no such file or directory"


def _tidy(name: str) -> str:
    """A URL without the spaces around it (a path is taken as it is)."""
    return name.strip() if is_url(name.strip()) else name


def _key(source: str, base: Path) -> str:
    """What two spellings of one source share: a URL's canonical form, a path's absolute one."""
    if is_url(source):
        try:
            return canonical_url(source)
        except InputError:  # a bad URL someone wrote into the file: matched as written
            return source.strip()
    return os.path.normpath(base / Path(source).expanduser())


def _load(path: Path) -> tomlkit.TOMLDocument:
    if not path.exists():
        return tomlkit.document()
    try:
        return tomlkit.parse(path.read_bytes().decode("utf-8"))
    except OSError as err:
        raise UsageError(f"{path}: cannot read the config file ({err.strerror or err})") from None
    except (UnicodeError, TOMLKitError, ValueError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise UsageError(f"{path}: not a valid TOML config file ({reason})") from None


def _sources(doc: tomlkit.TOMLDocument, path: Path, job: str | None, create: bool) -> Array | None:
    """The sources array of the top level or of [jobs.JOB]; made when `create`, else None
    when the file has none. Raises UsageError when the file holds something else there."""
    table: MutableMapping[str, Any] = doc
    where = "'sources'"
    if job is not None:
        jobs = doc.get("jobs")
        if jobs is not None and (isinstance(jobs, AoT) or not isinstance(jobs, MutableMapping)):
            raise UsageError(f"{path}: 'jobs' must hold tables: [jobs.NAME]")
        if jobs is None or job not in jobs:
            if not create:
                known = ", ".join(sorted(jobs or ())) or "none"
                raise UsageError(f"--job {job}: {path} has no [jobs.{job}] (jobs: {known})")
            if not JOB_NAME.match(job):
                raise UsageError(f"--job {job!r}: a new job's name is letters, digits, '-' and '_' (at most 64)")
            if jobs is None:
                jobs = doc["jobs"] = tomlkit.table(is_super_table=True)
            jobs[job] = tomlkit.table()
        table = jobs[job]
        where = f"'jobs.{job}.sources'"
        if not isinstance(table, MutableMapping):
            raise UsageError(f"{path}: 'jobs.{job}' must be a table")
    found = table.get("sources")
    if found is None:
        if not create:
            return None
        found = table["sources"] = tomlkit.array().multiline(True)
    if not isinstance(found, Array) or not all(isinstance(item, str) for item in found):
        raise UsageError(f"{path}: {where} must be a list of URLs and paths")
    return found


def _append(array: Array, entry: str, comment: str | None) -> None:
    """entry on a line of its own, indented as the array's other lines are."""
    text = array.as_string()
    if "\n" not in text:
        array.multiline(True)
    indents = re.findall(r"\n([ \t]+)[\"']", text)
    array.add_line(entry, indent=indents[-1] if indents else "    ", comment=comment)


def _comment(title: str) -> str | None:
    """A title as a one-line TOML comment (no control characters), or None."""
    text = " ".join(_NOT_IN_A_COMMENT.sub(" ", title).split())
    return text[:200] or None


def _save(path: Path, doc: tomlkit.TOMLDocument) -> None:
    """Write doc over path (the file a symlink points to), atomically, keeping its permissions."""
    target = path.resolve()
    text = tomlkit.dumps(doc)
    text = text if text.endswith("\n") else text + "\n"
    if "\r\n" in text:  # a Windows file: the lines added end as its others do
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OutputError(f"{target}: cannot write ({err.strerror or err})") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{target.parent}: cannot make the directory ({err.strerror or err})") from None
    atomic_write(target, data)
    if mode is not None and mode != 0o644:  # atomic_write leaves 0644
        try:
            os.chmod(target, mode)
        except OSError as err:
            raise OutputError(f"{target}: written, but its permissions could not be restored "
                              f"to {mode:o} ({err.strerror or err})") from None


# --- OPML -----------------------------------------------------------------------------

class _Refused(Exception):
    pass


def read_opml(source: Path | bytes, name: str = "-") -> list[Feed]:
    """Every outline with an xmlUrl, at any depth (feed readers nest them in category
    outlines), in document order: its URL and its title (title, else text). A document
    that is not OPML, is not well-formed, or declares an entity is a UsageError."""
    if isinstance(source, Path):
        name = str(source)
        try:
            with source.open("rb") as handle:
                source = handle.read(MAX_OPML_BYTES + 1)
        except OSError as err:
            raise UsageError(f"{name}: cannot read ({err.strerror or err})") from None
    if len(source) > MAX_OPML_BYTES:
        raise UsageError(f"{name}: larger than {MAX_OPML_BYTES // (1024 * 1024)} MB; not an OPML export")
    feeds: list[Feed] = []
    root: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not root:
            root.append(tag)
            if tag.lower() != "opml":
                hint = "; a feed is added with `digest sources add URL`" if tag in ("rss", "feed", "rdf:RDF") else ""
                raise _Refused(f"not an OPML file (its root element is <{tag[:40]}>){hint}")
        if tag.lower() != "outline":
            return
        fields = {key.lower(): value for key, value in attrs.items()}
        url = fields.get("xmlurl", "").strip()
        if url:
            feeds.append(Feed(url, " ".join((fields.get("title") or fields.get("text") or "").split())))

    def no_entities(*_: object) -> None:
        raise _Refused("declares XML entities (refused: an OPML export never does)")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EntityDeclHandler = no_entities
    parser.UnparsedEntityDeclHandler = no_entities
    parser.ExternalEntityRefHandler = no_entities  # type: ignore[assignment]
    try:
        parser.Parse(source, True)
    except _Refused as err:
        raise UsageError(f"{name}: {err}") from None
    except expat.ExpatError as err:
        raise UsageError(f"{name}: not an OPML file ({expat.errors.messages.get(err.code, err)}, "
                         f"line {err.lineno})") from None
    if not root:
        raise UsageError(f"{name}: not an OPML file (empty)")
    return feeds


def write_opml(feeds: Iterable[Feed | str], title: str, created: dt.datetime) -> tuple[str, int]:
    """An OPML 2.0 document listing the feeds that are URLs, and how many were left out
    (paths: OPML lists feeds only). `created` is the head's dateCreated (RFC 822)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "  <head>",
             f"    <title>{_xml(title)}</title>",
             f"    <dateCreated>{email.utils.format_datetime(created)}</dateCreated>",
             "  </head>", "  <body>"]
    skipped = 0
    for feed in feeds:
        feed = feed if isinstance(feed, Feed) else Feed(feed)
        if not is_url(feed.url):
            skipped += 1
            continue
        text = _xml(feed.title or feed.url, quote=True)
        lines.append(f'    <outline type="rss" text={text} title={text} xmlUrl={_xml(feed.url, quote=True)}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines), skipped


def _xml(text: str, quote: bool = False) -> str:
    """text as XML character data (or a quoted attribute value); what XML 1.0 cannot hold
    (control characters) becomes U+FFFD."""
    text = _NOT_IN_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not quote:
        return text
    return '"' + text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'
