"""SQLite exporter: one plain database file with documents, paragraphs, quotes, speakers and errors.

Layout (see ``docs/output-formats.md``):

* ``documents`` (primary key ``id``), ``paragraphs``, ``speakers``, ``errors`` and
  ``quote_records`` are ordinary typed tables with foreign keys to ``documents`` and indexes on
  the columns people filter by (speaker, document, duplicate_of).
* ``quotes`` is an FTS5 full-text table over ``quote_records`` (external content, kept in sync by
  triggers). Its columns are the quote's ``speaker`` and ``text`` (indexed) and the structured
  columns (unindexed), so ``SELECT speaker, text FROM quotes WHERE quotes MATCH 'embassy'`` works
  as written, and so does ``SELECT * FROM quotes WHERE kind = 'direct'``.

Writing is atomic. A new database is built in a temporary file beside the target and renamed into
place by ``close()``. An existing database is updated in place inside **one transaction per run**
(copying a large database for every run would cost more than the run); a crash or ``abort()``
rolls the transaction back, so the previous content stays intact. Documents are upserted by id:
running the same input twice replaces their rows instead of duplicating them. A database written
by an older docpipe is upgraded in that transaction (:func:`upgrade_schema`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile

import docpipe
from docpipe.components import ExporterSpec
from docpipe.model import SCHEMA_VERSION, Document

#: The full-text table over ``quote_records`` (its own constant: an upgrade recreates it).
QUOTES_FTS_SQL = """CREATE VIRTUAL TABLE IF NOT EXISTS quotes USING fts5(
    speaker, text,
    document_id UNINDEXED, quote_id UNINDEXED, speaker_title UNINDEXED, kind UNINDEXED,
    start UNINDEXED, "end" UNINDEXED, cue UNINDEXED, speaker_mention UNINDEXED,
    nested_in UNINDEXED, continues UNINDEXED, duplicate_of UNINDEXED, confidence UNINDEXED,
    content='quote_records', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
"""

SCHEMA_SQL = """
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS docpipe_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT,
    title TEXT,
    text TEXT NOT NULL,
    metadata TEXT NOT NULL,          -- JSON object
    duplicate_of TEXT,               -- id of the document this one near-duplicates (may be in another run)
    quote_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_duplicate_of ON documents(duplicate_of);
CREATE TABLE IF NOT EXISTS paragraphs (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    duplicate_of INTEGER,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);
CREATE INDEX IF NOT EXISTS paragraphs_role ON paragraphs(role);
CREATE TABLE IF NOT EXISTS speakers (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    titles TEXT NOT NULL,            -- JSON array of strings
    quote_count INTEGER NOT NULL,
    mentions TEXT NOT NULL,          -- JSON array of {text, start, end}
    PRIMARY KEY (document_id, name)
);
CREATE INDEX IF NOT EXISTS speakers_name ON speakers(name);
CREATE TABLE IF NOT EXISTS quote_records (
    rowid INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    speaker TEXT,
    speaker_title TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    speaker_mention TEXT,
    nested_in TEXT,
    continues TEXT,                  -- quote_id of the previous part of a split quotation
    duplicate_of TEXT,
    confidence REAL NOT NULL,
    UNIQUE (document_id, quote_id)
);
CREATE INDEX IF NOT EXISTS quote_records_speaker ON quote_records(speaker);
CREATE INDEX IF NOT EXISTS quote_records_duplicate_of ON quote_records(document_id, duplicate_of);
{QUOTES_FTS_SQL}CREATE TRIGGER IF NOT EXISTS quote_records_ai AFTER INSERT ON quote_records BEGIN
    INSERT INTO quotes(rowid, speaker, text) VALUES (new.rowid, new.speaker, new.text);
END;
CREATE TRIGGER IF NOT EXISTS quote_records_ad AFTER DELETE ON quote_records BEGIN
    INSERT INTO quotes(quotes, rowid, speaker, text) VALUES ('delete', old.rowid, old.speaker, old.text);
END;
CREATE TABLE IF NOT EXISTS errors (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    type TEXT NOT NULL,
    message TEXT NOT NULL,
    path TEXT
);
CREATE INDEX IF NOT EXISTS errors_document ON errors(document_id);
""".replace("{QUOTES_FTS_SQL}", QUOTES_FTS_SQL)

#: Tables holding rows of one document, deleted before a document is written again (upsert).
#: ``quote_records`` rows are deleted explicitly so the FTS trigger runs for each of them.
CHILD_TABLES = ("quote_records", "paragraphs", "speakers", "errors")


def upgrade_schema(db: sqlite3.Connection) -> None:
    """Bring a database written by an older docpipe up to the current layout, in place.

    Schema 1.1 added ``quote_records.continues``. ``ALTER TABLE ... ADD COLUMN`` appends it (so in
    an upgraded database it is the last column; in a new one it follows ``nested_in``). An FTS5
    table cannot gain a column, so ``quotes`` is dropped, recreated with the new column list and
    rebuilt from ``quote_records`` (its content table: nothing is lost). Runs inside the run's
    transaction, so an aborted run leaves the old database untouched.
    """
    columns = {row[1] for row in db.execute("PRAGMA table_info(quote_records)")}
    if "continues" not in columns:
        db.execute("ALTER TABLE quote_records ADD COLUMN continues TEXT")
    fts_columns = {row[1] for row in db.execute("PRAGMA table_info(quotes)")}
    if "continues" not in fts_columns:
        db.execute("DROP TABLE quotes")
        db.execute(QUOTES_FTS_SQL)
        db.execute("INSERT INTO quotes(quotes) VALUES ('rebuild')")


def _mention_text(mention) -> str | None:  # noqa: ANN001 - Mention | None
    return None if mention is None else mention.text


class SqliteExporter:
    """A SQLite database file (``.sqlite``, ``.db``). Cannot go to stdout.

    :param target: the database path. An existing docpipe database is updated (upsert by document id).
    :param replace: start a fresh database even if ``target`` exists (it is replaced on ``close``).
    """

    def __init__(self, target: str, replace: bool = False) -> None:
        if target == "-":
            raise ValueError("a SQLite database cannot be written to stdout: give an output file with -o")
        self.target = target
        self._tmp: str | None = None
        if replace or not os.path.exists(target):
            directory = os.path.dirname(os.path.abspath(target))
            os.makedirs(directory, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
            os.close(fd)
            path = self._tmp
        else:
            path = target
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction for the whole run.
        self._db = sqlite3.connect(path, isolation_level=None)
        try:
            self._db.executescript(SCHEMA_SQL)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("BEGIN IMMEDIATE")
            upgrade_schema(self._db)
            self._db.execute("INSERT OR REPLACE INTO docpipe_meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if self._tmp is not None:
                os.unlink(self._tmp)
            # A ValueError becomes a clear usage error in the CLI instead of a traceback.
            raise ValueError(f"{target}: not a docpipe SQLite database ({exc}); use another file "
                             "or the option replace = true") from None
        self._closed = False

    def write(self, doc: Document) -> None:
        db = self._db
        for table in CHILD_TABLES:
            db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc.id,))  # noqa: S608 - fixed names
        db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
        text = doc.text
        db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.source.uri, doc.source.format, doc.source.sha256, doc.title, text,
             json.dumps(dict(doc.metadata), ensure_ascii=False, default=str), doc.duplicate_of,
             len(doc.quotes), len(doc.errors)),
        )
        db.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, i, p.role, p.start, p.end, p.duplicate_of, text[p.start:p.end])
             for i, p in enumerate(doc.paragraphs)],
        )
        counts: dict[str, int] = {}
        for q in doc.quotes:
            if q.speaker:
                counts[q.speaker] = counts.get(q.speaker, 0) + 1
        titles = {s.name: "; ".join(s.titles) for s in doc.speakers}
        db.executemany(
            "INSERT OR REPLACE INTO speakers VALUES (?, ?, ?, ?, ?)",
            [(doc.id, s.name, json.dumps(list(s.titles), ensure_ascii=False), counts.get(s.name, 0),
              json.dumps([{"text": m.text, "start": m.start, "end": m.end} for m in s.mentions], ensure_ascii=False))
             for s in doc.speakers],
        )
        db.executemany(
            "INSERT INTO quote_records (document_id, quote_id, speaker, speaker_title, text, kind, start, \"end\","
            " cue, speaker_mention, nested_in, continues, duplicate_of, confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, q.id, q.speaker, titles.get(q.speaker) if q.speaker else None, text[q.start:q.end], q.kind,
              q.start, q.end, _mention_text(q.cue), _mention_text(q.speaker_mention), q.nested_in, q.continues,
              q.duplicate_of, q.confidence) for q in doc.quotes],
        )
        db.executemany(
            "INSERT INTO errors VALUES (?, ?, ?, ?, ?)",
            [(doc.id, e.stage, e.type, e.message, e.path) for e in doc.errors],
        )

    def close(self) -> None:
        """Commit the run's transaction; a new database is then renamed onto the target."""
        if self._closed:
            return
        self._closed = True
        self._db.execute("COMMIT")
        self._db.close()
        if self._tmp is not None:
            os.replace(self._tmp, self.target)

    def abort(self) -> None:
        """Roll back: the target keeps its previous content (or does not appear)."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")
        self._db.close()
        if self._tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._tmp)


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("sqlite", SqliteExporter, suffixes=(".sqlite", ".db", ".sqlite3"), binary_target=True,
                          description="SQLite database: documents, paragraphs, quotes (FTS5), speakers, errors; "
                                      "upserts by document id"))
