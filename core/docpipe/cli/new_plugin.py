"""``docpipe new-plugin NAME``: write a ready-to-install plugin package skeleton.

The package has a ``pyproject.toml`` with the ``docpipe`` entry point, a module with the
hook implementation (a stage, a reader or an exporter) and tests that use
:mod:`docpipe.testing`; the tests pass as generated, so the author starts from green.
"""

from __future__ import annotations

import argparse
import re
import string
import sys
from pathlib import Path

from docpipe import __version__
from docpipe.errors import ExitCode, UsageError
from docpipe.templates import plugin as templates

KINDS = tuple(templates.KINDS)
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")


def plugin_names(name: str) -> dict[str, str]:
    """The names derived from ``NAME``: ``sentiment`` or ``docpipe-sentiment`` give
    distribution ``docpipe-sentiment``, module ``docpipe_sentiment``, component ``sentiment``."""
    if not _NAME.match(name):
        raise UsageError(
            f"plugin name {name!r} is not valid: use lower-case letters, digits, '-' or '_', "
            "starting with a letter (e.g. 'sentiment')"
        )
    short = re.sub(r"^docpipe[-_]", "", name)
    if not short:
        raise UsageError(f"plugin name {name!r} is empty once the 'docpipe-' prefix is removed")
    component = short.replace("-", "_")
    return {
        "dist": f"docpipe-{short.replace('_', '-')}",
        "module": f"docpipe_{component}",
        "name": component,
        "class_name": "".join(part.capitalize() for part in component.split("_")),
    }


def write_plugin(name: str, kind: str = "stage", directory: str | Path = ".") -> Path:
    """Write the skeleton of plugin ``name`` under ``directory``; return the package folder.

    :raises UsageError: bad name or kind, or the folder already exists (nothing is overwritten).
    """
    if kind not in templates.KINDS:
        raise UsageError(f"unknown plugin kind {kind!r} (known: {', '.join(KINDS)})")
    names = plugin_names(name)
    values = {**names, "kind": kind, "docpipe_version": __version__}
    root = Path(directory) / names["dist"]
    if root.exists():
        raise UsageError(f"{root} already exists; choose another name or --dir")
    module_template, test_template = templates.KINDS[kind]
    files = {
        "pyproject.toml": templates.PYPROJECT,
        "README.md": templates.README,
        f"src/{names['module']}/__init__.py": module_template,
        f"tests/test_{names['name']}.py": test_template,
    }
    # Render everything before writing anything, so a failure never leaves half a package.
    rendered = {relative: string.Template(template).substitute(values) for relative, template in files.items()}
    for relative, content in rendered.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def configure_new_plugin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME",
                        help="plugin name, e.g. 'sentiment' (package docpipe-sentiment, module docpipe_sentiment)")
    parser.add_argument("--kind", choices=KINDS, default="stage",
                        help="what the plugin registers: stage (default), reader or exporter")
    parser.add_argument("--dir", dest="directory", metavar="DIR", default=".",
                        help="create the package folder inside DIR (default: the current folder)")


def new_plugin_command(args: argparse.Namespace, engine: object) -> int:
    """Write the skeleton and tell the user what to do next."""
    root = write_plugin(args.name, args.kind, args.directory)
    names = plugin_names(args.name)
    print(f"created {root}/ ({args.kind} plugin; entry point {names['name']!r} -> {names['module']})")
    print("next:")
    print(f"  pip install -e {root}          # docpipe loads it from now on")
    print(f"  docpipe plugins                  # lists {names['name']!r} with its hooks")
    print(f"  cd {root} && python -m pytest   # its tests pass as generated")
    sys.stdout.flush()
    return ExitCode.OK
