"""The docpipe XML format: a lossless XML mirror of the JSON output contract.

Stand-off like the JSON record: ``<text>`` holds the document text exactly once and every
annotation points into it with ``start``/``end`` code-point offsets. The XSD is
``docs/schema/docpipe.xsd``. The only change to the text: characters XML 1.0 cannot carry are
replaced by U+FFFD (one for one, so offsets stay valid).
"""

from __future__ import annotations

import json

from lxml import etree

from docpipe.model import SCHEMA_VERSION, Document, Mention

from .stream import XmlStream, xml_safe

NAMESPACE = "urn:docpipe:document:1"
_NS = "{%s}" % NAMESPACE


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrib: object) -> etree._Element:
    element = etree.SubElement(parent, _NS + tag, {k: xml_safe(str(v)) for k, v in attrib.items() if v is not None})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _mention(parent: etree._Element, tag: str, mention: Mention | None) -> None:
    if mention is not None:
        _el(parent, tag, mention.text, start=mention.start, end=mention.end)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def document_element(doc: Document) -> etree._Element:
    """The ``<document>`` element of one document."""
    root = etree.Element(_NS + "document", nsmap={None: NAMESPACE})
    for key, value in (("id", doc.id), ("source", doc.source.uri), ("format", doc.source.format),
                       ("sha256", doc.source.sha256), ("duplicate_of", doc.duplicate_of)):
        if value is not None:
            root.set(key, xml_safe(value))
    if doc.title is not None:
        _el(root, "title", doc.title)
    _el(root, "metadata", _json(dict(doc.metadata)))
    _el(root, "text", doc.text)
    paragraphs = _el(root, "paragraphs")
    for i, p in enumerate(doc.paragraphs):
        _el(paragraphs, "paragraph", index=i, start=p.start, end=p.end, role=p.role, duplicate_of=p.duplicate_of)
    quotes = _el(root, "quotes")
    for q in doc.quotes:
        quote = _el(quotes, "quote", id=q.id, start=q.start, end=q.end, kind=q.kind, speaker=q.speaker,
                    nested_in=q.nested_in, continues=q.continues, duplicate_of=q.duplicate_of,
                    confidence=repr(float(q.confidence)))
        _el(quote, "text", doc.text[q.start:q.end])
        _mention(quote, "speaker_mention", q.speaker_mention)
        _mention(quote, "cue", q.cue)
    speakers = _el(root, "speakers")
    for s in doc.speakers:
        speaker = _el(speakers, "speaker", name=s.name)
        for title in s.titles:
            _el(speaker, "title", title)
        for m in s.mentions:
            _mention(speaker, "mention", m)
    spans = _el(root, "spans")
    for group, items in doc.spans.items():
        group_el = _el(spans, "group", name=group)
        for sp in items:
            span = _el(group_el, "span", start=sp.start, end=sp.end, label=sp.label)
            if sp.data:
                _el(span, "data", _json(dict(sp.data)))
    errors = _el(root, "errors")
    for e in doc.errors:
        _el(errors, "error", e.message, stage=e.stage, type=e.type, path=e.path)
    return root


class DocpipeXmlExporter:
    """``<docpipe>`` root with one ``<document>`` per document, streamed."""

    def __init__(self, target: str = "-") -> None:
        self._stream = XmlStream(target)
        self._stream.start(_NS + "docpipe", {"schema_version": SCHEMA_VERSION}, {None: NAMESPACE})

    def write(self, doc: Document) -> None:
        self._stream.write(document_element(doc))

    def close(self) -> None:
        self._stream.close()

    def abort(self) -> None:
        self._stream.abort()


def _int_or_none(value: str | None) -> int | None:
    return None if value is None else int(value)


def _mention_record(element: etree._Element | None) -> dict | None:
    if element is None:
        return None
    return {"text": element.text or "", "start": int(element.get("start")), "end": int(element.get("end"))}


def record_from_element(element: etree._Element) -> dict:
    """The JSON record (``serialize.document_to_dict`` layout) of a ``<document>`` element.

    The inverse of :func:`document_element`: what the format keeps is exactly the JSON record.
    """
    def find(parent: etree._Element, tag: str) -> etree._Element | None:
        return parent.find(_NS + tag)

    def all_of(parent: etree._Element, path: str) -> list[etree._Element]:
        return parent.findall("/".join(_NS + part for part in path.split("/")))

    title = find(element, "title")
    return {
        "schema_version": SCHEMA_VERSION,
        "id": element.get("id"),
        "source": element.get("source"),
        "format": element.get("format"),
        "sha256": element.get("sha256"),
        "title": None if title is None else (title.text or ""),
        "text": find(element, "text").text or "",
        "metadata": json.loads(find(element, "metadata").text or "{}"),
        "paragraphs": [
            {"start": int(p.get("start")), "end": int(p.get("end")), "role": p.get("role"),
             "duplicate_of": _int_or_none(p.get("duplicate_of"))}
            for p in all_of(element, "paragraphs/paragraph")
        ],
        "quotes": [
            {"id": q.get("id"), "text": find(q, "text").text or "", "start": int(q.get("start")),
             "end": int(q.get("end")), "kind": q.get("kind"), "speaker": q.get("speaker"),
             "speaker_mention": _mention_record(find(q, "speaker_mention")), "cue": _mention_record(find(q, "cue")),
             "nested_in": q.get("nested_in"), "continues": q.get("continues"),
             "duplicate_of": q.get("duplicate_of"),
             "confidence": float(q.get("confidence"))}
            for q in all_of(element, "quotes/quote")
        ],
        "speakers": [
            {"name": s.get("name"), "titles": [t.text or "" for t in all_of(s, "title")],
             "mentions": [_mention_record(m) for m in all_of(s, "mention")]}
            for s in all_of(element, "speakers/speaker")
        ],
        "spans": {
            g.get("name"): [
                {"start": int(sp.get("start")), "end": int(sp.get("end")), "label": sp.get("label"),
                 "data": json.loads(find(sp, "data").text) if find(sp, "data") is not None else {}}
                for sp in all_of(g, "span")
            ]
            for g in all_of(element, "spans/group")
        },
        "duplicate_of": element.get("duplicate_of"),
        "errors": [
            {"stage": e.get("stage"), "type": e.get("type"), "message": e.text or "", "path": e.get("path")}
            for e in all_of(element, "errors/error")
        ],
    }
