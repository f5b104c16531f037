"""Attribution, precision and indirect-quote rules added after reading PolNeAR train/dev errors.

Every text here is written for the test; each test exercises one rule and fails without it.
"""

import docpipe
from docpipe.model import Paragraph
from docpipe_builtins.quotes import QuoteStage
from docpipe_builtins.quotes.tokens import ParagraphTokens, tokenize
from quotes_helpers import quoted, run


def spans(doc):
    """(text, kind, speaker mention) of every quote."""
    return [(doc.text[q.start : q.end], q.kind, q.speaker_mention.text if q.speaker_mention else None)
            for q in doc.quotes]


# ---------------------------------------------------------------- attribution


def test_transcript_turn_inside_an_opening_mark():
    doc = run('"HOST: Will the ferry run on Sunday?\n'
              '"LUND: It will run every day of the week, and twice on Sundays.')
    assert spans(doc) == [
        ("Will the ferry run on Sunday?", "direct", "HOST"),
        ("It will run every day of the week, and twice on Sundays.", "direct", "LUND"),
    ]


def test_transcript_turn_drops_its_own_closing_mark():
    doc = run('"LUND: The harbour stays open all winter long."')
    assert quoted(doc) == [("The harbour stays open all winter long.", "LUND", "direct")]


def test_name_then_long_apposition_then_said():
    doc = run('"The tolls are fair," Ola Lund, director of the harbour office and a professor at the '
              "naval academy, said of the plan.")
    (q,) = doc.quotes
    assert q.speaker == "Ola Lund" and q.speaker_mention.text == "Ola Lund" and q.cue.text == "said"
    assert "director of the harbour office and a professor at the naval academy" in doc.speakers[0].titles


def test_apposition_with_a_participle_clause():
    doc = run("“It is an invasion of our waters,” Anna Berg, the harbour master of Tromsø, one of the towns "
              "suing the agency, said at the hearing.")
    (q,) = doc.quotes
    assert (q.speaker, q.speaker_mention.text) == ("Anna Berg", "Anna Berg")


def test_inverted_cue_with_a_numeric_modifier():
    doc = run('"The fund is not enough," said 9/11 widow Anna Berg.')
    (q,) = doc.quotes
    assert q.speaker == "Anna Berg"


def test_misdecoded_name_is_one_token():
    assert [t.text for t in tokenize("FranÃÂ§ois Lund «yes»", 0, 21)] == ["FranÃÂ§ois", "Lund", "«", "yes", "»"]
    doc = run('"The talks went well," Mayor FranÃÂ§ois Lund said Friday.')
    assert doc.quotes[0].speaker == "FranÃÂ§ois Lund"


def test_reporting_clause_subject_wins_over_pronoun_of_reported_clause():
    doc = run('Berg said she remembered thinking, "Nobody in this room is listening to us at all."')
    (q,) = doc.quotes
    assert (q.speaker, q.speaker_mention.text, q.cue.text) == ("Berg", "Berg", "said")


def test_a_new_sentence_after_the_quote_is_not_its_cue():
    doc = run('In a statement, Lund said the ruling "will force us to reopen the old harbour." '
              "He said that the town would appeal the decision.")
    assert doc.quotes[0].speaker_mention.text == "Lund"


def test_cueless_quote_takes_its_sentence_reporting_clause_as_one_mixed_quote():
    doc = run("Ms. Lund said the new museum would tell every story -- "
              '"the sailor but also the cook, the captain but also the cabin boy."')
    (q,) = doc.quotes
    assert q.kind == "mixed" and q.speaker == "Lund" and q.cue.text == "said"
    assert doc.text[q.start : q.end] == ('the new museum would tell every story -- "the sailor but also the cook, '
                                         'the captain but also the cabin boy."')


# ---------------------------------------------------------------- precision


def test_title_case_quotes_are_titles_not_speech():
    doc = run("'Legends of the Harbour.'\n"
              "In her first book, \"Ten Ways to Sail Home,\" Berg described the fleet.")
    assert [q for q in doc.quotes if q.kind == "direct"] == []


def test_title_case_after_a_colon_cue_is_still_speech():
    doc = run('Lund shouted: "Long Live The Fleet!"')
    assert quoted(doc) == [("Long Live The Fleet!", "Lund", "direct")]


# ---------------------------------------------------------------- spans of mixed quotes


def test_words_before_the_quote_belong_to_the_reported_sentence():
    doc = run('With hundreds of small ports, "there is no single point of failure," Lund said.')
    assert spans(doc) == [
        ('With hundreds of small ports, "there is no single point of failure,"', "mixed", "Lund")]


def test_quote_inside_a_that_clause_is_mixed_from_that():
    doc = run('Spokeswoman Anna Berg said by email that, "of course the ferry will run" despite the storm.')
    (q,) = doc.quotes
    assert q.kind == "mixed" and q.speaker == "Anna Berg"
    assert doc.text[q.start : q.end] == 'that, "of course the ferry will run" despite the storm'


def test_short_quote_continuing_the_sentence_is_mixed():
    doc = run('He said "budget cuts" and new port fees would pay for the pier.')
    (q,) = doc.quotes
    assert q.kind == "mixed" and doc.text[q.start : q.end] == '"budget cuts" and new port fees would pay for the pier'


# ---------------------------------------------------------------- indirect attributions


def test_content_stops_at_a_writer_clause():
    doc = run("Lund said that the pier was safe, contradicting the council's earlier report.")
    assert spans(doc) == [("that the pier was safe", "indirect", "Lund")]


def test_content_stops_at_a_semicolon():
    doc = run("Berg estimated that the plan would cost two million; the council puts it at three.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == ["that the plan would cost two million"]


def test_second_attribution_in_the_clause_after_the_content():
    doc = run("Mayors urged the council to keep the ferry, although they say they support some of the cuts.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the council to keep the ferry", "Mayors"),
        ("they support some of the cuts", "they"),
    ]


def test_declined_to_and_endorsed():
    doc = run("Lund declined to say whether the pier would reopen.\nThe harbour union endorsed Berg last week.")
    assert spans(doc) == [
        ("to say whether the pier would reopen", "indirect", "Lund"),
        ("Berg", "indirect", "The harbour union"),
    ]


def test_referring_to_after_a_quote():
    doc = run('"They will be a minority soon," Lund said, referring to the island fishermen.')
    assert spans(doc)[-1] == ("the island fishermen", "indirect", "Lund")


def test_perception_verb_see():
    doc = run("Four in ten voters see the new toll as the most unfair tax in town.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind) == ("the new toll as the most unfair tax in town", "indirect")
    assert q.speaker_mention.start == 0 and q.cue.text == "see"  # the mention lies in "Four in ten voters"


# ---------------------------------------------------------------- tokens skipped inside long quotes


def test_paragraph_tokens_skip_long_quotes_but_serve_windows_into_them():
    text = 'Lund said: "' + "the boats are fine and " * 5 + 'the crews too." Berg agreed.'
    inner = (text.index('"') + 1, text.rindex('"'))
    ptoks = ParagraphTokens(text, 0, len(text), skips=[inner])
    assert [t.text for t in ptoks.window(0, 11)] == ["Lund", "said", ":"]
    # a window running into the skipped quote is cut at its start when the caller stops at quote marks ...
    assert [t.text for t in ptoks.window(5, inner[0] + 10, upto_quote=True)] == ["said", ":", '"']
    # ... and tokenized in full otherwise
    assert [t.text for t in ptoks.window(inner[0], inner[0] + 9)] == ["the", "boats"]
    assert [t.text for t in ptoks.window(0, len(text))][-3:] == ["Berg", "agreed", "."]


def test_stage_output_unchanged_by_token_skipping():
    """A long quote and a cue after it: same answer as with the paragraph tokenized in full."""
    body = "We rebuilt every pier in the harbour and " * 4
    text = f'"{body}we are proud of it," said Lund, adding that the work took a year.'
    doc = docpipe.make_document(text, paragraphs=[Paragraph(0, len(text))])
    out = QuoteStage().process(doc)
    assert [(q.kind, q.speaker) for q in out.quotes] == [("direct", "Lund"), ("indirect", "Lund")]


def test_colon_after_a_clause_introduces_its_subjects_quote():
    doc = run('Anna Berg said the vote was close. She then turned to the boats again: "Here is what I regret."')
    q = doc.quotes[-1]
    assert (q.speaker_mention.text, q.speaker, q.cue.text) == ("She", "Anna Berg", ":")


def test_manner_verbs_and_documents_that_read():
    doc = run('"Go back to your seat right now," Lund barked.\n'
              '"We see the harbour as our home and our future," the letter reads.')
    assert [q.speaker_mention.text for q in doc.quotes] == ["Lund", "the letter"]


def test_according_to_a_noun_that_is_also_a_verb():
    doc = run("According to state law, nobody may sell fish within fifty feet of the pier.")
    assert spans(doc) == [("nobody may sell fish within fifty feet of the pier", "indirect", "state law")]


def test_said_on_a_day_then_a_bare_clause():
    doc = run("Harbour owner Ola Lund said on Friday he met the mayor earlier this week.")
    assert spans(doc) == [("he met the mayor earlier this week", "indirect", "Ola Lund")]


def test_content_goes_on_through_an_elliptical_but_and_an_everything_clause():
    doc = run("According to him, now everything is calm, everything will depend on the weather.\n"
              "He also noted that the fishermen do not live in one village, but in different bays.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "now everything is calm, everything will depend on the weather",
        "that the fishermen do not live in one village, but in different bays",
    ]


def test_content_stops_at_but_opening_a_clause():
    doc = run("Lund said that the pier would reopen in May, but the council wants to wait for the survey.")
    assert doc.text[doc.quotes[0].start : doc.quotes[0].end] == "that the pier would reopen in May"
