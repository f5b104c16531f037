"""HTML report: one self-contained page per run, for people to read what the pipeline found.

No network and no JavaScript: CSS is inline in ``<style>``, folding uses ``<details>``. Per
document, the text with every quote highlighted in its speaker's colour (nested quotes are
nested highlights with a frame; a quote over several paragraphs is highlighted in each, with
links between the parts), duplicates greyed with a link to what they repeat, boilerplate folded.
At the end of the page: a speakers index (name, titles, number of quotes, links to each quote)
and run statistics. Every piece of text from a document is HTML-escaped.

Streaming: each document is written as it arrives. The speakers index needs every quote grouped
by speaker, which only the end of the run knows; its entries therefore go to a temporary SQLite
file while documents are written, and are read back grouped at ``close()``, which writes the index
and the statistics at the end of the page (linked from the top). Memory stays flat however many
documents, quotes and speakers there are.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable

import docpipe
from docpipe.atomic import AtomicFile
from docpipe.components import ExporterSpec
from docpipe.model import Document
from docpipe_builtins.export_xml.inline import Fragment, paragraph_trees, segments

CSS = """
:root { --ink: #1d1d1f; --muted: #6b6b73; --line: #d8d8de; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto; max-width: 56rem;
       padding: 1.5rem; background: #fcfcfa; }
header.run, nav { font-family: system-ui, sans-serif; }
nav a { margin-right: 1rem; }
h1 { font: 600 1.6rem system-ui, sans-serif; margin: 0 0 .3rem; }
article { border-top: 3px solid var(--line); margin-top: 2rem; padding-top: .5rem; }
article > h2, section > h2 { font: 600 1.25rem system-ui, sans-serif; margin: .3rem 0; }
.meta { font: .8rem system-ui, sans-serif; color: var(--muted); }
.meta code { font-size: .75rem; }
p.para { white-space: pre-wrap; margin: .55rem 0; }
p.title { font-weight: bold; }
p.role { font-style: italic; color: var(--muted); }
.q { border-radius: 3px; padding: 0 .1em; border-bottom: 2px solid var(--c); background: var(--bg); }
.q .q { border: 1.5px dashed var(--c); }
.q.indirect { background: none; border-bottom-style: dotted; border-bottom-width: 3px; }
.q.unattributed { --c: #888; --bg: #eee; }
.q.dup { --c: #aaa; --bg: #ececec; color: #8a8a8a; }
a.who { font: 600 .7rem system-ui, sans-serif; vertical-align: super; color: var(--c); text-decoration: none;
        margin-left: .15em; }
a.part, a.rep { font: .7rem system-ui, sans-serif; color: var(--muted); margin-left: .15em; }
.dup-para, article.dup-doc .text { color: #8a8a8a; }
.note-dup { font: .8rem system-ui, sans-serif; color: var(--muted); background: #f0f0f0; padding: .2rem .5rem; }
details.boilerplate { font: .85rem system-ui, sans-serif; color: var(--muted); margin: .5rem 0; }
details.boilerplate p { white-space: pre-wrap; }
.error { font: .9rem system-ui, sans-serif; background: #fde8e8; border-left: 4px solid #c62828;
         padding: .4rem .7rem; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font: .9rem system-ui, sans-serif; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .4rem; }
td.name { white-space: nowrap; }
td.links a { display: inline-block; margin: 0 .5rem .2rem 0; color: var(--ink); }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; background: var(--bg);
          border: 2px solid var(--c); margin-right: .3em; vertical-align: -1px; }
dl.stats { display: grid; grid-template-columns: max-content auto; gap: .2rem 1.2rem;
           font: .95rem system-ui, sans-serif; }
dl.stats dd { margin: 0; }
footer { margin-top: 2.5rem; border-top: 3px solid var(--line); padding-top: .5rem; }
"""


def esc(value: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(value), quote=True)


def slug(value: str) -> str:
    """A string safe inside an id attribute."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)


def speaker_colours(name: str) -> tuple[str, str]:
    """(frame colour, background colour) for a speaker: stable across runs, well spread in hue."""
    hue = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:6], 16) % 360
    return f"hsl({hue} 65% 38%)", f"hsl({hue} 85% 86%)"


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def speaker_anchor(name: str) -> str:
    """The id of a speaker's row in the index: derived from the name, so no table of names is kept."""
    return "speaker-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


class SpeakerIndex:
    """Speakers index entries kept on disk (a temporary SQLite file) until the end of the run."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix="docpipe-html-index-", suffix=".sqlite")
        os.close(fd)
        self.db = sqlite3.connect(self.path)
        # A scratch file: no journal and no fsync, it is thrown away at the end either way.
        self.db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE titles (name TEXT NOT NULL, title TEXT NOT NULL, UNIQUE (name, title));
            CREATE TABLE quotes (name TEXT NOT NULL, doc_no INTEGER NOT NULL, anchor TEXT NOT NULL, snippet TEXT);
        """)

    def add(self, doc_no: int, doc: Document, quote_anchor) -> None:  # noqa: ANN001 - callable(quote id) -> anchor
        self.db.executemany("INSERT OR IGNORE INTO titles VALUES (?, ?)",
                            [(s.name, title) for s in doc.speakers for title in (*s.titles, "")])
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?)",
                            [(q.speaker, doc_no, quote_anchor(q.id), _clip(doc.text[q.start:q.end]))
                             for q in doc.quotes if q.speaker])

    def speakers(self, links: int) -> Iterable[tuple[str, list[str], int, int, list[tuple[str, str]]]]:
        """(name, titles, quotes, documents, first ``links`` (anchor, snippet)), most quoted first."""
        self.db.execute("CREATE INDEX quotes_name ON quotes(name)")
        rows = self.db.execute("""
            SELECT name, count(doc_no), count(DISTINCT doc_no) FROM
              (SELECT name, NULL AS doc_no FROM titles UNION ALL SELECT name, doc_no FROM quotes)
            GROUP BY name ORDER BY count(doc_no) DESC, name""")
        for name, quotes, documents in rows:
            titles = [t for (t,) in self.db.execute(
                "SELECT title FROM titles WHERE name = ? AND title != '' ORDER BY rowid", (name,))]
            first = self.db.execute("SELECT anchor, snippet FROM quotes WHERE name = ? ORDER BY rowid LIMIT ?",
                                    (name, links)).fetchall()
            yield name, titles, quotes, documents, first

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM (SELECT name FROM titles UNION SELECT name FROM quotes)"
                               ).fetchone()[0]

    def discard(self) -> None:
        self.db.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


class HtmlExporter:
    """A self-contained HTML report (``.html``).

    :param title: the page title.
    :param index_links: at most this many quote links per speaker in the index (counts are always complete).

    The page goes to ``target`` atomically; the index entries wait in a temporary SQLite file in the
    system temporary folder, removed at ``close()``/``abort()``.
    """

    def __init__(self, target: str = "-", title: str = "docpipe report", index_links: int = 50) -> None:
        self._out = AtomicFile(target)
        self._title = title
        self._index_links = index_links
        self._index = SpeakerIndex()
        self._stats: Counter[str] = Counter()
        self._kinds: Counter[str] = Counter()
        self._doc_no = 0
        self._out.write(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<header class=\"run\"><h1>{esc(title)}</h1>\n"
            "<nav><a href=\"#speakers\">Speakers index</a><a href=\"#statistics\">Run statistics</a></nav>"
            "</header>\n<main>\n"
        )

    # --------------------------------------------------------------------------- documents
    def write(self, doc: Document) -> None:
        self._doc_no += 1
        self._count(doc)
        self._out.write(self._render_document(doc))

    def _doc_anchor(self, doc_id: str) -> str:
        return f"doc-{slug(doc_id)}"

    def _quote_anchor(self, doc: Document, quote_id: str, part: int = 0) -> str:
        base = f"d{self._doc_no}-q-{slug(quote_id)}"
        return base if part == 0 else f"{base}-{part + 1}"

    def _count(self, doc: Document) -> None:
        stats = self._stats
        stats["documents"] += 1
        stats["failed"] += bool(doc.errors)
        stats["duplicate documents"] += doc.duplicate_of is not None
        stats["quotes"] += len(doc.quotes)
        stats["duplicate quotes"] += sum(q.duplicate_of is not None for q in doc.quotes)
        stats["nested quotes"] += sum(q.nested_in is not None for q in doc.quotes)
        stats["unattributed quotes"] += sum(q.speaker is None for q in doc.quotes)
        stats["paragraphs"] += len(doc.paragraphs)
        stats["boilerplate paragraphs"] += sum(p.role == "boilerplate" for p in doc.paragraphs)
        stats["characters"] += len(doc.text)
        self._kinds.update(q.kind for q in doc.quotes)
        self._index.add(self._doc_no, doc, lambda quote_id: self._quote_anchor(doc, quote_id))

    def _render_document(self, doc: Document) -> str:
        classes = "doc dup-doc" if doc.duplicate_of else "doc"
        title = doc.title or doc.source.uri
        out = [f"<article class=\"{classes}\" id=\"{self._doc_anchor(doc.id)}\">\n<h2>{esc(title)}</h2>\n",
               f"<p class=\"meta\">{esc(doc.source.uri)} \u00b7 {esc(doc.source.format)} \u00b7 id "
               f"<code>{esc(doc.id)}</code> \u00b7 {len(doc.quotes)} quote(s), {len(doc.speakers)} speaker(s)</p>\n"]
        if doc.duplicate_of:
            out.append(f"<p class=\"note-dup\">Near-duplicate of <a href=\"#{self._doc_anchor(doc.duplicate_of)}\">"
                       f"document {esc(doc.duplicate_of)}</a>.</p>\n")
        for err in doc.errors:
            out.append(f"<div class=\"error\"><strong>{esc(err.stage)} failed</strong>: {esc(err.type)}: "
                       f"{esc(err.message)}</div>\n")
        out.append("<div class=\"text\">\n")
        boilerplate: list[str] = []
        for index, paragraph, tree in paragraph_trees(doc):
            body = self._render_fragment(doc, tree)
            if paragraph.role == "boilerplate":
                boilerplate.append(f"<p id=\"d{self._doc_no}-p{index}\">{body}</p>")
                continue
            out.append(self._flush_boilerplate(boilerplate))
            classes = ["para"]
            if paragraph.role != "body":
                classes.append("title" if paragraph.role == "title" else "role")
            extra = ""
            if paragraph.duplicate_of is not None:
                classes.append("dup-para")
                extra = (f"<a class=\"rep\" href=\"#d{self._doc_no}-p{paragraph.duplicate_of}\">"
                         f"\u21a9 repeats paragraph {paragraph.duplicate_of + 1}</a>")
            out.append(f"<p class=\"{' '.join(classes)}\" id=\"d{self._doc_no}-p{index}\">{body}{extra}</p>\n")
        out.append(self._flush_boilerplate(boilerplate))
        out.append("</div>\n</article>\n")
        return "".join(out)

    @staticmethod
    def _flush_boilerplate(pending: list[str]) -> str:
        if not pending:
            return ""
        block = (f"<details class=\"boilerplate\"><summary>Boilerplate ({len(pending)} paragraph"
                 f"{'s' if len(pending) != 1 else ''})</summary>{''.join(pending)}</details>\n")
        pending.clear()
        return block

    def _render_fragment(self, doc: Document, node: Fragment) -> str:
        parts = []
        for piece in segments(doc.text, node):
            if isinstance(piece, str):
                parts.append(esc(piece))
            else:
                parts.append(self._render_quote(doc, piece))
        return "".join(parts)

    def _render_quote(self, doc: Document, frag: Fragment) -> str:
        q = frag.quote
        classes = ["q", q.kind]
        if q.speaker:
            frame, background = speaker_colours(q.speaker)
            style = f" style=\"--c: {frame}; --bg: {background}\""
        else:
            classes.append("unattributed")
            style = ""
        if q.duplicate_of:
            classes.append("dup")
        label = f"{q.speaker or 'unattributed'} \u2014 {q.kind} quote {q.id}"
        if q.nested_in:
            label += f", inside {q.nested_in}"
        if q.continues:
            label += f", continues {q.continues}"
        inner = self._render_fragment(doc, frag)
        tail = []
        if frag.part < frag.parts - 1:
            tail.append(f"<a class=\"part\" href=\"#{self._quote_anchor(doc, q.id, frag.part + 1)}\">"
                        f"continues \u2193</a>")
        else:
            if q.speaker:
                tail.append(f"<a class=\"who\" href=\"#{speaker_anchor(q.speaker)}\">{esc(q.speaker)}</a>")
            if q.duplicate_of:
                tail.append(f"<a class=\"rep\" href=\"#{self._quote_anchor(doc, q.duplicate_of)}\">"
                            f"\u21a9 repeats {esc(q.duplicate_of)}</a>")
        return (f"<mark class=\"{' '.join(classes)}\" id=\"{self._quote_anchor(doc, q.id, frag.part)}\""
                f"{style} title=\"{esc(label)}\">{inner}{''.join(tail)}</mark>")

    # --------------------------------------------------------------------------- end of page
    def _render_index_rows(self) -> Iterable[str]:
        """One table row per speaker, most quoted first, read back from the on-disk index."""
        for name, titles, quotes, documents, links in self._index.speakers(self._index_links):
            frame, background = speaker_colours(name)
            link_html = "".join(f"<a href=\"#{anchor}\">\u201c{esc(text)}\u201d</a>" for anchor, text in links)
            if quotes > len(links):
                link_html += f"<span class=\"meta\">\u2026 and {quotes - len(links)} more</span>"
            yield (
                f"<tr id=\"{speaker_anchor(name)}\" style=\"--c: {frame}; --bg: {background}\">"
                f"<td class=\"name\"><span class=\"swatch\"></span>{esc(name)}</td><td>{esc('; '.join(titles))}</td>"
                f"<td>{quotes}</td><td>{documents}</td><td class=\"links\">{link_html}</td></tr>\n"
            )

    def _render_stats(self) -> str:
        items: Iterable[tuple[str, object]] = [
            *((name, self._stats[name]) for name in (
                "documents", "failed", "duplicate documents", "paragraphs", "boilerplate paragraphs", "characters",
                "quotes", "nested quotes", "duplicate quotes", "unattributed quotes")),
            *((f"{kind} quotes", count) for kind, count in sorted(self._kinds.items())),
            ("speakers", self._index.count()),
        ]
        body = "".join(f"<dt>{esc(name)}</dt><dd>{value}</dd>" for name, value in items)
        return f"<section id=\"statistics\"><h2>Run statistics</h2>\n<dl class=\"stats\">{body}</dl></section>\n"

    def close(self) -> None:
        self._out.write("</main>\n<footer>\n<section id=\"speakers\"><h2>Speakers</h2>\n<table><thead><tr>"
                        "<th>Name</th><th>Title</th><th>Quotes</th><th>Documents</th><th>Their quotes</th></tr>"
                        "</thead>\n<tbody>\n")
        for row in self._render_index_rows():
            self._out.write(row)
        self._out.write("</tbody></table></section>\n" + self._render_stats() + "</footer>\n</body>\n</html>\n")
        self._index.discard()
        self._out.commit()

    def abort(self) -> None:
        self._index.discard()
        self._out.abort()


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("html", HtmlExporter, suffixes=(".html", ".htm"),
                          description="self-contained HTML report: highlighted quotes, speakers index, statistics"))
