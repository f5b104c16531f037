"""The Kazakhstan briefing (examples/kazakhstan_briefing) must come out right: every quote and speaker."""

from pathlib import Path

import pytest
from docpipe_builtins.quotes import QuoteStage
from quotes_helpers import doc_from_lines

BRIEFING = Path(__file__).resolve().parents[2] / "examples" / "kazakhstan_briefing" / "kazakhstan_briefing.txt"
AR, AS = "Akan Rakhmetullin", "Aibek Smadiyarov"

# (first words of the quote, kind, speaker, speaker mention, cue, nested in the quote starting with)
EXPECTED = [
    ("Kazakhstan did not recognize Taliban", "indirect", "Foreign Ministry", "Foreign Ministry", ":", None),
    ("that Kazakhstan did not recognize", "indirect", AR, AR, "said", None),
    ("We did not recognize the Taliban.", "direct", AR, "the speaker", "said", None),
    ("that the implementation of these", "indirect", AR, "He", "noted", None),
    ("At the same time, many years", "direct", AR, AR, "continued", None),
    ("now everything is under observation", "indirect", AR, "him", "According to", None),
    ("There were no contacts as such", "direct", AR, AR, "concluded", None),
    ("Who are you? What kind of embassy?", "direct", "Taliban", "The Taliban", "asked", "There were no contacts"),
    ("Do not be afraid", "direct", "Taliban", "They", "said", "There were no contacts"),
    ("that the Taliban are guarding", "indirect", AR, AR, "informed", None),
    ("According to our embassy in Kabul", "direct", AR, "the speaker", "said", None),
    ("Who are you? What kind of embassy?", "direct", "Taliban", "The Taliban", "asked", "According to our embassy"),
    ("Do not be afraid", "direct", "Taliban", "They", "said", "According to our embassy"),
    ("Since then, the Taliban have been", "indirect", AR, "he", "said", None),
    ("First, we need to ask them", "direct", AR, AR, "said", None),
    ("that ethnic Kazakhs do not live", "indirect", AR, "He", "noted", None),
    ("They have an active representative", "direct", AR, "the speaker", "concluded", None),
    ("that about 15 families", "indirect", AS, AS, "said", None),
]


@pytest.fixture(scope="module")
def briefing():
    if not BRIEFING.exists():
        pytest.skip("examples/kazakhstan_briefing/kazakhstan_briefing.txt is missing")
    text = BRIEFING.read_text(encoding="utf-8")
    return QuoteStage().process(doc_from_lines(text, title=True, boilerplate=2))


def test_every_quote_with_its_speaker(briefing):
    doc = briefing
    by_id = {q.id: q for q in doc.quotes}
    got = [
        (
            doc.text[q.start : q.end],
            q.kind,
            q.speaker,
            q.speaker_mention.text,
            q.cue.text,
            doc.text[by_id[q.nested_in].start :] if q.nested_in else None,
        )
        for q in doc.quotes
    ]
    assert len(got) == len(EXPECTED)
    for (text, kind, speaker, mention, cue, parent), exp in zip(got, EXPECTED):
        assert text.startswith(exp[0]), (text, exp)
        assert (kind, speaker, mention, cue) == exp[1:5], (text, exp)
        assert (parent is None) == (exp[5] is None) and (parent is None or parent.startswith(exp[5])), (text, exp)
    assert [q.id for q in doc.quotes] == [f"q{i}" for i in range(1, len(EXPECTED) + 1)]


def test_quote_spans_exclude_the_marks(briefing):
    doc = briefing
    for q in doc.quotes:
        inner = doc.text[q.start : q.end]
        assert inner == inner.strip() and inner[:1] not in "\"“”" and inner[-1:] not in "\"“”"
    last_direct = [q for q in doc.quotes if q.kind == "direct"][-1]
    assert doc.text[last_direct.start : last_direct.end].endswith("active collection of information,")


def test_speakers_with_titles(briefing):
    speakers = {s.name: s for s in briefing.speakers}
    assert set(speakers) == {"Foreign Ministry", AR, "Taliban", AS}
    assert speakers[AR].titles == ("Deputy Minister of Foreign Affairs of the Republic of Kazakhstan",)
    assert speakers[AS].titles == (
        "official representative of the Ministry of Foreign Affairs of the Republic of Kazakhstan",)
    assert {m.text for m in speakers[AR].mentions} == {AR, "the speaker", "He", "he", "him"}
    assert {m.text for m in speakers["Taliban"].mentions} == {"The Taliban", "They"}


def test_boilerplate_has_no_quotes(briefing):
    source_line = briefing.text.index("Source: Kazpravda.kz")
    assert all(q.start < source_line for q in briefing.quotes)
