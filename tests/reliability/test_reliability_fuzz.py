"""A short run of each coverage-guided fuzz target (benchmarks/fuzz/), skipped when atheris is missing.

The long runs are by hand: ``python benchmarks/fuzz/run_all.py`` (see docs/guarantees.md). Here each
target gets a few thousand small inputs from its seed corpus; a crash (an exception other than the
accepted ones, or a broken invariant) fails the test with libFuzzer's report, which includes the input.
The readers target runs in ``pipeline`` mode: reader bugs already recorded as xfail tests in
test_reliability_hostile_input.py do not stop the search.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from reliability_helpers import REPO, docpipe_env

pytest.importorskip("atheris")


@pytest.mark.slow
def test_fuzz_targets_short_run(tmp_path):
    out = tmp_path / "fuzz.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "fuzz" / "run_all.py"), "--runs", "1000", "--max-time", "10",
         "--max-len", "2048", "--mode", "pipeline", "--out", str(out)],
        env=docpipe_env(), capture_output=True, text=True, timeout=300, check=False,
    )
    assert out.exists(), proc.stderr
    results = json.loads(out.read_text())["targets"]
    assert {r["target"] for r in results} == {"fuzz_readers.py", "fuzz_quotes.py"}
    for result in results:
        assert not result["crashed"], result["crash_excerpt"]
        assert result["inputs_tried"] and result["inputs_tried"] >= 100, result
    assert proc.returncode == 0
