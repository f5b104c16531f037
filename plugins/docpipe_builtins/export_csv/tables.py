"""The tables of the spreadsheet-style exporters (CSV, Parquet): one row function per table.

Rows hold plain values with ``None`` for "nothing"; each writer decides how to show it (CSV: an empty
field; Parquet: null). ``TABLES`` maps a table name to its columns (name, type) and row function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docpipe.model import Document

#: Separator used where one cell holds several values (titles, mention texts).
LIST_SEPARATOR = "; "


def _titles_by_speaker(doc: Document) -> dict[str, str]:
    return {s.name: LIST_SEPARATOR.join(s.titles) for s in doc.speakers}


def quote_rows(doc: Document) -> Iterator[list]:
    titles = _titles_by_speaker(doc)
    for q in doc.quotes:
        yield [
            doc.id, q.id, q.speaker, titles.get(q.speaker) if q.speaker else None, q.kind, doc.text[q.start:q.end],
            q.cue.text if q.cue else None, q.start, q.end, q.nested_in, q.continues, q.duplicate_of,
            float(q.confidence),
            q.speaker_mention.text if q.speaker_mention else None,
        ]


def speaker_rows(doc: Document) -> Iterator[list]:
    counts: dict[str, int] = {}
    for q in doc.quotes:
        if q.speaker:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    for s in doc.speakers:
        yield [doc.id, s.name, LIST_SEPARATOR.join(s.titles), counts.get(s.name, 0), len(s.mentions),
               LIST_SEPARATOR.join(m.text for m in s.mentions)]


def document_rows(doc: Document) -> Iterator[list]:
    errors = " | ".join(f"{e.stage}: {e.type}: {e.message}" for e in doc.errors)
    yield [doc.id, doc.source.uri, doc.source.format, doc.title, len(doc.text), len(doc.paragraphs),
           len(doc.quotes), len(doc.speakers), doc.duplicate_of, len(doc.errors), errors or None, doc.source.sha256]


def paragraph_rows(doc: Document) -> Iterator[list]:
    for index, p in enumerate(doc.paragraphs):
        yield [doc.id, index, p.role, p.start, p.end, p.duplicate_of, doc.text[p.start:p.end]]


#: table name -> ([(column, type)], row function); types are "str", "int", "float".
#: The order is the order of files in folder mode.
TABLES: dict[str, tuple[list[tuple[str, str]], Callable[[Document], Iterator[list]]]] = {
    "quotes": ([("document_id", "str"), ("quote_id", "str"), ("speaker", "str"), ("speaker_title", "str"),
                ("kind", "str"), ("text", "str"), ("cue", "str"), ("start", "int"), ("end", "int"),
                ("nested_in", "str"), ("continues", "str"), ("duplicate_of", "str"), ("confidence", "float"),
                ("speaker_mention", "str")], quote_rows),
    "speakers": ([("document_id", "str"), ("speaker", "str"), ("titles", "str"), ("quotes", "int"),
                  ("mentions", "int"), ("mention_texts", "str")], speaker_rows),
    "documents": ([("document_id", "str"), ("source", "str"), ("format", "str"), ("title", "str"),
                   ("characters", "int"), ("paragraphs", "int"), ("quotes", "int"), ("speakers", "int"),
                   ("duplicate_of", "str"), ("errors", "int"), ("error_messages", "str"), ("sha256", "str")],
                  document_rows),
    "paragraphs": ([("document_id", "str"), ("index", "int"), ("role", "str"), ("start", "int"), ("end", "int"),
                    ("duplicate_of", "int"), ("text", "str")], paragraph_rows),
}


def header(table: str) -> list[str]:
    return [name for name, _ in TABLES[table][0]]


def check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")


def is_folder_target(target: str) -> bool:
    """A target ending in a path separator, or an existing directory, means "all tables in this folder"."""
    import os

    return target != "-" and (target.endswith(("/", os.sep)) or os.path.isdir(target))
