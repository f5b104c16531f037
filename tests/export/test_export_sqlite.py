"""SQLite export: tables, foreign keys, FTS5 on quote text, upsert on a second run, atomic writes."""

from __future__ import annotations

import sqlite3

import pytest

from docpipe.cli.main import main
from docpipe_builtins.export_sqlite import SqliteExporter


def _export(docs, target) -> None:
    exporter = SqliteExporter(str(target))
    for doc in docs:
        exporter.write(doc)
    exporter.close()


def _connect(path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def test_fts_query_from_the_issue_works_as_written(tmp_path, corpus):
    out = tmp_path / "run.sqlite"
    _export(corpus, out)
    db = _connect(out)
    rows = db.execute("SELECT speaker, text FROM quotes WHERE quotes MATCH 'embassy'").fetchall()
    # q1 and its repeat q6, in the briefing and in its near-duplicate copy
    assert rows == [("Anna Berg", "We will keep the embassy open,")] * 4
    structured = db.execute(
        "SELECT document_id, quote_id, kind, start, duplicate_of FROM quotes WHERE quotes MATCH 'embassy' "
        "AND document_id = ? ORDER BY start", (corpus[0].id,)).fetchall()
    q1, q6 = corpus[0].quotes[0], corpus[0].quotes[5]
    assert structured == [(corpus[0].id, "q1", "direct", q1.start, None), (corpus[0].id, "q6", "direct", q6.start, "q1")]
    # speaker is indexed too, and punctuation/markup in the text does not break the tokenizer
    assert db.execute("SELECT quote_id FROM quotes WHERE quotes MATCH 'speaker:ray'").fetchall() == [("q5",)] * 2
    assert db.execute("SELECT count(*) FROM quotes WHERE quotes MATCH 'script'").fetchone() == (2,)


def test_tables_keys_and_integrity(tmp_path, corpus):
    out = tmp_path / "run.db"
    _export(corpus, out)
    db = _connect(out)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "paragraphs", "quotes", "quote_records", "speakers", "errors"} <= tables
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.execute("INSERT INTO quotes(quotes) VALUES ('integrity-check')")  # raises if FTS is out of sync
    fks = {r[2] for t in ("paragraphs", "speakers", "quote_records", "errors")
           for r in db.execute(f"PRAGMA foreign_key_list({t})")}
    assert fks == {"documents"}
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    assert {"quote_records_speaker", "speakers_name", "documents_duplicate_of"} <= indexes
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO paragraphs VALUES ('no-such-doc', 0, 'body', 0, 1, NULL, 'x')")
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    failed = db.execute("SELECT d.source, e.stage, e.type FROM errors e JOIN documents d ON d.id = e.document_id"
                        ).fetchall()
    assert failed == [("broken.bin", "ingest", "UnicodeDecodeError")]
    assert db.execute("SELECT duplicate_of FROM documents WHERE id = ?", (corpus[1].id,)).fetchone() == (corpus[0].id,)
    speakers = db.execute("SELECT name, titles, quote_count FROM speakers WHERE document_id = ? ORDER BY name",
                          (corpus[0].id,)).fetchall()
    assert speakers == [("Anna Berg", '["Foreign Minister"]', 4), ("Tom Ray", '["spokesman"]', 1)]
    nested = db.execute("SELECT q.text, outer_q.speaker FROM quote_records q JOIN quote_records outer_q "
                        "ON outer_q.document_id = q.document_id AND outer_q.quote_id = q.nested_in "
                        "WHERE q.document_id = ?", (corpus[0].id,)).fetchall()
    assert nested == [("the door is open", "Anna Berg")]


def test_second_run_upserts_instead_of_duplicating(tmp_path, corpus):
    out = tmp_path / "run.sqlite"
    _export(corpus, out)
    changed = corpus[2].evolve(title="Weather report (updated)")
    _export([corpus[0], changed], out)
    db = _connect(out)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    assert db.execute("SELECT count(*) FROM quote_records").fetchone() == (12,)
    assert db.execute("SELECT count(*) FROM quotes WHERE quotes MATCH 'embassy'").fetchone() == (4,)
    assert db.execute("SELECT title FROM documents WHERE id = ?", (changed.id,)).fetchone() == (changed.title,)
    db.execute("INSERT INTO quotes(quotes) VALUES ('integrity-check')")


def test_abort_keeps_previous_database_and_creates_nothing_new(tmp_path, corpus):
    existing = tmp_path / "old.sqlite"
    _export(corpus[:1], existing)
    exporter = SqliteExporter(str(existing))
    exporter.write(corpus[2])
    exporter.abort()
    assert _connect(existing).execute("SELECT count(*) FROM documents").fetchone() == (1,)
    fresh = tmp_path / "new.sqlite"
    exporter = SqliteExporter(str(fresh))
    exporter.write(corpus[0])
    assert not fresh.exists()  # built beside the target, renamed only on close
    exporter.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]


def test_cli_picks_sqlite_by_suffix_and_refuses_stdout(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Embassy news\nThe embassy stays open.\n", encoding="utf-8")
    out = tmp_path / "out.db"
    assert main(["run", str(article), "-o", str(out), "--stages", "", "--no-progress", "-q"]) == 0
    assert _connect(out).execute("SELECT title FROM documents").fetchall() == [("Embassy news",)]
    assert main(["run", str(article), "--to", "sqlite", "--stages", "", "--no-progress", "-q"]) != 0
    assert "stdout" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("just some text, not SQLite\n" * 100, encoding="utf-8")
    with pytest.raises(ValueError, match="not a docpipe SQLite database"):
        SqliteExporter(str(notes))
    assert notes.read_text(encoding="utf-8").startswith("just some text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
