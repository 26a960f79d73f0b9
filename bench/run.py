"""Every performance figure of digest in one run, with its target next to it.

    python bench/run.py [--quick] [--json PATH]

One function per figure (or group of figures); each adds rows of (figure, value,
target, met) to a table printed at the end, followed by a closing note that lists
which targets are met. Corpora are generated in a temporary directory from seeds/
and removed afterwards; real pages are read in place from ../shared/pages. See
bench/README.md for how to read the numbers.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"
TEST_MODEL = REPO / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"
HEAVY_MODULES = ("ctranslate2", "sentencepiece", "readability", "lxml", "argostranslate")
RUN_DATE = "2024-01-01"  # fixed, so repeated runs write the same file names

sys.path.insert(0, str(REPO))


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    met: bool | None = None  # None: a figure shown for information, no target
    number: float | None = None  # the raw value, for --json


ROWS: list[Row] = []
NOTES: list[str] = []


def row(figure: str, value: str, target: str = "", met: bool | None = None, number: float | None = None) -> None:
    ROWS.append(Row(figure, value, target, met, number))
    print(f"  {figure}: {value}" + (f"  (target {target})" if target else ""), file=sys.stderr, flush=True)


# ---- running digest ------------------------------------------------------------------

def digest_command() -> list[str]:
    """The installed console script next to this Python (what a user runs), else -m digest."""
    script = Path(sys.executable).with_name("digest")
    return [str(script)] if script.exists() else [sys.executable, "-m", "digest"]


# A fresh wrapper process per measurement: RUSAGE_CHILDREN then covers exactly one digest run.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "seconds": time.perf_counter() - start,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "maxrss_mb": usage.ru_maxrss / 1024,
                  "stderr": done.stderr.decode("utf-8", "replace")[-600:]}))
"""


def measure(args: list[str], env: dict | None = None) -> dict:
    """Wall time and peak RSS of one `digest ARGS` run; raises if it failed."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *digest_command(), *args], cwd=REPO,
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"digest exited {result['rc']}: {result['stderr'].strip()}")
    return result


# ---- a corpus of N different articles made from the seeds ----------------------------

_NUMBER = re.compile(r"\d+")


def vary(text: str, k: int) -> str:
    """Article k: the seed with its body paragraphs reordered, numbers changed and the
    title made unique; the boilerplate (captions, bylines, related news) stays in place."""
    rng = random.Random(k)
    lines = text.split("\n")
    title = lines[0]
    # Long lines in the first half are body paragraphs: shuffle them among themselves.
    slots = [i for i in range(2, len(lines) // 2) if len(lines[i]) > 80]
    moved = [lines[i] for i in slots]
    rng.shuffle(moved)
    for i, line in zip(slots, moved, strict=False):
        lines[i] = line
    new_title = f"{title} (bản {k})"
    text = "\n".join(lines).replace(title, new_title)

    def shift(match: re.Match) -> str:  # days, months and years stay valid
        value = int(match.group())
        return match.group() if value <= 31 or 1900 <= value <= 2100 else str(value + k)

    return _NUMBER.sub(shift, text)


def make_corpus(n: int, directory: Path) -> Path:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        seed = k % len(seeds)
        (directory / f"{k:05d}-{seeds[seed].stem}.txt").write_text(vary(texts[seed], k), encoding="utf-8")
    return directory


# ---- figures -------------------------------------------------------------------------

def cold_start(runs: int, work: Path) -> None:
    """Median wall time of `digest --help` / `--version` against `python -c pass`,
    all interleaved so that machine noise hits them alike."""
    installed = digest_command()
    entry = re.search(r"from (\S+) import main", Path(installed[0]).read_text()) if len(installed) == 1 else None
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    scripts = {"digest": installed}
    if entry is None or entry.group(1) != "digest.entry":
        # Until the installed script is regenerated with the digest.entry:main entry point,
        # also time a console script like pip's that uses it.
        script = work / "bin" / "digest"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(f"#!{sys.executable}\nimport sys\nfrom digest.entry import main\nsys.exit(main())\n")
        script.chmod(0o755)
        scripts["digest (digest.entry script)"] = [str(script)]
    for label, command in scripts.items():
        for flag in ("--help", "--version"):
            commands[f"{label} {flag}"] = [*command, flag]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs + 1):  # the first round only warms the file cache
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values[1:]) * 1000 for name, values in times.items()}
    base = median.pop("python -c pass")
    row("cold start: python -c pass", f"{base:.1f} ms", number=base)
    for name, value in median.items():
        ratio = value / base
        row(f"cold start: {name}", f"{value:.1f} ms = {ratio:.2f}x python", "< 1.5x python", ratio < 1.5, ratio)
    NOTES.append(f"cold start: median of {runs} interleaved runs; installed script {installed[0]}"
                 + (f" uses {entry.group(1)}:main" if entry else ""))


_IMPORTS_AFTER = """
import atexit, sys
heavy = {heavy!r}
atexit.register(lambda: sys.stderr.write("HEAVY=" + ",".join(
    m for m in heavy if m in sys.modules) + "\\n"))
sys.argv = ["digest", *sys.argv[1:]]
from digest.cli import main
main()
"""


def heavy_imports() -> None:
    """Which heavy modules a command loads (none are needed without HTML or a model)."""
    code = _IMPORTS_AFTER.format(heavy=HEAVY_MODULES)
    for label, args in (("--help", ["--help"]), ("--lang vi over .txt", ["seeds", "--lang", "vi", "--quiet"])):
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True)
        found = re.search(r"HEAVY=(.*)", done.stderr)
        loaded = found.group(1) if found else f"? (exit {done.returncode})"
        row(f"heavy modules loaded by digest {label}", loaded or "none", "none", found is not None and not loaded)


def scale(sizes: list[int], work: Path) -> None:
    """Clean + summarize (--lang vi --out DIR) over N articles: articles/s and peak RSS.
    Linearity is judged on CPU time, which other load on the machine barely moves."""
    rates, cpu_rates, peaks = {}, {}, {}
    for n in sizes:
        corpus = make_corpus(n, work / f"corpus-{n}")
        result = measure([str(corpus), "--lang", "vi", "--out", str(work / f"out-{n}"), "--quiet",
                          "--run-date", RUN_DATE])
        rates[n], cpu_rates[n], peaks[n] = n / result["seconds"], n / result["cpu_seconds"], result["maxrss_mb"]
        row(f"--lang vi --out, N={n}: throughput", f"{rates[n]:.0f} articles/s wall, {cpu_rates[n]:.0f}/s CPU "
            f"({result['seconds']:.2f} s, {result['cpu_seconds']:.2f} s CPU)", number=rates[n])
        row(f"--lang vi --out, N={n}: peak RSS", f"{peaks[n]:.1f} MB", number=peaks[n])
    big, mid = sizes[-1], sizes[-2]
    ratio = cpu_rates[big] / cpu_rates[mid]
    row(f"linear time: articles/s (CPU) at N={big} / N={mid}", f"{ratio:.2f} (wall: {rates[big] / rates[mid]:.2f})",
        "0.80 or more", ratio >= 0.8, ratio)
    growth = peaks[big] / peaks[mid]
    row(f"flat memory: peak RSS at N={big} / N={mid}", f"{growth:.2f}", "1.10 or less", growth <= 1.1, growth)
    # Standard output renders one briefing, so the digests are held until the end.
    for n in (mid, big):
        result = measure([str(work / f"corpus-{n}"), "--lang", "vi", "--quiet", "--run-date", RUN_DATE])
        row(f"--lang vi to stdout, N={n}: peak RSS", f"{result['maxrss_mb']:.1f} MB", number=result["maxrss_mb"])
    NOTES.append("stdout mode builds one briefing, so it holds every digest (summary and metadata, "
                 "not the paragraphs); --out streams them")


def stories_10k(sizes: list[int]) -> None:
    """The stories stage (group_stories) over N articles of realistic stories (2-10 articles
    each, drawn and varied from real paragraphs of different articles: bench/stories_scale.py),
    one fresh process per size: wall and CPU time, and the memory the grouping adds above
    the loaded articles, per article (flat: the same per article at every size)."""
    per_article = {}
    for n in sizes:
        done = subprocess.run([sys.executable, str(REPO / "bench" / "stories_scale.py"), str(n)], cwd=REPO,
                              capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        added = result["rss_peak_mb"] - result["rss_inputs_mb"]
        per_article[n] = added * 1024 / n
        target = "< 30 s" if n >= 10000 else ""
        row(f"stories, N={n}: group_stories time", f"{result['seconds']:.1f} s wall, {result['cpu_seconds']:.1f} s CPU "
            f"({result['stories']} stories found, {result['true_stories']} made, {result['pure_stories']} pure)",
            target, result["seconds"] < 30 if target else None, result["seconds"])
        row(f"stories, N={n}: peak RSS", f"{result['rss_peak_mb']:.0f} MB "
            f"({result['rss_inputs_mb']:.0f} MB the articles, {added:.0f} MB grouping = "
            f"{per_article[n]:.1f} KB/article)", number=result["rss_peak_mb"])
    small, big = sizes[0], sizes[-1]
    # Below RSS's resolution (a MB) at the small size the grouping added nothing measurable:
    # the ratio is then taken against one MB, not zero.
    growth = per_article[big] / max(per_article[small], 1024 / small)
    row(f"stories: grouping memory per article at N={big} / N={small}", f"{growth:.2f}", "1.10 or less",
        growth <= 1.1, growth)
    NOTES.append("stories: corpus built in memory by bench/stories_scale.py from ../shared/clusters (when "
                 "present) and seeds/; the time is the whole stage: grouping, timelines, story summaries")


def long_text(sentences: int) -> str:
    """A text of about `sentences` sentences (seed sentences numbered apart), five to a paragraph."""
    from digest.sentences import split_sentences

    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    base = [s for line in seed_text.split("\n") for s in split_sentences(line) if len(s) > 20]
    rng = random.Random(sentences)
    chosen = [f"{rng.choice(base)} Số {i}." for i in range(sentences)]
    return "Bài rất dài\n\n" + "\n\n".join(" ".join(chosen[i:i + 5]) for i in range(0, sentences, 5))


def long_articles(sizes: list[int], work: Path) -> None:
    """Issue 10: a 12k-sentence text took 318 s and 3.6 GB. The summarizer's time per
    sentence must stay flat (or fall) from 1k to 12k sentences, and a whole run's peak
    RSS stay under 300 MB."""
    from digest.model import Article
    from digest.summarize import summarize

    per_sentence = {}
    for n in sizes:
        text = long_text(n)
        article = Article(path=f"long-{n}.txt", title="Bài rất dài", paragraphs=text.split("\n\n")[1:])
        start = time.perf_counter()
        summarize(article, 3)
        per_sentence[n] = (time.perf_counter() - start) / n
        row(f"summarizer, {n} sentences: time per sentence", f"{per_sentence[n] * 1e6:.0f} us",
            number=per_sentence[n])
        path = work / f"long-{n}.txt"
        path.write_text(text, encoding="utf-8")
        result = measure([str(path), "--lang", "vi", "--run-date", RUN_DATE])
        row(f"--lang vi, one text of {n} sentences ({len(text.encode()) / 1e6:.1f} MB): wall, peak RSS",
            f"{result['seconds']:.2f} s, {result['maxrss_mb']:.1f} MB", "under 300 MB",
            result["maxrss_mb"] < 300, result["maxrss_mb"])
    first, last = sizes[0], sizes[-1]
    ratio = per_sentence[last] / per_sentence[first]
    row(f"flat summarizer time: per sentence at {last} / at {first}", f"{ratio:.2f}", "1.20 or less",
        ratio <= 1.2, ratio)
    NOTES.append("long articles: past digest.summarize.MAX_SENTENCES the summary comes from the first part")


def html_pages() -> tuple[list, str]:
    """(sources, where from): the saved pages in ../shared/pages, else pages made from the seeds."""
    from digest import core
    from digest.model import Source

    paths = sorted(SHARED.glob("pages/*/input.html"))
    if paths:
        return [core.read_input(p) for p in paths], f"{len(paths)} saved pages from ../shared/pages"
    pages = []
    for p in sorted(SEEDS.glob("*.txt")):
        title, *paragraphs = p.read_text(encoding="utf-8").split("\n")
        body = "".join(f"<p>{line}</p>" for line in paragraphs if line.strip())
        markup = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                  f"<nav><a href='/'>Trang chủ</a></nav><article><h1>{title}</h1>{body}</article>"
                  f"<footer>Tin khác</footer></body></html>")
        pages.append(Source(path=p.name, text=markup, kind="html"))
    return pages, f"{len(pages)} pages generated from the seeds (../shared/pages absent)"


def compare(ours, theirs, items: list, repeats: int) -> tuple[float, float]:
    """CPU seconds each function takes over all items, `repeats` times. Both run in this
    one thread, alternating item by item; CPU time is what other load on the machine
    moves least."""
    spent = [0.0, 0.0]
    for item in items:  # warm up: imports, regex compilation
        ours(item), theirs(item)
    for _ in range(repeats):
        for item in items:
            for slot, function in enumerate((ours, theirs)):
                start = time.process_time()
                function(item)
                spent[slot] += time.process_time() - start
    return spent[0], spent[1]


def html_vs_trafilatura(repeats: int) -> None:
    """digest's HTML cleaning against trafilatura.extract on the same decoded pages."""
    import trafilatura

    from digest import core

    pages, origin = html_pages()
    ours, theirs = compare(core.extract_article, lambda page: trafilatura.extract(page.text), pages, repeats)
    count = len(pages) * repeats
    ratio = ours / theirs
    row("HTML cleaning: digest", f"{count / ours:.1f} pages/s", number=count / ours)
    row("HTML cleaning: trafilatura.extract", f"{count / theirs:.1f} pages/s", number=count / theirs)
    # Target: digest at least 1.5 times as fast as trafilatura on the same pages.
    row("HTML cleaning: digest time / trafilatura time", f"{ratio:.2f}", "0.67 or less", ratio <= 0.67, ratio)
    NOTES.append(f"HTML cleaning on {origin}, {repeats} rounds")


def cleaned_articles() -> list:
    """The seeds (and the saved pages, where digest.html works) through digest's cleaner."""
    from digest import core

    paths = sorted(SEEDS.glob("*.txt")) + sorted(SHARED.glob("pages/*/input.*"))
    articles = []
    for p in paths:
        with contextlib.suppress(Exception):
            articles.append(core.extract_article(core.read_input(p)))
    return [a for a in articles if a.paragraphs]


def summarizer_vs_sumy(repeats: int) -> None:
    """digest's summarizer against sumy's TextRank on the same cleaned articles."""
    sys.path.insert(0, str(REPO / "bench"))
    from summary_eval import sumy_textrank_system  # same Vietnamese tokenizer adaptor

    from digest.summarize import summarize

    articles = cleaned_articles()
    if not articles:
        row("summarizer: digest / sumy TextRank", "not available (no article could be cleaned)", "below 1.00")
        return
    ours, theirs = compare(lambda a: summarize(a, 3), sumy_textrank_system, articles, repeats)
    count = len(articles) * repeats
    ratio = ours / theirs
    row("summarizer: digest", f"{count / ours:.1f} articles/s", number=count / ours)
    row("summarizer: sumy TextRank", f"{count / theirs:.1f} articles/s", number=count / theirs)
    row("summarizer: digest time / sumy time", f"{ratio:.2f}", "below 1.00", ratio < 1.0, ratio)
    NOTES.append(f"summarizers on {len(articles)} cleaned articles (seeds and saved pages), {repeats} rounds")


def with_test_model(n: int, work: Path) -> None:
    """--lang en with the test model: cold run, warm re-run, and the model's share of a run."""
    if not TEST_MODEL.exists():
        row("--lang en with the test model", f"not available ({TEST_MODEL} missing)")
        return
    corpus = make_corpus(n, work / f"en-corpus-{n}")
    cache = work / "translation-cache"
    env = {"DIGEST_CACHE_DIR": str(cache)}
    common = [str(corpus), "--lang", "en", "--model", str(TEST_MODEL), "--quiet", "--run-date", RUN_DATE]
    try:  # the warm run is a cron re-run: same inputs, same cache, same --out directory
        cold = measure([*common, "--out", str(work / "en-out")], env)
        warm = measure([*common, "--out", str(work / "en-out")], env)
    except (RuntimeError, subprocess.CalledProcessError) as err:
        row("--lang en with the test model", f"failed: {err}")
        return
    row(f"--lang en, N={n}, empty cache: throughput", f"{n / cold['seconds']:.1f} articles/s "
        f"({cold['seconds']:.2f} s, peak RSS {cold['maxrss_mb']:.0f} MB)", number=n / cold["seconds"])
    ratio = warm["seconds"] / cold["seconds"]
    row(f"--lang en, N={n}, re-run with the warm cache", f"{warm['seconds']:.2f} s = {ratio:.1%} of the cold run",
        "under 10%", ratio < 0.10, ratio)
    share, load = model_share(corpus, work / "en-inprocess")
    row("--lang en: share of run time in translate_batch", f"{share:.0%} (model load {load:.2f} s more)",
        number=share)


def model_share(corpus: Path, out_dir: Path) -> tuple[float, float]:
    """Run the pipeline in this process (no cache) and time the model's translate_batch calls."""
    from digest import config
    from digest.pipeline import Job
    from digest.translate import engine

    spent = {"batch": 0.0, "load": 0.0}

    class TimedModel:
        def __init__(self, model):
            self.model = model

        def translate_batch(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return self.model.translate_batch(*args, **kwargs)
            finally:
                spent["batch"] += time.perf_counter() - start

    original = engine.Engine._load_model

    def load_timed(self):
        start = time.perf_counter()
        model = original(self)
        spent["load"] += time.perf_counter() - start
        return TimedModel(model)

    settings = config.RunSettings(paths=(str(corpus),), lang="en", out_dir=out_dir,
                                  model=config.model_choice(TEST_MODEL), use_cache=False, quiet=True,
                                  run_date=RUN_DATE)
    engine.Engine._load_model = load_timed
    try:
        start = time.perf_counter()
        Job(settings, stderr=io.StringIO(), stdout=io.StringIO()).run()
        total = time.perf_counter() - start
    finally:
        engine.Engine._load_model = original
    return spent["batch"] / total, spent["load"]


def translate_bench(quick: bool) -> None:
    """bench/translate.py's engine figures: its table is kept in the notes, its target
    lines ("digest / X: 119%  (target ≥ 85%)") become rows."""
    script = REPO / "bench" / "translate.py"
    if not script.exists():
        row("translation engine (bench/translate.py)", "not available")
        return
    done = subprocess.run([sys.executable, str(script), *(["--repeat", "1", "--skip-realistic"] if quick else [])],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        row("translation engine (bench/translate.py)", f"failed (exit {done.returncode}): "
            + (done.stderr.strip().splitlines() or ["no message"])[-1])
        return
    printed = "\n".join("    " + line for line in done.stdout.rstrip().splitlines())
    NOTES.append("bench/translate.py printed:\n" + printed)
    for figure, value, target in re.findall(r"^(.+?):\s+(\S+)\s+\(target ≥ (\S+)\)", done.stdout, re.M):
        number, limit = (float(x.rstrip("%×x")) for x in (value, target))
        row(f"translation engine: {figure}", value, f"≥ {target}", number >= limit, number)


INSTALL_TARGET_MB = 400


def tree_mb(path: Path) -> float:
    """Bytes of the regular files under path (links not followed), in MB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            file = Path(root, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total / 1e6


def install_size(work: Path) -> None:
    """`pip install <repo>` (the base package, no extras) into a fresh venv: the venv's
    size in MB, and which distributions take the most of it. pip's cache may serve
    the downloads; the network (or a package index) is needed for anything not in it."""
    source = work / "install-source"  # a copy, so the build leaves nothing in the repo
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (source / name).write_bytes((REPO / name).read_bytes())
    shutil.copytree(REPO / "digest", source / "digest", ignore=shutil.ignore_patterns("__pycache__"))
    venv = work / "install-size-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    empty = tree_mb(venv)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(source)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        row("install size (pip install digest, fresh venv)",
            f"failed: {(done.stderr.strip().splitlines() or ['pip failed'])[-1]}"[:200])
        return
    size = tree_mb(venv)
    row("install size: pip install digest into a fresh venv", f"{size:.0f} MB (an empty venv: {empty:.0f} MB)",
        f"{INSTALL_TARGET_MB} MB or less", size <= INSTALL_TARGET_MB, size)
    site = next((venv / "lib").glob("python*/site-packages"))
    largest = sorted(((tree_mb(d), d.name) for d in site.iterdir() if d.is_dir()), reverse=True)[:6]
    NOTES.append("install size: largest in site-packages: " + ", ".join(f"{n} {mb:.0f} MB" for mb, n in largest))


# ---- report --------------------------------------------------------------------------

def print_table() -> None:
    widths = [max(len(r.figure) for r in ROWS), max(len(r.value) for r in ROWS), max(len(r.target) for r in ROWS)]
    header = ("figure", "value", "target", "met")
    print(f"{header[0]:<{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:<{widths[2]}}  {header[3]}")
    print("-" * (sum(widths) + 10))
    for r in ROWS:
        met = "" if r.met is None and not r.target else ("yes" if r.met else "no")
        print(f"{r.figure:<{widths[0]}}  {r.value:<{widths[1]}}  {r.target:<{widths[2]}}  {met}")


def closing_note() -> None:
    targeted = [r for r in ROWS if r.target]
    met = [r for r in targeted if r.met]
    print(f"\n{len(met)} of {len(targeted)} targets met.")
    for r in targeted:
        print(f"  [{'x' if r.met else ' '}] {r.figure}: {r.value} (target {r.target})")
    for note in NOTES:
        print(f"- {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and fewer repeats")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", metavar="STEP[,STEP]",
                        help="run only these steps (e.g. install_size,html_vs_trafilatura)")
    args = parser.parse_args(argv)
    os.chdir(REPO)  # ./glossary.csv is found as a user in the repo would find it
    sizes = [10, 100, 300] if args.quick else [10, 100, 1000]
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = Path(tmp)
        repeats = 2 if args.quick else 5
        steps = [
            (cold_start, 5 if args.quick else 10, work), (heavy_imports,), (scale, sizes, work),
            (html_vs_trafilatura, repeats), (summarizer_vs_sumy, repeats), (long_articles, [1000, 4000, 12000], work),
            (stories_10k, [500, 2000] if args.quick else [2000, 10000]),
            (with_test_model, 50 if args.quick else 100, work), (translate_bench, args.quick),
            (install_size, work),
        ]
        if args.only:
            wanted = set(args.only.split(","))
            unknown = wanted - {function.__name__ for function, *_ in steps}
            if unknown:
                parser.error(f"no such step: {', '.join(sorted(unknown))}")
            steps = [step for step in steps if step[0].__name__ in wanted]
        for function, *arguments in steps:
            try:
                function(*arguments)
            except Exception as err:  # one broken stage must not hide the other figures
                row(function.__name__.replace("_", " "), f"failed: {type(err).__name__}: {err}"[:200])
    if args.quick:
        NOTES.insert(0, f"quick run: N = {', '.join(map(str, sizes))}; the full run uses N = 10, 100, 1000")
    print_table()
    closing_note()
    if args.json:
        results = {"quick": args.quick, "rows": [asdict(r) for r in ROWS], "notes": NOTES}
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
