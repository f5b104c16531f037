"""Per-stage statistics: a corpus pass is charged only its own time, not its upstream's.

The per-document passes run lazily inside the executor's stream, which the corpus pass
pulls from; before the fix, every second spent producing documents upstream was added
to the corpus stage too.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import attrs
from docpipe.cli.main import main as docpipe_main
from docpipe.model import Document
from docpipe.pipeline import Pipeline


@attrs.define
class SlowProcess:
    """Takes ``seconds`` per document in ``process``; no corpus pass."""

    seconds: float = 0.03
    name: str = "slow_process"

    def process(self, doc: Document) -> Document:
        time.sleep(self.seconds)
        return doc


@attrs.define
class TimedFinalize:
    """Instant ``process``; its corpus pass takes ``seconds`` per document."""

    seconds: float = 0.0
    name: str = "timed_finalize"

    def process(self, doc: Document) -> Document:
        return doc

    def finalize(self, docs):
        for doc in docs:
            if self.seconds:
                time.sleep(self.seconds)
            yield doc


def _corpus(folder: Path, count: int = 10) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"n{i:02d}.txt").write_text(f"Note {i}\n\nThe bridge opened at {i} o'clock.\n", encoding="utf-8")
    return folder


def test_corpus_pass_is_not_charged_for_upstream_work(tmp_path: Path):
    pipeline = Pipeline(stages=[SlowProcess(0.03), TimedFinalize(0.0)], jobs=1)
    docs = list(pipeline.run([str(_corpus(tmp_path / "in"))]))
    assert len(docs) == 10
    stages = pipeline.summary.stages
    assert stages["slow_process"].seconds >= 10 * 0.03
    assert stages["timed_finalize"].seconds < 0.05  # was >= 0.3 when upstream time leaked in


def test_corpus_pass_time_is_counted(tmp_path: Path):
    pipeline = Pipeline(stages=[SlowProcess(0.0), TimedFinalize(0.02)], jobs=1)
    list(pipeline.run([str(_corpus(tmp_path / "in"))]))
    finalize_seconds = pipeline.summary.stages["timed_finalize"].seconds
    assert 10 * 0.02 <= finalize_seconds < 10 * 0.02 + 0.2


def test_exporter_time_is_not_charged_to_the_corpus_pass(tmp_path: Path):
    pipeline = Pipeline(stages=[TimedFinalize(0.0)], jobs=1)
    for _ in pipeline.run([str(_corpus(tmp_path / "in"))]):
        time.sleep(0.02)  # a slow consumer, as an exporter may be
    assert pipeline.summary.stages["timed_finalize"].seconds < 0.05


def test_stats_json_from_the_cli_names_every_stage(tmp_path: Path, capsys):
    corpus = _corpus(tmp_path / "in")
    stats = tmp_path / "stats.json"
    code = docpipe_main(["-p", "dp_test_faulty_stages", "run", str(corpus), "-o", str(tmp_path / "out.jsonl"),
                         "--stages", "slow", "--stats", "--stats-json", str(stats), "--no-progress"])
    assert code == 0
    figures = json.loads(stats.read_text(encoding="utf-8"))
    assert figures["documents"] == 10
    assert set(figures["stages"]) == {"ingest", "slow"}
    assert figures["stages"]["slow"]["documents"] == 10
    assert figures["stages"]["slow"]["seconds"] >= 10 * 0.01  # the slow stage's default sleep
    assert "slow" in capsys.readouterr().err
