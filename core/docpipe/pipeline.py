"""The embedding API: build a pipeline, run it over paths or documents, get documents back.

::

    from docpipe import Pipeline

    pipeline = Pipeline()                       # the default stages: quotes, dedup
    doc = pipeline.process_text("“We agree,” she said.", id="note-1")
    for doc in pipeline.run(["articles/"]):      # lazily, in input order
        print(doc.id, len(doc.quotes))

A run reads every input (errors become error records, never exceptions), sends each
document through the per-document passes of the stages on the chosen executor, then
through the corpus passes (``finalize``) in the driver, in input order.
"""

from __future__ import annotations

import collections
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from os import PathLike
from typing import Any

import attrs

from docpipe.components import InputItem, Stage
from docpipe.config import PipelineConfig, load_config
from docpipe.engine import Engine, construct
from docpipe.errors import DocpipeError, ExitCode, InputError, UsageError
from docpipe.ingest import detect_format, expand_inputs, file_size, read_item
from docpipe.model import Document, ErrorRecord, error_document, line_paragraphs, make_document
from docpipe.stats import RunInfo, RunSummary, StageStats
from docpipe.worker import DocumentWorker, WorkResult


class FailFastStop(DocpipeError):
    """Raised by :meth:`Pipeline.run` with ``fail_fast`` after the first failed document was yielded."""

    exit_code = ExitCode.DOCUMENTS_FAILED

    def __init__(self, document: Document) -> None:
        err = document.errors[0]
        super().__init__(f"stopped at the first failure (--fail-fast): {err.path or document.source.uri}: "
                         f"{err.stage}: {err.message}")
        self.document = document


class Pipeline:
    """A configured sequence of stages on an engine.

    :param stages: stage names or stage objects, in order. ``None`` means the configuration's
        stages (by default ``quotes``, ``dedup``). Ingest and export always run.
    :param engine: the :class:`~docpipe.engine.Engine` to use (default: a new one with the
        built-in plugins and autoloaded ones).
    :param config: a :class:`~docpipe.config.PipelineConfig`, or a path to a TOML file.
    :param executor: executor name (``local``, ``dask`` ...); default from the config.
    :param jobs: worker processes for the local executor; default from the config.
    :param fail_fast: stop at the first failing document instead of recording the error.
    """

    def __init__(
        self,
        stages: Sequence[str | Stage] | None = None,
        *,
        engine: Engine | None = None,
        config: PipelineConfig | str | PathLike | None = None,
        executor: str | None = None,
        jobs: int | None = None,
        fail_fast: bool | None = None,
        stage_options: Mapping[str, Mapping[str, Any]] | None = None,
        reader_options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        if config is None:
            config = PipelineConfig()
        elif not isinstance(config, PipelineConfig):
            config = load_config(config)
        self.config = config
        self.engine = engine or Engine(plugins=config.load_plugins, blocked=config.block_plugins)
        self.stage_names_or_objects: tuple[str | Stage, ...] = tuple(
            stages if stages is not None else config.stages
        )
        self.executor_name = executor or config.executor
        self.jobs = jobs if jobs is not None else config.jobs
        if self.jobs < 1:
            raise UsageError(f"jobs must be at least 1, got {self.jobs}")
        self.fail_fast = config.fail_fast if fail_fast is None else fail_fast
        self._stage_options = {**config.stage_options, **{k: dict(v) for k, v in (stage_options or {}).items()}}
        self._reader_options = {**config.readers, **{k: dict(v) for k, v in (reader_options or {}).items()}}
        self._stages: tuple[Stage, ...] | None = None
        self._worker: DocumentWorker | None = None
        #: Statistics of the last (or current) run.
        self.summary = RunSummary()

    @classmethod
    def from_config(cls, path: str | PathLike, **overrides: Any) -> Pipeline:
        """A pipeline from a TOML file (or a ``pyproject.toml`` with ``[tool.docpipe]``)."""
        return cls(config=load_config(path), **overrides)

    # ------------------------------------------------------------------------------ building
    @property
    def stages(self) -> tuple[Stage, ...]:
        """The stage objects, built on first use (unknown names raise :class:`UsageError`)."""
        if self._stages is None:
            self._stages = tuple(
                self.engine.build_stage(s, self._stage_options.get(s) if isinstance(s, str) else None)
                for s in self.stage_names_or_objects
            )
        return self._stages

    @property
    def stage_names(self) -> tuple[str, ...]:
        return tuple(getattr(s, "name", type(s).__name__) for s in self.stages)

    def _build_worker(self) -> DocumentWorker:
        if self._worker is None:
            readers = {
                spec.name: self.engine.build_reader(spec.name, self._reader_options.get(spec.name))
                for spec in self.engine.registry.readers
            }
            # Per-document limits travel with the worker (into worker processes); error records
            # name the plugin that registered each stage.
            owners = self.engine.registry.stages.owner
            plugins = {getattr(stage, "name", type(stage).__name__): owners[given]
                       for given, stage in zip(self.stage_names_or_objects, self.stages)
                       if isinstance(given, str) and given in owners}
            # fail_fast is handled in the driver (run), so every failure is first recorded and exported.
            self._worker = DocumentWorker(readers=readers, stages=self.stages, fail_fast=False,
                                          timeout=self.config.timeout, max_quotes=self.config.max_quotes,
                                          plugins=plugins)
        return self._worker

    def _build_executor(self):  # noqa: ANN202
        spec = self.engine.registry.executors[self.executor_name]
        options = dict(self.config.executors.get(self.executor_name, {}))
        return construct(spec.factory, {"jobs": self.jobs, **options}, f"executor {self.executor_name!r}")

    # ------------------------------------------------------------------------------ running
    def process_text(self, text: str, *, id: str | None = None, title: str | None = None,
                     uri: str = "<memory>") -> Document:
        """Run the stages on one string (in this process) and return the document.

        The string is read by the ``text`` reader when one is registered, exactly as
        ``docpipe run`` reads a ``.txt`` file (first line title, paragraphs, boilerplate roles), so
        embedders and the command line agree. ``id`` and ``title`` override what the reader chose.
        """
        readers = self._build_worker().readers
        doc = None
        if "text" in readers:
            item = InputItem(uri=uri, data=text.encode("utf-8", "surrogatepass"), format="text")
            doc = next(iter(read_item(item, readers["text"], "text")))
            if doc.text != text:
                doc = None  # the reader normalised newlines: keep the caller's string, split by lines
            elif id is not None or title is not None:
                doc = attrs.evolve(doc, id=id if id is not None else doc.id, title=title if title is not None else doc.title)
        if doc is None:
            doc = make_document(text, id=id, uri=uri, title=title, paragraphs=line_paragraphs(text))
        return self.process_document(doc)

    def process_document(self, doc: Document) -> Document:
        """Run every stage (per-document and corpus passes) on one document, in this process."""
        result = self._build_worker().process(doc)
        for stage in self.stages:
            finalize = getattr(stage, "finalize", None)
            if finalize is not None:
                result = next(iter(finalize(iter([result]))))
        return result

    def run(self, inputs: Iterable[str | PathLike | Document] | str | PathLike,
            *, info: RunInfo | None = None) -> Iterator[Document]:
        """Process ``inputs`` (paths, folders, globs, ``-``, or ``Document`` objects) lazily, in order.

        Every input yields at least one document: a failed one carries ``errors``.
        ``self.summary`` holds the run's statistics when the iterator is exhausted.
        """
        if isinstance(inputs, (str, PathLike)):
            inputs = [inputs]
        inputs = list(inputs) if not isinstance(inputs, Iterator) else inputs
        stages = self.stages  # build (and validate) before the run starts
        worker = self._build_worker()
        executor = self._build_executor()
        run = info or RunInfo(
            stages=self.stage_names, executor=self.executor_name, jobs=self.jobs,
            inputs=tuple(str(i) for i in inputs if not isinstance(i, Document))
            if isinstance(inputs, list) else (),
        )
        summary = self.summary = RunSummary()
        hooks = self.engine.hooks
        started = time.perf_counter()
        hooks.run_start(run)
        totals: dict[str, StageStats] = {}
        try:
            results = executor.map(worker, self._work_units(inputs))
            docs = self._collect(results, totals)
            for stage in stages:
                finalize = getattr(stage, "finalize", None)
                if finalize is not None:
                    name = getattr(stage, "name", type(stage).__name__)
                    plugin = getattr(worker, "plugins", {}).get(name) or type(stage).__module__
                    docs = _guarded_corpus_pass(
                        name, plugin, docs,
                        lambda src, stage=stage, finalize=finalize: _timed_finalize(
                            stage, finalize, src, totals, executor=executor),
                    )
            for doc in docs:
                summary.count(doc)
                if doc.errors:
                    hooks.document_failed(doc, doc.errors[0])
                yield doc
                if doc.errors and self.fail_fast:
                    # The failed document has been handed out (and exported); stop here.
                    summary.status = "failed"
                    raise FailFastStop(doc)
            summary.status = "failed" if summary.failed else "ok"
        except (KeyboardInterrupt, GeneratorExit):
            summary.status = "interrupted"
            raise
        except BaseException:
            summary.status = "error"
            raise
        finally:
            executor.close()
            summary.seconds = time.perf_counter() - started
            summary.stages = totals
            for name, stats in totals.items():
                hooks.stage_complete(name, stats)
            hooks.run_finish(run, summary)

    def _work_units(self, inputs: Iterable[str | PathLike | Document]) -> Iterator[InputItem | Document]:
        # Imported here so that this method is the only place the pipeline knows about archives.
        from docpipe.containers import ContainerLimits, expand_containers

        registry = self.engine.registry
        suffixes = registry.suffix_map()
        forced = self.config.format
        limits = ContainerLimits(max_member_bytes=self.config.max_document_bytes)
        for given in inputs:
            if isinstance(given, Document):
                yield given
                continue
            found = expand_inputs([str(given)], include=self.config.include, exclude=self.config.exclude)
            # .gz/.zip inputs become their members (data in memory, within the size limit), whose
            # formats are detected from the inner names below like any other file's.
            for unit in expand_containers(found, limits, suffixes, include=self.config.include,
                                          exclude=self.config.exclude):
                if isinstance(unit, Document):
                    yield unit
                    continue
                fmt = forced or detect_format(unit, suffixes, self.engine.hooks.detect_format)
                if fmt not in registry.readers:
                    yield error_document(unit.uri, "ingest", InputError(f"{unit.uri}: no reader named {fmt!r}"))
                    continue
                size = file_size(unit)
                if size > self.config.max_document_bytes and not registry.readers[fmt].multi_document:
                    yield error_document(unit.uri, "ingest", InputError(
                        f"{unit.uri}: {size} bytes is over the limit of {self.config.max_document_bytes} "
                        f"(pipeline.max_document_bytes)"), format=fmt)
                    continue
                unit = InputItem(uri=unit.uri, path=unit.path, data=unit.data, format=fmt)
                if registry.readers[fmt].multi_document:
                    # Many documents in one input: read here, lazily, and send documents one by one.
                    yield from read_item(unit, self._build_worker().readers[fmt], fmt)
                else:
                    yield unit

    @staticmethod
    def _collect(results: Iterable[WorkResult], totals: dict[str, StageStats]) -> Iterator[Document]:
        for result in results:
            for name, stats in result.stats.items():
                totals.setdefault(name, StageStats(name)).add(stats)
            yield from result.documents


def _timed_finalize(stage: Stage, finalize, docs: Iterator[Document],  # noqa: ANN001
                    totals: dict[str, StageStats], executor: Any = None) -> Iterator[Document]:
    """Run one corpus pass lazily, adding only its own time to the stage's ``seconds``.

    The pass pulls documents from ``docs`` (the executor and the corpus passes before it);
    the time spent producing those is measured separately and subtracted, so upstream
    work is not charged to this stage. Time the consumer (the exporter) spends between
    documents is never inside ``next(out)``, so it is not counted either.

    An executor may offer ``run_corpus(stage, docs)``, a distributed version of the pass
    (the Dask executor does, for stages with ``band_keys``/``link``); it returns ``None``
    when it has none for this stage, and the stage's own ``finalize`` runs here.
    """
    name = getattr(stage, "name", type(stage).__name__)
    entry = totals.setdefault(name, StageStats(name))
    upstream_seconds = [0.0]

    def counted(source: Iterator[Document]) -> Iterator[Document]:
        it = iter(source)
        while True:
            started = time.perf_counter()
            try:
                doc = next(it)
            except StopIteration:
                upstream_seconds[0] += time.perf_counter() - started
                return
            upstream_seconds[0] += time.perf_counter() - started
            yield doc

    upstream = counted(docs)
    run_corpus = getattr(executor, "run_corpus", None)
    out = run_corpus(stage, upstream) if run_corpus is not None else None
    out = iter(out if out is not None else finalize(upstream))
    while True:
        before = upstream_seconds[0]
        started = time.perf_counter()
        try:
            doc = next(out)
        except StopIteration:
            entry.seconds += (time.perf_counter() - started) - (upstream_seconds[0] - before)
            return
        entry.seconds += (time.perf_counter() - started) - (upstream_seconds[0] - before)
        yield doc


def _guarded_corpus_pass(name: str, plugin: str, upstream: Iterator[Document],
                         run_pass: Callable[[Iterator[Document]], Iterator[Document]]) -> Iterator[Document]:
    """Run a stage's corpus pass so that its failure loses no document.

    If the pass raises, every document it had taken but not yet given back, and every document
    after them, goes on with an error record naming the stage and its plugin (so the run still
    accounts for each input, and the other stages' results are kept).
    """
    upstream = iter(upstream)
    # Taken but not yet given back; passes give documents back in order, so the match is
    # nearly always the oldest one (popleft), and the deque stays short for streaming passes.
    pending: collections.deque[Document] = collections.deque()

    def feed() -> Iterator[Document]:
        for doc in upstream:
            pending.append(doc)
            yield doc

    try:
        for doc in run_pass(feed()):
            if pending and pending[0].id == doc.id:
                pending.popleft()
            else:
                for i, held in enumerate(pending):
                    if held.id == doc.id:
                        del pending[i]
                        break
            yield doc
    except Exception as exc:  # noqa: BLE001 - isolate a faulty corpus pass like a faulty per-document one
        message = f"[plugin {plugin}] the corpus pass failed: {type(exc).__name__}: {exc}"
        for doc in itertools.chain(list(pending), upstream):
            yield doc.with_error(ErrorRecord(stage=name, type=type(exc).__name__, message=message,
                                             path=doc.source.uri))
