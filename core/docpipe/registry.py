"""The registry: every reader, stage, exporter, executor and command the loaded plugins registered.

Registration hooks are called plugin by plugin, so each registration knows which
plugin made it; a name registered twice is a :class:`RegistrationError` naming both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

import pluggy

from docpipe.components import CommandSpec, ExecutorSpec, ExporterSpec, ReaderSpec, StageSpec
from docpipe.errors import RegistrationError, UsageError

T = TypeVar("T")

KINDS: dict[str, tuple[str, type]] = {
    # kind: (hook name, spec type)
    "reader": ("docpipe_register_readers", ReaderSpec),
    "stage": ("docpipe_register_stages", StageSpec),
    "exporter": ("docpipe_register_exporters", ExporterSpec),
    "executor": ("docpipe_register_executors", ExecutorSpec),
    "command": ("docpipe_register_commands", CommandSpec),
}


class Table(Generic[T]):
    """Name -> spec, remembering which plugin registered each name."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._specs: dict[str, T] = {}
        self.owner: dict[str, str] = {}

    def add(self, spec: T, plugin: str) -> None:
        name = spec.name  # type: ignore[attr-defined]
        if name in self._specs:
            raise RegistrationError(
                f"{self.kind} {name!r} is registered by two plugins: {self.owner[name]!r} and {plugin!r}; "
                f"block one with -p no:PLUGIN"
            )
        self._specs[name] = spec
        self.owner[name] = plugin

    def __getitem__(self, name: str) -> T:
        try:
            return self._specs[name]
        except KeyError:
            known = ", ".join(sorted(self._specs)) or "none"
            raise UsageError(f"unknown {self.kind} {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[T]:
        return iter(self._specs[name] for name in sorted(self._specs))

    def names(self) -> list[str]:
        return sorted(self._specs)


class Registry:
    """All registered components, built once from a plugin manager."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.readers: Table[ReaderSpec] = Table("reader")
        self.stages: Table[StageSpec] = Table("stage")
        self.exporters: Table[ExporterSpec] = Table("exporter")
        self.executors: Table[ExecutorSpec] = Table("executor")
        self.commands: Table[CommandSpec] = Table("command")
        tables = {
            "reader": self.readers,
            "stage": self.stages,
            "exporter": self.exporters,
            "executor": self.executors,
            "command": self.commands,
        }
        for kind, (hook_name, spec_type) in KINDS.items():
            caller = getattr(pm.hook, hook_name)
            # Call each plugin's implementation on its own so we know who registered what.
            # pluggy lists implementations last-registered first; reverse for load order.
            for impl in reversed(caller.get_hookimpls()):
                plugin_name = pm.get_name(impl.plugin) or repr(impl.plugin)

                def register(spec, _kind=kind, _type=spec_type, _plugin=plugin_name):
                    if not isinstance(spec, _type):
                        raise RegistrationError(
                            f"plugin {_plugin!r} registered a {type(spec).__name__} where a "
                            f"{_type.__name__} was expected"
                        )
                    tables[_kind].add(spec, _plugin)

                impl.function(**{arg: register for arg in impl.argnames})

    def suffix_map(self) -> dict[str, str]:
        """File suffix -> reader name, for format detection."""
        mapping: dict[str, str] = {}
        for spec in self.readers:
            for suffix in spec.suffixes:
                mapping.setdefault(suffix.lower(), spec.name)
        return mapping

    def exporter_for_suffix(self, path: str) -> str | None:
        lowered = path.lower()
        best: tuple[int, str] | None = None
        for spec in self.exporters:
            for suffix in spec.suffixes:
                if lowered.endswith(suffix.lower()) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), spec.name)
        return best[1] if best else None
