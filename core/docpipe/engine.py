"""The engine: one plugin manager, its plugin reports and its registry.

An :class:`Engine` is cheap to create and holds no global state, so a program can
have several (with different plugins) side by side, and tests can build one with
exactly the plugins they want. Plugins are loaded when the engine is created;
registration hooks are called the first time :attr:`Engine.registry` is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from docpipe.components import Stage
from docpipe.errors import UsageError
from docpipe.model import Document, ErrorRecord
from docpipe.plugins import PluginLoader, PluginReport
from docpipe.registry import Registry
from docpipe.stats import RunInfo, RunSummary, StageStats


class Hooks:
    """Typed calls of the lifecycle hooks, so core code never calls ``pm.hook`` untyped."""

    def __init__(self, pm) -> None:  # noqa: ANN001 - pluggy.PluginManager
        self._hook = pm.hook

    def detect_format(self, uri: str, head: bytes) -> str | None:
        return self._hook.docpipe_detect_format(uri=uri, head=head)

    def stage_options(self, stage: str) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        # pluggy returns results last-registered first; apply in load order.
        for answer in reversed(self._hook.docpipe_stage_options(stage=stage)):
            for key, value in (answer or {}).items():
                if isinstance(value, (list, tuple)) and isinstance(merged.get(key), (list, tuple)):
                    merged[key] = [*merged[key], *value]
                else:
                    merged[key] = list(value) if isinstance(value, tuple) else value
        return merged

    def run_start(self, run: RunInfo) -> None:
        self._hook.docpipe_run_start(run=run)

    def stage_complete(self, stage: str, stats: StageStats) -> None:
        self._hook.docpipe_stage_complete(stage=stage, stats=stats)

    def document_failed(self, document: Document, error: ErrorRecord) -> None:
        self._hook.docpipe_document_failed(document=document, error=error)

    def run_finish(self, run: RunInfo, summary: RunSummary) -> None:
        self._hook.docpipe_run_finish(run=run, summary=summary)


class Engine:
    """Plugins loaded into one ``pluggy.PluginManager``, and what they registered.

    :param plugins: extra plugin modules to load (like ``-p MODULE``); ``"no:NAME"`` blocks one.
    :param objects: plugin objects (modules, classes or instances with hookimpls) to register directly.
    :param builtins: load the built-in plugins (readers, quotes, dedup, exporters, executors).
    :param autoload: load entry-point plugins and ``DOCPIPE_PLUGINS``; default: unless
        ``DOCPIPE_DISABLE_PLUGIN_AUTOLOAD`` is set.
    :param strict: a plugin that fails to load raises :class:`~docpipe.errors.PluginLoadError`.
    """

    def __init__(
        self,
        plugins: Sequence[str] = (),
        *,
        objects: Sequence[Any] = (),
        blocked: Iterable[str] = (),
        builtins: bool = True,
        autoload: bool | None = None,
        strict: bool = False,
    ) -> None:
        loader = PluginLoader(
            plugins=plugins, objects=objects, blocked=blocked, builtins=builtins, autoload=autoload, strict=strict
        )
        loader.load_all()
        self.pm = loader.pm
        self.plugin_reports: list[PluginReport] = loader.reports
        self.hooks = Hooks(self.pm)
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = Registry(self.pm)
        return self._registry

    def build_stage(self, name_or_stage: str | Stage, options: Mapping[str, Any] | None = None) -> Stage:
        """Instantiate a registered stage with plugin-contributed defaults and ``options`` on top.

        A stage object (anything with ``process``) is returned unchanged.
        """
        if not isinstance(name_or_stage, str):
            if not callable(getattr(name_or_stage, "process", None)):
                raise UsageError(f"{name_or_stage!r} is not a stage: it has no process(doc) method")
            return name_or_stage
        spec = self.registry.stages[name_or_stage]
        merged = self.hooks.stage_options(name_or_stage)
        for key, value in (options or {}).items():
            merged[key] = value
        return construct(spec.factory, merged, f"stage {name_or_stage!r}")

    def build_reader(self, name: str, options: Mapping[str, Any] | None = None):
        spec = self.registry.readers[name]
        return construct(spec.factory, dict(options or {}), f"reader {name!r}")


def construct(factory, options: Mapping[str, Any], what: str):  # noqa: ANN001, ANN201
    """Call a component factory with keyword options, turning a bad option into a clear UsageError."""
    try:
        return factory(**options)
    except TypeError as exc:
        text = str(exc)
        if "unexpected keyword argument" in text or "missing" in text and "argument" in text:
            raise UsageError(f"{what}: bad option: {text.split(') ', 1)[-1] if ') ' in text else text}") from None
        raise
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None
