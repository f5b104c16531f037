"""In-document dedup: repeated paragraphs, sentences and quotes are linked to their original."""

from __future__ import annotations

import pytest
from dedup_texts import document
from docpipe import Quote
from docpipe_builtins.dedup.in_document import find_in_document_duplicates
from docpipe_builtins.dedup.stage import DedupStage


def links(doc):
    return {i: p.duplicate_of for i, p in enumerate(doc.paragraphs) if p.duplicate_of is not None}


def spans(doc, label):
    return [s for s in doc.spans.get("dedup", ()) if s.label == label]


@pytest.fixture
def briefing_doc(briefing_text):
    return document(briefing_text.rstrip("\n").split("\n"), boilerplate=2)


def quote_at(doc, paragraph, first_words, last_words, id, speaker, nested_in=None):
    p = doc.paragraphs[paragraph]
    part = doc.text[p.start : p.end]
    start = p.start + part.index(first_words)
    end = p.start + part.index(last_words) + len(last_words)
    return Quote(id, start, end, speaker=speaker, nested_in=nested_in)


# --------------------------------------------------------------------------- the briefing
def test_briefing_embassy_paragraph_and_repeated_lead_are_linked(briefing_doc):
    doc = DedupStage(cross_document=False).process(briefing_doc)
    # Paragraph 9 repeats the embassy account of paragraph 7 with small edits; the lead
    # (paragraph 1) is repeated inside paragraph 3, which holds it in full plus more.
    assert links(doc) == {9: 7, 1: 3}
    assert doc.text == briefing_doc.text


def test_briefing_embassy_quote_printed_twice_keeps_both_attributions(briefing_doc):
    quotes = [
        quote_at(briefing_doc, 7, "There were no contacts", "guarding our embassy", "q1", "Akan Rakhmetullin"),
        quote_at(briefing_doc, 7, "Do not be afraid", "our protection.", "q2", "the Taliban", nested_in="q1"),
        quote_at(briefing_doc, 9, "According to our embassy", "guarding our embassy", "q3", "Akan Rakhmetullin"),
        quote_at(briefing_doc, 9, "Do not be afraid", "our protection.", "q4", "the Taliban", nested_in="q3"),
        quote_at(briefing_doc, 12, "First, we need", "Head of State", "q5", "Akan Rakhmetullin"),
    ]
    doc = find_in_document_duplicates(briefing_doc.evolve(quotes=quotes))
    by_id = {q.id: q for q in doc.quotes}
    assert by_id["q3"].duplicate_of == "q1"
    assert by_id["q4"].duplicate_of == "q2"
    assert by_id["q1"].duplicate_of is None and by_id["q5"].duplicate_of is None
    assert [q.speaker for q in doc.quotes] == [q.speaker for q in quotes]  # attributions untouched
    record = next(s for s in spans(doc, "duplicate_quote") if s.data["quote"] == "q3")
    assert record.data["conflicting_speakers"] is False and record.data["similarity"] > 0.85


def test_repeated_quote_with_a_different_speaker_is_linked_and_flagged():
    lines = [
        "Harbour talks end without agreement",
        '"We will not accept any closure of the northern pier before the summer season," said Mayor Ilse Brandt.',
        "The dockworkers union met on Monday evening to discuss the plan.",
        '"We will not accept any closure of the northern pier before the summer season," said union leader Piet Vos.',
    ]
    doc = document(lines)
    text = doc.text
    first = text.index("We will not")
    second = text.index("We will not", first + 1)
    length = len("We will not accept any closure of the northern pier before the summer season,")
    quotes = [Quote("a", first, first + length, speaker="Ilse Brandt"),
              Quote("b", second, second + length, speaker="Piet Vos")]
    out = find_in_document_duplicates(doc.evolve(quotes=quotes))
    b = next(q for q in out.quotes if q.id == "b")
    assert b.duplicate_of == "a" and b.speaker == "Piet Vos"
    assert spans(out, "duplicate_quote")[0].data["conflicting_speakers"] is True


# --------------------------------------------------------------------------- paragraphs
BASE = [
    "Ferry service resumes",
    "The ferry between the two islands will run again from Friday after repairs to its engine were finished.",
    "Passengers were asked to book seats in advance because the first crossings are expected to be full.",
    "The operator said the timetable would stay the same as before the breakdown in October.",
]


def test_exact_repeat_of_a_paragraph():
    doc = find_in_document_duplicates(document([*BASE, BASE[2], "Source: Island Courier"]))
    assert links(doc) == {4: 2}
    assert spans(doc, "duplicate_paragraph")[0].data["match"] == "near"


def test_near_repeat_with_quote_marks_punctuation_and_case_changed():
    near = ("PASSENGERS were asked to book seats in advance, because the first crossings are expected "
            "to be “full”!")
    assert links(find_in_document_duplicates(document([*BASE, near]))) == {4: 2}


def test_near_repeat_with_one_word_changed():
    near = "Passengers were asked to book seats in advance because the first sailings are expected to be full."
    assert links(find_in_document_duplicates(document([*BASE, near]))) == {4: 2}


def test_paragraph_contained_in_a_longer_one_points_at_the_longer_one():
    longer = ("The operator said the timetable would stay the same as before the breakdown in October. "
              "Extra evening crossings may be added in December if demand stays high.")
    doc = find_in_document_duplicates(document([*BASE, longer]))
    assert links(doc) == {3: 4}
    assert spans(doc, "duplicate_paragraph")[0].data["match"] == "contained"


def test_paragraph_repeating_one_sentence_of_another_counts():
    repeat = "Passengers were asked to book seats in advance because the first crossings are expected to be full."
    lines = [BASE[0], BASE[1] + " " + repeat + " Tickets cost 12 euros.", BASE[3], repeat]
    assert links(find_in_document_duplicates(document(lines))) == {3: 1}


def test_headline_repeating_a_body_sentence_is_linked():
    headline = "Ferry between the two islands will run again from Friday"
    body = ("The ferry between the two islands will run again from Friday. Repairs to its engine were finished "
            "on Wednesday, the operator said.")
    doc = find_in_document_duplicates(document([headline, body, BASE[2]]))
    assert links(doc) == {0: 1}


def test_sentence_repeated_inside_different_paragraphs_is_linked():
    sentence = "The harbour master said that no vessel would leave before the storm had passed."
    lines = [
        "Storm closes harbour",
        f"Strong winds closed the harbour on Sunday morning. {sentence} Fishing boats stayed at their moorings.",
        f"Shops near the quay put sandbags at their doors. {sentence} The coastguard repeated the warning.",
    ]
    doc = find_in_document_duplicates(document(lines))
    assert links(doc) == {}  # neither paragraph is a repeat as a whole
    (record,) = spans(doc, "duplicate_sentence")
    assert doc.text[record.start : record.end] == sentence
    original = record.data["duplicate_of"]
    assert doc.text[original["start"] : original["end"]] == sentence
    assert original["start"] < record.start


def test_distinct_paragraphs_and_common_phrases_are_not_linked():
    lines = [
        "Council meeting",
        "One of the members said that the plan was too expensive for the town at the moment.",
        "One of the members said that the library should open on Sundays from next year.",
        "One of the members said that the river path needs new lights before the winter.",
    ]
    doc = find_in_document_duplicates(document(lines))
    assert links(doc) == {} and not doc.spans.get("dedup")


def test_lists_differing_in_one_item_are_not_linked():
    lines = ["Draw", "Group A: Milan, Porto, Basel, Lyon, Ajax.", "Group B: Milan, Porto, Basel, Lyon, Celtic."]
    assert links(find_in_document_duplicates(document(lines))) == {}


def test_document_without_quotes_or_paragraphs_works():
    text = ("The bridge opens today. The bridge opens today after four years of work on the river crossing. "
            "Drivers welcomed the news.")
    from docpipe import make_document

    doc = DedupStage(cross_document=False).process(make_document(text, paragraphs=[]))
    assert doc.quotes == () and doc.paragraphs == ()
    assert doc.text == text
