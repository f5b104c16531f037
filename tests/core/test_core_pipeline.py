"""The embedding API: Pipeline in code, with stage objects, lazily, in order, failures as records."""

from __future__ import annotations

import pytest
from docpipe.pipeline import FailFastStop
from docpipe import Document, Pipeline, StageSpec, UsageError, hookimpl, make_document
from docpipe.model import SpanError
from docpipe.testing import build_document, make_engine


class Trail:
    """Appends its name to metadata["trail"], so tests can see which stages ran, in which order."""

    def __init__(self, name: str, fail_on: str | None = None) -> None:
        self.name = name
        self.fail_on = fail_on

    def process(self, doc: Document) -> Document:
        if self.fail_on is not None and self.fail_on in doc.text:
            raise RuntimeError(f"{self.name} refuses {self.fail_on!r}")
        return doc.evolve(metadata={**doc.metadata, "trail": [*doc.metadata.get("trail", []), self.name]})


class CountingFinalize(Trail):
    """A stage with a corpus pass: numbers the documents in the order finalize sees them."""

    def __init__(self, name: str = "numbering") -> None:
        super().__init__(name)
        self.seen_before_finalize: list[list[str]] = []

    def finalize(self, docs):
        for n, doc in enumerate(docs):
            self.seen_before_finalize.append(list(doc.metadata.get("trail", [])))
            yield doc.evolve(metadata={**doc.metadata, "position": n})


class Rewriter:
    name = "rewriter"

    def process(self, doc: Document) -> Document:
        return Document(id=doc.id, source=doc.source, text=doc.text.upper())


def docs(n: int) -> list[Document]:
    return [make_document(f"document number {i}", id=f"d{i}") for i in range(n)]


def test_stage_objects_run_in_the_given_order():
    pipeline = Pipeline([Trail("a"), Trail("b"), Trail("c")], engine=make_engine())
    [doc] = pipeline.run(docs(1))
    assert doc.metadata["trail"] == ["a", "b", "c"]
    assert pipeline.stage_names == ("a", "b", "c")


def test_registered_names_and_objects_mix():
    class Plugin:
        @hookimpl
        def docpipe_register_stages(self, register):
            register(StageSpec("registered", lambda label="x": Trail(f"registered-{label}")))

    pipeline = Pipeline([Trail("first"), "registered"], engine=make_engine(Plugin()),
                        stage_options={"registered": {"label": "y"}})
    [doc] = pipeline.run(docs(1))
    assert doc.metadata["trail"] == ["first", "registered-y"]


def test_run_is_lazy_and_keeps_input_order():
    consumed = []

    def inputs():
        for doc in docs(50):
            consumed.append(doc.id)
            yield doc

    results = Pipeline([Trail("a")], engine=make_engine()).run(inputs())
    first = next(results)
    assert first.id == "d0"
    assert len(consumed) < 50, "the whole input was consumed before the first document came out"
    rest = list(results)
    assert [d.id for d in [first, *rest]] == [f"d{i}" for i in range(50)]


def test_finalize_runs_after_every_process_pass_in_input_order():
    numbering = CountingFinalize()
    pipeline = Pipeline([numbering, Trail("after")], engine=make_engine())
    out = list(pipeline.run(docs(3)))
    assert [d.metadata["position"] for d in out] == [0, 1, 2]
    # When finalize sees a document, every per-document pass (including the later stage) has run.
    assert numbering.seen_before_finalize == [["numbering", "after"]] * 3


def test_a_failing_stage_records_the_error_and_skips_later_stages_for_that_document_only():
    pipeline = Pipeline([Trail("a"), Trail("picky", fail_on="number 1"), Trail("c")], engine=make_engine())
    out = list(pipeline.run(docs(3)))
    assert [d.failed for d in out] == [False, True, False]
    error = out[1].errors[0]
    assert (error.stage, error.type) == ("picky", "RuntimeError") and "refuses" in error.message
    assert out[1].metadata["trail"] == ["a"]
    assert out[2].metadata["trail"] == ["a", "picky", "c"]
    assert (pipeline.summary.documents, pipeline.summary.failed, pipeline.summary.status) == (3, 1, "failed")


def test_fail_fast_stops_after_the_first_failed_document():
    pipeline = Pipeline([Trail("picky", fail_on="number 1")], engine=make_engine(), fail_fast=True)
    seen = []
    with pytest.raises(FailFastStop, match="refuses") as info:
        for doc in pipeline.run(docs(3)):
            seen.append(doc)
    # the failed document is handed out (so it can be exported) before the run stops
    assert [bool(d.errors) for d in seen] == [False, True]
    assert info.value.document is seen[-1]


def test_a_stage_that_rewrites_the_text_is_an_error():
    [doc] = Pipeline([Rewriter()], engine=make_engine()).run(docs(1))
    assert doc.errors[0].stage == "rewriter" and doc.errors[0].type == "SpanError"
    assert doc.text == "document number 0"
    with pytest.raises(SpanError):
        doc.evolve(text="something else")


def test_process_text_splits_lines_into_paragraphs_of_the_unchanged_text():
    text = "  Title line \n\nSecond paragraph.\nThird."
    doc = Pipeline([], engine=make_engine()).process_text(text, id="t1")
    assert doc.id == "t1" and doc.text == text
    assert [doc.span_text(p) for p in doc.paragraphs] == ["Title line", "Second paragraph.", "Third."]
    again = Pipeline([], engine=make_engine()).process_text(text)
    assert again.id == Pipeline([], engine=make_engine()).process_text(text).id  # deterministic


def test_process_text_runs_finalize_passes_too():
    doc = Pipeline([CountingFinalize()], engine=make_engine()).process_text("one")
    assert doc.metadata["position"] == 0


def test_paths_and_documents_mix_and_bad_paths_become_records(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nBody text.\n", encoding="utf-8")
    given = [str(tmp_path / "a.txt"), build_document("in memory", id="mem"), str(tmp_path / "missing.txt")]
    out = list(Pipeline([Trail("a")], engine=make_engine()).run(given))
    assert [d.source.uri for d in out] == [str(tmp_path / "a.txt"), "<test>", str(tmp_path / "missing.txt")]
    assert out[0].title == "Title" and out[0].metadata["trail"] == ["a"]
    assert out[2].errors[0].stage == "ingest" and out[2].errors[0].type == "FileNotFoundError"


def test_unknown_stage_and_bad_option_fail_before_any_work():
    with pytest.raises(UsageError, match="unknown stage 'nope'"):
        Pipeline(["nope"], engine=make_engine()).stages  # noqa: B018
    with pytest.raises(UsageError, match="not a stage"):
        Pipeline([object()], engine=make_engine()).stages  # noqa: B018
    with pytest.raises(UsageError, match="jobs"):
        Pipeline([], engine=make_engine(), jobs=0)


def test_stage_objects_cross_into_spawned_worker_processes(tmp_path):
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\nBody number {i}.\n", encoding="utf-8")
    pipeline = Pipeline([Trail("a"), Trail("picky", fail_on="number 3")], engine=make_engine(), jobs=2)
    out = list(pipeline.run([str(tmp_path)]))
    assert [d.title for d in out] == [f"Title {i}" for i in range(6)]
    assert [d.failed for d in out] == [False, False, False, True, False, False]
    assert all(d.metadata["trail"] == ["a", "picky"] for d in out if not d.failed)


class _BrokenCorpusPass:
    """A stage whose corpus pass gives back two documents, then fails."""

    name = "broken-corpus"

    def process(self, doc):
        return doc

    def finalize(self, docs):
        for i, doc in enumerate(docs):
            if i == 2:
                raise RuntimeError("index unavailable")
            yield doc


def test_a_failing_corpus_pass_loses_no_document():
    out = list(Pipeline([_BrokenCorpusPass()], engine=make_engine()).run(docs(5)))
    assert len(out) == 5
    assert [bool(d.errors) for d in out] == [False, False, True, True, True]
    err = out[2].errors[0]
    assert err.stage == "broken-corpus" and err.type == "RuntimeError"
    assert "corpus pass failed" in err.message and "index unavailable" in err.message
