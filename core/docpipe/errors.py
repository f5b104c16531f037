"""Exception types and the CLI's exit codes."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Exit codes of the ``docpipe`` command (documented in ``docs/cli.md``)."""

    #: Every document was processed.
    OK = 0
    #: The run finished, but some documents failed (they are in the output as error records).
    DOCUMENTS_FAILED = 1
    #: The command line or the configuration is wrong.
    USAGE_ERROR = 2
    #: docpipe itself failed (a bug): please report it.
    INTERNAL_ERROR = 3
    #: A plugin failed to load and ``--strict-plugins`` was given.
    PLUGIN_LOAD_ERROR = 4
    #: Interrupted by Ctrl-C (SIGINT); completed outputs are intact.
    INTERRUPTED = 130


class DocpipeError(Exception):
    """Base class of the errors docpipe reports without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE_ERROR


class UsageError(DocpipeError):
    """A bad command line or API call: unknown stage, format or executor, bad option value."""


class ConfigError(UsageError):
    """A pipeline configuration file is wrong. The message names the file and the key."""


class RegistrationError(DocpipeError):
    """Two plugins registered the same component name, or a registration is malformed."""


class PluginLoadError(DocpipeError):
    """A plugin could not be loaded while ``--strict-plugins`` (``strict=True``) was in force."""

    exit_code = ExitCode.PLUGIN_LOAD_ERROR


class InputError(DocpipeError):
    """An input could not be read: missing, unreadable, undecodable or too large."""


class StageTimeout(DocpipeError):
    """A stage took longer than the per-document timeout."""
