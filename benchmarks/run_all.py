"""Run every benchmark script in ``benchmarks/`` and write a short Markdown summary.

::

    python benchmarks/run_all.py [--data PATH] [--quick] [--only NAME ...]

Each script present (``ingest_bench.py``, ``html_extraction.py``, ``quotes_polnear.py``,
``dedup_bench.py``, ``export_bench.py``, any other ``benchmarks/*.py`` with a ``__main__``
guard, and ``pipeline_bench.py`` last) runs as its own
subprocess with ``--data PATH`` (and ``--quick`` when given and the script accepts it);
a missing script is skipped and a failing one is recorded, never fatal. Each script
writes its own ``benchmarks/results/<name>.json``; this runner writes
``benchmarks/results/run_all.json`` (exit code, seconds and load average per script)
and ``benchmarks/results/SUMMARY.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
RESULTS = BENCHMARKS / "results"
#: The known scripts, in this order; any other ``benchmarks/*.py`` with a ``__main__`` guard runs after them
#: (before ``pipeline_bench.py``, the longest).
SCRIPTS = ("ingest_bench.py", "html_extraction.py", "quotes_polnear.py", "dedup_bench.py", "export_bench.py",
           "pipeline_bench.py")


def discover() -> list[str]:
    """Every benchmark script present: the known ones in order, then the others by name."""
    extra = sorted(p.name for p in BENCHMARKS.glob("*.py")
                   if p.name not in SCRIPTS and p.name != Path(__file__).name and not p.name.startswith("_")
                   and 'if __name__ == "__main__"' in p.read_text(encoding="utf-8", errors="replace"))
    return [*SCRIPTS[:-1], *extra, SCRIPTS[-1]]


from datapaths import default_data  # $DOCPIPE_DATA or ../shared/data (the --data default)


def _accepts(script: Path, flag: str) -> bool:
    return flag in script.read_text(encoding="utf-8", errors="replace")


def run_script(script: Path, data: Path, quick: bool) -> dict:
    cmd = [sys.executable, str(script)]
    if _accepts(script, "--data"):
        cmd += ["--data", str(data)]
    if quick and _accepts(script, "--quick"):
        cmd.append("--quick")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "core"), str(REPO / "plugins"), env.get("PYTHONPATH", "")])
    load = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    print(f"== {script.name}: {' '.join(cmd[1:])}", flush=True)
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    sys.stdout.write(done.stdout)
    if done.returncode:
        sys.stdout.write(done.stderr[-3000:])
    print(f"== {script.name}: exit {done.returncode} in {seconds:.1f}s", flush=True)
    return {"script": script.name, "command": cmd[1:], "exit_code": done.returncode, "seconds": round(seconds, 1),
            "load": load, "stderr_tail": done.stderr[-1500:] if done.returncode else ""}


def _scalars(data: dict, prefix: str = "", limit: int = 10) -> list[tuple[str, object]]:
    """A few top-level figures of a results file, for the summary (nested one level)."""
    out: list[tuple[str, object]] = []
    for key, value in data.items():
        if isinstance(value, (int, float, str)) and not isinstance(value, bool) and len(str(value)) < 40:
            out.append((prefix + key, value))
        elif isinstance(value, dict) and not prefix:
            out.extend(_scalars(value, f"{key}.", limit))
        if len(out) >= limit:
            break
    return out[:limit]


def pipeline_table(report: dict) -> list[str]:
    lines = ["## Whole pipeline (`pipeline_bench.py`)", "",
             f"Stages: {', '.join(report.get('stages', []))}. Each figure with the 1/5/15-minute load average "
             f"of this {report.get('cpus')}-core machine when it was taken.", "",
             "`CPU s`: CPU seconds of the run and its worker processes (what the run itself cost, "
             "whatever the other load); `failed`: documents with an error record.", "",
             "| corpus | run | docs | failed | seconds | CPU s | docs/s | MB/s | x I/O floor | "
             "largest process peak RSS MB | all processes MB | load |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for corpus in ("bbc", "reuters"):
        suite = report.get(corpus)
        if not suite:
            continue
        floor = suite["io_floor"]
        lines.append(f"| {corpus} | I/O floor | {suite['files']} | | {floor['seconds']} | | {floor['docs_per_s']} | "
                     f"| 1.0 | | | {floor['load']} |")
        for name, run in suite["runs"].items():
            if "documents" not in run:
                lines.append(f"| {corpus} | {name} | crashed (exit {run.get('exit_code')}) | | | | | | | | | |")
                continue
            lines.append(f"| {corpus} | {name} | {run['documents']} | {run.get('failed', '')} | {run['seconds']} | "
                         f"{run.get('cpu_seconds', '')} | {run['docs_per_s']} | "
                         f"{run.get('mb_per_s', '')} | {run.get('x_io_floor', '')} | {run['driver_peak_rss_mb']} | "
                         f"{run.get('tree_peak_rss_mb') or ''} | {run['load']} |")
        extra = []
        if "speedup_j2" in suite:
            extra.append(f"-j 2 speed-up {suite['speedup_j2']}x")
        j1 = suite["runs"].get("j1", {})
        if j1.get("cpu_seconds"):
            floor_cpu = floor.get("cpu_seconds") or floor["seconds"]
            extra.append(f"-j 1 in CPU seconds: {round(j1['cpu_seconds'] / floor_cpu, 1)}x the I/O floor")
        if "speedup_j2_idle_estimate" in suite:
            extra.append(f"-j 2 speed-up estimated for idle cores (CPU s -j 1 / half CPU s -j 2) "
                         f"{suite['speedup_j2_idle_estimate']}x")
        if "dask_vs_pool" in suite:
            extra.append(f"Dask LocalCluster / pool time {suite['dask_vs_pool']}")
        if "dask_vs_pool_cpu" in suite:
            extra.append(f"Dask / pool CPU seconds {suite['dask_vs_pool_cpu']}")
        if extra:
            lines += ["", f"{corpus}: " + "; ".join(extra), ""]
    scaling = [p for p in report.get("scaling", []) if "documents" in p]
    if scaling:
        lines += ["", "Scaling (`scaling.png`):", "", "| documents | jobs | seconds | CPU s | docs/s | "
                  "largest process peak RSS MB | all processes MB | without dedup: largest / all MB | load |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for p in scaling:
            nodedup = p.get("without_dedup", {})
            both = (f"{nodedup.get('driver_peak_rss_mb')} / {nodedup.get('tree_peak_rss_mb')}"
                    if "documents" in nodedup else "")
            lines.append(f"| {p['size']} | {p['args'][-1]} | {p['seconds']} | {p.get('cpu_seconds', '')} | "
                         f"{p['docs_per_s']} | {p['driver_peak_rss_mb']} | {p.get('tree_peak_rss_mb') or ''} | "
                         f"{both} | {p['load']} |")
    stages = report.get("bbc", {}).get("runs", {}).get("j1", {}).get("stages")
    if stages:
        lines += ["", "Per-stage seconds, BBC -j 1 (`--stats-json`): "
                  + ", ".join(f"{k} {v}" for k, v in stages.items()), ""]
    targets = report.get("targets", {})
    if targets:
        lines += ["", "| target | value | met |", "|---|---|---|"]
        lines += [f"| {k} | {v.get('value')} | {v.get('met', '')} |" for k, v in targets.items()]
    return lines


def write_summary(runs: list[dict]) -> None:
    lines = ["# Benchmark summary", "", f"Written by `benchmarks/run_all.py` at "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
             "| script | exit | seconds | load at start |", "|---|---|---|---|"]
    lines += [f"| {r['script']} | {r['exit_code']} | {r['seconds']} | {r['load']} |" for r in runs]
    lines.append("")
    for result in sorted(RESULTS.glob("*.json")):
        if result.name in ("run_all.json", "pipeline_bench.json"):
            continue
        try:
            data = json.loads(result.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(data, dict):
            figures = _scalars(data)
            if figures:
                lines += [f"## {result.stem}", "", "; ".join(f"{k}: {v}" for k, v in figures), ""]
    pipeline = RESULTS / "pipeline_bench.json"
    if pipeline.exists():
        lines += pipeline_table(json.loads(pipeline.read_text(encoding="utf-8")))
    (RESULTS / "SUMMARY.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark script and summarise the results.")
    parser.add_argument("--data", type=Path, default=default_data(), help="the shared data folder")
    parser.add_argument("--quick", action="store_true", help="pass --quick to the scripts that accept it")
    parser.add_argument("--only", nargs="*", default=None, metavar="NAME", help="run only these scripts")
    parser.add_argument("--summary-only", action="store_true", help="rewrite SUMMARY.md from existing results")
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    runs: list[dict] = []
    if not args.summary_only:
        for name in discover():
            script = BENCHMARKS / name
            if args.only and name not in args.only and script.stem not in args.only:
                continue
            if not script.exists():
                print(f"== {name}: not present, skipped", flush=True)
                continue
            runs.append(run_script(script, args.data, args.quick))
        (RESULTS / "run_all.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    elif (RESULTS / "run_all.json").exists():
        runs = json.loads((RESULTS / "run_all.json").read_text(encoding="utf-8"))
    write_summary(runs)
    print(f"wrote {RESULTS / 'SUMMARY.md'}")
    return 1 if any(r["exit_code"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
