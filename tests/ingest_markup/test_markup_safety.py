"""Hostile XML and HTML: entity bombs, external entities and DTDs, deep nesting, huge nodes, garbage.

Every case must end in a correct document or an error record with a clear message, never in
an expanded entity, a file read, a network connection, a crash or a hang.
"""

from __future__ import annotations

import os
import socket
import threading

import pytest
from docpipe.components import InputItem
from docpipe.errors import InputError
from docpipe.ingest import read_item
from docpipe_builtins.html_reader import HtmlReader
from docpipe_builtins.xml_reader import XmlReader

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE story [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<story><headline>Laughs &lol9;</headline><content>Before &lol9; after.</content></story>"""


def xml_docs(data: bytes, **options) -> list:
    """Documents (or error records) exactly as the pipeline would produce them."""
    return list(read_item(InputItem(uri="hostile.xml", data=data), XmlReader(**options), "xml"))


def html_docs(data: bytes, **options) -> list:
    return list(read_item(InputItem(uri="hostile.html", data=data), HtmlReader(**options), "html"))


def test_billion_laughs_is_refused_with_a_clear_error():
    [doc] = xml_docs(BILLION_LAUGHS)
    assert doc.text == ""
    assert "entity bomb" in doc.errors[0].message


SMALL_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE story [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<story><headline>Laughs &lol2;</headline><content>Before &lol2; after.</content></story>"""


def test_entities_below_the_parser_limit_are_not_expanded():
    [doc] = xml_docs(SMALL_BOMB)
    assert not doc.errors
    assert doc.title == "Laughs"
    assert doc.text == "Laughs\n\nBefore after."
    assert doc.metadata["entities_not_expanded"] is True
    assert doc.metadata["entity_references_dropped"] == 2


def test_entities_are_not_expanded_by_a_string_xpath():
    # XPath string() would expand internal entities; references are removed before any XPath runs.
    [doc] = xml_docs(SMALL_BOMB, title_xpath="string(headline)", body_xpath="string(content)")
    assert doc.text == "Laughs\n\nBefore after."
    assert "lol" not in doc.text


def test_billion_laughs_in_html_is_not_expanded():
    page = b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' \
           b"<html><body><article><p>Text &b;&b;&b; with a long enough sentence to count as the article body.</p>" \
           b"</article></body></html>"
    [doc] = html_docs(page)
    assert "aaaaaaaaaa" not in doc.text
    assert len(doc.text) < 300


def test_external_entity_file_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        data = (f'<?xml version="1.0"?><!DOCTYPE story [<!ENTITY xxe SYSTEM "{target}">]>'
                f"<story><headline>H</headline><content>Leak: &xxe; end.</content></story>").encode()
        [doc] = xml_docs(data)
        assert doc.text == "H\n\nLeak: end."
        assert "TOP-SECRET-MARKER" not in doc.text and "root:" not in doc.text


def test_parameter_entity_and_external_dtd_file_are_not_loaded(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY injected "INJECTED-FROM-DTD">')
    data = (f'<?xml version="1.0"?><!DOCTYPE story SYSTEM "{dtd.as_uri()}">'
            f"<story><headline>H</headline><content>Value: &injected; end.</content></story>").encode()
    [doc] = xml_docs(data)
    assert "INJECTED-FROM-DTD" not in doc.text
    data = (f'<?xml version="1.0"?><!DOCTYPE story [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>'
            f"<story><headline>H</headline><content>Value: &injected; end.</content></story>").encode()
    for doc in xml_docs(data):
        assert "INJECTED-FROM-DTD" not in doc.text


@pytest.fixture
def listening_server():
    """A TCP server on localhost that records whether anybody connected."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_external_dtd_and_entities_never_touch_the_network(listening_server):
    port, connections = listening_server
    url = f"http://127.0.0.1:{port}/evil.dtd"
    body = "<story><headline>H</headline><content>Body &x; text.</content></story>"
    cases = [
        f'<?xml version="1.0"?><!DOCTYPE story SYSTEM "{url}">{body}',
        f'<?xml version="1.0"?><!DOCTYPE story [<!ENTITY x SYSTEM "{url}">]>{body}',
    ]
    for case in cases:
        for doc in xml_docs(case.encode()):
            assert "Body" in doc.text or doc.errors
    page = f'<!DOCTYPE html SYSTEM "{url}"><html><body><p>Hello there, a page.</p></body></html>'
    html_docs(page.encode())
    assert connections == []


def test_deep_xml_nesting_is_refused_with_a_clear_error():
    depth = 5000
    data = b"<story><headline>H</headline><content>" + b"<a>" * depth + b"x" + b"</a>" * depth \
        + b"</content></story>"
    [doc] = xml_docs(data)
    assert doc.errors
    assert "nested deeper than 256 levels" in doc.errors[0].message


def test_deep_html_nesting_is_refused_with_a_clear_error():
    depth = 5000
    page = b"<html><body>" + b"<div>" * depth + b"<p>Deep text that is long enough to be a paragraph of prose.</p>" \
        + b"</div>" * depth + b"</body></html>"
    [doc] = html_docs(page)
    assert "HTML nested deeper than 256 levels" in doc.errors[0].message


def test_html_nesting_below_the_limit_is_read():
    depth = 200
    page = b"<html><body>" + b"<div>" * depth + b"<p>Deep text that is long enough to be a paragraph of prose.</p>" \
        + b"</div>" * depth + b"</body></html>"
    [doc] = html_docs(page)
    assert not doc.errors
    assert "Deep text that is long enough" in doc.text


def test_huge_text_node_is_refused():
    big = b"word " * 2_200_000  # 11 MB in one text node, over libxml2's 10 MB limit
    [doc] = xml_docs(b"<story><headline>H</headline><content>" + big + b"</content></story>")
    assert "10 MB" in doc.errors[0].message
    [doc] = html_docs(b"<html><body><p>" + big + b"</p></body></html>")
    assert "safety limits" in doc.errors[0].message


@pytest.mark.parametrize("reader", ["xml", "html"])
def test_max_document_bytes_is_enforced(reader):
    data = b"<story><headline>H</headline><content>" + b"text " * 1000 + b"</content></story>"
    docs = xml_docs(data, max_document_bytes=1024) if reader == "xml" else html_docs(data, max_document_bytes=1024)
    assert "over the limit of 1024 bytes" in docs[0].errors[0].message


@pytest.mark.parametrize("reader", ["xml", "html"])
def test_binary_garbage_is_an_error_record(reader):
    garbage = bytes(range(256)) * 40 + os.urandom(2000)
    docs = xml_docs(garbage) if reader == "xml" else html_docs(garbage)
    assert len(docs) == 1
    assert "binary data" in docs[0].errors[0].message


@pytest.mark.parametrize("reader", ["xml", "html"])
@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input_is_an_error_record(reader, data):
    docs = xml_docs(data) if reader == "xml" else html_docs(data)
    assert "empty input" in docs[0].errors[0].message


def test_truncated_xml_is_an_error_record():
    [doc] = xml_docs(b"<story><headline>H</headline><content>cut off here")
    assert "not well-formed XML" in doc.errors[0].message


def test_reader_raises_input_error_when_called_directly():
    with pytest.raises(InputError, match="empty input"):
        list(XmlReader().read(InputItem(uri="e.xml", data=b"")))
