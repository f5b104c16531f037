"""Word lists that more than one of the quote stage's pattern modules reads: closed word classes
(prepositions, auxiliaries, determiners of quantity), the words that end a noun phrase or a reported content,
and the quote marks and dashes as tokens. A list that one module alone reads lives in that module.
"""

from __future__ import annotations

from typing import Final

from .lexicon import VerbInfo

# Between a subject and its verb: "has said", "also noted", "later added", "did not say".
AUX_ADVERBS: Final = frozenset(
    ["also", "later", "then", "has", "have", "had", "was", "is", "were", "are", "would", "will", "could", "should", "may", "might", "can", "cannot", "must", "did", "does", "do", "not", "n't", "never", "previously", "reportedly", "repeatedly", "recently", "once", "already", "just", "again", "further", "simply", "quickly", "flatly", "publicly", "privately", "earlier", "first", "finally", "often", "frequently", "still", "even", "explicitly", "openly", "now", "last", "has", "yet"]
)
PREPOSITIONS: Final = frozenset(
    ["in", "at", "on", "during", "from", "with", "throughout", "along", "beyond", "behind", "following", "after", "before", "to", "into", "by", "about", "over", "under", "since", "as", "than", "through", "against", "without", "within", "like", "near", "outside", "inside", "across", "around", "among", "between", "via", "upon", "amid", "despite", "toward", "towards"]
)
STOP_WORDS: Final = PREPOSITIONS | AUX_ADVERBS | frozenset(
    ["and", "or", "but", "because", "while", "when", "if", "although", "though", "so", "that", "which", "who", "whom", "whose", "where", "there", "here", "what", "why", "how", "be", "been", "being", "am", "him", "them", "us", "me", "it's", "its", "itself", "himself", "herself", "themselves", "this", "these", "those", "yet", "nor", "said", "says", "say"]
)
TIME_WORDS: Final = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday", "tonight", "earlier", "later"]
)
LY_WORDS: Final = frozenset(["early", "daily", "weekly", "monthly", "yearly", "quarterly", "family", "elderly", "friendly", "lonely", "ally", "rally", "supply", "holy", "ugly", "silly", "lovely", "deadly", "costly", "timely", "orderly", "bully", "assembly"])
ING_NOUNS: Final = frozenset({"spring", "string", "king", "thing", "evening", "morning", "building", "meeting", "wing",
                       "ruling", "briefing", "hearing", "ring", "being", "offering", "filing", "polling",
                       "anything", "something", "nothing", "everything"})
TERMINATORS: Final = frozenset(".!?;")
#: A reporting-verb form right after one of these is a noun: "the plan", "her report", "a claim".
NOUN_MARKERS: Final = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "whose"])
QUOTE_CHARS: Final = frozenset("\"“”„«»‘’'‚‹›") | {"''"}
DASHES: Final = frozenset("—–―-")


#: After "according to" a noun phrase follows: its words are nouns even when they are reporting verbs too
#: ("according to state law", "according to a report"), so the NP is read with no verb lexicon.
NO_VERBS: Final[dict[str, VerbInfo]] = {}


#: Irregular past forms that are seldom nouns: they end a noun phrase as a past form in -ed does.
IRREGULAR_PAST: Final = frozenset(["sent", "went", "came", "took", "gave", "made", "kept", "held", "led", "met",
                                   "ran", "won", "began", "brought", "bought", "built", "spent", "paid", "sought",
                                   "fought", "caught", "felt", "lost", "stood", "drove", "grew", "threw", "wore",
                                   "chose", "rose", "fell", "broke"])


#: Quantifiers that stand for a noun phrase of people on their own: 'Many shouted "..."', '"...," some said'. In
#: lower case only right after a quote: elsewhere they are too often determiners or adverbs ("at one point",
#: "they have both said", "we can all see").
QUANTIFIER_PRONOUNS = frozenset(["some", "many", "most", "several", "both", "few", "all", "one"])


#: Capitalised at a sentence start, these open an adverbial, not the subject.
SENTENCE_ADVERBS = frozenset(["earlier", "later", "meanwhile", "however", "still", "yet", "then", "now", "instead",
                              "ever", "along", "also", "indeed", "speaking", "asked", "when", "while", "after",
                              "since", "although", "though", "if", "once", "as", "so", "but", "and", "last", "next",
                              "likewise", "similarly", "moreover", "furthermore", "separately", "overall", "again",
                              "today", "yesterday", "tonight", "here", "there", "thus", "hence", "otherwise"])
NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                          "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "several", "few", "many"])


#: After a comma, these open a clause that is the writer's, not the reported content
#: ("that the hands were up, contradicting the police", "to leave it intact, although they ...").
CONTENT_CUTTERS: Final = frozenset(["contradicting", "even", "prompting", "sparking", "drawing", "citing",
                             "according", "compared"])
#: These cut only when a clause follows them (a subject: ", but the council ...", ", while he ...").
CLAUSE_CONJUNCTIONS: Final = frozenset(["but", "though", "although", "while", "whereas"])


#: Marks that close a quotation.
CLOSING_QUOTES: Final = frozenset("\"”’'»") | {"''"}
DAY_PARTS: Final = frozenset(["morning", "afternoon", "evening", "night", "week", "month", "year"])
#: The small numbers written out (a part of NUMBER_WORDS: its "many", "few" and "several" open clauses too).
ONE_TO_TEN: Final = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
#: Reporting verbs whose object is the addressee ("told reporters that ...").
ADDRESSEE_VERBS: Final = frozenset(["tell", "assure", "inform", "remind", "warn", "promise", "advise", "notify", "brief"])
#: After a comma, these open the writer's comment on what was reported.
RELATIVE_CUTTERS: Final = frozenset(["who", "whom", "which", "when", "where", "whose", "a", "an"])


#: Words that open a subordinate clause before the main one: "While critics argue that ..., Obama ...".
SUBORDINATORS = frozenset(["while", "although", "though", "whereas", "after", "before", "when", "as", "because",
                           "since", "if", "unless", "once"])


NOT_A_SUBJECT = AUX_ADVERBS | {"and", "to"}


#: A share of the people asked, as the subject of "say": "About one in five say", "Just over a quarter say".
SHARE_OPENERS = frozenset(["about", "nearly", "just", "roughly", "almost", "only", "over", "under", "more", "fewer",
                           "less", "around"])
#: A relative clause's verb right after the reporting verb: "which officials said will go into effect".
RELATIVE_GAP_VERBS = frozenset(["is", "are", "was", "were", "could", "would", "will", "has", "have", "had", "may",
                                "might", "should", "can", "must"])


#: Before a participle, these make it passive: its subject is not who speaks.
PASSIVE: Final = frozenset(["is", "was", "are", "were", "be", "been", "being"])
