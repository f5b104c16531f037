"""Guarantee: memory stays bounded on a big input of many documents (docs/guarantees.md, "Resource limits").

A 15 MB JSONL file (~27,000 records written by the test) and a 2 MB one go through the real CLI;
the peak resident memory of the process tree must not grow with the input (the JSONL reader
streams, the executor bounds the work in flight, the exporter writes as it goes). The 1 GB
measurement is ``benchmarks/memory_big_input.py`` (figures in docs/guarantees.md); 100 MB takes
longer than a test should on a loaded 2-core machine, so the test uses 15 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reliability_helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from memory_big_input import run_and_measure, write_jsonl

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")


@pytest.mark.slow
def test_peak_memory_does_not_grow_with_the_input(tmp_path):
    peaks = {}
    for size_mb in (2, 15):
        big = tmp_path / f"in-{size_mb}.jsonl"
        records = write_jsonl(big, size_mb * 2**20)
        result = run_and_measure(big, tmp_path / "out.jsonl", "", 1)
        assert f"{records} documents" in result["summary"]
        peaks[size_mb] = result["peak_rss_mb"]
        big.unlink()
    assert peaks[15] < peaks[2] + 30, peaks  # 13 MB more input (~25,000 more records), under 30 MB more memory
    assert peaks[15] < 300, peaks
