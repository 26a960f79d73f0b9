"""How well does digest's cleaner find the article? Compared with trafilatura and readability.

    python bench/clean_eval.py [--pages ../shared/pages] [--seeds DIR --seed-gold DIR] [--json out.json]

Inputs (never copied into the repo):
- the real pages in ../shared/pages/*/ (input.html or input.txt + expected.json), and
- the five seeds with their gold (../shared/seeds + ../shared/gold/seeds, else seeds/ + tests/gold).

Extractors, side by side:
- digest: digest.core.extract_article (HTML -> digest.html, text -> digest.clean);
- trafilatura: bare_extraction with its defaults, and with favor_precision=True;
- readability: readability-lxml alone, Document(html).summary() -> the text of its blocks.
A .txt input is given to the HTML-only extractors as one <p> per line.

Scores per document, then the mean over documents (macro, as the ScrapingHub
article-extraction-benchmark does):
- paragraphs: precision, recall, F1 of exact paragraph matches (as multisets) after
  whitespace normalization and after removing a leading agency marker ("(Dân trí) -",
  "(TNO)", "TTO -", "(VOV) -", "(CLO)") on both sides: the seeds' gold strips the marker
  (and records it as source), the pages' gold keeps it in the text; the marker is
  metadata either way. A page whose gold paragraphs are glued together on one input line
  (a Báo Mới-style crawl) is scored by text overlap instead: a gold paragraph counts as
  found when it occurs in the extracted text, an extracted paragraph counts as right when
  it occurs in the gold text.
- shingle F1: the ScrapingHub benchmark's body-text score: \\w+ tokens, 4-token shingles,
  bag (multiset) matching; P and R per document, F1 of the means.
- char F1: bag of non-space characters of the joined body text.
- title, date, author: +1 right, 0 missing, -1 wrong (a wrong value is worse than none);
  where gold has none, stating none is right and stating one is wrong. A date right to
  the day but with the time missing (or added) counts +0.5. Gold title null (the crawl lost
  the headline): an empty title is right, and so is the record's title_metadata.
  For the seeds, date means date or partial_date.
- source (digest only in the table's spirit, but scored for all): agency markers map to
  outlets (TNO -> Thanh Niên, TTO -> Tuổi Trẻ, NLĐO -> Người Lao Động, CLO -> Công Luận,
  PLO -> Pháp luật TP.HCM); gold's source_alternatives are accepted.
"""
from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_AGENCY = re.compile(r"^\s*(?:\([^()]{2,25}\)|[A-ZĐ][A-Za-zĐđ]{1,6}O)\s*(?:[-–—:]\s*)?")
_TOKEN = re.compile(r"\w+", re.UNICODE)
OUTLETS = {
    "tno": "thanh niên", "tto": "tuổi trẻ", "nlđo": "người lao động", "nldo": "người lao động",
    "clo": "công luận", "plo": "pháp luật tp.hcm", "dân trí": "dân trí", "vov": "vov",
    "ttxvn": "ttxvn", "vtc news": "vtc news",
}
EXTRACTORS = ("digest", "trafilatura", "trafilatura_precision", "readability")


# --- documents -----------------------------------------------------------------------


def load_documents(pages: Path, seeds: Path, seed_gold: Path) -> list[dict]:
    docs = []
    for folder in sorted(p for p in pages.iterdir() if p.is_dir()) if pages.is_dir() else []:
        expected = folder / "expected.json"
        inputs = sorted(folder.glob("input.*"))
        if not expected.exists() or not inputs:
            continue
        gold = json.loads(expected.read_text(encoding="utf-8"))
        docs.append({
            "name": folder.name, "path": inputs[0], "kind": "page",
            "title": gold.get("title"), "title_alt": gold.get("title_metadata"),
            "body": gold["body"], "date": gold.get("date"), "author": gold.get("author"),
            "source": gold.get("source"), "source_alt": gold.get("source_alternatives", []),
        })
    for gold_file in sorted(seed_gold.glob("*.json")) if seed_gold.is_dir() else []:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        docs.append({
            "name": "seed " + gold_file.stem[:3], "path": seeds / gold["file"], "kind": "seed",
            "title": gold["title"], "title_alt": None, "body": gold["paragraphs"],
            "date": gold.get("date") or gold.get("partial_date"), "author": gold.get("author"),
            "source": gold.get("source"), "source_alt": [],
        })
    return docs


def as_html(path: Path) -> str:
    from digest import core

    source = core.read_input(path)
    if source.kind == "html":
        return source.text
    paragraphs = "".join(f"<p>{html_lib.escape(line)}</p>\n" for line in source.text.split("\n") if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body><article>{paragraphs}</article></body></html>"


# --- extractors ----------------------------------------------------------------------


def run_digest(path: Path) -> dict:
    from digest import core

    article = core.extract_article(core.read_input(path))
    return {
        "title": article.title or None, "body": article.paragraphs,
        "date": article.date, "partial_date": article.partial_date, "author": article.author, "source": article.source,
    }


def run_trafilatura(path: Path, precision: bool = False) -> dict:
    import trafilatura

    result = trafilatura.bare_extraction(as_html(path), with_metadata=True, favor_precision=precision)
    if result is None:
        return {"title": None, "body": [], "date": None, "author": None, "source": None}
    get = (lambda k: result.get(k)) if isinstance(result, dict) else (lambda k: getattr(result, k, None))
    text = get("text") or ""
    return {
        "title": get("title"), "body": [line for line in text.split("\n") if line.strip()],
        "date": get("date"), "author": get("author"), "source": get("sitename"),
    }


def run_readability(path: Path) -> dict:
    import lxml.html
    from readability import Document

    document = Document(as_html(path))
    summary = lxml.html.fragment_fromstring(document.summary(html_partial=True), create_parent="div")
    body = []
    for element in summary.iter():
        if element.tag in ("p", "h1", "h2", "h3", "h4", "li", "td", "blockquote", "pre", "figcaption") or (
            element.tag == "div" and not any(c.tag in ("p", "div", "table", "ul") for c in element)
        ):
            text = norm(element.text_content())
            if text and not any(a.tag in ("p", "li", "td", "blockquote", "h2", "h3") for a in element.iterancestors()):
                body.append(text)
    title = document.short_title()
    return {
        "title": None if title == "[no-title]" else title, "body": body, "date": None, "author": None, "source": None,
    }


RUNNERS = {
    "digest": run_digest,
    "trafilatura": run_trafilatura,
    "trafilatura_precision": lambda p: run_trafilatura(p, precision=True),
    "readability": run_readability,
}


# --- scores --------------------------------------------------------------------------


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").replace("\u00a0", " ").split())


def unmark(text: str) -> str:
    return norm(_AGENCY.sub("", norm(text), count=1))


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def is_glued(doc: dict) -> bool:
    if doc["path"].suffix != ".txt":
        return False
    lines = [norm(line) for line in doc["path"].read_text(encoding="utf-8").split("\n")]
    return any(sum(unmark(p) in line for p in doc["body"]) >= 2 for line in lines)


def paragraph_scores(gold: list[str], pred: list[str], glued: bool) -> tuple[float, float, float]:
    gold = [unmark(p) for p in gold if norm(p)]
    pred = [unmark(p) for p in pred if norm(p)]
    if glued:
        gold_text, pred_text = "\n".join(gold), "\n".join(pred)
        found = sum(1 for p in gold if p in pred_text)
        right = sum(1 for p in pred if p in gold_text)
        precision = right / len(pred) if pred else 0.0
        recall = found / len(gold) if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1
    tp = sum((Counter(gold) & Counter(pred)).values())
    return prf(tp, len(pred), len(gold))


def bag_f1(gold: Counter, pred: Counter) -> tuple[float, float]:
    tp = sum((gold & pred).values())
    precision = tp / sum(pred.values()) if pred else (1.0 if not gold else 0.0)
    recall = tp / sum(gold.values()) if gold else 1.0
    return precision, recall


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def chars(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


def field_score(gold: str | None, pred: str | None, alternatives=()) -> float:
    gold, pred = norm(gold).lower(), norm(pred).lower()
    if not pred:
        return 1.0 if not gold else 0.0
    if pred == gold or pred in [norm(a).lower() for a in alternatives if a]:
        return 1.0
    return -1.0


def date_score(gold: str | None, pred: str | None) -> float:
    gold, pred = norm(gold), norm(pred)
    if not pred:
        return 1.0 if not gold else 0.0
    if pred == gold:
        return 1.0
    if gold and pred[:10] == gold[:10]:
        return 0.5  # right day, time missing or extra
    return -1.0


def source_key(value: str | None) -> str:
    key = norm(value).lower().strip("() -–")
    return OUTLETS.get(key, key)


def score(doc: dict, pred: dict) -> dict:
    glued = is_glued(doc)
    p, r, f = paragraph_scores(doc["body"], pred["body"], glued)
    gold_text = "\n".join(unmark(x) for x in doc["body"])
    pred_text = "\n".join(unmark(x) for x in pred["body"])
    sp, sr = bag_f1(shingles(gold_text), shingles(pred_text))
    cp, cr = bag_f1(chars(gold_text), chars(pred_text))
    title_alts = [doc["title_alt"]] if doc["title"] is None else []
    source_ok = source_key(pred.get("source")) in {source_key(s) for s in [doc["source"], *doc["source_alt"]] if s}
    if doc["source"]:
        source_score = 1.0 if source_ok else (0.0 if not pred.get("source") else -1.0)
    else:
        source_score = field_score(None, pred.get("source"))
    return {
        "para_p": p, "para_r": r, "para_f1": f, "glued": glued,
        "shingle_p": sp, "shingle_r": sr, "char_p": cp, "char_r": cr,
        "title": field_score(doc["title"], pred["title"], title_alts),
        # Seeds' gold states partial dates too; the pages' gold only full ones.
        "date": date_score(doc["date"], pred["date"] or (pred.get("partial_date") if doc["kind"] == "seed" else None)),
        "author": field_score(doc["author"], pred["author"]),
        "source": source_score,
    }


def f1_of(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summarize(rows: list[dict]) -> dict:
    def mean(key: str) -> float:
        return statistics.mean(r[key] for r in rows) if rows else 0.0

    sp, sr, cp, cr = mean("shingle_p"), mean("shingle_r"), mean("char_p"), mean("char_r")
    return {
        "para_p": mean("para_p"), "para_r": mean("para_r"), "para_f1": mean("para_f1"),
        "shingle_f1": f1_of(sp, sr), "char_f1": f1_of(cp, cr),
        "title": mean("title"), "date": mean("date"), "author": mean("author"), "source": mean("source"),
    }


# --- report --------------------------------------------------------------------------


def evaluate(docs: list[dict], extractors) -> dict:
    results: dict = {"documents": {}, "overall": {}, "pages_only": {}, "seconds": {}}
    for name in extractors:
        rows = []
        started = time.perf_counter()
        for doc in docs:
            try:
                pred = RUNNERS[name](doc["path"])
                error = None
            except Exception as err:  # a failing extractor scores zero on that document
                pred = {"title": None, "body": [], "date": None, "author": None, "source": None}
                error = f"{type(err).__name__}: {err}"
            row = score(doc, pred)
            row["error"] = error
            results["documents"].setdefault(doc["name"], {})[name] = row
            rows.append(row | {"kind": doc["kind"]})
        results["seconds"][name] = round(time.perf_counter() - started, 2)
        results["overall"][name] = summarize(rows)
        results["pages_only"][name] = summarize([r for r in rows if r["kind"] == "page"])
    return results


def print_report(results: dict, extractors) -> None:
    short = {
        "digest": "digest", "trafilatura": "trafil.", "trafilatura_precision": "traf.prec", "readability": "readab.",
    }
    print("Per document (paragraph F1 / shingle F1 | title date author):")
    for doc, by in results["documents"].items():
        cells = []
        for name in extractors:
            row = by[name]
            s_f1 = f1_of(row["shingle_p"], row["shingle_r"])
            fields = f"{row['title']:+.0f}{row['date']:+.1f}{row['author']:+.0f}"
            cells.append(f"{short[name]} {row['para_f1']:.2f}/{s_f1:.2f} |{fields}")
        print(f"  {doc:14s} " + "   ".join(cells))
    for label in ("overall", "pages_only"):
        print(f"\n{label.replace('_', ' ').title()} (mean over documents):")
        header = f"  {'':22s}" + "".join(f"{short[n]:>11s}" for n in extractors)
        print(header)
        for key, text in (
            ("para_p", "paragraph precision"), ("para_r", "paragraph recall"), ("para_f1", "paragraph F1"),
            ("shingle_f1", "shingle F1 (ScrapingHub)"), ("char_f1", "character F1"),
            ("title", "title (+1/0/-1)"), ("date", "date (+1/0/-1)"), ("author", "author (+1/0/-1)"),
            ("source", "source (+1/0/-1)"),
        ):
            print(f"  {text:22s}" + "".join(f"{results[label][n][key]:11.3f}" for n in extractors))
    print("\nseconds: " + ", ".join(f"{short[n]} {results['seconds'][n]}" for n in extractors))
    print(
        "Footnote: paragraphs compared after whitespace normalization and after removing a leading\n"
        "agency marker on both sides (seeds' gold strips it, pages' gold keeps it); glued Báo Mới\n"
        "crawls scored by text overlap. Source: TNO->Thanh Niên, TTO->Tuổi Trẻ, CLO->Công Luận, NLĐO->Người Lao Động."
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=REPO.parent / "shared" / "pages")
    parser.add_argument("--seeds", type=Path, default=None)
    parser.add_argument("--seed-gold", type=Path, default=None)
    parser.add_argument("--only", choices=EXTRACTORS, action="append")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    seeds = args.seeds or next(
        (p for p in (REPO.parent / "shared" / "seeds", REPO / "seeds") if p.is_dir()), REPO / "seeds"
    )
    seed_gold = args.seed_gold or next(
        (p for p in (REPO.parent / "shared" / "gold" / "seeds", REPO / "tests" / "gold") if p.is_dir()),
        REPO / "tests" / "gold",
    )
    docs = load_documents(args.pages, seeds, seed_gold)
    if not docs:
        print(f"no documents under {args.pages} or {seed_gold}", file=sys.stderr)
        return 2
    extractors = args.only or list(EXTRACTORS)
    results = evaluate(docs, extractors)
    print_report(results, extractors)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
