"""Cross-check: the XML and HTML readers are safe on hostile markup (docs/guarantees.md, "Hostile input").

Independent of the readers' own tests (tests/ingest_markup): every case goes through the real
reader via ``docpipe.ingest.read_item`` (what a run does) and must finish quickly, with valid
documents or an error record, and must not leak what an attack tries to pull in:

* entity expansion: billion laughs, quadratic blow-up;
* external entities (a local file with a secret), external DTDs and parameter entities (a local
  file), DTD fetches over the network (a local HTTP server counts the requests: there must be none);
* deep nesting (100,000 levels);
* mislabelled encodings (an XML declaration or a ``<meta charset>`` that lies, an unknown one).
"""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from docpipe import Engine, InputItem
from docpipe.ingest import read_item
from reliability_helpers import check_document

ENGINE = Engine()
SECRET = "TOPSECRET-4711"
LEAK = "LEAKED-FROM-DTD"
MAX_SECONDS = 20  # generous: a billion-laughs expansion would take hours and gigabytes


def _read(reader_name: str, data: bytes, uri: str | None = None):
    reader = ENGINE.build_reader(reader_name)
    started = time.monotonic()
    docs = list(read_item(InputItem(uri=uri or f"hostile.{reader_name}", data=data, format=reader_name),
                          reader, reader_name))
    assert time.monotonic() - started < MAX_SECONDS
    assert docs, "every input yields at least one document or error record"
    for doc in docs:
        check_document(doc)
        assert len(doc.text) < 5_000_000, "an entity was expanded"
        blob = doc.text + (doc.title or "") + repr(dict(doc.metadata))
        assert SECRET not in blob and LEAK not in blob
    return docs


@pytest.fixture
def secrets(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{LEAK}">\n<!ENTITY % inner "<!ENTITY leak2 \'{LEAK}\'>">\n%inner;\n',
                   encoding="utf-8")
    return secret.as_uri(), dtd.as_uri()


@pytest.fixture
def counting_server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = f'<!ENTITY leak "{LEAK}">'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml-dtd")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def _article(body: str, doctype: str = "", decl: str = "<?xml version='1.0' encoding='utf-8'?>") -> bytes:
    return (f"{decl}\n{doctype}\n<article><title>Harbour</title><body><p>Before {body} after, "
            f"\u201cwe stay,\u201d she said.</p></body></article>").encode()


LAUGHS = ("<!DOCTYPE article [<!ENTITY l0 'lol'>"
          + "".join(f"<!ENTITY l{i} '{('&l' + str(i - 1) + ';') * 10}'>" for i in range(1, 10)) + "]>")
QUADRATIC = f"<!DOCTYPE article [<!ENTITY big '{'x' * 50_000}'>]>"

needs_xml = pytest.mark.skipif("xml" not in ENGINE.registry.readers, reason="xml reader not registered yet")


@needs_xml
def test_xml_billion_laughs_is_not_expanded():
    _read("xml", _article("&l9;", LAUGHS))


@needs_xml
def test_xml_quadratic_blowup_is_not_expanded():
    _read("xml", _article("&big;" * 20_000, QUADRATIC))


@needs_xml
def test_xml_external_entity_does_not_read_local_files(secrets):
    secret_uri, _dtd = secrets
    _read("xml", _article("&xxe;", f'<!DOCTYPE article [<!ENTITY xxe SYSTEM "{secret_uri}">]>'))


@needs_xml
def test_xml_external_dtd_and_parameter_entities_are_not_loaded(secrets):
    _secret, dtd_uri = secrets
    _read("xml", _article("&leak;", f'<!DOCTYPE article SYSTEM "{dtd_uri}">'))
    _read("xml", _article("&leak2;", f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{dtd_uri}"> %p;]>'))


@needs_xml
def test_xml_never_fetches_a_dtd_over_the_network(counting_server):
    base, hits = counting_server
    _read("xml", _article("&leak;", f'<!DOCTYPE article SYSTEM "{base}/evil.dtd">'))
    _read("xml", _article("&leak;", f'<!DOCTYPE article [<!ENTITY % p SYSTEM "{base}/p.dtd"> %p;]>'))
    _read("xml", _article("&net;", f'<!DOCTYPE article [<!ENTITY net SYSTEM "{base}/entity.txt">]>'))
    _read("xml", (f"<?xml version='1.0'?><?xml-stylesheet href='{base}/style.xsl'?>"
                  f"<article xmlns:xi='http://www.w3.org/2001/XInclude'><title>T</title><body><p>x "
                  f"<xi:include href='{base}/inc.xml' parse='text'/></p></body></article>").encode())
    assert hits == []


@needs_xml
def test_xml_deep_nesting_is_survived():
    depth = 100_000
    _read("xml", ("<?xml version='1.0'?><article><title>T</title><body>" + "<div>" * depth + "deep"
                  + "</div>" * depth + "</body></article>").encode())


@needs_xml
@pytest.mark.parametrize(("declared", "actual"), [
    ("utf-16", "utf-8"), ("iso-8859-1", "utf-8"), ("utf-8", "latin-1"), ("x-klingon", "utf-8"),
    ("utf-32", "utf-8"), ("ascii", "utf-8"),
])
def test_xml_mislabelled_encodings(declared, actual):
    text = (f"<?xml version='1.0' encoding='{declared}'?><article><title>Caf\u00e9</title><body><p>"
            "\u201cNa\u00efve,\u201d she said.</p></body></article>")
    _read("xml", text.encode(actual, errors="replace"))


@pytest.mark.parametrize("doctype", [LAUGHS, QUADRATIC])
def test_html_ignores_entity_definitions(doctype):
    page = f"{doctype}<html><body><p>Before &l9; &big; after, \u201cwe stay,\u201d she said.</p></body></html>"
    _read("html", page.encode("utf-8"))


def test_html_never_fetches_anything(counting_server, secrets):
    base, hits = counting_server
    secret_uri, dtd_uri = secrets
    page = (f'<!DOCTYPE html SYSTEM "{base}/evil.dtd"><html><head><link rel="stylesheet" href="{base}/s.css">'
            f'<script src="{base}/x.js"></script><base href="{base}/"></head><body>'
            f'<iframe src="{secret_uri}"></iframe><img src="{base}/i.png"><object data="{dtd_uri}"></object>'
            f"<p>Body text &leak; here, \u201cwe stay,\u201d she said.</p></body></html>")
    _read("html", page.encode("utf-8"))
    assert hits == []


def test_html_deep_nesting_is_survived():
    depth = 100_000
    _read("html", ("<html><body>" + "<div>" * depth + "<p>deep text here</p>" + "</div>" * depth
                   + "</body></html>").encode())


@pytest.mark.parametrize(("declared", "actual"), [
    ("utf-16", "utf-8"), ("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("x-klingon", "utf-8"), ("utf-32", "utf-8"),
])
def test_html_mislabelled_encodings(declared, actual):
    page = (f"<html><head><meta charset='{declared}'><title>Caf\u00e9</title></head><body>"
            f"<p>\u201cNa\u00efve,\u201d she said in the caf\u00e9.</p></body></html>")
    docs = _read("html", page.encode(actual, errors="replace"))
    if not docs[0].errors and actual == "utf-8":
        assert "Na\u00efve" in docs[0].text  # a lying label must not turn valid UTF-8 into mojibake


def test_json_html_bodies_do_not_expand_or_fetch(counting_server, secrets):
    base, hits = counting_server
    secret_uri, _ = secrets
    import json

    record = {"headline": "H", "body_html": f'{LAUGHS}<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret_uri}">]>'
                                            f'<p>&l9; &xxe; <img src="{base}/i.png"> text</p>'}
    _read("json", json.dumps(record).encode())
    assert hits == []


def test_html_meta_utf16_label_on_a_utf8_page_is_read_as_utf8():
    page = "<html><head><meta charset='utf-16'></head><body><p>\u201cNa\u00efve,\u201d she said.</p></body></html>"
    (doc,) = _read("html", page.encode("utf-8"))
    assert "Na\u00efve" in doc.text
