"""The core subcommands: ``run``, ``plugins``, ``stages``, ``new-plugin``."""

from __future__ import annotations

import argparse
import json
import sys

from docpipe.cli.new_plugin import configure_new_plugin, new_plugin_command
from docpipe.cli.run import configure_run, run_command
from docpipe.components import CommandSpec
from docpipe.engine import Engine
from docpipe.errors import ExitCode


def configure_plugins(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def plugins_command(args: argparse.Namespace, engine: Engine) -> int:
    """List every plugin: name, version, source, hooks implemented, status (loaded, failed, blocked)."""
    reports = [r.as_dict() for r in engine.plugin_reports]
    registry = engine.registry
    owned: dict[str, list[str]] = {}
    for table in (registry.readers, registry.stages, registry.exporters, registry.executors, registry.commands):
        for name, plugin in table.owner.items():
            owned.setdefault(plugin, []).append(f"{table.kind}:{name}")
    for report in reports:
        report["registers"] = sorted(owned.get(report["name"], []))
    if args.json:
        json.dump(reports, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    for r in reports:
        version = f" {r['version']}" if r["version"] else ""
        line = f"{r['name']}{version}  [{r['source']}, {r['status']}]"
        if r["error"]:
            line += f"  error: {r['error']}"
        print(line)
        if r["hooks"]:
            print(f"    hooks: {', '.join(r['hooks'])}")
        if r["registers"]:
            print(f"    registers: {', '.join(r['registers'])}")
    return ExitCode.OK


def configure_stages(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the registry as JSON")


def stages_command(args: argparse.Namespace, engine: Engine) -> int:
    """List what is registered: stages, readers, exporters and executors, with descriptions."""
    registry = engine.registry
    groups = {
        "stages": registry.stages,
        "readers": registry.readers,
        "exporters": registry.exporters,
        "executors": registry.executors,
    }
    if args.json:
        out = {
            kind: [
                {"name": spec.name, "description": spec.description, "plugin": table.owner[spec.name],
                 **({"suffixes": list(spec.suffixes)} if hasattr(spec, "suffixes") else {})}
                for spec in table
            ]
            for kind, table in groups.items()
        }
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    for kind, table in groups.items():
        print(f"{kind}:")
        for spec in table:
            suffixes = f" ({', '.join(spec.suffixes)})" if getattr(spec, "suffixes", ()) else ""
            print(f"  {spec.name:<12} {spec.description}{suffixes}  [{table.owner[spec.name]}]")
    return ExitCode.OK


def core_commands() -> list[CommandSpec]:
    return [
        CommandSpec("run", run_command, help="process files and write the results", configure=configure_run),
        CommandSpec("plugins", plugins_command, help="list plugins, their hooks and status",
                    configure=configure_plugins),
        CommandSpec("stages", stages_command, help="list registered stages, readers, exporters, executors",
                    configure=configure_stages),
        CommandSpec("new-plugin", new_plugin_command, help="write a ready-to-install plugin package skeleton",
                    configure=configure_new_plugin),
    ]

