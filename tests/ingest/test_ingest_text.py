"""The plain-text news reader: title, paragraph conventions, boilerplate/byline/dateline roles, big inputs.

Every input is written here for the test, except the seed article shipped in examples/.
"""

from __future__ import annotations

import time

import pytest
from docpipe import Pipeline
from docpipe.components import InputItem
from docpipe.errors import UsageError
from docpipe_builtins.text_reader import TextReader, analyse_text, scan_lines


def read(data: bytes | str, uri: str = "story.txt", **options):
    if isinstance(data, str):
        data = data.encode("utf-8")
    docs = list(TextReader(**options).read(InputItem(uri=uri, data=data)))
    assert len(docs) == 1
    return docs[0]


def texts(doc, role=None):
    return [doc.text[p.start:p.end] for p in doc.paragraphs if role is None or p.role == role]


def roles(doc):
    return [p.role for p in doc.paragraphs]


def assert_well_formed(doc):
    """Paragraphs are trimmed, ordered, non-overlapping spans of the unchanged text."""
    last = 0
    for p in doc.paragraphs:
        assert p.start >= last and p.end > p.start
        piece = doc.text[p.start:p.end]
        assert piece == piece.strip()
        last = p.end


# --------------------------------------------------------------------------- the seed article
def test_seed_article_title_body_and_two_boilerplate_paragraphs(briefing_path):
    raw = briefing_path.read_bytes()
    doc = read(raw, uri=str(briefing_path))
    assert doc.text == raw.decode("utf-8")  # never rewritten
    assert doc.title == "Foreign Ministry: Kazakhstan did not recognize Taliban"
    assert roles(doc)[0] == "title"
    assert roles(doc)[-2:] == ["boilerplate", "boilerplate"]
    assert set(roles(doc)[1:-2]) == {"body"}
    assert len(texts(doc, "body")) == len(raw.decode().strip().split("\n")) - 3
    assert doc.metadata["source_credit"] == "Kazpravda.kz"
    assert doc.metadata["rights"].startswith("This information may not be reproduced")
    assert doc.metadata["paragraph_convention"] == "lines"
    assert doc.metadata["encoding"] == "utf-8"
    assert_well_formed(doc)


# --------------------------------------------------------------------------- BBC-shaped
BBC_SHAPED = """Village bakery wins national award

A small bakery in the village of Eastmoor has won a national prize for its bread.

The owners, who opened the shop in 1998, said they were "delighted and a little stunned".

Prices start at £2 a loaf, and the queue now stretches down the high street on Saturdays.

By contrast, the supermarket in the next town reported flat sales for the quarter.
"""


def test_bbc_shaped_blank_line_paragraphs():
    doc = read(BBC_SHAPED)
    assert doc.title == "Village bakery wins national award"
    assert roles(doc) == ["title", "body", "body", "body", "body"]
    assert texts(doc, "body")[2].startswith("Prices start at £2")
    # "By contrast, ..." is an ordinary sentence, not a byline
    assert texts(doc, "body")[3].startswith("By contrast")
    assert "byline" not in doc.metadata
    assert doc.metadata["paragraph_convention"] == "blank_lines"
    assert_well_formed(doc)


# --------------------------------------------------------------------------- Reuters-shaped
REUTERS_SHAPED = """GRAIN SHIPMENTS RISE AT NORTHPORT
    NORTHPORT, March 3 - Grain shipments from the harbour of
Northport rose sharply last week, the port authority said in
its weekly report on loadings.
    Officials said wheat made up most of the cargo, and that
barley loadings were steady compared with the prior week and
with the same week of last year.
    "We expect the pace to hold," a spokesman said.
 Reuter
"""


def test_reuters_shaped_wrapped_paragraphs_dateline_and_signoff():
    doc = read(REUTERS_SHAPED)
    assert doc.title == "GRAIN SHIPMENTS RISE AT NORTHPORT"
    assert doc.metadata["paragraph_convention"] == "wrapped"
    assert roles(doc) == ["title", "dateline", "body", "body", "body", "boilerplate"]
    assert texts(doc)[1] == "NORTHPORT, March 3 -"
    body = texts(doc, "body")
    assert body[0].startswith("Grain shipments") and body[0].endswith("loadings.")
    assert "\n" in body[0]  # a wrapped paragraph spans several lines of the unchanged text
    assert body[1].startswith("Officials said") and body[1].endswith("last year.")
    assert texts(doc, "boilerplate") == ["Reuter"]
    assert doc.metadata["dateline"] == "NORTHPORT, March 3"
    assert doc.metadata["dateline_place"] == "NORTHPORT"
    assert doc.metadata["source_credit"] == "Reuter"
    assert_well_formed(doc)


AGENCY_STORY = """Town council backs new footbridge

By Jane Smith, Example News

LONDON (Reuters) - The town council voted on Tuesday to build a new footbridge over the canal.

"It is long overdue," the mayor said after the vote.

Reporting by Ann Lee; Editing by Tom Bell

(c) 2021 Example News. All rights reserved.
"""


def test_byline_dateline_footer_and_rights_are_marked_not_deleted():
    doc = read(AGENCY_STORY)
    assert doc.text == AGENCY_STORY
    assert roles(doc) == ["title", "byline", "dateline", "body", "body", "boilerplate", "boilerplate"]
    assert doc.metadata["byline"] == "Jane Smith, Example News"
    assert doc.metadata["dateline"] == "LONDON (Reuters)"
    assert texts(doc, "dateline") == ["LONDON (Reuters) -"]
    assert texts(doc, "body")[0].startswith("The town council voted")
    assert doc.metadata["reporting_credit"] == "Reporting by Ann Lee; Editing by Tom Bell"
    assert doc.metadata["rights"] == "(c) 2021 Example News. All rights reserved."
    # the dateline span and the body span together cover the original paragraph exactly
    dateline, first_body = doc.paragraphs[2], doc.paragraphs[3]
    assert doc.text[dateline.start:first_body.end].startswith("LONDON (Reuters) - The town council")


@pytest.mark.parametrize("opening, dateline", [
    ("WASHINGTON, March 3 - Lawmakers agreed on a budget.", "WASHINGTON, March 3"),
    ("NEW YORK, Oct. 12 (Reuters) - Shares rose on Monday.", "NEW YORK, Oct. 12 (Reuters)"),
    ("Springfield, Ill. (AP) — The county fair opened early.", "Springfield, Ill. (AP)"),
    ("Eastport, Feb 26 - The ferry service resumed.", "Eastport, Feb 26"),
    ("AMSTERDAM, 2 March - Imports rose.", "AMSTERDAM, 2 March"),
    ("NORTHPORT, FEB 26 - Rates firmed.", "NORTHPORT, FEB 26"),
    ("LAKEVIEW, N.Y. March 3 - Sales fell.", "LAKEVIEW, N.Y. March 3"),
])
def test_dateline_forms(opening, dateline):
    doc = read(f"Headline here\n\n{opening}\n\nSecond paragraph.\n")
    assert roles(doc) == ["title", "dateline", "body", "body"]
    assert doc.metadata["dateline"] == dateline


@pytest.mark.parametrize("opening", [
    "LONDON-based lenders raised rates on Tuesday.",
    "Copyright infringement cases rose by a third last year, the court said.",
    "By March, prices had risen sharply across the region.",
    "Source of the leak remains unknown, officials said.",
])
def test_ordinary_sentences_are_body(opening):
    doc = read(f"Headline here\n\n{opening}\n\nSecond paragraph.\n\n{opening}\n")
    assert roles(doc) == ["title", "body", "body", "body"]
    assert not {"dateline", "byline", "rights", "source_credit"} & set(doc.metadata)


def test_copyright_line_at_the_end_and_source_credit_in_parentheses():
    doc = read("Title\nFirst paragraph of the story.\nSecond paragraph.\n(Source: Example Wire)\n"
               "Copyright 2023 Example Wire Ltd\n")
    assert roles(doc) == ["title", "body", "body", "boilerplate", "boilerplate"]
    assert doc.metadata["source_credit"] == "Example Wire"
    assert doc.metadata["rights"] == "Copyright 2023 Example Wire Ltd"


# --------------------------------------------------------------------------- options and edges
def test_options_force_convention_and_disable_detection():
    doc = read(REUTERS_SHAPED, paragraphs="lines", detect_boilerplate=False)
    assert doc.metadata["paragraph_convention"] == "lines"
    assert len(doc.paragraphs) == 9  # every line is a paragraph
    assert set(roles(doc)[1:]) == {"body"}
    assert "dateline" not in doc.metadata
    doc = read("Only text, no title line\nSecond line\n", title_line=False)
    assert doc.title is None and roles(doc) == ["body", "body"]


def test_bad_option_is_a_usage_error():
    with pytest.raises(UsageError, match="paragraphs"):
        Pipeline(stages=[], reader_options={"text": {"paragraphs": "sentences"}})._build_worker()


def test_single_line_and_empty_inputs():
    doc = read("Just one line of text.")
    assert doc.title is None and roles(doc) == ["body"]
    doc = read(b"")
    assert doc.text == "" and doc.paragraphs == () and doc.title is None
    doc = read(b"\n\n   \n")
    assert doc.paragraphs == ()


def test_windows_newlines_are_normalised_before_offsets():
    doc = read(b"Title line\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
    assert "\r" not in doc.text
    assert texts(doc) == ["Title line", "First paragraph.", "Second paragraph."]


def test_scan_lines_offsets_indent_and_blank_flags():
    lines = scan_lines("  a  \n\n \n b\n  c")
    assert [(ln.start, ln.end, ln.indent, ln.after_blank) for ln in lines] == [
        (2, 3, 2, False), (10, 11, 1, True), (14, 15, 2, False)]


def test_analyse_text_is_shared_api():
    title, paragraphs, found = analyse_text("Headline\n\nBody one.\n\nSource: Wire\n")
    assert title == "Headline"
    assert [p.role for p in paragraphs] == ["title", "body", "boilerplate"]
    assert found["source_credit"] == "Wire"


def test_through_the_pipeline_ids_are_deterministic(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(AGENCY_STORY, encoding="utf-8")
    first = list(Pipeline(stages=[]).run([str(path)]))
    second = list(Pipeline(stages=[]).run([str(path)]))
    assert len(first) == 1 and not first[0].errors
    assert first[0].id == second[0].id
    assert first[0].source.format == "text"


def test_fifty_megabyte_single_line_is_read_quickly():
    line = b"lorem ipsum dolor sit amet, " * (50 * 1024 * 1024 // 28)
    data = b"A title for a very long story\n" + line
    started = time.perf_counter()
    doc = read(data, uri="huge.txt")
    elapsed = time.perf_counter() - started
    assert doc.title == "A title for a very long story"
    assert roles(doc) == ["title", "body"]
    assert doc.paragraphs[1].end - doc.paragraphs[1].start == len(line.strip())
    assert elapsed < 60  # generous: linear work, about a second on a quiet machine


def test_short_wire_story_is_recognised_by_its_indented_first_line():
    doc = read("HARBOUR BOARD NAMES CHIEF\n    NORTHPORT, April 2 - The harbour board said Ann Lee was named\n"
               "chief executive, succeeding Tom Bell who retires.\n reuter\n")
    assert doc.metadata["paragraph_convention"] == "wrapped"
    assert roles(doc) == ["title", "dateline", "body", "boilerplate"]
    assert texts(doc, "body") == [("The harbour board said Ann Lee was named\nchief executive, succeeding "
                                   "Tom Bell who retires.")]
    assert doc.metadata["source_credit"] == "reuter"


def test_wire_table_lines_are_each_a_paragraph_and_a_lone_dateline_stands_alone():
    doc = read("PORT RESULTS\n    NORTHPORT, April 2 -\n    Net profit 12.8 mln vs 7.5 mln\n"
               "    Cargo 2.2 mln tonnes vs 2.6 mln\n    Note: the year includes a\n"
               "one-time gain from a land sale.\n\n Reuter\n")
    assert roles(doc) == ["title", "dateline", "body", "body", "body", "boilerplate"]
    assert texts(doc)[1] == "NORTHPORT, April 2 -"
    assert texts(doc, "body")[2] == "Note: the year includes a\none-time gain from a land sale."
