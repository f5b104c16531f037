"""docpipe XML (validated against docs/schema/docpipe.xsd) and TEI P5 (well-formed, namespaced, structured)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from docpipe.cli.main import main
from docpipe.model import Mention, Paragraph, Quote, Speaker, make_document
from docpipe.serialize import document_to_dict
from docpipe_builtins.export_xml import NAMESPACE, TEI_NS, DocpipeXmlExporter, TeiExporter, record_from_element

XSD_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "docpipe.xsd"
D = {"d": NAMESPACE}
T = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def _export(cls, docs, target, **options) -> etree._ElementTree:
    exporter = cls(str(target), **options)
    for doc in docs:
        exporter.write(doc)
    exporter.close()
    return etree.parse(str(target))


# ----------------------------------------------------------------------------- docpipe XML
def test_docpipe_xml_validates_against_xsd(tmp_path, corpus, xsd):
    tree = _export(DocpipeXmlExporter, corpus, tmp_path / "out.xml")
    xsd.assertValid(tree)
    assert tree.getroot().tag == f"{{{NAMESPACE}}}docpipe"
    assert [d.get("id") for d in tree.getroot()] == [d.id for d in corpus]
    error = tree.find("d:document[4]/d:errors/d:error", D)
    assert error.get("stage") == "ingest" and error.get("type") == "UnicodeDecodeError"


def test_docpipe_xml_is_lossless(tmp_path, corpus):
    tree = _export(DocpipeXmlExporter, corpus, tmp_path / "out.xml")
    assert [record_from_element(el) for el in tree.getroot()] == [document_to_dict(d) for d in corpus]


def test_xsd_rejects_broken_references(tmp_path, briefing, xsd):
    tree = _export(DocpipeXmlExporter, [briefing], tmp_path / "out.xml")
    tree.find("d:document/d:quotes/d:quote[3]", D).set("nested_in", "q99")
    assert not xsd.validate(tree)
    tree.find("d:document/d:quotes/d:quote[3]", D).set("nested_in", "q2")
    tree.find("d:document/d:quotes/d:quote[1]", D).set("kind", "shouted")
    assert not xsd.validate(tree)


def test_characters_xml_cannot_carry_keep_offsets(tmp_path, xsd):
    text = "Form\x0cfeed\r\nline\x01 \u201cquoted\u201d"
    start = text.index("quoted")
    doc = make_document(text).evolve(quotes=[Quote("q1", start, start + 6)])
    tree = _export(DocpipeXmlExporter, [doc], tmp_path / "odd.xml")
    xsd.assertValid(tree)
    record = record_from_element(tree.getroot()[0])
    assert record["text"] == "Form\ufffdfeed\r\nline\ufffd \u201cquoted\u201d"  # CR survives, controls become U+FFFD
    assert record["text"][start:start + 6] == "quoted"


def test_empty_run_and_abort(tmp_path, briefing, xsd):
    tree = _export(DocpipeXmlExporter, [], tmp_path / "empty.xml")
    xsd.assertValid(tree)
    exporter = DocpipeXmlExporter(str(tmp_path / "aborted.xml"))
    exporter.write(briefing)
    exporter.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.xml"]


def test_cli_xml_and_tei_by_suffix(tmp_path, xsd):
    article = tmp_path / "a.txt"
    article.write_text("Embassy news\nThe embassy stays open, she said.\n", encoding="utf-8")
    xml_out, tei_out = tmp_path / "out.xml", tmp_path / "out.tei.xml"
    for out in (xml_out, tei_out):
        assert main(["run", str(article), "-o", str(out), "--stages", "", "--no-progress", "-q"]) == 0
    xsd.assertValid(etree.parse(str(xml_out)))
    tei = etree.parse(str(tei_out)).getroot()
    assert tei.tag == f"{{{TEI_NS}}}TEI"
    assert tei.findtext("t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces=T) == "Embassy news"


# ----------------------------------------------------------------------------- TEI
def test_tei_single_document_structure(tmp_path, briefing):
    root = _export(TeiExporter, [briefing], tmp_path / "one.tei.xml").getroot()
    assert root.tag == f"{{{TEI_NS}}}TEI" and root.nsmap[None] == TEI_NS
    persons = root.findall("t:teiHeader/t:profileDesc/t:particDesc/t:listPerson/t:person", T)
    people = {p.xpath("string(t:persName[not(@type)])", namespaces=T): p for p in persons}
    assert set(people) == {"Anna Berg", "Tom Ray"}
    styled = people["Anna Berg"].find("t:persName[@type='withRole']", T)
    assert styled.findtext("t:roleName", namespaces=T) == "Foreign Minister"
    assert "".join(styled.itertext()) == "Foreign Minister Anna Berg"
    assert people["Anna Berg"].find("t:roleName", T) is None  # roleName only inside a name, as TEI requires
    berg_ref = "#" + people["Anna Berg"].get(XML_ID)
    body = root.find("t:text/t:body", T)
    assert body[0].tag == f"{{{TEI_NS}}}head" and body[0].text.startswith("Minister <script>")
    said = {s.get(XML_ID).split("-q-")[1]: s for s in body.iter(f"{{{TEI_NS}}}said")}
    assert said["q1"].get("who") == berg_ref and said["q1"].text == "We will keep the embassy open,"
    assert said["q4"].get("direct") == "false" and "#docpipe.indirect" in said["q4"].get("ana")
    # q3 is nested inside the first part of q2
    assert said["q3"].getparent() is said["q2"]
    assert said["q3"].get("who") is None
    # q2 runs over two paragraphs: two linked parts in consecutive <p>
    part2 = said["q2-part2"]
    assert said["q2"].get("next") == "#" + part2.get(XML_ID) and part2.get("prev") == "#" + said["q2"].get(XML_ID)
    assert said["q2"].getparent().getnext() is part2.getparent()
    joined = "".join(said["q2"].itertext()) + "\n" + "".join(part2.itertext())
    q2 = briefing.quotes[1]
    assert joined == briefing.text[q2.start:q2.end]
    # the repeat is marked and points at the original
    assert said["q6"].get("corresp") == "#" + said["q1"].get(XML_ID)
    assert "#docpipe.duplicate" in said["q6"].get("ana")
    dup_para = said["q6"].getparent()
    assert dup_para.get("corresp") == "#" + said["q1"].getparent().get(XML_ID)
    boiler = body.findall("t:note[@type='boilerplate']", T)
    assert [n.text for n in boiler] == ["Subscribe to our newsletter for more news."]
    # every pointer resolves to an xml:id in the file
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    for el in root.iter():
        for attr in ("who", "corresp", "prev", "next", "ana"):
            for ref in (el.get(attr) or "").split():
                if ref.startswith("#"):
                    assert ref[1:] in ids, (attr, ref)


def test_tei_corpus_for_several_documents(tmp_path, corpus):
    root = _export(TeiExporter, corpus, tmp_path / "all.tei.xml").getroot()
    assert root.tag == f"{{{TEI_NS}}}teiCorpus"
    assert root[0].tag == f"{{{TEI_NS}}}teiHeader"
    documents = root.findall("t:TEI", T)
    assert len(documents) == 4
    assert documents[1].get("corresp") == f"docpipe:{corpus[0].id}"
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))  # ids are unique across the corpus
    error_note = documents[3].find("t:teiHeader/t:fileDesc/t:notesStmt/t:note[@type='error']", T)
    assert error_note.text.startswith("ingest: UnicodeDecodeError")
    assert documents[3].find("t:text/t:body/t:p", T) is not None  # an empty body still has a <p>
    for ref in (el.get("ana") for el in root.iter() if el.get("ana")):
        for target in ref.split():
            assert target[1:] in ids


def test_tei_splits_crossing_quotes_safely(tmp_path):
    text = "Alpha beta gamma delta epsilon zeta"
    doc = make_document(text, paragraphs=[Paragraph(0, 16), Paragraph(17, len(text))]).evolve(
        quotes=[Quote("a", 0, 22), Quote("b", 6, 30, speaker="Zed")],
        speakers=[Speaker("Zed", (), [Mention("zeta", 31, 35)])],
    )
    root = _export(TeiExporter, [doc], tmp_path / "x.tei.xml").getroot()
    said = root.findall(".//t:said", T)
    pieces = {s.get(XML_ID).split("-q-")[1]: "".join(s.itertext()) for s in said}
    assert pieces == {"a": "Alpha beta gamma", "b": "beta gamma", "a-part2": "delta", "b-part2": "delta epsilon"}
    # in the first paragraph b's part lies inside a; in the second, a's rest lies inside b
    by_id = {s.get(XML_ID).split("-q-")[1]: s for s in said}
    assert by_id["b"].getparent() is by_id["a"]
    assert by_id["a-part2"].getparent() is by_id["b-part2"]
    assert by_id["b-part2"].getparent().tag == f"{{{TEI_NS}}}p"


def test_tei_stream_keeps_one_document_in_memory(tmp_path, briefing):
    """After the first two documents, each write goes straight to the file."""
    out = tmp_path / "s.tei.xml"
    exporter = TeiExporter(str(out))
    exporter.write(briefing)
    exporter.write(briefing.evolve(id="second"))
    size_after_two = out.parent.joinpath(next(p.name for p in tmp_path.iterdir())).stat().st_size
    exporter.write(briefing.evolve(id="third"))
    size_after_three = next(tmp_path.iterdir()).stat().st_size
    assert size_after_three > size_after_two > 0
    exporter.close()
    assert len(etree.parse(str(out)).getroot().findall("t:TEI", T)) == 3
