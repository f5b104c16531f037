"""HTML main-content extraction benchmark for the ``html`` reader.

Two corpora (see their SOURCE.md files under ``<data>/html/``):

* **Scrapinghub article-extraction-benchmark**: 181 pages with a gold ``articleBody``.
  Metric (re-implemented from the description in SOURCE.md): ``\\w+`` tokens, 4-token
  shingles, per-page TP/FP/FN over shingle multisets normalised to sum to 1, per-page
  precision/recall, corpus P and R are the *means*, F1 = 2PR/(P+R) of the means.
  The metric is first checked against the stored predictions of other tools
  (``output/*.json``) which must reproduce the published figures.
* **trafilatura English eval** (139 pages): "with" segments must be found in the output,
  "without" segments must not; P/R/F over the segment counts.

Only the paragraphs with role ``body`` are scored (no title, byline, captions).

Usage::

    python benchmarks/html_extraction.py [--data PATH] [--extractor lxml|trafilatura|all] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

from docpipe.components import InputItem
from docpipe.ingest import read_item
from docpipe_builtins.html_reader import HtmlReader, trafilatura_available

_TOKEN = re.compile(r"\w+", re.UNICODE)

# Published figures of the stored predictions, used to check the metric re-implementation.
PUBLISHED = {"trafilatura": 0.958, "readability": 0.922, "newspaper": 0.949, "news_please": 0.948,
             "goose3": 0.896, "justext": 0.804, "html-text": 0.665}


from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


# --------------------------------------------------------------------------- Scrapinghub metric
def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of ``n``-token shingles; a text shorter than ``n`` tokens gives one shorter shingle."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """Per-page TP, FP, FN over shingle multisets, normalised to sum to 1."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """Per-page P and R with the benchmark's special cases (None = skipped in the mean).

    FP = FN = 0 is a perfect page. A zero denominator (an empty prediction has TP = FP = 0)
    skips the page in that mean: this is what reproduces the published figures exactly
    (newspaper4k 0.949 needs its one empty prediction skipped in the precision mean).
    """
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if (tp + fp) > 0 else None
    recall = tp / (tp + fn) if (tp + fn) > 0 else None
    return precision, recall


def corpus_scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """Mean P, mean R, F1 of the means, and exact-token accuracy over the gold pages."""
    precisions, recalls, exact = [], [], 0
    for key, gold_text in gold.items():
        pred_text = predicted.get(key, "") or ""
        p, r = page_precision_recall(*page_counts(gold_text, pred_text))
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        exact += _TOKEN.findall(gold_text) == _TOKEN.findall(pred_text)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "accuracy": round(exact / len(gold), 4), "pages": len(gold)}


def load_prediction_file(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text("utf-8"))
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody", "") or "" for k, v in data.items()}


def validate_metric(root: Path, gold: dict[str, str]) -> dict[str, dict]:
    """Score the stored predictions of other tools; they must give the published F1."""
    checks = {}
    for tool, published in PUBLISHED.items():
        path = root / "output" / f"{tool}.json"
        if not path.exists():
            continue
        scores = corpus_scores(gold, load_prediction_file(path))
        scores["published_f1"] = published
        scores["reproduced"] = round(scores["f1"], 3) == published
        checks[tool] = scores
    return checks


# --------------------------------------------------------------------------- running the reader
def body_text(doc) -> str:
    """The text of the ``body`` paragraphs, blank-line separated."""
    return "\n\n".join(doc.text[p.start : p.end] for p in doc.paragraphs if p.role == "body")


def run_reader(reader: HtmlReader, pages: list[tuple[str, str, bytes]]) -> tuple[dict[str, str], float, int]:
    """Extract every page; returns predictions, seconds and the number of error records."""
    predicted, errors = {}, 0
    started = time.perf_counter()
    for key, uri, raw in pages:
        docs = list(read_item(InputItem(uri=uri, data=raw), reader, "html"))
        doc = docs[0]
        if doc.errors:
            errors += 1
        predicted[key] = body_text(doc)
    return predicted, time.perf_counter() - started, errors


def scrapinghub(root: Path, extractors: list[str], limit: int | None) -> dict:
    gold_data = json.loads((root / "ground-truth.json").read_text("utf-8"))
    gold = {k: v["articleBody"] for k, v in gold_data.items()}
    keys = sorted(gold)[:limit] if limit else sorted(gold)
    gold = {k: gold[k] for k in keys}
    result: dict = {"metric_check": validate_metric(root, {k: gold[k] for k in keys}) if not limit else {}}
    for tool, scores in result["metric_check"].items():
        flag = "ok" if scores["reproduced"] else "MISMATCH"
        print(f"  metric check {tool:12s} F1={scores['f1']:.3f} (published {scores['published_f1']}) {flag}")
    pages = []
    for key in keys:
        with gzip.open(root / "html" / f"{key}.html.gz", "rb") as fh:
            pages.append((key, f"{key}.html", fh.read()))
    for extractor in extractors:
        predicted, seconds, errors = run_reader(HtmlReader(extractor=extractor), pages)
        scores = corpus_scores(gold, predicted)
        scores.update(pages_per_second=round(len(pages) / seconds, 1), seconds=round(seconds, 2), errors=errors)
        result[extractor] = scores
        print(f"  docpipe html ({extractor:11s}) F1={scores['f1']:.3f} P={scores['precision']:.3f} "
              f"R={scores['recall']:.3f} acc={scores['accuracy']:.3f}  {scores['pages_per_second']} pages/s")
    return result


# --------------------------------------------------------------------------- trafilatura eval
def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def trafilatura_eval(root: Path, extractors: list[str], limit: int | None) -> dict:
    annotations = json.loads((root / "evaldata-en.json").read_text("utf-8"))
    entries = list(annotations.items())[:limit] if limit else list(annotations.items())
    pages = [(url, entry["file"], (root / "html" / entry["file"]).read_bytes()) for url, entry in entries]
    result = {}
    for extractor in extractors:
        predicted, seconds, errors = run_reader(HtmlReader(extractor=extractor), pages)
        tp = fp = tn = fn = 0
        for url, entry in entries:
            text = _squash(predicted.get(url, ""))
            for segment in entry.get("with", []):
                if _squash(segment) in text:
                    tp += 1
                else:
                    fn += 1
            for segment in entry.get("without", []):
                if _squash(segment) in text:
                    fp += 1
                else:
                    tn += 1
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores = {"f1": round(f, 4), "precision": round(precision, 4), "recall": round(recall, 4),
                  "accuracy": round((tp + tn) / (tp + tn + fp + fn), 4), "tp": tp, "fp": fp, "tn": tn, "fn": fn,
                  "pages": len(pages), "pages_per_second": round(len(pages) / seconds, 1), "errors": errors}
        result[extractor] = scores
        print(f"  docpipe html ({extractor:11s}) F={f:.3f} P={precision:.3f} R={recall:.3f} "
              f"acc={scores['accuracy']:.3f}  {scores['pages_per_second']} pages/s")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument("--extractor", default="all", choices=["lxml", "trafilatura", "auto", "all"],
                        help="which extractor(s) to score; 'all' = lxml, plus trafilatura and auto when installed")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (quick runs)")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "html_extraction.json")
    args = parser.parse_args(argv)
    if args.extractor == "all":
        extractors = ["lxml"] + (["trafilatura", "auto"] if trafilatura_available() else [])
    else:
        extractors = [args.extractor]
    results: dict = {"extractors": extractors, "trafilatura_installed": trafilatura_available()}
    shub = args.data / "html" / "scrapinghub-article-extraction-benchmark"
    if shub.exists():
        print(f"Scrapinghub article-extraction benchmark ({shub})")
        results["scrapinghub"] = scrapinghub(shub, extractors, args.limit)
    else:
        print(f"skipped: {shub} not found")
    teval = args.data / "html" / "trafilatura-eval-en"
    if teval.exists():
        print(f"trafilatura English eval ({teval})")
        results["trafilatura_eval_en"] = trafilatura_eval(teval, extractors, args.limit)
    else:
        print(f"skipped: {teval} not found")
    if args.limit is None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
