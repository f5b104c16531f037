"""Hook specifications: the whole plugin contract of docpipe.

A plugin is a module (or object) with functions named like the ones below, each
decorated with ``@docpipe.hookimpl``. Hooks run in the driver process only:
per-document work is done by the plain stage objects that the registration hooks
return, which is what lets it run in worker processes.

Two kinds of hooks:

* **registration hooks** (``docpipe_register_*``) receive a ``register`` callback,
  as in llm. Call it once per component. Registering a name another plugin has
  already registered is an error naming both plugins.
* **lifecycle hooks** tell plugins what happens during a run. They are called a
  handful of times per run (never per document per stage, which would cost
  microseconds each on the hot path), except ``docpipe_document_failed``, which is
  called once per failed document.

Implementations may accept any subset of a hook's arguments, by name. Do not give
hook arguments default values: pluggy would silently not pass them, so docpipe
refuses such plugins at load time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # pragma: no cover - types only
    from docpipe.components import CommandSpec, ExecutorSpec, ExporterSpec, ReaderSpec, StageSpec
    from docpipe.model import Document, ErrorRecord
    from docpipe.stats import RunInfo, RunSummary, StageStats

hookspec = pluggy.HookspecMarker("docpipe")


@hookspec
def docpipe_register_readers(register: Callable[[ReaderSpec], None]) -> None:
    """Register readers: ``register(ReaderSpec(name, factory, suffixes, description, multi_document))``.

    Called once, the first time the engine needs its registry. ``factory(**options)``
    receives the ``[readers.NAME]`` table of the pipeline configuration and returns an
    object with ``read(item: InputItem) -> Iterator[Document]``.

    Example::

        @docpipe.hookimpl
        def docpipe_register_readers(register):
            register(ReaderSpec("markdown", MarkdownReader, suffixes=(".md",), description="Markdown files"))
    """


@hookspec
def docpipe_register_stages(register: Callable[[StageSpec], None]) -> None:
    """Register processing stages: ``register(StageSpec(name, factory, description))``.

    Called once per engine. ``factory(**options)`` receives the ``[stages.NAME]`` table and
    returns a picklable object with ``name`` and ``process(doc) -> Document`` (and optionally
    ``finalize(docs)`` for a corpus-level pass in the driver). Which stages run, and in what
    order, is configuration (``pipeline.stages``, ``--stages``), never hook order.

    Example::

        @docpipe.hookimpl
        def docpipe_register_stages(register):
            register(StageSpec("keywords", KeywordTagger, description="tag keywords"))
    """


@hookspec
def docpipe_register_exporters(register: Callable[[ExporterSpec], None]) -> None:
    """Register output formats: ``register(ExporterSpec(name, factory, suffixes, description))``.

    Called once per engine. ``factory(target, **options)`` gets the output path (``-`` for stdout) and the
    ``[exporters.NAME]`` options, and returns an object with ``write(doc)``, ``close()`` and
    ``abort()``. Exporters run in the driver; write atomically (see ``docpipe.atomic``).

    Example::

        @docpipe.hookimpl
        def docpipe_register_exporters(register):
            register(ExporterSpec("tsv", TsvExporter, suffixes=(".tsv",)))
    """


@hookspec
def docpipe_register_executors(register: Callable[[ExecutorSpec], None]) -> None:
    """Register executors (where per-document work runs): ``register(ExecutorSpec(name, factory))``.

    Called once per engine. ``factory(jobs=N, **options)`` receives ``-j`` and the
    ``[executors.NAME]`` table, and returns an object with ``map(fn, items)`` yielding
    ``fn(item)`` for each item *in input order*, and ``close()``. ``fn`` is a picklable
    ``DocumentWorker``; ``map`` may send it to other processes or machines. The hook returns nothing.

    Example::

        @docpipe.hookimpl
        def docpipe_register_executors(register):
            register(ExecutorSpec("threads", ThreadExecutor, description="a thread pool"))
    """


@hookspec
def docpipe_register_commands(register: Callable[[CommandSpec], None]) -> None:
    """Add ``docpipe`` subcommands: ``register(CommandSpec(name, handler, help, configure))``.

    Called once per engine; the ``docpipe`` command builds its parser from the result, so
    plugins loaded with ``-p`` may add commands too. ``configure(parser)`` adds argparse
    arguments; ``handler(args, engine)`` runs the command and returns an exit code
    (see ``docpipe.ExitCode``). The hook itself returns nothing.

    Example::

        @docpipe.hookimpl
        def docpipe_register_commands(register):
            register(CommandSpec("hello", lambda args, engine: print("hi") or 0, help="say hi"))
    """


@hookspec(firstresult=True)
def docpipe_detect_format(uri: str, head: bytes) -> str | None:
    """Name the reader for an input whose suffix did not decide it, from its first bytes.

    Called in the driver, once per input file whose suffix no reader claims. ``head`` is
    at most the first 4 KiB. Return a registered reader name, or ``None`` to let the next
    plugin decide. The first non-``None`` answer wins.

    Example::

        @docpipe.hookimpl
        def docpipe_detect_format(uri, head):
            return "html" if head.lstrip()[:15].lower().startswith(b"<!doctype html") else None
    """


@hookspec
def docpipe_stage_options(stage: str) -> Mapping[str, Any] | None:
    """Contribute default options for the stage named ``stage`` before it is built.

    The answers of all plugins are merged (lists are concatenated, other values replaced
    in plugin order) and then the pipeline configuration is applied on top. The quote
    stage uses this for extra reporting verbs: return ``{"extra_verbs": ["quip"]}``.

    Example::

        @docpipe.hookimpl
        def docpipe_stage_options(stage):
            if stage == "quotes":
                return {"extra_verbs": ["quip", "opine"]}
    """


@hookspec
def docpipe_run_start(run: RunInfo) -> None:
    """A run begins: called in the driver once per run (each ``docpipe run``, each iteration of
    ``Pipeline.run``), before the first input is read.

    ``run`` is a ``docpipe.stats.RunInfo``: ``stages`` (names, in order), ``executor``, ``jobs``,
    ``inputs`` (as given), and for the CLI ``output`` and ``exporter``. The return value is ignored.

    Example::

        @docpipe.hookimpl
        def docpipe_run_start(run):
            print("starting", run.stages)
    """


@hookspec
def docpipe_stage_complete(stage: str, stats: StageStats) -> None:
    """A stage has processed every document of the run. ``stats`` has counts and seconds.

    Called in the driver once per stage per run, after the last document (not per document),
    including for ``ingest`` (reading). ``stats`` is a ``docpipe.stats.StageStats``: ``name``,
    ``documents``, ``failed`` and ``seconds`` (summed over worker processes). The return value
    is ignored.

    Example::

        @docpipe.hookimpl
        def docpipe_stage_complete(stage, stats):
            print(stage, stats.documents, "documents in", stats.seconds, "s")
    """


@hookspec
def docpipe_document_failed(document: Document, error: ErrorRecord) -> None:
    """A document failed in some stage; it still goes to the output, with ``error`` in ``errors``.

    Called in the driver once per failed document (for its first error), just before the
    document is handed to the exporter. ``document`` is the :class:`~docpipe.model.Document`
    with its annotations so far; ``error`` is its first :class:`~docpipe.model.ErrorRecord`
    (``stage``, ``type``, ``message``, ``path``). The return value is ignored.

    Example::

        @docpipe.hookimpl
        def docpipe_document_failed(document, error):
            log.warning("%s failed in %s: %s", document.source.uri, error.stage, error.message)
    """


@hookspec
def docpipe_run_finish(run: RunInfo, summary: RunSummary) -> None:
    """A run ended (normally, by failure or by interruption: see ``summary.status``).

    Called in the driver once per run, after the last document (or when the run stops early),
    after every ``docpipe_stage_complete``. ``summary`` is a ``docpipe.stats.RunSummary``:
    ``documents``, ``failed``, ``quotes``, ``duplicates``, ``seconds``, ``status`` (``ok``,
    ``failed``, ``interrupted`` or ``error``) and per-stage ``stages``. The return value is ignored.

    Example::

        @docpipe.hookimpl
        def docpipe_run_finish(run, summary):
            print(summary.documents, "documents,", summary.failed, "failed")
    """
