"""The ``xml`` reader on small NewsML-G2, NewsML 1, NITF, TEI, feed and generic files written for these tests."""

from __future__ import annotations

import pytest
from docpipe.components import InputItem
from docpipe.errors import UsageError
from docpipe_builtins.xml_reader import XmlReader, detect_vocabulary
from docpipe_builtins.xml_reader.safety import parse_xml

G2 = "http://iptc.org/std/nar/2006-10-01/"
NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"

NITF_BODY = """
<nitf xmlns="{ns}">
  <body>
    <body.head>
      <hedline><hl1>Lighthouse keeper retires after forty years</hl1><hl2>A quiet farewell</hl2></hedline>
      <byline>By Ada Merrow</byline>
      <dateline>GULL ISLAND, March 3</dateline>
    </body.head>
    <body.content>
      <p>The last keeper of the Gull Island light handed over the keys on Friday.</p>
      <p>"I will miss the storms," he said.</p>
      <media media-type="image"><media-reference source="light.jpg"/><media-caption>The light at dusk.</media-caption></media>
    </body.content>
    <body.end><tagline>Reporting by Ada Merrow; editing by Jon Pike</tagline></body.end>
  </body>
</nitf>"""


def news_item(guid: str, headline: str, body: str, *, item_class: str = "ninat:text") -> str:
    return f"""<newsItem xmlns="{G2}" guid="{guid}" version="2" xml:lang="en">
  <rightsInfo><copyrightNotice>Copyright 2031 Example Wire</copyrightNotice></rightsInfo>
  <itemMeta><itemClass qcode="{item_class}"/><provider literal="Example Wire"/>
    <versionCreated>2031-03-03T10:00:00Z</versionCreated><firstCreated>2031-03-03T09:00:00Z</firstCreated>
  </itemMeta>
  <contentMeta>
    <contentCreated>2031-03-03T08:55:00Z</contentCreated>
    <creator><name>Ada Merrow</name></creator>
    <language tag="en-GB"/>
    <subject qcode="medtop:01000000"><name>arts, culture and entertainment</name></subject>
    <slugline>GULL-LIGHT</slugline>
    <headline>{headline}</headline>
  </contentMeta>
  <contentSet>{body}</contentSet>
</newsItem>"""


def read_all(raw: bytes | str, uri: str = "item.xml", **options) -> list:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    return list(XmlReader(**options).read(InputItem(uri=uri, data=data)))


def role_texts(doc, role: str) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.role == role]


# --------------------------------------------------------------------------- NewsML-G2
def test_newsml_g2_item_with_nitf_body():
    xml = '<?xml version="1.0" encoding="UTF-8"?>' + news_item(
        "urn:example:1", "Gull Island keeper retires",
        f'<inlineXML contenttype="application/nitf+xml">{NITF_BODY.format(ns=NITF_NS)}</inlineXML>')
    [doc] = read_all(xml)
    assert doc.title == "Gull Island keeper retires"  # contentMeta headline wins over the NITF hl1
    assert role_texts(doc, "body") == [
        "The last keeper of the Gull Island light handed over the keys on Friday.",
        '"I will miss the storms," he said.',
    ]
    assert role_texts(doc, "byline") == ["By Ada Merrow"]
    assert role_texts(doc, "dateline") == ["GULL ISLAND, March 3"]
    assert role_texts(doc, "caption") == ["The light at dusk."]
    assert role_texts(doc, "boilerplate") == ["Reporting by Ada Merrow; editing by Jon Pike"]
    assert "A quiet farewell" in role_texts(doc, "heading")
    md = doc.metadata
    assert md["guid"] == "urn:example:1"
    assert md["language"] == "en-GB"
    assert md["published"] == "2031-03-03T08:55:00Z"
    assert md["rights"] == "Copyright 2031 Example Wire"
    assert md["subjects"] == ["arts, culture and entertainment"]
    assert md["xml_vocabulary"] == "newsml-g2"
    assert doc.text.startswith("Gull Island keeper retires\n\n")


def test_newsml_g2_item_with_xhtml_body():
    body = """<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">
      <head><title>ignored</title></head><body><h2>At sea</h2><p>First paragraph.</p>
      <p>Second <b>bold</b> paragraph.</p><ul><li>One point</li></ul></body></html></inlineXML>"""
    [doc] = read_all(news_item("urn:example:2", "Harbour news", body))
    assert role_texts(doc, "body") == ["First paragraph.", "Second bold paragraph."]
    assert role_texts(doc, "heading") == ["At sea"]
    assert role_texts(doc, "list_item") == ["One point"]


def test_newsml_g2_inline_data_plain_text():
    body = '<inlineData contenttype="text/plain">First block\nstill first.\n\nSecond block.</inlineData>'
    [doc] = read_all(news_item("urn:example:3", "Plain", body))
    assert role_texts(doc, "body") == ["First block still first.", "Second block."]


def test_news_message_with_package_and_two_items_gives_two_documents():
    nitf = NITF_BODY.format(ns=NITF_NS)
    items = "".join(news_item(f"urn:example:{i}", f"Story {i}", f'<inlineXML contenttype="application/nitf+xml">'
                              f'{nitf}</inlineXML>') for i in (1, 2))
    package = f"""<packageItem xmlns="{G2}" guid="urn:example:pkg"><groupSet root="G1"><group id="G1">
      <itemRef residref="urn:example:1"/><itemRef residref="urn:example:2"/></group></groupSet></packageItem>"""
    xml = f'<newsMessage xmlns="{G2}"><header><sent>2031-03-03T11:00:00Z</sent></header>' \
          f'<itemSet>{package}{items}</itemSet></newsMessage>'
    docs = read_all(xml)
    assert [d.title for d in docs] == ["Story 1", "Story 2"]
    assert len({d.id for d in docs}) == 2
    assert all(d.metadata["sent"] == "2031-03-03T11:00:00Z" for d in docs)


def test_standalone_package_gives_one_document_per_text_reference():
    xml = f"""<packageItem xmlns="{G2}" guid="urn:example:pkg"><groupSet root="G1"><group id="G1">
      <itemRef residref="urn:a"><itemClass qcode="ninat:text"/><title>First story</title>
        <description role="drol:summary">Summary of the first story.</description></itemRef>
      <itemRef residref="urn:b"><itemClass qcode="ninat:picture"/><title>A photo</title></itemRef>
      <itemRef residref="urn:c"><itemClass qcode="ninat:text"/><title>Second story</title>
        <description role="drol:summary">Summary of the second story.</description></itemRef>
    </group></groupSet></packageItem>"""
    docs = read_all(xml)
    assert [d.title for d in docs] == ["First story", "Second story"]
    assert role_texts(docs[1], "body") == ["Summary of the second story."]
    assert docs[0].metadata["package_guid"] == "urn:example:pkg"


def test_package_that_only_references_titles_is_an_error_record():
    xml = f"""<packageItem xmlns="{G2}" guid="urn:example:pkg"><groupSet root="G1"><group id="G1">
      <itemRef residref="urn:a"><itemClass qcode="icls:text"/><headline>Only a title</headline></itemRef>
    </group></groupSet></packageItem>"""
    [doc] = read_all(xml)
    assert doc.errors and "only references 1 text item" in doc.errors[0].message


def test_concept_item_is_an_error_record_saying_why():
    [doc] = read_all(f'<conceptItem xmlns="{G2}" guid="urn:c"><concept/></conceptItem>')
    assert doc.text == ""
    assert "conceptItem" in doc.errors[0].message and "not a news article" in doc.errors[0].message


def test_picture_item_with_caption_gives_caption_document():
    xml = f"""<newsItem xmlns="{G2}" guid="urn:p"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
      <contentMeta><headline>Storm over the bay</headline>
      <description role="drol:caption">Waves break over the sea wall.</description></contentMeta>
      <contentSet><remoteContent href="storm.jpg"/></contentSet></newsItem>"""
    [doc] = read_all(xml)
    assert role_texts(doc, "caption") == ["Waves break over the sea wall."]


def test_item_without_headline_gets_a_derived_title_flagged_in_metadata():
    body = '<inlineData contenttype="text/plain">Storm warning issued. More to follow.</inlineData>'
    [doc] = read_all(news_item("urn:x", "", body))
    assert doc.title == "Storm warning issued."
    assert "no headline" in doc.metadata["title_source"]
    assert doc.paragraphs[0].role == "body"


# --------------------------------------------------------------------------- NewsML 1, NITF
def test_newsml1_with_html_in_cdata():
    xml = """<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine xml:lang="el">Jobs up in March</HeadLine>
      <ByLine>Staff</ByLine></NewsLines><ContentItem><MediaType FormalName="Text"/><DataContent>
      <![CDATA[<P>Hiring rose in March.</P><P>Dismissals fell.</P>]]></DataContent></ContentItem>
      </NewsComponent></NewsItem></NewsML>"""
    [doc] = read_all(xml)
    assert doc.title == "Jobs up in March"
    assert role_texts(doc, "body") == ["Hiring rose in March.", "Dismissals fell."]
    assert doc.metadata["language"] == "el"


def test_nitf_without_namespace():
    xml = """<nitf><head><title>Head title</title><docdata><doc-id id-string="abc-1"/>
      <date.issue norm="20310303T090000Z"/></docdata></head>
      <body><body.head><hedline><hl1>Tide tables change</hl1></hedline></body.head>
      <body.content><p>New tide tables apply from April.</p><block><p>Inside a block.</p></block></body.content>
      </body></nitf>"""
    [doc] = read_all(xml)
    assert doc.title == "Tide tables change"
    assert role_texts(doc, "body") == ["New tide tables apply from April.", "Inside a block."]
    assert doc.metadata["guid"] == "abc-1"
    assert doc.metadata["published"] == "20310303T090000Z"
    assert doc.metadata["xml_vocabulary"] == "nitf"


def test_empty_nitf_is_an_error_record():
    [doc] = read_all("<nitf><head><title></title></head><body><body.content></body.content></body></nitf>")
    assert "NITF document with no body text" in doc.errors[0].message


# --------------------------------------------------------------------------- TEI
TEI_DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title type="main">The Harbour Gazette, 3 March 1914</title></titleStmt>
    <publicationStmt><date when="1914-03-03"/></publicationStmt><sourceDesc><p>print</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body><div>
    <head>Town news</head>
    <pb n="2"/>
    <p>The mayor opened the new bridge. <q who="#mayor">It will serve us for a century</q>, he said.</p>
    <said who="#clerk"><p>The clerk read the names of the builders.</p></said>
    <p>Lines split<lb/>across a page<note>an editorial note</note> end here.</p>
    <fw type="header">HARBOUR GAZETTE</fw>
  </div></body></text>
</TEI>"""


def test_tei_text_heads_and_quote_hints():
    [doc] = read_all(TEI_DOC)
    assert doc.title == "The Harbour Gazette, 3 March 1914"
    assert role_texts(doc, "heading") == ["Town news"]
    assert role_texts(doc, "body") == [
        "The mayor opened the new bridge. It will serve us for a century, he said.",
        "The clerk read the names of the builders.",
        "Lines split across a page end here.",
    ]
    spans = doc.spans["tei_quotes"]
    assert [(doc.text[s.start : s.end], s.label, s.data["who"]) for s in spans] == [
        ("It will serve us for a century", "q", "mayor"),
        ("The clerk read the names of the builders.", "said", "clerk"),
    ]
    assert doc.metadata["published"] == "1914-03-03"
    assert doc.metadata["language"] == "en"


def test_tokenised_tei_respects_join():
    xml = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
      </fileDesc></teiHeader><text><body><p><s>
        <w>Go</w>
        <w join="right">home</w>
        <pc>.</pc>
      </s></p></body></text></TEI>"""
    [doc] = read_all(xml)
    assert role_texts(doc, "body") == ["Go home."]


def test_tei_corpus_with_xinclude_is_not_followed(tmp_path):
    secret = tmp_path / "member.xml"
    secret.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>SECRET</p></body></text></TEI>')
    xml = f"""<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">
      <teiHeader/><xi:include href="{secret}"/></teiCorpus>"""
    [doc] = read_all(xml)
    assert "XIncluded" in doc.errors[0].message
    assert "SECRET" not in doc.text


def test_tei_without_text_is_an_error_record():
    [doc] = read_all('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>')
    assert "no <text>" in doc.errors[0].message


# --------------------------------------------------------------------------- feeds, generic
def test_atom_feed_gives_one_document_per_entry():
    xml = """<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Feed</title>
      <entry><title>One</title><id>e1</id><content type="html">&lt;p&gt;First entry.&lt;/p&gt;</content></entry>
      <entry><title>Two</title><id>e2</id><content type="text">Second entry.</content></entry></feed>"""
    docs = read_all(xml)
    assert [d.title for d in docs] == ["One", "Two"]
    assert role_texts(docs[0], "body") == ["First entry."]
    assert docs[1].metadata["guid"] == "e2"


def test_generic_xml_by_element_names_with_html_in_text():
    xml = """<Story><Id>9</Id><headline>Bridge reopens</headline><byLine>Kim Lund</byLine>
      <content>&lt;p&gt;The bridge reopened.&lt;/p&gt;&lt;p&gt;Traffic is light.&lt;/p&gt;</content></Story>"""
    [doc] = read_all(xml)
    assert doc.title == "Bridge reopens"
    assert role_texts(doc, "body") == ["The bridge reopened.", "Traffic is light."]
    assert doc.metadata["byline"] == "Kim Lund"


def test_generic_xml_records_are_split():
    xml = """<Response><List>
      <Rec><headline>A</headline><content>Text of A.</content></Rec>
      <Rec><headline>B</headline><content>Text of B.</content></Rec></List></Response>"""
    docs = read_all(xml)
    assert [d.title for d in docs] == ["A", "B"]


def test_generic_xml_with_configured_xpaths():
    xml = """<x:doc xmlns:x="urn:example"><x:meta><x:label>Configured title</x:label></x:meta>
      <x:para>One.</x:para><x:para>Two.</x:para><x:other>not body</x:other></x:doc>"""
    [doc] = read_all(xml, title_xpath="x:meta/x:label", body_xpath="x:para", namespaces={"x": "urn:example"})
    assert doc.title == "Configured title"
    assert role_texts(doc, "body") == ["One.", "Two."]
    assert "not body" not in doc.text


def test_generic_xml_bad_xpath_is_a_usage_error():
    with pytest.raises(UsageError, match="body_xpath"):
        read_all("<a><b>x</b></a>", body_xpath="///[")


def test_generic_xml_without_body_says_why():
    [doc] = read_all("<settings><colour>blue</colour></settings>")
    assert "no body text found" in doc.errors[0].message


# --------------------------------------------------------------------------- encodings
ITEM_LATIN = news_item("urn:e", "Caf\u00e9 na pra\u00e7a", '<inlineData contenttype="text/plain">'
                       "Cr\u00e8me br\u00fbl\u00e9e for everyone.</inlineData>")


def test_declared_latin1_but_really_utf8():
    raw = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + ITEM_LATIN).encode("utf-8")
    [doc] = read_all(raw)
    assert doc.title == "Caf\u00e9 na pra\u00e7a"
    assert role_texts(doc, "body") == ["Cr\u00e8me br\u00fbl\u00e9e for everyone."]
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["encoding_declared"] == "ISO-8859-1"
    assert doc.metadata["encoding_mislabelled"] is True


def test_declared_utf8_but_cp1252_bytes():
    raw = ('<?xml version="1.0" encoding="UTF-8"?>' + ITEM_LATIN.replace("everyone", "everyone \u2013 \u20ac2")
           ).encode("cp1252")
    [doc] = read_all(raw)
    assert role_texts(doc, "body") == ["Cr\u00e8me br\u00fbl\u00e9e for everyone \u2013 \u20ac2."]
    assert doc.metadata["encoding"] == "cp1252"
    assert doc.metadata["encoding_mislabelled"] is True
    assert "not valid UTF-8" in doc.metadata["encoding_note"]


def test_correct_latin1_declaration_is_trusted():
    raw = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + ITEM_LATIN).encode("latin-1")
    [doc] = read_all(raw)
    assert doc.title == "Caf\u00e9 na pra\u00e7a"
    assert doc.metadata["encoding"] == "latin-1"
    assert "encoding_mislabelled" not in doc.metadata


def test_nonstandard_utf8_label_and_prefixed_root():
    xml = f'<?xml version="1.0" encoding="utf8"?><ns0:newsMessage xmlns:ns0="{G2}"><ns0:itemSet>' \
          + news_item("urn:u", "S\u00f8ren", '<inlineData contenttype="text/plain">Hej.</inlineData>') \
          + "</ns0:itemSet></ns0:newsMessage>"
    [doc] = read_all(xml.encode("utf-8"))
    assert doc.title == "S\u00f8ren"
    assert doc.metadata["encoding"] == "utf-8"


def test_mojibake_inside_text_is_repaired_and_recorded():
    mangled = "\u00a34 million".encode("utf-8").decode("latin-1")  # "Â£4 million"
    xml = f"<Story><headline>Grant</headline><content>An award of {mangled}.</content></Story>"
    [doc] = read_all(xml)
    assert role_texts(doc, "body") == ["An award of \u00a34 million."]
    assert doc.metadata["mojibake_repaired"] is True


def test_detect_vocabulary():
    assert detect_vocabulary(parse_xml(f'<newsItem xmlns="{G2}"/>'.encode(), "x")) == "newsml-g2"
    assert detect_vocabulary(parse_xml(b"<nitf/>", "x")) == "nitf"
    assert detect_vocabulary(parse_xml(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>', "x")) == "tei"
    assert detect_vocabulary(parse_xml(b"<rss/>", "x")) == "feed"
    assert detect_vocabulary(parse_xml(b"<NewsML/>", "x")) == "newsml1"
    assert detect_vocabulary(parse_xml(b"<whatever/>", "x")) == "generic"
