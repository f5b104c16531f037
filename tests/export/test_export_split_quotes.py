"""A quotation split by its reporting clause (``Quote.continues``) in every exporter.

The test document (written for this test) has one quotation in three parts; the middle part
also runs over a paragraph break, so TEI has to combine its own part links (one quote cut by a
paragraph) with the quotation's links (one quotation cut by its reporting clauses).
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from docpipe.model import Document, Paragraph, Quote, Speaker, line_paragraphs, make_document
from docpipe.serialize import document_to_dict
from docpipe_builtins import export_sqlite
from docpipe_builtins.export_csv import CsvExporter, ParquetExporter, header
from docpipe_builtins.export_html import HtmlExporter
from docpipe_builtins.export_sqlite import SqliteExporter
from docpipe_builtins.export_summary import render_summary
from docpipe_builtins.export_xml import NAMESPACE, TEI_NS, DocpipeXmlExporter, TeiExporter, record_from_element

XSD_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "docpipe.xsd"
D = {"d": NAMESPACE}
T = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

TEXT = (
    "Bridge to reopen\n"
    "\u201cThe bridge,\u201d said Ms. Lund, \u201cwill reopen in June. The ferry keeps running\n"
    "until then,\u201d she added, \u201cand then it stops.\u201d\n"
    "\u201cWe are glad,\u201d a driver said."
)


def _quote(id: str, first_words: str, last_words: str, **fields) -> Quote:
    start = TEXT.index(first_words)
    return Quote(id, start, TEXT.index(last_words, start) + len(last_words), **fields)


def split_document() -> Document:
    paragraphs = line_paragraphs(TEXT)
    paragraphs[0] = Paragraph(paragraphs[0].start, paragraphs[0].end, "title")
    return make_document(TEXT, id="split-doc", uri="bridge.txt", title="Bridge to reopen",
                         paragraphs=paragraphs).evolve(
        quotes=[
            _quote("q1", "The bridge,", "The bridge,", speaker="Ms. Lund"),
            _quote("q2", "will reopen", "until then,", speaker="Ms. Lund", continues="q1"),
            _quote("q3", "and then it stops.", "and then it stops.", speaker="Ms. Lund", continues="q2"),
            _quote("q4", "We are glad,", "We are glad,"),
        ],
        speakers=[Speaker("Ms. Lund")],
    )


def _write(exporter, docs=None):
    for doc in docs or [split_document()]:
        exporter.write(doc)
    exporter.close()


# ----------------------------------------------------------------------------- docpipe XML
def test_docpipe_xml_carries_continues_and_reads_back(tmp_path):
    doc = split_document()
    _write(DocpipeXmlExporter(str(tmp_path / "out.xml")), [doc])
    tree = etree.parse(str(tmp_path / "out.xml"))
    etree.XMLSchema(etree.parse(str(XSD_PATH))).assertValid(tree)
    assert tree.getroot().get("schema_version") == "1.1"
    quotes = tree.findall("d:document/d:quotes/d:quote", D)
    assert [q.get("continues") for q in quotes] == [None, "q1", "q2", None]
    (element,) = tree.getroot()
    assert record_from_element(element) == document_to_dict(doc)


def test_xsd_rejects_a_continues_naming_no_quote(tmp_path):
    _write(DocpipeXmlExporter(str(tmp_path / "out.xml")))
    tree = etree.parse(str(tmp_path / "out.xml"))
    xsd = etree.XMLSchema(etree.parse(str(XSD_PATH)))
    tree.find("d:document/d:quotes/d:quote[3]", D).set("continues", "q99")
    assert not xsd.validate(tree)


# ----------------------------------------------------------------------------- TEI
def test_tei_links_every_said_of_the_quotation_in_text_order(tmp_path):
    _write(TeiExporter(str(tmp_path / "out.tei.xml")))
    tree = etree.parse(str(tmp_path / "out.tei.xml"))
    said = {el.get(XML_ID): el for el in tree.iterfind(".//t:said", T)}
    chain = ["doc1-q-q1", "doc1-q-q2", "doc1-q-q2-part2", "doc1-q-q3"]
    # the quotation is one chain: q1 -> q2 (first paragraph) -> q2 (second paragraph) -> q3
    for before, after in itertools.pairwise(chain):
        assert said[before].get("next") == f"#{after}"
        assert said[after].get("prev") == f"#{before}"
    assert said[chain[0]].get("prev") is None and said[chain[-1]].get("next") is None
    assert "".join(said[i].text for i in chain) == \
        "The bridge,will reopen in June. The ferry keeps runninguntil then,and then it stops."
    # the unrelated quote is not linked; every pointer resolves
    assert said["doc1-q-q4"].get("prev") is None and said["doc1-q-q4"].get("next") is None
    ids = {el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)}
    for el in tree.iter():
        for attr in ("prev", "next", "who"):
            if el.get(attr):
                assert el.get(attr)[1:] in ids


def test_tei_skips_a_part_that_shows_in_no_paragraph(tmp_path):
    # q2 lies between the paragraphs (no paragraph covers it): q1 and q3 are linked directly
    text = "\u201cOne,\u201d he said,\n\u201ctwo,\u201d\nhe added, \u201cthree.\u201d"
    doc = make_document(text, id="gap", paragraphs=[Paragraph(0, text.index("\n")),
                                                    Paragraph(text.index("he added"), len(text))])
    first, second, third = (text.index(w) for w in ("One,", "two,", "three."))
    doc = doc.evolve(quotes=[Quote("q1", first, first + 4), Quote("q2", second, second + 4, continues="q1"),
                             Quote("q3", third, third + 6, continues="q2")])
    _write(TeiExporter(str(tmp_path / "gap.tei.xml")), [doc])
    said = {el.get(XML_ID): el for el in etree.parse(str(tmp_path / "gap.tei.xml")).iterfind(".//t:said", T)}
    assert sorted(said) == ["doc1-q-q1", "doc1-q-q3"]
    assert said["doc1-q-q1"].get("next") == "#doc1-q-q3" and said["doc1-q-q3"].get("prev") == "#doc1-q-q1"


# ----------------------------------------------------------------------------- CSV / Parquet
def test_csv_has_a_continues_column_next_to_nested_in(tmp_path):
    _write(CsvExporter(str(tmp_path / "quotes.csv")))
    columns = header("quotes")
    assert columns.index("continues") == columns.index("nested_in") + 1
    with open(tmp_path / "quotes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["quote_id"], r["continues"]) for r in rows] == [("q1", ""), ("q2", "q1"), ("q3", "q2"), ("q4", "")]


def test_parquet_has_a_continues_column(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (extra: parquet)")
    _write(ParquetExporter(str(tmp_path / "quotes.parquet")))
    table = pq.read_table(tmp_path / "quotes.parquet")
    assert str(table.schema.field("continues").type) == "string"
    assert table.column("continues").to_pylist() == [None, "q1", "q2", None]


# ----------------------------------------------------------------------------- SQLite
def test_sqlite_has_a_continues_column_in_the_table_and_the_fts_table(tmp_path):
    out = tmp_path / "run.sqlite"
    _write(SqliteExporter(str(out)))
    db = sqlite3.connect(out)
    rows = db.execute("SELECT quote_id, continues FROM quote_records ORDER BY start").fetchall()
    assert rows == [("q1", None), ("q2", "q1"), ("q3", "q2"), ("q4", None)]
    assert db.execute("SELECT quote_id, continues FROM quotes WHERE quotes MATCH 'ferry'").fetchall() == [("q2", "q1")]
    # the whole quotation back in one query: follow continues from the first part
    parts = db.execute(
        "WITH RECURSIVE chain(quote_id, text, n) AS ("
        " SELECT quote_id, text, 0 FROM quote_records WHERE quote_id = 'q1'"
        " UNION ALL SELECT q.quote_id, q.text, chain.n + 1 FROM quote_records q JOIN chain"
        " ON q.continues = chain.quote_id) SELECT quote_id FROM chain ORDER BY n").fetchall()
    assert parts == [("q1",), ("q2",), ("q3",)]


def _old_database(path: Path) -> None:
    """A database with the schema 1.0 layout (no continues column), holding one quote."""
    old_sql = (export_sqlite.SCHEMA_SQL
               .replace("    continues TEXT,                  -- quote_id of the previous part of a split quotation\n",
                        "")
               .replace(" continues UNINDEXED,", ""))
    assert "continues" not in old_sql
    db = sqlite3.connect(path)
    db.executescript(old_sql)
    db.execute("INSERT INTO docpipe_meta VALUES ('schema_version', '1.0')")
    db.execute("INSERT INTO documents VALUES ('old', 'old.txt', 'text', NULL, NULL, 'x', '{}', NULL, 1, 0)")
    db.execute("INSERT INTO quote_records (document_id, quote_id, text, kind, start, \"end\", confidence)"
               " VALUES ('old', 'q1', 'the harbour stays open', 'direct', 0, 1, 1.0)")
    db.commit()
    db.close()


def test_an_older_database_is_upgraded_in_place(tmp_path):
    out = tmp_path / "old.sqlite"
    _old_database(out)
    _write(SqliteExporter(str(out)))
    db = sqlite3.connect(out)
    assert "continues" in [row[1] for row in db.execute("PRAGMA table_info(quote_records)")]
    assert db.execute("SELECT value FROM docpipe_meta WHERE key = 'schema_version'").fetchone() == ("1.1",)
    # the old row is still there and still found by the rebuilt full-text index
    assert db.execute("SELECT document_id, quote_id, continues FROM quotes WHERE quotes MATCH 'harbour'"
                      ).fetchall() == [("old", "q1", None)]
    assert db.execute("SELECT quote_id, continues FROM quotes WHERE quotes MATCH 'stops'").fetchall() == [("q3", "q2")]
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.execute("INSERT INTO quotes(quotes) VALUES ('integrity-check')")  # raises if the FTS index is off


def test_an_aborted_run_leaves_an_older_database_as_it_was(tmp_path):
    out = tmp_path / "old.sqlite"
    _old_database(out)
    exporter = SqliteExporter(str(out))
    exporter.write(split_document())
    exporter.abort()
    db = sqlite3.connect(out)
    assert "continues" not in [row[1] for row in db.execute("PRAGMA table_info(quote_records)")]
    assert db.execute("SELECT value FROM docpipe_meta WHERE key = 'schema_version'").fetchone() == ("1.0",)
    assert db.execute("SELECT quote_id FROM quotes WHERE quotes MATCH 'harbour'").fetchall() == [("q1",)]


# ----------------------------------------------------------------------------- HTML and summary
def test_html_label_says_which_part_a_quote_continues(tmp_path):
    _write(HtmlExporter(str(tmp_path / "r.html")))
    tree = lxml_html.fromstring((tmp_path / "r.html").read_text(encoding="utf-8"))
    titles = {m.get("id"): m.get("title") for m in tree.iter("mark")}
    (q2_id,) = [i for i in titles if i.endswith("-q-q2")]
    assert titles[q2_id] == "Ms. Lund \u2014 direct quote q2, continues q1"
    assert "continues" not in titles[q2_id.replace("q2", "q1")]
    (q3_id,) = [i for i in titles if i.endswith("-q-q3")]
    assert titles[q3_id].endswith(", continues q2")


def test_summary_lists_a_split_quotation_once():
    summary = render_summary(split_document(), width=200)
    assert "Ms. Lund  [1 quote(s)]" in summary
    assert ("- q1+q2+q3 (direct, split in 3 parts): The bridge, \u2026 will reopen in June. The ferry keeps "
            "running until then, \u2026 and then it stops.") in summary
    assert "(unattributed)  [1 quote(s)]" in summary and "- q4 (direct): We are glad," in summary
