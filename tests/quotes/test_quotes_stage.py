"""The quotes stage on the tricky cases of issue 4 (texts written for these tests)."""

import pickle

import pytest
from docpipe_builtins.quotes import QuoteStage
from quotes_helpers import quoted, run


def test_split_quote_both_pieces_to_one_speaker():
    doc = run('"The bridge," said Jan Novak, "will reopen in June."')
    assert quoted(doc) == [("The bridge,", "Jan Novak", "direct"), ("will reopen in June.", "Jan Novak", "direct")]
    assert doc.quotes[0].cue.text == "said"
    # one quotation in two parts: the second part continues the first
    assert doc.quotes[0].continues is None and doc.quotes[1].continues == doc.quotes[0].id


def test_quotes_with_their_own_cues_are_separate_quotations_a_quote_paragraph_goes_on():
    doc = run('"The pier is safe," said Jan Novak. He added: "The boats can stay."\n'
              '"We will check it again in May."\n'
              'The harbour opens at six.\n'
              '"The ferry is late again."')
    assert [q.speaker for q in doc.quotes] == ["Jan Novak"] * 4
    # own cues: two quotations; the next paragraph's quote goes on with the second; after a paragraph
    # without quotes, a quote-only paragraph keeps the speaker but starts a new quotation
    assert [q.continues for q in doc.quotes] == [None, None, doc.quotes[1].id, None]


def test_missing_opening_mark_and_the_minister():
    doc = run(
        "Transport Minister Anna Berg said that the ferry service would resume.\n"
        'We have new boats and new crews. The timetable starts on Monday," the minister said.'
    )
    q = doc.quotes[-1]
    assert doc.text[q.start : q.end] == "We have new boats and new crews. The timetable starts on Monday,"
    assert q.speaker == "Anna Berg" and q.speaker_mention.text == "the minister"
    assert doc.quotes[0].kind == "indirect" and doc.quotes[0].speaker == "Anna Berg"


def test_multi_paragraph_quote_takes_speaker_from_the_closing_paragraph():
    doc = run(
        "“We will rebuild the pier this spring. It will take months.\n"
        "“And the fishing fleet will be back by June,” said harbour master Ola Lund."
    )
    assert [s for _, s, _ in quoted(doc)] == ["Ola Lund", "Ola Lund"]
    assert doc.text[doc.quotes[0].start : doc.quotes[0].end].endswith("take months.")


def test_nested_quote_with_its_own_speaker():
    doc = run('“The inspectors came, and the chief inspector said: "Everything is in order." We were relieved,” '
              "said Ola Lund.")
    outer, inner = doc.quotes
    assert outer.speaker == "Ola Lund" and outer.nested_in is None
    assert doc.text[inner.start : inner.end] == "Everything is in order."
    assert inner.nested_in == outer.id and inner.speaker_mention.text == "the chief inspector"


def test_apostrophes_scare_quotes_and_titles_are_not_quotes():
    doc = run("The workers' union says it doesn't matter; it’s the owners’ fault.\n"
              'The firm published its "green" plan in a report titled "Looking Ahead".')
    assert [q for q in doc.quotes if q.kind == "direct"] == []


def test_guillemets_and_low_quotes_with_english_cue():
    doc = run("«We are ready for the storm,» said Anna Berg.\n„The roads are closed“, Ola Lund said.")
    assert quoted(doc) == [("We are ready for the storm,", "Anna Berg", "direct"),
                           ("The roads are closed", "Ola Lund", "direct")]


def test_dash_introduced_speech():
    doc = run("— We are ready for the storm, — said Mayor Anna Berg.")
    assert quoted(doc) == [("We are ready for the storm", "Anna Berg", "direct")]


def test_mixed_quote():
    doc = run('Anna Berg called the new timetable "a serious mistake" on Monday.')
    (q,) = doc.quotes
    assert q.kind == "mixed" and q.speaker == "Anna Berg" and q.cue.text == "called"
    assert "a serious mistake" in doc.text[q.start : q.end]


def test_according_to_and_noted_that():
    doc = run("According to Jan Novak, the bridge will reopen in June.\n"
              "Ola Lund noted that the repairs were on schedule.")
    a, b = doc.quotes
    assert (doc.text[a.start : a.end], a.speaker, a.kind, a.cue.text) == (
        "the bridge will reopen in June", "Jan Novak", "indirect", "According to")
    assert (doc.text[b.start : b.end], b.speaker, b.cue.text) == ("that the repairs were on schedule", "Ola Lund", "noted")


def test_headline_attribution():
    doc = run("City Council: bridge to reopen in June\nThe work is going well.", title=True)
    (q,) = doc.quotes
    assert q.speaker == "City Council" and doc.text[q.start : q.end] == "bridge to reopen in June"


def test_pronoun_and_the_speaker_resolution():
    doc = run(
        "Harbour master Ola Lund said that the pier was safe.\n"
        '"We checked every beam twice," he said.\n'
        '"Nothing was broken," the speaker added.'
    )
    assert [q.speaker for q in doc.quotes] == ["Ola Lund"] * 3
    assert [q.speaker_mention.text for q in doc.quotes] == ["Ola Lund", "he", "the speaker"]
    (speaker,) = doc.speakers
    assert speaker.titles == ("Harbour master",)
    assert [m.text for m in speaker.mentions] == ["Ola Lund", "he", "the speaker"]


def test_right_entity_not_the_last_named():
    doc = run(
        "Finance Minister Anna Berg said that taxes would fall.\n"
        "Earlier, the spokesman of the Finance Ministry, Jan Novak, said that the budget was balanced.\n"
        '"We will keep our promises," she said.'
    )
    assert [q.speaker for q in doc.quotes] == ["Anna Berg", "Jan Novak", "Anna Berg"]
    novak = next(s for s in doc.speakers if s.name == "Jan Novak")
    assert novak.titles == ("spokesman of the Finance Ministry",)


def test_apposition_after_the_name():
    doc = run('"The tunnel is safe," said Jan Novak, the company\'s chief engineer.')
    (speaker,) = doc.speakers
    assert speaker.name == "Jan Novak" and speaker.titles == ("company's chief engineer",)


def test_quote_only_paragraph_continues_previous_speaker():
    doc = run('"We are ready," said Anna Berg.\n"The work starts tomorrow and will take six weeks."')
    assert [q.speaker for q in doc.quotes] == ["Anna Berg", "Anna Berg"]
    assert doc.quotes[1].confidence < doc.quotes[0].confidence


def test_organisation_speaker():
    doc = run("The ministry announced that the border would reopen next week.")
    (q,) = doc.quotes
    assert q.speaker == "ministry" and q.kind == "indirect"


def test_cyrillic_and_cjk_do_not_break():
    doc = run("«Мы готовы к работе», — сказал министр.\n他说：“我们准备好了。”\n“Ready,” said Anna Berg.")
    texts = [t for t, _, _ in quoted(doc)]
    assert "Ready," in texts
    assert all(0 <= q.start <= q.end <= len(doc.text) for q in doc.quotes)


def test_boilerplate_is_skipped_and_ids_are_in_text_order():
    doc = run('"We are ready," said Anna Berg.\n"Copyright notice," said Jan Novak.', boilerplate=1)
    assert [q.id for q in doc.quotes] == ["q1"]


def test_without_paragraphs_each_line_is_one():
    import docpipe

    text = '"We are ready," said Anna Berg.\n\n"So are we," said Ola Lund.'
    doc = QuoteStage().process(docpipe.make_document(text, paragraphs=[]))
    assert [(q.id, q.speaker) for q in doc.quotes] == [("q1", "Anna Berg"), ("q2", "Ola Lund")]


def test_extra_verbs_option_extends_the_lexicon():
    text = '"The rules are unclear," opined Ola Lund.'
    (unknown,) = run(text).quotes  # a full sentence in quotes is a quote, but nobody is known to say it
    assert unknown.speaker is None and unknown.cue is None
    doc = run(text, stage=QuoteStage(extra_verbs=["opine | speech"]))
    assert quoted(doc) == [("The rules are unclear,", "Ola Lund", "direct")]


def test_stage_pickles_and_is_registered():
    stage = pickle.loads(pickle.dumps(QuoteStage(min_words=3)))
    assert stage.name == "quotes" and stage.min_words == 3
    from docpipe import Engine

    assert "quotes" in Engine().registry.stages


@pytest.mark.parametrize("n", [2000])
def test_linear_time_on_adversarial_input(n):
    import time

    def cost(k):
        text = ('"' * (300 * k)) + " " + ("word said “x” " * (200 * k)) + "a” b" * (50 * k)
        doc = run(text)
        t = time.process_time()  # CPU time of this process: steadier than wall time on a busy machine
        QuoteStage().process(doc)
        return time.process_time() - t

    cost(1)  # warm up
    small, big = min(cost(1) for _ in range(3)), min(cost(10) for _ in range(2))
    # Linear: 10x the input costs about 10x; a quadratic scan would cost ~100x. Loose bound for noisy CI.
    assert big / small < 35, (small, big)


def test_random_mark_soup_never_breaks_the_document():
    import random

    pieces = ['"', "'", "“", "”", "‘", "’", "„", "«", "»", "—", ":", ",", ".", " ", "\n", "said", "he", "Anna Berg",
              "the minister", "that", "According", "to", "Mr.", "(", ")", "R-Ky.", "who", "saying", "LUND", "told",
              "中文", "Привет", "―", "''"]
    rng = random.Random(7)
    stage = QuoteStage()
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 40)))
        doc = run(text, stage=stage, title=True)  # Document validation checks every offset and mention
        ids = [q.id for q in doc.quotes]
        assert ids == [f"q{i}" for i in range(1, len(ids) + 1)]
        assert all(q.start <= q.end for q in doc.quotes)
