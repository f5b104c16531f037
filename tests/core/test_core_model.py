"""The stand-off document model: validation, immutability, JSON round trip, pickling."""

from __future__ import annotations

import json
import pickle

import pytest

from docpipe import (
    Document,
    ErrorRecord,
    Mention,
    Paragraph,
    Quote,
    SchemaError,
    SpanError,
    Speaker,
    Span,
    document_from_dict,
    document_to_dict,
    make_document,
)
from docpipe.serialize import document_to_json

TEXT = "Plan approved\n\"The bridge will reopen,\" said Jan Novak."


def _annotated() -> Document:
    doc = make_document(TEXT, uri="memo.txt", paragraphs=[Paragraph(0, 13, "title"), Paragraph(14, len(TEXT))])
    start = TEXT.index("The bridge")
    end = TEXT.index(',"')
    name_at = TEXT.index("Jan Novak")
    said_at = TEXT.index("said")
    mention = Mention("Jan Novak", name_at, name_at + 9)
    return doc.evolve(
        quotes=[Quote("q1", start, end, "direct", "Jan Novak", mention, Mention("said", said_at, said_at + 4),
                      confidence=0.9)],
        speakers=[Speaker("Jan Novak", ["chief engineer"], [mention])],
        spans={"names": [Span(name_at, name_at + 9, "PERSON", {"source": "test"})]},
    )


def test_quote_text_is_the_slice_of_the_unchanged_text():
    doc = _annotated()
    assert doc.span_text(doc.quotes[0]) == "The bridge will reopen"
    assert doc.text == TEXT


def test_spans_outside_the_text_are_rejected():
    doc = make_document("short text")
    with pytest.raises(SpanError, match="outside the text"):
        doc.evolve(paragraphs=[Paragraph(0, 99)])
    with pytest.raises(SpanError):
        doc.evolve(quotes=[Quote("q1", 5, 2)])


def test_mention_text_must_match_the_document():
    doc = make_document("Anna said hi")
    with pytest.raises(SpanError, match="says 'Bob'"):
        doc.evolve(speakers=[Speaker("Bob", (), [Mention("Bob", 0, 3)])])


def test_dangling_quote_references_are_rejected():
    doc = make_document("a b c d e")
    with pytest.raises(SpanError, match="names no quote"):
        doc.evolve(quotes=[Quote("q1", 0, 1, nested_in="q9")])


def test_text_is_never_rewritten_and_metadata_is_read_only():
    doc = make_document("original")
    with pytest.raises(SpanError, match="never rewritten"):
        doc.evolve(text="changed")
    with pytest.raises(TypeError):
        doc.metadata["x"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        doc.text = "changed"  # type: ignore[misc]


def test_json_round_trip_is_identical():
    doc = _annotated().with_error(ErrorRecord("quotes", "ValueError", "bad", "memo.txt"))
    record = document_to_dict(doc)
    assert record["schema_version"] == "1.1"
    assert record["quotes"][0]["text"] == "The bridge will reopen"
    back = document_from_dict(json.loads(json.dumps(record)))
    assert back == doc
    assert document_to_json(back) == document_to_json(doc)


def test_record_with_wrong_quote_text_is_a_schema_error():
    record = document_to_dict(_annotated())
    record["quotes"][0]["text"] = "something else"
    with pytest.raises(SchemaError, match="does not match"):
        document_from_dict(record)
    with pytest.raises(SchemaError, match="lacks required"):
        document_from_dict({"text": "no id"})


def test_record_whose_text_or_id_has_the_wrong_type_is_a_schema_error():
    # (found by the hostile-input fuzz test: '{"text": [], "schema_version": null, "id": []}' from the JSON reader)
    with pytest.raises(SchemaError, match="text must be a string, got list"):
        document_from_dict({"text": [], "schema_version": None, "id": "a"})
    with pytest.raises(SchemaError, match="id must be a string or a number, got list"):
        document_from_dict({"text": "Some text.", "id": []})


def test_documents_pickle_for_worker_processes():
    doc = _annotated()
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_ids_are_deterministic():
    a = make_document("same text", uri="a.txt")
    b = make_document("same text", uri="a.txt")
    c = make_document("same text", uri="b.txt")
    assert a.id == b.id != c.id
