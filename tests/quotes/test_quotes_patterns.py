"""Attribution patterns met in news archives (texts written for these tests)."""

from quotes_helpers import quoted, run


def test_title_and_party_tag_and_parentheses():
    doc = run('"The vote will pass," Senate Majority Leader Ola Lund, R-Ky., told reporters.\n'
              '"It is too early," said Rep. Anna Berg (D-Wis.).')
    assert [q.speaker for q in doc.quotes] == ["Ola Lund", "Anna Berg"]
    assert {s.name: s.titles for s in doc.speakers}["Ola Lund"] == ("Senate Majority Leader",)


def test_mr_name_of_organisation():
    doc = run('"It was the least bad outcome," said Mr. Lund of the Harbour Club.')
    (q,) = doc.quotes
    assert q.speaker == "Lund" and q.speaker_mention.text == "Lund"


def test_doubled_apostrophes_as_quote_marks():
    doc = run("''The harbour is safe again,'' said Mr. Lund.")
    assert quoted(doc) == [("The harbour is safe again,", "Lund", "direct")]


def test_transcript_label_and_colon_introduction():
    doc = run("LUND: Well, the harbour is open and the boats are back.\n"
              "Berg continued:\n"
              '"We will keep the ferry running all winter long."')
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [("LUND", "LUND"), ("Berg", "Berg")]
    assert doc.quotes[1].cue.text == "continued"


def test_signature_dash_after_quote():
    doc = run("“The new bridge is a gift to the whole town.” ― Anna Berg")
    assert quoted(doc) == [("The new bridge is a gift to the whole town.", "Anna Berg", "direct")]


def test_relative_pronoun_speaker():
    doc = run("The plan was opposed by harbour workers, who say the new rules are unfair to small boats.")
    (q,) = doc.quotes
    assert q.speaker_mention.text == "who" and doc.text[q.start : q.end].startswith("the new rules")


def test_coordinated_second_attribution():
    doc = run("Anna Berg said that the ferry would run again and accused the council of wasting a year.")
    assert [(doc.text[q.start : q.end], q.cue.text, q.speaker) for q in doc.quotes] == [
        ("that the ferry would run again", "said", "Anna Berg"),
        ("the council of wasting a year", "accused", "Anna Berg"),
    ]


def test_title_case_headline_verb():
    doc = run("Anna Berg Says Ferry Will Run All Winter\nThe council met on Monday.", title=True)
    (q,) = doc.quotes
    assert q.speaker == "Anna Berg" and doc.text[q.start : q.end] == "Ferry Will Run All Winter"


def test_scare_quote_inside_reported_speech_is_not_direct():
    doc = run('Lund called it a "bad deal," he said, and left.')
    assert all(q.kind != "direct" for q in doc.quotes)


def test_doubled_consonant_past_tense_is_a_cue():
    # "admitted", "quipped": the lexicon lists the doubled forms, the regular rule would give "admited"
    doc = run('"I was a little nervous," Ola Berg admitted. "It was my first rally."')
    assert [q.speaker for q in doc.quotes] == ["Ola Berg", "Ola Berg"]
    assert doc.quotes[0].cue.text == "admitted"


def test_noun_phrases_with_verb_looking_words_as_speakers():
    doc = run('"Integration takes time and patience," the report concluded.\n'
              '"Everyone should come to the meeting on Friday," said the printed campaign card.\n'
              '"We are ready for the vote," US Senator Ada Lind said.')
    assert [q.speaker_mention.text for q in doc.quotes] == ["the report", "the printed campaign card", "Ada Lind"]


def test_subjectless_participle_and_coordinated_cue():
    doc = run("During the primary, Ada Lind appeared on the radio and endorsed the mayor, saying, "
              '"She is exactly what this town needs."\n'
              "Speaking to reporters, Jan Novak, 70, said it was too early to celebrate but added, "
              '"You all have an idea of the results."')
    assert [(q.speaker, q.cue.text) for q in doc.quotes if q.kind == "direct"] == [
        ("Ada Lind", "saying"), ("Jan Novak", "added")]


def test_comma_inside_the_marks_hands_the_quote_to_the_cue_after_it():
    doc = run('At the time, Ola Berg seemed to hint at the deal: "She signed the agreement," Jan Novak told the paper.')
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [(q.speaker, q.cue.text) for q in direct] == [("Jan Novak", "told")]


def test_a_new_sentence_after_the_quote_is_not_its_cue():
    doc = run('Mayor Ola Berg condemned the "attack on our harbour and on our town." '
              "He announced that the port would close for a week.")
    quote, announcement = doc.quotes
    assert (quote.kind, quote.cue.text, quote.speaker_mention.text) == ("mixed", "condemned", "Ola Berg")
    assert (announcement.kind, announcement.cue.text) == ("indirect", "announced")


def test_possessive_apostrophe_and_dotted_abbreviations_inside_an_apposition():
    doc = run('"We can win without a super PAC," Ada Lind, Jonas\' campaign manager, said in a statement.\n'
              '"The harbour needs a new pier," Jan Berg, 30, of Dover, N.H., who was polled, said on Monday.')
    assert [q.speaker for q in doc.quotes] == ["Ada Lind", "Jan Berg"]


def test_modifiers_inside_a_speaker_noun_phrase():
    doc = run('"It was very nice," the gambling tycoon told reporters.\n'
              '"He must stop blaming everyone else," the conservative-leaning newspaper wrote.')
    assert [q.speaker_mention.text for q in doc.quotes] == ["the gambling tycoon", "the conservative-leaning newspaper"]


def test_a_reporting_sentence_or_put_it_introduces_the_quote():
    doc = run('Ada Lind, the party spokeswoman, said in a statement. "There are no ballots to count again."\n'
              'As Professor Jan Berg put it: "The harbour is the heart of the town."')
    assert [(q.speaker, q.cue.text) for q in doc.quotes] == [("Ada Lind", "said"), ("Jan Berg", "put it")]


def test_a_signature_paragraph_signs_the_quote_before_it():
    doc = run('"I went to the harbour before the storm and warned everyone about it."\n'
              "- Ada Lind.\n"
              "Lind tends to overstate her role.")
    (quote,) = doc.quotes
    assert (quote.speaker, quote.cue.text) == ("Ada Lind", "-")


def test_first_verb_of_a_coordination_gives_the_subject():
    doc = run('When asked whom she supported, Ms. Ada Lind smiled and said, "I am waiting for the mayor."')
    question, quote = doc.quotes
    assert quote.speaker_mention.text == "Ada Lind"
    assert (doc.text[question.start : question.end], question.speaker) == ("whom she supported", None)


def test_manner_of_speaking_verbs_after_a_quote():
    doc = run('"What was the pivot point that changed him?" Jan Berg questioned.\n'
              '"Note to the council: not on my watch," Ada Lind posted on Monday.\n'
              '"Will he be the next mayor?" a staffer in the room wondered.')
    assert [q.speaker_mention.text for q in doc.quotes] == ["Jan Berg", "Ada Lind", "a staffer"]


def test_indirect_content_stops_where_the_writer_comments():
    doc = run("Ada Lind said that the vote had been rigged against her, a charge that the council denied.\n"
              "Jan Berg said the harbour would close in May (although he gave no date for the repairs).\n"
              "The mayor said the ferry would run again — even though the pier is still broken.")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        "that the vote had been rigged against her",
        "the harbour would close in May",
        "the ferry would run again"]


def test_a_parenthetical_cue_belongs_to_the_sentence_it_interrupts():
    doc = run('"We are a quiet harbour town and we like it," said Jan Berg, a retired pilot. '
              '"Nobody comes here by accident." Perhaps, he said, the town "has grown too fast."')
    first, second = doc.quotes[:2]
    assert second.continues == first.id and second.speaker_mention.text == "Jan Berg"


def test_a_quote_that_begins_a_sentence_ending_in_its_cue_is_mixed_to_the_comma():
    doc = run('"Boots on the ground" would be the right answer in this case, Ada Lind said on Monday.')
    (quote,) = doc.quotes
    assert (quote.kind, quote.speaker) == ("mixed", "Ada Lind")
    assert doc.text[quote.start:quote.end] == 'Boots on the ground" would be the right answer in this case'


def test_a_quoted_list_of_names_is_not_speech():
    doc = run('The delegates: "Ada Lind, Jan Berg, Ola Novak and Per Holm." The vote is on Monday.')
    assert doc.quotes == ()


def test_a_described_speaker_with_two_titles_is_one_person():
    doc = run('"We will reopen the pier," Sen. Ada Lind said. "It will take months," '
              'the Vermont senator and party candidate said on Monday.')
    assert [q.speaker for q in doc.quotes] == ["Ada Lind", "Ada Lind"]
    assert doc.quotes[1].speaker_mention.text == "the Vermont senator and party candidate"


def test_a_participle_takes_the_subject_of_its_clause():
    doc = run("The mayor posted a long series of messages early Friday saying that the pier would reopen.\n"
              'With harbour master Jan Berg telling reporters that "the boats can stay," the council voted.')
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("The mayor", "saying"), ("Jan Berg", "telling")]


def test_lexicon_lists_doubled_consonant_forms():
    from docpipe_builtins.quotes.lexicon import load_lexicon

    lexicon = load_lexicon()
    for form in ("admitted", "quipped", "jabbed", "planned", "slammed", "dubbed"):
        assert form in lexicon, form
    assert "admited" not in lexicon and "quiped" not in lexicon


def test_packaged_lexicon_lists_each_verb_once():
    # Lines for one base merge their tags, so a second line hides half of a verb's tags from a reader
    # of the file: every verb's tags must sit on one line.
    from importlib import resources

    from docpipe_builtins.quotes import lexicon

    text = resources.files(lexicon.__package__).joinpath(lexicon.LEXICON_FILE).read_text(encoding="utf-8")
    bases = [line.split("|")[0].split()[0] for line in text.splitlines()
             if line.split("#", 1)[0].strip()]
    repeated = sorted({base for base in bases if bases.count(base) > 1})
    assert repeated == []


def test_inverted_cue_with_adjectives_and_a_title_before_the_name():
    doc = run('"I do not know where he stands on the pier," said undecided Harbour voter Ada Lind of Dover.')
    (quote,) = doc.quotes
    assert (quote.speaker, quote.speaker_mention.text) == ("Ada Lind", "Ada Lind")


def test_affiliation_after_for_and_a_number_after_of():
    doc = run('"The debate changed little," wrote Ada Lind for Harbour Weekly.\n'
              'Asked about the plan, the 34-year-old mother of three replied, "It is meant to help mothers first."')
    assert [(q.speaker, q.speaker_mention.text if q.speaker_mention else q.cue.text) for q in doc.quotes] == [
        ("Ada Lind", "Ada Lind"), (None, "Asked"),  # (what was asked, by someone not named)
        ("the 34-year-old mother of three", "the 34-year-old mother of three")]


def test_footage_of_a_speaker_and_a_negated_reporting_sentence():
    doc = run('The ad uses footage of Ada Lind asking, "Why is the pier still closed after a year?"\n'
              '"We will not retaliate," Jan Berg said on Monday. He did not suggest a date. "Our goal is calm."')
    first = doc.quotes[0]
    assert (first.speaker, first.cue.text) == ("Ada Lind", "asking")
    last = doc.quotes[-1]
    assert last.speaker == "Jan Berg" and last.cue.text == "said"


def test_mixed_content_stops_at_the_writers_own_additions():
    doc = run('Ada Lind said she would consider it a "personal insult" if they stayed home, implicitly '
              'putting her name on the line.\n'
              'Jan Berg called the closure a "terrible mistake" Wednesday on the morning show.')
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        'she would consider it a "personal insult" if they stayed home',
        'the closure a "terrible mistake"']


def test_the_addressee_of_tell_is_not_part_of_what_was_said():
    doc = run("Ada Lind told voters she would reopen the pier in June.\n"
              "Jan Berg assured reporters that the ferry would run again.")
    assert [doc.text[q.start:q.end] for q in doc.quotes] == [
        "she would reopen the pier in June", "that the ferry would run again"]


def test_a_reduced_relative_and_a_when_between_cue_and_comma():
    doc = run("A Harbour Weekly poll released in late August found that most voters want the pier back.\n"
              "The closure is a disgrace for the town, council members said Friday afternoon, as they left.")
    assert [(q.speaker_mention.text, doc.text[q.start:q.end]) for q in doc.quotes] == [
        ("A Harbour Weekly poll", "that most voters want the pier back"),
        ("council members", "The closure is a disgrace for the town")]


def test_a_when_between_subject_and_verb_and_a_section_label_headline():
    doc = run("Harbour Bank just this month announced it would close two branches.")
    (quote,) = doc.quotes
    assert quote.speaker_mention.text == "Harbour Bank"
    doc = run("The Latest: Mayor Ada Lind urges voters to back the pier plan\nThe vote is on Monday.", title=True)
    assert [q.speaker for q in doc.quotes] == ["Ada Lind"]


def test_a_quote_paragraph_with_no_speaker_takes_the_previous_paragraphs_subject():
    doc = run("The ferry season opened on Monday.\n"
              "Jan Berg sold forty tickets on the first morning. Why was he out in the rain?\n"
              '"My mother says I have to save up for college."')
    last = doc.quotes[-1]
    # the speaker is a guess (nobody was attributed before), so the confidence is low
    assert (last.speaker_mention.text, last.confidence) == ("he", 0.4)


def test_a_cue_inside_an_opening_subordinate_clause_ends_its_content_at_the_clause():
    doc = run("While harbour workers argue that the new rules punish small boats, the council has kept them.\n"
              "A week after Anna Berg announced that the ferry would stop, the town bought a second boat.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the new rules punish small boats", "harbour workers"),
        ("that the ferry would stop", "Anna Berg"),
    ]


def test_indirect_content_stops_at_the_writers_comparison_and_participle():
    doc = run("Most fishermen say they will stay in the harbour, compared with a third of the ferry crews.\n"
              "The council vowed to reopen the bridge by June, while acknowledging that the work is late.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "they will stay in the harbour", "to reopen the bridge by June"]


def test_a_pronoun_addressee_of_tell_is_not_part_of_what_was_said():
    doc = run("Anna Berg told me she’s never seen the harbour this quiet in forty years.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker) == ("she’s never seen the harbour this quiet in forty years",
                                                     "Anna Berg")


def test_stance_verbs_whose_object_is_what_was_meant():
    doc = run("The mayor denounced the new parking rules as a tax on the poor.\n"
              "Anna Berg likened the harbour fees to a toll on every fisherman.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.kind) for q in doc.quotes] == [
        ("the new parking rules as a tax on the poor", "The mayor", "indirect"),
        ("the harbour fees to a toll on every fisherman", "Anna Berg", "indirect"),
    ]


def test_what_a_speaker_spoke_about_is_the_topic_after_about():
    doc = run("At the harbour meeting Anna Berg spoke about the cost of dredging the channel.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker, q.cue.text) == ("the cost of dredging the channel", "Anna Berg",
                                                                  "spoke")


def test_a_subject_that_does_not_read_as_a_noun_phrase_still_speaks():
    doc = run("One in four fishermen in a harbour survey last year said the new quotas are too low.\n"
              "Many in the crowd said the ferry should run all winter.\n"
              "A skipper who fished these waters for years and who did not want to be named said the channel "
              "is silting up.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the new quotas are too low", "One in four fishermen in a harbour survey last year"),
        ("the ferry should run all winter", "Many in the crowd"),
        ("the channel is silting up", "A skipper"),
    ]


def test_a_reporting_clause_between_commas_early_in_the_sentence():
    doc = run("For decades, Anna Berg noted, the harbour has paid for its own repairs.\n"
              "As the harbour master explained, the channel silts up every spring.\n"
              "As Port Authority press officer Ola Lund explained, the ferry fees will rise.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("For decades", "Anna Berg", "noted"),  # (the reporting clause is no part of what was said:
        ("the harbour has paid for its own repairs", "Anna Berg", "noted"),  # two parts, one quotation)
        ("the channel silts up every spring", "the harbour master", "explained"),
        ("the ferry fees will rise", "Ola Lund", "explained"),
    ]


def test_report_takes_an_object_and_agree_a_clause_or_an_infinitive():
    doc = run("Harbour police reported no arrests after the regatta.\n"
              "Anna Berg agreed the ferry should run all winter.\n"
              "The two skippers agreed to share the last mooring in the harbour.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("no arrests after the regatta", "Harbour police"),
        ("the ferry should run all winter", "Anna Berg"),
        ("to share the last mooring in the harbour", "The two skippers"),
    ]


def test_a_relative_clause_with_a_reporting_verb_inside_is_what_was_said():
    doc = run("The new quotas, which the fishermen say will empty the harbour, start in June.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker_mention.text) == ("which the fishermen say will empty the harbour",
                                                                   "the fishermen")


def test_an_ing_modifier_before_a_group_of_people_is_part_of_the_subject():
    doc = run("But sailing instructors say the new buoys are placed too close to the rocks.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker_mention.text) == ("the new buoys are placed too close to the rocks",
                                                                   "sailing instructors")


def test_a_subordinate_clause_ending_in_a_quote_ends_its_content_after_the_closing_mark():
    doc = run('As the mayor warned that the harbour would "silt up within a year," many fishermen left for the north.')
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind) == ('that the harbour would "silt up within a year,"', "mixed")


def test_a_second_speaker_after_while_or_but_starts_a_second_attribution():
    doc = run("Several fishermen said the new quotas were fair, while older skippers said they would sell their "
              "boats.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the new quotas were fair", "Several fishermen"),
        ("they would sell their boats", "older skippers"),
    ]


def test_an_aside_between_dashes_before_the_verb_is_skipped_to_reach_the_subject():
    doc = run("The harbour master -- who has fought the council over the new quotas for years -- said the "
              "channel is too shallow.\n"
              "Anna Berg - a skipper since 2004 - said the buoys were moved.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the channel is too shallow", "The harbour master"),
        ("the buoys were moved", "Anna Berg"),
    ]


def test_appositions_that_describe_a_named_person_and_an_adverb_before_the_verb():
    doc = run("Anna Berg, the head of the Harbour Authority, said the channel is silting up.\n"
              "Ola Lund, the mayor of Tromsby, a member of the Fisheries Council, said the quotas are fair.\n"
              "Jan Novak, the company's chief engineer, firmly told reporters that the bridge is safe.")
    assert [(q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Anna Berg", "the channel is silting up"),
        ("Ola Lund", "the quotas are fair"),
        ("Jan Novak", "that the bridge is safe"),
    ]


def test_content_stops_at_a_dash_that_opens_the_writers_description():
    doc = run("In July, the mayor dismissed the harbour as a relic of the past — a phrase the fishermen resent.\n"
              "With harbour workers worried about the new quotas, the council met again.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "the harbour as a relic of the past", "the new quotas"]


def test_a_time_before_the_clause_is_not_the_subject_of_a_participle_cue():
    doc = run("Hours later, Anna Berg returned to the harbour, telling reporters, “The channel is open again and the "
              "boats are back.”")
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Anna Berg", "telling")


def test_a_participle_cue_after_a_scare_quote_reads_the_whole_sentence_for_its_subject():
    doc = run("Anna Berg mocked the council’s “plan,” saying, “Nobody on this board has ever sailed a boat!”")
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert (q.speaker, q.cue.text, doc.text[q.start : q.end]) == (
        "Anna Berg", "saying", "Nobody on this board has ever sailed a boat!")


def test_a_participle_followed_by_a_quotation_makes_no_indirect_quote_of_its_own():
    doc = run('"The bridge will open," Anna Berg said, adding, "and the ferry will run all winter long."')
    assert [(q.kind, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("direct", "The bridge will open,"), ("direct", "and the ferry will run all winter long.")]


def test_a_dateline_is_not_the_subject_and_cannot_is_an_auxiliary():
    doc = run("TROMSBY (AP) — Anna Berg on Monday visited the harbour and said the channel is silting up.\n"
              "The council cannot say whether the ferry will run in winter.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Anna Berg", "the channel is silting up"),
        ("The council", "whether the ferry will run in winter"),
    ]


def test_credit_lines_are_not_quotes():
    doc = run("The harbour reopened on Monday.\nContributing: Anna Berg, Tromsby Daily News.")
    assert doc.quotes == ()


def test_nounlike_lexicon_forms_are_not_cues_but_their_past_tense_is():
    doc = run("Editor’s note: this article was updated on Monday with the harbour’s new opening hours.\n"
              "The quotas in the northern states differ from those in the southern ones, which anger fishermen.\n"
              "Anna Berg noted that the harbour is older than the town.")
    assert [(q.cue.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("noted", "that the harbour is older than the town")]


def test_a_title_case_chant_right_after_its_verb_is_speech_but_a_show_after_told_is_not():
    doc = run('Hundreds of fishermen marched to the town hall on Monday, chanting "Save Our Harbour Now," and '
              'waving flags.\n'
              '"The quotas are unfair," Anna Berg told "Harbour Morning Show," before leaving.')
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("Save Our Harbour Now,", "chanting"), ("The quotas are unfair,", "told")]


def test_screamed_is_a_cue():
    doc = run("“Never again!” the fishermen screamed back.")
    (q,) = doc.quotes
    assert (q.speaker_mention.text, q.cue.text) == ("the fishermen", "screamed")


def test_a_reporting_clause_with_its_own_content_after_a_comma_is_not_a_sentence_final_cue():
    doc = run("As for the harbour master, she said she’s not worried.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker_mention.text) == ("she’s not worried", "she")


def test_called_that_names_or_phones_is_not_speech():
    doc = run("The fishermen set up a new group called Harbour Watch last spring.\n"
              "The ferry law, as the bill is called, passed in May.\n"
              "A spokesman called Anna Berg a liar.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("Anna Berg a liar", "A spokesman")]


def test_a_participle_belongs_to_the_subject_not_to_an_object_that_looks_like_a_cue():
    # "issues", "note", "called": reporting-verb forms used as a noun or inside an object
    doc = run('In Tromsby, Anna Berg stepped up her emphasis on harbour safety issues, saying, "We need a '
              'second pier."\n'
              'Ola Dahl shared a map of a 1990 survey called "Deep Water" on his blog, writing "The channel '
              'was deeper then."')
    assert [(q.speaker, q.cue.text) for q in doc.quotes if q.kind == "direct"] == [
        ("Anna Berg", "saying"), ("Ola Dahl", "writing")]


def test_the_spokesman_opening_a_sentence_is_its_subject():
    doc = run('The spokesman refused to answer questions about the ferry, adding: "We will say more in May."')
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert (q.speaker_mention.text, q.cue.text) == ("The spokesman", "adding")


def test_the_subject_of_a_passive_reporting_verb_is_not_its_speaker():
    doc = run("The council is widely expected to announce on Monday that the ferry will run all winter.\n"
              "Anna Berg was asked whether the harbour will reopen in May.\n"
              "The new ferry was not expected to run in winter.\n"
              "Ola Dahl is asking whether the harbour will reopen in May.")
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.cue.text) for q in doc.quotes] == [
        (None, "asked"), ("Ola Dahl", "asking")]  # (what Anna Berg was asked is a question of its own)


def test_the_question_in_an_asked_clause_is_not_what_the_answer_says():
    doc = run("Asked on the radio who runs the harbour now, Anna Berg said nobody did.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("who runs the harbour now", None), ("nobody did", "Anna Berg")]  # (the question is nobody's named)


def test_a_name_spelled_like_a_reporting_verb_can_be_the_speaker():
    doc = run('"We have assessed this deal," Read said.')
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Read", "said")


def test_an_indirect_quote_before_a_direct_one_in_the_same_sentence_is_found():
    doc = run('Anna Berg said that the engineers had checked the new pier twice, to which Ola Dahl replied: '
              '"They checked the wrong one."')
    assert [(q.kind, doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("indirect", "that the engineers had checked the new pier twice", "Anna Berg"),
        ("direct", "They checked the wrong one.", "Ola Dahl")]


def test_no_indirect_quote_is_read_into_the_reporting_clause_of_the_direct_quote_after_it():
    doc = run('Anna Berg said on Monday at the harbour office: "The pier is safe."\n'
              'Anna Berg mocked the council’s “plan,” saying, “Nobody on this board has ever sailed a boat!”')
    assert [(q.kind, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("direct", "The pier is safe."),
        ("indirect", "the council’s “plan,”"),
        ("direct", "Nobody on this board has ever sailed a boat!")]


def test_a_title_before_the_name_of_an_apposition_speaker():
    doc = run('"The channel is silting up," the engineer Anna Berg, a former adviser to the harbour board, '
              'wrote on Monday.')
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Anna Berg", "wrote")


def test_an_indirect_content_ends_where_the_main_clause_reports_again():
    doc = run("Ola Dahl, who said the pier was checked by the council's engineer, said he knew of no cracks.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the pier was checked by the council's engineer", "Ola Dahl"), ("he knew of no cracks", "Ola Dahl")]


def test_quoted_words_that_end_a_reported_clause_make_one_mixed_quote():
    doc = run("Judge Anna Berg, writing for the majority, said the town’s ferry timetable “is really quite "
              "generous.”")
    (q,) = doc.quotes
    assert (q.kind, q.speaker, doc.text[q.start : q.end]) == (
        "mixed", "Anna Berg", "the town’s ferry timetable “is really quite generous.”")


def test_a_quotation_inside_a_reported_clause_is_part_of_one_mixed_quote():
    doc = run('Now Anna Berg says she is so distressed by the tone of the harbour debate -- "an insult to '
              'fishermen" -- that she is considering a run.')
    (q,) = doc.quotes
    assert (q.kind, q.speaker, doc.text[q.start : q.end]) == (
        "mixed", "Anna Berg", 'she is so distressed by the tone of the harbour debate -- "an insult to fishermen" '
        '-- that she is considering a run')


def test_a_subordinate_clause_after_a_sentence_adverb_ends_its_content():
    doc = run("However, while the council says the ferry is on its way to Tromsby, they are not waiting for it.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker_mention.text) == (
        "the ferry is on its way to Tromsby", "the council")


def test_a_comma_after_says_opens_the_content():
    doc = run("Anna Berg says, win or lose in Monday’s harbour vote, she is staying on the board.\n"
              "Selling ferry tickets is a lot harder than, say, selling fish or even coffee.\n"
              "With all precincts reporting, the harbour vote was too close to call.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker) == (
        "win or lose in Monday’s harbour vote, she is staying on the board", "Anna Berg")


def test_including_and_despite_go_on_with_the_content():
    doc = run("Anna Berg said the harbour plan would use the best technology, including sensors below the pier.\n"
              "Ola Dahl said the ferry will run all winter, despite the storms of the last two years.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "the harbour plan would use the best technology, including sensors below the pier",
        "the ferry will run all winter, despite the storms of the last two years"]


def test_a_base_form_after_an_article_and_its_modifiers_is_a_noun():
    doc = run("A Republican harbour plan would mostly benefit the ferry owners.\n"
              "The fishermen plan to protest that the quotas are unfair.")
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [("The fishermen", "plan")]


def test_a_coordinated_reporting_clause_rests_on_its_own_pronoun():
    doc = run("Anna Berg said the harbour is silting up, and she said the council should dredge it before May.")
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [("Anna Berg", "Anna Berg"), ("Anna Berg", "she")]
    (berg,) = doc.speakers
    assert [m.text for m in berg.mentions] == ["Anna Berg", "she"]


def test_a_document_can_speak_through_which():
    doc = run("The council linked to the harbour report, which notes, “Half the boats are older than forty years.”")
    assert [(q.speaker_mention.text, q.speaker, q.cue.text) for q in doc.quotes] == [
        ("which", "harbour report", "notes")]


def test_the_subject_after_a_long_introductory_adverbial():
    doc = run('At a rally in Portsmouth, N.H., on Tuesday, Senator Anna Berg endorsed Ola Dahl, saying "He will '
              'make an outstanding mayor."')
    (q,) = [q for q in doc.quotes if q.kind == "direct"]
    assert (q.speaker, q.cue.text) == ("Anna Berg", "saying")


def test_the_two_and_will_as_a_first_name_are_speakers():
    doc = run("“You have picked a new standard out of thin air,” the two write.\n"
              '"It is a pretty expensive ferry," said Will Berg, a professor of shipping at Tromsby University.')
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [("the two", "write"), ("Will Berg", "said")]


def test_a_cue_after_an_inner_quote_that_closes_with_the_outer_one():
    doc = run("''We are told all the time, 'the harbour is a special case,''' Ms. Berg said.")
    (q,) = [q for q in doc.quotes if q.nested_in is None]
    assert (q.speaker, q.cue.text) == ("Berg", "said")


def test_as_x_puts_it_with_a_comma_introduces_the_quote():
    doc = run('As Anna Berg puts it, "The harbour is dying."')
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Anna Berg", "puts it")


def test_a_sentence_initial_determiner_or_number_word_opens_the_subject():
    doc = run("Several fishermen, including Anna Berg, said the quotas are unfair to small boats.")
    (q,) = doc.quotes
    assert (q.speaker_mention.text, doc.text[q.start : q.end]) == (
        "Several fishermen", "the quotas are unfair to small boats")


def test_according_to_as_an_aside_early_in_the_sentence_or_after_a_quoted_comma():
    doc = run("In addition, according to the harbour office, nine more boats will be allowed to fish in May.\n"
              "Fishing, according to the council, has surged in the same period.\n"
              "She later compared the new quota to a “root canal,” according to the mayor’s memoir.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.kind) for q in doc.quotes] == [
        ("nine more boats will be allowed to fish in May", "the harbour office", "indirect"),
        ("Fishing, according to the council, has surged in the same period", "the council", "indirect"),
        ("She later compared the new quota to a “root canal,”", "the mayor’s memoir", "mixed")]


def test_a_clause_after_a_sentence_final_reporting_clause_is_the_writers():
    doc = run("The harbour is not about me, Anna Berg told her closest advisers as she labored over the speech.\n"
              "The ferry is late, the captain said as he left the pier and walked home to his family.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("The harbour is not about me", "Anna Berg"), ("The ferry is late", "the captain")]


def test_a_relative_clause_that_lost_its_closing_comma_before_the_reporting_verb():
    doc = run('"The quotas are the kind of rule fishermen fear the most," Anna Berg, who is chair of the Harbour '
              'Board said in a statement.')
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Anna Berg", "said")


def test_as_x_noted_after_a_conjunction_introduces_what_follows():
    doc = run("But as Anna Berg noted, the fishermen will give the council a second look if the quotas fall.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker) == (
        "the fishermen will give the council a second look if the quotas fall", "Anna Berg")


def test_a_possessive_before_a_name_is_the_speakers_affiliation():
    doc = run('"The ferry is late," Tromsby Radio’s Anna Berg said.')
    (q,) = doc.quotes
    (berg,) = doc.speakers
    assert (q.speaker, q.speaker_mention.text, berg.titles) == ("Anna Berg", "Anna Berg", ("Tromsby Radio",))


def test_a_short_quoted_phrase_before_a_final_reporting_clause_ends_a_mixed_quote():
    doc = run('The new ferry timetable was a "welcome change," said Anna Berg, the harbour master.\n'
              'On Radio Tromsby’s “Harbour,” Ola Lund said the new quotas would be a “two-boat rule.”')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ('The new ferry timetable was a "welcome change,"', "mixed", "Anna Berg"),
        ("the new quotas would be a “two-boat rule.”", "mixed", "Ola Lund")]


def test_a_dash_after_a_quoted_phrase_ends_the_content_unless_it_opens_an_aside():
    doc = run('Anna Berg likened the new quotas to "closing the harbour" - a charge the council rejects.\n'
              'Ola Lund says he is so tired of the debate -- "a waste of a good summer" -- that he will leave.')
    assert [(doc.text[q.start : q.end], q.kind) for q in doc.quotes] == [
        ('the new quotas to "closing the harbour"', "mixed"),
        ('he is so tired of the debate -- "a waste of a good summer" -- that he will leave', "mixed")]


def test_a_sentence_that_goes_on_after_the_quote_ends_with_a_reporting_clause_and_an_apposition():
    doc = run('"The numbers can still work" if the council votes yes, said Anna Berg, chair of the harbour '
              'board at Tromsby. "The boats are ready," said Berg.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("The numbers can still work\" if the council votes yes", "mixed", "Anna Berg"),
        ("The boats are ready,", "direct", "Anna Berg")]
    assert doc.quotes[1].continues is None  # two quotations, each with its own reporting clause


def test_a_pronoun_inside_a_that_clause_is_not_the_subject_of_the_participle_cue():
    doc = run('Anna Berg bristled at the suggestion that she was to blame for the late ferry, saying, '
              '"The timetable is not mine to set."')
    (q,) = doc.quotes
    assert (q.speaker, q.speaker_mention.text) == ("Anna Berg", "Anna Berg")


def test_an_ing_word_inside_the_speakers_title_is_not_the_reporting_verb():
    doc = run('"The ferry will run all winter," former harbour planning director Anna Berg wrote in a memo.')
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Anna Berg", "wrote")


def test_from_x_colon_names_where_the_quoted_words_come_from():
    doc = run('The harbour survey is out. From the report: "Most boats now land their catch before noon."\n'
              'What it means for the town - More from Anna Berg: "The quotas can stay as they are."')
    assert [q.speaker_mention.text for q in doc.quotes] == ["the report", "Anna Berg"]


def test_a_short_line_or_a_list_of_names_under_a_name_label_is_a_heading_not_a_transcript_turn():
    doc = run("Here is what each candidate needs on Tuesday.\n"
              "Berg: Win in a walk.\n"
              "Tromsby: Anna Berg, Ola Lund, Per Dahl, Kari Nord, Jon Moe.\n"
              "BERG: Win in a walk.\n"
              "Berg: Well, the harbour is open again.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("BERG", "Win in a walk."), ("Berg", "Well, the harbour is open again.")]


def test_the_words_leading_into_a_quote_stop_at_a_parenthesis_colon_or_dash():
    doc = run('The new quotas drew letters from the fishermen ("We want our boats back," wrote Ola Lund).\n'
              'The council had one answer for them: "the quotas will stay," Anna Berg said.')
    assert [(doc.text[q.start : q.end], q.kind) for q in doc.quotes] == [
        ("We want our boats back,", "direct"), ("the quotas will stay,", "direct")]


def test_a_comma_inside_a_quotation_the_content_opened_does_not_end_the_content():
    doc = run('Anna Berg said she wants a harbour plan that calls for "a new pier, an end to the quotas, '
              'and a ferry that runs all winter."')
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind) == (
        'she wants a harbour plan that calls for "a new pier, an end to the quotas, and a ferry that runs all '
        'winter."', "mixed")


def test_a_short_parenthesis_and_a_second_that_clause_stay_in_the_content():
    doc = run("Anna Berg said that the harbour office (HO) would open the pier in May, but that the ferry would "
              "wait until June.")
    (q,) = doc.quotes
    assert doc.text[q.start : q.end] == (
        "that the harbour office (HO) would open the pier in May, but that the ferry would wait until June")


def test_an_introductory_adverbial_before_the_subject_is_not_what_was_reported():
    doc = run("Shortly after the storm, the harbour office announced a new timetable.\n"
              "In a speech last July, Anna Berg said the pier would reopen.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == ["a new timetable", "the pier would reopen"]


def test_a_quote_only_paragraph_goes_on_with_a_mixed_quote_that_ends_the_paragraph_before():
    doc = run('Anna Berg said the new pier was "the safest in the north."\n'
              '"We checked every plank twice."')
    first, second = doc.quotes
    assert (first.kind, second.kind, second.speaker, second.continues) == ("mixed", "direct", "Anna Berg", first.id)


def test_a_lower_case_second_part_rests_on_the_first_parts_cue():
    doc = run('"Many people are worried this winter," Anna Berg wrote in a letter to the council explaining why '
              'she is speaking at the meeting, "but most of them know the pier is safe."')
    first, second = doc.quotes
    assert (second.cue.text, second.speaker_mention.text, second.continues) == ("wrote", "Anna Berg", first.id)


def test_a_noun_like_verb_form_before_a_title_is_part_of_the_speakers_noun_phrase():
    doc = run('"We are tying their hands," state Sen. Ola Lund said.\n'
              '"The pier is safe," the harbour engineers state in their report.')
    assert [(q.cue.text, q.speaker_mention.text) for q in doc.quotes] == [
        ("said", "Ola Lund"), ("state", "the harbour engineers")]


def test_according_to_before_a_clause_that_ends_in_a_quote_is_one_mixed_quote():
    doc = run('According to Anna Berg, the pier was once a ferry landing but is now "the safest harbour in the '
              'north."\n'
              'According to Ola Lund, "the ferry will run all winter."')
    first, second = doc.quotes
    assert (doc.text[first.start : first.end], first.kind, first.speaker) == (
        'the pier was once a ferry landing but is now "the safest harbour in the north."', "mixed", "Anna Berg")
    assert (doc.text[second.start : second.end], second.kind) == ("the ferry will run all winter.", "direct")


def test_a_reporting_noun_before_a_quote_does_not_stop_the_words_leading_into_it():
    doc = run("The council's remarks about the new harbour were \"a plan for the next fifty years,\" Anna Berg "
              "said.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind) == (
        "The council's remarks about the new harbour were \"a plan for the next fifty years,\"", "mixed")


def test_what_was_told_starts_at_that_after_a_phrase_following_the_addressee():
    doc = run("Anna Berg told a crowd of fishermen in the old harbour hall on Tuesday that the pier would reopen "
              "in May.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker) == ("that the pier would reopen in May", "Anna Berg")


def test_a_quoted_headline_followed_by_a_byline_is_not_speech():
    doc = run('FAREWELL - "The harbour museum will close at the end of December," by the Gazette\'s Ann Lee.\n'
              '"The harbour museum will close at the end of December," Ola Lund said.')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("The harbour museum will close at the end of December,", "Ola Lund")]


def test_a_sentence_may_open_with_the_verb_of_saying_before_its_speaker():
    doc = run('Said Anna Berg, who grew up by the old harbour, "We were all so proud of the pier."\n'
              'Said the mayor: "We will rebuild it."')
    assert [(q.cue.text, q.speaker_mention.text) for q in doc.quotes] == [("Said", "Anna Berg"), ("Said", "the mayor")]


def test_the_main_clause_after_a_relative_clause_with_its_own_cue_is_attributed_too():
    doc = run("Sen. Anna Berg, who has endorsed Mayor Ola Lund, said the pier would reopen in May.")
    assert [(doc.text[q.start : q.end], q.cue.text, q.speaker, q.speaker_mention.text) for q in doc.quotes] == [
        ("Mayor Ola Lund", "endorsed", "Anna Berg", "who"),
        ("the pier would reopen in May", "said", "Anna Berg", "Anna Berg")]


def test_a_day_between_the_subject_and_its_verb_is_not_the_speaker():
    doc = run("Ola Lund later Thursday told reporters that the pier would reopen.\n"
              "A harbour survey released Friday found that most boats were safe.\n"
              "Anna Berg, who chairs the council, on Sunday defended the plan to close the pier.")
    assert [q.speaker_mention.text for q in doc.quotes] == ["Ola Lund", "A harbour survey", "Anna Berg"]


def test_a_participle_after_a_cue_goes_on_into_a_quote_that_opens_inside_its_clause():
    doc = run('"The pier is safe," Anna Berg said, adding that "the ferry will run all winter."\n'
              '"The pier is safe," Ola Lund said, noting he had walked it every morning.')
    assert [(doc.text[q.start : q.end], q.kind, q.cue.text) for q in doc.quotes] == [
        ("The pier is safe,", "direct", "said"),
        ('that "the ferry will run all winter', "mixed", "adding"),
        ("The pier is safe,", "direct", "said"),
        ("he had walked it every morning", "indirect", "noting")]


def test_a_sentence_ending_in_records_show_is_attributed_to_the_records():
    doc = run("Most of the money came from harbour companies that no longer exist, council records show.\n"
              "Anna Berg said the pier was safe, the harbour survey showed.")
    first, second = doc.quotes  # (the second sentence reports Anna Berg's words, not the survey's)
    assert (doc.text[first.start : first.end], first.cue.text, first.speaker_mention.text) == (
        "Most of the money came from harbour companies that no longer exist", "show", "council records")
    assert (second.cue.text, second.speaker_mention.text) == ("said", "Anna Berg")


def test_an_inverted_cue_may_end_with_a_place_after_the_speakers_name():
    doc = run("Even the ferry has more riders this winter, says harbour historian Anna Berg in Tromso.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker) == ("Even the ferry has more riders this winter", "Anna Berg")


def test_a_reported_clause_ends_at_a_closing_mark_followed_by_the_subjects_next_clause():
    doc = run('The mayor held her fire on the council, calling Anna Berg a "good neighbour" and she did not '
              'name anyone else.\n'
              'Ola Lund called the plan "a terrible deal" and ranked the pier among the worst projects in the '
              'north.')
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        'Anna Berg a "good neighbour"', 'the plan "a terrible deal"']


def test_a_short_quote_after_will_say_belongs_to_the_outer_reported_clause():
    doc = run('Anna Berg said she expected that the fishermen will say "no" to the new quotas.')
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind, q.cue.text, q.speaker) == (
        'she expected that the fishermen will say "no" to the new quotas', "mixed", "said", "Anna Berg")


def test_a_second_speaker_joined_by_and_without_a_comma_has_an_attribution_of_its_own():
    doc = run("Anna Berg said the pier is safe and Ola Lund said the ferry will run all winter.\n"
              "The harbour survey found that twice as many Democrats and Republicans said the quotas were too "
              "low.")  # (one subject: "Democrats and Republicans")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the pier is safe", "Anna Berg"), ("the ferry will run all winter", "Ola Lund"),
        ("that twice as many Democrats and Republicans said the quotas were too low", "The harbour survey")]


def test_a_clause_joined_to_a_quotes_reporting_clause_may_hold_its_own_attribution():
    doc = run('"The pier is safe," Anna Berg said, but Ola Lund added that the ferry would wait until June.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("The pier is safe,", "direct", "Anna Berg"),
        ("that the ferry would wait until June", "indirect", "Ola Lund")]


def test_a_relative_clause_of_saying_on_a_quotes_speaker_is_the_speakers_attribution():
    doc = run('"The pier is safe," said Anna Berg, 54, from Tromso, who said the ferry would wait until June.\n'
              '"The pier is safe," said Ola Lund, who endorsed the harbour plan last year.')
    assert [(doc.text[q.start : q.end], q.speaker, q.speaker_mention.text) for q in doc.quotes] == [
        ("The pier is safe,", "Anna Berg", "Anna Berg"), ("the ferry would wait until June", "Anna Berg", "who"),
        ("The pier is safe,", "Ola Lund", "Ola Lund")]


def test_a_participle_after_a_cue_may_take_a_noun_phrase_object():
    doc = run('"We will win here," Anna Berg said, repeating a promise she has made at every harbour meeting.\n'
              '"The council lost its way," Ola Lund said, recalling his own years there: "We never met."')
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("We will win here,", "said"), ("a promise she has made at every harbour meeting", "repeating"),
        ("The council lost its way,", "said"), ("We never met.", "recalling")]


def test_an_aside_of_the_writers_between_subject_and_verb_is_skipped():
    doc = run("Ola Lund, the chairman of the harbour board in Dover, for example, said the ferry would stop.\n"
              "Harbour pilots in North Tromso, for instance, noted that the quay was too short.\n"
              "The council's treasurer, Anna Berg, of course, said that the timing was unrelated.")
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes] == [
        ("Ola Lund", "Ola Lund"), ("Harbour pilots", "Harbour pilots"), ("Anna Berg", "Anna Berg")]


def test_the_state_after_a_town_is_not_the_speaker():
    doc = run("Ola Lund, 22, of Flint, Mich., said the ferry would stop.\n"
              "Anna Berg, who lost her boat in a storm near Aurora, Colorado, said that the quay was too short.")
    assert [q.speaker for q in doc.quotes] == ["Ola Lund", "Anna Berg"]


def test_a_name_opening_the_sentence_before_its_apposition_is_the_speaker():
    # (not a capitalised word of the description: "a Lund delegate", "an African-American delegate")
    doc = run("Anna Berg, a Lund delegate from Vermont, criticized the harbour rules.\n"
              "Ola Berg, an African-American delegate from Houston, said the ferry would stop.")
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("Anna Berg", "criticized"), ("Ola Berg", "said")]


def test_an_opening_participle_or_preposition_is_not_a_speaker():
    doc = run("Having announced that he would not close the pier, Judge Ann Lee adjourned the hearing.\n"
              "Recognizing this, the mayor joined the council in writing a new harbour plan.\n"
              "Utilizing strong language highlighting the floods, the council sought to close the quay.\n"
              'Of the mayor, Lund, who has given money to the council, said, "He is a decent man."')
    mentions = [q.speaker_mention.text for q in doc.quotes if q.speaker_mention is not None]
    assert not {"Having", "Recognizing", "Utilizing", "Of the mayor"} & set(mentions)
    assert [(q.speaker, q.kind) for q in doc.quotes if q.kind == "direct"] == [("Lund", "direct")]


def test_the_noun_phrase_before_a_participle_of_speaking_is_the_subject():
    doc = run('Another harbour official speaking to the Tribune said, "The pier is not safe."\n'
              "A council member speaking on condition of anonymity said the pier was not safe.")
    assert [q.speaker_mention.text for q in doc.quotes] == ["Another harbour official", "A council member"]


def test_an_attribution_inside_a_parenthesis_has_its_subject_there():
    doc = run('Most historians agree on the harbour (Ann Lee once said, "It sank twice.")\n'
              "Few boats use the quay (Ola Lund, the harbour master, said that it silts up every winter).")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("It sank twice.", "Ann Lee"), ("that it silts up every winter", "Ola Lund")]


def test_the_words_after_a_quotes_cue_are_not_a_second_content_of_that_cue():
    # ("?" and "!" end a sentence, so the cue stands in a sentence of its own; the quotation goes on after it)
    doc = run('"Why is the pier closed?" Ann Lee asked the council. "The ferry will run all winter."\n'
              '"Who do they think they are?" Ola Lund said of the harbour board on Friday.')
    assert [(doc.text[q.start : q.end], q.kind, q.continues) for q in doc.quotes] == [
        ("Why is the pier closed?", "direct", None), ("The ferry will run all winter.", "direct", "q1"),
        ("Who do they think they are?", "direct", None)]


def test_a_quote_only_paragraph_goes_on_with_a_quote_that_ends_in_a_nested_one():
    # (the nested quote is found after its parent, but the parent is the paragraph's last quote)
    doc = run('"They care about the town, and you can at least say \'they are civil,\'" Ann Lee said.\n'
              '"But I see a lot of them at the harbour meetings."')
    top = [q for q in doc.quotes if q.nested_in is None]
    assert [(q.speaker, q.continues) for q in top] == [("Ann Lee", None), ("Ann Lee", top[0].id)]


def test_an_ing_word_before_a_title_is_part_of_the_title():
    doc = run("Managing editor Ann Lee said the pier was safe.\n"
              '"The ferry will run all winter," Save the Quay organizing director Ola Lund told the radio.')
    assert [q.speaker for q in doc.quotes] == ["Ann Lee", "Ola Lund"]


def test_only_or_even_between_a_subject_and_its_verb():
    doc = run('The vote was so close that a spokesman for the mayor could only quip: "The gulls decided it."\n'
              "Asked about the ferry, the harbour master would only say that the timetable was under review.")
    assert [q.speaker_mention.text if q.speaker_mention else q.cue.text for q in doc.quotes] == [
        "a spokesman for the mayor", "Asked", "the harbour master"]


def test_an_abbreviation_before_a_word_that_opens_a_sentence_ends_the_sentence():
    doc = run("The ferry crashed near Dover, Calif. The Harbour Guild said the two were its members.\n"
              "The council met Sen. Lund and Gov. Berg on Friday.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the two were its members", "The Harbour Guild")]


def test_a_conjunction_that_opens_the_sentence_is_not_part_of_the_subject():
    doc = run("But Ola Lund, acting director of the Quay Trust, which organized the letter, said the council was "
              "wrong.\nAnd Anna Berg, one of only a handful of harbour pilots, said the ferry would run all winter.")
    assert [q.speaker for q in doc.quotes] == ["Ola Lund", "Anna Berg"]


def test_a_reported_clause_ends_at_its_closing_mark_before_the_writers_when():
    doc = run('Ann Lee called the harbour plan "a disgrace" during a council meeting in Dover.\n'
              'Ola Lund said the ferry would be "very busy" in November, when the fleet returns.')
    assert [doc.text[q.start : q.end] for q in doc.quotes if q.nested_in is None] == [
        'the harbour plan "a disgrace"', 'the ferry would be "very busy"']


def test_what_was_mentioned_responded_to_pointed_to_called_on_or_referred_to_is_the_content():
    doc = run("The harbour office did not respond to a request for comment on the ferry.\n"
              "Ann Lee, a Democrat, did not mention the harbour master by name.\n"
              "Ola Lund pointed to the survey of the harbour floor.\n"
              "The harbour guild called on the council to reopen the pier.\n"
              "Anna Berg referred to the old quay as a death trap.\n"
              "The harbour master insisted on a second survey of the pier.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("a request for comment on the ferry", "respond"), ("the harbour master by name", "mention"),
        ("the survey of the harbour floor", "pointed"), ("the council to reopen the pier", "called"),
        ("the old quay as a death trap", "referred"), ("a second survey of the pier", "insisted")]


def test_a_reduced_passive_relative_is_not_its_antecedents_speech():
    doc = run("The harbour jet, often referred to as the Gull, has a new owner.\n"
              "Ann Lee referred to the quay as a death trap.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the quay as a death trap", "Ann Lee")]


def test_another_alone_can_be_a_speaker_but_not_before_a_noun():
    doc = run('Some harbour pilots were angry. Yet another said, "The ferry is safer than ever."\n'
              '"The pier will hold," another told the radio.\n'
              "Another challenge: the harbour office has not set a date for the survey.")
    assert [(q.speaker_mention.text, q.kind) for q in doc.quotes] == [("another", "direct"), ("another", "direct")]


def test_cried_is_a_verb_of_saying():
    doc = run('"Not again!" the crowd cried out.\n'
              'Ann Lee cried, "The ferry is sinking!"\n'
              "The cries of the gulls drowned out the harbour master.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("Not again!", "the crowd"), ("The ferry is sinking!", "Ann Lee")]


def test_a_participle_that_continues_a_cue_after_an_adverb_a_particle_or_with_a_question_word():
    doc = run('"The pier is safe," Ann Lee said, before adding that the ferry would run all winter.\n'
              '"We built it in a hurry," Ola Lund said, explaining why the quay had cracked so soon.\n'
              '"They know the place," the harbour master said, speaking of the divers from the navy, who came back on Friday.\n'
              '"It is a long story," Anna Berg said, without mentioning the survey.')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes if q.kind == "indirect"] == [
        ("that the ferry would run all winter", "Ann Lee"), ("why the quay had cracked so soon", "Ola Lund"),
        ("the divers from the navy", "the harbour master")]


def test_a_fronted_participle_of_saying_belongs_to_the_main_clauses_subject():
    doc = run("After announcing that the pier would close, the harbour master left for Dover.\n"
              'Having called the survey "a whitewash," Ann Lee walked out of the meeting.\n'
              "Speaking at the harbour on Friday, Ola Lund said the pier was safe.\n"
              "Addressing the harbour guild, Anna Berg smiled at the divers.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("that the pier would close", "the harbour master"), ('the survey "a whitewash,"', "Ann Lee"),
        ("the pier was safe", "Ola Lund")]


def test_an_adverb_that_opens_the_sentence_is_not_part_of_the_subject():
    doc = run('The harbour master was calm at first. And then Ola Lund went on the attack, saying, "Who sank it?"\n'
              "Now Ann Lee, who chairs the harbour guild, says the pier is safe.")
    assert [q.speaker for q in doc.quotes] == ["Ola Lund", "Ann Lee"]


def test_who_asks_in_the_passive_is_the_agent():
    doc = run('Ann Lee was asked by host Ola Lund, who chairs the guild, "Will the ferry run in winter?"')
    assert [(q.speaker, q.cue.text) for q in doc.quotes] == [("Ola Lund", "asked")]


def test_a_second_verb_of_saying_after_but_or_and_then_has_its_own_content():
    doc = run("Ann Lee conceded that the pier had cracked but insisted that the ferry was safe.\n"
              "Ola Lund called the survey a whitewash and then claimed that the divers had been paid.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the pier had cracked", "Ann Lee"), ("that the ferry was safe", "Ann Lee"),
        ("the survey a whitewash", "Ola Lund"), ("that the divers had been paid", "Ola Lund")]


def test_what_was_explained_recalled_acknowledged_or_noted_is_the_content():
    doc = run("Ann Lee explained the delay in her report to the council.\n"
              "Ola Lund recalled an incident at the old pier that left two divers hurt.\n"
              "The harbour master acknowledged the cost of the survey.\n"
              "The guild noted the silence of the council on the matter.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the delay in her report to the council", "explained"),
        ("an incident at the old pier that left two divers hurt", "recalled"),
        ("the cost of the survey", "acknowledged"), ("the silence of the council on the matter", "noted")]


def test_what_was_declared_estimated_remembered_or_quoted_is_the_content():
    doc = run("The harbour master declared the pier closed for the winter.\n"
              "The guild estimated the cost of the repairs at two million.\n"
              "Ann Lee remembered the storm of 1953 and the ferry that sank.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the pier closed for the winter", "declared"), ("the cost of the repairs at two million", "estimated"),
        ("the storm of 1953 and the ferry that sank", "remembered")]


def test_a_reported_clause_whose_subject_does_not_open_like_one():
    doc = run("Most pilots believe other harbours would be safer in a storm.\n"
              "The divers learned their survey had been cancelled.\n"
              "Ola Lund believes in the old pier.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("other harbours would be safer in a storm", "Most pilots"), ("their survey had been cancelled", "The divers")]


def test_a_headline_inside_the_text_is_read_like_the_title():
    doc = run("More from the harbour:\nAnn Lee Says The Old Pier Will Reopen In June\n"
              "The Ferry Will Run All Winter")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("The Old Pier Will Reopen In June", "Ann Lee")]


def test_a_share_of_those_asked_is_the_subject_of_say():
    doc = run("About one in five say they would not take the ferry in winter.\n"
              "Among the pilots, just over a quarter, 26 percent, say the pier is unsafe.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("they would not take the ferry in winter", "About one in five"),
        ("the pier is unsafe", "just over a quarter")]


def test_yet_between_the_auxiliary_and_the_verb_and_an_early_although_clause():
    doc = run("The harbour master has not yet said whether the pier will reopen.\n"
              "Ann Lee has not yet responded to Lund's remarks, although she was seen at the pier.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("whether the pier will reopen", "The harbour master"), ("Lund's remarks", "Ann Lee")]


def test_out_or_an_adverb_between_a_verb_and_its_particle():
    doc = run("Ann Lee spoke highly of the divers who rebuilt the pier.\n"
              "The harbour guild spoke out against the plan to close the quay.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the divers who rebuilt the pier", "Ann Lee"), ("the plan to close the quay", "The harbour guild")]


def test_the_subject_of_a_verb_after_continued_to_or_appeared_to():
    doc = run("The harbour master continued to complain that the divers had been paid too much.\n"
              "The guild appeared to suggest that the pier would never reopen.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("that the divers had been paid too much", "The harbour master"),
        ("that the pier would never reopen", "The guild")]


def test_a_question_put_to_someone_is_its_own_attribution_without_the_answerers_name():
    doc = run("Asked on Monday whether the ferry would run in winter, Anna Berg shook her head.\n"
              "Ola Lund was once asked which of the piers he would close first.\n"
              '"Absolutely," Lund said when asked by a reporter if the pier would reopen.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker, q.cue.text) for q in doc.quotes] == [
        ("whether the ferry would run in winter", "indirect", None, "Asked"),
        ("which of the piers he would close first", "indirect", None, "asked"),
        ("Absolutely,", "direct", "Ola Lund", "said"),  # (the text names him in full a line before)
        ("if the pier would reopen", "indirect", "a reporter", "asked")]


def test_a_question_is_not_part_of_the_content_before_it():
    doc = run("Sam Lee, a former harbour master, said when asked how the guild chooses its pilots.\n"
              "Ann Lee agreed that the pier had failed and had a short answer when asked who would pay.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("how the guild chooses its pilots", None),
        ("that the pier had failed and had a short answer", "Ann Lee"), ("who would pay", None)]


def test_a_quoted_question_put_to_someone_unnamed_has_no_speaker():
    doc = run('Ann Lee was asked, "Would you close the pier?" She answered, "Not this year."')
    assert [(doc.text[q.start : q.end], q.speaker_mention.text if q.speaker_mention else None, q.cue.text,
             q.continues) for q in doc.quotes] == [
        ("Would you close the pier?", None, "asked", None), ("Not this year.", "She", "answered", None)]
    # the quote-only paragraph after a question is the answer: not the asker's
    doc = run("Asked by host Ola Lund whether the pier would reopen, Anna Berg smiled.\n\n"
              '"We will see what the council decides in May."')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("whether the pier would reopen", "Ola Lund"), ("We will see what the council decides in May.", "Anna Berg")]


def test_an_aside_after_the_subject_does_not_hide_the_main_clause():
    doc = run("Ann Lee, citing figures from the harbour office, said that the pier had cost too much.\n"
              "Gov. Ola Lund of Dover, a pilot who has refused to sail in winter, said the ferry was unsafe.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("figures from the harbour office", "Ann Lee", "citing"),
        ("that the pier had cost too much", "Ann Lee", "said"),
        ("to sail in winter", "a pilot", "refused"),
        ("the ferry was unsafe", "Ola Lund", "said")]


def test_a_final_reporting_clause_followed_by_the_writers_comma():
    doc = run("The ferry will run all winter, Ann Lee said, adding that the pier would reopen in May.\n"
              "Divers at the old pier would be paid by the hour all winter, Ola Lund said, a plan that could cost "
              "the town dearly.\n"
              "The pier will close in June, a source close to him said.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("The ferry will run all winter", "Ann Lee", "said"),
        ("that the pier would reopen in May", "Ann Lee", "adding"),
        ("Divers at the old pier would be paid by the hour all winter", "Ola Lund", "said"),
        ("The pier will close in June", "a source close", "said")]


def test_an_object_content_ends_before_the_subjects_second_predicate():
    doc = run("Ann Lee praised the divers but has withheld her support for the plan.\n"
              "The guild criticized the new rules and later said the pier should close.\n"
              "Ola Lund accused Jan Berg, who was born and raised in Dover, of lying.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the divers", "praised"), ("the new rules", "criticized"), ("the pier should close", "said"),
        ("Jan Berg, who was born and raised in Dover, of lying", "accused")]


def test_an_object_content_ends_before_the_writers_clause_of_time_or_reason():
    doc = run("Ann Lee criticized the harbour master's record after the guild accused him of neglect.\n"
              "Ola Lund praised the divers before leaving for Dover.\n"
              'Jan Berg described the plan as "a waste of money while the pier rots" at the meeting.')
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the harbour master's record", "criticized"), ("him of neglect", "accused"), ("the divers", "praised"),
        ('the plan as "a waste of money while the pier rots" at the meeting', "described")]


def test_a_relative_clause_inside_the_contents_subject_and_an_even_though_clause():
    doc = run("Ann Lee said a word from the mayor, who is popular with the divers, will help the guild.\n"
              "Ola Lund said he is not ready to sail, even though he is the last pilot left.\n"
              "Jan Berg said the pier was rebuilt, which nobody believed.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "a word from the mayor, who is popular with the divers, will help the guild",
        "he is not ready to sail, even though he is the last pilot left", "the pier was rebuilt"]


def test_a_phrase_or_a_title_between_the_verb_and_that():
    doc = run("Ann Lee, the harbour master, said in a written statement in March that the pier was safe.\n"
              'Ola Lund said on Harbour Radio\'s "Morning Tide With Jan Berg" that the ferry would run all winter.\n'
              "The guild would not answer the questions that have swirled around the pier.\n"
              "Jan Berg said in an oral history of the old harbour guild years that the divers were paid twice.\n"
              "The guild agreed to clean up the old pier and reclaim the land that had been flooded.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the pier was safe", "Ann Lee"), ("that the ferry would run all winter", "Ola Lund"),
        ("that the divers were paid twice", "Jan Berg"),
        ("to clean up the old pier and reclaim the land that had been flooded", "The guild")]


def test_a_long_subject_that_ends_in_a_noun_before_say():
    doc = run("Pilots clamoring to keep Ann Lee away from the harbour office say they will strike in May.\n"
              "Divers who have worked with the guild say their pay has not risen in years.\n"
              "The guild published a harbour plan that the council liked.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("they will strike in May", "Pilots clamoring to keep Ann Lee away from the harbour office"),
        ("their pay has not risen in years", "Divers")]


def test_verbs_that_take_a_quotation_with_nothing_between():
    doc = run('Ann Lee cautioned "let us not get ahead of ourselves," before leaving the pier.\n'
              'The guild admitted "one or two mistakes" in the survey.\n'
              'The crowd on the quay followed him by softly echoing "too many."')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker_mention.text) for q in doc.quotes] == [
        ("let us not get ahead of ourselves,", "direct", "Ann Lee"),
        ('"one or two mistakes" in the survey', "mixed", "The guild"),  # (from the opening mark on)
        ("too many.", "direct", "The crowd")]


def test_who_was_told_is_not_what_was_told():
    doc = run("Ann Lee told the Harbour Herald on Monday.\n"
              "Ola Lund told the guild that the pier was safe.\n"
              "Jan Berg told the story of the old ferry.\n"
              "Ann Lee told the divers when to come back.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the pier was safe", "Ola Lund"), ("the story of the old ferry", "Jan Berg"),
        ("the divers when to come back", "Ann Lee")]


def test_a_quote_after_when_asked_is_what_the_speaker_told():
    doc = run('Ann Lee told the council when asked about the delay: "It will take another month."\n'
              'Ola Lund told the guild when pressed on the cost: "Nobody has paid yet."')
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in direct] == [
        ("It will take another month.", "Ann Lee", "told"), ("Nobody has paid yet.", "Ola Lund", "told")]
    # (the question is nobody's content, and the council, who was told, is no content at all)
    assert [doc.text[q.start : q.end] for q in doc.quotes if q.kind != "direct"] == ["about the delay"]


def test_a_quoted_complement_after_an_apposition_on_the_object():
    doc = run('Ann Lee called Ola Lund, her rival for the harbour office, a "danger to the divers."\n'
              "Ola Lund said the ferry was late again, a sign that nobody checks the timetable.")
    assert [(doc.text[q.start : q.end], q.kind) for q in doc.quotes] == [
        ('Ola Lund, her rival for the harbour office, a "danger to the divers."', "mixed"),
        ("the ferry was late again", "indirect")]  # (the writer's apposition, with no quote, still ends it)


def test_a_short_sentence_in_marks_after_a_quote_goes_on_with_its_speaker():
    doc = run('"I do not know," Ann Lee said. "Not yet." Then she left the room.\n'
              'Ola Lund spoke last. "Not yet." Then he left the room.\n'
              '"We will reopen," Jan Berg said. "In June. Maybe earlier."')
    assert [(doc.text[q.start : q.end], q.speaker, q.continues) for q in doc.quotes] == [
        ("I do not know,", "Ann Lee", None), ("Not yet.", "Ann Lee", "q1"),
        # (no quote before, but a sentence about a named person: hers, since the twelfth round)
        ("Not yet.", "Ola Lund", None),
        ("We will reopen,", "Jan Berg", None), ("In June. Maybe earlier.", "Jan Berg", "q4")]


def test_a_participle_aside_after_the_subject_is_no_inverted_reporting_clause():
    doc = run("The report, released Monday, found that the pier was unsafe.\n"
              "The pier, said Ann Lee, was never safe.")
    assert [(doc.text[q.start : q.end], q.speaker, q.continues) for q in doc.quotes] == [
        ("that the pier was unsafe", "report", None), ("The pier", "Ann Lee", None),
        ("was never safe", "Ann Lee", "q2")]


def test_long_between_the_auxiliary_and_the_verb_is_not_part_of_the_subject():
    doc = run("Ann Lee has long said that the pier is unsafe.\n"
              "Divers have long warned that the ferry is too old.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("that the pier is unsafe", "Ann Lee"), ("that the ferry is too old", "Divers")]


def test_a_family_name_is_the_person_the_text_names_in_full():
    doc = run("Ann Lee met John Lund at the pier on Monday.\n"
              '"We have a deal," Lee said.\n'
              'Lund was less sure. "We have a draft," he said.\n'
              '"A draft is a start," she replied.')
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [
        ("Ann Lee", "Lee"), ("John Lund", "he"), ("Ann Lee", "she")]
    assert [(s.name, [m.text for m in s.mentions]) for s in doc.speakers] == [
        ("Ann Lee", ["Lee", "she"]), ("John Lund", ["he"])]


def test_a_family_name_is_the_full_name_whatever_the_given_names_gender():
    doc = run('Ola Lund met the divers on Monday. "It went well," Lund said.')  # (Ola: a name of both genders)
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [("Ola Lund", "Lund")]


def test_a_family_name_two_given_names_share_stays_as_written():
    doc = run("John Lund and Mary Lund run the ferry.\n"
              '"We will sail on Friday," Lund said.')
    assert [q.speaker for q in doc.quotes] == ["Lund"]


def test_the_writers_apposition_after_a_content_is_not_a_reporting_clause():
    doc = run('The guild said Ann Lee was "out of touch," a charge she denied.\n'
              "The guild said Ola Lund was out of touch, a charge he denied.\n"
              "The pier is safe, a spokesman for the guild said.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ('Ann Lee was "out of touch,"', "The guild"), ("Ola Lund was out of touch", "The guild"),
        ("The pier is safe", "a spokesman for the guild")]


def test_a_short_object_then_and_said_gives_two_contents():
    doc = run("In a statement, Gov. Ann Lee blasted the council and said the harbour fund had run dry.\n"
              "Ola Lund called on the guild to pass the plan and said funding is needed.")
    assert [(doc.text[q.start : q.end], q.cue.text, q.speaker) for q in doc.quotes] == [
        ("the council", "blasted", "Ann Lee"), ("the harbour fund had run dry", "said", "Ann Lee"),
        ("the guild to pass the plan", "called", "Ola Lund"), ("funding is needed", "said", "Ola Lund")]


def test_a_demonstrative_opens_the_subject():
    doc = run("Ann Lee spoke first. That person said the board had hampered her plans.\n"
              "These divers say the pier is safe.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the board had hampered her plans", "That person"), ("the pier is safe", "These divers")]


def test_a_quote_then_and_said_reports_something_more():
    doc = run('Ann Lee declared "What a day!" and said that her campaign would go on "to the next harbour."\n'
              'Ola Lund said "We will win" and added that the pier would be saved.\n'
              'He said "harbour fees" and new taxes would pay for it.')
    assert [(doc.text[q.start : q.end], q.kind, q.cue.text) for q in doc.quotes] == [
        ("What a day!", "direct", "declared"),
        ('that her campaign would go on "to the next harbour."', "mixed", "said"),
        ("We will win", "direct", "said"), ("that the pier would be saved", "indirect", "added"),
        ('"harbour fees" and new taxes would pay for it', "mixed", "said")]  # (one reported clause)
    assert [q.speaker for q in doc.quotes[:4]] == ["Ann Lee", "Ann Lee", "Ola Lund", "Ola Lund"]


def test_a_quotation_inside_an_aside_after_the_subject():
    doc = run('Ann Lee, citing "the unique spirit of the town," said the pier could be saved by June.\n'
              'Ola Lund, who called the plan "a disgrace," said the ferry would sail.\n'
              '"The pier is safe," said Jan Berg, who runs the guild.')
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("the pier could be saved by June", "Ann Lee", "said"),
        ('the plan "a disgrace,"', "Ola Lund", "called"), ("the ferry would sail", "Ola Lund", "said"),
        ("The pier is safe,", "Jan Berg", "said")]


def test_the_main_clause_after_a_longer_aside():
    doc = run("Ann Lee, after alleging - again falsely - that the council wanted to sell the pier, said she would "
              "block any sale.\n"
              "Harbour Rep. Ola Lund, a member of the guild who now wants Berg off the board, said he had heard "
              "that account.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("that the council wanted to sell the pier", "Ann Lee", "alleging"),
        ("she would block any sale", "Ann Lee", "said"),
        ("Berg off the board", "a member of the guild", "wants"), ("he had heard that account", "Ola Lund", "said")]


def test_a_quote_in_a_phrase_before_the_subject_is_not_the_reporting_clauses_content():
    doc = run('To a question on the "sale of the ferry," Ann Lee said private boats would cost more.\n'
              'With two ferries gone, "there is no way to cross in winter," Ola Lund said.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("private boats would cost more", "indirect", "Ann Lee"),
        ('With two ferries gone, "there is no way to cross in winter,"', "mixed", "Ola Lund")]


def test_a_source_familiar_with_something_and_a_request_not_to_be_named():
    doc = run('"There is no deal," a person familiar with the talks said, asking not to be named.\n'
              "People familiar with the plan said it would fail.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("There is no deal,", "a person familiar with the talks"),
        ("it would fail", "People familiar with the plan")]


def test_a_title_of_a_place_or_a_field_is_no_name():
    doc = run("The Minister of Energy informed that the new plant will open in 2027.\n"
              "Minister of Foreign Affairs Ann Lee said the talks would go on.")
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [
        ("Minister of Energy", "The Minister of Energy"), ("Ann Lee", "Ann Lee")]
    assert [(s.name, s.titles) for s in doc.speakers] == [
        ("Minister of Energy", ()), ("Ann Lee", ("Minister of Foreign Affairs",))]


def test_according_to_a_name_and_its_description_in_either_order():
    doc = run("According to the official representative of the ministry, Ola Lund, the talks will go on.\n"
              "According to Ann Lee, the mayor of Dover, the pier will reopen in June.\n"
              "According to a summary of the inquiry, Jan Berg, a guild member, sent the email.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the talks will go on", "Ola Lund"), ("the pier will reopen in June", "Ann Lee"),
        ("Jan Berg, a guild member, sent the email", "a summary of the inquiry")]
    assert [(s.name, s.titles) for s in doc.speakers][:2] == [
        ("Ola Lund", ("official representative of the ministry",)), ("Ann Lee", ("mayor of Dover",))]


def test_the_second_part_of_a_quotation_after_a_long_reporting_clause():
    doc = run('"We are going to win," Ann Lee told a crowd of 2,000 in Dover on Saturday night, "and we are '
              'going to win big."')
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text, q.continues) for q in doc.quotes] == [
        ("We are going to win,", "Ann Lee", "told", None),
        ("and we are going to win big.", "Ann Lee", "told", "q1")]


def test_an_inverted_speaker_after_a_possessive_or_named_in_apposition():
    doc = run('"No comment," said Ann Lee\'s spokesman.\n'
              '"Not today," said Jan Berg\'s spokesman, Ola Lund.\n'
              '"Never," said the guild spokesman, Ola Lund, who then left.')
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes] == [
        ("Ann Lee's spokesman", "Ann Lee's spokesman"), ("Ola Lund", "Ola Lund"), ("Ola Lund", "Ola Lund")]


def test_a_quote_that_ends_a_reported_clause_before_a_new_sentence_is_one_mixed_quote():
    doc = run('Ann Lee told reporters she thought the council had "made up the whole story." Ola Lund and two '
              'other members resigned.\n'
              'Jan Berg says the guild will be seeking public funds and will "fight hard for the pier." The '
              'plan was first reported by the Herald.\n'
              'Ola Lund said on Monday that the town "will never give up on the pier." The council met on Friday.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ('she thought the council had "made up the whole story."', "mixed", "Ann Lee"),
        ('the guild will be seeking public funds and will "fight hard for the pier."', "mixed", "Jan Berg"),
        ('that the town "will never give up on the pier."', "mixed", "Ola Lund")]


def test_a_participle_of_saying_after_the_closing_mark_opens_a_second_content():
    doc = run('Ann Lee said she was "very proud of what the town has done," adding that the pier would reopen.\n'
              'When Lee said that the guild would sue the council, Jan Berg shot back: "If they sue, they will lose," '
              'adding that the guild had no case.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ('she was "very proud of what the town has done,"', "mixed", "Ann Lee"),
        ("that the pier would reopen", "indirect", "Ann Lee"),
        ("that the guild would sue the council", "indirect", "Ann Lee"),
        ("If they sue, they will lose,", "direct", "Jan Berg"),
        ("that the guild had no case", "indirect", "Jan Berg")]


def test_a_clause_of_another_speaker_after_a_quoted_phrase_ends_the_content():
    doc = run('Ann Lee has said the plan is "dead on arrival," while Jan Berg has called it "a good start."\n'
              'Ola Lund said the pier is "safe enough" while Jan Berg said it should close.\n'
              'Ann Lee said the ferry is safe while Ola Lund said it should stop.')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ('the plan is "dead on arrival,"', "Ann Lee"), ('it "a good start."', "Jan Berg"),
        ('the pier is "safe enough"', "Ola Lund"), ("it should close", "Jan Berg"),
        ("the ferry is safe", "Ann Lee"), ("it should stop", "Ola Lund")]


def test_a_possessive_name_is_the_person():
    doc = run("Ann Lee met the council on Monday.\n"
              'Lee\'s response: "We will see."\n'
              '"He\'s not here," Jan Berg\'s spokesman said.')
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes] == [
        ("Lee's", "Ann Lee"), ("Jan Berg's spokesman", "Jan Berg's spokesman")]
    assert "Lee's" not in [s.name for s in doc.speakers]


def test_two_people_as_one_subject_speak_together():
    doc = run('"We have no money left," Ann Lee and Ola Lund wrote in a letter to the council.\n'
              "Harbour masters Jan Berg and Ola Lund said the pier must close.")
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes] == [
        ("Ann Lee and Ola Lund", "Ann Lee and Ola Lund"),
        ("Harbour masters Jan Berg and Ola Lund", "Jan Berg and Ola Lund")]


def test_a_capitalised_tweeted_after_the_speaker_is_the_cue():
    doc = run('"We have no money left," Ann Lee, the harbour master, Tweeted on Monday.')
    assert [(q.speaker, q.cue.text) for q in doc.quotes] == [("Ann Lee", "Tweeted")]


def test_a_quote_ending_with_an_inner_quotation_and_a_comma_takes_the_cue_after_it():
    doc = run("Ann Lee scolded him: \u201cThe divers are against the three plans you called \u2018miracles,\u2019\u201d "
              "she said. \u201cI do not understand why you need to go there.\u201d")
    assert [(doc.text[q.start : q.end], q.kind, q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("The divers are against the three plans you called \u2018miracles,\u2019", "direct", "she", "said"),
        ("I do not understand why you need to go there.", "direct", "she", "said")]


def test_the_writers_with_clause_has_a_speaker_of_its_own():
    doc = run("Ann Lee described the closure as a sign of the council's disarray, with Jan Berg noting the cost of "
              "the new ferry.\n"
              'Lee and her backers tied Berg to the council, with one of her ads asking, "Is Jan Berg independent '
              'enough?"')
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the closure as a sign of the council's disarray", "Ann Lee"),
        ("the cost of the new ferry", "Jan Berg"),
        ("Is Jan Berg independent enough?", "one of her ads")]


def test_an_unnamed_source_whom_she_means_and_the_writers_note_on_it():
    doc = run('A council spokeswoman, who declined to be named, said the guild had walked out. "The door is '
              'still open," she said.\n'
              'Councillor Ola Lund blamed the guild. "Everyone behaved like children," Lund said.')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the guild had walked out", "A council spokeswoman"),
        ("The door is still open,", "A council spokeswoman"),
        ("the guild", "Ola Lund"), ("Everyone behaved like children,", "Ola Lund")]
    assert ("Ola Lund", ("Councillor",)) in [(s.name, s.titles) for s in doc.speakers]


def test_he_is_the_person_the_sentence_before_the_quote_is_about():
    doc = run('"She gave up too early," says Jan Berg, who leads the harbour guild.\n'
              "The council's engineer, Ola Lund, disputes that. \"That survey looked at the deck, not the piles,\" "
              "he says.")
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes] == [("Jan Berg", "Jan Berg"), ("he", "Ola Lund")]
    assert ("Ola Lund", ("council's engineer",)) in [(s.name, s.titles) for s in doc.speakers]


def test_saying_only_that_reports_from_that():
    doc = run("Ann Lee declined to comment, saying only that the council would respond in court.\n"
              '"No," Ola Lund said, adding only that the guild would appeal.')
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "to comment", "that the council would respond in court", "No,", "that the guild would appeal"]


def test_a_quote_after_a_sentence_about_someone_with_no_other_speaker_is_theirs():
    doc = run('Asked if she would resign, Ann Lee laughed. "Not a chance."\n'
              'The divers met Jan Berg at the pier on Monday. Berg looked at the piles. "It will not last the '
              'winter."')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes if q.kind == "direct"] == [
        ("Not a chance.", "Ann Lee"), ("It will not last the winter.", "Jan Berg")]


def test_a_verb_of_saying_with_its_particle():
    doc = run('"That is not true," Jan Berg shot back. "Not at all."\n'
              '"You know, it happens," Ann Lee went on, as if she had not heard him.\n'
              'Ola Lund fired back, "That is what they always say."\n'
              '"It went on for hours," Ola Lund said.')
    assert [(q.speaker, q.cue.text) for q in doc.quotes] == [
        ("Jan Berg", "shot back"), ("Jan Berg", "shot back"), ("Ann Lee", "went on"), ("Ola Lund", "fired back"),
        ("Ola Lund", "said")]


def test_an_irregular_past_form_ends_the_speakers_noun_phrase():
    doc = run('The guild sent a text message to its members saying: "The vote is tomorrow."\n'
              'The harbour master began by warning that the piles were "rotten through."')
    assert [q.speaker_mention.text for q in doc.quotes] == ["The guild", "The harbour master"]


def test_a_straight_mark_before_an_ellipsis_opens_a_quote():
    doc = run('"The pier is safe," said Ann Lee, the harbour master. ". . . We checked every beam. We will '
              'check again."')
    assert [(doc.text[q.start : q.end], q.speaker, q.nested_in) for q in doc.quotes] == [
        ("The pier is safe,", "Ann Lee", None),
        (". . . We checked every beam. We will check again.", "Ann Lee", None)]


def test_feet_and_inches_are_no_quote_marks():
    doc = run("\u201cHe is taller than me; he is like 6\u20192\u201d,\u201d Ann Lee said on Sunday.")
    assert [(doc.text[q.start : q.end], q.speaker, q.nested_in) for q in doc.quotes] == [
        ("He is taller than me; he is like 6\u20192\u201d,", "Ann Lee", None)]


def test_a_content_before_a_described_name_and_its_verb_ends_before_the_description():
    doc = run("The guild set up the fund to help in hard times, a spokeswoman, Ann Lee, said on Saturday, and it "
              "has used it five times since.\n"
              "The pier will reopen in June, the council's chief engineer, Jan Berg, said.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("The guild set up the fund to help in hard times", "Ann Lee"), ("The pier will reopen in June", "Jan Berg")]
    assert {s.name: s.titles for s in doc.speakers}["Ann Lee"] == ("spokeswoman",)


def test_what_follows_a_when_after_the_reporting_verb_is_the_writers():
    doc = run("The guild won the vote, the Harbour Gazette reported on Thursday, two days after the count.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("The guild won the vote", "Harbour Gazette")]


def test_a_family_name_that_is_also_an_organisation_word():
    doc = run('"We will rebuild the pier," said Anna White, the guild\'s treasurer.\n'
              '"Not this year," Jack Post, the guild\'s president, said.')
    assert [q.speaker for q in doc.quotes] == ["Anna White", "Jack Post"]
    assert {s.name: s.titles for s in doc.speakers} == {"Anna White": ("guild's treasurer",),
                                                       "Jack Post": ("guild's president",)}


def test_a_word_after_a_possessive_is_a_noun_not_a_verb():
    doc = run("Ann Lee, the guild's director, praised the mayor's remarks on Thursday.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the mayor's remarks on Thursday", "Ann Lee")]


def test_an_editors_note_is_a_section_label_not_a_speaker():
    doc = run("Editor's Note: An earlier article reported that the pier had ''failed every test.'' On Wednesday, "
              "however, Jan Berg said the tests were never finished.")
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("that the pier had ''failed every test.''", "mixed", "An earlier article"),
        ("the tests were never finished", "indirect", "Jan Berg")]


def test_according_to_after_a_colon_or_a_parenthesis_opens_the_content():
    doc = run("It has not gone unnoticed: According to recent counts, the guild has lost half its members.\n"
              "(According to the harbour police, they keep no figures on the pier.)\n"
              "The tax has not hurt the town: it was the busiest port in 2015, according to one index.\n"
              "The book, ''Harbour Lights: A Memoir,'' has sold 20,000 copies, according to its publisher.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes if q.kind == "indirect"] == [
        ("the guild has lost half its members", "recent counts"),
        ("they keep no figures on the pier", "the harbour police"),
        ("it was the busiest port in 2015", "one index")]
    last = doc.quotes[-1]
    assert doc.text[last.start : last.end].startswith("The book, ''Harbour Lights: A Memoir,''")


def test_a_polls_next_figure_after_while_ends_the_content():
    doc = run("About half of the members say they want a new pier, while about 4 in 10 want the old one mended.\n"
              "The guild's survey found that 60 percent back the plan, while 30 percent oppose it.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "they want a new pier", "that 60 percent back the plan, while 30 percent oppose it"]


def test_doubled_apostrophes_are_one_mark_for_the_rules_around_it():
    doc = run("Ann Lee called the plan ''a disgrace,'' a charge the council denied.\n"
              "Jan Berg said the repairs were ''overblown,'' adding that the pier had ''years of life left.''")
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("the plan ''a disgrace,''", "mixed", "Ann Lee"),
        ("the repairs were ''overblown,''", "mixed", "Jan Berg"),
        ("that the pier had ''years of life left.''", "mixed", "Jan Berg")]


def test_a_comma_inside_the_quoted_words_is_not_the_content_s_end():
    doc = run('Jan Berg said the pier was "in good shape, whatever the divers say."\n'
              'The timetable was a "welcome change," said Anna Berg.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ('the pier was "in good shape, whatever the divers say."', "mixed", "Jan Berg"),
        ('The timetable was a "welcome change,"', "mixed", "Anna Berg")]


def test_notes_and_questions_after_a_subject_are_verbs():
    doc = run("He notes that the board met on Friday.\n"
              "Ann Lee questions whether the pier can be saved.\n"
              "Southern states that vote in March have few piers.\n"
              "The notes that the divers left were lost.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("that the board met on Friday", "He", "notes"),
        ("whether the pier can be saved", "Ann Lee", "questions")]


def test_as_the_source_reported_before_or_after_the_content():
    doc = run("As the Gazette reported on Saturday, the guild has already lost half its members.\n"
              "The pier is safe, as Ann Lee noted on Monday.\n"
              "Jan Berg met the mayor that day, as the Gazette reported, and he will join the talks.\n"
              "The diver bows his head, as Ann Lee speaks.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the guild has already lost half its members", "the Gazette"),
        ("The pier is safe", "Ann Lee"),
        ("Jan Berg met the mayor that day", "the Gazette")]


def test_a_source_with_a_relative_clause_after_the_quote_and_who_is_told():
    doc = run('"The divers are under a lot of pressure," a harbour official, who was not authorized to speak on '
              'the record, told the Gazette.\n'
              'The pier "is in better shape than anyone thought," Ann Lee, a guild member, told the Gazette.\n'
              'The pier is safe, his top aide, Jan Berg, told the Gazette.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker_mention.text) for q in doc.quotes] == [
        ("The divers are under a lot of pressure,", "direct", "a harbour official"),
        ('The pier "is in better shape than anyone thought,"', "mixed", "Ann Lee"),
        ("The pier is safe", "indirect", "Jan Berg")]


def test_a_second_quote_after_and_is_part_of_the_same_quotation():
    doc = run('The crowd on the pier chanted "Save our pier," and "Not one more plank."\n'
              'Ann Lee told the divers, "I am a diver like you, folks," and, "Is there anyone here who does not '
              'love this pier?"')
    assert [(doc.text[q.start : q.end], q.speaker, q.continues is not None) for q in doc.quotes] == [
        ("Save our pier,", "The crowd", False), ("Not one more plank.", "The crowd", True),
        ("I am a diver like you, folks,", "Ann Lee", False),
        ("Is there anyone here who does not love this pier?", "Ann Lee", True)]


def test_and_said_before_a_name_and_but_said_in_a_statement_that():
    doc = run("Jan Berg said the divers were not paid by the guild and said Ola Lund was not involved.\n"
              "Ann Lee declined to discuss the report but said in a statement that the pier is safe.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("the divers were not paid by the guild", "Jan Berg", "said"),
        ("Ola Lund was not involved", "Jan Berg", "said"),
        ("to discuss the report", "Ann Lee", "declined"),
        ("that the pier is safe", "Ann Lee", "said")]


def test_invisible_format_characters_beside_a_mark_count_as_space():
    doc = run("\u202a\u201dThe pier has to be saved. It is old,\u201d said Jan Berg.\n"
              "\u201cThe ferry is older,\u200b\u201d said Ann Lee.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("The pier has to be saved. It is old,", "Jan Berg"), ("The ferry is older,", "Ann Lee")]


def test_a_newsletter_item_quote_after_a_heading_in_capitals_with_its_source_in_brackets():
    doc = run("PIER DIVERS, THROUGH THE LENS \u201cIt is about giving the town a way to tell its own story.\u201d "
              "[Harbour Gazette.]\n"
              "The NATO SUMMIT \u201cwill be a success,\u201d Ann Lee said.")
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ("It is about giving the town a way to tell its own story.", "direct", "Harbour Gazette"),
        ("The NATO SUMMIT \u201cwill be a success,\u201d", "mixed", "Ann Lee")]


def test_a_finding_in_a_poll_that_opens_the_sentence():
    doc = run("In a Gazette poll released Monday, 50 percent of members chose Ann Lee.\n"
              "In the latest guild survey, conducted in May, Jan Berg led by eight points.\n"
              "Ann Lee has a clear lead in the polls.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("50 percent of members chose Ann Lee", "a Gazette poll", "In"),
        ("Jan Berg led by eight points", "the latest guild survey", "In")]


def test_and_a_name_with_its_relative_clause_of_saying_starts_the_next_attribution():
    doc = run('Contrast that with Berg, who has called the plan "insanity," and Lee, who says it is "disastrous."')
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ('the plan "insanity,"', "Berg"), ('it is "disastrous."', "Lee")]


def test_the_subjects_next_act_after_a_quoted_phrase_is_not_content():
    doc = run('Jan Berg called his rival "Councillor Lee" instead and made no mention of the pier.\n'
              'Ann Lee called the plan "a disgrace" and insists Berg knew it.')
    # (what she insists is a content of its own, not the end of the first one)
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        'his rival "Councillor Lee"', 'the plan "a disgrace"', "Berg knew it"]


def test_a_clause_that_begins_before_a_later_that_is_the_content():
    doc = run("Ola Lund said officials are in possession of a video that shows the pier collapsing.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("officials are in possession of a video that shows the pier collapsing", "Ola Lund")]


def test_a_short_phrase_after_the_verb_then_the_clause_of_what_was_said():
    doc = run("Jan Berg said after the meeting he would not accept the offer.\n"
              "The guild said in a statement Thursday night they pulled the listing from the site.\n"
              "Ann Lee asked about whether he would stay.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes][:2] == [
        ("he would not accept the offer", "Jan Berg"), ("they pulled the listing from the site", "The guild")]
    assert not any(doc.text[q.start : q.end].startswith("he would stay") for q in doc.quotes)


def test_a_heading_run_into_its_paragraph_after_a_name_is_no_transcript_turn():
    doc = run("Jan Berg: Ferry tickets Some big ideas do come to pass. The ferry did, after all.\n"
              "LUND: Well, the harbour is open and the boats are back.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("Well, the harbour is open and the boats are back.", "LUND")]


def test_and_inside_the_quoted_words_is_no_coordination_of_the_reporting_verb():
    doc = run('Ann Lee said she expects the guild "to go on calling out the council and defending the pier as '
              'we see fit."\n'
              'Jan Berg asked the council for an "expedited review“ of the pier and said the ferry should stop.')
    assert [(doc.text[q.start : q.end], q.kind) for q in doc.quotes] == [
        ('she expects the guild "to go on calling out the council and defending the pier as we see fit."',
         "mixed"),
        ('the council for an "expedited review“ of the pier', "mixed"),
        ("the ferry should stop", "indirect")]


def test_a_when_between_a_relative_pronoun_and_its_verb_of_saying():
    doc = run("The talks began with Ann Lee, who in 2010 said the guild's first goal was to save the pier.")
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.speaker, q.speaker_mention.text) == (
        "the guild's first goal was to save the pier", "Ann Lee", "who")


def test_a_relative_clause_of_saying_ends_before_the_main_clause_s_verb():
    doc = run("Ann Lee, who said the pier is safe, has left the guild.\n"
              "Jan Berg, who did not respond to a request for comment, has denied that he wrote the report.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the pier is safe", "Ann Lee"), ("a request for comment", "Jan Berg"),
        ("that he wrote the report", "Jan Berg")]


def test_a_quantifier_alone_is_the_speaker():
    doc = run('The hall was full. Many shouted "Save the pier!"\n'
              'The hall was full. "We want more," some said. "The pier is unsafe," said one.\n'
              "Many in the crowd said the pier was the guild's.\n"
              "At one point she said the ferry was late.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("Save the pier!", "Many"), ("We want more,", "some"), ("The pier is unsafe,", "one"),
        ("the pier was the guild's", "Many in the crowd"), ("the ferry was late", "she")]


def test_a_quoted_phrase_then_the_next_speakers_clause():
    doc = run('Asked about the pier, 21 percent said "not too likely" and 14 percent said "not at all likely."\n'
              'Ann Lee said "a good start" while Jan Berg said "a waste of money."')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes if q.cue.text == "said"] == [
        ("not too likely", "direct", "21 percent"), ("not at all likely.", "direct", "14 percent"),
        ("a good start", "direct", "Ann Lee"), ("a waste of money.", "direct", "Jan Berg")]


def test_the_writer_s_next_clause_and_a_share_s_own_clause_end_a_content():
    doc = run("Jan Berg said the real danger on the pier is Ann Lee, and he railed against the council.\n"
              "More than six in 10 say the guild is doing well, after half said so in May.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes][:2] == [
        ("the real danger on the pier is Ann Lee", "Jan Berg"),
        ("the guild is doing well", "More than six in 10")]


def test_a_quote_right_after_a_subject_pronoun_goes_on_with_its_clause():
    doc = run('They "actually had chemistry," said Jan Berg, who knew them both.\n'
              'The pier was "a disgrace to the town," Ann Lee said.')
    assert [(doc.text[q.start : q.end], q.kind, q.speaker) for q in doc.quotes] == [
        ('They "actually had chemistry,"', "mixed", "Jan Berg"),
        ('The pier was "a disgrace to the town,"', "mixed", "Ann Lee")]


def test_a_reporting_clause_inside_the_content_splits_it_into_two_parts():
    doc = run("The harbour's long decline, Ann Lee said on Monday, was the work of the council and of no one else.")
    assert [(doc.text[q.start : q.end], q.speaker, q.continues) for q in doc.quotes] == [
        ("The harbour's long decline", "Ann Lee", None),
        ("was the work of the council and of no one else", "Ann Lee", "q1")]


def test_with_inside_the_subject_and_a_second_share_with_its_own_say():
    doc = run("People with knowledge of the guild said that, during the years when Berg led it, Lee was also "
              "helping steer the council.\n"
              "One in three said the guild does not care about the pier and one in four said the guild was hostile.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("that, during the years when Berg led it, Lee was also helping steer the council", "People"),
        ("the guild does not care about the pier", "One in three"),
        ("the guild was hostile", "one in four")]


def test_a_verb_of_saying_in_its_base_form_after_and_goes_on_with_the_reported_clause():
    doc = run("Ann Lee says she would sit Jan Berg down and tell him the pier is closed.\n"
              "Ola Lund said the pier is unsafe and added that the council knew it.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("she would sit Jan Berg down and tell him the pier is closed", "says"),
        ("the pier is unsafe", "said"), ("that the council knew it", "added")]


def test_a_reporting_clause_with_its_addressee_between_commas():
    doc = run("As Ann Lee told the Gazette last week, the pier is unsafe.\n"
              "The ferry, Jan Berg told reporters, will stop in May.")
    assert [(doc.text[q.start : q.end], q.speaker, q.continues) for q in doc.quotes] == [
        ("the pier is unsafe", "Ann Lee", None), ("The ferry", "Jan Berg", None),
        ("will stop in May", "Jan Berg", "q2")]


def test_and_with_a_verb_of_saying_inside_the_quoted_words_is_no_next_attribution():
    doc = run('Ann Lee said the guild should not heed "those with anger in their hearts, and who claim the '
              'pier for themselves alone."')
    (q,) = doc.quotes
    assert (doc.text[q.start : q.end], q.kind) == (
        'the guild should not heed "those with anger in their hearts, and who claim the pier for themselves '
        'alone."', "mixed")


def test_a_reporting_clause_after_quoted_words_that_end_with_a_comma_ends_the_content():
    doc = run("Her friends mocked the ferry plan, calling it “a folly,” Ann Lee said as she left the hall.\n"
              'The guild said that while "the pier can be mended," the attacks "may close it for good."')
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the ferry plan", "mocked"), ("it “a folly,”", "calling"),
        ('that while "the pier can be mended," the attacks "may close it for good."', "said")]


def test_a_comparison_of_the_writers_after_a_comma_ends_the_content():
    doc = run("Ann Lee said the guild will not back the plan, as has Jan Berg, the mayor of the town.\n"
              "Ola Lund said she does not speak publicly, as was the case with the ferry.\n"
              "Ann Lee said the pier will stay open, as it is the only one in the town.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "the guild will not back the plan", "she does not speak publicly",
        "the pier will stay open, as it is the only one in the town"]


def test_a_when_and_a_where_between_the_verb_and_that():
    doc = run("Ann Lee said Thursday during a visit to the harbour in Dover, New Hampshire, that the state is wrong "
              "to ban fishing from the pier.")
    (q,) = doc.quotes
    assert doc.text[q.start : q.end] == "that the state is wrong to ban fishing from the pier"


def test_according_to_after_a_relative_clause_backs_the_relative_clause():
    doc = run("His campaign manager, Jan Berg, says the guild can still close the gap in delegates, which stood at "
              "263 entering the vote, according to the Gazette.\n"
              "The guild started a polling firm, which collected $36,000 in fees from the council, according to "
              "the Gazette.\n"
              "The pier, which the council closed, will reopen in June, according to the Gazette.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("which stood at 263 entering the vote", "Gazette"),
        ("which collected $36,000 in fees from the council", "Gazette"),
        ("The pier, which the council closed, will reopen in June", "Gazette")]


def test_a_paragraph_that_ends_with_a_colon_introduces_the_next_quote_even_after_a_quote_of_its_own():
    doc = run("Ann Lee said the council had lost its way over the winter. Jan Berg took the floor after her. He "
              "said:\n"
              '"In all the years I served, going into the council was like going into a monastery."')
    quote = doc.quotes[-1]
    assert (doc.text[quote.start : quote.end], quote.speaker, quote.cue.text) == (
        "In all the years I served, going into the council was like going into a monastery.", "Jan Berg", "said")


def test_a_right_curled_mark_before_an_ellipsis_opens_a_quote():
    doc = run("Ann Lee was critical of every candidate.\n"
              "” … they are so unlike my father,” she said in December. “He would be appalled.”\n"
              "”…the ferry has already left,” wrote the Gazette.")
    assert [(doc.text[q.start : q.end], q.speaker, q.continues) for q in doc.quotes] == [
        ("… they are so unlike my father,", "Ann Lee", None), ("He would be appalled.", "Ann Lee", "q1"),
        ("…the ferry has already left,", "Gazette", None)]


def test_a_reporting_verb_that_ends_a_compound_noun_is_no_cue():
    doc = run("Sen. Ann Lee, R-Ill., who faces a tough race in her home state, withdrew her support for Jan Berg, "
              "saying he lacks the temperament to be mayor.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("he lacks the temperament to be mayor", "Ann Lee", "saying")]


def test_a_capitalised_ing_word_is_a_participle_only_where_the_sentence_opens():
    doc = run("Speaking in his real voice again, he went on to read a passage, saying: “The tide turns for all.”\n"
              "Walking to the next house, Ebeling talked about her days on the pier, and said the storm had changed "
              "the town.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("The tide turns for all.", "he", "saying"), ("the storm had changed the town", "Ebeling", "said")]


def test_when_asked_after_the_verb_of_saying_leaves_the_speaker_to_that_verb():
    doc = run("Any decision would involve Ann Lee, who told reporters when asked last month about the inquiry: "
              "“The pier will reopen in June.”")
    quote = doc.quotes[-1]
    assert (doc.text[quote.start : quote.end], quote.speaker, quote.speaker_mention.text, quote.cue.text) == (
        "The pier will reopen in June.", "Ann Lee", "who", "told")


def test_a_headline_names_its_speaker_before_a_present_tense_verb_or_on():
    speakers = []
    for title in ("Anna Berg Addresses Harbour Fire: ‘This Cannot Happen Again.’",
                  "Harbour Club President On Ferry: ‘We Do Not Pay Captains To Stay Ashore.’",
                  "Anna Berg Praises Gazette’s Harbour Editor Jan Lund: ‘A Very Good Reporter.’"):
        doc = run(title + "\nThe council met on Monday.", title=True)
        (q,) = doc.quotes
        speakers.append((doc.text[q.start : q.end], q.speaker))
    assert speakers == [("This Cannot Happen Again.", "Anna Berg"),
                        ("We Do Not Pay Captains To Stay Ashore.", "Harbour Club President"),
                        ("A Very Good Reporter.", "Anna Berg")]


def test_a_common_noun_before_that_and_a_verb_of_saying_speaks_through_the_relative_pronoun():
    doc = run('The listing was replaced on Thursday by a message that said, "Sorry, the item is no longer here."\n'
              "The guild printed water bottles that said, “The harbour welcomes you.”\n"
              "He argued that said rules were unfair.")
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [
        ("a message", "a message that"), ("water bottles", "water bottles that"), (None, "He")]


def test_a_dateline_in_title_case_with_a_wire_service_is_not_a_subject():
    doc = run("Washington (AFP) – Democrat Ann Lee has taken a swipe at her rival’s stance on the pier, saying "
              "that “bombastic comments” do more harm than good.")
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Ann Lee", "saying")


def test_a_party_tag_in_parentheses_does_not_end_the_sentence():
    doc = run("Rep. Ann Lee (D-Wis.) — who chairs the harbour panel — said the pier would reopen in June.\n"
              "The pier closed for the winter (see the notice below.) The mayor said it would reopen.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the pier would reopen in June", "Ann Lee"), ("it would reopen", "The mayor")]


def test_the_state_after_a_town_in_a_relative_clause_is_no_name_after_its_title():
    doc = run("Ann Lee, who is a pastor at the Harbour Church of Elizabeth, Colorado, slammed the council for "
              "“promoting a folly.”")
    (q,) = doc.quotes
    assert (q.speaker, q.cue.text) == ("Ann Lee", "slammed")


def test_a_name_between_a_spaced_dash_and_a_colon_labels_the_quote_after_a_verb():
    doc = run("Pollsters agree - Ann Lee: “One of the biggest lessons was a simple one: call voters late.”")
    quote = doc.quotes[-1]
    assert (quote.speaker, quote.kind) == ("Ann Lee", "direct")


def test_a_verb_of_warning_after_a_quote_with_a_name_that_ends_the_sentence_is_inverted():
    doc = run("Ann Lee spoke on Monday. “That means a loose cannon is within reach,” warned Jan Berg.\n"
              "“The pier will close,” warned Ola Lund, the mayor.")
    assert [(q.speaker, q.speaker_mention.start, q.cue.text) for q in doc.quotes] == [
        ("Jan Berg", doc.text.index("Jan Berg"), "warned"), ("Ola Lund", doc.text.index("Ola Lund"), "warned")]


def test_the_content_before_a_quote_ends_before_the_subject_of_the_quotes_reporting_verb():
    doc = run("When Moss suggested that the guild would sue the council, Lund said: “If they sue, they lose.”\n"
              "Ann Lee accused Jan Berg of being too reliant on the council, she said: “They will lose.”")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the guild would sue the council", "Moss"), ("If they sue, they lose.", "Lund"),
        ("Jan Berg of being too reliant on the council", "Ann Lee"), ("They will lose.", "Ann Lee")]


def test_an_adverb_between_a_phrasal_verb_of_saying_and_the_colon():
    doc = run("When Moss suggested that the guild would sue, Lund fired back forcefully: “If they sue, they lose.”\n"
              "Ann Lee shot back angrily, “That is not true.”")
    assert [(q.speaker, q.cue.text) for q in doc.quotes if q.kind == "direct"] == [
        ("Lund", "fired back"), ("Ann Lee", "shot back")]


def test_a_quote_only_paragraph_rests_on_the_nearest_mention_of_the_speaker_before_it():
    doc = run("“The pier is safe,” Ann Lee said on Monday.\n"
              "What that means is left to the voters, since Lee spoke only in bromides during the interview.\n"
              "“We have to do something about the pier.”")
    quote = doc.quotes[-1]
    assert (quote.speaker, quote.speaker_mention.start) == ("Ann Lee", doc.text.index("Lee spoke"))


def test_a_day_that_opens_the_sentence_before_a_place_is_no_subject():
    doc = run("Saturday at the state party convention Sen. Ann Lee (D-MA) said the harbour plan was “a folly.”")
    (q,) = doc.quotes
    assert (q.speaker, doc.text[q.start : q.end]) == ("Ann Lee", "the harbour plan was “a folly.”")


def test_and_inside_an_organisation_name_after_for_or_of_is_part_of_the_noun_phrase():
    doc = run("“The country has no test,” Ann Lee of the Harbour Institute for Science and Security wrote in "
              "September.\n"
              "“The pier is safe,” Ann Lee and Jan Berg wrote in June.")
    assert [q.speaker for q in doc.quotes] == ["Ann Lee", "Ann Lee and Jan Berg"]


def test_a_coordinated_verb_of_saying_reads_its_content_as_the_first_verb_would():
    doc = run("The council denies any wrongdoing and points out that the mayor signed the same agreement.\n"
              "Ann Lee thanked the divers for their work and said the new pier would reopen in June.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("any wrongdoing", "council", "denies"),
        ("that the mayor signed the same agreement", "council", "points"),
        ("the divers for their work", "Ann Lee", "thanked"),
        ("the new pier would reopen in June", "Ann Lee", "said")]


def test_a_one_word_object_before_a_coordinated_verb_of_saying_is_a_content_of_its_own():
    doc = run("The mayor blasted Congress and said the state spent more than it had.\n"
              "Ann Lee praised Berg, saying he had saved the pier from the storm.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("Congress", "The mayor", "blasted"), ("the state spent more than it had", "The mayor", "said"),
        ("Berg", "Ann Lee", "praised"), ("he had saved the pier from the storm", "Ann Lee", "saying")]


def test_an_auxiliary_or_adverb_between_and_and_the_next_verb_of_saying():
    doc = run("Ann Lee said that the pier would reopen in June but did not suggest that the ferry would run.\n"
              "Jan Berg describes himself as a friend of the harbour and has said that he gave money to the guild.\n"
              "Ola Lund praised the divers - and repeatedly reminded the crowd that the pier was safe.\n"
              "Moss praised the divers and was told that the pier was safe.\n"
              "Ann Lee said the mayor has the report and will address the flaws in a speech.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the pier would reopen in June", "Ann Lee"), ("that the ferry would run", "Ann Lee"),
        ("himself as a friend of the harbour", "Jan Berg"), ("that he gave money to the guild", "Jan Berg"),
        ("the divers", "Ola Lund"), ("the crowd that the pier was safe", "Ola Lund"),
        ("the divers", "Moss"),  # (who "was told" is not who spoke)
        ("the mayor has the report and will address the flaws in a speech", "Ann Lee")]


def test_a_chain_of_coordinated_verbs_and_an_and_with_no_verb_of_the_speakers():
    doc = run("The mayor referred to the divers as heroes and recently pointed to the old pier and called it a "
              "triumph of planning.\n"
              "Ola Lund said the calls were unanswered and dismissed by the council.\n"
              "Ann Lee said the guild would be making an issue of his debts and alleged debts.")
    assert [(doc.text[q.start : q.end], q.cue.text) for q in doc.quotes] == [
        ("the divers as heroes", "referred"), ("the old pier", "pointed"), ("it a triumph of planning", "called"),
        ("the calls were unanswered and dismissed by the council", "said"),
        ("the guild would be making an issue of his debts and alleged debts", "said")]


def test_a_participle_far_after_a_quotes_cue_reports_more_of_the_speakers_words():
    doc = run("“It is a classic move,” said Ann Lee, a former speechwriter to the Secretary of State for the "
              "Harbour, referring to the mayor's chief strategist.\n"
              "“We wanted to ensure that no mayor could waive the rules,” Lee said in a telephone interview "
              "Wednesday, pointing out that 98 councillors voted last year to review the deal.\n"
              "“I am glad,” Jan Berg said during a panel on his harbour show after the councillor easily won his "
              "seat, remarking that while there are “still some angry voters,” the pier is safe.")
    assert [(doc.text[q.start : q.end], q.speaker, q.kind) for q in doc.quotes if q.kind != "direct"] == [
        ("the mayor's chief strategist", "Ann Lee", "indirect"),
        ("that 98 councillors voted last year to review the deal", "Ann Lee", "indirect"),
        ("that while there are “still some angry voters,” the pier is safe", "Jan Berg", "mixed")]


def test_a_relative_clause_on_the_speaker_reports_a_clause_after_any_verb_of_saying():
    doc = run("“It was not a convincing argument,” said Ola Lund, a councillor, who stressed that the mayor "
              "seemed rattled.\n"
              "“It was a fine day,” said Ann Lee, a diver, who praised the crews for their work.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes if q.kind == "indirect"] == [
        ("that the mayor seemed rattled", "Ola Lund")]


def test_a_relative_clause_on_a_quotes_speaker_with_a_quotation_inside_is_a_mixed_quote():
    doc = run("“It is not normal for a harbour,” said Ola Lund, who said there were “too many things to dismiss.”\n"
              "Ann Lee said harbour officials often fail to understand that the pier is old.")
    assert [(doc.text[q.start : q.end], q.speaker, q.kind) for q in doc.quotes] == [
        ("It is not normal for a harbour,", "Ola Lund", "direct"),
        ("there were “too many things to dismiss.”", "Ola Lund", "mixed"),
        ("harbour officials often fail to understand that the pier is old", "Ann Lee", "indirect")]


def test_the_quotation_after_what_someone_called_is_their_words():
    doc = run("In 2009, under what Mr. Hedge called ''the prior economy model,'' clubs cut their fees.\n"
              "The pier was a clip that Judge Ann Lee, the harbour's magistrate, called \"distasteful.\"\n"
              "Jan Berg says voters are hungry for what he calls “real solutions.”")
    assert [(doc.text[q.start : q.end], q.speaker, q.kind) for q in doc.quotes] == [
        ("the prior economy model,", "Hedge", "direct"), ("distasteful.", "Ann Lee", "direct"),
        ("voters are hungry for what he calls “real solutions.”", "Jan Berg", "mixed")]
    doc = run("And, in a clip that Judge Ann Lee called \"distasteful,\" Jan Berg expressed a desire to \"try the "
              "mayor in the harbour.\"")
    assert [(q.speaker, q.kind) for q in doc.quotes] == [("Ann Lee", "direct"), ("Jan Berg", "mixed")]


def test_a_one_word_answer_is_what_a_verb_of_saying_reports():
    doc = run("Asked whether the pier was safe, 46 percent of voters said yes, compared with 30 percent in May.\n"
              "Ann Lee thinks so, too.\n"
              "Jan Berg said so he could leave early.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes if q.speaker_mention][:2] == [
        ("yes", "46 percent of voters"), ("so", "Ann Lee")]  # (the question put to the voters is nobody's)
    assert all(doc.text[q.start : q.end] != "so" for q in doc.quotes if q.speaker == "Jan Berg")


def test_a_phrase_of_time_between_the_auxiliary_and_the_verb_is_no_subject():
    doc = run("Jan Berg, who has in the past described the pier as \"a hazard,\" spoke on Friday.\n"
              "Ann Lee has in recent weeks called the mayor's plan \"a disgrace.\"")
    assert [(q.speaker, q.speaker_mention.text) for q in doc.quotes] == [("Jan Berg", "who"), ("Ann Lee", "Ann Lee")]


def test_a_relative_pronoun_before_an_aside_in_commas_is_the_subject():
    doc = run("The mayor's words were milder than those of the guild's leaders, who, on a press call Friday, "
              "criticized Berg for \"stealing their data.\"")
    (q,) = doc.quotes
    assert (q.speaker_mention.text, q.cue.text) == ("who", "criticized")


def test_the_quotation_after_what_someone_described_as_is_their_words():
    doc = run("The blast was an explosion that Mayor Ann Lee described as \"an intentional act.\"\n"
              "He contrasted the councillor, whom Jan Berg described as \"volatile,\" with the mayor.")
    assert [(doc.text[q.start : q.end], q.speaker, q.cue.text) for q in doc.quotes] == [
        ("an intentional act.", "Ann Lee", "described"), ("volatile,", "Jan Berg", "described")]


def test_more_verbs_of_saying_take_a_quotation_with_nothing_between():
    doc = run("Ann Lee acknowledged \"it will be very hard for us to win\" if the guild keeps losing ground.\n"
              "Jan Berg warned \"the pier will not last another winter\" at the meeting.")
    assert [(q.speaker, q.cue.text, q.kind) for q in doc.quotes] == [
        ("Ann Lee", "acknowledged", "mixed"), ("Jan Berg", "warned", "mixed")]


def test_a_comma_after_a_noun_of_what_is_said_introduces_the_quote():
    doc = run("Immediately after the storm, Ann Lee issued a statement, \"Last night, our town was hit hard. "
              "It was the worst storm in years.\"\n"
              "Jan Berg bought a boat, \"The pier is safe.\"")
    assert [(q.speaker, q.kind) for q in doc.quotes] == [("Ann Lee", "direct")]  # (a boat says nothing)


def test_a_quoted_clause_after_said_and_a_short_phrase():
    doc = run("Ann Lee said in a radio forum Monday night \"it will be very hard for us to win\" if the guild "
              "keeps losing ground.\n"
              "Jan Berg warned of the \"creative\" use of forged letters.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes][:1] == [
        ("\"it will be very hard for us to win\" if the guild keeps losing ground", "Ann Lee")]
    assert not any(doc.text[q.start] == '"' and q.speaker == "Jan Berg" for q in doc.quotes)


def test_a_source_familiar_with_something_is_one_noun_phrase():
    doc = run("The council is expected to vote next week, according to two officials familiar with the plan.\n"
              "“The vote is close,” said another source familiar with Lee's thinking.")
    assert [q.speaker_mention.text for q in doc.quotes] == [
        "two officials familiar with the plan", "another source familiar"]  # (no name taken from the object)


def test_a_signature_dash_with_the_signers_title_after_the_name():
    doc = run("“The pier is safe.” — Ann Lee, harbour master")
    assert quoted(doc) == [("The pier is safe.", "Ann Lee", "direct")]
    assert [(s.name, tuple(s.titles)) for s in doc.speakers] == [("Ann Lee", ("harbour master",))]


def test_a_call_for_or_on_someone_in_the_progressive_or_after_an_apposition():
    doc = run("Ann Lee is calling for the council to close the pier.\n"
              "Jan Berg, the harbour master, called on the guild to repair the boats.\n"
              "A song the fans are calling an \"instant classic\" played all night.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the council to close the pier", "Ann Lee"), ("the guild to repair the boats", "Jan Berg")]


def test_a_base_form_after_and_goes_on_the_infinitive_in_an_object():
    doc = run("Ann Lee asked the guild to raise its flags and say the names louder.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the guild to raise its flags and say the names louder", "Ann Lee")]


def test_a_speaker_of_its_own_after_a_dash_is_the_next_attribution():
    doc = run("Ann Lee urged the council to act against the guild for its part in the vote -- meddling the "
              "harbour master said is meant to sow discord in the town.\n"
              "Jan Berg said the pier will close unless the guild pays - something its members argue is "
              "possible after the vote.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("the council to act against the guild for its part in the vote", "Ann Lee"),
        ("meddling the harbour master said is meant to sow discord in the town", "the harbour master"),
        ("the pier will close unless the guild pays", "Jan Berg"),
        ("something its members argue is possible after the vote", "its members")]


def test_what_someone_said_was_is_the_relative_clause():
    doc = run("The visits amount to what the councillors said was a waste of the town's money.")
    assert [(doc.text[q.start : q.end], q.speaker_mention.text) for q in doc.quotes] == [
        ("what the councillors said was a waste of the town's money", "the councillors")]


def test_more_verbs_of_saying_take_a_clause_without_that():
    doc = run("Ann Lee concluded the pier is unsafe.\n"
              "Jan Berg complained the vote was rigged.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("the pier is unsafe", "Ann Lee"), ("the vote was rigged", "Jan Berg")]


def test_the_subject_before_an_infinitive_of_saying_is_the_opening_noun_phrase():
    doc = run("Ann Lee went on to say the pier is safe.\n"
              "Federal investigators have no evidence to suggest that the pier was sabotaged.\n"
              "It is too soon to say whether the pier will hold.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Ann Lee", "the pier is safe"), ("Federal investigators", "that the pier was sabotaged")]


def test_a_name_and_its_apposition_after_and_start_the_next_attribution():
    doc = run("The guild contends that the pier is safe, and Ann Lee, the harbour master, said she and her "
              "staff were preparing plans.")
    assert [(doc.text[q.start : q.end], q.speaker) for q in doc.quotes] == [
        ("that the pier is safe", "The guild"), ("she and her staff were preparing plans", "Ann Lee")]


def test_note_as_a_verb_after_a_plural_subject_or_an_adverb():
    doc = run("Harbour advocacy groups note that Ann Lee closed the pier twice.\n"
              "Jan Berg frequently notes that he was the first to propose a new pier.\n"
              "The harbour notes that the guild keeps are lost.")
    assert [(q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Harbour advocacy groups", "that Ann Lee closed the pier twice"),
        ("Jan Berg", "that he was the first to propose a new pier")]


def test_whether_after_a_phrase_and_a_figure_opening_the_reported_clause():
    doc = run("Ann Lee has questioned in recent days whether the guild can pay for the pier.\n"
              "Police said at least 20 people were hurt.")
    assert [(q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Ann Lee", "whether the guild can pay for the pier"), ("Police", "at least 20 people were hurt")]


def test_who_issued_a_statement_speaks_through_its_participle():
    doc = run("The guild released a statement Wednesday saying the pier “is not safe for anyone.”\n"
              "Ann Lee put out a statement describing the vote as a “serious mistake.”")
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [
        ("The guild", "saying"), ("Ann Lee", "describing")]


def test_the_occasion_after_an_object_content_is_the_writers():
    doc = run("Ann Lee praised Jan Berg at a press conference in the harbour on Monday.\n"
              "Ola Lund criticized the plan in an interview published Saturday.\n"
              "Jan Berg described the plan during an interview as a serious mistake.")
    assert [(q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Ann Lee", "Jan Berg"), ("Ola Lund", "the plan"),
        ("Jan Berg", "the plan during an interview as a serious mistake")]


def test_a_signature_line_that_closes_a_pull_quote():
    doc = run("The debate goes on.\n"
              "\"We are going to enter the next winter without a pier, and the guild knows it.\n"
              "Ann Lee, Harbour Policy Institute.\"\n"
              "The council met on Monday.")
    assert quoted(doc) == [
        ("We are going to enter the next winter without a pier, and the guild knows it.", "Ann Lee", "direct")]
    assert [(s.name, tuple(s.titles)) for s in doc.speakers] == [("Ann Lee", ("Harbour Policy Institute",))]


def test_a_title_in_marks_between_a_cue_and_its_continuing_participle():
    doc = run("\"I wish him well,\" Ann Lee told the hosts of \"Harbour Morning,\" adding that her son is friendly "
              "with the guild.")
    assert [(q.speaker, q.cue.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Ann Lee", "told", "I wish him well,"), ("Ann Lee", "adding", "that her son is friendly with the guild")]


def test_a_heading_that_names_whose_words_follow():
    doc = run("Some advice from Ann Lee: \"Never sail alone.\"\n\n"
              "Sailors' reaction: 'Is that all there is?'")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Ann Lee", "Never sail alone."), ("Sailors", "Is that all there is?")]


def test_a_name_given_without_a_relative_pronoun_or_after_a_when():
    doc = run("Ann Lee runs a campaign - one she calls \"Safe Harbour Now.\"\n\n"
              "The guild fired Jan Berg, who Ola Lund on Wednesday called \"a danger to the divers.\"")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("she", "Safe Harbour Now."), ("Ola Lund", "a danger to the divers.")]


def test_a_long_apposition_between_the_speaker_and_the_verb_after_a_quote():
    doc = run("Ann Lee left the harbour on Monday.\n\n"
              "“Very good sailor, very good sailor this guy,” Jan Berg, the harbour master of the northern docks "
              "and the longest-serving member of the guild by a wide margin after winning the spring regatta and "
              "the autumn race twice, said when Lee asked him a question.")
    assert quoted(doc) == [("Very good sailor, very good sailor this guy,", "Jan Berg", "direct")]


def test_and_i_quote_is_the_writers_aside():
    doc = run("No wonder Ann Lee said, and I quote, \"We love the old pier.\"")
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [("Ann Lee", "said")]


def test_who_released_a_video_that_said_speaks_through_it():
    doc = run("In selling the courses, Ann Lee released a marketing video that said, \"We are going to have the "
              "best sailors in the harbour.\"")
    assert [(q.speaker_mention.text, q.cue.text) for q in doc.quotes] == [("Ann Lee", "said")]


def test_an_object_that_opens_with_quoted_words():
    doc = run("The harbour police reported \"2,521 boat thefts\" in the town between January and September.")
    assert [(q.kind, q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("mixed", "harbour police", "\"2,521 boat thefts\" in the town between January and September")]


def test_quoted_words_after_a_particle_are_the_content():
    doc = run("Jan Berg pointed to \"the worst storm in years\" as the reason.")
    assert [(q.kind, q.speaker, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("mixed", "Jan Berg", "\"the worst storm in years\" as the reason")]


def test_what_was_told_in_marks_after_the_addressee():
    doc = run("Ann Lee warned voters \"the pier will fall\" before the vote.\n"
              "Jan Berg told reporters \"I am not going anywhere\" after the vote.")
    assert [doc.text[q.start : q.end] for q in doc.quotes] == [
        "\"the pier will fall\" before the vote", "\"I am not going anywhere\" after the vote"]


def test_those_and_a_phrase_are_a_subject():
    doc = run("Those close to him say that, in addition to Jan Berg, he would consider Ola Lund.\n"
              "Those in the guild say the pier is unsafe.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Those close to him", "that, in addition to Jan Berg, he would consider Ola Lund"),
        ("Those in the guild", "the pier is unsafe")]


def test_according_to_after_but_after_a_participle_and_before_a_subordinate_clause():
    doc = run("But according to reports emerging in the harbour, the pier will close.\n"
              "He crossed the bay years ago after, according to him, the guild censured his first report.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("reports", "the pier will close"), ("him", "the guild censured his first report")]


def test_the_object_of_a_relative_clause_before_the_verb_is_not_its_subject():
    doc = run("Those who back her rivals say the pier is unsafe.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("Those", "the pier is unsafe")]


def test_someone_and_a_phrase_are_one_subject():
    doc = run("When someone in the audience shouted, “Not again,” the mayor laughed.")
    assert [(q.speaker_mention.text, doc.text[q.start : q.end]) for q in doc.quotes] == [
        ("someone in the audience", "Not again,")]


def test_the_first_verb_of_a_series_before_and_said_has_the_subject():
    doc = run("Last month, when I asked Ann Lee if she would ever sell the boat, she looked straight into my "
              "camera, furrowed her brow and said, \"I am keeping it forever!\"")
    assert [(q.speaker_mention.text, q.speaker) for q in doc.quotes if q.kind == "direct"] == [("she", "Ann Lee")]
