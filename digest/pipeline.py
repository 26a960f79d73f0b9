"""Runs the stages over many inputs: read -> clean -> summarize -> translate.

Each input fails on its own: its error is reported through `on_error` and the others
go on. Articles are streamed one at a time through cleaning and summarizing; only the
digests (summary and metadata) are kept, and translation then sends all sentences of
the run to the model at once, so batches are full and each sentence is translated once.
"""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from digest.article import Article, Digest, Source
from digest.errors import DigestError, InputError
from digest.sources import InputRef, find_inputs, read_source
from digest.streams import discard_pending

ErrorHandler = Callable[[DigestError], None]


def extract_article(source: Source) -> Article:
    """Source -> Article, by the rules for its kind."""
    if source.kind == "html":
        from digest import html  # lxml, readability and bs4 load only when a page needs them

        return html.extract_article(source)
    from digest.clean import clean_text

    return clean_text(source.text, source.path)


def _read_one(ref: InputRef, on_error: ErrorHandler, skip: Callable[[Source], bool] | None = None) -> Article | None:
    """The input's article; None when it failed (reported) or `skip` says it needs no work."""
    try:
        source = read_source(ref)
        if skip is not None and skip(source):
            return None
        return extract_article(source)
    except DigestError as err:
        on_error(err)
    except RecursionError:
        on_error(InputError(f"{ref.name}: page is nested too deeply to read"))
    return None


def summarize_articles(articles: Iterable[Article], sentences: int, keep_paragraphs: bool) -> Iterator[Digest]:
    from digest.summarize import summarize

    for article in articles:
        summary = summarize(article, sentences)
        if not keep_paragraphs:
            # Only the summary and metadata travel on: memory stays flat over long runs.
            article.paragraphs = []
        yield Digest(article=article, summary=summary)


def translate_digests(digests: list[Digest], translator, full: bool, progress=None) -> None:
    """Translate titles and summaries (and with `full` every paragraph) of all digests
    in one call, so the engine sees every sentence of the run at once."""
    from digest.article import Translation, TranslatedText
    from digest.sentences import split_sentences

    # Each paragraph is split once; the same split then regroups the English.
    split = [[split_sentences(p) for p in d.article.paragraphs] if full else [] for d in digests]
    texts: list[str] = []
    for digest, paragraphs in zip(digests, split):
        if digest.article.title:
            texts.append(digest.article.title)
        texts.extend(digest.summary)
        for sentences in paragraphs:
            texts.extend(sentences)
    results = iter(translator.translate(texts, progress))
    for digest, sentences_by_paragraph in zip(digests, split):
        title = next(results) if digest.article.title else TranslatedText("", "")
        summary = [next(results) for _ in digest.summary]
        paragraphs = None
        if full:
            paragraphs = [[next(results) for _ in sentences] for sentences in sentences_by_paragraph]
        digest.translation = Translation(model=translator.model_name, title=title, summary=summary, paragraphs=paragraphs)


# --- a whole run: inputs in, digests out ---------------------------------------------


@dataclass
class JobSettings:
    paths: list[str]
    lang: str = "vi"
    out_dir: Path | None = None
    fmt: str = "md"
    sentences: int = 3
    full: bool = False
    explain: bool = False
    quiet: bool = False
    model: str | None = None
    glossary: Path | None = None
    use_cache: bool = True
    force: bool = False
    wait: float = 0.0
    run_date: str = ""
    mail_to: str | None = None
    mail_from: str | None = None
    subject: str | None = None

    @property
    def translates(self) -> bool:
        return self.lang in ("en", "both")


@dataclass
class Outcome:
    digests: int = 0
    failed: int = 0
    written: int = 0
    unchanged: int = 0


class Job:
    """One `digest` run: reports each failed input on stderr and carries on with the rest."""

    def __init__(self, settings: JobSettings, stderr=None, stdout=None):
        self.settings = settings
        self.stderr = stderr or sys.stderr
        self.stdout = stdout or sys.stdout
        self.outcome = Outcome()

    def run(self) -> Outcome:
        settings = self.settings
        translator = self._load_translator() if settings.translates else None
        refs = find_inputs(settings.paths)  # lazily: a long run doesn't hold every path
        if settings.out_dir is not None:
            self._write_files(refs, translator)
        else:
            self._write_briefing(list(self._digests(self._articles(refs))), translator)
        if self.outcome.digests == 0 and not self.outcome.failed:
            self._report(InputError("no articles found in the given paths"))
        return self.outcome

    # -- stages --------------------------------------------------------------------------

    def _load_translator(self):
        from digest.errors import GlossaryError
        from digest.translate import load_translator

        glossary = self._glossary_path()
        try:
            return load_translator(model=self.settings.model, glossary_path=glossary,
                                   use_cache=self.settings.use_cache)
        except GlossaryError as err:
            if self.settings.glossary is None and os.environ.get("DIGEST_GLOSSARY"):
                # Say where the path came from: it isn't on the command line.
                raise GlossaryError(f"$DIGEST_GLOSSARY: {err.message}") from None
            raise

    def _glossary_path(self) -> Path | None:
        if self.settings.glossary is not None:
            return self.settings.glossary
        env = os.environ.get("DIGEST_GLOSSARY")
        if env:
            return Path(env)
        local = Path("glossary.csv")
        return local if local.is_file() else None

    def _articles(self, refs: Iterable, skip: Callable[[Source], bool] | None = None) -> Iterator[Article]:
        with self._progress(refs) as bar:
            for found in bar:
                if isinstance(found, DigestError):
                    self._report(found)
                    continue
                article = _read_one(found, self._report, skip)
                if article is not None:
                    self.outcome.digests += 1
                    yield article

    def _digests(self, articles: Iterable[Article]) -> Iterator[Digest]:
        keep_paragraphs = self.settings.fmt in ("json", "jsonl") or self.settings.full
        return summarize_articles(articles, self.settings.sentences, keep_paragraphs)

    def _progress(self, items: Iterable):
        if self.settings.quiet or not _is_terminal(self.stderr):
            return contextlib.nullcontext(items)
        import click

        return click.progressbar(list(items), label="Reading articles", file=self.stderr,
                                 item_show_func=lambda ref: getattr(ref, "name", None))

    def _translate(self, digests: list[Digest], translator) -> None:
        if translator is None or not digests:
            return
        shown = []

        def progress(done: int, total: int) -> None:
            shown.append(done)
            self.stderr.write(f"\rTranslating: {done}/{total} sentences through the model")
            self.stderr.flush()

        show = not self.settings.quiet and _is_terminal(self.stderr)
        try:
            translate_digests(digests, translator, self.settings.full, progress if show else None)
        finally:
            if shown:
                self.stderr.write("\n")

    # -- output ---------------------------------------------------------------------------

    def _render_options(self):
        from digest.render import RenderOptions

        return RenderOptions(lang=self.settings.lang, explain=self.settings.explain, run_date=self.settings.run_date)

    def _write_briefing(self, digests: list[Digest], translator) -> None:
        self._translate(digests, translator)
        if not digests:
            return
        settings = self.settings
        if settings.fmt == "eml":
            from digest.render_email import briefing_email

            text = briefing_email(digests, self._render_options(), to=settings.mail_to,
                                  sender=settings.mail_from, subject=settings.subject)
        else:
            from digest.render import render_briefing

            text = render_briefing(digests, settings.fmt, self._render_options())
        _write_stdout(self.stdout, text)

    def _write_files(self, refs: Iterable, translator) -> None:
        from digest import output
        from digest.render import file_name, render_article

        settings = self.settings
        output.prepare_out_dir(settings.out_dir)
        options = self._render_options()
        with output.DirectoryLock(settings.out_dir, wait=settings.wait):
            output.remove_stale_temp_files(settings.out_dir)
            manifest = output.Manifest.load(settings.out_dir)
            report = output.WriteReport()
            taken: set[str] = set()
            input_keys: dict[str, str] = {}  # input path -> fingerprint of its text and this run's settings
            run_key = self._settings_key(translator)

            def already_written(source: Source) -> bool:
                # An unchanged input under unchanged settings gives the same file: no need
                # to clean, summarize or translate it again (a cron re-run costs a read).
                key = output.fingerprint(run_key, source.text)
                input_keys[source.path] = key
                name = None if settings.force else manifest.current_output(key)
                if name is None:
                    return False
                taken.add(name)
                report.unchanged += 1
                self.outcome.digests += 1
                return True

            digests = self._digests(self._articles(refs, skip=already_written))
            # With a model, all digests are translated together (full batches); without one
            # each digest is written as soon as it is ready and then forgotten.
            batch = list(digests) if translator is not None else digests
            if translator is not None:
                self._translate(batch, translator)
            for digest in batch:
                name = file_name(digest, settings.fmt, options, taken)
                content = render_article(digest, settings.fmt, options)
                manifest.write(settings.out_dir / name, content, report, force=settings.force)
                manifest.record_input(input_keys.get(digest.article.path), name)
            manifest.save()
        self.outcome.written = report.written
        self.outcome.unchanged = report.unchanged
        if not settings.quiet and _is_terminal(self.stderr):
            self.stderr.write(f"digest: {report.written} written, {report.unchanged} unchanged "
                              f"in {settings.out_dir}\n")

    def _settings_key(self, translator) -> str:
        """Everything besides the input's text that shapes its digest file."""
        from digest import __version__

        settings = self.settings
        model = translator.identity if translator is not None else ""
        return "|".join(map(str, (__version__, settings.lang, settings.fmt, settings.sentences, settings.full,
                                  settings.explain, settings.run_date, model)))

    def _report(self, err: DigestError) -> None:
        self.outcome.failed += 1
        self.stderr.write(f"digest: {err.message}\n")
        self.stderr.flush()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _write_stdout(stream, text: str) -> None:
    """UTF-8 whatever the locale says: cron's LANG=C must not garble Vietnamese.

    A closed or full stdout is one line (OutputError, exit 1), not a traceback; a reader
    that went away (`digest ... | head`) is left to click, which exits quietly."""
    from digest.errors import OutputError

    if stream is None:  # started with stdout closed (`digest ... >&-`)
        raise OutputError("cannot write the briefing: standard output is closed")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:  # ENOSPC, EIO, EBADF; ValueError: stream closed
        discard_pending(stream)
        reason = getattr(err, "strerror", None) or err
        raise OutputError(f"cannot write the briefing to standard output ({reason})") from None
