"""examples/embedding: docpipe as a library inside a WSGI service and a batch script.

The WSGI application is called directly with a WSGI environ (no server, no network).
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys

import pytest
from docpipe import Document, Engine, Quote
from example_install import REPO, plugin_env

EMBEDDING = REPO / "examples" / "embedding"
sys.path.insert(0, str(EMBEDDING))  # app.py and script.py import quote_stats, as they do when run as scripts


def _load(name: str, filename: str):
    """Import an example file under a unique module name (``app`` is too common a name to take)."""
    spec = importlib.util.spec_from_file_location(name, EMBEDDING / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


app = _load("docpipe_example_app", "app.py")
script = _load("docpipe_example_script", "script.py")
from quote_stats import QuoteStats  # noqa: E402

ARTICLE = (
    "Talks resume in the capital\n"
    "“We will keep the embassy open,” said Foreign Minister Anna Berg.\n"
    "“Nothing has changed,” she added.\n"
)

_has_quotes = "quotes" in Engine(autoload=False).registry.stages
needs_quotes = pytest.mark.skipif(not _has_quotes, reason="the built-in quotes stage is not available yet")


def call(application, method="GET", path="/", body=b"", content_type="text/plain; charset=utf-8"):
    """Call a WSGI application the way a server would; return (status, headers, parsed JSON)."""
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "CONTENT_TYPE": content_type,
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    chunks = b"".join(application(environ, start_response))
    assert seen["headers"]["Content-Length"] == str(len(chunks))
    return seen["status"], seen["headers"], json.loads(chunks)


class MarkFirstSentence:
    """A stand-in quote finder for tests that must not depend on the quotes stage."""

    name = "fake_quotes"

    def process(self, doc: Document) -> Document:
        start = doc.text.index("“") + 1
        end = doc.text.index("”")
        return doc.evolve(quotes=[Quote("q1", start, end, speaker="Anna Berg")])


@pytest.fixture(scope="module")
def fake_app():
    return app.make_app(app.build_pipeline([MarkFirstSentence(), QuoteStats()]))


def test_post_text_returns_the_document_as_json(fake_app):
    status, headers, body = call(fake_app, "POST", "/quotes", ARTICLE.encode("utf-8"))
    assert status == "200 OK" and headers["Content-Type"].startswith("application/json")
    assert body["title"] == ARTICLE.splitlines()[0]  # read like a .txt file: the first line is the title
    assert body["quotes"] == [{"id": "q1", "text": "We will keep the embassy open,", "speaker": "Anna Berg",
                               "kind": "direct", "start": 29, "end": 59, "nested_in": None}]
    assert body["quote_stats"] == {"quotes": 1, "quoted_share": round(30 / len(ARTICLE), 3),
                                   "by_speaker": {"Anna Berg": 1}}
    assert body["errors"] == []


def test_post_json_with_id(fake_app):
    payload = json.dumps({"text": "“Yes,” he said.", "id": "note-7", "title": "Headline"}).encode()
    status, _, body = call(fake_app, "POST", "/quotes", payload, "application/json")
    assert status == "200 OK" and body["id"] == "note-7" and body["title"] == "Headline"
    assert body["quotes"][0]["text"] == "Yes,"


def test_bad_requests(fake_app):
    assert call(fake_app, "POST", "/quotes", b"")[0].startswith("400")
    assert call(fake_app, "POST", "/quotes", b"\xff\xfe")[0].startswith("400")
    status, _, body = call(fake_app, "POST", "/quotes", b"[1]", "application/json")
    assert status.startswith("400") and "text" in body["error"]
    assert call(fake_app, "GET", "/quotes")[0].startswith("405")
    assert call(fake_app, "GET", "/nowhere")[0].startswith("404")
    assert call(fake_app, "GET", "/health")[2] == {"status": "ok", "stages": ["fake_quotes", "quote_stats"]}


def test_a_failing_stage_is_reported_in_the_response_not_as_a_server_error():
    application = app.make_app(app.build_pipeline([MarkFirstSentence()]))
    status, _, body = call(application, "POST", "/quotes", b"no quote marks here")
    assert status == "200 OK"
    assert body["errors"][0]["stage"] == "fake_quotes" and body["errors"][0]["type"] == "ValueError"


def test_quote_stats_on_a_document_without_quotes():
    doc = QuoteStats().process(Document(id="d", source=docpipe_source(), text="plain"))
    assert doc.metadata["quote_stats"] == {"quotes": 0, "quoted_share": 0.0, "by_speaker": {}}


def docpipe_source():
    from docpipe import Source

    return Source("<test>")


@needs_quotes
def test_the_default_service_finds_real_quotes():
    status, _, body = call(app.make_app(), "POST", "/quotes", ARTICLE.encode("utf-8"))
    assert status == "200 OK", body
    texts = [q["text"] for q in body["quotes"]]
    assert any("keep the embassy open" in t for t in texts)
    assert body["quote_stats"]["quotes"] == len(body["quotes"]) >= 1


def test_the_script_tallies_over_files_and_reports_failures(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other news\n“Fine,” said Anna Berg.\n", encoding="utf-8")
    speakers, failures = script.tally([str(tmp_path), str(tmp_path / "missing.txt")],
                                      stages=[MarkFirstSentence(), QuoteStats()])
    assert speakers == {"Anna Berg": 2}
    assert len(failures) == 1 and "missing.txt" in failures[0]


@pytest.mark.slow
@needs_quotes
def test_the_script_as_a_program_with_worker_processes(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Anna Berg", "Tom Ray"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(EMBEDDING / "script.py"), str(tmp_path), "-j", "2"],
                            env=plugin_env(None), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the script printed no speakers"
