"""Parquet tables (optional: needs pyarrow, the ``parquet`` extra)."""

from __future__ import annotations

import pytest

from docpipe.cli.main import main
from docpipe_builtins.export_csv import ParquetExporter, header

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (extra: parquet)")


def _export(docs, target, **options) -> None:
    exporter = ParquetExporter(str(target), **options)
    for doc in docs:
        exporter.write(doc)
    exporter.close()


def test_quotes_table_is_typed_with_nulls(tmp_path, corpus):
    out = tmp_path / "quotes.parquet"
    _export(corpus, out, batch_rows=5)  # several row groups
    table = pq.read_table(out)
    assert table.column_names == header("quotes")
    assert table.num_rows == 12 and pq.ParquetFile(out).num_row_groups > 1
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"
    rows = table.to_pylist()
    q3 = next(r for r in rows if r["document_id"] == corpus[0].id and r["quote_id"] == "q3")
    assert q3["speaker"] is None and q3["nested_in"] == "q2" and q3["text"] == "the door is open"


def test_folder_of_tables(tmp_path, corpus):
    _export(corpus, tmp_path / "tables", folder=True)
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == ["documents.parquet", "paragraphs.parquet", "quotes.parquet", "speakers.parquet"]
    documents = pq.read_table(tmp_path / "tables" / "documents.parquet").to_pylist()
    assert [d["document_id"] for d in documents] == [d.id for d in corpus]
    assert documents[3]["errors"] == 1 and documents[1]["duplicate_of"] == corpus[0].id


def test_abort_and_stdout(tmp_path, corpus, capsys):
    exporter = ParquetExporter(str(tmp_path / "x.parquet"))
    exporter.write(corpus[0])
    exporter.abort()
    assert list(tmp_path.iterdir()) == []
    article = tmp_path / "a.txt"
    article.write_text("Title\nBody text.\n", encoding="utf-8")
    assert main(["run", str(article), "--to", "parquet", "--stages", "", "--no-progress", "-q"]) != 0
    assert "stdout" in capsys.readouterr().err
    out = tmp_path / "docs.parquet"
    assert main(["run", str(article), "-o", str(out), "--stages", "", "--no-progress", "-q"]) == 0
    assert pq.read_table(out).num_rows == 0  # the quotes table, empty without the quote stage
