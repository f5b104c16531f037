"""Benchmark of the exporters on 2,000 BBC news documents: time, output size, peak memory, validity.

Usage::

    python benchmarks/export_bench.py [--data PATH] [--documents 2000] [--small 500] [--formats jsonl,csv,...]
                                      [--stages quotes,dedup]

For each format a fresh subprocess reads the documents (plain-text reader), runs the default
stages that are registered (``quotes``, ``dedup``; none if neither is installed yet) and writes
the format, timing the exporter calls separately. Each format runs twice, over ``--small`` and
over ``--documents`` documents: if an exporter streams, its peak RSS hardly changes between the
two. A ``null`` exporter (discards documents) gives the baseline RSS of the pipeline alone.

Every output is then validated: JSON Schema (jsonl, json), XSD (xml), TEI structure (tei), row
counts (csv, parquet), SQL queries, FTS5 and an upsert re-run (sqlite), HTML structure (html).
``parquet`` needs pyarrow and is skipped where it is not installed. Running only
some formats updates their entries in an existing results file measured with the same documents
and stages.

Writes ``benchmarks/results/export.json``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "core"), str(REPO / "plugins")]

RESULTS = REPO / "benchmarks" / "results" / "export.json"
FORMATS = ("jsonl", "json", "csv", "xml", "tei", "sqlite", "html", "parquet")
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": "/", "xml": ".xml", "tei": ".tei.xml", "sqlite": ".sqlite",
          "html": ".html", "parquet": "/", "null": ""}


from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


def bbc_files(data: Path, limit: int) -> list[str]:
    root = data / "news" / "bbc-news-2225"
    files = sorted(str(p) for p in root.rglob("*.txt") if p.name.lower() != "readme.txt")
    if len(files) < limit:
        raise SystemExit(f"need {limit} BBC documents under {root}, found {len(files)}")
    return files[:limit]


def registered_default_stages() -> list[str]:
    from docpipe.engine import Engine

    names = {spec.name for spec in Engine().registry.stages}
    return [name for name in ("quotes", "dedup") if name in names]


# ============================================================================ child: one export run
def peak_rss_mb() -> float:
    """Peak resident memory of this process so far.

    Linux's VmHWM belongs to the current address space, so it starts afresh at exec; ``ru_maxrss``
    is kept across exec and would report the (larger) peak of the parent that spawned us.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class NullExporter:
    def __init__(self, target: str = "-") -> None:
        pass

    def write(self, doc) -> None:  # noqa: ANN001
        pass

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def run_one(fmt: str, list_file: str, target: str, stages: list[str]) -> dict:
    """Run the pipeline over the listed files into one exporter (in this process); figures as a dict."""
    from docpipe.pipeline import Pipeline

    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    pipeline = Pipeline(stages=stages, jobs=1)
    if fmt == "null":
        exporter = NullExporter(target)
    else:
        spec = pipeline.engine.registry.exporters[fmt]
        exporter = spec.factory(target=target)
    # Wall and CPU time inside the exporter calls. The CPU time is this thread's only, so neither the
    # pipeline's helper threads nor other processes on a busy machine count against the exporter.
    export_seconds = export_cpu = 0.0
    documents = quotes = 0
    rss_after_first = None
    started = time.perf_counter()
    for doc in pipeline.run(paths):
        t, c = time.perf_counter(), time.thread_time()
        exporter.write(doc)
        export_seconds += time.perf_counter() - t
        export_cpu += time.thread_time() - c
        documents += 1
        quotes += len(doc.quotes)
        if rss_after_first is None:  # everything is imported and warmed up: growth from here is per-document
            rss_after_first = peak_rss_mb()
    t, c = time.perf_counter(), time.thread_time()
    exporter.close()
    export_seconds += time.perf_counter() - t
    export_cpu += time.thread_time() - c
    peak = peak_rss_mb()
    return {
        "documents": documents,
        "quotes": quotes,
        "total_seconds": round(time.perf_counter() - started, 3),
        "export_seconds": round(export_seconds, 3),
        "export_cpu_seconds": round(export_cpu, 3),
        "peak_rss_mb": round(peak, 1),
        "rss_growth_after_first_document_mb": round(peak - (rss_after_first or peak), 1),
    }


def run_in_subprocess(fmt: str, files: list[str], workdir: Path, stages: list[str]) -> tuple[dict, str]:
    list_file = workdir / f"inputs-{len(files)}.txt"
    list_file.write_text("\n".join(files), encoding="utf-8")
    # (a str, not a Path: the trailing "/" that makes the csv target a folder must survive)
    target = f"{workdir}/out-{fmt}-{len(files)}{SUFFIX[fmt]}" if fmt != "null" else "-"
    proc = subprocess.run(
        [sys.executable, __file__, "--child", fmt, str(list_file), target, ",".join(stages)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{fmt}: child failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), target


def output_size(target: str) -> int:
    path = Path(target)
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size if path.exists() else 0


# ============================================================================ validation
def validate(fmt: str, target: str, documents: int, quotes: int, rerun) -> dict:  # noqa: ANN001
    """Check one output; returns what was checked. Raises AssertionError on a problem."""
    from lxml import etree

    if fmt in ("jsonl", "json"):
        import jsonschema

        schema = json.loads((REPO / "docs" / "schema" / "document.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        text = Path(target).read_text(encoding="utf-8")
        records = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
        for record in records:
            validator.validate(record)
        assert len(records) == documents
        return {"schema_valid_records": len(records)}
    if fmt == "csv":
        counts = {}
        for table in ("documents", "quotes", "speakers", "paragraphs"):
            with open(Path(target) / f"{table}.csv", encoding="utf-8", newline="") as fh:
                counts[table] = sum(1 for _ in csv.DictReader(fh))
        assert counts["documents"] == documents and counts["quotes"] == quotes
        return {"rows": counts}
    if fmt == "xml":
        schema = etree.XMLSchema(etree.parse(str(REPO / "docs" / "schema" / "docpipe.xsd")))
        tree = etree.parse(target)
        schema.assertValid(tree)
        assert len(tree.getroot()) == documents
        return {"xsd_valid": True, "documents": len(tree.getroot())}
    if fmt == "tei":
        ns = {"t": "http://www.tei-c.org/ns/1.0"}
        root = etree.parse(target).getroot()
        tei = root.findall("t:TEI", ns)
        said = root.findall(".//t:said", ns)
        persons = root.findall(".//t:listPerson/t:person", ns)
        assert root.tag == "{http://www.tei-c.org/ns/1.0}teiCorpus" and len(tei) == documents
        xml_id = "{http://www.w3.org/XML/1998/namespace}id"
        ids = [el.get(xml_id) for el in root.iter() if el.get(xml_id)]
        assert len(ids) == len(set(ids)), "xml:ids are not unique"
        return {"well_formed": True, "TEI": len(tei), "said": len(said), "persons": len(persons)}
    if fmt == "sqlite":
        db = sqlite3.connect(target)
        checks = {
            "documents": db.execute("SELECT count(*) FROM documents").fetchone()[0],
            "quotes": db.execute("SELECT count(*) FROM quote_records").fetchone()[0],
            "paragraphs": db.execute("SELECT count(*) FROM paragraphs").fetchone()[0],
            "fts_government": db.execute(
                "SELECT count(*) FROM (SELECT speaker, text FROM quotes WHERE quotes MATCH 'government')").fetchone()[0],
            "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
            "foreign_key_violations": len(db.execute("PRAGMA foreign_key_check").fetchall()),
        }
        db.execute("INSERT INTO quotes(quotes) VALUES ('integrity-check')")
        db.close()
        assert checks["documents"] == documents and checks["quotes"] == quotes and checks["integrity"] == "ok"
        t = time.perf_counter()
        rerun()
        checks["upsert_rerun_seconds"] = round(time.perf_counter() - t, 2)
        db = sqlite3.connect(target)
        checks["documents_after_rerun"] = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert checks["documents_after_rerun"] == documents
        return checks
    if fmt == "parquet":
        import pyarrow.parquet as pq

        counts = {table: pq.read_table(Path(target) / f"{table}.parquet").num_rows
                  for table in ("documents", "quotes", "speakers", "paragraphs")}
        assert counts["documents"] == documents and counts["quotes"] == quotes
        return {"rows": counts}
    if fmt == "html":
        from lxml import html

        tree = html.parse(target).getroot()
        articles = tree.xpath("//article")
        assert len(articles) == documents and not tree.xpath("//script")
        ids = set(tree.xpath("//@id"))
        dangling = [h for h in tree.xpath("//a/@href") if h[1:] not in ids]
        assert not dangling, dangling[:5]
        return {"articles": len(articles), "marks": len(tree.xpath("//mark")), "links_resolve": True}
    return {}


# ============================================================================ main
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        fmt, list_file, target, stages = argv[1:5]
        print(json.dumps(run_one(fmt, list_file, target, [s for s in stages.split(",") if s])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(), help="shared data folder")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500, help="smaller run to see whether memory grows")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--stages", default=None,
                        help="comma-separated stages to run ('' for none); default: quotes,dedup where registered")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    if "parquet" in formats and importlib.util.find_spec("pyarrow") is None:
        print("pyarrow is not installed: skipping parquet")
        formats.remove("parquet")
    files = bbc_files(args.data, args.documents)
    stages = registered_default_stages() if args.stages is None else [s for s in args.stages.split(",") if s]
    print(f"{len(files)} BBC documents, stages: {','.join(stages) or '(none)'}")
    results: dict = {"documents": len(files), "stages": stages, "python": sys.version.split()[0],
                     "load_average_at_start": os.getloadavg()[0], "cpus": os.cpu_count(), "formats": {}}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for fmt in ("null", *formats):
            small, _ = run_in_subprocess(fmt, files[: args.small], workdir, stages)
            big, target = run_in_subprocess(fmt, files, workdir, stages)
            entry = {**big, "output_bytes": output_size(target) if fmt != "null" else 0,
                     f"peak_rss_mb_at_{args.small}_docs": small["peak_rss_mb"],
                     f"rss_growth_mb_at_{args.small}_docs": small["rss_growth_after_first_document_mb"]}
            if fmt != "null":
                entry["validated"] = validate(fmt, target, big["documents"], big["quotes"],
                                              lambda fmt=fmt: run_in_subprocess(fmt, files, workdir, stages))
            results["formats"][fmt] = entry
            print(f"{fmt:<7} export {entry['export_seconds']:>7.2f}s (cpu {entry.get('export_cpu_seconds', 0):.2f}s)  total {entry['total_seconds']:>7.2f}s  "
                  f"{entry['output_bytes'] / 1e6:>8.1f} MB  peak RSS {big['peak_rss_mb']:>6.1f} MB, growth after "
                  f"the first document {small['rss_growth_after_first_document_mb']:.1f} MB ({args.small} docs) / "
                  f"{big['rss_growth_after_first_document_mb']:.1f} MB ({len(files)} docs)")
    if RESULTS.exists():
        # A run of some formats only updates their entries when it measured the same thing.
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))
        if (previous.get("documents"), previous.get("stages")) == (results["documents"], results["stages"]):
            results["formats"] = {**previous.get("formats", {}), **results["formats"]}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
