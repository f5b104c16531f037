"""Executor conformance: the same corpus through every executor gives byte-identical JSONL.

Executors: serial (``-j 1``), the local process pool (``-j 2``), Dask's synchronous
scheduler and a Dask ``LocalCluster`` (the Dask ones skip when the extra is missing).
The corpus is written by the test: ~30 short news items with quotes, exact and near
duplicates, and broken inputs (undecodable bytes, an empty file, a malformed XML
file, documents on which a stage raises).

Also here: the local executor's bounded prefetch, its recovery from a worker process
that dies, and the distributed corpus protocol of the Dask executor.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import attrs
import pytest
from docpipe.cli.main import main as docpipe_main
from docpipe.engine import Engine
from docpipe.model import Document
from docpipe.pipeline import Pipeline
from docpipe_builtins.local_executor import LocalExecutor

SUBJECTS = ["The harbour authority", "A council spokeswoman", "The finance minister", "Local farmers",
            "The rail operator", "A school governor", "The weather service", "Two fishermen",
            "The museum director", "A hospital manager", "The city engineer", "Residents of Marrow Lane"]
VERBS = ["announced", "denied", "questioned", "welcomed", "postponed", "praised", "criticised", "reviewed"]
OBJECTS = ["the new ferry timetable", "plans for a second bridge", "the winter grain prices",
           "a delay to the tram line", "the flooded underpass", "a grant for the library",
           "the closure of the night market", "repairs to the old pier", "a rise in parking fees"]
QUOTES = ["We were never consulted", "This is a good day for the town", "Nobody expected the water to rise",
          "The figures speak for themselves", "We will keep the doors open", "It is too early to say",
          "Our staff worked through the night", "The budget simply is not there"]
SPEAKERS = ["said Ms Okafor", "said Mr Lindqvist", "the mayor said", "a spokesman said", "said Dr Patel"]


def _article(rng: random.Random, n: int) -> str:
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} (item {n})"
    paragraphs = []
    for k in range(rng.randint(3, 5)):
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on day {n * 7 + k}."
        quote = f'"{rng.choice(QUOTES)}," {rng.choice(SPEAKERS)}.'
        paragraphs.append(f"{sentence} {quote} The matter returns to committee in week {n + k}.")
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path) -> int:
    """Write the test corpus; returns the number of input files."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    texts = [_article(rng, n) for n in range(22)]
    for n, text in enumerate(texts):
        (folder / f"a{n:02d}.txt").write_text(text, encoding="utf-8")
    # Exact copies and near copies (a paragraph dropped, a word changed).
    (folder / "b00_copy.txt").write_text(texts[3], encoding="utf-8")
    (folder / "b01_copy.txt").write_text(texts[11], encoding="utf-8")
    near = texts[5].split("\n\n")
    (folder / "b02_near.txt").write_text("\n\n".join(near[:-1]) + "\n", encoding="utf-8")
    (folder / "b03_near.txt").write_text(texts[8].replace("committee", "council"), encoding="utf-8")
    # Broken inputs.
    (folder / "c00_undecodable.txt").write_bytes(b"Caf\xe9 prices \xff\xfe rose \x00 sharply.\n")
    (folder / "c01_empty.txt").write_bytes(b"")
    (folder / "c02_broken.xml").write_text("<nitf><body><p>unclosed", encoding="utf-8")
    (folder / "c03_explodes.txt").write_text("Headline\n\nThis one makes a stage EXPLODE on purpose.\n")
    (folder / "c04_explodes_too.txt").write_text(texts[0] + "\nAnd it EXPLODE s as well.\n")
    return len(list(folder.iterdir()))


def registered_default_stages() -> list[str]:
    stages = Engine().registry.stages
    return [name for name in ("quotes", "dedup") if name in stages]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("conformance") / "corpus"
    write_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def config_file(corpus: Path) -> Path:
    path = corpus.parent / "pipeline.toml"
    path.write_text('[stages.raising]\nmarker = "EXPLODE"\n', encoding="utf-8")
    return path


def run_cli(corpus: Path, config: Path, out: Path, *extra: str) -> int:
    stages = ",".join([*registered_default_stages(), "raising"])
    return docpipe_main(["-p", "dp_test_faulty_stages", "run", str(corpus), "-o", str(out), "--config",
                         str(config), "--stages", stages, "--no-progress", "-q", *extra])


@pytest.fixture(scope="module")
def serial_output(corpus: Path, config_file: Path) -> bytes:
    out = corpus.parent / "serial.jsonl"
    assert run_cli(corpus, config_file, out, "-j", "1") == 1  # some documents fail on purpose
    return out.read_bytes()


def test_serial_reference_covers_the_corpus(serial_output: bytes, corpus: Path):
    records = [json.loads(line) for line in serial_output.decode("utf-8").splitlines()]
    assert len(records) == len(list(corpus.iterdir()))
    sources = [Path(r["source"]).name for r in records]
    assert sources == sorted(sources)  # input order: the folder's files, sorted
    failed = {Path(r["source"]).name for r in records if r["errors"]}
    assert {"c03_explodes.txt", "c04_explodes_too.txt"} <= failed
    if "dedup" in registered_default_stages():
        duplicates = {Path(r["source"]).name for r in records if r["duplicate_of"]}
        assert {"b00_copy.txt", "b01_copy.txt"} <= duplicates


EXECUTORS = {
    "pool-j2": ("-j", "2"),
    "dask-synchronous": ("--executor", "dask", "--scheduler", "synchronous"),
    "dask-localcluster": ("--executor", "dask", "-j", "2"),
}


@pytest.mark.parametrize("name", list(EXECUTORS))
def test_every_executor_writes_identical_jsonl(name: str, corpus: Path, config_file: Path, serial_output: bytes,
                                                request):
    if name.startswith("dask"):
        request.applymarker(pytest.mark.dask)
        pytest.importorskip("dask.bag")
        pytest.importorskip("distributed")
    out = corpus.parent / f"{name}.jsonl"
    assert run_cli(corpus, config_file, out, *EXECUTORS[name]) == 1
    got, want = out.read_bytes().splitlines(), serial_output.splitlines()
    assert len(got) == len(want)
    for line, expected in zip(got, want):
        assert json.loads(line) == json.loads(expected)  # a readable diff of the first record that differs
    assert out.read_bytes() == serial_output


# ---------------------------------------------------------------------------- local executor
def _double(x: int) -> int:
    return x * 2


class CountingSource:
    """An endless input stream that counts how far it has been read."""

    def __init__(self) -> None:
        self.pulled = 0

    def __iter__(self):
        while True:
            self.pulled += 1
            yield self.pulled


def test_pool_reads_ahead_a_bounded_number_of_units():
    executor = LocalExecutor(jobs=2, batch=4, prefetch=2)
    source = CountingSource()
    results = executor.map(_double, source)
    try:
        first = [next(results) for _ in range(50)]
    finally:
        results.close()
        executor.close()
    assert first == [2 * i for i in range(1, 51)]
    # 50 results taken; at most jobs * prefetch batches of 4 beyond them were ever requested.
    assert source.pulled <= 50 + 2 * 2 * 4 + 4


def test_serial_reads_one_unit_at_a_time():
    source = CountingSource()
    results = LocalExecutor(jobs=1).map(_double, source)
    assert [next(results) for _ in range(3)] == [2, 4, 6]
    assert source.pulled == 3


@attrs.define
class CrashOnMarker:
    """Kills its worker process (as a segfault would) on documents containing ``marker``."""

    marker: str = "CRASH"
    name: str = "crash_on_marker"

    def process(self, doc: Document) -> Document:
        if self.marker in doc.text:
            os._exit(7)
        return doc.evolve(metadata={**doc.metadata, "survived": True})


@pytest.mark.slow
def test_a_dying_worker_costs_only_its_own_document(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        body = f"Report {i}\n\nNothing happened on day {i}.\n" + ("It will CRASH here.\n" if i in (5, 22) else "")
        (folder / f"r{i:02d}.txt").write_text(body, encoding="utf-8")
    pipeline = Pipeline(stages=[CrashOnMarker()], executor="local", jobs=2)
    docs = list(pipeline.run([str(folder)]))
    assert [Path(d.source.uri).name for d in docs] == [f"r{i:02d}.txt" for i in range(40)]
    crashed = {Path(d.source.uri).name for d in docs if d.errors}
    assert crashed == {"r05.txt", "r22.txt"}
    for doc in docs:
        if doc.errors:
            assert doc.errors[0].type == "WorkerCrashed"
            assert doc.errors[0].stage == "worker"
        else:
            assert doc.metadata["survived"] is True


# ---------------------------------------------------------------------------- dask corpus protocol
@attrs.define
class ExactDuplicateLinker:
    """A tiny corpus stage with both a streaming ``finalize`` and the distributed protocol.

    Two documents are duplicates when their texts are equal ignoring case and spacing;
    every duplicate points to the first one seen.
    """

    name: str = "exact_linker"
    linked_through_edges: int = 0
    last_edges: list = attrs.field(factory=list)

    @staticmethod
    def _key(doc: Document) -> str:
        return " ".join(doc.text.lower().split())

    def process(self, doc: Document) -> Document:
        return doc

    def finalize(self, docs):
        first: dict[str, str] = {}
        for doc in docs:
            key = self._key(doc)
            if key and key in first:
                doc = doc.evolve(duplicate_of=first[key])
            else:
                first.setdefault(key, doc.id)
            yield doc

    def band_keys(self, doc: Document) -> list[str | int]:
        key = self._key(doc)
        return [key, len(key)] if key else []

    def link(self, docs, edges):
        """Streaming, as the protocol allows: edges arrive sorted by their later document."""
        self.linked_through_edges += 1
        self.last_edges = list(edges)
        by_later: dict[int, list[int]] = {}
        for i, j, shared in edges:
            assert i < j and shared >= 1
            by_later.setdefault(j, []).append(i)
        needed = {i for i, _, _ in edges}
        keys: dict[int, str] = {}
        representative: dict[int, str] = {}
        for j, doc in enumerate(docs):
            key = self._key(doc)
            if j in needed:
                keys[j] = key
            match = next((i for i in sorted(by_later.get(j, ())) if keys.get(i) == key), None)
            if match is None:
                representative[j] = doc.id
            else:
                representative[j] = representative[match]
                doc = doc.evolve(duplicate_of=representative[match])
            yield doc


def _linker_corpus(folder: Path) -> None:
    folder.mkdir()
    texts = ["Alpha beta gamma.", "Delta epsilon.", "alpha  BETA gamma.", "Zeta eta theta.",
             "Delta Epsilon.", "Alpha beta gamma.", "Iota kappa."]
    for i, text in enumerate(texts * 3):
        (folder / f"p{i:02d}.txt").write_text(text + "\n", encoding="utf-8")


@pytest.mark.dask
@pytest.mark.slow
@pytest.mark.parametrize("scheduler", ["synchronous", None])
def test_dask_distributed_corpus_pass_equals_the_driver_pass(tmp_path: Path, scheduler):
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    _linker_corpus(tmp_path / "in")
    reference = list(Pipeline(stages=[ExactDuplicateLinker()], jobs=1).run([str(tmp_path / "in")]))
    assert sum(d.duplicate_of is not None for d in reference) == 21 - 4  # four distinct texts up to case and spacing
    stage = ExactDuplicateLinker()
    pipeline = Pipeline(stages=[stage], executor="dask", jobs=2, stage_options={})
    pipeline.config.executors["dask"] = {"scheduler": scheduler, "partition_size": 4, "distributed_corpus": True}
    distributed = list(pipeline.run([str(tmp_path / "in")]))
    assert stage.linked_through_edges == 1  # the protocol path ran, not finalize
    assert distributed == reference
    # Equal texts share both keys (the text and its length); other pairs only a length.
    texts = [" ".join(d.text.lower().split()) for d in reference]
    assert stage.last_edges == sorted(stage.last_edges, key=lambda e: (e[1], e[0]))
    for i, j, shared in stage.last_edges:
        assert shared == (2 if texts[i] == texts[j] else 1)
    equal_pairs = sum(1 for i in range(21) for j in range(i + 1, 21) if texts[i] == texts[j])
    assert sum(1 for _, _, shared in stage.last_edges if shared == 2) == equal_pairs


def test_bucket_edges_are_all_pairs_then_a_star():
    from docpipe_builtins.dask_executor import bucket_edges

    assert bucket_edges([4, 1, 9], max_bucket=3) == [(1, 4), (1, 9), (4, 9)]
    assert bucket_edges([4, 1, 9, 2], max_bucket=3) == [(1, 2), (1, 4), (1, 9)]


@pytest.mark.dask
@pytest.mark.slow
def test_an_existing_scheduler_address_gives_identical_jsonl(corpus: Path, config_file: Path, serial_output: bytes):
    """``--scheduler tcp://...``: connect to a running cluster (here one started by the test) and leave it running."""
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = corpus.parent / "external.jsonl"
        assert run_cli(corpus, config_file, out, "--scheduler", cluster.scheduler_address) == 1
        assert out.read_bytes() == serial_output
        with distributed.Client(cluster.scheduler_address) as client:  # still up: not ours to stop
            assert len(client.scheduler_info()["workers"]) == 1


def test_scheduler_is_an_option_of_the_dask_executor_only(corpus: Path, config_file: Path, tmp_path: Path):
    code = run_cli(corpus, config_file, tmp_path / "x.jsonl", "--executor", "local", "--scheduler", "synchronous")
    assert code == 2
    assert not (tmp_path / "x.jsonl").exists()


@attrs.define
class UnpicklableOnMarker:
    """Puts an object that does not pickle (a lambda) into the metadata of documents with ``marker``."""

    marker: str = "LAMBDA"
    name: str = "unpicklable_on_marker"

    def process(self, doc: Document) -> Document:
        if self.marker in doc.text:
            return doc.evolve(metadata={**doc.metadata, "callback": lambda: None})
        return doc


@pytest.mark.slow
def test_a_result_that_does_not_pickle_costs_only_its_own_document(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(20):
        body = f"Memo {i}\n\nThe depot closed at {i}.\n" + ("LAMBDA inside.\n" if i == 9 else "")
        (folder / f"m{i:02d}.txt").write_text(body, encoding="utf-8")
    docs = list(Pipeline(stages=[UnpicklableOnMarker()], jobs=2).run([str(folder)]))
    assert [Path(d.source.uri).name for d in docs] == [f"m{i:02d}.txt" for i in range(20)]
    failed = [d for d in docs if d.errors]
    assert [Path(d.source.uri).name for d in failed] == ["m09.txt"]
    assert failed[0].errors[0].type == "WorkerTransferError"
    assert "pickle" in failed[0].errors[0].message
