"""``Quote.continues``: the parts of a quotation split by its reporting clause, linked stand-off.

Validation (the previous part exists and starts earlier; one chain, no cycles), the JSON round
trip, reading records written before schema 1.1, and ``quotation_chains``.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from docpipe import Document, Quote, SchemaError, SpanError, document_from_dict, document_to_dict, make_document
from docpipe.model import Source, quotation_chains
from docpipe.testing import assert_quote

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "document.schema.json"

TEXT = '"The bridge," said Ms. Lund, "will reopen in June," she added, "and the ferry stops then."'


def _part(id: str, words: str, **fields) -> Quote:
    start = TEXT.index(words)
    return Quote(id, start, start + len(words), speaker="Ms. Lund", **fields)


def _split_doc() -> Document:
    return make_document(TEXT, id="split").evolve(quotes=[
        _part("q1", "The bridge,"),
        _part("q2", "will reopen in June,", continues="q1"),
        _part("q3", "and the ferry stops then.", continues="q2"),
    ])


def test_split_quotation_survives_the_json_round_trip():
    doc = _split_doc()
    record = document_to_dict(doc)
    assert record["schema_version"] == "1.1"
    assert [(q["id"], q["continues"]) for q in record["quotes"]] == [("q1", None), ("q2", "q1"), ("q3", "q2")]
    # continues sits right after nested_in in the record, like in the attrs class
    keys = list(record["quotes"][0])
    assert keys.index("continues") == keys.index("nested_in") + 1
    back = document_from_dict(json.loads(json.dumps(record)))
    assert back == doc
    assert [q.continues for q in back.quotes] == [None, "q1", "q2"]


def test_a_record_from_before_schema_1_1_still_loads_and_validates():
    record = document_to_dict(make_document(TEXT, id="old").evolve(quotes=[_part("q1", "The bridge,")]))
    record["schema_version"] = "1.0"
    del record["quotes"][0]["continues"]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(record)  # the key is optional in the schema
    doc = document_from_dict(record)
    assert doc.quotes[0].continues is None
    assert document_to_dict(doc)["quotes"][0]["continues"] is None  # written again as 1.1


def test_the_schema_accepts_continues_and_rejects_a_wrong_type():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    record = document_to_dict(_split_doc())
    validator.validate(record)
    record["quotes"][1]["continues"] = 1
    assert not validator.is_valid(record)


def test_continues_must_name_a_quote_of_the_document():
    doc = make_document(TEXT, id="d")
    with pytest.raises(SpanError, match=r"quote q2 continues='q9' names no quote"):
        doc.evolve(quotes=[_part("q1", "The bridge,"), _part("q2", "will reopen in June,", continues="q9")])


def test_continues_must_point_back_not_forward():
    doc = make_document(TEXT, id="d")
    with pytest.raises(SpanError, match="quote q1 continues='q2', but that quote does not start before it"):
        doc.evolve(quotes=[_part("q1", "The bridge,", continues="q2"), _part("q2", "will reopen in June,")])
    with pytest.raises(SpanError, match="does not start before it"):
        doc.evolve(quotes=[_part("q1", "The bridge,", continues="q1")])


def test_a_cycle_is_rejected():
    doc = make_document(TEXT, id="d")
    with pytest.raises(SpanError, match="does not start before it"):
        doc.evolve(quotes=[_part("q1", "The bridge,", continues="q2"),
                           _part("q2", "will reopen in June,", continues="q1")])


def test_two_quotes_cannot_continue_the_same_part():
    doc = make_document(TEXT, id="d")
    with pytest.raises(SpanError, match="quotes q2 and q3 both continue 'q1'"):
        doc.evolve(quotes=[_part("q1", "The bridge,"), _part("q2", "will reopen in June,", continues="q1"),
                           _part("q3", "and the ferry stops then.", continues="q1")])


def test_direct_document_construction_validates_too():
    with pytest.raises(SpanError, match="names no quote"):
        Document(id="d", source=Source("<memory>"), text=TEXT,
                 quotes=[_part("q2", "will reopen in June,", continues="q1")])


def test_reading_a_record_with_a_bad_continues_is_a_schema_error():
    record = document_to_dict(_split_doc())
    record["quotes"][1]["continues"] = "q3"
    with pytest.raises(SchemaError, match="does not start before it"):
        document_from_dict(record)


def test_quotation_chains_group_the_parts_in_order():
    doc = make_document(TEXT + ' "Nothing else."', id="d").evolve(quotes=[
        _part("q1", "The bridge,"),
        _part("q2", "will reopen in June,", continues="q1"),
        _part("q3", "and the ferry stops then.", continues="q2"),
        Quote("q4", len(TEXT) + 2, len(TEXT) + 15),
    ])
    chains = quotation_chains(doc.quotes)
    assert [[q.id for q in chain] for chain in chains] == [["q1", "q2", "q3"], ["q4"]]
    assert " ".join(doc.span_text(q) for q in chains[0]) == \
        "The bridge, will reopen in June, and the ferry stops then."
    # a part whose previous part is not among the quotes given starts a chain of its own
    assert [[q.id for q in c] for c in quotation_chains(doc.quotes[1:])] == [["q2", "q3"], ["q4"]]


def test_assert_quote_checks_continues():
    doc = _split_doc()
    assert assert_quote(doc, "will reopen", continues="q1").id == "q2"
    assert assert_quote(doc, "The bridge", continues=None).id == "q1"
    with pytest.raises(AssertionError, match="none has continues='q2'"):
        assert_quote(doc, "will reopen", continues="q2")
