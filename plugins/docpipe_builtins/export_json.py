"""JSONL (one document per line, streaming) and JSON (one array; holds nothing in memory but writes
one array, so it is only valid once the run completes) exporters: the output contract."""

from __future__ import annotations

import json

import docpipe
from docpipe.atomic import AtomicFileExporter
from docpipe.components import ExporterSpec
from docpipe.serialize import document_to_dict


class JsonlExporter(AtomicFileExporter):
    """One JSON object per line, in input order. Memory does not grow with the number of documents."""

    def write(self, doc: docpipe.Document) -> None:
        self._out.write(json.dumps(document_to_dict(doc), ensure_ascii=False) + "\n")


class JsonExporter(AtomicFileExporter):
    """A single JSON array of document records, streamed element by element.

    :param indent: pretty-print each record with this indent (``None``: compact).
    """

    def __init__(self, target: str = "-", indent: int | None = 2) -> None:
        super().__init__(target)
        self._indent = indent
        self._count = 0
        self._out.write("[")

    def write(self, doc: docpipe.Document) -> None:
        body = json.dumps(document_to_dict(doc), ensure_ascii=False, indent=self._indent)
        self._out.write(("," if self._count else "") + "\n" + body)
        self._count += 1

    def close(self) -> None:
        self._out.write("\n]\n")
        super().close()


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("jsonl", JsonlExporter, suffixes=(".jsonl", ".ndjson"),
                          description="one JSON document record per line (the output contract)"))
    register(ExporterSpec("json", JsonExporter, suffixes=(".json",),
                          description="one JSON array of document records"))
