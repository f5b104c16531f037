"""Benchmark of the dedup stage on a labelled set built at run time from BBC news.

Usage::

    python benchmarks/dedup_bench.py [--data PATH] [--copies 700] [--background 200]
                                     [--synthetic 100000] [--no-cli] [--seed 13]

What it builds (nothing is written to the repository but the figures):

* every BBC article (2,225), untouched, except ``--background`` of them that get a
  background paragraph of another story inserted (a shared paragraph: NOT a duplicate);
* ``--copies`` edited copies of other articles, each with light edits (wire dateline,
  wire footer, quote-mark style) and one or two heavy ones: abridgement to 30-50%,
  OCR-like character noise, light rewording, dropped paragraphs, reordered paragraphs;
* gold clusters: a copy belongs to its source's cluster; the corpus's own duplicates
  (byte-identical and near pairs) are found by exact shingle-set comparison and labelled
  as duplicates too. Pairs in the grey zone (exact word 5-gram Jaccard 0.2-0.5 and
  containment 0.5-0.8) are left out of the pairwise scores.

Scores: pairwise precision/recall/F1 over all within-cluster pairs and the Adjusted Rand
Index of the clusters, for docpipe's dedup stage and, side by side on the same documents,
for ``datasketch`` ``MinHashLSH`` (word 5-grams, 128 permutations, threshold tuned on this
data) when datasketch is installed. Throughput: docs/s of the stage in-process, of the
whole ``docpipe run --stages dedup`` command (ingest + dedup + export), and of datasketch.
Memory: index bytes per document; with ``--synthetic N``, a run over N synthetic
documents in a subprocess reports peak RSS and index bytes per document.

Writes ``benchmarks/results/dedup.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

import numpy as np
from docpipe import Paragraph, make_document
from docpipe_builtins.dedup.in_document import find_in_document_duplicates
from docpipe_builtins.dedup.normalize import word_tokens
from docpipe_builtins.dedup.stage import DedupStage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redact import without_corpus_text  # noqa: E402 - keeps corpus text out of committed results

RESULTS = REPO / "benchmarks" / "results" / "dedup.json"


# ============================================================================ corpus
from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def load_bbc(data: Path) -> list[tuple[str, str, list[str]]]:
    """(name, headline, paragraphs) per article, in a stable order."""
    root = data / "news" / "bbc-news-2225"
    out = []
    for path in sorted(root.glob("*/*.txt")):
        blocks = [b.strip() for b in re.split(r"\n\s*\n", read_text(path).strip()) if b.strip()]
        if len(blocks) < 2:
            continue
        out.append((f"{path.parent.name}/{path.stem}", blocks[0], blocks[1:]))
    return out


def render(headline: str, paragraphs: list[str]) -> str:
    return "\n\n".join([headline, *paragraphs]) + "\n"


def to_document(doc_id: str, text: str):
    paragraphs, pos = [], 0
    for block in text.split("\n\n"):
        stripped = block.strip()
        if stripped:
            start = pos + block.index(stripped)
            paragraphs.append(Paragraph(start, start + len(stripped), "title" if not paragraphs else "body"))
        pos += len(block) + 2
    return make_document(text, id=doc_id, paragraphs=paragraphs)


# ============================================================================ edits
DATELINES = ["LONDON (Reuters) - ", "LONDON, Feb 3 (Reuters) - ", "NEW YORK (AP) -- ", "PARIS (AFP) - ",
             "WASHINGTON, March 14 (Reuters) - ", "London, 12 January: "]
FOOTERS = ["Reporting by Mark Thompson; Editing by Sarah White", "(c) 2005 Agence France-Presse",
           "Copyright 2005 The Associated Press. All rights reserved.", "Source: BBC News",
           "This story was filed by our correspondent. Additional reporting by staff."]
SYNONYMS = {
    "said": "stated", "says": "states", "company": "firm", "firm": "company", "big": "large", "large": "big",
    "government": "administration", "people": "persons", "also": "additionally", "told": "informed",
    "new": "fresh", "start": "begin", "buy": "purchase", "show": "demonstrate", "help": "assist",
    "but": "however", "get": "obtain", "make": "produce", "about": "around", "rise": "increase",
    "fall": "decline", "top": "leading", "chief": "head", "plan": "proposal", "plans": "proposals",
    "expected": "anticipated", "shares": "stocks", "however": "but", "many": "numerous", "week": "week's time",
}
OCR_CONFUSIONS = {"m": "rn", "rn": "m", "l": "1", "i": "l", "o": "0", "e": "c", "c": "e", "h": "b", "b": "h",
                  "d": "cl", "u": "v", "a": "o", "s": "5", "n": "ri", "t": "f", "f": "t", "g": "q"}


def add_wire_furniture(rng: random.Random, paras: list[str]) -> list[str]:
    paras = list(paras)
    if rng.random() < 0.6:
        paras[0] = rng.choice(DATELINES) + paras[0]
    if rng.random() < 0.6:
        paras.append(rng.choice(FOOTERS))
    return paras


def change_quote_marks(rng: random.Random, text: str) -> str:
    opening, closing = rng.choice([("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“")])
    state = [0]

    def swap(_m: re.Match) -> str:
        state[0] += 1
        return opening if state[0] % 2 else closing

    return re.sub('"', swap, text)


def abridge(rng: random.Random, paras: list[str]) -> list[str]:
    """Keep the first paragraphs up to 30-50% of the words (wire abridgement cuts from the end)."""
    total = sum(len(p.split()) for p in paras)
    target = total * rng.uniform(0.3, 0.5)
    kept, words = [], 0
    for p in paras:
        if words >= target and kept:
            break
        kept.append(p)
        words += len(p.split())
    return kept


def ocr_noise(rng: random.Random, text: str, rate: float) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isalnum() and rng.random() < rate:
            r = rng.random()
            two = text[i : i + 2]
            if two in OCR_CONFUSIONS and r < 0.2:
                out.append(OCR_CONFUSIONS[two])
                i += 2
                continue
            if r < 0.65:
                out.append(OCR_CONFUSIONS.get(ch.lower(), rng.choice("aeilnorst")))
            elif r < 0.8:
                pass  # dropped character
            elif r < 0.9:
                out.append(ch + rng.choice("aeilnorst.,'"))
            else:
                out.append(ch + " ")  # split word
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def reword(rng: random.Random, paras: list[str], rate: float = 0.5) -> list[str]:
    def one(m: re.Match) -> str:
        word = m.group(0)
        lower = word.lower()
        if lower in SYNONYMS and rng.random() < rate:
            new = SYNONYMS[lower]
            return new.capitalize() if word[0].isupper() else new
        if lower in ("very", "really", "just", "still", "now") and rng.random() < 0.7:
            return ""
        return word

    return [re.sub(r"[A-Za-z]+", one, p).replace("  ", " ") for p in paras]


HEAVY_EDITS = ["abridge", "ocr", "reword", "drop", "reorder", "abridge+ocr", "drop+reword", "ocr+reword", "none"]


def make_copy(rng: random.Random, headline: str, paras: list[str]) -> tuple[str, list[str], str]:
    kind = rng.choice(HEAVY_EDITS)
    paras = list(paras)
    if "drop" in kind and len(paras) >= 4:
        for _ in range(rng.choice([1, 2])):
            del paras[rng.randrange(1, len(paras))]
    if "reorder" in kind and len(paras) >= 3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
        if len(paras) > 4 and rng.random() < 0.5:
            middle = paras[1:-1]
            rng.shuffle(middle)
            paras = [paras[0], *middle, paras[-1]]
    if "abridge" in kind:
        paras = abridge(rng, paras)
    if "reword" in kind:
        paras = reword(rng, paras)
    paras = add_wire_furniture(rng, paras)
    if rng.random() < 0.5:
        headline = headline.upper() if rng.random() < 0.3 else headline
    text = render(headline, paras)
    if rng.random() < 0.5:
        text = change_quote_marks(rng, text)
    if "ocr" in kind:
        text = ocr_noise(rng, text, rng.uniform(0.01, 0.03))
    return text, paras, kind


# ============================================================================ gold labels
def shingle_set(text: str, k: int = 5) -> set[int]:
    w = word_tokens(text)
    return {hash(tuple(w[i : i + k])) for i in range(max(1, len(w) - k + 1))}


def pair_similarities(sets: list[set[int]], min_shared: int = 3) -> dict[tuple[int, int], tuple[float, float]]:
    """Exact (Jaccard, containment) of every pair sharing at least ``min_shared`` shingles."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)
    shared: Counter = Counter()
    for members in postings.values():
        if 1 < len(members) <= 60:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    shared[members[x], members[y]] += 1
    out = {}
    for (i, j), n in shared.items():
        if n < min_shared:
            continue
        inter = len(sets[i] & sets[j])
        out[i, j] = (inter / len(sets[i] | sets[j]), inter / max(1, min(len(sets[i]), len(sets[j]))))
    return out


class DisjointSets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def is_duplicate(jaccard: float, containment: float) -> bool:
    return jaccard >= 0.5 or containment >= 0.8


def is_grey(jaccard: float, containment: float) -> bool:
    return not is_duplicate(jaccard, containment) and (jaccard >= 0.2 or containment >= 0.5)


# ============================================================================ scores
def cluster_pairs(labels: list[int]) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    pairs = set()
    for members in groups.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def pairwise_scores(pred: list[int], gold: list[int], ignore: set[tuple[int, int]]) -> dict[str, float]:
    p, g = cluster_pairs(pred) - ignore, cluster_pairs(gold) - ignore
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "true_pairs": len(g), "predicted_pairs": len(p), "false_positive_pairs": len(p - g),
            "false_negative_pairs": len(g - p)}


def adjusted_rand_index(pred: list[int], gold: list[int]) -> float:
    """ARI (Hubert & Arabie) from the contingency table; same value as sklearn's adjusted_rand_score."""
    def comb2(x: np.ndarray | float) -> np.ndarray | float:
        return x * (x - 1) / 2.0

    table = Counter(zip(pred, gold))
    n = len(pred)
    sum_cells = sum(comb2(v) for v in table.values())
    sum_pred = sum(comb2(v) for v in Counter(pred).values())
    sum_gold = sum(comb2(v) for v in Counter(gold).values())
    expected = sum_pred * sum_gold / comb2(n)
    maximum = (sum_pred + sum_gold) / 2.0
    return 1.0 if maximum == expected else float((sum_cells - expected) / (maximum - expected))


# ============================================================================ the benchmark set
def build_set(data: Path, copies: int, background: int, seed: int):
    rng = random.Random(seed)
    articles = load_bbc(data)
    texts = [render(h, p) for _, h, p in articles]
    sets = [shingle_set(t) for t in texts]
    natural = pair_similarities(sets)
    byte_identical = sum(1 for (i, j) in natural if texts[i] == texts[j])
    natural_dups = {pair: sim for pair, sim in natural.items() if is_duplicate(*sim)}
    in_natural = {i for pair in natural_dups for i in pair} | {k for pair, s in natural.items() if is_grey(*s) for k in pair}

    plain = [i for i in range(len(articles)) if i not in in_natural and len(articles[i][2]) >= 4]
    rng.shuffle(plain)
    with_background = set(plain[:background])
    sources = plain[background : background + copies]

    docs: list[tuple[str, str]] = []  # (id, text)
    origin: list[int] = []  # article index each document derives from
    kinds: list[str] = []
    for i, (name, headline, paras) in enumerate(articles):
        if i in with_background:
            # A *background* paragraph: a small part (<= 30% of the words) of another story.
            while True:
                donor = rng.choice([k for k in range(len(articles)) if k != i and len(articles[k][2]) >= 4])
                donor_paras = articles[donor][2]
                borrowed = donor_paras[rng.randrange(1, len(donor_paras))]
                if len(borrowed.split()) <= 0.3 * sum(len(p.split()) for p in donor_paras):
                    break
            paras = list(paras)
            paras.insert(rng.randrange(1, len(paras)), borrowed)
            docs.append((f"bbc/{name}+bg", render(headline, paras)))
            kinds.append("background")
        else:
            docs.append((f"bbc/{name}", texts[i]))
            kinds.append("original")
        origin.append(i)
    for n, i in enumerate(sources):
        name, headline, paras = articles[i]
        text, _, kind = make_copy(rng, headline, paras)
        docs.append((f"copy{n}/{name}", text))
        origin.append(i)
        kinds.append(kind)

    # Gold clusters: natural duplicate pairs of the corpus, and every document with its origin.
    ds = DisjointSets(len(articles))
    for i, j in natural_dups:
        ds.union(i, j)
    gold = [ds.find(o) for o in origin]
    # Grey-zone natural pairs are ignored in pairwise scoring (both directions of doc indices).
    docs_of: dict[int, list[int]] = defaultdict(list)
    for d, o in enumerate(origin):
        docs_of[o].append(d)
    ignore = set()
    for (i, j), sim in natural.items():
        if is_grey(*sim):
            for a in docs_of[i]:
                for b in docs_of[j]:
                    ignore.add((min(a, b), max(a, b)))
    order = list(range(len(docs)))
    rng.shuffle(order)
    docs = [docs[k] for k in order]
    gold = [gold[k] for k in order]
    kinds = [kinds[k] for k in order]
    position = {old: new for new, old in enumerate(order)}
    ignore = {(min(position[a], position[b]), max(position[a], position[b])) for a, b in ignore}
    info = {
        "bbc_articles": len(articles), "documents": len(docs), "edited_copies": len(sources),
        "background_paragraph_docs": len(with_background),
        "natural_byte_identical_pairs": byte_identical,
        "natural_duplicate_pairs": len(natural_dups),
        "natural_grey_pairs_ignored": sum(1 for s in natural.values() if is_grey(*s)),
        "copy_edit_kinds": dict(Counter(k for k in kinds if k not in ("original", "background"))),
    }
    return docs, gold, kinds, ignore, info, articles


# ============================================================================ runners
def run_docpipe(docs: list[tuple[str, str]], **options) -> tuple[list[int], float, DedupStage]:
    stage = DedupStage(**options)
    documents = [to_document(i, t) for i, t in docs]
    started, cpu = time.perf_counter(), time.process_time()
    out = list(stage.finalize(stage.process(d) for d in documents))
    seconds = time.perf_counter() - started
    stage.last_run["cpu_seconds"] = time.process_time() - cpu
    index_of = {d.id: k for k, d in enumerate(out)}
    ds = DisjointSets(len(out))
    for k, d in enumerate(out):
        if d.duplicate_of is not None:
            ds.union(k, index_of[d.duplicate_of])
    return ds.labels(), seconds, stage


def run_datasketch(docs: list[tuple[str, str]], thresholds: list[float]):
    from datasketch import MinHash, MinHashLSH

    started, cpu = time.perf_counter(), time.process_time()
    hashes = []
    for _, text in docs:
        w = text.lower().split()
        shingles = {" ".join(w[i : i + 5]).encode("utf-8") for i in range(max(1, len(w) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
        hashes.append(m)
    minhash_seconds, minhash_cpu = time.perf_counter() - started, time.process_time() - cpu
    results = {}
    for t in thresholds:
        started, cpu = time.perf_counter(), time.process_time()
        lsh = MinHashLSH(threshold=t, num_perm=128)
        ds = DisjointSets(len(docs))
        for k, m in enumerate(hashes):
            for other in lsh.query(m):
                ds.union(k, other)
            lsh.insert(k, m)
        results[t] = (ds.labels(), minhash_seconds + time.perf_counter() - started,
                      minhash_cpu + time.process_time() - cpu)
    return results


def run_cli(docs: list[tuple[str, str]], jobs: int, options: dict, stages: str = "dedup") -> dict:
    docpipe_bin = shutil.which("docpipe") or str(Path(sys.executable).parent / "docpipe")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        for k, (_, text) in enumerate(docs):
            path = folder / f"{k // 1000:03d}" / f"{k:06d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config = Path(tmp) / "docpipe.toml"
        lines = ["[stages.dedup]"] + [f"{k} = {json.dumps(v)}" for k, v in options.items()]
        config.write_text("\n".join(lines) + "\n")
        out = Path(tmp) / "out.jsonl"
        cmd = [docpipe_bin, "run", str(folder), "-o", str(out), "--stages", stages, "-j", str(jobs),
               "--config", str(config), "--no-progress", "-q"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if proc.returncode != 0:
            return {"error": proc.stderr[-2000:], "command": " ".join(cmd)}
        n_dup = 0
        with out.open() as fh:
            rows = [json.loads(line) for line in fh]
        n_dup = sum(1 for r in rows if r.get("duplicate_of"))
        return {"jobs": jobs, "seconds": round(seconds, 3), "documents": len(rows),
                "docs_per_second": round(len(rows) / seconds, 1), "cpu_seconds": round(cpu, 3),
                "docs_per_cpu_second": round(len(rows) / cpu, 1), "duplicates": n_dup,
                "command": f"docpipe run IN -o out.jsonl --stages '{stages}' -j {jobs}"}


def in_document_check(articles, sample: int, seed: int) -> dict:
    rng = random.Random(seed)
    linked, sentence_links, found = 0, 0, []
    started = time.perf_counter()
    for name, headline, paras in articles:
        doc = find_in_document_duplicates(to_document(name, render(headline, paras)))
        for s in doc.spans.get("dedup", ()):
            if s.label == "duplicate_paragraph":
                linked += 1
                p = doc.paragraphs[s.data["duplicate_of"]]
                found.append((name, "paragraph", doc.text[s.start : s.end], doc.text[p.start : p.end],
                              s.data["similarity"], s.data["match"]))
            elif s.label == "duplicate_sentence":
                sentence_links += 1
                t = s.data["duplicate_of"]
                found.append((name, "sentence", doc.text[s.start : s.end], doc.text[t["start"] : t["end"]],
                              s.data["similarity"], "near"))
    seconds = time.perf_counter() - started
    shown = rng.sample(found, min(sample, len(found)))
    return {"articles": len(articles), "paragraph_links": linked, "sentence_links": sentence_links,
            "articles_with_links": len({f[0] for f in found}), "seconds": round(seconds, 3),
            "sample": [{"article": a, "kind": k, "duplicate": d[:300], "original": o[:300], "similarity": s,
                        "match": m} for a, k, d, o, s, m in shown]}


# ============================================================================ synthetic scale run
def synthetic_run(data: Path, n: int, seed: int, options: dict) -> dict:
    """N documents of random BBC sentences (10% edited copies): index size and peak memory at scale."""
    rng = random.Random(seed)
    sentences = []
    for _, _, paras in load_bbc(data):
        for p in paras:
            sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) > 5)
    stage = DedupStage(**options)

    planted: dict[str, str] = {}  # copy id -> id of the document it copies

    def generate():
        previous: list[tuple[str, str]] = []
        for k in range(n):
            if previous and rng.random() < 0.1:
                source_id, source_text = rng.choice(previous)
                text = ocr_noise(rng, source_text, 0.01)
                planted[f"s{k}"] = source_id
            else:
                text = "\n\n".join(" ".join(rng.choice(sentences) for _ in range(3)) for _ in range(rng.randint(4, 10)))
                if len(previous) < 1000:
                    previous.append((f"s{k}", text))
                else:
                    previous[rng.randrange(1000)] = (f"s{k}", text)
            yield stage.process(make_document(text, id=f"s{k}"))

    started = time.perf_counter()
    found = {d.id: d.duplicate_of for d in stage.finalize(generate()) if d.duplicate_of is not None}
    seconds = time.perf_counter() - started
    duplicates = len(found)
    correct = sum(1 for copy, source in planted.items() if found.get(copy) == source)
    run = stage.last_run
    return {"documents": n, "seconds": round(seconds, 1), "docs_per_second": round(n / seconds, 1),
            "duplicates_found": duplicates, "planted_copies": len(planted),
            "planted_copies_found_with_the_right_representative": correct,
            "duplicates_not_planted": sum(1 for d in found if d not in planted),
            "index_documents": run["index_documents"], "index_memory_bytes": run["index_memory_bytes"],
            "index_memory_bytes_per_indexed_document": round(run["index_memory_bytes"] / max(1, run["index_documents"]), 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


# ============================================================================ main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument("--copies", type=int, default=700)
    parser.add_argument("--background", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--synthetic", type=int, default=0, help="also run N synthetic documents (e.g. 100000)")
    parser.add_argument("--synthetic-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-command (docpipe run) timing")
    parser.add_argument("--no-datasketch", action="store_true", help="skip the datasketch comparison")
    parser.add_argument("--no-in-document", action="store_true", help="skip the in-document check on BBC")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=JSON",
                        help="a dedup stage option for this run, e.g. --option shingle_size=2")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    options = {k: json.loads(v) for k, v in (o.split("=", 1) for o in args.option)}

    if args.synthetic_only:
        print(json.dumps(synthetic_run(args.data, args.synthetic, args.seed, options)))
        return 0

    docs, gold, kinds, ignore, info, articles = build_set(args.data, args.copies, args.background, args.seed)
    print(f"benchmark set: {json.dumps(info)}")
    result: dict = {"set": info, "options": options}

    pred, seconds, stage = run_docpipe(docs, **options)
    ours = {**pairwise_scores(pred, gold, ignore), "ari": round(adjusted_rand_index(pred, gold), 4),
            "seconds": round(seconds, 3), "docs_per_second": round(len(docs) / seconds, 1),
            "cpu_seconds": round(stage.last_run["cpu_seconds"], 3),
            "docs_per_cpu_second": round(len(docs) / stage.last_run["cpu_seconds"], 1),
            "index_memory_bytes_per_document": round(stage.last_run["index_memory_bytes"] / max(1, stage.last_run["index_documents"]), 1),
            "parameters": stage.signature_parameters()}
    # Which edit kinds were missed, and which pairs were wrongly joined.
    missed: Counter = Counter()
    gold_groups = defaultdict(list)
    for k, g in enumerate(gold):
        gold_groups[g].append(k)
    for k, kind in enumerate(kinds):
        if kind not in ("original", "background") and all(pred[k] != pred[m] for m in gold_groups[gold[k]] if m != k):
            missed[kind] += 1
    ours["missed_copies_by_edit"] = dict(missed)
    # The cross-document part alone (what datasketch does), for a like-for-like speed figure.
    _, cross_seconds, cross_stage = run_docpipe(docs, **{**options, "in_document": False})
    ours["cross_document_only"] = {
        "seconds": round(cross_seconds, 3), "docs_per_second": round(len(docs) / cross_seconds, 1),
        "cpu_seconds": round(cross_stage.last_run["cpu_seconds"], 3),
        "docs_per_cpu_second": round(len(docs) / cross_stage.last_run["cpu_seconds"], 1)}
    false_pairs = sorted(cluster_pairs(pred) - cluster_pairs(gold) - ignore)
    ours["false_positive_examples"] = [(docs[a][0], docs[b][0]) for a, b in false_pairs[:10]]
    result["docpipe"] = ours
    print(f"docpipe dedup: {json.dumps({k: v for k, v in ours.items() if k != 'parameters'})}")

    try:
        if args.no_datasketch:
            raise ImportError
        import datasketch
    except ImportError:
        result["datasketch"] = {"skipped": "datasketch not installed (pip install datasketch)"}
    else:
        thresholds = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        runs = run_datasketch(docs, thresholds)
        table = {t: {**pairwise_scores(lab, gold, ignore), "ari": round(adjusted_rand_index(lab, gold), 4),
                     "seconds": round(sec, 3), "docs_per_second": round(len(docs) / sec, 1),
                     "cpu_seconds": round(cpu, 3), "docs_per_cpu_second": round(len(docs) / cpu, 1)}
                 for t, (lab, sec, cpu) in runs.items()}
        best = max(table, key=lambda t: table[t]["f1"])
        result["datasketch"] = {"version": datasketch.__version__, "best_threshold": best, **table[best],
                                "by_threshold": {str(t): {k: v[k] for k in ("f1", "ari", "precision", "recall")}
                                                 for t, v in table.items()}}
        print(f"datasketch MinHashLSH (word 5-grams, 128 perm), best threshold {best}: {json.dumps(table[best])}")

    if not args.no_cli:
        result["cli"] = [run_cli(docs, jobs, options) for jobs in (1, 2)]
        for row in result["cli"]:
            print(f"whole command: {json.dumps(row)}")
        # The same command without any stage: what ingest + export alone cost here.
        result["cli_without_stages"] = run_cli(docs, 1, options, stages="")
        print(f"whole command, no stages (ingest + export only): {json.dumps(result['cli_without_stages'])}")
        ds = result.get("datasketch", {})
        if ds.get("docs_per_second"):
            best_wall = max((r.get("docs_per_second", 0) for r in result["cli"]), default=0)
            j1 = result["cli"][0].get("docs_per_cpu_second", 0)
            result["cli_speedup_vs_datasketch"] = {
                "wall_clock_best_of_j1_j2": round(best_wall / ds["docs_per_second"], 2),
                "per_cpu_second_j1": round(j1 / ds["docs_per_cpu_second"], 2),
            }
            print(f"whole command vs datasketch: {json.dumps(result['cli_speedup_vs_datasketch'])}")
    if result.get("datasketch", {}).get("docs_per_cpu_second"):
        ds_cpu = result["datasketch"]["docs_per_cpu_second"]
        result["stage_speedup_vs_datasketch_per_cpu_second"] = {
            "dedup_stage_in_and_cross_document": round(ours["docs_per_cpu_second"] / ds_cpu, 2),
            "cross_document_only": round(ours["cross_document_only"]["docs_per_cpu_second"] / ds_cpu, 2)}
        print(f"stage vs datasketch (docs per CPU second): "
              f"{json.dumps(result['stage_speedup_vs_datasketch_per_cpu_second'])}")

    result["in_document_bbc"] = check = (
        {"skipped": True} if args.no_in_document else in_document_check(articles, 12, args.seed))
    if not args.no_in_document:
        print(f"in-document on BBC: {check['paragraph_links']} paragraph links, {check['sentence_links']} sentence "
              f"links in {check['articles_with_links']} articles")
    for row in check.get("sample", ()):
        print(f"  [{row['kind']} {row['match']} {row['similarity']}] {row['article']}: "
              f"{row['duplicate'][:120]!r}  <=  {row['original'][:120]!r}")

    if args.synthetic:
        cmd = [sys.executable, __file__, "--data", str(args.data), "--synthetic", str(args.synthetic),
               "--synthetic-only", "--seed", str(args.seed), *[x for o in args.option for x in ("--option", o)]]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        result["synthetic"] = json.loads(proc.stdout) if proc.returncode == 0 else {"error": proc.stderr[-2000:]}
        print(f"synthetic: {json.dumps(result['synthetic'])}")

    result["command"] = "python " + " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(without_corpus_text(result), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
