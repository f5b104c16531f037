"""The per-document timeout in-process (the CLI runs are in test_reliability_plugin_faults.py).

The timeout uses ``signal.setitimer(ITIMER_REAL)``; these tests check that it leaves the
process's own SIGALRM handler and timer as they were, and that it is skipped (no limit)
outside the main thread, where signals cannot be used.
"""

from __future__ import annotations

import signal
import threading

import pytest
from docpipe import Pipeline
from docpipe.worker import timeouts_supported
from dp_test_faulty_stages import Hanging, Raising

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX setitimer needed")


def test_hung_stage_times_out_in_process_and_the_next_document_goes_on():
    pipeline = Pipeline(stages=[Hanging(marker="BOOM")], jobs=1)
    pipeline.config.timeout = 0.2
    docs = list(pipeline.run([pipeline.process_text("A BOOM here", id="a"),
                              pipeline.process_text("A calm one", id="b")]))
    # process_text ran the stages too (with the timeout): "a" is already failed, "b" passed twice.
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].errors[0].type == "StageTimeout" and docs[0].errors[0].stage == "hanging"
    assert "[plugin dp_test_faulty_stages]" in docs[0].errors[0].message
    assert docs[1].errors == ()


def test_previous_alarm_handler_and_timer_are_restored():
    fired = []

    def own_handler(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, own_handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        pipeline = Pipeline(stages=[Hanging(marker="BOOM"), Raising(marker="nothing-matches")], jobs=1)
        pipeline.config.timeout = 0.2
        doc = pipeline.process_text("BOOM", id="x")
        assert doc.errors[0].type == "StageTimeout"
        assert signal.getsignal(signal.SIGALRM) is own_handler
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25.0 < remaining <= 30.0  # our 30 s timer is still running, minus the time spent
        assert fired == []
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_timer_left_armed_after_a_normal_stage():
    pipeline = Pipeline(stages=[Hanging(marker="never")], jobs=1)
    pipeline.config.timeout = 5
    doc = pipeline.process_text("plain text", id="y")
    assert doc.errors == ()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) or callable(
        signal.getsignal(signal.SIGALRM))


def test_outside_the_main_thread_the_stage_runs_without_a_limit():
    """Signals cannot be used from other threads: the documented fallback is no timeout, no crash."""
    results = {}

    def work():
        results["supported"] = timeouts_supported()
        pipeline = Pipeline(stages=[Hanging(marker="BOOM", seconds=0.5)], jobs=1)
        pipeline.config.timeout = 0.1
        results["doc"] = pipeline.process_text("BOOM", id="t")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert results["supported"] is False
    assert results["doc"].errors == ()  # ran to completion (0.5 s) although the limit was 0.1 s
    assert timeouts_supported() is True  # and the main thread is unaffected
