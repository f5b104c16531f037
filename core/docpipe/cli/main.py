"""The ``docpipe`` command: argparse front end, plugin loading, error reporting and exit codes.

Global options (``-p``, ``--strict-plugins``, ``--debug``) are read first, because
the plugins they load may add subcommands. Expected failures (bad input, a missing
file, a bad option) print one clear line and no traceback; ``--debug`` shows it.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from docpipe import __version__
from docpipe.engine import Engine
from docpipe.errors import DocpipeError, ExitCode, UsageError


class _ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error raises UsageError (exit 2 through our own error path)."""

    def error(self, message: str):  # noqa: ANN201
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("-p", dest="plugins", action="append", metavar="PLUGIN",
                        default=default if suppress else [],
                        help="load plugin module PLUGIN; '-p no:NAME' blocks plugin NAME (repeatable)")
    parser.add_argument("--strict-plugins", action="store_true",
                        default=default if suppress else False,
                        help="a plugin that fails to load is a fatal error (exit 4)")
    parser.add_argument("--debug", action="store_true", default=default if suppress else False,
                        help="show Python tracebacks for errors")


def _pre_parse(argv: Sequence[str]) -> argparse.Namespace:
    pre = argparse.ArgumentParser(add_help=False)
    _global_options(pre, suppress=False)
    known, _ = pre.parse_known_args(list(argv))
    return known


def build_parser(engine: Engine) -> argparse.ArgumentParser:
    from docpipe.cli import commands

    parser = _ArgumentParser(
        prog="docpipe",
        description="Read documents, find who said what, remove duplicates, write the results.",
    )
    parser.add_argument("--version", action="version", version=f"docpipe {__version__}")
    _global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_ArgumentParser)
    for spec in commands.core_commands() + list(engine.registry.commands):
        cmd = sub.add_parser(spec.name, help=spec.help, description=spec.help)
        _global_options(cmd, suppress=True)
        if spec.configure is not None:
            spec.configure(cmd)
        cmd.set_defaults(handler=spec.handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code (see :class:`~docpipe.errors.ExitCode`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    early = _pre_parse(argv)
    debug = early.debug or bool(os.environ.get("DOCPIPE_DEBUG"))
    try:
        engine = Engine(plugins=early.plugins or (), strict=early.strict_plugins)
        for report in engine.plugin_reports:
            if report.status == "failed":
                print(f"docpipe: warning: plugin {report.name!r} failed to load and was skipped: {report.error}",
                      file=sys.stderr)
        parser = build_parser(engine)
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:
            parser.print_help(sys.stderr)
            return ExitCode.USAGE_ERROR
        return int(args.handler(args, engine))
    except KeyboardInterrupt:
        print("docpipe: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except DocpipeError as exc:
        if debug:
            traceback.print_exc()
        print(f"docpipe: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader of our stdout went away (``docpipe run ... | head``): not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - a bug: say so, with the traceback on request
        if debug:
            traceback.print_exc()
        print(f"docpipe: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
              file=sys.stderr)
        return ExitCode.INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
