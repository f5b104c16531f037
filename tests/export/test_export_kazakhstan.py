"""Every format from the Kazakhstan briefing example, through the real CLI, validated."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from lxml import etree
from lxml import html as lxml_html

from docpipe.cli.main import main
from docpipe.engine import Engine

REPO = Path(__file__).resolve().parents[2]
BRIEFING = REPO / "examples" / "kazakhstan_briefing" / "kazakhstan_briefing.txt"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The briefing written once in each format, with the default stages that are registered."""
    if not BRIEFING.is_file():
        pytest.skip("examples/kazakhstan_briefing is not in this checkout")
    registered = {spec.name for spec in Engine().registry.stages}
    stages = ",".join(name for name in ("quotes", "dedup") if name in registered)
    out = tmp_path_factory.mktemp("kazakhstan")
    targets = {"jsonl": out / "k.jsonl", "csv": out / "tables/", "xml": out / "k.xml", "tei": out / "k.tei.xml",
               "sqlite": out / "k.sqlite", "html": out / "k.html"}
    for fmt, target in targets.items():
        target_arg = str(target) + ("/" if fmt == "csv" else "")
        code = main(["run", str(BRIEFING), "-o", target_arg, "--to", fmt, "--stages", stages, "--no-progress", "-q"])
        assert code == 0, fmt
    return targets


@pytest.fixture(scope="module")
def record(exported) -> dict:
    lines = exported["jsonl"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_jsonl_follows_the_schema(record):
    schema = json.loads((REPO / "docs" / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(record)
    assert record["title"] == "Foreign Ministry: Kazakhstan did not recognize Taliban"


def test_csv_tables_match_the_record(exported, record):
    with open(exported["csv"] / "quotes.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == [q["text"] for q in record["quotes"]]
    with open(exported["csv"] / "documents.csv", encoding="utf-8", newline="") as fh:
        assert [r["title"] for r in csv.DictReader(fh)] == [record["title"]]


def test_xml_validates_and_tei_is_well_formed(exported, record):
    xsd = etree.XMLSchema(etree.parse(str(REPO / "docs" / "schema" / "docpipe.xsd")))
    xsd.assertValid(etree.parse(str(exported["xml"])))
    tei = etree.parse(str(exported["tei"])).getroot()
    assert tei.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    said = tei.findall(".//t:said", TEI)
    # parts of a quote split over paragraphs are linked, so the number of quotes is the number of first parts
    assert len([s for s in said if s.get("prev") is None]) == len(record["quotes"])
    assert "".join(tei.find("t:text/t:body/t:head", TEI).itertext()) == record["title"]


def test_sqlite_and_html(exported, record):
    db = sqlite3.connect(exported["sqlite"])
    assert db.execute("SELECT title FROM documents").fetchall() == [(record["title"],)]
    assert db.execute("SELECT count(*) FROM quote_records").fetchone() == (len(record["quotes"]),)
    if any("Taliban" in q["text"] for q in record["quotes"]):
        assert db.execute("SELECT speaker, text FROM quotes WHERE quotes MATCH 'taliban'").fetchall()
    page = lxml_html.parse(str(exported["html"])).getroot()
    assert page.xpath("//article/h2")[0].text_content() == record["title"]
    assert len({m.get("id").split("-q-")[1].split("-")[0] for m in page.xpath("//mark")}) == len(record["quotes"])
