"""docpipe inside another program: a tiny WSGI web service (standard library only).

    POST /quotes   body: the article as UTF-8 text, or JSON {"text": ..., "id": ..., "title": ...}
                   -> 200 JSON {"id", "title", "quotes": [...], "speakers": [...], "quote_stats", "errors"}
    GET  /health   -> 200 JSON {"status": "ok", "stages": [...]}

Run it with ``python examples/embedding/app.py --port 8000`` and try
``curl --data-binary @article.txt http://localhost:8000/quotes``.

The pipeline is built once, in code, when the application is created: registered stages
by name (``"quotes"``) next to a stage *object* of this program (:class:`QuoteStats`).
Each request runs it on one text in this process with :meth:`Pipeline.process_text` and
turns the resulting :class:`docpipe.Document` into the response.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docpipe import Document, Engine, Pipeline
from quote_stats import QuoteStats  # the folder of this file is on sys.path when it runs as a script

MAX_BODY = 1_000_000  # bytes; a web service must bound what it reads


def build_pipeline(stages: Sequence[Any] | None = None) -> Pipeline:
    """The service's pipeline: the ``quotes`` stage, then this program's own :class:`QuoteStats`.

    ``Engine(autoload=False)``: the service uses the built-in plugins only, whatever else
    happens to be installed, so its behaviour does not change behind its back.
    """
    if stages is None:
        stages = ["quotes", QuoteStats()]
    return Pipeline(stages, engine=Engine(autoload=False))


def document_response(doc: Document) -> dict[str, Any]:
    """The JSON body for one processed document (a subset of the JSONL output contract)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "quotes": [
            {"id": q.id, "text": doc.text[q.start:q.end], "speaker": q.speaker, "kind": q.kind,
             "start": q.start, "end": q.end, "nested_in": q.nested_in}
            for q in doc.quotes
        ],
        "speakers": [{"name": s.name, "titles": list(s.titles)} for s in doc.speakers],
        "quote_stats": doc.metadata.get("quote_stats"),
        "errors": [{"stage": e.stage, "type": e.type, "message": e.message} for e in doc.errors],
    }


def _json(start_response: Callable, status: str, body: Any) -> Iterable[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                            ("Content-Length", str(len(data)))])
    return [data]


def make_app(pipeline: Pipeline | None = None) -> Callable:
    """A WSGI application around ``pipeline`` (default: :func:`build_pipeline`)."""
    pipeline = pipeline or build_pipeline()
    stage_names = list(pipeline.stage_names)  # builds the stages now: a bad name fails at start-up

    def app(environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        if path == "/health" and method == "GET":
            return _json(start_response, "200 OK", {"status": "ok", "stages": stage_names})
        if path != "/quotes":
            return _json(start_response, "404 Not Found", {"error": f"no such endpoint: {path}"})
        if method != "POST":
            return _json(start_response, "405 Method Not Allowed", {"error": "POST the text to /quotes"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return _json(start_response, "400 Bad Request",
                         {"error": f"send a body of 1 to {MAX_BODY} bytes with a Content-Length"})
        body = environ["wsgi.input"].read(length)
        try:
            fields = _parse_body(body, environ.get("CONTENT_TYPE", ""))
        except ValueError as exc:
            return _json(start_response, "400 Bad Request", {"error": str(exc)})
        doc = pipeline.process_text(fields["text"], id=fields.get("id"), title=fields.get("title"))
        # A stage failure is not a server error: the document comes back with its errors.
        return _json(start_response, "200 OK", document_response(doc))

    return app


def _parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"the body is not UTF-8: {exc}") from None
    if content_type.split(";")[0].strip() == "application/json":
        try:
            fields = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc}") from None
        if not isinstance(fields, dict) or not isinstance(fields.get("text"), str):
            raise ValueError('JSON bodies must be objects with a "text" string')
        return fields
    return {"text": text}


def main(argv: Sequence[str] | None = None) -> None:
    from wsgiref.simple_server import make_server

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with make_server(args.host, args.port, make_app()) as server:
        print(f"serving on http://{args.host}:{args.port}/quotes (Ctrl-C stops)")
        server.serve_forever()


if __name__ == "__main__":
    main()
