"""The clean export view: duplicates left out of the annotations, with audit records; text untouched."""

from __future__ import annotations

from dedup_texts import document, story
from docpipe import Quote
from docpipe_builtins.dedup import drop_duplicates
from docpipe_builtins.dedup.in_document import find_in_document_duplicates
from docpipe_builtins.dedup.stage import DedupStage

LINES = [
    "Ferry service resumes",
    '"The first crossings are expected to be full, so please book early," the operator said.',
    "The ferry between the two islands will run again from Friday after repairs to its engine.",
    '"The first crossings are expected to be full, so please book early," the operator said.',
    '"The first crossings are expected to be full, so please book early," said a harbour official.',
]


def quoted(doc):
    quotes, pos, n = [], 0, 0
    speakers = ["Operator", "Operator", "Harbour Official"]
    while (start := doc.text.find('"', pos)) != -1:
        end = doc.text.find('"', start + 1)
        quotes.append(Quote(f"q{n}", start + 1, end - 1, speaker=speakers[n]))
        pos, n = end + 1, n + 1
    return doc.evolve(quotes=quotes)


def test_duplicate_paragraphs_and_quotes_are_left_out_with_records():
    doc = find_in_document_duplicates(quoted(document(LINES, id="ferry")))
    assert [p.duplicate_of for p in doc.paragraphs] == [None, None, None, 1, None]
    assert [q.duplicate_of for q in doc.quotes] == [None, "q0", "q0"]

    clean, records = drop_duplicates(doc)
    assert clean.text == doc.text  # never rewritten
    assert len(clean.paragraphs) == 4
    # q1 repeats q0 with the same speaker: left out. q2 repeats it but another speaker said it: kept.
    assert [q.id for q in clean.quotes] == ["q0", "q2"]
    kinds = sorted((r["kind"], r.get("index", r.get("id"))) for r in records)
    assert kinds == [("paragraph", 3), ("quote", "q1")]
    paragraph_record = next(r for r in records if r["kind"] == "paragraph")
    assert paragraph_record["text"] == LINES[3] and paragraph_record["duplicate_of"] == 1
    assert paragraph_record["document"] == "ferry"
    import json

    assert json.loads(json.dumps(records)) == records  # ready for the audit sidecar


def test_whole_duplicate_document_is_left_out():
    stage = DedupStage()
    lines = ["Headline", *story(1, 6)]
    docs = [document(lines, id="a"), document(lines, id="b")]
    out = list(stage.finalize(stage.process(d) for d in docs))
    kept, records = drop_duplicates(out[0])
    assert kept is out[0] and records == []
    gone, records = drop_duplicates(out[1])
    assert gone is None
    assert records == [{"document": "b", "kind": "document", "source": "<memory>", "duplicate_of": "a",
                        "method": "exact", "similarity": 1.0}]


def test_nested_quote_goes_with_its_dropped_parent():
    text = ('He said: "We stay. They told us: Do not be afraid of the night. We stay here." '
            'Later he said again: "We stay. They told us: Do not be afraid of the night. We stay here."')
    doc = document([text], title=False)
    first = text.index("We stay.")
    second = text.index("We stay.", first + 10)
    inner = "Do not be afraid of the night."
    length = len("We stay. They told us: Do not be afraid of the night. We stay here.")
    quotes = [Quote("outer1", first, first + length, speaker="Ann"),
              Quote("inner1", text.index(inner), text.index(inner) + len(inner), nested_in="outer1"),
              Quote("outer2", second, second + length, speaker="Ann"),
              Quote("inner2", text.index(inner, second), text.index(inner, second) + len(inner), nested_in="outer2")]
    linked = find_in_document_duplicates(doc.evolve(quotes=quotes))
    clean, records = drop_duplicates(linked)
    assert [q.id for q in clean.quotes] == ["outer1", "inner1"]
    assert sorted(r["id"] for r in records) == ["inner2", "outer2"]


def test_a_kept_part_of_a_split_quotation_is_relinked_when_its_previous_part_is_dropped():
    # The first part of the later quotation repeats the earlier quote and is dropped; the parts
    # after it are new words and stay, linked past the dropped part (or to nothing).
    text = ('Ann said: "The pier will be closed for repairs until the end of the month." '
            'On Friday she repeated it. "The pier will be closed for repairs until the end of the month," '
            'she said, "and the ferry will stop at the old landing instead," she added, '
            '"so please plan for longer trips."')
    doc = document([text], title=False)

    def part(id, words, start_at=0, **fields):
        start = text.index(words, start_at)
        return Quote(id, start, start + len(words), speaker="Ann", **fields)

    repeated = "The pier will be closed for repairs until the end of the month"
    second = text.index("On Friday")
    quotes = [part("q1", repeated + "."),
              part("q2", repeated + ",", second),
              part("q3", "and the ferry will stop at the old landing instead,", continues="q2"),
              part("q4", "so please plan for longer trips.", continues="q3")]
    linked = find_in_document_duplicates(doc.evolve(quotes=quotes))
    assert [q.duplicate_of for q in linked.quotes] == [None, "q1", None, None]
    clean, records = drop_duplicates(linked)
    assert [(q.id, q.continues) for q in clean.quotes] == [("q1", None), ("q3", None), ("q4", "q3")]
    assert [r["id"] for r in records if r["kind"] == "quote"] == ["q2"]


def test_a_dropped_middle_part_links_its_neighbours():
    text = ('"Rain is expected tomorrow across the whole of the northern coast." '
            '"Bring a coat," he said, "rain is expected tomorrow across the whole of the northern coast," '
            'he went on, "and take the bus."')
    doc = document([text], title=False)
    spans = [(text.index(w), text.index(w) + len(w)) for w in
             ("Rain is expected tomorrow across the whole of the northern coast.", "Bring a coat,",
              "rain is expected tomorrow across the whole of the northern coast,", "and take the bus.")]
    quotes = [Quote("q1", *spans[0], speaker="Bo"), Quote("q2", *spans[1], speaker="Bo"),
              Quote("q3", *spans[2], speaker="Bo", continues="q2"),
              Quote("q4", *spans[3], speaker="Bo", continues="q3")]
    linked = find_in_document_duplicates(doc.evolve(quotes=quotes))
    assert linked.quotes[2].duplicate_of == "q1"
    clean, _ = drop_duplicates(linked)
    assert [(q.id, q.continues) for q in clean.quotes] == [("q1", None), ("q2", None), ("q4", "q2")]
