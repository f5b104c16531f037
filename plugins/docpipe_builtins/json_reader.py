"""JSON and JSONL readers: docpipe's own records, IPTC ninjs items, and generic records.

Three kinds of record, recognised per record:

* **docpipe records** (the export format, with ``schema_version``) are rebuilt exactly with
  :func:`docpipe.serialize.document_from_dict`, so export -> ingest -> export is byte-identical;
* **IPTC ninjs** items (``headline``, ``body_html``/``body_xhtml``/``body_text``/``bodies``, ``byline``,
  ``guid``/``uri``, ``language`` ...), also inside the wrappers news APIs put around them (a search
  response ``{"item": [...]}``, an AP Media response ``{"data": {"item": ...}}`` or ``{"data": {"items": [...]}}``).
  HTML bodies are turned into text with lxml (no network, no entity expansion, scripts dropped);
* **generic records**: the text, title and id come from the fields named by the reader options
  ``text_field``, ``title_field`` and ``id_field`` (or from the usual names: ``text``, ``body``,
  ``content`` ...; ``title``, ``headline``; ``id``, ``guid``, ``uri``).

``json`` reads a ``.json`` file holding one record or an array of records; ``jsonl`` streams a
``.jsonl``/``.ndjson`` file line by line (``multi_document``), so memory stays flat on huge files. A
bad record or line becomes an error document naming the file and the line; the others go on.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import docpipe
from docpipe.components import InputItem, ReaderSpec
from docpipe.decoding import decode_bytes, normalise_newlines
from docpipe.errors import InputError
from docpipe.model import Document, Paragraph, Source, error_document, make_document_id, sha256_hex
from docpipe.serialize import SchemaError, document_from_dict
from lxml import etree
from lxml import html as lxml_html

from docpipe_builtins.text_reader import analyse_text, assign_roles

#: Field names tried, in order, for generic records when no option names the field.
DEFAULT_TEXT_FIELDS = ("text", "body_text", "body", "content", "articleBody", "article", "story", "full_text")
DEFAULT_HTML_FIELDS = ("body_html", "body_xhtml", "html", "content_html")
DEFAULT_TITLE_FIELDS = ("title", "headline", "name")
DEFAULT_ID_FIELDS = ("id", "guid", "uri", "url")
#: Keys that hold the list of records in a wrapper object (a search or feed response).
WRAPPER_KEYS = ("items", "item", "documents", "records", "results", "articles", "data")
_NINJS_BODY_KEYS = ("body_html", "body_xhtml", "body_text", "bodies")
_NINJS_MARKERS = ("headline", "headlines", *_NINJS_BODY_KEYS)


class RecordError(InputError):
    """One record cannot become a document (no text, wrong type ...)."""


# --------------------------------------------------------------------------- HTML bodies
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                        "head", "title", "meta", "link", "button", "form", "select", "input", "textarea"})
_PARAGRAPH_ROLES = {
    "p": "body", "pre": "body", "address": "body", "dd": "body", "dt": "body", "td": "body", "th": "body",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list_item", "blockquote": "quote_block", "figcaption": "caption", "caption": "caption",
}
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "table",
                             "thead", "tbody", "tfoot", "tr", "figure", "aside", "header", "footer", "nav",
                             "center", "hr", "br"})
_BLOCK_TAGS = frozenset(_PARAGRAPH_ROLES) | _CONTAINER_TAGS


def _safe_html_parser() -> lxml_html.HTMLParser:
    # The HTML parser never loads DTDs or external entities; no_network makes that explicit, and
    # huge_tree stays off so libxml2's depth and size limits hold.
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)


def html_to_paragraphs(markup: str) -> list[tuple[str, str]]:
    """(text, role) of each block of an HTML fragment, white space collapsed; scripts and styles dropped.

    Iterative (``etree.iterwalk``), so deeply nested markup cannot exhaust the Python stack.
    """
    if not markup.strip():
        return []
    try:
        root = lxml_html.document_fromstring(markup, parser=_safe_html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise RecordError(f"cannot parse the HTML body: {exc}") from None
    out: list[tuple[str, str]] = []
    buf: list[str] = []
    roles: list[str] = []

    def flush() -> None:
        words = " ".join("".join(buf).split())
        buf.clear()
        if words:
            out.append((words, roles[-1] if roles else "body"))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                flush()
                if tag in _PARAGRAPH_ROLES:
                    roles.append(_PARAGRAPH_ROLES[tag])
            if el.text and tag:
                buf.append(el.text)
        else:
            if tag in _BLOCK_TAGS and tag not in _SKIP_TAGS:
                flush()
                if tag in _PARAGRAPH_ROLES:
                    roles.pop()
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return out


def _join_paragraphs(blocks: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int]], list[str]]:
    """One text with the blocks separated by blank lines, and the span and role of each."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    roles: list[str] = []
    pos = 0
    for words, role in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(words)
        spans.append((pos, pos + len(words)))
        roles.append(role)
        pos += len(words)
    return "".join(parts), spans, roles


def body_from_html(markup: str, *, detect_boilerplate: bool = True) -> tuple[str, list[Paragraph], dict[str, Any]]:
    """Text, paragraphs (roles from the markup, plus dateline/byline/boilerplate) and found metadata."""
    text, spans, roles = _join_paragraphs(html_to_paragraphs(markup))
    analysis = assign_roles(text, spans, has_title=False, detect_boilerplate=detect_boilerplate, base_roles=roles)
    return text, analysis.paragraphs, analysis.metadata


def body_from_text(value: str, *, detect_boilerplate: bool = True) -> tuple[str, list[Paragraph], dict[str, Any]]:
    """A plain-text body as is (newlines normalised), with paragraphs found like the text reader does."""
    text = normalise_newlines(value)
    _title, paragraphs, found = analyse_text(text, title_line=False, detect_boilerplate=detect_boilerplate)
    return text, paragraphs, found


# --------------------------------------------------------------------------- record kinds
def is_docpipe_record(record: Mapping[str, Any]) -> bool:
    return "schema_version" in record and "text" in record and "id" in record


def is_ninjs(record: Mapping[str, Any]) -> bool:
    """An IPTC ninjs item: a headline or one of the ninjs body fields, or a typed item with a guid/uri."""
    if any(k in record for k in _NINJS_MARKERS):
        return True
    return "type" in record and ("guid" in record or "uri" in record) and "versioncreated" in record


def unwrap_records(value: Any) -> tuple[list[Any], bool]:
    """The records of a parsed ``.json`` file and whether it held a collection (array or wrapper).

    A record (docpipe, ninjs, anything with a text field) stands for itself. An object without
    text that holds a list under ``items``/``item``/``data``... (a search or feed response) stands
    for that list; ``{"meta": ..., "item": {...}}`` elements (AP Media feeds) become their item.
    """
    if isinstance(value, list):
        return [_unwrap_element(v) for v in value], True
    if not isinstance(value, Mapping) or _looks_like_record(value):
        return [value], False
    for key in WRAPPER_KEYS:
        inner = value.get(key)
        if isinstance(inner, list):
            return [_unwrap_element(v) for v in inner], True
        if isinstance(inner, Mapping) and key in ("data", "item"):
            found, many = unwrap_records(inner)
            if many or _looks_like_record(found[0]) or key == "item":
                return found, many
    return [value], False


def _unwrap_element(value: Any) -> Any:
    if isinstance(value, Mapping) and isinstance(value.get("item"), Mapping) and set(value) <= {"item", "meta"}:
        return value["item"]
    return value


def _looks_like_record(value: Mapping[str, Any]) -> bool:
    return (is_docpipe_record(value) or is_ninjs(value)
            or any(isinstance(value.get(k), str) for k in (*DEFAULT_TEXT_FIELDS, *DEFAULT_HTML_FIELDS)))


def _first_string(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, str | None]:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return name, value
    return None, None


def _label(record: Mapping[str, Any]) -> str:
    """How an error message names a record: its guid/uri/id and headline when it has them."""
    ident = next((str(record[k]) for k in ("guid", "uri", "id", "url") if isinstance(record.get(k), (str, int))),
                 None)
    head = record.get("headline") or record.get("title")
    parts = [f"{ident}" if ident else "", f"{head!r}" if isinstance(head, str) else ""]
    text = " ".join(p for p in parts if p)
    return f"item {text}" if text else "the record"


# --------------------------------------------------------------------------- ninjs
_NINJS_METADATA = {
    "guid": "guid", "uri": "uri", "language": "language", "byline": "byline", "type": "item_type",
    "versioncreated": "versioncreated", "firstcreated": "firstcreated", "firstpublished": "firstpublished",
    "pubstatus": "pubstatus", "urgency": "urgency", "slugline": "slugline", "located": "dateline",
    "description_text": "description", "source": "source_credit", "copyrightholder": "copyrightholder",
    "copyrightnotice": "rights", "usageterms": "usage_terms", "embargoed": "embargoed", "ednote": "ednote",
    "provider": "provider", "version": "version", "profile": "profile",
}


def _ninjs_metadata(record: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"record_format": "ninjs"}
    for key, name in _NINJS_METADATA.items():
        value = record.get(key)
        if isinstance(value, (str, int, float, bool)) and value != "":
            meta[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            meta[name] = "\n".join(value)
    for key, name in (("subject", "subjects"), ("genre", "genres"), ("place", "places"), ("authors", "authors")):
        value = record.get(key)
        if isinstance(value, list):
            names = [v["name"] for v in value if isinstance(v, Mapping) and isinstance(v.get("name"), str)]
            if names:
                meta[name] = names
    keywords = record.get("keywords")
    if isinstance(keywords, list) and all(isinstance(k, str) for k in keywords) and keywords:
        meta["keywords"] = list(keywords)
    return meta


def _ninjs_title(record: Mapping[str, Any]) -> str | None:
    headline = record.get("headline")
    if isinstance(headline, str) and headline.strip():
        return headline.strip()
    headlines = record.get("headlines")  # ninjs 2.x: [{"role": "main", "value": "..."}]
    if isinstance(headlines, list):
        values = [h for h in headlines if isinstance(h, Mapping) and isinstance(h.get("value"), str)]
        main = [h for h in values if h.get("role") in (None, "main", "default")] or values
        if main:
            return main[0]["value"].strip()
    title = record.get("title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def _ninjs_body(record: Mapping[str, Any], detect_boilerplate: bool) -> tuple[str, list[Paragraph], dict[str, Any]]:
    # HTML first: it keeps the paragraph structure that body_text often flattens.
    for key in ("body_html", "body_xhtml"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            text, paragraphs, found = body_from_html(value, detect_boilerplate=detect_boilerplate)
            if text:
                return text, paragraphs, {**found, "body_field": key}
    value = record.get("body_text")
    if isinstance(value, str) and value.strip():
        text, paragraphs, found = body_from_text(value, detect_boilerplate=detect_boilerplate)
        return text, paragraphs, {**found, "body_field": "body_text"}
    bodies = record.get("bodies")  # ninjs 2.x: [{"role": "main", "contenttype": "text/html", "value": "..."}]
    if isinstance(bodies, list):
        for body in bodies:
            if not isinstance(body, Mapping) or not isinstance(body.get("value"), str) or not body["value"].strip():
                continue
            if "html" in str(body.get("contenttype", "")):
                text, paragraphs, found = body_from_html(body["value"], detect_boilerplate=detect_boilerplate)
            else:
                text, paragraphs, found = body_from_text(body["value"], detect_boilerplate=detect_boilerplate)
            if text:
                return text, paragraphs, {**found, "body_field": "bodies"}
    kind = record.get("type")
    why = f"{_label(record)} has no body text (looked for body_html, body_xhtml, body_text, bodies)"
    if kind not in (None, "text"):
        why += f"; it is a {kind!r} item, not an article"
    elif record.get("renditions"):
        why += "; the body is only linked (renditions), not included"
    raise RecordError(why)


# --------------------------------------------------------------------------- readers
@attrs.frozen
class JsonReader:
    """Reads a ``.json`` file: one record, an array of records, or a wrapper object around a list.

    :param text_field: the field holding the plain text of generic records (default: the first of
        ``text``, ``body_text``, ``body``, ``content``, ``articleBody``, ``article``, ``story``, ``full_text``;
        then HTML in ``body_html``, ``body_xhtml``, ``html``, ``content_html``). Setting it also makes
        records be read as generic even when they look like ninjs.
    :param title_field: the title field of generic records (default: ``title``, ``headline``, ``name``).
    :param id_field: a field whose value becomes the document id (default: none; ids are
        ``make_document_id(uri, sha256, index)``). The record's own ``id``/``guid``/``uri``/``url``
        goes to ``metadata["record_id"]`` either way.
    :param html_field: a field holding an HTML body for generic records.
    :param detect_boilerplate: find datelines, bylines and boilerplate in bodies (as the text reader does).
    """

    text_field: str | None = None
    title_field: str | None = None
    id_field: str | None = None
    html_field: str | None = None
    detect_boilerplate: bool = True

    format_name = "json"

    def read(self, item: InputItem) -> Iterator[Document]:
        raw = item.read_bytes()
        digest = sha256_hex(raw)
        text = decode_bytes(raw, item.uri).text
        del raw
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{item.uri}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
        except RecursionError:
            raise InputError(f"{item.uri}: the JSON is nested too deeply to read") from None
        del text
        records, many = unwrap_records(value)
        if not records:
            raise InputError(f"{item.uri}: the JSON holds no records (an empty array or list)")
        for index, record in enumerate(records):
            yield self.record_to_document(record, item.uri, digest, index if many else None)

    def record_to_document(self, record: Any, uri: str, sha256: str | None, index: int | None,
                           *, line: int | None = None) -> Document:
        """One record -> a document; any problem -> an error document naming the file (and line)."""
        where = f"{uri}: line {line}" if line is not None else (f"{uri}: record {index}" if index is not None else uri)
        try:
            return self._convert(record, uri, sha256, index, line)
        except (RecordError, SchemaError) as exc:
            message = str(exc)
            error = RecordError(f"{where}: {message}")
        except RecursionError:
            error = RecordError(f"{where}: the record is nested too deeply")
        extra = {"line": line} if line is not None else None
        return error_document(uri, "ingest", error, format=self.format_name, sha256=sha256, index=index,
                              metadata=extra)

    def _convert(self, record: Any, uri: str, sha256: str | None, index: int | None, line: int | None) -> Document:
        if not isinstance(record, Mapping):
            raise RecordError(f"a record must be a JSON object, got {_json_type(record)}")
        if is_docpipe_record(record):
            return document_from_dict(record)
        if not (self.text_field or self.html_field) and is_ninjs(record):
            title = _ninjs_title(record)
            text, paragraphs, found = _ninjs_body(record, self.detect_boilerplate)
            metadata = {**_ninjs_metadata(record), **{k: v for k, v in found.items() if k not in ("dateline",)}}
            if "dateline" in found:
                metadata.setdefault("dateline", found["dateline"])
        else:
            title, text, paragraphs, metadata = self._generic(record)
        if line is not None:
            metadata["line"] = line
        doc_id = make_document_id(uri, sha256, index)
        if self.id_field:
            value = record.get(self.id_field)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                doc_id = str(value)
            else:
                raise RecordError(f"the id field {self.id_field!r} is missing or not a string/number")
        return Document(
            id=doc_id,
            source=Source(uri=uri, format=self.format_name, sha256=sha256),
            text=text,
            title=title,
            metadata=metadata,
            paragraphs=paragraphs,
        )

    def _generic(self, record: Mapping[str, Any]) -> tuple[str | None, str, list[Paragraph], dict[str, Any]]:
        if self.text_field or self.html_field:
            names = (self.text_field,) if self.text_field else ()
            html_names = (self.html_field,) if self.html_field else ()
        else:
            names, html_names = DEFAULT_TEXT_FIELDS, DEFAULT_HTML_FIELDS
        field, value = _first_string(record, names)
        if value is not None:
            text, paragraphs, found = body_from_text(value, detect_boilerplate=self.detect_boilerplate)
        else:
            field, value = _first_string(record, html_names)
            if value is None:
                looked = ", ".join(n for n in (*names, *html_names) if n)
                raise RecordError(f"{_label(record)} has no text (looked for a non-empty string in: {looked})")
            text, paragraphs, found = body_from_html(value, detect_boilerplate=self.detect_boilerplate)
        title_names = (self.title_field,) if self.title_field else DEFAULT_TITLE_FIELDS
        _name, title = _first_string(record, title_names)
        metadata: dict[str, Any] = {"record_format": "generic", "body_field": field, **found}
        _id_name, record_id = _first_string(record, DEFAULT_ID_FIELDS)
        if record_id is None and isinstance(record.get("id"), int):
            record_id = str(record["id"])
        if record_id is not None:
            metadata["record_id"] = record_id
        fields = {k: v for k, v in record.items()
                  if k not in (field, self.title_field, *DEFAULT_TITLE_FIELDS) and _short_scalar(v)}
        if fields:
            metadata["fields"] = fields
        return (title.strip() if title else None), text, paragraphs, metadata


def _short_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, bool)) or (isinstance(value, str) and len(value) <= 1000)


def _json_type(value: Any) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true/false",
            type(None): "null"}.get(type(value), type(value).__name__)


@attrs.frozen
class JsonlReader(JsonReader):
    """Streams a JSON Lines file: one record per line; blank lines are skipped.

    A line that is not valid JSON (or not a usable record) is an error document naming the file and
    line number; the other lines are read. Ids are ``make_document_id(uri, sha256 of the line, line number)``.

    :param max_line_bytes: a longer line is an error record (and is skipped without being held in memory).
    """

    max_line_bytes: int = 64 * 1024 * 1024

    format_name = "jsonl"

    def read(self, item: InputItem) -> Iterator[Document]:
        with item.open() as fh:
            lineno = 0
            while True:
                line = fh.readline(self.max_line_bytes + 1)
                if not line:
                    return
                lineno += 1
                if len(line) > self.max_line_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(fh)
                    yield error_document(item.uri, "ingest", RecordError(
                        f"{item.uri}: line {lineno}: longer than max_line_bytes ({self.max_line_bytes} bytes)"),
                        format=self.format_name, index=lineno, metadata={"line": lineno})
                    continue
                if lineno == 1 and line.startswith(codecs.BOM_UTF8):
                    line = line[len(codecs.BOM_UTF8):]
                line = line.rstrip(b"\r\n")
                if not line.strip():
                    continue
                digest = sha256_hex(line)
                try:
                    record = json.loads(decode_bytes(line, f"{item.uri}: line {lineno}").text)
                except InputError as exc:
                    yield self._line_error(item.uri, lineno, digest, str(exc))
                    continue
                except json.JSONDecodeError as exc:
                    yield self._line_error(item.uri, lineno, digest,
                                           f"{item.uri}: line {lineno}: not valid JSON: {exc.msg} (column {exc.colno})")
                    continue
                except RecursionError:
                    yield self._line_error(item.uri, lineno, digest, f"{item.uri}: line {lineno}: nested too deeply")
                    continue
                yield self.record_to_document(record, item.uri, digest, lineno, line=lineno)

    def _line_error(self, uri: str, lineno: int, digest: str, message: str) -> Document:
        return error_document(uri, "ingest", RecordError(message), format=self.format_name, sha256=digest,
                              index=lineno, metadata={"line": lineno})


def _skip_rest_of_line(fh) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


_JSONL_HEAD = re.compile(rb"\s*\{[^\n]*\}\s*\n\s*[\{\n]")


@docpipe.hookimpl
def docpipe_register_readers(register):
    register(ReaderSpec("json", JsonReader, suffixes=(".json",),
                        description="JSON: docpipe records, IPTC ninjs items, generic records (one or an array)"))
    register(ReaderSpec("jsonl", JsonlReader, suffixes=(".jsonl", ".ndjson"), multi_document=True,
                        description="JSON Lines: one record per line, streamed"))


@docpipe.hookimpl
def docpipe_detect_format(uri, head):
    """``jsonl`` when the first line is a whole object and the next starts another; ``json`` for ``{``/``[``."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] == b"[":
        return "json"
    if body[:1] == b"{":
        return "jsonl" if _JSONL_HEAD.match(body) else "json"
    return None
