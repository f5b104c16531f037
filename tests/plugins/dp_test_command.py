"""A test plugin adding a `docpipe hello` subcommand."""

import docpipe
from docpipe import CommandSpec


def _configure(parser):
    parser.add_argument("--name", default="world")


def _hello(args, engine):
    print(f"hello {args.name}")
    return 0


@docpipe.hookimpl
def docpipe_register_commands(register):
    register(CommandSpec("hello", _hello, help="say hello", configure=_configure))
