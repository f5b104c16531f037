"""Format sniffing (``docpipe_detect_format``) and the html/xml readers inside a real pipeline run."""

from __future__ import annotations

import codecs

import pytest
from docpipe.engine import Engine
from docpipe.pipeline import Pipeline
from docpipe_builtins.html_reader.sniff import sniff_format

G2 = "http://iptc.org/std/nar/2006-10-01/"


@pytest.mark.parametrize(("head", "expected"), [
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"  \n<!doctype HTML>\n<html>", "html"),
    (b"<!-- saved page --><html lang='en'><head>", "html"),
    (codecs.BOM_UTF8 + b"<html><body>", "html"),
    ('<!DOCTYPE html><html><body>x'.encode("utf-16"), "html"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html>', "html"),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="' + G2.encode() + b'">', "xml"),
    (b'<?xml version="1.0" encoding="utf8"?><ns0:newsMessage xmlns:ns0="x">', "xml"),
    (b"<nitf><head>", "xml"),
    (b'<TEI xmlns="http://www.tei-c.org/ns/1.0">', "xml"),
    (b'<newsItem xmlns="' + G2.encode() + b'" guid="x">', "xml"),
    (b"Plain wire text, first line is a headline\n\nBody.", None),
    (b'{"headline": "json"}', None),
    (b"<p>a fragment of something</p>", None),
    (b"", None),
])
def test_sniff_format(head, expected):
    assert sniff_format(head) == expected


def test_detect_format_hook_is_registered_by_the_builtin_plugin():
    engine = Engine(autoload=False)
    assert engine.hooks.detect_format("story", b"<!doctype html><html>") == "html"
    assert engine.hooks.detect_format("story", b"<?xml version='1.0'?><nitf/>") == "xml"
    readers = engine.registry.readers
    assert {".html", ".htm", ".xhtml"} <= set(readers["html"].suffixes)
    assert ".xml" in readers["xml"].suffixes


def test_pipeline_reads_suffixless_html_and_xml_by_content(tmp_path):
    (tmp_path / "tag_example_item_1").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><newsItem xmlns="{G2}" guid="urn:t:1"><contentMeta>'
        "<headline>Ferry service resumes</headline></contentMeta><contentSet>"
        '<inlineData contenttype="text/plain">Boats sail again from Monday.</inlineData></contentSet></newsItem>',
        encoding="utf-8")
    (tmp_path / "saved_page").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Quay works finish</title></head><body><article>"
        "<h1>Quay works finish</h1><p>The north quay reopened on Friday after six months of repairs, the council "
        "said, and the fish market will return there next week.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "page.htm").write_bytes(b"")  # empty: an error record, not a crash
    docs = list(Pipeline(stages=[], engine=Engine(autoload=False)).run([str(tmp_path)]))
    by_name = {d.source.uri.rsplit("/", 1)[-1]: d for d in docs}
    assert by_name["tag_example_item_1"].source.format == "xml"
    assert by_name["tag_example_item_1"].title == "Ferry service resumes"
    assert by_name["saved_page"].source.format == "html"
    assert "north quay reopened" in by_name["saved_page"].text
    assert "empty input" in by_name["page.htm"].errors[0].message


def test_pipeline_passes_reader_options(tmp_path):
    path = tmp_path / "custom.xml"
    path.write_text("<doc><meta><label>From XPath</label></meta><para>One.</para><para>Two.</para></doc>")
    pipeline = Pipeline(stages=[], engine=Engine(autoload=False),
                        reader_options={"xml": {"title_xpath": "meta/label", "body_xpath": "para"}})
    [doc] = list(pipeline.run([str(path)]))
    assert doc.title == "From XPath"
    assert doc.text == "From XPath\n\nOne.\n\nTwo."
