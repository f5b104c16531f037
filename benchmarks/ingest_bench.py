"""Ingest benchmark: text and JSON readers on the shared corpora, and text-reader throughput.

Usage::

    python benchmarks/ingest_bench.py [--data PATH] [--quick] [--repeat 3] [--verbose]

What it checks (``--data`` defaults to ``$DOCPIPE_DATA`` or ``../shared/data``):

* **BBC News** (``news/bbc-news-2225``, 2,225 files): the title is the first line and the
  paragraphs are the blank-line-separated lines after it, exactly (a ``dateline`` span followed by
  its ``body`` span counts as the one paragraph it was cut from); ``sport/199.txt`` (one Latin-1
  byte) must decode with the cp1252 fallback recorded.
* **PolNeAR** (``quotes/polnear/{train,dev,test}/text``, 1,008 files): the same check; the title is
  also compared with the ``title`` column of ``metadata.tsv`` (white space and quote marks normalised).
* **JSON** (every ``*.json`` under ``json/``): each file gives documents with a title and a non-empty
  body, or error records saying why; counts per outcome.
* **Throughput**: the text reader (decode + paragraphs + roles + a validated Document) against a
  plain ``open().read()`` + UTF-8/cp1252 decode loop over the same BBC + PolNeAR files, best of
  ``--repeat`` runs: MB/s, docs/s and the ratio; plus the whole ``Pipeline(stages=[])`` ingest
  path (format detection, reader, worker) and a 50 MB single-line document.

Writes ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

from docpipe import Pipeline
from docpipe.components import InputItem
from docpipe.ingest import read_item
from docpipe_builtins.json_reader import JsonReader
from docpipe_builtins.text_reader import TextReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redact import without_corpus_text  # noqa: E402 - keeps corpus text out of committed results

RESULTS = REPO / "benchmarks" / "results" / "ingest.json"


from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


# --------------------------------------------------------------------------- correctness
def plain_decode(raw: bytes) -> str:
    """The baseline decode: UTF-8, else cp1252, else latin-1; newlines normalised."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expected_layout(raw: bytes) -> tuple[str, list[str]]:
    """Title = first non-blank line; paragraphs = the other non-blank lines (both corpora's layout)."""
    lines = [line.strip() for line in plain_decode(raw).lstrip("\ufeff").split("\n") if line.strip()]
    return lines[0], lines[1:]


def observed_layout(doc) -> tuple[str | None, list[str]]:
    """Title and paragraph texts, a dateline span joined back to the body span it was cut from."""
    out: list[str] = []
    pending = None
    for p in doc.paragraphs:
        if p.role == "title":
            continue
        if p.role == "dateline":
            rest = doc.text[p.end:p.end + 3]
            # Cut from the front of a paragraph (on the same line): join it back; else it stands alone.
            if "\n" not in rest:
                pending = p.start
                continue
        start = pending if pending is not None else p.start
        pending = None
        out.append(doc.text[start:p.end])
    return doc.title, out


def check_text_corpus(name: str, paths: list[str], titles: dict[str, str] | None, verbose: bool) -> dict:
    reader = TextReader()
    ok = 0
    failures = []
    roles = Counter()
    found = Counter()
    fallbacks = []
    title_matches = 0
    title_compared = 0
    examples: dict[str, list[str]] = {}
    for path in paths:
        raw = Path(path).read_bytes()
        [doc] = list(read_item(InputItem(uri=path, path=path), reader, "text"))
        if doc.errors:
            failures.append({"file": path, "why": doc.errors[0].message})
            continue
        want_title, want_paragraphs = expected_layout(raw)
        got_title, got_paragraphs = observed_layout(doc)
        roles.update(p.role for p in doc.paragraphs)
        for key in ("byline", "dateline", "source_credit", "rights", "reporting_credit"):
            if key in doc.metadata:
                found[key] += 1
                bucket = examples.setdefault(key, [])
                if len(bucket) < 3:
                    bucket.append(f"{Path(path).name}: {str(doc.metadata[key])[:80]}")
        if doc.metadata.get("encoding_fallback"):
            fallbacks.append({"file": path, "encoding": doc.metadata["encoding"],
                              "error_offset": doc.metadata.get("encoding_error_offset")})
        if titles is not None:
            key = Path(path).stem
            if key in titles:
                title_compared += 1
                # metadata.tsv often adds the subtitle after "; " to the headline the text file has.
                want, got = _norm(titles[key]), _norm(got_title or "")
                title_matches += want == got or want.startswith(got + ";")
        if got_title == want_title and got_paragraphs == want_paragraphs:
            ok += 1
        else:
            why = "title differs" if got_title != want_title else (
                f"paragraphs differ: {len(got_paragraphs)} found, {len(want_paragraphs)} expected")
            failures.append({"file": path, "why": why})
            if verbose:
                print(f"  {name} FAIL {path}: {why}")
    result = {
        "files": len(paths), "right_title_and_paragraphs": ok, "failures": len(failures),
        "failure_examples": failures[:10], "paragraph_roles": dict(roles), "metadata_found": dict(found),
        "metadata_examples": examples, "encoding_fallbacks": fallbacks,
    }
    if titles is not None:
        result["title_equals_metadata_tsv"] = {"compared": title_compared, "equal_or_headline_of": title_matches}
    return result


def _norm(title: str) -> str:
    title = title.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("''", '"')
    # PolNeAR's text files end the title line with a full stop that metadata.tsv does not have.
    return " ".join(title.split()).casefold().rstrip(".;'\" ")


def polnear_titles(root: Path) -> dict[str, str]:
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["title"] for row in csv.DictReader(fh, delimiter="\t")}


def check_json(paths: list[str], verbose: bool) -> dict:
    reader = JsonReader()
    per_file = []
    outcome = Counter()
    for path in paths:
        docs = list(read_item(InputItem(uri=path, path=path), reader, "json"))
        good = [d for d in docs if not d.errors and d.title
                and any(d.text[p.start:p.end].strip() for p in d.paragraphs if p.role == "body")]
        errors = [d for d in docs if d.errors]
        odd = len(docs) - len(good) - len(errors)  # no error, yet no title or no body: a reader failure
        outcome["documents_with_title_and_body"] += len(good)
        outcome["error_records"] += len(errors)
        outcome["documents_without_title_or_body"] += odd
        status = "ok" if good and not errors else ("errors" if errors and not good else "mixed")
        if odd:
            status = "FAILED"
        outcome[f"files_{status}"] += 1
        entry = {"file": Path(path).name, "documents": len(good), "errors": len(errors), "status": status}
        if errors:
            entry["why"] = sorted({_why(d.errors[0].message) for d in errors})
        per_file.append(entry)
        if verbose:
            print("  json", json.dumps(entry, ensure_ascii=False))
    return {"files": len(paths), **dict(outcome), "per_file": per_file}


def _why(message: str) -> str:
    """The reason part of an error message (without the file name and record ids)."""
    found = re.search(r"(has no .*|not valid JSON.*|a record must .*)$", message)
    return (found.group(1) if found else message.split(": ")[-1])[:160]


_REUTERS_DOC = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.DOTALL)
_SGML_TAG = {tag: re.compile(rf"<{tag}>(.*?)</{tag}>", re.DOTALL) for tag in ("TITLE", "DATELINE", "BODY")}


def reuters_stories(paths: list[str]):
    """(name, wire text) of each Reuters-21578 story with a title, dateline and body, rebuilt as wire copy:
    the title line, then the indented dateline running into the hard-wrapped body, ending in ``Reuter``."""
    import html

    for path in paths:
        sgml = Path(path).read_bytes().decode("latin-1")
        for number, match in enumerate(_REUTERS_DOC.finditer(sgml)):
            parts = {tag: rx.search(match.group(1)) for tag, rx in _SGML_TAG.items()}
            if not all(parts.values()):
                continue
            title, dateline, body = (html.unescape(re.sub(r"&#\d+;", "", parts[t].group(1)))
                                     for t in ("TITLE", "DATELINE", "BODY"))
            yield f"{Path(path).name}#{number}", f"{title.strip()}\n{dateline}{body.rstrip()}\n"


def reuters_expected(wire: str) -> tuple[str, list[str]]:
    """Title and paragraphs of rebuilt wire copy: a paragraph starts at every indented line (and a lone
    ``Reuter`` sign-off is a paragraph of its own)."""
    lines = [line for line in wire.split("\n") if line.strip()]
    paragraphs: list[list[str]] = []
    for line in lines[1:]:
        if line[:1].isspace() or not paragraphs or line.strip().casefold() in ("reuter", "reuters"):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return lines[0].strip(), [" ".join(" ".join(p).split()) for p in paragraphs]


def check_reuters(paths: list[str], verbose: bool) -> dict:
    reader = TextReader()
    stories = ok = datelines = signoffs = 0
    conventions = Counter()
    failures = []
    for name, wire in reuters_stories(paths):
        stories += 1
        [doc] = list(reader.read(InputItem(uri=name, data=wire.encode("utf-8"))))
        want_title, want = reuters_expected(wire)
        got_title, got = observed_layout(doc)
        got = [" ".join(p.split()) for p in got]
        conventions[doc.metadata.get("paragraph_convention")] += 1
        datelines += "dateline" in doc.metadata
        signoffs += str(doc.metadata.get("source_credit", "")).casefold() == "reuter"
        if got_title == want_title and got == want:
            ok += 1
        else:
            why = "title differs" if got_title != want_title else (
                f"paragraphs differ: {len(got)} found, {len(want)} expected")
            failures.append({"story": name, "why": why})
            if verbose:
                print(f"  reuters FAIL {name}: {why}")
    return {"stories": stories, "right_title_and_paragraphs": ok, "failures": len(failures),
            "failure_examples": failures[:10], "dateline_found": datelines, "reuter_signoff_found": signoffs,
            "paragraph_conventions": dict(conventions)}


# --------------------------------------------------------------------------- throughput
def throughput(paths: list[str], repeat: int) -> dict:
    total_bytes = sum(os.path.getsize(p) for p in paths)

    def plain() -> None:
        for path in paths:
            with open(path, "rb") as fh:
                plain_decode(fh.read())

    reader = TextReader()

    def text_reader() -> None:
        for path in paths:
            for _doc in reader.read(InputItem(uri=path, path=path)):
                pass

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        return min(times)

    plain_s = best(plain)
    reader_s = best(text_reader)
    mb = total_bytes / 1e6
    return {
        "files": len(paths), "megabytes": round(mb, 3), "repeat": repeat,
        "plain_read_decode": {"seconds": round(plain_s, 4), "mb_per_s": round(mb / plain_s, 2),
                              "docs_per_s": round(len(paths) / plain_s, 1)},
        "text_reader": {"seconds": round(reader_s, 4), "mb_per_s": round(mb / reader_s, 2),
                        "docs_per_s": round(len(paths) / reader_s, 1)},
        "ratio_text_reader_to_plain": round(plain_s / reader_s, 4),
    }


def pipeline_throughput(folder: Path) -> dict:
    started = time.perf_counter()
    docs = 0
    failed = 0
    for doc in Pipeline(stages=[], jobs=1).run([str(folder)]):
        docs += 1
        failed += bool(doc.errors)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    return {"input": str(folder), "documents": docs, "failed": failed, "seconds": round(seconds, 3),
            "docs_per_s": round(docs / seconds, 1), "mb_per_s": round(size / 1e6 / seconds, 2)}


def single_line(megabytes: int = 50) -> dict:
    line = b"lorem ipsum dolor sit amet, " * (megabytes * 1024 * 1024 // 28)
    data = b"A title\n" + line
    started = time.perf_counter()
    [doc] = list(TextReader().read(InputItem(uri="single-line.txt", data=data)))
    seconds = time.perf_counter() - started
    plain_started = time.perf_counter()
    plain_decode(data)
    plain_seconds = time.perf_counter() - plain_started
    return {"bytes": len(data), "paragraphs": len(doc.paragraphs), "seconds": round(seconds, 3),
            "plain_decode_seconds": round(plain_seconds, 3)}


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no pipeline run")
    parser.add_argument("--repeat", type=int, default=3, help="throughput repetitions (best is kept)")
    parser.add_argument("--verbose", action="store_true", help="print every failure and JSON file outcome")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat

    bbc_root = args.data / "news" / "bbc-news-2225"
    polnear_root = args.data / "quotes" / "polnear"
    bbc = sorted(glob.glob(str(bbc_root / "*" / "*.txt")))
    polnear = sorted(glob.glob(str(polnear_root / "*" / "text" / "*.txt")))
    json_files = sorted(glob.glob(str(args.data / "json" / "**" / "*.json"), recursive=True))
    if not bbc and not polnear and not json_files:
        print(f"no corpora under {args.data}", file=sys.stderr)
        return 2

    result: dict = {"data": str(args.data), "load_average": os.getloadavg()}
    result["bbc"] = check_text_corpus("bbc", bbc, None, args.verbose)
    sport199 = str(bbc_root / "sport" / "199.txt")
    if os.path.exists(sport199):
        [doc] = list(TextReader().read(InputItem(uri=sport199, path=sport199)))
        result["bbc"]["sport_199"] = {"title": doc.title, "encoding": doc.metadata.get("encoding"),
                                      "encoding_fallback": doc.metadata.get("encoding_fallback", False),
                                      "body_paragraphs": len(doc.paragraphs_with_role("body"))}
    result["polnear"] = check_text_corpus("polnear", polnear, polnear_titles(polnear_root), args.verbose)
    result["json"] = check_json(json_files, args.verbose)
    sgml = sorted(glob.glob(str(args.data / "news" / "reuters-21578" / "reut2-*.sgm")))
    if sgml:
        result["reuters"] = check_reuters(sgml[:2] if args.quick else sgml, args.verbose)
    result["throughput"] = throughput(bbc + polnear, repeat)
    if not args.quick and bbc:
        result["pipeline_ingest_bbc"] = pipeline_throughput(bbc_root)
    result["single_line_50mb"] = single_line(50)

    for corpus in ("bbc", "polnear"):
        r = result[corpus]
        print(f"{corpus}: {r['right_title_and_paragraphs']}/{r['files']} files with the right title and "
              f"paragraphs, {r['failures']} failures; roles {r['paragraph_roles']}; metadata {r['metadata_found']}")
        for failure in r["failure_examples"][:5]:
            print(f"  failure: {failure['file']}: {failure['why']}")
    if "sport_199" in result["bbc"]:
        print(f"bbc sport/199.txt: {result['bbc']['sport_199']}")
    if "title_equals_metadata_tsv" in result["polnear"]:
        print(f"polnear titles equal to metadata.tsv: {result['polnear']['title_equals_metadata_tsv']}")
    j = result["json"]
    print(f"json: {j['files']} files; {j.get('documents_with_title_and_body', 0)} documents with title and body, "
          f"{j.get('error_records', 0)} error records, {j.get('documents_without_title_or_body', 0)} without "
          f"title/body; files ok {j.get('files_ok', 0)}, errors-only {j.get('files_errors', 0)}, "
          f"mixed {j.get('files_mixed', 0)}, FAILED {j.get('files_FAILED', 0)}")
    for entry in j["per_file"]:
        if entry.get("why"):
            print(f"  {entry['file']}: {entry['errors']} error record(s): {'; '.join(entry['why'])}")
    if "reuters" in result:
        r = result["reuters"]
        print(f"reuters-21578 rebuilt as wire copy: {r['right_title_and_paragraphs']}/{r['stories']} stories with "
              f"the right title and paragraphs; dateline found in {r['dateline_found']}, 'Reuter' sign-off in "
              f"{r['reuter_signoff_found']}; conventions {r['paragraph_conventions']}")
        for failure in r["failure_examples"][:5]:
            print(f"  failure: {failure['story']}: {failure['why']}")
    t = result["throughput"]
    print(f"throughput over {t['files']} files ({t['megabytes']} MB): text reader {t['text_reader']['mb_per_s']} MB/s "
          f"{t['text_reader']['docs_per_s']} docs/s; plain read+decode {t['plain_read_decode']['mb_per_s']} MB/s "
          f"{t['plain_read_decode']['docs_per_s']} docs/s; ratio {t['ratio_text_reader_to_plain']}")
    if "pipeline_ingest_bbc" in result:
        p = result["pipeline_ingest_bbc"]
        print(f"Pipeline(stages=[]) over BBC: {p['documents']} docs in {p['seconds']} s = {p['docs_per_s']} docs/s, "
              f"{p['mb_per_s']} MB/s, {p['failed']} failed")
    s = result["single_line_50mb"]
    print(f"50 MB single line: {s['seconds']} s (plain decode {s['plain_decode_seconds']} s), "
          f"{s['paragraphs']} paragraphs")
    print(f"load average: {result['load_average']}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(without_corpus_text(result), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    bad = result["bbc"]["failures"] + result["polnear"]["failures"] + j.get("files_FAILED", 0)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
