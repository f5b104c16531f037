"""Plugin loading: built-ins by module path, entry points, ``-p`` and ``DOCPIPE_PLUGINS``.

Each plugin is loaded on its own, so one that fails to import is reported (name and
error) and skipped rather than taking the whole program down (pluggy's own
``load_setuptools_entrypoints`` has no such guard). ``strict=True`` turns any load
failure into :class:`~docpipe.errors.PluginLoadError`.

Nothing here runs at import time and there is no global state: every
:class:`~docpipe.engine.Engine` owns its own ``pluggy.PluginManager``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import pluggy

from docpipe import hookspecs
from docpipe.errors import PluginLoadError

PROJECT_NAME = "docpipe"
ENTRY_POINT_GROUP = "docpipe"
ENV_PLUGINS = "DOCPIPE_PLUGINS"
ENV_DISABLE_AUTOLOAD = "DOCPIPE_DISABLE_PLUGIN_AUTOLOAD"


@attrs.define
class PluginReport:
    """What happened to one plugin: shown by ``docpipe plugins``."""

    name: str
    source: str  # "builtin", "entry point", "-p", "DOCPIPE_PLUGINS", "object"
    module: str | None = None
    version: str | None = None
    status: str = "loaded"  # "loaded", "failed", "blocked"
    error: str | None = None
    hooks: list[str] = attrs.field(factory=list)

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def builtin_plugins() -> tuple[tuple[str, str], ...]:
    """``(plugin name, module path)`` of the built-in plugins, in load order."""
    from docpipe_builtins import BUILTIN_PLUGINS

    return BUILTIN_PLUGINS


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _dist_version(module_name: str, index: dict[str, list[str]]) -> str | None:
    top = module_name.split(".", 1)[0]
    try:
        dists = index.get(top) or []
        return importlib.metadata.version(dists[0]) if dists else None
    except Exception:  # noqa: BLE001 - version lookup is best effort
        return None


class PluginLoader:
    """Loads plugins into one plugin manager and keeps a report for each."""

    def __init__(
        self,
        *,
        plugins: Sequence[str] = (),
        blocked: Iterable[str] = (),
        objects: Sequence[Any] = (),
        builtins: bool = True,
        autoload: bool | None = None,
        strict: bool = False,
    ) -> None:
        self.pm = pluggy.PluginManager(PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.reports: list[PluginReport] = []
        self.strict = strict
        self._requested = list(plugins)
        self._objects = list(objects)
        self._blocked = set(blocked)
        self._builtins = builtins
        if autoload is None:
            autoload = not _env_flag(ENV_DISABLE_AUTOLOAD)
        self._autoload = autoload
        self._dist_index: dict[str, list[str]] | None = None

    # ---------------------------------------------------------------------------- api
    def load_all(self) -> None:
        # "-p no:NAME" blocks NAME wherever it would come from.
        requested = []
        for spec in self._requested:
            if spec.startswith("no:"):
                self._blocked.add(spec[3:])
            else:
                requested.append(spec)
        for name in sorted(self._blocked):
            self.pm.set_blocked(name)
        if self._builtins:
            for name, module in builtin_plugins():
                self._load_module(name, module, "builtin")
        if self._autoload:
            self._load_entry_points()
            for module in filter(None, (m.strip() for m in os.environ.get(ENV_PLUGINS, "").split(","))):
                self._load_module(module, module, ENV_PLUGINS)
        for module in requested:
            self._load_module(module, module, "-p")
        for obj in self._objects:
            name = getattr(obj, "__name__", None) or getattr(obj, "name", None) or f"object-{id(obj):x}"
            self._register(obj, name, "object", module=getattr(obj, "__module__", None))
        for name in sorted(self._blocked):
            if not any(r.name == name for r in self.reports):
                self.reports.append(PluginReport(name=name, source="-p", status="blocked"))
        failed = [r for r in self.reports if r.status == "failed"]
        if failed and self.strict:
            raise PluginLoadError(
                "plugin(s) failed to load: " + "; ".join(f"{r.name}: {r.error}" for r in failed)
            )

    # ---------------------------------------------------------------------------- internals
    def _distributions(self) -> dict[str, list[str]]:
        """Top-level module -> distributions; scanning them is slow, so once per loader."""
        if self._dist_index is None:
            try:
                self._dist_index = dict(importlib.metadata.packages_distributions())
            except Exception:  # noqa: BLE001
                self._dist_index = {}
        return self._dist_index

    def _load_entry_points(self) -> None:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if self.pm.is_blocked(ep.name) or self.pm.has_plugin(ep.name):
                if self.pm.is_blocked(ep.name):
                    self.reports.append(PluginReport(name=ep.name, source="entry point", module=ep.value,
                                                     status="blocked"))
                continue
            version = ep.dist.version if ep.dist is not None else None
            try:
                obj = ep.load()
            except Exception as exc:  # noqa: BLE001 - any import failure is reported, not fatal
                self._failed(ep.name, "entry point", ep.value, exc, version)
                continue
            self._register(obj, ep.name, "entry point", module=ep.value, version=version)

    def _load_module(self, name: str, module: str, source: str) -> None:
        if self.pm.is_blocked(name) or self.pm.is_blocked(module):
            self.reports.append(PluginReport(name=name, source=source, module=module, status="blocked"))
            return
        if self.pm.has_plugin(name):
            return
        try:
            obj = importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001
            self._failed(name, source, module, exc)
            return
        self._register(obj, name, source, module=module, version=_dist_version(module, self._distributions()))

    def _failed(self, name: str, source: str, module: str | None, exc: BaseException, version: str | None = None):
        self.reports.append(
            PluginReport(name=name, source=source, module=module, version=version, status="failed",
                         error=f"{type(exc).__name__}: {exc}")
        )

    def _register(self, obj: Any, name: str, source: str, *, module: str | None, version: str | None = None):
        try:
            self.pm.register(obj, name=name)
            self._check_no_defaults(obj, name)
            self.pm.check_pending()
        except Exception as exc:  # noqa: BLE001 - pluggy validation errors, bad hook names
            if self.pm.is_registered(obj):
                self.pm.unregister(obj)
            self._failed(name, source, module, exc, version)
            return
        hooks = sorted(
            caller.name for caller in self.pm.get_hookcallers(obj) or () if caller.name.startswith("docpipe_")
        )
        self.reports.append(
            PluginReport(name=name, source=source, module=module, version=version, hooks=hooks)
        )

    def _check_no_defaults(self, obj: Any, name: str) -> None:
        """pluggy silently does not pass hook arguments that have defaults (pluggy #442): refuse them."""
        for caller in self.pm.get_hookcallers(obj) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin is obj and impl.kwargnames:
                    raise TypeError(
                        f"hook {caller.name} of plugin {name!r} gives default values to "
                        f"{', '.join(impl.kwargnames)}; hook arguments must not have defaults"
                    )
