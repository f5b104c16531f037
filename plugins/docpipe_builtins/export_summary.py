"""A readable summary for people: per document, the quotes grouped by speaker.

A quotation split by its reporting clause (parts linked by ``Quote.continues``) is one entry,
counted once: its parts' ids joined by ``+`` and their texts joined by `` … ``.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

import docpipe
from docpipe.atomic import AtomicFileExporter
from docpipe.components import ExporterSpec
from docpipe.model import quotation_chains


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
    # One entry per quotation: the parts of a split quotation are listed (and counted) together.
    by_speaker: dict[str, list[tuple[docpipe.Quote, ...]]] = defaultdict(list)
    for parts in quotation_chains(doc.quotes):
        speaker = next((q.speaker for q in parts if q.speaker), None)
        by_speaker[speaker or "(unattributed)"].append(parts)
    if not doc.quotes:
        lines.append("   no quotes found")
    for speaker, quotations in by_speaker.items():
        title = "; ".join(titles.get(speaker, ()))
        lines.append(f"\n   {speaker}" + (f" — {title}" if title else "") + f"  [{len(quotations)} quote(s)]")
        for parts in quotations:
            first = parts[0]
            flags = [first.kind]
            if first.nested_in:
                flags.append(f"nested in {first.nested_in}")
            if len(parts) > 1:
                flags.append(f"split in {len(parts)} parts")
            flags.extend(f"repeats {q.duplicate_of}" for q in parts if q.duplicate_of)
            cue = next((f' cue "{q.cue.text}"' for q in parts if q.cue), "")
            via = next((f' via "{q.speaker_mention.text}"' for q in parts if q.speaker_mention), "")
            head = f"   - {'+'.join(q.id for q in parts)} ({', '.join(flags)}{cue}{via}): "
            text = " … ".join(doc.text[q.start:q.end] for q in parts)
            body = textwrap.fill(_clip(text, 600), width=width, initial_indent=head, subsequent_indent=" " * 8)
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


class SummaryExporter(AtomicFileExporter):
    """Plain text, one block per document: quotes grouped by speaker, with cue and mention."""

    def __init__(self, target: str = "-", width: int = 100) -> None:
        super().__init__(target)
        self._width = width

    def write(self, doc: docpipe.Document) -> None:
        self._out.write(render_summary(doc, self._width) + "\n")


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("summary", SummaryExporter, suffixes=(".summary.txt",),
                          description="human-readable summary: quotes grouped by speaker"))
