"""One `digest run`: the input and output policy around the core stages.

The stages themselves are digest.core's functions; this module decides which inputs
go through them, reports each failed input (the others go on), and where the result
goes: one briefing on stdout (grouped into stories unless --no-stories), or one file
per article in --out DIR (under a lock, with a manifest so a re-run rewrites only what
changed). --out stays one file per article, streamed: a story depends on every article
of the run, so story files would cost a cron re-run its skipped work; the stories are in
the briefing, and core.render_story gives a story's file to a caller that wants one.

Articles are streamed one at a time through cleaning and summarizing; only the digests
(summary and metadata) are kept, and translation then sends all sentences of the run
to the model at once, so batches are full and each sentence is translated once.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, TextIO

from digest import core, store
from digest.config import RunSettings
from digest.errors import DigestError, InputError, OutputError, internal_error, say
from digest.model import Article, Changes, Digest, Source
from digest.sentences import split_sentences
from digest.sources import InputRef, find_inputs, is_url
from digest.streams import discard_pending

if TYPE_CHECKING:
    from digest.model import Story
    from digest.render import RenderOptions
    from digest.translate import Translator


# An input on its way in: a path to read, a page already fetched, or why it can't be had.
Found = InputRef | InputError | Source


class Progress(Protocol):
    """What a run shows while it works (the CLI draws it on a terminal; nothing otherwise)."""

    def reading(self, refs: list[Found]) -> contextlib.AbstractContextManager[Iterable[Found]]: ...

    def translating(self, done: int, total: int) -> None: ...

    def translated(self) -> None: ...

    def fetching(self, done: int, total: int) -> None: ...

    def fetched(self) -> None: ...


@dataclass
class Outcome:
    digests: int = 0
    failed: int = 0
    written: int = 0
    unchanged: int = 0
    flags: int = 0  # digest.qa's flags on this run's English (what --strict exits 4 for)
    old: int = 0  # under --new: articles an earlier --new run briefed with the same text
    skipped: int = 0  # URLs robots.txt disallows
    marked: int = 0  # under --new: articles this run marked briefed
    mailed: bool = False  # the briefing was handed to sendmail or the SMTP server, which took it


class Job:
    """One `digest` run: reports each failed input on stderr and carries on with the rest."""

    def __init__(self, settings: RunSettings, stderr: TextIO, stdout: TextIO | None,
                 progress: Progress | None = None):
        self.settings = settings
        self.stderr = stderr
        self.stdout = stdout
        self.progress = progress
        self.outcome = Outcome()
        self._briefing: list[tuple[str, str]] = []  # under --new: (key, fingerprint) of what this run briefs
        self._state: store.State | None = None
        self._updated: set[str] = set()
        self._sentences: dict[str, list[str]] = {}  # under --new: key -> the sentence keys of what this run briefs
        self._changes: dict[str, Changes] = {}  # input path -> what changed in an updated article
        self._earlier: set[str] = set()  # under --new: inputs briefed before, read for their stories

    def run(self) -> Outcome:
        settings = self.settings
        translator = None
        if settings.translates:
            translator = core.load_chosen_translator(settings.model, settings.glossary, settings.use_cache,
                                                    settings.device)
        with contextlib.ExitStack() as held:
            if settings.new_only:
                self._hold_seen_store(held)
            refs = self._inputs()
            if settings.out_dir is not None:
                self._write_files(refs, translator)
            else:
                self._write_briefing(list(self._digests(refs)), translator)
        outcome = self.outcome
        if outcome.digests == 0 and not outcome.failed and not outcome.old and not outcome.skipped:
            self._report(InputError("no articles found in the given paths"))
        return outcome

    def mark_seen(self) -> Outcome:
        """`digest seen mark`: what the sources hold now counts as briefed, and nothing is
        delivered: the catch-up before a first `--new` run that should start from now."""
        with contextlib.ExitStack() as held:
            self._hold_seen_store(held)
            for _ in self._digests(self._inputs()):
                pass
            self.reserve()
            self.delivered()
        return self.outcome

    def _hold_seen_store(self, held: contextlib.ExitStack[bool | None]) -> None:
        """Open the seen store for this run, under its lock: one --new run at a time, from
        reading what is new until what was delivered is marked, so overlapping runs can't
        deliver the same articles twice."""
        held.enter_context(store.SeenLock(wait=self.settings.wait))
        self._state = held.enter_context(store.State())

    def _inputs(self) -> Iterator[Found]:
        """The paths (lazily: a long run doesn't hold every path), then what the URLs hold."""
        names = list(self.settings.paths)
        skipped = self._warn if self.settings.explain else None
        yield from find_inputs([name for name in names if not is_url(name)], skipped)
        urls = [name for name in names if is_url(name)]
        if urls:
            yield from self._fetch(urls)

    def _fetch(self, urls: list[str]) -> list[Source | InputError]:
        from digest.fetch import Fetcher, FetchOptions, FetchReport, fetch_sources

        given = self.settings.fetch
        options = FetchOptions(delay=given.delay, concurrency=given.concurrency, total_timeout=given.timeout,
                               offline=given.offline)
        report = FetchReport()
        progress = self.progress.fetching if self.progress is not None else None
        try:
            with Fetcher(options, notice=self._warn, progress=progress) as fetcher:
                found = fetch_sources(urls, fetcher, report)
        finally:
            if self.progress is not None:
                self.progress.fetched()
        self.outcome.skipped += report.skipped
        if not given.offline and report.sources:
            # Feed health is for `digest doctor`: a store that can't take it costs one
            # line, not the run (a --new run still needs it, and stops at reserve()).
            try:
                state = self._state or store.State()
            except store.StateError as err:
                self._warn(f"{err.message}; feed health not recorded")
                return found
            try:
                for url, error in report.sources:
                    state.feed_result(url, error)
            except store.StateError as err:
                self._warn(f"{err.message}; feed health not recorded")
            finally:
                if state is not self._state:
                    state.close()
        return found

    # -- stages --------------------------------------------------------------------------

    def _digests(self, refs: Iterable[Found], skip: Callable[[Source], bool] | None = None) -> Iterator[Digest]:
        """The run's digests, one at a time (core.make_digests: read, clean, summarize); each
        failed input reported as it comes, the others go on."""
        from digest.render import FORMATS

        settings = self.settings
        # Stories are drawn from the articles' text, so it is kept until they are grouped.
        keep_paragraphs = (FORMATS[settings.fmt].shows_paragraphs or settings.full
                           or (settings.stories and settings.out_dir is None))
        shown = self.progress.reading(list(refs)) if self.progress else contextlib.nullcontext(refs)
        with shown as items:
            for made in core.make_digests(items, settings.sentences, keep_paragraphs, skip=skip, keep=self._wanted,
                                          fatal=(store.StateError,), notice=self._warn):
                if isinstance(made, core.Failure):
                    if isinstance(made.error, DigestError):
                        self._report(made.error)
                    else:
                        self._report_bug(made.error, made.name)
                    continue
                made.updated = made.article.path in self._updated
                made.changes = self._changes.get(made.article.path)
                made.briefed_before = made.article.path in self._earlier
                if not made.briefed_before:
                    self.outcome.digests += 1
                yield made

    def _wanted(self, article: Article) -> bool:
        """Whether the run briefs this article: every article, but under --new only what
        is new, and (with stories on stdout) what was briefed before, to be shown marked."""
        if self._is_new(article):
            return True
        if not self._keeps_earlier:
            return False
        self._earlier.add(article.path)  # kept only to show, in a story with news, what was briefed before
        return True

    @property
    def _keeps_earlier(self) -> bool:
        """Under --new with stories on stdout: an article briefed before is read too, so a
        story with a new article shows its whole timeline, the earlier lines marked."""
        settings = self.settings
        return settings.new_only and settings.stories and settings.out_dir is None

    def _is_new(self, article: Article) -> bool:
        """Under --new: whether no earlier --new run briefed this text (a changed text is
        new again, and marked updated). Every other run takes every article."""
        if self._state is None:
            return True
        from digest.output import input_identity

        key = input_identity(article.path)
        fingerprint = store.text_fingerprint(article.title, article.paragraphs)
        briefed = self._state.seen(key)
        if briefed == fingerprint:
            self.outcome.old += 1
            return False
        sentences = [sentence for paragraph in article.paragraphs for sentence in split_sentences(paragraph)]
        if briefed is not None:
            self._updated.add(article.path)
            before = self._state.briefed_sentences(key)
            if before is not None:
                self._changes[article.path] = Changes.between(before, sentences)
        self._briefing.append((key, fingerprint))
        self._sentences[key] = [Changes.sentence_key(sentence) for sentence in sentences]
        return True

    def reserve(self) -> None:
        """Under --new, just before delivering: a seen store that can't be written stops
        the run now, while nothing is delivered (else the next run would deliver again)."""
        if self._briefing and self._state is not None:
            try:
                self._state.reserve(self._briefing)
            except store.StateError as err:
                err.message += "; nothing was delivered"
                raise

    def delivered(self) -> None:
        """The briefing reached its reader: what it holds is no longer new. A store that
        can't record it now is one line (exit 1): the next --new run delivers it again."""
        if self._briefing and self._state is not None:
            try:
                self._state.mark_briefed(self._briefing, self._sentences)
            except store.StateError as err:
                count = len(self._briefing)
                raise OutputError(f"{err.message}: the briefing was delivered but not recorded, so the next --new "
                                  f"run delivers its {count} article{'' if count == 1 else 's'} again") from None
            self.outcome.marked += len(self._briefing)
            self._briefing = []

    def _translate(self, digests: list[Digest], translator: Translator | None,
                   stories: list[Story] | None = None) -> None:
        if translator is None or not digests:
            return
        progress = self.progress
        try:
            core.translate_digests(digests, translator, self.settings.full,
                                   progress.translating if progress else None, stories)
            self.outcome.flags += sum(len(d.translation.flags) for d in digests if d.translation is not None)
        finally:
            if progress:
                progress.translated()

    # -- output ---------------------------------------------------------------------------

    def _render_options(self) -> RenderOptions:
        from digest.render import MailOptions, RenderOptions

        settings = self.settings
        mail = None if settings.mail_to is None else MailOptions(settings.mail_to, settings.mail_from, settings.subject)
        return RenderOptions(lang=settings.lang, explain=settings.explain, run_date=settings.date, mail=mail)

    def _write_briefing(self, digests: list[Digest], translator: Translator | None) -> None:
        settings = self.settings
        policy = core.BriefingPolicy(fmt=settings.fmt, full=settings.full, stories=settings.stories,
                                     story_sentences=settings.story_sentences, run_date=settings.date,
                                     max_items=settings.max_items)
        progress = self.progress
        try:
            done = core.brief(digests, policy, self._render_options(), translator,
                              progress.translating if progress and translator else None)
        finally:
            if progress and translator:
                progress.translated()
        if done is None:  # nothing, or nothing new
            return
        text, plan = done
        self.outcome.flags += sum(len(d.translation.flags) for d in plan.digests if d.translation is not None)
        if self._briefing:  # under --new, only what this briefing holds counts as briefed (--max-items)
            from digest.output import input_identity

            shown = {input_identity(d.article.path) for d in plan.digests}
            self._briefing = [(key, fingerprint) for key, fingerprint in self._briefing if key in shown]
        self.reserve()
        if self.settings.sendmail:
            from digest import deliver

            if self.settings.smtp:
                deliver.smtp_send(text, self.settings.smtp)
            else:
                deliver.sendmail(text)
            self.outcome.mailed = True
        else:
            _write_stdout(self.stdout, text)
        self.delivered()

    def _write_files(self, refs: Iterable[Found], translator: Translator | None) -> None:
        from digest import output
        from digest.render import file_name

        settings = self.settings
        out_dir = settings.out_dir
        assert out_dir is not None
        output.prepare_out_dir(out_dir)
        options = self._render_options()
        with output.DirectoryLock(out_dir, wait=settings.wait):
            output.remove_stale_temp_files(out_dir)
            manifest = output.DirectoryManifest.load(out_dir)
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

            digests: Iterable[Digest] = self._digests(refs, skip=already_written)
            # With a model, all digests are translated together (full batches); without one
            # each digest is written as soon as it is ready and then forgotten.
            if translator is not None:
                digests = list(digests)
                self._translate(digests, translator)
            for digest in digests:
                writer = output.input_identity(digest.article.path)
                if digest.filed_date is None:
                    digest.first_filed = manifest.first_filed(writer, settings.date)
                try:
                    content = core.render_article(digest, settings.fmt, options)
                except Exception as err:  # a bug met on this digest: the others are still written
                    self._report_bug(err, digest.article.path)
                    continue
                name = _free_name(partial(file_name, digest, settings.fmt, options, taken), taken,
                                  partial(manifest.claimed_by_another, writer=writer))
                manifest.write(out_dir / name, content, report, force=settings.force, writer=writer)
                manifest.record_input(input_keys.get(digest.article.path), name)
            manifest.save()
            self.delivered()
        self.outcome.written = report.written
        self.outcome.unchanged = report.unchanged

    def _settings_key(self, translator: Translator | None) -> str:
        """Everything besides the input's text that shapes its digest file."""
        from digest import __version__

        settings = self.settings
        return settings.fingerprint(translator.identity if translator is not None else "", digest=__version__,
                                    format=settings.fmt, explain=settings.explain)

    def _report(self, err: DigestError) -> None:
        self.outcome.failed += 1
        self._warn(err.message)

    def _report_bug(self, err: Exception, where: Found | str) -> None:
        """An unexpected exception on one input: one line naming it (the traceback only
        with --debug or DIGEST_DEBUG=1); the input counts as failed (exit 1)."""
        self.outcome.failed += 1
        name = (where if isinstance(where, str) else where.name if isinstance(where, InputRef)
                else where.path if isinstance(where, Source) else where.message)
        internal_error(err, name, self.stderr)

    def _warn(self, message: str) -> None:
        """One line on stderr that is not a failure (the run's status is unchanged)."""
        say(message, self.stderr)


def _free_name(next_name: Callable[[], str], taken: set[str], claimed: Callable[[str], bool]) -> str:
    """The first name `next_name` gives (it adds each to `taken`) that no other input's
    digest from an earlier run holds: a different article with the same date and title
    gets '-2', '-3', … instead of overwriting it. The names skipped are left free for
    their own inputs, should they come later in this run."""
    skipped = []
    name = next_name()
    while claimed(name):
        skipped.append(name)
        name = next_name()
    taken.difference_update(skipped)
    return name


def _write_stdout(stream: TextIO | None, text: str) -> None:
    """UTF-8 whatever the locale says: cron's LANG=C must not garble Vietnamese.

    A closed or full stdout is one line (OutputError, exit 1), not a traceback; a reader
    that went away (`digest ... | head`) is left to click, which exits quietly."""
    if stream is None:  # started with stdout closed (`digest ... >&-`)
        raise OutputError("cannot write the briefing: standard output is closed")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            stream.flush()
            # A file name that is not UTF-8 (surrogate escapes) is written as \udcXX: stdout
            # stays UTF-8, and JSON output stays valid JSON that reads back the same name.
            buffer.write(text.encode("utf-8", "backslashreplace"))
            buffer.flush()
        else:
            stream.write(text)
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:  # ENOSPC, EIO, EBADF; ValueError: stream closed
        discard_pending(stream)
        reason = getattr(err, "strerror", None) or err
        raise OutputError(f"cannot write the briefing to standard output ({reason})") from None
