"""A readable summary for people: per document, the quotes grouped by speaker."""

from __future__ import annotations

import textwrap
from collections import defaultdict

import docpipe
from docpipe.atomic import AtomicFile
from docpipe.components import ExporterSpec


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_summary(doc: docpipe.Document, width: int = 100) -> str:
    """The summary of one document as text."""
    lines = [f"== {doc.title or doc.id}  ({doc.source.uri})"]
    if doc.errors:
        for err in doc.errors:
            lines.append(f"   ERROR in {err.stage}: {err.type}: {err.message}")
        return "\n".join(lines) + "\n"
    if doc.duplicate_of:
        lines.append(f"   duplicate of document {doc.duplicate_of}")
    titles = {s.name: s.titles for s in doc.speakers}
    by_speaker: dict[str, list[docpipe.Quote]] = defaultdict(list)
    for q in doc.quotes:
        by_speaker[q.speaker or "(unattributed)"].append(q)
    if not doc.quotes:
        lines.append("   no quotes found")
    for speaker, quotes in by_speaker.items():
        title = "; ".join(titles.get(speaker, ()))
        lines.append(f"\n   {speaker}" + (f" — {title}" if title else "") + f"  [{len(quotes)} quote(s)]")
        for q in quotes:
            flags = [q.kind]
            if q.nested_in:
                flags.append(f"nested in {q.nested_in}")
            if q.duplicate_of:
                flags.append(f"repeats {q.duplicate_of}")
            cue = f' cue "{q.cue.text}"' if q.cue else ""
            via = f' via "{q.speaker_mention.text}"' if q.speaker_mention else ""
            head = f"   - {q.id} ({', '.join(flags)}{cue}{via}): "
            body = textwrap.fill(_clip(doc.text[q.start:q.end], 600), width=width,
                                 initial_indent=head, subsequent_indent=" " * 8)
            lines.append(body)
    repeated = [(i, p.duplicate_of) for i, p in enumerate(doc.paragraphs) if p.duplicate_of is not None]
    if repeated:
        lines.append("\n   repeated paragraphs: " + ", ".join(f"{i} repeats {first}" for i, first in repeated))
    boiler = [p for p in doc.paragraphs if p.role == "boilerplate"]
    if boiler:
        lines.append(f"\n   boilerplate paragraphs: {len(boiler)}")
    for key in ("dateline", "byline", "source_credit", "rights"):
        value = doc.metadata.get(key)
        if value:
            lines.append(f"   {key}: {_clip(str(value), width)}")
    return "\n".join(lines) + "\n"


class SummaryExporter:
    """Plain text, one block per document: quotes grouped by speaker, with cue and mention."""

    def __init__(self, target: str = "-", width: int = 100) -> None:
        self._out = AtomicFile(target)
        self._width = width

    def write(self, doc: docpipe.Document) -> None:
        self._out.write(render_summary(doc, self._width) + "\n")

    def close(self) -> None:
        self._out.commit()

    def abort(self) -> None:
        self._out.abort()


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("summary", SummaryExporter, suffixes=(".summary.txt",),
                          description="human-readable summary: quotes grouped by speaker"))
