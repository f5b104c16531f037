"""``docpipe run``: read inputs, run the pipeline, export, report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from docpipe.cli.progress import Progress
from docpipe.config import PipelineConfig, load_config
from docpipe.engine import Engine, construct
from docpipe.errors import ExitCode, UsageError
from docpipe.pipeline import Pipeline
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
    parser.add_argument("--format", dest="input_format", default=None, metavar="READER",
                        help="read every input with this reader instead of detecting the format")
    parser.add_argument("--include", action="append", default=None, metavar="GLOB",
                        help="in directories, read only files matching GLOB (repeatable)")
    parser.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                        help="in directories, skip files matching GLOB (repeatable)")
    parser.add_argument("--fail-fast", action="store_true", default=None,
                        help="stop at the first document that fails")
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
    if args.fail_fast:
        config.fail_fast = True
    if args.input_format:
        config.format = args.input_format
    if args.include:
        config.include = tuple(args.include)
    if args.exclude:
        config.exclude = tuple(args.exclude)


def _failure_line(doc) -> str:  # noqa: ANN001 - Document
    err = doc.errors[0]
    where = err.path or doc.source.uri
    message = err.message
    if message.startswith(f"{where}: "):
        message = message[len(where) + 2:]
    return f"docpipe: {where}: {err.stage} failed: {message} ({err.type})"


def run_command(args: argparse.Namespace, engine: Engine) -> int:
    config = _load_run_config(args)
    _apply_overrides(config, args)
    pipeline = Pipeline(engine=engine, config=config)
    exporter_name, target = _choose_exporter(engine, args, config)
    pipeline.stages  # noqa: B018 - build the stages now, so a bad stage name fails before any output
    exporter_spec = engine.registry.exporters[exporter_name]
    exporter = construct(exporter_spec.factory, {"target": target, **config.exporters.get(exporter_name, {})},
                         f"exporter {exporter_name!r}")
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
