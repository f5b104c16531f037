"""docpipe: a plugin-based document-processing framework.

The public names are re-exported here; everything else is an implementation detail.
Importing docpipe loads no plugin and creates no global state.
"""

from __future__ import annotations

import pluggy

from docpipe.components import (
    BaseStage,
    CommandSpec,
    ExecutorSpec,
    ExporterSpec,
    InputItem,
    ReaderSpec,
    StageSpec,
)
from docpipe.config import PipelineConfig, load_config
from docpipe.engine import Engine
from docpipe.errors import (
    ConfigError,
    DocpipeError,
    ExitCode,
    InputError,
    PluginLoadError,
    RegistrationError,
    UsageError,
)
from docpipe.model import (
    SCHEMA_VERSION,
    Document,
    ErrorRecord,
    Mention,
    Paragraph,
    Quote,
    Source,
    Span,
    SpanError,
    Speaker,
    error_document,
    make_document,
    make_document_id,
)
from docpipe.pipeline import Pipeline
from docpipe.serialize import SchemaError, document_from_dict, document_to_dict

#: Marks hook implementations: ``@docpipe.hookimpl def docpipe_register_stages(register): ...``
hookimpl = pluggy.HookimplMarker("docpipe")

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BaseStage",
    "CommandSpec",
    "ConfigError",
    "DocpipeError",
    "Document",
    "Engine",
    "ErrorRecord",
    "ExecutorSpec",
    "ExitCode",
    "ExporterSpec",
    "InputError",
    "InputItem",
    "Mention",
    "Paragraph",
    "Pipeline",
    "PipelineConfig",
    "PluginLoadError",
    "Quote",
    "ReaderSpec",
    "RegistrationError",
    "SchemaError",
    "Source",
    "Span",
    "SpanError",
    "Speaker",
    "StageSpec",
    "UsageError",
    "__version__",
    "document_from_dict",
    "document_to_dict",
    "error_document",
    "hookimpl",
    "load_config",
    "make_document",
    "make_document_id",
]
