"""JSON and JSONL readers: docpipe round trip, IPTC ninjs, generic records, bad lines, sniffing."""

from __future__ import annotations

import json

import pytest
from docpipe import Pipeline, make_document_id
from docpipe.components import InputItem
from docpipe.ingest import read_item
from docpipe.model import Document, Mention, Paragraph, Quote, Source, Span, Speaker, sha256_hex
from docpipe_builtins.export_json import JsonExporter, JsonlExporter
from docpipe_builtins.json_reader import JsonlReader, JsonReader, docpipe_detect_format, html_to_paragraphs


def read_json(record, uri="item.json", **options):
    data = record if isinstance(record, bytes) else json.dumps(record).encode()
    return list(read_item(InputItem(uri=uri, data=data), JsonReader(**options), "json"))


def paragraphs(doc, role=None):
    return [doc.text[p.start:p.end] for p in doc.paragraphs if role is None or p.role == role]


# --------------------------------------------------------------------------- ninjs
NINJS = {
    "guid": "urn:example:2024:0001",
    "type": "text",
    "language": "en",
    "headline": "Harbour reopens after storm",
    "byline": "By Ada Lovelace",
    "located": "Northport",
    "versioncreated": "2024-03-01T10:00:00Z",
    "copyrightnotice": "Copyright 2024 Example Wire",
    "subject": [{"code": "04000000", "name": "economy"}],
    "body_html": (
        "<p>NORTHPORT (Example Wire) - The harbour reopened on <b>Friday</b> after the storm.</p>"
        "<script>alert('x')</script><style>p {}</style>"
        "<h2>Damage</h2><ul><li>Two piers</li><li>One crane</li></ul>"
        "<p>&quot;We are back,&quot; said the harbour master.</p><!-- a comment -->"
    ),
}


def test_ninjs_item_with_html_body():
    [doc] = read_json(NINJS)
    assert not doc.errors
    assert doc.title == "Harbour reopens after storm"
    assert [p.role for p in doc.paragraphs] == ["dateline", "body", "heading", "list_item", "list_item", "body"]
    assert paragraphs(doc, "body") == ["The harbour reopened on Friday after the storm.",
                                       '"We are back," said the harbour master.']
    assert "alert" not in doc.text and "p {}" not in doc.text and "comment" not in doc.text
    meta = doc.metadata
    assert meta["record_format"] == "ninjs" and meta["body_field"] == "body_html"
    assert meta["guid"] == "urn:example:2024:0001" and meta["language"] == "en"
    assert meta["byline"] == "By Ada Lovelace" and meta["rights"] == "Copyright 2024 Example Wire"
    assert meta["subjects"] == ["economy"] and meta["dateline"] == "Northport"
    assert doc.source.format == "json"
    assert doc.id == make_document_id("item.json", doc.source.sha256, None)


def test_ninjs_plain_text_body_and_ninjs2_headlines_and_bodies():
    [doc] = read_json({"uri": "u1", "headline": "Plain", "body_text": "First para.\r\n\r\nSecond para."})
    assert doc.text == "First para.\n\nSecond para." and paragraphs(doc) == ["First para.", "Second para."]
    [doc] = read_json({"uri": "u2", "headlines": [{"role": "main", "value": "Main head"}],
                       "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>One.</p><p>Two.</p>"}]})
    assert doc.title == "Main head" and paragraphs(doc) == ["One.", "Two."]


def test_ninjs_picture_without_body_is_a_clear_error():
    [doc] = read_json({"uri": "pic-1", "type": "picture", "headline": "Sunset", "renditions": {}}, uri="pic.json")
    assert doc.errors
    message = doc.errors[0].message
    assert message.startswith("pic.json: ") and "has no body text" in message and "'picture' item" in message


def test_wrappers_search_response_and_feed():
    response = {"total": 2, "item": [dict(NINJS, guid="a"), {"guid": "b", "headline": "B", "body_text": "Bee."}]}
    docs = read_json(response, uri="resp.json")
    assert [d.metadata["guid"] for d in docs] == ["a", "b"]
    assert len({d.id for d in docs}) == 2
    assert [d.id for d in docs] == [make_document_id("resp.json", docs[0].source.sha256, i) for i in (0, 1)]
    feed = {"api_version": "1", "data": {"items": [{"meta": {}, "item": {"uri": "x", "type": "picture",
                                                                           "headline": "P"}}]}}
    [doc] = read_json(feed, uri="feed.json")
    assert doc.errors and "record 0" in doc.errors[0].message and "not an article" in doc.errors[0].message


def test_html_is_parsed_safely_without_entities_or_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    markup = (f'<!DOCTYPE p [<!ENTITY xxe SYSTEM "file://{secret}">]><p>Hello &xxe; world</p>'
              + "<div>" * 3000 + "deep" + "</div>" * 3000)
    blocks = html_to_paragraphs(markup)
    assert all("TOPSECRET" not in text for text, _role in blocks)
    assert ("Hello &xxe; world", "body") in blocks  # the entity is left as written, never expanded


# --------------------------------------------------------------------------- generic records
def test_generic_records_with_configured_fields():
    records = [{"key": "r1", "heading": "First", "story": "Alpha.\nBeta."},
               {"key": "r2", "heading": "Second", "story": "Gamma."}]
    docs = read_json(records, uri="batch.json", text_field="story", title_field="heading", id_field="key")
    assert [d.id for d in docs] == ["r1", "r2"]
    assert [d.title for d in docs] == ["First", "Second"]
    assert paragraphs(docs[0]) == ["Alpha.", "Beta."]
    assert docs[0].metadata["record_format"] == "generic"
    assert docs[0].metadata["fields"] == {"key": "r1"}


def test_generic_record_default_fields_and_missing_text():
    [doc] = read_json({"id": 7, "title": "T", "content": "Words here."})
    assert doc.text == "Words here." and doc.title == "T" and doc.metadata["record_id"] == "7"
    [bad] = read_json({"id": 8, "summary": "no text field"}, uri="bad.json")
    assert bad.errors and "has no text" in bad.errors[0].message and "bad.json" in bad.errors[0].message
    [bad] = read_json({"story": "x"}, uri="bad.json", text_field="story", id_field="key")
    assert bad.errors and "'key'" in bad.errors[0].message


def test_invalid_json_file_is_one_error_record():
    [doc] = read_json(b'{"headline": "x", ', uri="broken.json")
    assert doc.errors and doc.errors[0].message.startswith("broken.json: not valid JSON")


# --------------------------------------------------------------------------- JSONL
def test_jsonl_bad_line_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"title": "One", "text": "First story."}\n'
        '{"title": "Two", "text": \n'
        "\n"
        '{"headline": "Three", "body_text": "Third story."}\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    docs = list(Pipeline(stages=[]).run([str(path)]))
    assert len(docs) == 4
    assert [d.title for d in docs] == ["One", None, "Three", None]
    assert not docs[0].errors and not docs[2].errors
    assert f"{path}: line 2: not valid JSON" in docs[1].errors[0].message
    assert docs[1].metadata["line"] == 2
    assert f"{path}: line 5: a record must be a JSON object" in docs[3].errors[0].message
    assert docs[2].metadata["line"] == 4 and docs[2].source.format == "jsonl"
    line = b'{"title": "One", "text": "First story."}'
    assert docs[0].id == make_document_id(str(path), sha256_hex(line), 1)


def test_jsonl_line_over_the_limit_is_skipped_without_holding_it():
    data = b'{"text": "ok"}\n{"text": "' + b"x" * 5000 + b'"}\n{"text": "after"}\n'
    docs = list(JsonlReader(max_line_bytes=1000).read(InputItem(uri="big.jsonl", data=data)))
    assert [d.text for d in docs] == ["ok", "", "after"]
    assert "line 2: longer than max_line_bytes" in docs[1].errors[0].message


# --------------------------------------------------------------------------- round trip
def rich_document() -> Document:
    text = "Mayor backs plan\n\n“We will build it,” said Mayor Ann Lee.\n\nSource: Example Wire"
    q_start = text.index("We will")
    q_end = text.index(",”")
    name_start = text.index("Mayor Ann Lee")
    return Document(
        id="doc-1", source=Source(uri="in/story.txt", format="text", sha256="ab" * 32), text=text,
        title="Mayor backs plan",
        metadata={"encoding": "utf-8", "source_credit": "Example Wire", "nested": {"a": [1, 2.5, None]}},
        paragraphs=[Paragraph(0, 16, "title"), Paragraph(18, text.index("\n\nSource"), "body"),
                    Paragraph(text.index("Source"), len(text), "boilerplate")],
        quotes=[Quote("q1", q_start, q_end, "direct", speaker="Ann Lee",
                      speaker_mention=Mention("Mayor Ann Lee", name_start, name_start + 13),
                      cue=Mention("said", text.index("said"), text.index("said") + 4), confidence=0.875)],
        speakers=[Speaker("Ann Lee", ("Mayor",), (Mention("Mayor Ann Lee", name_start, name_start + 13),))],
        spans={"entities": [Span(name_start, name_start + 13, "PERSON", {"score": 0.5})]},
    )


@pytest.mark.parametrize("exporter, suffix", [(JsonlExporter, ".jsonl"), (JsonExporter, ".json")])
def test_export_ingest_export_is_byte_identical(tmp_path, exporter, suffix):
    story = tmp_path / "story.txt"
    story.write_text("Title line\n\nLONDON (Reuters) - Body one.\n\nSource: Wire\n", encoding="utf-8")
    first = tmp_path / f"first{suffix}"
    out = exporter(str(first))
    out.write(rich_document())
    for doc in Pipeline(stages=[]).run([str(story)]):
        out.write(doc)
    out.close()
    second = tmp_path / f"second{suffix}"
    out = exporter(str(second))
    docs = list(Pipeline(stages=[]).run([str(first)]))
    assert len(docs) == 2 and not any(d.errors for d in docs)
    for doc in docs:
        out.write(doc)
    out.close()
    assert second.read_bytes() == first.read_bytes()
    assert docs[0] == rich_document()


# --------------------------------------------------------------------------- sniffing
def test_content_sniffing_for_stdin_and_unknown_suffixes(tmp_path):
    assert docpipe_detect_format("-", b'  {"a": 1}\n{"a": 2}\n') == "jsonl"
    assert docpipe_detect_format("-", b'{\n  "a": 1\n}\n') == "json"
    assert docpipe_detect_format("-", b"[1, 2]") == "json"
    assert docpipe_detect_format("-", b"Plain title\n") is None
    path = tmp_path / "records.data"
    path.write_text('{"title": "A", "text": "a."}\n{"title": "B", "text": "b."}\n')
    docs = list(Pipeline(stages=[]).run([str(path)]))
    assert [d.title for d in docs] == ["A", "B"] and docs[0].source.format == "jsonl"


def test_deeply_nested_json_is_a_clear_error_record():
    [doc] = read_json(b"[" * 100_000, uri="deep.json")
    assert doc.errors and doc.errors[0].type == "InputError"
    assert doc.errors[0].message == "deep.json: the JSON is nested too deeply to read"
    docs = list(JsonlReader().read(InputItem(uri="deep.jsonl", data=b'{"text": "ok"}\n' + b"[" * 100_000 + b"\n")))
    assert docs[0].text == "ok" and "line 2: nested too deeply" in docs[1].errors[0].message
