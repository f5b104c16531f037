"""Run the worked example and write (or check) its expected output in every export format.

    python examples/kazakhstan_briefing/run.py            # check: exit 1 and list the differences
    python examples/kazakhstan_briefing/run.py --update   # regenerate expected/ after an intended change
    python examples/kazakhstan_briefing/run.py --out DIR  # write the outputs somewhere else

The run uses the public embedding API (``docpipe.Pipeline``) with ``pipeline.toml``, reads the
briefing by its relative name so the outputs do not depend on where the repository lives, and
exports with every built-in exporter.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLE = "kazakhstan_briefing.txt"

#: exporter name -> output file name under expected/ (csv writes a folder of tables).
OUTPUTS = {
    "jsonl": "briefing.jsonl",
    "json": "briefing.json",
    "summary": "briefing.summary.txt",
    "csv": "csv",
    "xml": "briefing.xml",
    "tei": "briefing.tei.xml",
    "sqlite": "briefing.sqlite",
    "html": "briefing.html",
}


def run(out_dir: Path) -> list[Path]:
    """Write every format into ``out_dir``; return the files to compare (SQLite as a SQL dump)."""
    from docpipe import Engine, Pipeline

    engine = Engine(autoload=False)  # built-ins only: the expected output must not depend on other plugins
    pipeline = Pipeline.from_config(HERE / "pipeline.toml", engine=engine)
    cwd = os.getcwd()
    os.chdir(HERE)  # so the document's source is the relative name, wherever the checkout is
    try:
        docs = list(pipeline.run([ARTICLE]))
    finally:
        os.chdir(cwd)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, filename in OUTPUTS.items():
        target = out_dir / filename
        spec = engine.registry.exporters[name]
        options = {"folder": True} if name == "csv" else {}
        if name == "sqlite" and target.exists():
            target.unlink()  # a fresh database, not an upsert into the previous one
        exporter = spec.factory(str(target), **options)
        for doc in docs:
            exporter.write(doc)
        exporter.close()
    dump = out_dir / "briefing.sqlite.sql"
    with sqlite3.connect(out_dir / OUTPUTS["sqlite"]) as db:
        dump.write_text("\n".join(db.iterdump()) + "\n", encoding="utf-8")
    (out_dir / OUTPUTS["sqlite"]).unlink()  # binary and page-layout dependent: the dump is what we compare
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


def compare(expected: Path, actual: Path) -> list[str]:
    problems = []
    want = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    got = {p.relative_to(actual) for p in actual.rglob("*") if p.is_file()}
    for missing in sorted(want - got):
        problems.append(f"missing output: {missing}")
    for extra in sorted(got - want):
        problems.append(f"unexpected output: {extra}")
    for rel in sorted(want & got):
        a = (expected / rel).read_text(encoding="utf-8")
        b = (actual / rel).read_text(encoding="utf-8")
        if a != b:
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), f"expected/{rel}", f"actual/{rel}",
                                        lineterm="", n=1)
            problems.append("\n".join(list(diff)[:40]))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite expected/ from this run")
    parser.add_argument("--out", type=Path, help="write the outputs here and do not compare")
    args = parser.parse_args(argv)
    expected = HERE / "expected"
    if args.update:
        for old in sorted(expected.rglob("*"), reverse=True) if expected.exists() else []:
            old.unlink() if old.is_file() else old.rmdir()
        files = run(expected)
        print(f"wrote {len(files)} files to {expected}")
        return 0
    if args.out:
        files = run(args.out)
        print(f"wrote {len(files)} files to {args.out}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        run(Path(tmp))
        problems = compare(expected, Path(tmp))
    for problem in problems:
        print(problem)
    print("expected output matches" if not problems else f"{len(problems)} difference(s); "
          "if the change is intended, rerun with --update")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
