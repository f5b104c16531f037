"""Helpers and pytest fixtures for testing docpipe plugins.

Plugin packages use these in their own tests::

    from docpipe.testing import assert_spans_valid, build_document, make_engine
    import my_plugin

    def test_my_stage_tags_names():
        engine = make_engine(my_plugin)                 # only my plugin (+ what a run needs)
        stage = engine.build_stage("my_stage")
        doc = stage.process(build_document("Anna Berg met Tom Ray."))
        assert_spans_valid(doc)

* :func:`make_engine` builds an :class:`~docpipe.engine.Engine` with exactly the plugins you
  give it, never the ones installed on the machine.
* :func:`build_document` builds a :class:`~docpipe.model.Document` from text, with paragraphs
  and quotes given by their *text* rather than by offsets.
* :func:`assert_spans_valid`, :func:`assert_quote` and :func:`assert_span` check annotations
  with messages that show what the document holds.
* :func:`run_cli` runs the ``docpipe`` command in this process and captures its output.

When pytest is installed, this module is also a pytest plugin (entry point ``pytest11``)
that provides the fixtures ``docpipe_engine`` and ``docpipe_document`` and the marker
``docpipe_plugins``. Nothing here is imported by docpipe itself.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any

import attrs

from docpipe.engine import Engine
from docpipe.model import Document, Mention, Paragraph, Quote, Span, line_paragraphs, make_document, validate_spans
from docpipe.serialize import document_from_dict, document_to_dict

__all__ = [
    "RUNTIME_PLUGINS",
    "CliResult",
    "assert_quote",
    "assert_span",
    "assert_spans_valid",
    "build_document",
    "find_text",
    "make_engine",
    "run_cli",
]

#: The built-in plugins a run cannot do without: the plain-text reader, the JSONL/JSON
#: exporters and the local executor. :func:`make_engine` adds them unless ``runtime=False``.
RUNTIME_PLUGINS: tuple[str, ...] = (
    "docpipe_builtins.text_reader",
    "docpipe_builtins.export_json",
    "docpipe_builtins.local_executor",
)

_ANY = object()


# ----------------------------------------------------------------------------------- engines
def make_engine(*plugins: str | ModuleType | object, builtins: bool = False, runtime: bool = True) -> Engine:
    """An engine with only the given plugins: entry points and ``DOCPIPE_PLUGINS`` are ignored.

    :param plugins: plugin modules or objects with ``@docpipe.hookimpl`` functions, or module
        paths (``"my_plugin.hooks"``) loaded as ``-p`` would. ``"no:NAME"`` blocks a plugin.
    :param builtins: also load every built-in plugin (readers, quotes, dedup, exporters, executors).
    :param runtime: when ``builtins`` is false, still load :data:`RUNTIME_PLUGINS` so that
        :meth:`Pipeline.run <docpipe.pipeline.Pipeline.run>` can read ``.txt`` files, use the
        local executor and export JSONL.
    :raises docpipe.errors.PluginLoadError: one of the given plugins failed to load (a test
        should see that, not a silently missing plugin).
    """
    names = [p for p in plugins if isinstance(p, str)]
    objects = [p for p in plugins if not isinstance(p, str)]
    if not builtins and runtime:
        names = [*RUNTIME_PLUGINS, *names]
    engine = Engine(plugins=names, objects=objects, builtins=builtins, autoload=False)
    wanted = {n for n in names if not n.startswith("no:")}
    failed = [r for r in engine.plugin_reports if r.status == "failed" and (r.name in wanted or r.source == "object")]
    if failed:
        from docpipe.errors import PluginLoadError

        raise PluginLoadError("; ".join(f"plugin {r.name!r} failed to load: {r.error}" for r in failed))
    return engine


# ----------------------------------------------------------------------------------- documents
def find_text(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """``(start, end)`` of the first occurrence of ``needle`` in ``text`` at or after ``start``.

    :raises ValueError: ``needle`` does not occur there (the message shows both).
    """
    at = text.find(needle, start)
    if at < 0:
        raise ValueError(f"{needle!r} does not occur in the text after offset {start}: {text!r}")
    return at, at + len(needle)


def _mention(text: str, value: str | Mention | None, near: int) -> Mention | None:
    if value is None or isinstance(value, Mention):
        return value
    # Prefer the occurrence closest to the quote, which is where an attribution would be.
    candidates = []
    at = text.find(value)
    while at >= 0:
        candidates.append(at)
        at = text.find(value, at + 1)
    if not candidates:
        raise ValueError(f"mention {value!r} does not occur in the text")
    best = min(candidates, key=lambda c: abs(c - near))
    return Mention(value, best, best + len(value))


def build_document(
    text: str,
    *,
    paragraphs: Iterable[Paragraph | str | tuple] | None = None,
    quotes: Iterable[Quote | str | Mapping[str, Any]] = (),
    spans: Mapping[str, Iterable[Span | str | tuple]] | None = None,
    title: str | None = None,
    id: str | None = None,
    uri: str = "<test>",
    metadata: Mapping[str, Any] | None = None,
) -> Document:
    """A document for a test, with annotations given by their text instead of offsets.

    :param paragraphs: ``None``: one ``body`` paragraph per non-blank line. Otherwise a list of
        :class:`~docpipe.model.Paragraph` objects, paragraph *texts* (found in order), or
        ``(text, role)`` pairs.
    :param quotes: :class:`~docpipe.model.Quote` objects, quote texts (found in order, without
        the quote marks), or mappings with ``text`` and any :class:`Quote` field; ``speaker_mention``
        and ``cue`` may be given as strings (the occurrence nearest the quote is used). Quotes get
        the ids ``q1``, ``q2``, ... unless they have one.
    :param spans: ``{group: [Span | text | (text, label)]}`` for ``Document.spans``.

    The result is validated like any document, so offsets are guaranteed to be right.
    """
    if paragraphs is None:
        paras = line_paragraphs(text)
    else:
        paras, pos = [], 0
        for item in paragraphs:
            if isinstance(item, Paragraph):
                paras.append(item)
                continue
            para_text, role = (item, "body") if isinstance(item, str) else (item[0], item[1])
            start, end = find_text(text, para_text, pos)
            paras.append(Paragraph(start, end, role))
            pos = end
    built_quotes: list[Quote] = []
    pos = 0
    for n, item in enumerate(quotes, start=1):
        if isinstance(item, Quote):
            built_quotes.append(item)
            continue
        fields = {"text": item} if isinstance(item, str) else dict(item)
        quote_text = fields.pop("text")
        start, end = find_text(text, quote_text, fields.pop("search_from", pos))
        pos = start + 1  # nested quotes start inside their parent
        for key in ("speaker_mention", "cue"):
            fields[key] = _mention(text, fields.get(key), start)
        built_quotes.append(Quote(id=fields.pop("id", f"q{n}"), start=start, end=end, **fields))
    built_spans: dict[str, list[Span]] = {}
    for group, items in (spans or {}).items():
        out, pos = [], 0
        for item in items:
            if isinstance(item, Span):
                out.append(item)
                continue
            span_text, label = (item, "") if isinstance(item, str) else (item[0], item[1])
            start, end = find_text(text, span_text, pos)
            out.append(Span(start, end, label))
            pos = end
        built_spans[group] = out
    doc = make_document(text, id=id or "test-doc", uri=uri, title=title, paragraphs=paras, metadata=metadata)
    return doc.evolve(quotes=built_quotes, spans=built_spans)


# ----------------------------------------------------------------------------------- assertions
def assert_spans_valid(doc: Document) -> None:
    """Fail unless every annotation of ``doc`` is well-formed and the document survives JSON.

    Checks what :func:`docpipe.model.validate_spans` checks (offsets inside the text, mention
    texts, unique quote ids, references that name existing quotes and paragraphs), that every
    ``spans`` group is a tuple of :class:`~docpipe.model.Span`, and that the JSON round trip
    (:func:`~docpipe.serialize.document_to_dict` / ``document_from_dict``) gives the same record.
    """
    __tracebackhide__ = True
    assert isinstance(doc, Document), f"expected a Document, got {type(doc).__name__}"
    validate_spans(doc)
    for group, spans in doc.spans.items():
        assert isinstance(group, str) and group, f"span group names must be non-empty strings, got {group!r}"
        bad = [s for s in spans if not isinstance(s, Span)]
        assert not bad, f"spans[{group!r}] holds non-Span objects: {bad!r}"
    record = document_to_dict(doc)
    again = document_to_dict(document_from_dict(record))
    assert again == record, f"document {doc.id!r} does not survive the JSON round trip"


def _describe_quotes(doc: Document) -> str:
    if not doc.quotes:
        return "the document has no quotes"
    return "quotes found:\n" + "\n".join(
        f"  {q.id}: {doc.text[q.start:q.end]!r} speaker={q.speaker!r} kind={q.kind}" for q in doc.quotes
    )


def assert_quote(
    doc: Document, text: str, *, speaker: Any = _ANY, kind: Any = _ANY, nested_in: Any = _ANY,
    continues: Any = _ANY, exact: bool = False,
) -> Quote:
    """Fail unless ``doc`` has a quote covering ``text``; return that quote.

    :param text: the quoted words (without quote marks). By default a quote *containing* ``text``
        matches (white space normalised); ``exact=True`` wants the covered text to be equal.
    :param speaker: when given, the quote's resolved speaker must equal it (``None`` = unattributed).
    :param kind: when given, ``direct``, ``indirect`` or ``mixed``.
    :param nested_in: when given, the id of the enclosing quote (``None`` = not nested).
    :param continues: when given, the id of the previous part of a split quotation (``None`` =
        a first or only part).
    """
    __tracebackhide__ = True

    def norm(s: str) -> str:
        return " ".join(s.split())

    wanted = norm(text)
    matches = [
        q for q in doc.quotes
        if (norm(doc.text[q.start:q.end]) == wanted if exact else wanted in norm(doc.text[q.start:q.end]))
    ]
    assert matches, f"no quote covers {text!r}; {_describe_quotes(doc)}"
    checks = {"speaker": speaker, "kind": kind, "nested_in": nested_in, "continues": continues}
    for q in matches:
        if all(v is _ANY or getattr(q, k) == v for k, v in checks.items()):
            return q
    expected = ", ".join(f"{k}={v!r}" for k, v in checks.items() if v is not _ANY)
    raise AssertionError(f"a quote covers {text!r} but none has {expected}; {_describe_quotes(doc)}")


def assert_span(doc: Document, group: str, text: str, *, label: Any = _ANY) -> Span:
    """Fail unless ``doc.spans[group]`` has a span covering exactly ``text`` (and ``label``); return it."""
    __tracebackhide__ = True
    spans = doc.spans.get(group)
    assert spans is not None, f"the document has no span group {group!r} (groups: {sorted(doc.spans)})"
    for span in spans:
        if doc.text[span.start:span.end] == text and (label is _ANY or span.label == label):
            return span
    found = [(doc.text[s.start:s.end], s.label) for s in spans]
    raise AssertionError(f"no span {text!r}" + ("" if label is _ANY else f" labelled {label!r}")
                         + f" in group {group!r}; spans found: {found}")


# ----------------------------------------------------------------------------------- the CLI
@attrs.frozen
class CliResult:
    """What :func:`run_cli` saw: the exit code and everything written to stdout and stderr."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        """stdout parsed as JSON (``docpipe plugins --json``, ``--to json``)."""
        import json

        return json.loads(self.stdout)

    @property
    def records(self) -> list[dict[str, Any]]:
        """stdout parsed as JSONL: one document record per line."""
        import json

        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None] | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in (env or {})}
    try:
        for key, value in (env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _chdir(path: str | os.PathLike | None) -> Iterator[None]:
    if path is None:
        yield
        return
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(
    args: Sequence[str] | str,
    *,
    stdin: str | bytes = b"",
    env: Mapping[str, str | None] | None = None,
    cwd: str | os.PathLike | None = None,
) -> CliResult:
    """Run ``docpipe ARGS`` in this process and capture its exit code, stdout and stderr.

    :param args: the arguments after ``docpipe``, as a list or one string split like a shell would.
    :param stdin: what the command reads from standard input (``docpipe run -``).
    :param env: environment variables to set (``None`` removes one) while the command runs, e.g.
        ``{"DOCPIPE_DISABLE_PLUGIN_AUTOLOAD": "1"}``.
    :param cwd: run in this directory.

    Plugins load as they would for the real command (entry points included, unless ``env``
    disables autoloading). Use a subprocess instead when a test needs real process isolation.
    """
    import shlex

    from docpipe.cli.main import main

    argv = shlex.split(args) if isinstance(args, str) else list(args)
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    raw_in = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    fake_in = io.TextIOWrapper(io.BytesIO(raw_in), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
    try:
        with _environment(env), _chdir(cwd):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's --help and --version exit
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        out.flush()
        err.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    return CliResult(int(code), out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8"))


# ----------------------------------------------------------------------------------- pytest plugin
try:  # pragma: no cover - exercised when pytest is present, which it is in every test run
    import pytest
except ImportError:  # docpipe.testing also works without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    def pytest_configure(config: Any) -> None:
        """Register the ``docpipe_plugins`` marker (so ``--strict-markers`` accepts it)."""
        config.addinivalue_line(
            "markers",
            "docpipe_plugins(*plugins, builtins=False): plugins the docpipe_engine fixture loads",
        )

    @pytest.fixture
    def docpipe_engine(request: Any) -> Engine:
        """An :class:`~docpipe.engine.Engine` with only the plugins named by the test's marker.

        ``@pytest.mark.docpipe_plugins("my_plugin", builtins=True)`` chooses them; without the
        marker the engine has the built-in plugins only (never the installed entry points).
        """
        marker = request.node.get_closest_marker("docpipe_plugins")
        if marker is None:
            return make_engine(builtins=True)
        return make_engine(*marker.args, **marker.kwargs)

    @pytest.fixture
    def docpipe_document() -> Any:
        """The :func:`build_document` function: ``doc = docpipe_document("text", quotes=["..."])``."""
        return build_document
