"""The stand-off document model.

A :class:`Document` holds the decoded text of one input document exactly as the
reader produced it, and *annotations* that point into that text with half-open
code-point offsets (``text[start:end]``). The text is never rewritten after
ingest: stages add annotations with :meth:`Document.evolve`, which returns a new
frozen document, so every offset always points into the original text.

All classes are frozen attrs classes with slots: cheap, hashable where that makes
sense, and picklable, so documents cross process boundaries unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

#: The version of the JSON record. Policy: ``1.x`` minor versions only *add* optional fields (a
#: reader of ``1.x`` output keeps working, a record without a new key reads as that field's
#: default); a change that removes or redefines a field bumps the major version (and the XML
#: namespace ``urn:docpipe:document:1``). ``1.1`` added ``Quote.continues``.
SCHEMA_VERSION = "1.1"

#: Paragraph roles the built-in readers use. Readers may use others; these are the documented ones.
PARAGRAPH_ROLES = (
    "title",
    "body",
    "boilerplate",
    "byline",
    "dateline",
    "caption",
    "heading",
    "quote_block",
    "list_item",
)

QuoteKind = Literal["direct", "indirect", "mixed"]
QUOTE_KINDS = ("direct", "indirect", "mixed")


class SpanError(ValueError):
    """An annotation points outside the document's text or is otherwise malformed."""


def _tuple_of(items: Iterable[Any] | None) -> tuple:
    return tuple(items) if items is not None else ()


class FrozenDict(dict):
    """A read-only dict: annotations are immutable, but unlike ``MappingProxyType`` it pickles and is JSON-ready."""

    __slots__ = ()

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("document metadata is read-only; use doc.evolve(metadata={...}) for a changed copy")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]
    __ior__ = _readonly  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (FrozenDict, (dict(self),))


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if isinstance(value, FrozenDict):
        return value
    return FrozenDict(value or {})


def _check_offsets(instance: Any, attribute: Any, value: int) -> None:
    # (an exact int first: this runs for every offset of every annotation a stage makes)
    if (type(value) is not int and (not isinstance(value, int) or isinstance(value, bool))) or value < 0:
        raise SpanError(f"{type(instance).__name__}.{attribute.name} must be a non-negative int, got {value!r}")


@attrs.frozen(slots=True)
class Mention:
    """A stretch of text that names something: a speaker mention, a cue verb."""

    text: str
    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)


@attrs.frozen(slots=True)
class Paragraph:
    """A block of the text with a role (``title``, ``body``, ``boilerplate`` ...).

    ``duplicate_of`` is the index (in ``Document.paragraphs``) of the first
    paragraph this one repeats, set by the dedup stage.
    """

    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    role: str = "body"
    duplicate_of: int | None = None


@attrs.frozen(slots=True)
class Quote:
    """Something somebody said. ``start``/``end`` cover the quoted words without the enclosing marks.

    ``nested_in`` is the id of the quote this one is quoted inside. ``continues`` is the id of
    the previous part of the same quotation, when a reporting clause splits it
    (``"The bridge," said Ms. Lund, "will reopen in June."`` is two parts, the second
    ``continues`` the first), like TEI's ``@prev``. A chain q1 <- q2 <- q3 is one quotation.
    """

    id: str
    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    kind: str = attrs.field(default="direct", validator=attrs.validators.in_(QUOTE_KINDS))
    speaker: str | None = None
    speaker_mention: Mention | None = None
    cue: Mention | None = None
    nested_in: str | None = None
    continues: str | None = None
    duplicate_of: str | None = None
    confidence: float = 1.0


@attrs.frozen(slots=True)
class Speaker:
    """A resolved speaker: canonical name, titles/roles, and every mention of them in the text."""

    name: str
    titles: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of)
    mentions: tuple[Mention, ...] = attrs.field(default=(), converter=_tuple_of)


@attrs.frozen(slots=True)
class Span:
    """A generic labelled span for plugin annotations (``Document.spans[group]``)."""

    start: int = attrs.field(validator=_check_offsets)
    end: int = attrs.field(validator=_check_offsets)
    label: str = ""
    data: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False)


@attrs.frozen(slots=True)
class ErrorRecord:
    """Why a stage failed on a document. The document still reaches the output."""

    stage: str
    type: str
    message: str
    path: str | None = None

    @classmethod
    def from_exception(cls, stage: str, exc: BaseException, path: str | None = None) -> ErrorRecord:
        return cls(stage=stage, type=type(exc).__name__, message=str(exc) or type(exc).__name__, path=path)


@attrs.frozen(slots=True)
class Source:
    """Where a document came from: the input path as given (``-`` for stdin), its format, sha256 of its raw bytes."""

    uri: str
    format: str = "unknown"
    sha256: str | None = None


@attrs.frozen(slots=True)
class Document:
    """One document: immutable text plus stand-off annotations.

    Construct it through a reader, :func:`make_document`, or :meth:`Document.from_dict`.
    Every span is validated against ``text`` when the document is created.
    """

    id: str
    source: Source
    text: str
    title: str | None = None
    metadata: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, eq=False)
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), converter=_tuple_of)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=_tuple_of)
    speakers: tuple[Speaker, ...] = attrs.field(default=(), converter=_tuple_of)
    spans: Mapping[str, tuple[Span, ...]] = attrs.field(
        factory=dict, converter=lambda m: FrozenDict({k: tuple(v) for k, v in (m or {}).items()}), eq=False
    )
    duplicate_of: str | None = None
    errors: tuple[ErrorRecord, ...] = attrs.field(default=(), converter=_tuple_of)

    def __attrs_post_init__(self) -> None:
        validate_spans(self)

    # -- convenience -------------------------------------------------------------------
    @property
    def failed(self) -> bool:
        """True when any stage recorded an error for this document."""
        return bool(self.errors)

    def span_text(self, span: Paragraph | Quote | Mention | Span) -> str:
        """The text an annotation covers."""
        return self.text[span.start : span.end]

    def evolve(self, **changes: Any) -> Document:
        """A copy with some fields replaced. Changing ``text`` is refused: the model is stand-off."""
        if "text" in changes and changes["text"] != self.text:
            raise SpanError("the text of a document is never rewritten after ingest; add annotations instead")
        return attrs.evolve(self, **changes)

    def with_error(self, error: ErrorRecord) -> Document:
        return attrs.evolve(self, errors=(*self.errors, error))

    def paragraphs_with_role(self, *roles: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role in roles]


def _iter_spans(doc: Document) -> Iterable[tuple[str, tuple[Any, ...], Any]]:
    """Every annotation with offsets, as (label format, label arguments, annotation). The label is only
    formatted for an error message: every document is validated, and almost all of them are fine."""
    for i, p in enumerate(doc.paragraphs):
        yield "paragraphs[{}]", (i,), p
    for q in doc.quotes:
        yield "quote {}", (q.id,), q
        if q.speaker_mention is not None:
            yield "quote {} speaker_mention", (q.id,), q.speaker_mention
        if q.cue is not None:
            yield "quote {} cue", (q.id,), q.cue
    for s in doc.speakers:
        for m in s.mentions:
            yield "speaker {!r} mention", (s.name,), m
    for group, spans in doc.spans.items():
        for i, sp in enumerate(spans):
            yield "spans[{!r}][{}]", (group, i), sp


def validate_spans(doc: Document) -> None:
    """Raise :class:`SpanError` if any annotation lies outside the text or has ``end < start``.

    Mentions also carry their text; it must equal ``doc.text[start:end]``.
    """
    text = doc.text
    n = len(text)
    for label, args, span in _iter_spans(doc):
        if span.end < span.start or span.end > n:
            raise SpanError(
                f"document {doc.id!r}: {label.format(*args)} has offsets [{span.start}, {span.end}) outside the text "
                f"(length {n})"
            )
        if isinstance(span, Mention) and text[span.start : span.end] != span.text:
            raise SpanError(
                f"document {doc.id!r}: {label.format(*args)} says {span.text!r} but the text there is "
                f"{text[span.start:span.end]!r}"
            )
    quote_ids = [q.id for q in doc.quotes]
    if len(set(quote_ids)) != len(quote_ids):
        raise SpanError(f"document {doc.id!r}: quote ids are not unique")
    by_id = {q.id: q for q in doc.quotes}
    for q in doc.quotes:
        for ref_name, ref in (("nested_in", q.nested_in), ("continues", q.continues),
                              ("duplicate_of", q.duplicate_of)):
            if ref is not None and ref not in by_id:
                raise SpanError(f"document {doc.id!r}: quote {q.id} {ref_name}={ref!r} names no quote")
        _check_continues(doc, q, by_id)
    _check_continuation_chains(doc)
    for i, p in enumerate(doc.paragraphs):
        if p.duplicate_of is not None and not (0 <= p.duplicate_of < len(doc.paragraphs)):
            raise SpanError(f"document {doc.id!r}: paragraphs[{i}].duplicate_of={p.duplicate_of} names no paragraph")


def _check_continues(doc: Document, quote: Quote, by_id: Mapping[str, Quote]) -> None:
    """A continuation points back at an earlier part of the same quotation.

    The previous part must start before this one (so a chain always runs forwards through the
    text, which also rules out cycles) and no two parts may continue the same part (a chain,
    not a tree).
    """
    if quote.continues is None:
        return
    previous = by_id[quote.continues]
    if previous.start >= quote.start:
        raise SpanError(
            f"document {doc.id!r}: quote {quote.id} continues={quote.continues!r}, but that quote does not "
            f"start before it ([{previous.start}, {previous.end}) vs [{quote.start}, {quote.end}))"
        )


def _check_continuation_chains(doc: Document) -> None:
    """Each quote is continued by at most one other quote: the parts form chains."""
    seen: dict[str, str] = {}
    for q in doc.quotes:
        if q.continues is None:
            continue
        if q.continues in seen:
            raise SpanError(
                f"document {doc.id!r}: quotes {seen[q.continues]} and {q.id} both continue {q.continues!r}; "
                "the parts of a quotation form one chain"
            )
        seen[q.continues] = q.id


def quotation_chains(quotes: Iterable[Quote]) -> list[tuple[Quote, ...]]:
    """Group quotes into quotations: each entry is the parts of one quotation, in order.

    A quote that continues nothing and is continued by nothing is a one-part quotation. The
    quotations come in the order of their first parts in ``quotes``. A part whose ``continues``
    names a quote missing from ``quotes`` starts a chain of its own.
    """
    quotes = list(quotes)
    ids = {q.id for q in quotes}
    next_part = {q.continues: q for q in quotes if q.continues is not None and q.continues in ids}
    chains = []
    for q in quotes:
        if q.continues is not None and q.continues in ids:
            continue
        chain = [q]
        seen = {q.id}
        while chain[-1].id in next_part and next_part[chain[-1].id].id not in seen:
            chain.append(next_part[chain[-1].id])
            seen.add(chain[-1].id)
        chains.append(tuple(chain))
    return chains


def line_paragraphs(text: str, role: str = "body") -> list[Paragraph]:
    """One paragraph per non-blank line, trimmed of surrounding white space (offsets into ``text``)."""
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            paragraphs.append(Paragraph(start, start + len(stripped), role))
        pos += len(line) + 1
    return paragraphs


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_document_id(uri: str, content_sha256: str | None, index: int | None = None) -> str:
    """A deterministic id from where a document came from and what it holds.

    ``index`` distinguishes documents of one container (a JSONL line, a NewsML package item).
    Reruns over the same inputs therefore give the same ids.
    """
    h = hashlib.sha1()
    h.update(uri.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update((content_sha256 or "").encode("ascii"))
    if index is not None:
        h.update(b"\0%d" % index)
    return h.hexdigest()[:16]


def make_document(
    text: str,
    *,
    id: str | None = None,
    uri: str = "<memory>",
    format: str = "text",
    title: str | None = None,
    paragraphs: Iterable[Paragraph] | None = None,
    metadata: Mapping[str, Any] | None = None,
    raw: bytes | None = None,
) -> Document:
    """Build a document from text. Without ``paragraphs`` the whole text is one body paragraph."""
    digest = sha256_hex(raw if raw is not None else text.encode("utf-8", "surrogatepass"))
    if paragraphs is None:
        paragraphs = [Paragraph(0, len(text), "body")] if text else []
    return Document(
        id=id or make_document_id(uri, digest),
        source=Source(uri=uri, format=format, sha256=digest),
        text=text,
        title=title,
        metadata=metadata or {},
        paragraphs=paragraphs,
    )


def error_document(
    uri: str, stage: str, exc: BaseException | str, *, format: str = "unknown", sha256: str | None = None,
    index: int | None = None, metadata: Mapping[str, Any] | None = None,
) -> Document:
    """An empty document standing for an input that could not be read, carrying the error."""
    if isinstance(exc, BaseException):
        err = ErrorRecord.from_exception(stage, exc, path=uri)
    else:
        err = ErrorRecord(stage=stage, type="Error", message=exc, path=uri)
    return Document(
        id=make_document_id(uri, sha256, index),
        source=Source(uri=uri, format=format, sha256=sha256),
        text="",
        metadata=metadata or {},
        errors=(err,),
    )
