"""``docpipe run``: read inputs, run the pipeline, export, report."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from docpipe.cli.progress import Progress
from docpipe.config import PipelineConfig, load_config
from docpipe.engine import Engine, construct
from docpipe.errors import ExitCode, UsageError
from docpipe.pipeline import FailFastStop, Pipeline
from docpipe.stats import RunInfo


def configure_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="input file, directory (recursive), glob pattern, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", default=None,
                        help="output file (or folder, for formats that write several files); - or none: stdout")
    parser.add_argument("--to", metavar="FORMAT", default=None,
                        help="output format (jsonl, json, summary, csv, xml, tei, sqlite, html, ...); "
                             "default: from the output suffix, else jsonl")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="pipeline file (TOML, or a pyproject.toml with [tool.docpipe])")
    parser.add_argument("--stages", metavar="A,B", default=None,
                        help="run only these processing stages, in this order (ingest and export always run); "
                             "'' runs none")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--executor", default=None, metavar="NAME", help="where to run: local (default), dask, ...")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="dask executor: a scheduler address (tcp://host:8786) or 'synchronous'; "
                             "default: start a LocalCluster with -j workers (implies --executor dask)")
    parser.add_argument("--resume", action="store_true",
                        help="the JSONL output of an interrupted run exists: keep its records, process only "
                             "the inputs it lacks, and write the complete output (same as an uninterrupted run)")
    parser.add_argument("--format", dest="input_format", default=None, metavar="READER",
                        help="read every input with this reader instead of detecting the format")
    parser.add_argument("--include", action="append", default=None, metavar="GLOB",
                        help="in directories, read only files matching GLOB (repeatable)")
    parser.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                        help="in directories, skip files matching GLOB (repeatable)")
    parser.add_argument("--fail-fast", action="store_true", default=None,
                        help="stop at the first document that fails")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="per-document time limit for each stage (pipeline.timeout); a stage past it "
                             "gets a StageTimeout error record and the run goes on (POSIX only)")
    parser.add_argument("--max-document-bytes", type=int, default=None, metavar="N",
                        help="refuse single-document inputs larger than N bytes (pipeline.max_document_bytes)")
    parser.add_argument("--max-quotes", type=int, default=None, metavar="N",
                        help="a document with more than N quotes gets an error record (pipeline.max_quotes)")
    parser.add_argument("--drop-duplicates", action="store_true", default=None,
                        help="clean view: leave out duplicate documents, paragraphs and quotes, and write what was "
                             "left out to OUT.dropped.jsonl (needs -o)")
    parser.add_argument("--index", metavar="PATH", default=None,
                        help="persistent dedup index (SQLite): documents are also deduplicated against every "
                             "earlier run that used the same index")
    parser.add_argument("--stats", action="store_true", help="print per-stage timings to stderr at the end")
    parser.add_argument("--stats-json", metavar="FILE", default=None,
                        help="write the run statistics (documents, per-stage seconds) to FILE as JSON")
    parser.add_argument("--no-progress", action="store_true", help="never show the progress line")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line and no per-failure messages")


def _load_run_config(args: argparse.Namespace) -> PipelineConfig:
    if args.config:
        return load_config(args.config)
    local = Path("pyproject.toml")
    if local.is_file():
        try:
            cfg = load_config(local)
        except UsageError:
            raise
        if cfg != PipelineConfig(path=str(local)):
            return cfg
    return PipelineConfig()


def _choose_exporter(engine: Engine, args: argparse.Namespace, config: PipelineConfig) -> tuple[str, str]:
    target = args.output or config.output_path or "-"
    name = args.to or config.output_format
    if name is None and target != "-":
        if target.endswith(("/", os.sep)) or os.path.isdir(target):
            raise UsageError(f"{target}: the output is a folder; say which format to write into it "
                             f"(--to csv or --to parquet)")
        name = engine.registry.exporter_for_suffix(target)
    name = name or "jsonl"
    spec = engine.registry.exporters[name]  # raises UsageError naming the known formats
    if target == "-" and spec.binary_target:
        raise UsageError(f"format {name!r} cannot be written to stdout: give an output file with -o")
    return name, target


def _apply_overrides(config: PipelineConfig, args: argparse.Namespace) -> None:
    if args.stages is not None:
        config.stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError(f"-j must be at least 1, got {args.jobs}")
        config.jobs = args.jobs
    if args.executor:
        config.executor = args.executor
    if getattr(args, "scheduler", None):
        if args.executor and args.executor != "dask":
            raise UsageError(f"--scheduler is an option of the dask executor, not of {args.executor!r}")
        config.executor = "dask"
        config.executors = {**config.executors,
                            "dask": {**config.executors.get("dask", {}), "scheduler": args.scheduler}}
    if args.fail_fast:
        config.fail_fast = True
    if args.drop_duplicates:
        config.drop_duplicates = True
    if args.index:
        config.stage_options.setdefault("dedup", {})["index"] = args.index
    if args.timeout is not None:
        if args.timeout <= 0:
            raise UsageError(f"--timeout must be positive, got {args.timeout:g}")
        config.timeout = args.timeout
    if args.max_document_bytes is not None:
        if args.max_document_bytes < 0:
            raise UsageError(f"--max-document-bytes must not be negative, got {args.max_document_bytes}")
        config.max_document_bytes = args.max_document_bytes
    if args.max_quotes is not None:
        if args.max_quotes < 0:
            raise UsageError(f"--max-quotes must not be negative, got {args.max_quotes}")
        config.max_quotes = args.max_quotes
    if args.input_format:
        config.format = args.input_format
    if args.include:
        config.include = tuple(args.include)
    if args.exclude:
        config.exclude = tuple(args.exclude)


def _resume_state(args: argparse.Namespace, exporter_name: str, target: str):  # noqa: ANN202
    """The previous output's records for ``--resume`` (``None`` without the flag)."""
    if not getattr(args, "resume", False):
        return None
    if exporter_name != "jsonl" or target == "-":
        raise UsageError("--resume needs a JSONL output file (-o OUT.jsonl): it reads back what was written")
    from docpipe.resume import ResumeState

    return ResumeState(target)


def _failure_line(doc) -> str:  # noqa: ANN001 - Document
    err = doc.errors[0]
    where = err.path or doc.source.uri
    message = err.message
    if message.startswith(f"{where}: "):
        message = message[len(where) + 2:]
    return f"docpipe: {where}: {err.stage} failed: {message} ({err.type})"


def _engine_for(config: PipelineConfig, args: argparse.Namespace, engine: Engine) -> Engine:
    """The engine with the configuration's ``[plugins] load/block`` applied.

    The CLI builds its engine before the configuration is read (plugins may add subcommands), so a
    pipeline file that loads or blocks plugins gets a fresh engine with those added to ``-p``.
    """
    if not (config.load_plugins or config.block_plugins):
        return engine
    plugins = [*(args.plugins or ()), *config.load_plugins, *(f"no:{name}" for name in config.block_plugins)]
    fresh = Engine(plugins=plugins, strict=bool(getattr(args, "strict_plugins", False)))
    for report in fresh.plugin_reports:
        if report.status == "failed" and report.source == "-p":
            print(f"docpipe: warning: plugin {report.name!r} failed to load and was skipped: {report.error}",
                  file=sys.stderr)
    return fresh


def run_command(args: argparse.Namespace, engine: Engine) -> int:
    config = _load_run_config(args)
    _apply_overrides(config, args)
    engine = _engine_for(config, args, engine)
    exporter_name, target = _choose_exporter(engine, args, config)
    if config.drop_duplicates and target == "-":
        raise UsageError("--drop-duplicates writes what it leaves out beside the output: give an output file with -o")
    resume_state = _resume_state(args, exporter_name, target)
    if resume_state is None:
        pipeline = Pipeline(engine=engine, config=config)
    else:
        from docpipe.resume import ResumingPipeline

        pipeline = ResumingPipeline(engine=engine, config=config, resume=resume_state)
    pipeline.stages  # noqa: B018 - build the stages now, so a bad stage name fails before any output
    exporter_spec = engine.registry.exporters[exporter_name]
    exporter = construct(exporter_spec.factory, {"target": target, **config.exporters.get(exporter_name, {})},
                         f"exporter {exporter_name!r}")
    if config.drop_duplicates:
        from docpipe.views import CleanViewExporter, sidecar_path

        exporter = CleanViewExporter(exporter, sidecar_path(target))
    info = RunInfo(stages=pipeline.stage_names, executor=pipeline.executor_name, jobs=pipeline.jobs,
                   inputs=tuple(args.paths), output=target, exporter=exporter_name)
    progress = Progress(enabled=False if args.no_progress else None)
    committed = False
    try:
        for doc in pipeline.run(args.paths, info=info):
            exporter.write(doc)
            progress.update(bool(doc.errors))
            if doc.errors and not args.quiet:
                progress.finish()
                print(_failure_line(doc), file=sys.stderr)
        exporter.close()
        committed = True
    except FailFastStop as stop:
        # --fail-fast: keep what was written (including the failed record), report, exit 1.
        exporter.close()
        committed = True
        progress.finish()
        print(f"docpipe: {stop}", file=sys.stderr)
        return ExitCode.DOCUMENTS_FAILED
    except KeyboardInterrupt:
        # Every record written so far is complete: keep them, so --resume can pick up from here.
        exporter.close()
        committed = True
        progress.finish()
        print(f"docpipe: interrupted after {pipeline.summary.documents} documents", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        if not committed:
            exporter.abort()
        progress.finish()
        if resume_state is not None:
            resume_state.close()
            if not args.quiet:
                print(f"docpipe: --resume: kept {resume_state.kept} records from {target}"
                      + (f", dropped {resume_state.unmatched} that no input produced" if resume_state.unmatched
                         else ""), file=sys.stderr)
    summary = pipeline.summary
    if not args.quiet:
        print(summary.one_line(), file=sys.stderr)
    if args.stats:
        for name, stats in summary.stages.items():
            rate = stats.documents / stats.seconds if stats.seconds else float("inf")
            print(f"  {name:<10} {stats.documents:>8} docs {stats.failed:>6} failed {stats.seconds:>9.3f}s "
                  f"{rate:>10.0f} docs/s", file=sys.stderr)
    if args.stats_json:
        from docpipe.atomic import atomic_write_text

        atomic_write_text(args.stats_json, json.dumps(summary.as_dict(), indent=2) + "\n")
    return ExitCode.DOCUMENTS_FAILED if summary.failed else ExitCode.OK


__all__ = ["configure_run", "run_command"]
