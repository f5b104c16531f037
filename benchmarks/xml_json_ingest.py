"""Ingest every file under ``<data>/xml`` with the ``xml`` reader and report what came out.

Each file must give documents with a title and a non-empty body, or error records that
say why (a concept item, a picture without text, a file that is not XML). Files without
an XML suffix (Reuters ``tag_reuters.com_*`` items) go through content sniffing, as in a
real run; files the sniffer does not call XML (plain wire text) are counted as skipped.

Usage::

    python benchmarks/xml_json_ingest.py [--data PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

from docpipe.components import InputItem
from docpipe.ingest import read_item
from docpipe_builtins.html_reader.sniff import sniff_format
from docpipe_builtins.xml_reader import XmlReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redact import without_corpus_text  # noqa: E402 - keeps corpus text out of committed results

SKIP_NAMES = {"SOURCE.md", "LICENSE"}


from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


def classify(doc) -> str:
    if doc.errors:
        return "error"
    has_body = any(p.role not in ("title", "byline", "dateline", "boilerplate") for p in doc.paragraphs)
    if doc.title and has_body:
        return "ok"
    if has_body:
        return "no_title"
    return "no_body"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data())
    parser.add_argument("--verbose", action="store_true", help="print every document")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "xml_ingest.json")
    args = parser.parse_args(argv)
    root = args.data / "xml"
    if not root.exists():
        print(f"skipped: {root} not found")
        return 0
    reader = XmlReader()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name not in SKIP_NAMES)
    counts: Counter = Counter()
    per_file = []
    errors: Counter = Counter()
    total_bytes = 0
    started = time.perf_counter()
    for path in files:
        head = path.read_bytes()[:4096]
        if path.suffix.lower() != ".xml" and sniff_format(head) != "xml":
            counts["skipped_not_xml"] += 1
            per_file.append({"file": str(path.relative_to(root)), "skipped": "not XML by suffix or content"})
            continue
        total_bytes += path.stat().st_size
        counts["files"] += 1
        docs = list(read_item(InputItem(uri=str(path), path=str(path), format="xml"), reader, "xml"))
        outcome = Counter(classify(d) for d in docs)
        counts.update({f"documents_{k}": v for k, v in outcome.items()})
        counts["documents"] += len(docs)
        if all(classify(d) == "error" for d in docs):
            counts["files_only_errors"] += 1
        for d in docs:
            if d.errors:
                message = d.errors[0].message.split(": ", 1)[-1]
                errors[message] += 1
        counts["documents_title_derived"] += sum(1 for d in docs if d.metadata.get("title_source"))
        counts["documents_tei_quote_hints"] += sum(len(d.spans.get("tei_quotes", ())) for d in docs)
        if any(d.metadata.get("encoding_mislabelled") for d in docs):
            counts["files_mislabelled_encoding"] += 1
        entry = {"file": str(path.relative_to(root)), "documents": len(docs), "outcomes": dict(outcome),
                 "titles": [d.title for d in docs if d.title][:3],
                 "errors": [d.errors[0].message.split(": ", 1)[-1] for d in docs if d.errors][:3]}
        per_file.append(entry)
        if args.verbose:
            print(json.dumps(entry, ensure_ascii=False))
    seconds = time.perf_counter() - started
    bad = counts["documents_no_title"] + counts["documents_no_body"]
    print(f"XML ingest over {root}")
    print(f"  files read as XML: {counts['files']} ({counts['skipped_not_xml']} skipped: not XML)")
    print(f"  documents: {counts['documents']}  with title and body: {counts['documents_ok']}  "
          f"error records: {counts['documents_error']}  without title: {counts['documents_no_title']}  "
          f"without body: {counts['documents_no_body']}")
    print(f"  of the titled documents, {counts['documents_title_derived']} have a title derived from the first "
          f"sentence (the source has no headline)")
    print(f"  files giving only error records: {counts['files_only_errors']}; "
          f"files with a mislabelled encoding recovered: {counts['files_mislabelled_encoding']}")
    print(f"  {total_bytes / 1e6 / seconds:.2f} MB/s, {counts['files'] / seconds:.1f} files/s")
    print("  error reasons:")
    for message, n in errors.most_common():
        print(f"    {n:3d}  {message}")
    result = {"counts": dict(counts), "error_reasons": dict(errors.most_common()), "seconds": round(seconds, 3),
              "mb_per_second": round(total_bytes / 1e6 / seconds, 2), "files": per_file,
              "all_documents_titled_with_body_or_error": bad == 0}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(without_corpus_text(result), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
