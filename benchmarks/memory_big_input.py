"""Peak memory of ``docpipe run`` on one big JSONL input of many documents (issue 9, resource limits).

Generates a JSONL file of ``--size-mb`` megabytes (default 1024: ~1 GB) of small news-like
records written by this script in a temporary folder, runs the real CLI over it in a subprocess,
and samples the resident memory of the whole process tree (driver + worker processes) every
0.1 s. The same run on a file a tenth of the size gives the baseline: bounded memory means the
peak does not grow with the input (the JSONL reader streams line by line, the executor keeps a
fixed number of batches in flight, the exporter writes each record as it comes).

::

    python benchmarks/memory_big_input.py                       # 1 GB, ingest + export only
    python benchmarks/memory_big_input.py --size-mb 200 --stages quotes,dedup -j 2

Writes ``benchmarks/results/memory_big_input.json``. Linux (reads ``/proc``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_SENTENCES = [
    "The council met on Tuesday to discuss the harbour budget.",
    "\u201cWe will not raise the fees this year,\u201d said the treasurer, Maria Olsen.",
    "Fishermen had asked for a delay until the autumn.",
    "\u201cIt is a fair outcome,\u201d one of them told reporters after the vote.",
    "The next meeting is planned for the first week of June.",
]


def write_jsonl(path: Path, size_bytes: int) -> int:
    """A JSONL file of about ``size_bytes`` of records, each different (no two texts equal)."""
    count = 0
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size_bytes:
            body = " ".join(_SENTENCES[(count + k) % len(_SENTENCES)] for k in range(8))
            line = json.dumps({"id": f"rec-{count}", "title": f"Harbour report {count}",
                               "text": f"Report {count}. {body}"}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(current, ()))
    return total


def run_and_measure(input_path: Path, output: Path, stages: str, jobs: int) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "core"), str(REPO / "plugins"), env.get("PYTHONPATH", "")])
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "docpipe", "run", str(input_path), "-o", str(output),
                             "--stages", stages, "-j", str(jobs), "--no-progress"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"docpipe failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    return {"input_bytes": input_path.stat().st_size, "output_bytes": output.stat().st_size,
            "peak_rss_mb": round(peak / 2**20, 1), "seconds": round(time.monotonic() - started, 1),
            "summary": stderr.decode().strip().splitlines()[-1]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="size of the big input (default 1024)")
    parser.add_argument("--stages", default="", help="processing stages (default: none, ingest + export)")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--tmp", default=None, help="folder for the generated files (default: system temp)")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "memory_big_input.json"))
    args = parser.parse_args(argv)
    results = {"stages": args.stages, "jobs": args.jobs, "runs": []}
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for size_mb in (max(1, args.size_mb // 10), args.size_mb):
            big = Path(tmp) / f"input-{size_mb}mb.jsonl"
            records = write_jsonl(big, size_mb * 2**20)
            result = run_and_measure(big, Path(tmp) / "out.jsonl", args.stages, args.jobs)
            result.update(size_mb=size_mb, records=records)
            results["runs"].append(result)
            print(f"{size_mb:>6} MB, {records} records: peak RSS {result['peak_rss_mb']} MB, "
                  f"{result['seconds']} s  ({result['summary']})", flush=True)
            big.unlink()
    small, large = results["runs"]
    results["peak_growth_mb"] = round(large["peak_rss_mb"] - small["peak_rss_mb"], 1)
    print(f"peak RSS grew by {results['peak_growth_mb']} MB for {args.size_mb - small['size_mb']} MB more input")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
