"""Pipeline configuration: a TOML file, or ``[tool.docpipe]`` in a ``pyproject.toml``.

Unknown keys are rejected with a message naming the key and the file, so a typo
never silently falls back to a default. The layout is documented in
``docs/configuration.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from docpipe.errors import ConfigError

#: The processing stages of the default pipeline, in order (ingest and export always run).
DEFAULT_STAGES: tuple[str, ...] = ("quotes", "dedup")

_SECTIONS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "pipeline": {
        "stages": list,
        "executor": str,
        "jobs": int,
        "fail_fast": bool,
        "timeout": (int, float),
        "max_document_bytes": int,
        "max_quotes": int,
    },
    "input": {"include": list, "exclude": list, "format": str},
    "output": {"path": str, "to": str, "drop_duplicates": bool},
    "plugins": {"load": list, "block": list},
}
# Tables of per-component options: [readers.NAME], [stages.NAME], [exporters.NAME], [executors.NAME].
_COMPONENT_TABLES = ("readers", "stages", "exporters", "executors")


@attrs.define
class PipelineConfig:
    """The parsed configuration. Every field has a documented default."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    executor: str = "local"
    jobs: int = 1
    fail_fast: bool = False
    timeout: float | None = None
    max_document_bytes: int = 64 * 1024 * 1024
    max_quotes: int = 100_000
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    format: str | None = None
    output_path: str | None = None
    output_format: str | None = None
    drop_duplicates: bool = False
    load_plugins: tuple[str, ...] = ()
    block_plugins: tuple[str, ...] = ()
    readers: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    stage_options: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    exporters: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    executors: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    path: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "<config>") -> PipelineConfig:
        cfg = cls(path=origin)
        for key, value in data.items():
            if key in _SECTIONS:
                if not isinstance(value, Mapping):
                    raise ConfigError(f"{origin}: [{key}] must be a table")
                _apply_section(cfg, key, value, origin)
            elif key in _COMPONENT_TABLES:
                if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
                    raise ConfigError(f"{origin}: [{key}] must hold one table per name, like [{key}.NAME]")
                target = {"readers": cfg.readers, "stages": cfg.stage_options,
                          "exporters": cfg.exporters, "executors": cfg.executors}[key]
                for name, options in value.items():
                    target[name] = dict(options)
            else:
                allowed = ", ".join(sorted([*_SECTIONS, *_COMPONENT_TABLES]))
                raise ConfigError(f"{origin}: unknown key {key!r} (allowed: {allowed})")
        return cfg


def _apply_section(cfg: PipelineConfig, section: str, table: Mapping[str, Any], origin: str) -> None:
    schema = _SECTIONS[section]
    for key, value in table.items():
        if key not in schema:
            allowed = ", ".join(sorted(schema))
            raise ConfigError(f"{origin}: unknown key {section}.{key!r} (allowed: {allowed})")
        expected = schema[key]
        if isinstance(value, bool) and expected is not bool and bool not in (
            expected if isinstance(expected, tuple) else (expected,)
        ):
            raise ConfigError(f"{origin}: {section}.{key} must be {_type_name(expected)}, got {value!r}")
        if not isinstance(value, expected):
            raise ConfigError(f"{origin}: {section}.{key} must be {_type_name(expected)}, got {value!r}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{origin}: {section}.{key} must be a list of strings")
        attr = {
            ("input", "format"): "format",
            ("output", "path"): "output_path",
            ("output", "to"): "output_format",
            ("plugins", "load"): "load_plugins",
            ("plugins", "block"): "block_plugins",
        }.get((section, key), key)
        if isinstance(value, list):
            value = tuple(value)
        if key == "jobs" and value < 1:
            raise ConfigError(f"{origin}: pipeline.jobs must be at least 1, got {value}")
        setattr(cfg, attr, value)


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {list: "a list", str: "a string", int: "an integer", bool: "true or false", float: "a number"}
    if isinstance(expected, tuple):
        return " or ".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, expected.__name__)


def load_config(path: str | Path) -> PipelineConfig:
    """Read a pipeline file. A ``pyproject.toml`` is read from its ``[tool.docpipe]`` table."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("docpipe", {})
    return PipelineConfig.from_mapping(data, origin=str(path))
