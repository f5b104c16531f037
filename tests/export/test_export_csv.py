"""CSV tables: RFC 4180 quoting, BOM option, one file or a folder, atomic files."""

from __future__ import annotations

import csv
import io

import pytest

from docpipe.cli.main import main
from docpipe_builtins.export_csv import CsvExporter, header


def _export(docs, target: str, **options) -> None:
    exporter = CsvExporter(target, **options)
    for doc in docs:
        exporter.write(doc)
    exporter.close()


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_quotes_table_holds_every_quote_with_its_speaker(tmp_path, corpus):
    out = tmp_path / "quotes.csv"
    _export(corpus, str(out))
    rows = _read(out)
    assert len(rows) == sum(len(d.quotes) for d in corpus) == 12
    by_id = {(r["document_id"], r["quote_id"]): r for r in rows}
    q2 = by_id[(corpus[0].id, "q2")]
    assert q2["speaker"] == "Anna Berg" and q2["speaker_title"] == "Foreign Minister"
    assert "\n" in q2["text"]  # a quote over two paragraphs keeps its line break inside one field
    assert q2["text"] == corpus[0].text[corpus[0].quotes[1].start:corpus[0].quotes[1].end]
    assert by_id[(corpus[0].id, "q3")]["nested_in"] == "q2"
    assert by_id[(corpus[0].id, "q6")]["duplicate_of"] == "q1"
    assert by_id[(corpus[0].id, "q4")]["kind"] == "indirect"
    assert float(by_id[(corpus[0].id, "q3")]["confidence"]) == 0.6
    assert list(rows[0]) == header("quotes")


def test_rfc4180_quoting_and_crlf(tmp_path, briefing):
    out = tmp_path / "quotes.csv"
    _export([briefing], str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"document_id,quote_id,")
    assert b"\r\n" in raw
    # The quote with a comma is quoted; the nested quote marks stay as they are.
    assert '"We will keep the embassy open,"'.encode() in raw
    assert not raw.startswith(b"\xef\xbb\xbf")


def test_bom_option(tmp_path, briefing):
    out = tmp_path / "quotes.csv"
    _export([briefing], str(out), bom=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument_id,")


def test_documents_table_keeps_errors_and_duplicates(tmp_path, corpus):
    out = tmp_path / "docs.csv"
    _export(corpus, str(out), table="documents")
    rows = _read(out)
    assert [r["document_id"] for r in rows] == [d.id for d in corpus]
    assert rows[1]["duplicate_of"] == corpus[0].id
    assert rows[3]["errors"] == "1" and rows[3]["error_messages"].startswith("ingest: UnicodeDecodeError")
    assert rows[0]["title"].startswith("Minister <script>")


@pytest.mark.parametrize("how", ["slash", "option"])
def test_folder_gets_all_tables(tmp_path, corpus, how):
    folder = tmp_path / "tables"
    if how == "slash":
        _export(corpus, str(folder) + "/")
    else:
        _export(corpus, str(folder), folder=True)
    assert sorted(p.name for p in folder.iterdir()) == ["documents.csv", "paragraphs.csv", "quotes.csv",
                                                        "speakers.csv"]
    speakers = _read(folder / "speakers.csv")
    berg = [r for r in speakers if r["document_id"] == corpus[0].id and r["speaker"] == "Anna Berg"][0]
    assert berg["quotes"] == "4" and berg["titles"] == "Foreign Minister"
    paragraphs = _read(folder / "paragraphs.csv")
    dup = [r for r in paragraphs if r["document_id"] == corpus[0].id and r["index"] == "6"][0]
    assert dup["duplicate_of"] == "2"
    boiler = [r for r in paragraphs if r["role"] == "boilerplate"]
    assert boiler and boiler[0]["text"] == "Subscribe to our newsletter for more news."


def test_abort_leaves_no_file(tmp_path, briefing):
    out = tmp_path / "quotes.csv"
    exporter = CsvExporter(str(out))
    exporter.write(briefing)
    exporter.abort()
    assert list(tmp_path.iterdir()) == []


def test_unknown_table_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        CsvExporter(str(tmp_path / "x.csv"), table="nope")


def test_cli_chooses_csv_by_suffix(tmp_path, capsysbinary):
    article = tmp_path / "a.txt"
    article.write_text("Title line\nSome body, with a comma.\n", encoding="utf-8")
    out = tmp_path / "docs.csv"
    assert main(["run", str(article), "-o", str(out), "--stages", "", "--no-progress", "-q"]) == 0
    assert _read(out) == []  # no quotes without the quote stage, but a valid table with its header
    assert out.read_text(encoding="utf-8").startswith("document_id,quote_id,speaker")
    main(["run", str(article), "--to", "csv", "--stages", "", "--no-progress", "-q"])
    printed = capsysbinary.readouterr().out.decode("utf-8")
    assert list(csv.reader(io.StringIO(printed)))[0] == header("quotes")


def _formula_document():
    import docpipe
    from docpipe.model import Quote

    text = 'The mayor wrote: =HYPERLINK("http://example.invalid","Click") and then @SUM(A1) and -12 apples.'
    doc = docpipe.make_document(text, id="formula")
    start = text.index("=HYPERLINK")
    at = text.index("@SUM")
    minus = text.index("-12")
    return doc.evolve(quotes=[Quote("q1", start, at - 10, speaker="=cmd|' /C calc'!A0"),
                              Quote("q2", at, at + 8), Quote("q3", minus, minus + 10)])


def test_escape_formulas_option_makes_formula_cells_text(tmp_path):
    doc = _formula_document()
    plain, guarded = tmp_path / "plain.csv", tmp_path / "guarded.csv"
    _export([doc], str(plain))
    _export([doc], str(guarded), escape_formulas=True)
    plain_rows, guarded_rows = _read(plain), _read(guarded)
    # off (the default): the text is exactly the document's
    assert [r["text"] for r in plain_rows] == [doc.span_text(q) for q in doc.quotes]
    # on: every cell a spreadsheet would run starts with an apostrophe; numbers stay numbers
    assert [r["text"] for r in guarded_rows] == ["'" + doc.span_text(q) for q in doc.quotes]
    assert guarded_rows[0]["speaker"] == "'=cmd|' /C calc'!A0"
    assert guarded_rows[0]["start"] == plain_rows[0]["start"] and not guarded_rows[0]["start"].startswith("'")
    assert guarded_rows[0]["document_id"] == "formula"
