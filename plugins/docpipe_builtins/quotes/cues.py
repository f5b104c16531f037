"""Cue patterns: which reporting verb introduces a quote, and which noun phrase is its subject.

All functions work on short token lists (a bounded window around a quote, or one sentence), so the
cost per quote is constant. Patterns, after a quote: ``"...," X said``, ``"...," said X``,
``"...," according to X``; before a quote: ``X said: "..."``, ``X told reporters "..."``, ``..., asked "..."``
(coordinated verb: the clause subject speaks); in a sentence: ``X said that ...``, ``According to X, ...``,
``..., X said.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from docpipe.model import Mention

from .lexicon import VerbInfo
from .speakers import DETERMINERS, GENERIC_HEADS, ORG_WORDS, PERSON_TITLE_HEADS, SUBJECT_PRONOUNS, TITLE_WORDS, SpeakerNP, analyse_np
from .speakers import _CONTRACTED
from .tokens import ABBREVIATIONS, Token

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
_LY_WORDS: Final = frozenset(["early", "daily", "weekly", "monthly", "yearly", "quarterly", "family", "elderly", "friendly", "lonely", "ally", "rally", "supply", "holy", "ugly", "silly", "lovely", "deadly", "costly", "timely", "orderly", "bully", "assembly"])
_ING_NOUNS: Final = frozenset({"spring", "string", "king", "thing", "evening", "morning", "building", "meeting", "wing",
                        "ruling", "briefing", "hearing", "ring", "being", "offering", "filing", "polling",
                        "anything", "something", "nothing", "everything"})
_PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,6}$")
_ED_NOUNS: Final = frozenset({"red", "bed", "shed", "unnamed", "retired", "elected", "appointed", "armed", "united",
                       "detained", "embattled", "renowned", "acclaimed", "concerned", "interested", "unidentified",
                       "speed", "seed", "need", "creed", "greed"})
TERMINATORS: Final = frozenset(".!?;")
#: Verbs whose infinitive complement is the attributed content ("wants to ...", "vowed to ...").
INFINITIVE_TAKING = frozenset(["want", "plan", "hope", "expect", "promise", "pledge", "vow", "threaten", "refuse", "decline", "agree",
                              "seek"])
#: A reporting-verb form right after one of these is a noun: "the plan", "her report", "a claim".
NOUN_MARKERS: Final = frozenset(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those", "whose"])
#: Verbs that take a quotation directly, without a comma or colon: 'asked "Who are you?"', 'X cautioned "let
#: us not ..."' (the last eight, from "claim", were measured one by one on PolNeAR's train and dev splits).
QUOTE_TAKING = frozenset(["say", "ask", "tell", "write", "add", "tweet", "shout", "chant", "reply", "answer", "yell",
                          "whisper", "exclaim", "declare", "sing", "claim", "caution", "echo", "pledge", "explain",
                          "suggest", "testify", "admit"])
QUOTE_CHARS: Final = frozenset("\"“”„«»‘’'‚‹›") | {"''"}
#: The double marks of English text (straight and curly), which open and close what is quoted.
DOUBLE_QUOTE_MARKS: Final = frozenset("\"“”") | {"''"}
DASHES: Final = frozenset("—–―-")
_INTRO_PUNCT = frozenset(",:—–―-")
CLAUSE_STARTERS = SUBJECT_PRONOUNS | frozenset({"if", "when", "because", "there", "the", "a", "an", "this", "that", "these", "those", "it", "his",
                                                "her", "their", "our", "its", "no", "some", "many", "most", "all"})


#: After "according to" a noun phrase follows: its words are nouns even when they are reporting verbs too
#: ("according to state law", "according to a report"), so the NP is read with no verb lexicon.
_NO_VERBS: Final[dict[str, VerbInfo]] = {}


@dataclass  # (a dataclass: mypyc compiles it to a native class)
class Cue:
    """An attribution found by a pattern: the subject NP and the cue mention."""

    np: SpeakerNP
    cue: Mention
    how: str  # after | before | inverted | according | headline | indirect
    strong: bool = True

    def __init__(self, np: SpeakerNP, cue: Mention, how: str, strong: bool = True) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.np, self.cue, self.how, self.strong = np, cue, how, strong


#: Irregular past forms that are seldom nouns: they end a noun phrase as a past form in -ed does.
_IRREGULAR_PAST: Final = frozenset(["sent", "went", "came", "took", "gave", "made", "kept", "held", "led", "met",
                                    "ran", "won", "began", "brought", "bought", "built", "spent", "paid", "sought",
                                    "fought", "caught", "felt", "lost", "stood", "drove", "grew", "threw", "wore",
                                    "chose", "rose", "fell", "broke"])


def _is_np_word(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
    first = tok.text[0]  # (Token.is_word / .capitalized inlined: this runs for every token an NP walk sees)
    if not first.isalnum():
        return tok.text in ("-", "&", "’", "'", "(", ")")
    low = tok.lower
    if first.isupper():  # (an acronym is a name even when it spells a stop word: "US Senator")
        return low not in STOP_WORDS or low in ("the", "a", "an") or (len(tok.text) > 1 and tok.text.isupper())
    if low in DETERMINERS or low in ("of", "for"):
        return True
    if low in STOP_WORDS or low in lexicon or (low.endswith("ly") and low not in _LY_WORDS):
        return False
    if low.endswith(("n't", "n’t")):
        return False  # didn't, won't: an auxiliary
    # "Politifact seized", "The guild sent a text": a past-tense verb, not part of the name
    return not (low.endswith("ed") and len(low) > 4 and low not in _ED_NOUNS) and low not in _IRREGULAR_PAST


_DOTTED_ABBREVIATION_RE: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")


def _is_abbrev_dot(tokens: list[Token], i: int) -> bool:
    """A '.' token that belongs to an abbreviation or an initial (``Sen.``, ``J.``)."""
    if tokens[i].text != "." or i == 0:
        return False
    prev = tokens[i - 1]
    return prev.end == tokens[i].start and (
        prev.lower in ABBREVIATIONS
        or _DOTTED_ABBREVIATION_RE.match(prev.text) is not None  # "N.C.", "D.C.", "U.S."

        or (len(prev.text) == 1 and prev.text.isupper())
        or ("-" in prev.text and len(prev.text) <= 7 and prev.text[0].isupper())  # (D-Wis.), R-Ky.
    )


def _noun_use(tokens: list[Token], k: int) -> bool:
    """The reporting-verb form at ``tokens[k]`` is a noun: "Trump's comments", "the report", "his statement"."""
    if k == 0:
        return False
    before = tokens[k - 1].lower
    return before in NOUN_MARKERS or before.endswith(("'s", "’s"))


def _modifier_after_determiner(before: Token, tok: Token) -> bool:
    """A verb-looking word right after a determiner is a noun or an adjective of the NP: "the report",
    "the printed card", "one well-connected Democrat", "a statement"."""
    return (before.lower in NOUN_MARKERS or before.lower == "one") and tok.is_word and not tok.capitalized and (
        tok.lower not in STOP_WORDS)


#: Capitalised demonstratives, which open a noun phrase at the start of a clause.
_DEMONSTRATIVES: Final = frozenset(["This", "That", "These", "Those"])


def collect_left(tokens: list[Token], j: int, lo: int, lexicon: dict[str, VerbInfo], limit: int = 14) -> int:
    """Start index of the NP that ends at token ``j`` (inclusive), walking left; returns j+1 if none."""
    i = j
    while i >= lo and j - i < limit:
        tok = tokens[i]
        if tok.lower == "that" and i < j and (tokens[i + 1].lower in DETERMINERS or tokens[i + 1].capitalized):
            break  # "a charge that the council denied": "that" opens a clause here, it is not a determiner
        if (tok.text == "." and _is_abbrev_dot(tokens, i)) or _is_np_word(tok, lexicon) or (
                i > lo and _modifier_after_determiner(tokens[i - 1], tok)):
            i -= 1
            continue
        if tok.lower == "and" and i < j and i - 1 >= lo and tokens[i + 1].lower not in DETERMINERS:
            # "the Florida senator and Republican presidential candidate said": two titles, one person,
            # when a determiner opens the whole NP
            k = i - 1
            while k >= lo and j - k < limit and _is_np_word(tokens[k], lexicon) and tokens[k].lower not in (
                    "the", "a", "an"):
                k -= 1
            if k >= lo and tokens[k].lower in ("the", "a", "an") and k < i - 1:
                i = k - 1
        break
    if i >= lo and i < j and tokens[i].text in _DEMONSTRATIVES and (i == lo or not tokens[i - 1].is_word):
        i -= 1  # "That person said", "These officials say": a demonstrative that opens the clause
    s = i + 1
    # Trim leading lower-case non-determiners ("up Smith" -> "Smith") unless the NP is all lower-case.
    while s <= j and not tokens[s].capitalized and tokens[s].lower not in DETERMINERS and any(
        t.capitalized for t in tokens[s + 1 : j + 1]
    ):
        s += 1
    while s <= j and tokens[s].lower in TIME_WORDS and s < j:
        s += 1
    return s


def collect_right(tokens: list[Token], i: int, hi: int, lexicon: dict[str, VerbInfo], limit: int = 14) -> int:
    """End index (exclusive) of the NP starting at token ``i``."""
    k = i
    seen_cap = False
    while k < hi and k - i < limit:
        tok = tokens[k]
        if tok.text == "." and _is_abbrev_dot(tokens, k):
            k += 1
            continue
        if not _is_np_word(tok, lexicon) and not (k > i and _modifier_after_determiner(tokens[k - 1], tok)) and not (
                tok.text == "Will" and k + 1 < hi and tokens[k + 1].capitalized):  # ("said Will Doyle")
            break
        if tok.is_word and not tok.capitalized and seen_cap and tok.lower not in ("of", "for", "the") and not (
                (tok.lower in TITLE_WORDS or tok.lower.rstrip("s") in GENERIC_HEADS) and k + 1 < hi
                and tokens[k + 1].capitalized):
            break  # "The Taliban came": a lower-case word after a name ends the NP (not "Republican voter Ann")
        if tok.capitalized and not (k == i and tok.lower in DETERMINERS):
            seen_cap = True  # (a sentence-initial determiner is not a name: "The spokesman", "Several voters")
        k += 1
    while k > i and tokens[k - 1].lower in ("of", "for", "the", "and", "-"):
        k -= 1
    return k


#: Quantifiers that stand for a noun phrase of people on their own: 'Many shouted "..."', '"...," some said'. In
#: lower case only right after a quote: elsewhere they are too often determiners or adverbs ("at one point",
#: "they have both said", "we can all see").
_QUANTIFIER_PRONOUNS = frozenset(["some", "many", "most", "several", "both", "few", "all", "one"])


def _count(tok: Token) -> bool:
    """A number, in digits or words: the parts of a share ("Six in 10", "one in four")."""
    return tok.text[:1].isdigit() or tok.lower in _NUMBER_WORDS


#: Words that do not open a noun phrase: an auxiliary participle or a preposition ("Of Carson, Levine said").
_NOT_NP_START = PREPOSITIONS | frozenset(["having", "being", "of", "for", "besides"])


def _plausible_subject(toks: list[Token]) -> bool:
    """Reject noun phrases that are really verb phrases or fragments: "held", "Carly Fiorina for", "any"."""
    words = [t for t in toks if t.text[0].isalnum()]  # (t.is_word, inlined)
    if not words:
        return False
    last = words[-1]
    if last.lower in ("for", "of", "that", "and", "to", "the", "a", "an") or last.lower in DETERMINERS and not (
            last.lower == "another" or len(words) == 1 and last.lower in _QUANTIFIER_PRONOUNS and last.capitalized
            or len(words) >= 2 and words[-2].lower in ("of", "the") and last.lower in _NUMBER_WORDS):
        # (but "Yet another said", "Some chanted", "the mother of three", "the two")
        return False
    # a head noun that is a group of people: an -ing word before it is a modifier ("hacking specialists")
    people_head = not last.capitalized and (last.lower in GENERIC_HEADS or (
        last.lower.endswith("s") and not last.lower.endswith("ss")))
    if words[0].lower in _NOT_NP_START or (words[0].capitalized and not people_head and _participle_opening(
            words, 0, len(words))):
        return False  # "Having", "Of Carson", "for the notion that people", "Holding signs"
    for i, t in enumerate(words):  # ("conservative-leaning" is an adjective; "the gambling tycoon" a modifier)
        if not t.capitalized and (_ing_form(t.lower) and "-" not in t.text) and not (0 < i < len(words) - 1 and words[i - 1].lower in DETERMINERS) and not (
                i == len(words) - 2 and people_head) and not (
                i + 1 < len(words) and words[i + 1].lower in PERSON_TITLE_HEADS):
            return False  # (but "organizing director Ann Lee", "managing editor")
    if len(words) == 1 and not last.capitalized and last.lower not in SUBJECT_PRONOUNS and last.lower not in (
            "him", "her", "them", "us", "me", "who", "another") and last.lower not in GENERIC_HEADS and last.lower not in ORG_WORDS:
        return last.lower.endswith("s") and not last.lower.endswith("ss")  # "officials", "sources", "critics"
    return True


def _np(text: str, toks: list[Token]) -> SpeakerNP | None:
    if not toks or len(toks) > 16 or not _plausible_subject(toks):
        return None
    return analyse_np(text, toks)


def _spaced_dash(tokens: list[Token], k: int) -> bool:
    """A dash set off by a space on the left (`` -- ``, `` - ``, `` — ``), not a hyphen inside a word."""
    return tokens[k].text in DASHES and k > 0 and tokens[k].start > tokens[k - 1].end


def _before_dash_aside(tokens: list[Token], j: int, lo: int) -> int:
    """``j`` itself, or, when ``tokens[j]`` closes an aside between dashes ("The justice -- who has been
    involved in a scuffle over the past few days -- said"), the last token before the aside."""
    if not (tokens[j].text in DASHES and j - 1 >= lo and (tokens[j].start > tokens[j - 1].end or tokens[j - 1].text in DASHES)):
        return j
    k = j - 1 if tokens[j - 1].text not in DASHES else j - 2  # ("--" is two tokens)
    for i in range(k, max(lo - 1, k - 30), -1):
        if _spaced_dash(tokens, i):
            while i - 1 >= lo and tokens[i - 1].text in DASHES:
                i -= 1
            return i - 1
        if tokens[i].text in TERMINATORS or tokens[i].text in QUOTE_CHARS:
            break
    return j


#: Words that open an aside of the writer's between a subject and its verb: "X, for example, said".
_ASIDE_OPENERS = PREPOSITIONS | frozenset(["for", "of"])


def _aside_before(tokens: list[Token], j: int, lo: int) -> int:
    """The index of the comma that opens a short prepositional aside closed by the comma at ``tokens[j]``
    ("Brian Murphy, the party chairman in Dover, for example, said"), or -1. The subject is left of it."""
    for k in range(j - 1, max(lo, j - 6) - 1, -1):
        if tokens[k].text == ",":
            opener = tokens[k + 1] if k + 1 < j else None
            if opener is not None and not opener.capitalized and opener.lower in _ASIDE_OPENERS and k - 1 >= lo:
                return k
            return -1
        if not tokens[k].is_word:
            return -1
    return -1


#: US states, the place after a town in news datelines and descriptions ("of Flint, Mich., said"); their
#: AP abbreviations are in ``tokens.ABBREVIATIONS``.
_US_STATES = frozenset([
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "n.c", "s.c", "n.h",
    "n.j", "n.m", "n.y", "n.d", "s.d", "r.i", "w.va", "d.c"])


def _place_after_town(text: str, tokens: list[Token], s: int, e: int, lo: int) -> bool:
    """``tokens[s:e]`` names the state after a town: "who grew up in Aurora, Colorado, said"."""
    if not (s - 3 >= lo and tokens[s - 1].text == "," and tokens[s - 2].capitalized
            and (tokens[s - 3].lower in PREPOSITIONS or tokens[s - 3].lower == "of")):
        return False
    name = text[tokens[s].start : tokens[e - 1].end].lower().rstrip(".")
    return name in _US_STATES or name in ABBREVIATIONS


#: A conjunction that opens a sentence ("But", "And"): the clause, and its subject, start after it.
_OPENING_CONJUNCTIONS: Final = frozenset(["But", "And", "Yet", "So", "Or", "Nor"])


def _inside_parenthesis(tokens: list[Token], v: int, lo: int) -> int:
    """``lo``, or the start of an open parenthesis that holds the verb at ``tokens[v]``: a clause of its
    own ("Historians agree (Ann Lee once said, ...)": the subject is inside it). Looks back at most 40
    tokens: the verb's window may be a whole long sentence."""
    for k in range(v - 1, max(lo, v - 40) - 1, -1):
        text = tokens[k].text
        if text == ")":
            break
        if text == "(":
            # (not "David Duke (who endorses Trump)": a relative clause's antecedent is outside)
            return k + 1 if k + 1 < v and tokens[k + 1].lower not in ("who", "which") else lo
    return lo


#: Adverbs that open a sentence without a comma before its subject: "Then Trump went ...", "Now Ann Lee says".
_OPENING_ADVERBS = frozenset(["then", "now", "later", "still", "instead", "again", "also", "meanwhile"])


def _verb_clause_start(tokens: list[Token], v: int, lo: int) -> int:
    """Where the clause of the verb at ``tokens[v]`` starts, from ``lo``: inside an open parenthesis that
    holds the verb, and after a conjunction that opens the sentence ("But Ola Lund, ..., said")."""
    lo = _inside_parenthesis(tokens, v, lo)
    lo = lo + 1 if lo < v - 1 and tokens[lo].text in _OPENING_CONJUNCTIONS else lo
    if lo < v - 1 and tokens[lo].lower in _OPENING_ADVERBS and tokens[lo + 1].capitalized:
        lo += 1  # "And then Trump went on the attack, saying", "Now Jeb Bush, who ..., hopes"
    return lo


def _ing_form(low: str) -> bool:
    """An -ing word that is not a noun ("speaking", "holding"; not "meeting", "king", "anything")."""
    return low.endswith("ing") and len(low) > 4 and low not in _ING_NOUNS


def _is_participle(tok: Token) -> bool:
    """A lower-case -ing word that is not a noun ("speaking", not "meeting")."""
    return not tok.capitalized and _ing_form(tok.lower)


def _quote_in_aside(tokens: list[Token], close: int, lo: int) -> bool:
    """The quotation that closes at ``close`` opens after a word of the clause, within 30 tokens ('X, citing
    "...," said'), not at the clause's start ('"...," said X': the quote itself) nor right after a subject
    pronoun ('They "actually had chemistry," said X': the quote goes on with its clause)."""
    for k in range(close - 2, max(lo, close - 30) - 1, -1):
        if tokens[k].text in QUOTE_CHARS:
            return k > lo and tokens[k - 1].is_word and tokens[k - 1].lower not in SUBJECT_PRONOUNS
    return False


def _pair_of_people(text: str, tokens: list[Token], s: int, j: int, lo: int,
                    lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """'Ann Lee and Ola Lund said': two people named as one subject (``tokens[s : j + 1]`` the second, after
    "and"). A quote has one speaker: here the pair, named "Ann Lee and Ola Lund", its mention the whole
    subject (titles included: "nuclear experts Ann Lee and Ola Lund")."""
    s0 = collect_left(tokens, s - 2, lo, lexicon)
    if s0 > s - 2:
        return None
    first, second = _np(text, tokens[s0 : s - 1]), _np(text, tokens[s : j + 1])
    if first is None or second is None or first.kind != "person" or second.kind != "person":
        return None
    return SpeakerNP("generic", Mention(text[tokens[s0].start : tokens[j].end], tokens[s0].start, tokens[j].end),
                     name=f"{first.name} and {second.name}")


def subject_left(text: str, tokens: list[Token], v: int, lo: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The subject NP of the verb at ``tokens[v]``, looking no further left than ``lo``."""
    lo = _verb_clause_start(tokens, v, lo)
    j = v - 1
    while j >= lo and (tokens[j].lower in AUX_ADVERBS or tokens[j].lower.endswith(("n't", "n’t")) or (
            tokens[j].lower in ("only", "even") and j > lo) or (  # "X would only say", "X even said"
            # "X has long said"
            tokens[j].lower == "long" and j > lo and tokens[j - 1].lower in ("has", "have", "had")) or (
            tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4 and not tokens[j].capitalized
            and tokens[j].lower not in _LY_WORDS)):  # "... forcefully told"
        j -= 1
    np_end = j  # (a quantifier's NP keeps its when: "One in four voters in a poll last year said")
    if j - 1 >= lo and tokens[j].lower in _DAY_PARTS and tokens[j - 1].lower in ("this", "last", "next", "that"):
        j -= 2  # "Wells Fargo just this month announced": the when between the subject and its verb
        while j >= lo and tokens[j].lower in AUX_ADVERBS:
            j -= 1
    if j - 2 >= lo and tokens[j - 2].lower in ("who", "which") and tokens[j - 1].lower in ("in", "on") and (
            tokens[j].text.isdigit() or tokens[j].lower in TIME_WORDS):
        j -= 2  # "McConnell, who in 2010 said ...": the when between the relative pronoun and its verb
    j = _before_dash_aside(tokens, j, lo)
    if j - 1 > lo and tokens[j].text in CLOSING_QUOTES and tokens[j - 1].text == "," and _quote_in_aside(
            tokens, j, lo):
        j -= 1  # 'X, citing "the spirit of the town," said': the aside's comma sits inside the marks
    if j < lo:
        return None
    tok = tokens[j]
    low = tok.lower
    if low in SUBJECT_PRONOUNS:
        return _np(text, [tok])
    if j - 1 >= lo and (low == "who" or (low == "which" and (tokens[j - 1].text == "," or (
            tokens[j - 1].is_word and tokens[j - 1].lower not in lexicon)))):
        # "critics, who say ...", "the report, which notes": the relative pronoun is the mention, its
        # antecedent the speaker ("that" is too often a conjunction or a determiner to be read so)
        k = j - 1 if tokens[j - 1].text != "," else j - 2
        s = collect_left(tokens, k, lo, lexicon) if k >= lo else k + 1
        if s > k and k - 1 >= lo and tokens[k].lower in lexicon:
            s = collect_left(tokens, k - 1, lo, lexicon)  # "the harbour report, which notes": a noun head
        antecedent = _np(text, tokens[s : k + 1]) if s <= k else None
        if antecedent is not None:
            antecedent.mention = Mention(tok.text, tok.start, tok.end)
            return antecedent
        return None
    if tok.text == ",":
        aside = _aside_before(tokens, j, lo)
        if aside >= 0:
            # "X, for example, said": read the subject as if the aside were not there. When an apposition
            # comes before it ("Dow's chief, Ann Lee, of course, said"), its comma is read as usual.
            if not any(t.text == "," for t in tokens[max(lo, aside - 20) : aside]):
                return subject_left(text, tokens, aside, lo, lexicon)
            j = aside
        # Apposition: "the official representative ..., Aibek Smadiyarov, said" / "Jan Novak, the engineer, said".
        s1 = collect_left(tokens, j - 1, lo, lexicon)
        if s1 <= j - 1 and s1 - 1 > lo and tokens[s1 - 1].text == "," and (_PARTY_TAG_RE.match(
                text, tokens[s1].start, tokens[j - 1].end) or (s1 == j - 1 and tokens[s1].text.isdigit())):
            j = s1 - 1  # "Mitch McConnell, R-Ky., said", "Suu Kyi, 70, said": skip the party tag or the age
            s1 = collect_left(tokens, j - 1, lo, lexicon)
        if s1 <= j - 1:
            np1 = _np(text, tokens[s1:j])
            if np1 is not None and tokens[s1].lower in ("a", "an") and s1 - 2 > lo and tokens[s1 - 1].text == ",":
                # "X, the foreign minister of France, a permanent member of the Security Council, said": a
                # description of what comes before it; the apposition before it decides
                before = subject_left(text, tokens, s1, lo, lexicon)
                if before is not None and before.kind == "person":
                    return before
            if np1 is not None and s1 - 1 > lo and tokens[s1 - 1].text == ",":
                s2 = collect_left(tokens, s1 - 2, lo, lexicon)
                np2 = _np(text, tokens[s2 : s1 - 1]) if s2 <= s1 - 2 else None
                if np2 is not None:
                    if np1.kind == "person" and tokens[s2].lower in DETERMINERS and s1 - 2 > s2:
                        np1.title = np1.title or text[tokens[s2 + 1].start : tokens[s1 - 2].end]
                        return np1
                    if np2.kind == "person" and (np1.kind == "generic" or tokens[s1].lower in ("the", "a", "an")):
                        first = s1 + 1 if tokens[s1].lower in DETERMINERS else s1
                        np2.title = np2.title or text[tokens[first].start : tokens[j - 1].end]
                        return np2
            if np1 is not None and np1.kind in ("person", "org") and (s1 == lo or tokens[s1 - 1].text == ",") and not (
                    _place_after_town(text, tokens, s1, j, lo)):
                return np1
        return clause_subject(text, tokens, lo, v, lexicon)
    if low == "and" or (low in ("by", "after", "before", "while", "when", "in") and tokens[v].lower.endswith("ing")):
        return clause_subject(text, tokens, lo, v, lexicon)  # "X responded ... by saying ..."
    s = collect_left(tokens, j, lo, lexicon)
    if s > j:
        return None
    if s - 2 >= lo and tokens[s - 1].lower == "and" and tokens[s - 2].capitalized and tokens[s].capitalized:
        pair = _pair_of_people(text, tokens, s, j, lo, lexicon)
        if pair is not None:
            return pair
    # A prepositional phrase just before the verb ("Rakhmetullin at a briefing in the CCS said"): skip it.
    first_s = s
    for _ in range(3):
        if s - 1 >= lo and tokens[s - 1].lower in PREPOSITIONS and s - 2 >= lo and (
                tokens[s - 1].lower not in SUBORDINATORS):  # "A week after Anna Berg announced": her clause
            s2 = collect_left(tokens, s - 2, lo, lexicon)
            if s2 <= s - 2 and tokens[s - 1].lower == "with" and tokens[s - 2].lower == "familiar":
                s = first_s = s2  # "a person familiar with the talks said": the phrase is part of who speaks
                break
            if s2 == s - 2 and (tokens[s2].lower in _QUANTIFIER_PRONOUNS and tokens[s2].capitalized or (
                    tokens[s - 1].lower == "in" and _count(tokens[s2]) and _count(tokens[s]))):
                # "Many in the crowd said", "One in four voters said", "About six in 10 say": one noun phrase
                while s2 - 1 >= lo and (tokens[s2 - 1].lower in _SHARE_OPENERS or tokens[s2 - 1].lower == "than"):
                    s2 -= 1
                return _np(text, tokens[s2 : np_end + 1])
            if s2 <= s - 2:
                j, s = s - 2, s2
                continue
        break
    if s - 3 >= lo and tokens[s - 1].lower in PREPOSITIONS and _is_participle(tokens[s - 2]):
        # "Another official speaking to Fox News said": the noun phrase before the participle
        s3 = collect_left(tokens, s - 3, lo, lexicon)
        if s3 <= s - 3:
            j, s = s - 3, s3
            first_s = s
    if s != first_s and not any(t.capitalized for t in tokens[s : j + 1]):
        s, j = first_s, v - 1
        while j >= lo and tokens[j].lower in AUX_ADVERBS:
            j -= 1
    p = s - 1
    while p > lo and tokens[p].lower in ("late", "early", "mid"):
        p -= 1
    if all(t.lower in TIME_WORDS or t.text[0].isdigit() for t in tokens[s : j + 1] if t.is_word) and (
            p - 1 > lo and tokens[p].lower in PREPOSITIONS and tokens[p - 1].lower.endswith("ed")):
        # "A Quinnipiac poll released in late August found": the NP before the participle is the subject
        s2 = collect_left(tokens, p - 2, lo, lexicon)
        if s2 <= p - 2:
            np = _np(text, tokens[s2 : p - 1])
            if np is not None:
                return np
    if s > lo and all(t.lower in TIME_WORDS or t.lower in _DAY_PARTS for t in tokens[s : j + 1] if t.is_word):
        # "Priebus later Thursday told", "A poll released Friday found", "X, who ..., on Sunday defended":
        # the when between the subject and its verb
        p = s - 1
        while p > lo and tokens[p].lower in ("late", "early", "mid", "later", "earlier", "on", "this", "last", "past"):
            p -= 1
        if p >= lo and tokens[p].lower.endswith("ed") and not tokens[p].capitalized and p - 1 >= lo:
            p -= 1  # (a participle: "released", "published")
        if p >= lo and (tokens[p].is_word or tokens[p].text == ","):
            np = subject_left(text, tokens, p + 1, lo, lexicon)
            if np is not None:
                return np
    if s - 1 >= lo and tokens[s - 1].is_word and not tokens[s - 1].capitalized:
        # "an official who spoke anonymously to discuss internal strategy said": the NP before the verb is
        # the object of a relative clause; its antecedent speaks
        antecedent = _relative_clause_antecedent(text, tokens, s - 1, lo, lexicon)
        if antecedent is not None:
            return antecedent
    return _np(text, tokens[s : j + 1])


def _relative_clause_antecedent(text: str, tokens: list[Token], k: int, lo: int,
                                lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The NP before a "who" (no comma) at most 15 tokens left of ``k``, with no clause break between."""
    for w in range(k, max(lo, k - 15) - 1, -1):
        t = tokens[w]
        if t.text in TERMINATORS or t.text in QUOTE_CHARS or t.text == ",":
            return None
        if t.lower == "who" and w - 1 >= lo:
            s = collect_left(tokens, w - 1, lo, lexicon)
            np = _np(text, tokens[s:w]) if s < w else None
            return np if np is not None and np.kind in ("person", "org", "generic") else None
    return None


#: Capitalised at a sentence start, these open an adverbial, not the subject.
_SENTENCE_ADVERBS = frozenset(["earlier", "later", "meanwhile", "however", "still", "yet", "then", "now", "instead",
                               "ever", "along", "also", "indeed", "speaking", "asked", "when", "while", "after",
                               "since", "although", "though", "if", "once", "as", "so", "but", "and", "last", "next",
                               "likewise", "similarly", "moreover", "furthermore", "separately", "overall", "again",
                               "today", "yesterday", "tonight", "here", "there", "thus", "hence", "otherwise"])
_NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                           "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "several", "few", "many"])


def _after_dateline(tokens: list[Token], lo: int, v: int) -> int:
    """``lo``, or the first token after a dateline that opens the clause (``WASHINGTON —``,
    ``LA CROSSE, Wisc. (AP) —``): the place a story was filed from is not a subject."""
    if lo >= v or not (tokens[lo].text.isupper() and len(tokens[lo].text) > 2):
        return lo
    for k in range(lo + 1, min(v, lo + 10)):
        if _spaced_dash(tokens, k):
            while k + 1 < v and tokens[k + 1].text in DASHES:
                k += 1
            return k + 1
        if _is_terminator(tokens, k):
            break
    return lo


#: "Hours later, Trump ...": a time, not a subject.
_TIME_UNITS = frozenset(["seconds", "minutes", "moments", "hours", "days", "weeks", "months", "years", "decades"])


def clause_subject(text: str, tokens: list[Token], lo: int, v: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The first NP of the clause (for coordinated verbs: "The Taliban came up ..., asked")."""
    lo = _verb_clause_start(tokens, v, _after_dateline(tokens, lo, v))
    starts = [lo]
    # or after a short introductory adverbial: "Earlier," "On Monday," "Along with the photo,"
    for k in range(lo, min(v, lo + 16)):
        if tokens[k].text == ",":
            starts.append(k + 1)
            if len(starts) == 4:
                break
    for i in starts:  # a pronoun subject first: "Eight years ago, he supported Obama and said"
        if i < v and tokens[i].lower in SUBJECT_PRONOUNS:
            return _np(text, [tokens[i]])
    fallback = None
    for i in starts:
        e = collect_right(tokens, i, v, lexicon)
        first = tokens[i] if i < v else None
        if first is not None and first.lower in ("the", "a", "an") and i + 1 < v and tokens[i + 1].capitalized:
            first = tokens[i + 1]  # "the Illinois Board of Elections was conclusive"
        if e > i and first is not None and first.capitalized and first.lower not in TIME_WORDS and first.lower not in (
                _SENTENCE_ADVERBS) and first.lower not in PREPOSITIONS and not (first.lower in _NUMBER_WORDS and (
                    i + 1 >= v or tokens[i + 1].lower in _TIME_UNITS or tokens[i + 1].lower in TIME_WORDS
                    or tokens[i + 1].lower in _DAY_PARTS)) and (
                first.lower not in _TIME_UNITS) and not (
                first.lower.endswith("ly") and e == i + 1) and not (
                e == i + 1 and first.lower.endswith(("ed", "ing")) and e < v and (
                    tokens[e].lower in PREPOSITIONS or tokens[e].text == ",")) and (  # "Chastened by the analyses, ...
                first is not tokens[i] or not _participle_opening(tokens, i, v)):  # "Holding signs calling ..."
            np = _np(text, tokens[i:e])
            if np is not None and np.kind in ("person", "org", "generic", "anaphor"):
                if e < v and tokens[e].text == "," and len(starts) > 1 and not (
                        i == starts[0] and np.kind == "person" and e + 1 < v
                        and tokens[e + 1].lower in ("a", "an", "the")):
                    # "Speaking in Salem, New Hampshire, Trump went": a place in an adverbial, not the subject
                    # (but "Ann Lee, a delegate from ..., said" opens with its subject and an apposition)
                    fallback = fallback or np
                    continue
                return np
    return fallback


def subjectless(tokens: list[Token], v: int) -> bool:
    """The verb at ``tokens[v]`` has no subject of its own: ``, adding``, ``and added``, ``but said``."""
    if v == 0:
        return False
    before = tokens[v - 1]
    return tokens[v].lower.endswith("ing") or before.lower in ("and", "then", "but")


#: "footage of X saying": a recording shows its speaker.
_MEDIA_NOUNS = frozenset(["footage", "video", "videos", "clip", "clips", "audio", "recording", "recordings", "tape",
                          "tapes", "images", "photos", "pictures", "sound", "film"])


def _verb_like(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
    """A lower-case past-tense or reporting-verb form: "smiled", "laughed", "nodded", "said"."""
    low = tok.lower
    return tok.is_word and not tok.capitalized and (
        low in lexicon or (low.endswith("ed") and len(low) > 4 and low not in _ED_NOUNS))


def _object_of_earlier_word(tokens: list[Token], np: SpeakerNP, lo: int) -> bool:
    """The NP found before a reporting-verb form follows a lower-case word of the clause, so the form is a
    noun and the NP an object ("stepped up his emphasis on criminal justice issues", "sounded a rare note"):
    not the subject a later participle ("..., saying") belongs to."""
    s = next((i for i in range(lo, len(tokens)) if tokens[i].start >= np.mention.start), lo)
    if s <= lo:
        return False
    before = tokens[s - 1]
    return before.is_word and not before.capitalized and before.lower not in TIME_WORDS and (
        before.lower not in ("and", "but", "then", "who", "which", "that", "also", "as", "when", "while"))


#: Words that open a clause inside another one: a pronoun right after them is that clause's subject.
_COMPLEMENT_OPENERS = frozenset(["that", "if", "whether", "because"])


def sentence_subject(text: str, tokens: list[Token], v: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """Who does the verb at ``tokens[v]`` belong to when it has no subject of its own (``..., adding,``,
    ``and added``): the subject of an earlier reporting verb of the sentence, else the nearest subject
    pronoun followed by a verb, else the clause subject. ``tokens`` may start mid-sentence."""
    lo = _clause_start_over_short_quotes(tokens, v)
    if v - 1 > lo and tokens[v].lower.endswith("ing"):
        prev = tokens[v - 1]
        if prev.lower in AUX_ADVERBS or prev.lower in ("kept", "began", "started", "keeps", "begins", "starts"):
            np = subject_left(text, tokens, v - 1, lo, lexicon)  # "Sen. Ron Johnson kept asking her why ..."
            if np is not None:
                return np
        if not _verb_like(prev, lexicon) and prev.is_word:
            s = collect_left(tokens, v - 1, lo, lexicon)
            of = next((k for k in range(v - 2, s - 1, -1) if tokens[k].lower == "of"), None)
            if of is not None:
                s = of + 1  # (the NP walk reads across "of": "footage of Ada Lind")
            if lo < s <= v - 1 and (tokens[s - 1].lower == "with" or (
                    tokens[s - 1].lower == "of" and s - 2 >= lo and tokens[s - 2].lower in _MEDIA_NOUNS)):
                # "with Senator John McCain telling reporters ...", "footage of Hillary Clinton asking, ..."
                np = _np(text, tokens[s:v])
                if np is not None:
                    return np
            if of is not None and s - 3 >= lo and tokens[s - 3].lower == "with" and (
                    tokens[s - 2].lower in ("one", "some", "many", "most", "each", "all", "two", "three")):
                # "with one of her ads asking, ...": the part "of" names speaks
                np = _np(text, tokens[s - 2 : v])
                if np is not None:
                    return np
    u = v - 2
    while u > lo and tokens[u].lower in AUX_ADVERBS:
        u -= 1
    if v >= 2 and tokens[v - 1].lower in ("and", "but", "then") and u > lo and _verb_like(tokens[u], lexicon):
        # "Ms. Sherry smiled and said": the first verb's subject (not a pronoun of an earlier clause)
        np = subject_left(text, tokens, u, lo, lexicon)
        if np is not None and np.kind in ("person", "org", "pronoun"):
            return np
    for k in range(v - 1, lo, -1):
        info = lexicon.get(tokens[k].lower)
        if info is not None and info.speech and not tokens[k].capitalized and not tokens[k].lower.endswith(
                "ing") and not _noun_use(tokens, k):
            np = subject_left(text, tokens, k, lo, lexicon)
            if np is not None and not _object_of_earlier_word(tokens, np, lo):
                return np
    for k in range(v - 2, lo - 1, -1):
        if tokens[k].lower in ("he", "she", "they", "we") and tokens[k + 1].is_word and (
                not tokens[k + 1].capitalized) and tokens[k + 1].lower not in STOP_WORDS - AUX_ADVERBS:
            if k > lo and tokens[k - 1].lower in _COMPLEMENT_OPENERS:
                continue  # 'Christie bristled at the suggestion that he was ..., saying': not the clause's subject
            return _np(text, [tokens[k]])
    if lo > 0 or (tokens and tokens[0].capitalized):
        return clause_subject(text, tokens, lo, v, lexicon)
    return None


def np_right(text: str, tokens: list[Token], i: int, hi: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """An NP after a verb or "according to"; a following apposition (", the company's engineer") is a title."""
    if i >= hi or tokens[i].lower in ("that", "this", "these", "those", "to", "it"):
        return None  # "said that ...", "said this is ...": a clause follows, not the speaker
    if tokens[i].lower in SUBJECT_PRONOUNS or tokens[i].lower in ("him", "her", "them", "us"):
        return _np(text, [tokens[i]])
    if tokens[i].text[0].isdigit() and i + 1 < hi and not tokens[i].capitalized:
        # "said 9/11 widow Terry Strada", "said 27-year-old Ann Lee": the name comes after the modifier
        k = next((k for k in range(i + 1, min(hi, i + 6)) if tokens[k].capitalized), None)
        if k is not None and all(t.is_word or t.text in "/-" for t in tokens[i:k]):
            return np_right(text, tokens, k, hi, lexicon)
    e = collect_right(tokens, i, hi, lexicon)
    if i < e < hi and tokens[e - 1].lower.endswith(("'s", "’s")) and tokens[e].is_word and (
            tokens[e].lower in PERSON_TITLE_HEADS or tokens[e].lower.rstrip("s") in GENERIC_HEADS):
        e += 1  # "said Lee's spokesman": the possessor's spokesman speaks, not the possessor
    if e <= i and tokens[i].is_word and not tokens[i].capitalized and tokens[i].lower.endswith(("ed", "ing")) and (
            any(t.capitalized for t in tokens[i + 1 : min(hi, i + 6)])):
        # "said undecided Republican voter Stephanie Hooton", "said retired Army Col. Jan Berg"
        return np_right(text, tokens, i + 1, hi, lexicon) if i + 1 < hi and tokens[i + 1].is_word else None
    if e <= i:
        return None
    np = _np(text, tokens[i:e])
    if np is not None and np.kind != "person" and e + 1 < hi and tokens[e].text == ",":
        named = _name_in_apposition(text, tokens[:hi], e, np, closers=(",", ".", "!", "?"))
        if named is not None:
            return named[0]  # 'said Ann Lee's spokesman, Ola Lund.': the spokesman, by name
    if np is not None and np.kind == "person" and e + 1 < hi and tokens[e].text == ",":
        e2 = collect_right(tokens, e + 1, hi, lexicon)
        if e2 > e + 1 and tokens[e + 1].lower in DETERMINERS:
            np.title = np.title or text[tokens[e + 2].start : tokens[e2 - 1].end] if e2 > e + 2 else np.title
    return np


def _is_possessive_mark(tokens: list[Token], k: int) -> bool:
    """A ``'`` glued to a word ending in s, followed by a word: "Sanders' campaign manager"."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k].text not in ("'", "’"):
        return False
    prev, nxt = tokens[k - 1], tokens[k + 1]
    return prev.end == tokens[k].start and prev.text[-1:] in ("s", "S") and nxt.is_word and nxt.start > tokens[k].end


_WINDOW_STOPS: Final = QUOTE_CHARS | TERMINATORS


def _breaks_clause(tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` ends a sentence (not an abbreviation's dot) or is a quote mark (not a possessive)."""
    t = tokens[k].text
    # (most tokens are neither: one set lookup rules them out)
    return t in _WINDOW_STOPS and ((t in QUOTE_CHARS and not _is_possessive_mark(tokens, k)) or (
        t in TERMINATORS and not _is_abbrev_dot(tokens, k)))


def _clause_start(tokens: list[Token], end: int) -> int:
    """Index of the first token of the sentence or quote-free stretch that ends before ``end``."""
    for k in range(end - 1, -1, -1):
        if _breaks_clause(tokens, k):
            return k + 1
    return 0


def _clause_start_over_short_quotes(tokens: list[Token], end: int) -> int:
    """:func:`_clause_start`, reading on past short quoted phrases (a title, a scare quote: ``Kerpen needled the
    CNN “reporter,” saying``), which do not end the clause the way a quotation does."""
    lo = _clause_start(tokens, end)
    for _ in range(3):
        if lo < 2 or tokens[lo - 1].text not in QUOTE_CHARS or _is_terminator(tokens, lo - 2):
            break
        opening = next((k for k in range(lo - 2, max(-1, lo - 10), -1) if tokens[k].text in QUOTE_CHARS), None)
        if opening is None or any(_is_terminator(tokens, k) for k in range(opening + 1, lo - 1)):
            break
        lo = _clause_start(tokens, opening)
    return lo


def _is_terminator(tokens: list[Token], k: int) -> bool:
    return tokens[k].text in TERMINATORS and not _is_abbrev_dot(tokens, k)


def _cut_window(tokens: list[Token]) -> list[Token]:
    """Tokens up to the end of the sentence or the next quote mark."""
    for k in range(len(tokens)):
        if _breaks_clause(tokens, k):
            return tokens[:k]
    return tokens


def _mention(text: str, toks: list[Token]) -> Mention:
    return Mention(text[toks[0].start : toks[-1].end], toks[0].start, toks[-1].end)


def _verb_follows(toks: list[Token], np: SpeakerNP, lexicon: dict[str, VerbInfo]) -> bool:
    """A reporting verb comes right after the noun phrase ``np``: in '"...," state Sen. X said' the word
    before the NP ("state", a noun-like form) belongs to it, and "said" is the cue."""
    k = next((k for k, t in enumerate(toks) if t.start >= np.mention.end), None)
    if k is None:
        return False
    info = lexicon.get(toks[k].lower)
    return info is not None and info.direct_cue and not toks[k].capitalized


def _finite_verb_follows(toks: list[Token], np: SpeakerNP) -> bool:
    """An auxiliary or a modal right after the noun phrase ``np``: it is the subject of a clause."""
    k = next((k for k, t in enumerate(toks) if t.start >= np.mention.end), None)
    # (the auxiliaries and modals of _RELATIVE_GAP_VERBS, and "did"/"does")
    return k is not None and (toks[k].lower in _RELATIVE_GAP_VERBS or toks[k].lower in ("did", "does"))


def _ing_modifier(prev: Token, tok: Token, nxt: Token, lexicon: dict[str, VerbInfo]) -> bool:
    """An -ing form between two words of a noun phrase modifies the noun after it (``policy planning
    director``, ``the polling firm``): it is not a reporting verb."""
    return (tok.lower.endswith("ing") and prev.is_word and _is_np_word(prev, lexicon) and nxt.is_word
            and not nxt.capitalized and nxt.lower not in DETERMINERS and _is_np_word(nxt, lexicon))


#: Pronouns that end a prepositional phrase inside a subject ("a source close to him said").
_OBJECT_PRONOUNS: Final = frozenset(["him", "her", "them", "us", "me"])


def cue_after(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo], any_verb: bool = False) -> Cue | None:
    """A cue right after a closing mark: ``, X said``, ``said X``, ``according to X``.

    ``any_verb``: a verb of belief or evidence may be the cue too (``, records show``): for indirect
    attributions, where the caller decides whether it may."""
    toks = _cut_window(tokens)
    i = 0
    while i < len(toks) and toks[i].text in _INTRO_PUNCT:
        i += 1
    n = len(toks)
    if i >= n:
        return None
    t0 = toks[i]
    if i > 0 and toks[i - 1].text in DASHES and t0.capitalized:
        # '"..." ― Sonya Herridge': a dash and a bare name sign the quote
        e = collect_right(toks, i, n, lexicon)
        if e == n and e - i <= 5:
            np = _np(text, toks[i:e])
            if np is not None and np.kind in ("person", "org"):
                return Cue(np, _mention(text, [toks[i - 1]]), "signature")
    if t0.lower == "according" and i + 1 < n and toks[i + 1].lower == "to":
        np = np_right(text, toks, i + 2, n, _NO_VERBS)
        return Cue(np, _mention(text, toks[i : i + 2]), "according") if np else None
    if t0.text == "[" and i == 0:
        # '"..." [WaPo.]': a newsletter's bracketed source after the quote (the window may end at its period)
        close = next((k for k in range(i + 1, min(n, i + 7)) if toks[k].text == "]"), n if n <= i + 6 else None)
        name = [t for t in toks[i + 1 : close] if t.text != "."] if close is not None else []
        if name and all(t.capitalized for t in name):
            np = _np(text, name)
            if np is not None:
                return Cue(np, _mention(text, [t0]), "signature")
    verb_next = lexicon.get(toks[i + 1].lower) if i + 1 < n else None
    if t0.lower in _QUANTIFIER_PRONOUNS and verb_next is not None and verb_next.direct_cue:
        some = analyse_np(text, [t0])  # '"...," some said.'
        return Cue(some, _mention(text, [toks[i + 1]]), "after") if some is not None else None
    info = lexicon.get(t0.lower)
    if info is not None and info.direct_cue and not t0.lower.endswith("ing") and info.base not in _ADDRESSEE_VERBS:
        # (not "told the paper": who is told, never who tells)
        np = np_right(text, toks, i + 1, n, lexicon)
        if np is None and i + 1 < n and toks[i + 1].lower in _QUANTIFIER_PRONOUNS and (
                i + 2 == n or not toks[i + 2].is_word):
            np = analyse_np(text, [toks[i + 1]])  # '"...," said one.'
        if np is not None and np.kind != "person" and _finite_verb_follows(toks, np):
            return None  # '"...," said the pier could be saved': a clause after "said", not its subject
        if np is not None and not ("nounlike" in info.tags and _verb_follows(toks, np, lexicon)):
            return Cue(np, _mention(text, [t0]), "inverted")
        if np is None and not t0.capitalized:
            return None  # (capitalised, it may be a name: '"...," Read said')
    for k in range(i + 1, min(n, i + 30)):
        info = lexicon.get(toks[k].lower)
        cue_toks = toks[k : k + 1]
        if info is None and _phrasal_saying(toks, k):
            info = lexicon.get("say")  # '"...," Ann Lee shot back.', '"...," she went on.': a verb and its particle
            cue_toks = toks[k : k + 2]
        if info is not None and k + 1 < n and _ing_modifier(toks[k - 1], toks[k], toks[k + 1], lexicon):
            continue  # 'former policy planning director Anne Lind wrote': a noun's modifier, not the verb
        if info is not None and _owned_noun(toks, k):
            continue  # "praised Clinton's remarks": the owner's noun, not a verb of the owner's
        if info is not None and (info.direct_cue or any_verb) and (
                not toks[k].capitalized or toks[k].lower in _CAPITALISED_VERBS) and not _modifier_after_determiner(
                toks[k - 1], toks[k]):
            np = subject_left(text, toks, k, i, lexicon)
            # the NP must start the window (no other clause between the quote and the NP)
            if np is not None and np.mention.start >= t0.start and (
                np.mention.start == t0.start
                or text[t0.start : np.mention.start].strip(" ,").lower() in ("", "the", "a", "an")
                or _np_starts_window(toks, i, np)
            ):
                return Cue(np, _mention(text, cue_toks), "after")
            e = collect_right(toks, i, k, lexicon)
            if i < e < k and toks[e].lower in PREPOSITIONS and k - e <= 6:
                # '"...?" a staffer in the room wondered': the NP that opens the window, then a PP
                np = _np(text, toks[i:e])
                if np is not None:
                    return Cue(np, _mention(text, cue_toks), "after")
            return _apposition_cue(text, toks, i, lexicon)
        if not _is_np_word(toks[k], lexicon) and toks[k].text != "," and toks[k].lower not in AUX_ADVERBS and not (
                _is_abbrev_dot(toks, k)) and not _modifier_after_determiner(toks[k - 1], toks[k]) and not (
                toks[k].lower in PREPOSITIONS and k - i <= 6) and toks[k].lower != "and" and not (
                toks[k].lower in _OBJECT_PRONOUNS and toks[k - 1].lower in PREPOSITIONS):
            # (a short PP after the subject, "a source close to him", "and" between two titles: checked at
            # the verb)
            return _apposition_cue(text, toks, i, lexicon)
    return None


def _owned_noun(tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` follows a possessive ("Clinton's remarks", "the mayor's statement"), so it is a noun:
    "He's said" and "That's" are contractions, not possessives."""
    before = tokens[k - 1].lower
    return before.endswith(("'s", "’s")) and before[:-2] not in _CONTRACTED


#: Verbs that say with their particle, after a quote: "shot back", "went on" (the lexicon holds single words).
_PHRASAL_SAYING: Final = {"shot": "back", "fired": "back", "went": "on", "goes": "on", "chimed": "in",
                          "piped": "up", "cut": "in"}

def _phrasal_saying(tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` and the next token are a verb of saying and its particle ("shot back", "went on")."""
    return k + 1 < len(tokens) and tokens[k + 1].lower == _PHRASAL_SAYING.get(tokens[k].lower)


#: Verbs often written with a capital after their subject ('"...," Lee Tweeted'): never a name.
_CAPITALISED_VERBS: Final = frozenset(["tweeted", "tweets", "retweeted"])


def _apposition_cue(text: str, toks: list[Token], i: int, lexicon: dict[str, VerbInfo]) -> Cue | None:
    """'"...," Jan Novak, director of the institute and a professor at the academy, said': a name, then an
    apposition of any words (up to 40 tokens, same sentence), then ``, said``.

    The plain subject walk stops at the apposition's prepositions and conjunctions; here the name that
    opens the window is the speaker when a comma-introduced reporting verb closes the apposition.
    """
    n = len(toks)
    e = collect_right(toks, i, n, lexicon)
    if e <= i or e + 2 >= n or toks[e].text != ",":
        return None
    np = _np(text, toks[i:e])
    relative = toks[e + 1].lower == "who"  # ('"...," a source, who was not authorized to ..., told the paper')
    if np is None or np.kind not in ("person", "org") and not (relative and np.kind == "generic") or not (
            toks[i].capitalized or np.kind != "org"):
        return None  # ("the economist Jared Bernstein, a former adviser ..., wrote": a title, then the name)
    for k in range(e + 2, min(n - 1, e + 40)):
        if toks[k].text != ",":
            continue
        verb = toks[k + 1]
        info = lexicon.get(verb.lower)
        if info is not None and info.direct_cue and not verb.capitalized and not verb.lower.endswith("ing"):
            first = e + 2 if toks[e + 1].lower in DETERMINERS else e + 1
            if np.kind == "person" and first < k:
                np.title = np.title or text[toks[first].start : toks[k - 1].end]
            return Cue(np, _mention(text, [verb]), "after")
    # '"...," Katie Packer, who is chairman of Our Principles PAC said': a relative clause that lost its
    # closing comma; its own verb comes first, the reporting verb after it is the main clause's
    rel = next((k for k in range(e + 1, min(n, e + 8)) if toks[k].lower == "who"), None)
    if rel is None or rel + 2 >= n or toks[rel + 1].lower in lexicon:
        return None
    for k in range(rel + 3, min(n, rel + 25)):
        verb = toks[k]
        info = lexicon.get(verb.lower)
        if info is not None and info.direct_cue and not verb.capitalized and not verb.lower.endswith("ing") and (
                toks[k - 1].is_word and toks[k - 1].lower not in ("to", "who", "that", "and")) and (
                toks[k - 1].lower not in NOUN_MARKERS):  # ("... in the state since ...": a noun)
            return Cue(np, _mention(text, [verb]), "after")
    return None


def _np_starts_window(toks: list[Token], i: int, np: SpeakerNP) -> bool:
    """Everything between the quote and the NP is NP material (titles before a name)."""
    for k in range(i, len(toks)):
        tok = toks[k]
        if tok.start >= np.mention.start:
            return True
        if tok.text == "," and k > i + 1 and toks[k - 1].capitalized and toks[k - 2].capitalized:
            return False  # '"...," Massimo Franco, a columnist for ... Corriere della Sera, wrote': a name first
        if tok.text not in (",", ".") and not tok.is_word:
            return False
        if tok.lower in STOP_WORDS and tok.lower not in ("the", "a", "an") and not (
                len(tok.text) > 1 and tok.text.isupper()):
            return False
    return True


def _inverted_opening(tokens: list[Token], v: int, lo: int, info: VerbInfo) -> bool:
    """A capitalised verb of saying that opens the sentence before its speaker: 'Said Ann Lee, who grew up
    here, "..."', 'Said the mayor: "..."' (elsewhere a capitalised form is a name or a headline word)."""
    return v == lo and v + 1 < len(tokens) and info.base in QUOTE_TAKING and (
        tokens[v + 1].capitalized or tokens[v + 1].lower in ("the", "a", "an", "one", "another"))


def cue_before(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo], max_gap: int = 8,
               direct_only: bool = True) -> Cue | None:
    """A cue before an opening mark: ``X said: "``, ``X told reporters "``, ``asked "``, ``pollster Ann Lee: "``.

    ``direct_only=False`` also accepts verbs tagged ``nodirect`` (for ``X released a statement:`` intros).
    """
    n = len(tokens)
    if not n:
        return None
    lo = _clause_start(tokens, n)  # this sentence / clause only
    for v in range(n - 1, max(lo, n - 1 - max_gap) - 1, -1):
        tok = tokens[v]
        info = lexicon.get(tok.lower)
        cue_toks = tokens[v : v + 1]
        if info is None and v + 2 < n and tokens[v + 2].text in (":", ",") and not tok.capitalized and (
                _phrasal_saying(tokens, v)):
            info = lexicon.get("say")  # 'Jan Berg shot back, "..."' (a verb and its particle, then the quote)
            cue_toks = tokens[v : v + 2]
        if info is None or not (info.direct_cue or (not direct_only and info.speech)) or (
                tok.capitalized and not _inverted_opening(tokens, v, lo, info)) or (
                v > 0 and tokens[v - 1].lower in NOUN_MARKERS) or (
                v > 1 and tok.lower == info.base and tokens[v - 2].lower in ("a", "an") and tokens[v - 1].is_word):
            continue  # "the report", "a snappy retort": a noun
        gap = tokens[v + 1 :]
        # "X said: "..."", "X said, "..."", "X asked "..."", "X told CNN "..."" -- but not "X said that "...""
        strong = (gap and gap[-1].text in (":", ",")) or (not gap and info.base in QUOTE_TAKING) or (
            len(gap) == 1 and gap[-1].capitalized)
        np = None
        if v >= 1 and tokens[v - 1].lower in _PASSIVE and v + 2 < n and tokens[v + 1].lower == "by":
            np = np_right(text, tokens, v + 2, n, lexicon)  # 'Lee was asked by host Ola Lund, "..."': the asker
        if np is None:
            np = sentence_subject(text, tokens, v, lexicon) if subjectless(tokens, v) else subject_left(
                text, tokens, v, lo, lexicon)
        if np is None and not any(t.is_word for t in tokens[lo:v]):
            np = np_right(text, tokens, v + 1, n, lexicon)  # '"The bridge," said X, "will reopen"'
        if np is None and strong:
            np = clause_subject(text, tokens, lo, v, lexicon)  # "X, a veteran of ..., said, "...""
        if np is None:
            continue
        if np.kind == "pronoun":
            outer = _outer_speaker(text, tokens, np, lo, lexicon)
            if outer is not None:
                return Cue(outer.np, outer.cue, "before", strong=strong)
        if v > lo + 1 and tokens[v - 1].lower in ("when", "after", "if", "once") and tok.lower.endswith("ed"):
            # 'Lee told the council when asked about it: "..."': the quote is what she told, not what was asked
            main = next((u for u in range(v - 2, lo - 1, -1) if not tokens[u].capitalized and (
                tokens[u].lower in lexicon and lexicon[tokens[u].lower].speech)
                and tokens[u - 1].lower not in NOUN_MARKERS), None)
            if main is not None and np.mention.end <= tokens[main].start:
                cue_toks = [tokens[main]]
        return Cue(np, _mention(text, cue_toks), "before", strong=strong)
    # "... surprise Republican pollster Ann Lee: "..."": a name right before the colon
    if n >= 4 and tokens[-1].text in (":", ",") and tokens[-3].lower in ("put", "puts") and tokens[-2].lower == "it":
        np = subject_left(text, tokens, n - 3, lo, lexicon)  # "As Professor Foner put it: '...'"
        if np is not None:
            return Cue(np, _mention(text, tokens[-3:-1]), "before")
    if n >= 3 and tokens[-1].text == ":":
        # a headline "Gillibrand on Hillary Releasing Her Transcripts: 'I Think She Will'": who speaks on what
        on = next((k for k in range(lo + 1, min(n - 2, lo + 6)) if tokens[k].lower == "on"), None)
        if on is not None and all(t.capitalized or t.text == "." for t in tokens[lo:on]):
            np = _np(text, tokens[lo:on])
            if np is not None and np.kind in ("person", "org", "generic"):
                return Cue(np, _mention(text, [tokens[-1]]), "headline")
    if n >= 3 and tokens[-1].text == ":":
        # "From the report: "..."", "More from Jones: "..."": where the quoted words come from
        f = next((k + 1 for k in range(n - 2, lo - 1, -1) if tokens[k].text in DASHES), lo)  # (after "... -")
        if f < n - 2 and tokens[f].lower == "more":
            f += 1
        if f < n - 2 and tokens[f].lower == "from":
            np = _np(text, tokens[f + 1 : n - 1])
            if np is not None:
                return Cue(np, _mention(text, [tokens[f]]), "before", strong=True)
    if n >= 2 and tokens[-1].text == ":" and tokens[-2].capitalized and tokens[-2].lower not in TIME_WORDS:
        s = collect_left(tokens, n - 2, lo, lexicon)
        for k in range(n - 3, s - 1, -1):
            if tokens[k].text in DASHES and k > 0 and tokens[k].start > tokens[k - 1].end:
                s = k + 1  # "... for Republican contests - Philip Bump:": the name after the spaced dash
                break
        np = _np(text, tokens[s : n - 1]) if s <= n - 2 else None
        # the name labels the quote ("pollster Ann Lee:"); after "with", "of" it is an object ("contrasted him
        # with Clinton:", "in the spirit of Silicon Valley:")
        label = s == lo or tokens[s - 1].lower not in ("with", "of", "to", "in", "about", "against", "on", "via",
                                                       "at", "from", "by", "for")
        if np is not None and np.kind == "person" and label:
            return Cue(np, _mention(text, [tokens[-1]]), "before")
    # "She then addressed the supporters again: "..."": a colon ends the clause, whose subject speaks
    if n >= 3 and tokens[-1].text == ":" and n - 1 - lo >= 2:
        np = clause_subject(text, tokens, lo, n - 1, lexicon)
        if np is not None and np.kind in ("person", "org", "pronoun"):
            return Cue(np, _mention(text, [tokens[-1]]), "colon", strong=True)
    # "According to X, "...""
    for k in range(lo, n - 1):
        if tokens[k].lower == "according" and tokens[k + 1].lower == "to":
            np = np_right(text, tokens, k + 2, n, _NO_VERBS)
            if np is not None:
                return Cue(np, _mention(text, tokens[k : k + 2]), "according")
    return None


def reporting_sentence(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo],
                       from_paragraph_start: bool = True) -> Cue | None:
    """``Sam Lau said in a statement.`` right before a quote: a sentence that is only a reporting clause
    (subject, speech verb, at most a short phrase, no "that") introduces the quote after it.

    ``tokens`` end with the sentence's period; unless ``from_paragraph_start``, they must also hold the
    sentence's start (a window cut at the previous quote holds the rest of that quote's sentence)."""
    if len(tokens) < 3 or tokens[-1].text != "." or _is_abbrev_dot(tokens, len(tokens) - 1):
        return None
    end = len(tokens) - 1
    lo = 0 if from_paragraph_start else None
    for k in range(end - 1, -1, -1):
        if tokens[k].text in QUOTE_CHARS and not _is_possessive_mark(tokens, k):
            return None  # '"A," he said, noting that ... points. "B."': the clause of the quote before
        if tokens[k].text in TERMINATORS and not _is_abbrev_dot(tokens, k):
            lo = k + 1
            break
    if lo is None or any(t.lower == "that" for t in tokens[lo:end]):
        return None
    for v in range(max(lo + 1, end - 8), end):
        info = lexicon.get(tokens[v].lower)
        if info is None or not info.direct_cue or tokens[v].capitalized or tokens[v].lower.endswith("ing") or (
                _noun_use(tokens, v)):
            continue
        tail = tokens[v + 1 : end]
        if any(t.lower == "that" or t.lower in lexicon or t.text in QUOTE_CHARS for t in tail):
            return None
        if tokens[v - 1].lower in ("not", "never") or tokens[v - 1].lower.endswith(("n't", "n’t")):
            return None  # "He didn't suggest retaliation." introduces nothing
        if tail and not (tail[0].lower in PREPOSITIONS or tail[0].lower in TIME_WORDS or tail[0].text == ","
                         or tail[0].lower.endswith("ly") or lexicon[tokens[v].lower].base in ("tell", "ask")):
            return None  # an object after the verb: the sentence says something of its own
        np = subject_left(text, tokens, v, lo, lexicon)
        return Cue(np, _mention(text, [tokens[v]]), "before", strong=False) if np is not None else None
    return None


def _outer_speaker(text: str, tokens: list[Token], np: SpeakerNP, lo: int,
                   lexicon: dict[str, VerbInfo]) -> Cue | None:
    """'Lynch said she recalled thinking, "..."': the pronoun is the subject of a reported clause, and the
    attribution (as PolNeAR annotates it, outermost first) rests on the reporting clause's subject."""
    p = next((k for k in range(lo, len(tokens)) if tokens[k].start == np.mention.start), None)
    if p is None or p - 1 <= lo:
        return None
    verb = tokens[p - 1]
    info = lexicon.get(verb.lower)
    if info is None or not info.speech or not info.bare or verb.capitalized:
        return None
    outer = subject_left(text, tokens, p - 1, lo, lexicon)
    if outer is None or outer.kind not in ("person", "org"):
        return None
    return Cue(outer, _mention(text, [verb]), "before")


@dataclass  # (a dataclass: mypyc compiles it to a native class)
class IndirectMatch:
    start: int
    end: int
    cue: Cue
    belief: bool = False
    #: The reporting clause inside the content, from the comma before it to the word after the comma after it
    #: ("Loyalty, he noted, has long been rare"): the content is two parts around it, one quotation.
    aside: tuple[int, int] | None = None

    def __init__(self, start: int, end: int, cue: Cue, belief: bool = False,
                 aside: tuple[int, int] | None = None) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.start, self.end, self.cue, self.belief, self.aside = start, end, cue, belief, aside


#: After a comma, these open a clause that is the writer's, not the reported content
#: ("that the hands were up, contradicting the police", "to leave it intact, although they ...").
CONTENT_CUTTERS: Final = frozenset(["contradicting", "even", "prompting", "sparking", "drawing", "citing",
                             "according", "compared"])
#: These cut only when a clause follows them (a subject: ", but the council ...", ", while he ...").
CLAUSE_CONJUNCTIONS: Final = frozenset(["but", "though", "although", "while", "whereas"])


#: Marks that close a quotation.
CLOSING_QUOTES: Final = frozenset("\"”’'»") | {"''"}
_WEEKDAYS: Final = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                       "today", "tonight"])
_DAY_PARTS: Final = frozenset(["morning", "afternoon", "evening", "night", "week", "month", "year"])
#: The small numbers written out (a part of _NUMBER_WORDS: its "many", "few" and "several" open clauses too).
_ONE_TO_TEN: Final = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])
#: Words that open a figure: ", while about 4 in 10 ...", ", but nearly half ...".
_QUANTITY_WORDS: Final = _ONE_TO_TEN | frozenset(["about", "nearly", "almost", "roughly", "only", "just", "fewer",
                                                    "half", "more", "less"])
#: Numbers written out ("two days after ..."): what follows them after a comma is the writer's.
_COUNT_WORDS: Final = _ONE_TO_TEN | frozenset(["several", "hours", "days", "weeks", "months", "years"])
#: Words that open a short "when" after a verb: "said on Saturday", "said last Friday".
_WHEN_LEADS: Final = frozenset(["on", "last", "this", "late", "early", "in"])
#: Reporting verbs whose object is the addressee ("told reporters that ...").
_ADDRESSEE_VERBS: Final = frozenset(["tell", "assure", "inform", "remind", "warn", "promise", "advise", "notify", "brief"])
#: After a comma, these open the writer's comment on what was reported.
_RELATIVE_CUTTERS: Final = frozenset(["who", "whom", "which", "when", "where", "whose", "a", "an"])
#: After a dash, these open the writer's aside.
_AFTER_DASH_CUTTERS: Final = frozenset(["even", "although", "though", "while", "which", "who", "and", "but", "as", "a", "an"])


#: Words that open a subordinate clause before the main one: "While critics argue that ..., Obama ...".
SUBORDINATORS = frozenset(["while", "although", "though", "whereas", "after", "before", "when", "as", "because",
                           "since", "if", "unless", "once"])
#: ... and "With Democratic leaders worried about a lack of passion, Obama is ...", which opens one too.
_CLAUSE_OPENERS: Final = SUBORDINATORS | {"with"}


def _subordinate_end(tokens: list[Token], v: int, start_i: int, n: int) -> int:
    """Where the content of the verb at ``v`` must end when the verb sits in a subordinate clause that opens
    the sentence (``While critics argue that trading prisoners encourages others, Obama has deemed ...``,
    ``A few weeks after Obama announced that ..., U.S. forces bombed ...``): at the comma that closes the
    clause, when a clause follows it. Otherwise ``n``."""
    sub = next((k for k in range(v - 1, max(-1, v - 12), -1) if tokens[k].lower in _CLAUSE_OPENERS), None)
    if sub is None or any(tokens[k].text == "," for k in range(sub, v)):
        return n
    if tokens[sub].lower == "with" and sub > 0 and tokens[sub - 1].lower not in ("and", "but", "yet"):
        return n  # ("With critics saying ...," opens a clause; "People with knowledge of it said" is a subject)
    if sub > 0 and not (sub <= 4 and all((tokens[k].is_word or tokens[k].text == ",") and tokens[k].lower not in (
            "said", "says") for k in range(sub))):
        return n  # the subordinator must open the sentence ("A few weeks after ...", "However, while ..." allowed)
    for k in range(start_i + 2, n - 2):
        if tokens[k].text == ",":
            nxt = tokens[k + 1]
            if nxt.text in QUOTE_CHARS and k + 2 < n - 1:
                if _starts_clause(tokens[k + 2]):
                    return k + 2  # '... "knife-wielding Palestinians," many in the audience ...': after the mark
                continue
            if _starts_clause(nxt) or nxt.capitalized:
                return k
    return n


#: Finite reporting verbs that, right after a comma, start the main clause's predicate.
_MAIN_REPORTING_VERBS: Final = frozenset(["said", "says", "told", "tells", "added", "adds"])


#: -ing words after a comma that go on with the content rather than open the writer's participle:
#: prepositions ("including", "during").
_ING_CONTINUERS: Final = frozenset(["including", "during"])


def _dashes(tokens: list[Token], start: int, end: int) -> int:
    """How many dashes (``—``, ``-``, ``--``: a run of dash tokens is one) stand between two token indexes."""
    return sum(tokens[k].text in DASHES and not (k > start and tokens[k - 1].text in DASHES) for k in range(start, end))


def _introductory_adverbial(lowers: list[str], c: int) -> bool:
    """The ``c`` tokens before the comma of a sentence-final reporting clause are an adverbial opening the
    sentence ("In a speech last July", "Shortly after my sentence", "With 214 delegates at stake"), not a
    reported clause: at most nine tokens, led by a preposition or an -ly adverb, with no subject pronoun."""
    return c <= 9 and (lowers[0] in PREPOSITIONS or lowers[0].endswith("ly") or lowers[0] == "based") and not any(
        lowers[j] in SUBJECT_PRONOUNS for j in range(c))


def _quoting_after(mark: str, quoting: bool) -> bool:
    """Whether a double quotation is open after the token ``mark`` (straight marks toggle)."""
    if mark == "“":
        return True
    if mark == "”":
        return False
    if mark == '"' or mark == "''":
        return not quoting
    return quoting


def _quoting_in_content(mark: str, quoting: bool) -> bool:
    """:func:`_quoting_after` inside a content, where a “ while a quotation is open closes it (scraped text
    curls closing marks the wrong way)."""
    return False if mark == "“" and quoting else _quoting_after(mark, quoting)


def _past_form(tok: Token) -> bool:
    """A lower-case word in -ed: most often a verb in the past ("ranked", "mishandled")."""
    return tok.lower.endswith("ed") and not tok.capitalized and len(tok.text) > 3


def _unmatched_close(tokens: list[Token], start: int, k: int) -> bool:
    """The ``)`` at ``tokens[k]`` closes no parenthesis opened in ``tokens[start:k]``."""
    depth = 0
    for i in range(start, k):
        text = tokens[i].text
        if text == "(":
            depth += 1
        elif text == ")" and depth > 0:
            depth -= 1
    return depth == 0


def _writers_when(tokens: list[Token], k: int, n: int) -> bool:
    """``tokens[k]`` opens the writer's when: "during a rally", "in late May", "last week", "on Friday"."""
    low = tokens[k].lower
    if low == "during":
        return True
    if low in ("in", "on", "last", "this", "earlier", "later") and k + 1 < n:
        nxt = tokens[k + 1].lower
        return nxt in TIME_WORDS or nxt in _DAY_PARTS or nxt in ("late", "early", "mid")
    return False


def _clause_resumes(tokens: list[Token], i: int, end_index: int) -> bool:
    """A relative clause that opens at ``tokens[i]`` closes with a comma within 20 tokens, and a verb
    follows that comma (an auxiliary or a past form): the clause it sits in goes on."""
    for j in range(i, min(end_index - 1, i + 20)):
        t = tokens[j].text
        if t in TERMINATORS or t == ";" or t in QUOTE_CHARS:
            return False
        if t == ",":
            nxt = tokens[j + 1]
            return nxt.lower in _RELATIVE_GAP_VERBS or _past_form(nxt)
    return False


def _cuts_after_comma(tok: Token) -> bool:
    """After a comma, ``tok`` opens a clause of the writer's: a content cutter or a participle (", focusing
    on ...", but not ", everything will ...")."""
    w = tok.lower
    return w in CONTENT_CUTTERS or (w.endswith("ing") and len(w) > 5 and w not in _ING_NOUNS and not w.endswith(
        "thing") and w not in _ING_CONTINUERS and not tok.capitalized)


def _content_end(tokens: list[Token], end_index: int, start_index: int | None = None) -> int:
    """Offset where content ends: before a final sentence terminator.

    With ``start_index`` (where the content starts) the content also stops at a semicolon or at a comma
    that opens a clause of the writer's (``CONTENT_CUTTERS``, or a participle: ", focusing on ..."), once
    it has four tokens.
    """
    if start_index is not None:
        quoting = False  # inside a quotation the content opened: its commas are the speaker's, not cuts
        for k in range(start_index, min(start_index + 4, end_index)):
            quoting = _quoting_after(tokens[k].text, quoting)
            if k > start_index and tokens[k].text == "," and not quoting and k + 2 < end_index and (
                    tokens[k + 1].lower in ("although", "though", "whereas")) and (
                    _starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized):
                end_index = k  # "responded to Lee's remarks, although he ...": the writer's clause, even this early
                break
        for k in range(start_index + 4, end_index - 1):
            tok = tokens[k]
            quoting = _quoting_after(tok.text, quoting)
            if tok.text == "," and k + 2 < end_index and tokens[k + 1].text in CLOSING_QUOTES and (
                    tokens[k + 2].lower in _MAIN_REPORTING_VERBS):
                end_index = k + 2  # 'who called the plan "a disgrace," said ...': the main clause's verb
                break
            if quoting and tok.text == ",":
                continue  # 'calls for "a $15 minimum wage, an end to ..."' ("a" after a comma cuts elsewhere)
            if tok.text in CLOSING_QUOTES and not quoting and tokens[k - 1].text == "," and k + 2 < end_index and (
                    tokens[k + 1].lower in CLAUSE_CONJUNCTIONS) and (
                    _starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized):
                end_index = k + 1  # 'said the plan is "dead on arrival," while Berg has called it ...': the
                break  # comma inside the marks, then a clause of the writer's (as after a bare comma)
            if tok.text == "(" and any(tokens[j].text == ")" for j in range(k + 2, min(end_index, k + 5))):
                continue  # a short parenthesis is part of the content: "(Caltrans)", "(D-Va.)", "(TPP)"
            if tok.text in (";", "(") or (
                    tok.text in ("—", "–") and k + 1 < end_index and tokens[k + 1].lower in _AFTER_DASH_CUTTERS):
                end_index = k  # (also an aside of the writer's: "(although ...", "— even the ones ...")
                break
            if tok.text in DASHES and tokens[k - 1].text in CLOSING_QUOTES and _dashes(tokens, start_index, end_index) == 1:
                end_index = k  # 'likened the rules to "burning the Constitution" - a charge that ...' (but not an
                break  # aside between two dashes: 'so distressed -- "an insult to voters" -- that he ...')
            if tok.text == "," and k + 2 < end_index and tokens[k + 1].lower in ("who", "which") and (
                    _clause_resumes(tokens, k + 2, end_index)):
                continue  # "a stamp of approval from Warren, who is popular with the base, will help ...": the
                # relative clause sits inside the content's subject, whose verb comes after it
            if tok.text == "," and tokens[k + 1].lower in ("a", "an") and any(
                    t.text in DOUBLE_QUOTE_MARKS for t in tokens[k + 2 : min(end_index, k + 5)]):
                continue  # 'called Lund, her rival for the office, a "danger to the divers"': the quoted complement
            if tok.text == "," and k + 1 < end_index and (tokens[k + 1].lower in _RELATIVE_CUTTERS or (
                    k + 2 < end_index and tokens[k + 1].lower == "to" and tokens[k + 2].lower == "which")):
                end_index = k  # ", who he blasted as ...", ", a charge that ...", ", to which X replied"
                break
            if tok.text == "," and k + 2 < end_index and (
                    (tokens[k + 1].lower.endswith("ly") and tokens[k + 2].lower.endswith("ing"))  # ", implicitly putting"
                    or (tokens[k + 1].lower == "but" and tokens[k + 2].lower.endswith("ed"))):  # ", but stopped short"
                end_index = k
                break
            if tok.text in CLOSING_QUOTES and not quoting and k + 3 < end_index and (
                    _writers_next_act(tokens, k + 1, end_index)):
                end_index = k + 1  # 'calling him a "nice guy" and he didn't ...', '"a terrible deal" and ranked ...':
                break  # the writer goes on with the subject's next clause or act
            if tok.text in CLOSING_QUOTES and tokens[k - 1].text == "," and k + 3 < end_index and (
                    tokens[k + 1].lower in ("a", "an")) and not any(
                    t.text in QUOTE_CHARS for t in tokens[k + 2 : min(end_index, k + 5)]):
                end_index = k + 1  # 'was "out of touch," a charge she denied': the writer's apposition
                break
            if tok.text in CLOSING_QUOTES and k + 1 < end_index and (
                    tokens[k + 1].lower in _WEEKDAYS or _writers_when(tokens, k + 1, end_index)):
                # 'called her a "disgrace" Wednesday on The Show', '"a disgrace" during a rally': the writer's when
                end_index = k + 1
                break
            if tok.text == "," and k + 1 < end_index:
                nxt = tokens[k + 1].lower
                if nxt in _MAIN_REPORTING_VERBS:
                    end_index = k  # "X, who said the project was vetted, said he ...": the main clause's verb
                    break
                if nxt == "but" and k + 2 < end_index and tokens[k + 2].lower == "that":
                    continue  # "said that A, but that B": a second clause of the same content
                if nxt == "and" and k + 3 < end_index and _pronoun_subject(tokens[k + 2]) and (
                        _past_form(tokens[k + 3]) or tokens[k + 3].lower in _IRREGULAR_PAST):
                    end_index = k  # "said the extremist is Lee, and he railed against ...": the writer's next act
                    break
                if nxt in CLAUSE_CONJUNCTIONS:
                    # ", but Mrs. Lund would ..." opens a clause; ", but in different provinces" continues one;
                    # ", while acknowledging ..." is the writer's participle
                    if k + 2 < end_index and (_starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized or (
                            nxt != "but" and tokens[k + 2].lower.endswith("ing") and len(tokens[k + 2].lower) > 5) or (
                            nxt in ("while", "whereas") and _quantity(tokens[k + 2]) and (
                                tokens[start_index].lower != "that"))):
                        # (", while about 4 in 10 want ...": the poll's next figure, whose own group says it;
                        # 'found that 28 percent ..., while 23 percent ...' is one finding)
                        end_index = k
                        break
                elif nxt == "even" and k + 2 < end_index and tokens[k + 2].lower in ("as", "though", "if", "when"):
                    continue  # ", even though he is the last one left": the speaker's concession (not ", even the ...")
                elif _cuts_after_comma(tokens[k + 1]):  # ", focusing on ..." (not ", everything will ...")
                    end_index = k
                    break
    k = end_index
    paren_checked = False  # (one check: a scan of the content each time would be quadratic)
    while k > 0:
        last = tokens[k - 1].text
        if last in TERMINATORS or last == ",":
            k -= 1
        elif last == ")" and not paren_checked and start_index is not None and start_index < k - 1:
            paren_checked = True
            if not _unmatched_close(tokens, start_index, k - 1):
                break
            k -= 1  # the close of a parenthesis the content sits in: "(she said that it sank)."
        else:
            break
    return tokens[k - 1].end if k > 0 else tokens[0].end


def _quantity(tok: Token) -> bool:
    """A figure or a word that opens one: "42%", "about", "nearly", "half"."""
    return tok.text[:1].isdigit() or tok.lower in _QUANTITY_WORDS


#: Adverbs between a closing mark and the "and" of the subject's next act: '"Senator Lee" instead and made ...'.
_ADVERBS_BEFORE_AND: Final = frozenset(["instead", "again", "too", "also", "then", "later", "anyway"])


def _writers_next_act(tokens: list[Token], k: int, end: int) -> bool:
    """From ``k`` (right after a closing mark): "and" (maybe after an adverb), then the subject's next clause
    or act: 'and he didn't ...', 'and ranked ...', 'and swears Latinos love him', 'instead and made ...'."""
    if tokens[k].lower in _ADVERBS_BEFORE_AND and k + 1 < end:
        k += 1
    if tokens[k].lower != "and" or k + 2 >= end:
        return False
    nxt, after = tokens[k + 1], tokens[k + 2]
    if _pronoun_subject(nxt) or _past_form(nxt) or nxt.lower in _IRREGULAR_PAST:
        return True
    # a verb in -s ("swears", "insists") before the start of its object clause
    return nxt.is_word and not nxt.capitalized and nxt.lower.endswith("s") and len(nxt.lower) > 3 and (
        nxt.lower not in STOP_WORDS) and (after.capitalized or _pronoun_subject(after) or after.lower == "that")


def _next_speakers_clause(tokens: list[Token], k: int, end: int, lexicon: dict[str, VerbInfo]) -> bool:
    """From ``k`` (right after a closing mark): "and" or "while", a subject of its own and a verb of saying,
    the next attribution: 'said "not likely" and 14 percent said "..."', '"safe" while Ola Lund said ...'."""
    if tokens[k].lower not in ("and", "while", "whereas") or k + 2 >= end:
        return False
    for v in range(k + 2, min(end, k + 9)):
        tok = tokens[v]
        if tok.text in TERMINATORS or tok.text == "," or tok.text in QUOTE_CHARS:
            return False
        info = lexicon.get(tok.lower)
        if info is not None and info.speech and not tok.capitalized:
            before = tokens[v - 1]
            return before.is_word and before.lower not in _NOT_A_SUBJECT and before.lower not in NOUN_MARKERS
    return False


def _coordinated_verb(tokens: list[Token], start_index: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """Index of "and" in "..., and said that ..." / "... and then accused ..." / "... but said ..." after
    ``start_index``, if any."""
    quoting = False  # inside a quotation the content opened, "and credit industries" is the speaker's words
    for k in range(start_index, len(tokens) - 1):
        quoting = _quoting_in_content(tokens[k].text, quoting)
        if quoting:
            continue
        if tokens[k].text == "," and tokens[k + 1].lower.endswith("ing"):
            info = lexicon.get(tokens[k + 1].lower)
            if info is not None and info.speech:
                return k  # "..., saying that ...", "..., adding ..."
        if tokens[k].text in CLOSING_QUOTES and tokens[k - 1].text == "," and tokens[k + 1].lower.endswith("ing"):
            info = lexicon.get(tokens[k + 1].lower)
            if info is not None and info.speech:
                return k  # '..."proud of the town," adding ...': the closing mark, kept with the first content
        # ("X conceded that A but implied that B": two contents; the test of the word first, as this runs on
        # every token of the content)
        if tokens[k].lower in ("and", "but") and _coordinated_verb_at(tokens, k, lexicon):
            return k
    return None


def _coordinated_verb_at(tokens: list[Token], k: int, lexicon: dict[str, VerbInfo]) -> bool:
    """An "and"/"but" at ``k`` before a verb of saying, maybe after a pronoun or an adverb: "and said",
    "but he added", "and then told"."""
    if tokens[k].lower not in ("and", "but") or k + 1 >= len(tokens):
        return False
    nxt = tokens[k + 1]
    if nxt.lower in ("he", "she", "they", "then", "also", "later") and k + 2 < len(tokens):
        nxt = tokens[k + 2]
    info = lexicon.get(nxt.lower)
    return info is not None and info.speech and not nxt.capitalized


def _pronoun_subject(tok: Token) -> bool:
    """``he``, ``they`` or a contraction of one (``he’s``, ``they'd``): a clause's subject."""
    return tok.lower.replace("’", "'").partition("'")[0] in SUBJECT_PRONOUNS


def _starts_clause(tok: Token) -> bool:
    low = tok.lower
    if low in CLAUSE_STARTERS:
        return True
    for apo in ("’", "'"):
        if apo in low and low.split(apo, 1)[0] in CLAUSE_STARTERS | {"there", "that", "here", "what"}:
            return True  # he’d, it’s, there’s, they’re
    return False


def find_indirect(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo],
                  title_case: bool = False) -> list[IndirectMatch]:
    """Indirect attributions of one sentence: the outermost one, plus coordinated ones by the same
    speaker ("X said that A and accused Y of B" -> two contents, both X's), after the content of an
    opening participle ("After saying A, X ...", X's).

    ``title_case``: a headline in title case ("Clinton Says Crash Seems Like Terrorism"), where verbs are
    capitalised too.
    """
    if title_case:
        tokens = [Token(t.start, t.end, t.lower) if t.lower in lexicon else t for t in tokens]
    out: list[IndirectMatch] = []
    rest = tokens
    # "After saying he was nervous, the man ...": the participle's content comes first, then the main clause
    fronted = _fronted_participle(text, tokens, lexicon) if len(tokens) > 6 else None
    if fronted is not None:
        out.append(fronted[0])
        rest = tokens[fronted[1] + 1 :]
    for _ in range(3):  # at most three attributions per sentence (each scan is on what is left)
        found = _find_indirect_with_coordination(text, rest, lexicon)
        if not found or (out and found[0].start < out[-1].end):
            break
        _stop_before_next_speaker(rest, found[-1], lexicon)
        out.extend(found)
        last = found[-1]
        if last.cue.how in ("after", "inverted") and last.end <= last.cue.cue.start:
            # "CONTENT, Lee said, adding that ...": the participle goes on with the same speaker
            past_cue = max(last.cue.cue.end, last.cue.np.mention.end)  # (after "said" or "said Ann Lee")
            after_i = next((i for i, t in enumerate(rest) if t.start >= past_cue), len(rest))
            more = continuation_after_cue(text, rest[after_i:], lexicon)
            if more is not None:
                out.append(IndirectMatch(more[0], more[1], Cue(last.cue.np, more[2], "indirect")))
                found = [out[-1]]
        # "X, who endorsed Y, said ...": the relative clause's verb was found first; the main one is X's too
        main = _main_clause_after_relative(text, rest, found[-1], lexicon)
        if main:
            out.extend(main)
            found = main
        # "X urged Congress to keep it, although they say they support ...": the clause after the
        # content's end may hold an attribution of its own
        done = max(found[-1].end, found[-1].cue.cue.end)  # (past the cue too: "CONTENT, X said ..." uses it up)
        k = next((i for i, t in enumerate(rest) if t.start >= done), len(rest))
        while k < len(rest) and (rest[k].text in ",;—–-" or rest[k].lower in CONTENT_CUTTERS
                                 or rest[k].lower in CLAUSE_CONJUNCTIONS or rest[k].lower == "and"):
            k += 1
        if len(rest) - k < 5:
            break
        rest = rest[k:]
    # "a spokeswoman, who declined to be named, said": the writer's note on the source, not what it said
    return [m for m in out if not _ANONYMITY_RE.match(text, m.start)]


_NOT_A_SUBJECT = AUX_ADVERBS | {"and", "to"}
#: A content that is only the writer's note on an unnamed source ("declined to be named").
_ANONYMITY_RE = re.compile(r"(?:not )?to be (?:named|identified)\b")


def _fronted_participle(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> tuple[IndirectMatch, int] | None:
    """'After saying he was nervous, the man ...', 'Citing the attack, Will urged ...', 'Having announced that
    ..., Judge Lund adjourned': a sentence that opens with a participle of the lexicon says what the main
    clause's subject said. Returns the match and the index of the comma after the content."""
    n = len(tokens)
    i = 1 if tokens[0].lower in ("but", "and") else 0
    if i < n and tokens[i].lower in _PARTICIPLE_PREPOSITIONS:
        i += 1
    if i + 3 >= n:
        return None
    v = i
    if tokens[i].lower == "having":
        v = i + 1
    elif not _ing_form(tokens[i].lower):
        return None
    info = lexicon.get(tokens[v].lower)
    if info is None or info.base in _NOT_FRONTED:
        return None
    first = v + 1
    if tokens[first].lower in _CONTENT_AFTER_PARTICLE.get(info.base, ()):
        first += 1
    if first >= n or not tokens[first].is_word or tokens[first].lower in PREPOSITIONS or (
            tokens[first].lower in TIME_WORDS or tokens[first].lower in ("for", "of")):
        return None  # "Speaking at a rally, ...", "Writing on Monday, ...": where and when, not what
    for c in range(first + 1, min(n - 2, first + 40)):
        tok = tokens[c]
        if tok.text in TERMINATORS or tok.text in (";", ":") or _spaced_dash(tokens, c):
            return None
        if tok.text != ",":
            continue
        s = c + 1
        closing = tokens[s].text in CLOSING_QUOTES and s + 1 < n  # 'After calling the plan "a fraud," Ann Lee ...'
        if closing:
            s += 1
        if tokens[s].lower in SUBJECT_PRONOUNS:
            e = s + 1
        else:
            e = collect_right(tokens, s, n, lexicon)
        if e <= s or e >= n:
            continue
        # (the NP reading can run on over a verb it takes for a noun: "the harbour master left for Dover")
        e = next((k for k in range(s + 1, e) if tokens[k].lower in _FINITE_AFTER_SUBJECT), e)
        while e > s + 1 and tokens[e - 1].lower in AUX_ADVERBS:
            e -= 1  # ("the pope again demonstrated": the NP stops before the adverb)
        v2 = e
        while v2 + 1 < n and tokens[v2].lower in AUX_ADVERBS and tokens[v2].lower not in _FINITE_AFTER_SUBJECT:
            v2 += 1
        verb = tokens[v2]
        if not (_verb_like(verb, lexicon) or verb.lower in _FINITE_AFTER_SUBJECT):
            continue
        np = _np(text, tokens[s:e])
        if np is None or np.kind not in ("person", "org", "generic", "anaphor"):
            continue
        # (the writer's ", which ..." or ", while ..." inside is not content; a closing mark is)
        end = tokens[c + 1].end if closing else _content_end(tokens, c, first)
        m = IndirectMatch(tokens[first].start, end, Cue(np, _mention(text, [tokens[v]]), "indirect"),
                          belief=not info.speech)
        return m, c
    return None


#: Subordinators that open the writer's clause after an object: "... after Mrs. Clinton accused him".
_WRITERS_SUBORDINATORS = frozenset(["as", "while", "after", "when", "before", "because", "since", "until"])


def _writers_clause(tokens: list[Token], i: int, lexicon: dict[str, VerbInfo]) -> bool:
    """A clause opens at ``tokens[i]``: a subject (a pronoun, a determiner, a name) and a verb within four
    more words."""
    if not (_starts_clause(tokens[i]) or tokens[i].capitalized):
        return False
    for k in range(i + 1, min(len(tokens), i + 5)):
        tok = tokens[k]
        if not tok.is_word:
            return False
        verb = _verb_like(tok, lexicon) and tokens[k - 1].lower not in NOUN_MARKERS
        if tok.lower in _RELATIVE_GAP_VERBS or verb or (
                tok.lower.endswith("s") and not tok.capitalized and tokens[k - 1].capitalized and k == i + 1):
            return True  # (a present tense after a name: "as Trump consolidates")
    return False


def _quoted_title_after(tokens: list[Token], lo: int, hi: int) -> int:
    """How many tokens a title in quote marks takes when it opens within ``tokens[lo:hi]`` (its words
    capitalised: "This Week With George Stephanopoulos"); 0 without one."""
    for i in range(lo, hi):
        if tokens[i].text in ('"', "“"):
            for j in range(i + 1, min(len(tokens), i + 12)):
                if tokens[j].text in ('"', "”"):
                    inner = [t for t in tokens[i + 1 : j] if t.is_word]
                    return j - i + 1 if inner and all(t.capitalized or len(t.text) <= 3 for t in inner) else 0
                if not tokens[j].is_word and tokens[j].text not in ("'", "’", "-", ":"):
                    return 0
            return 0
    return 0


#: Words that open a clause inside an object.
_CLAUSE_WORDS = frozenset(["who", "whom", "whose", "which", "that", "how", "why", "what", "where", "when", "because",
                           "if", "whether"])
#: Between "and"/"but" and the verb of a second predicate: "and later said", "but has not yet".
_BEFORE_SECOND_PREDICATE = frozenset(["also", "even", "then", "later", "not", "never", "still", "so", "far"])


def _end_of_object(tokens: list[Token], start_i: int, end: int, lexicon: dict[str, VerbInfo]) -> int:
    """Where an object content ends: before a second predicate of the subject ("endorsed Garland and said
    Republicans should ...", "praised Rubio but has withheld her endorsement") or before the writer's clause
    of time or reason ("criticized his personal life after Mrs. Clinton accused him")."""
    quoted = False  # (a quotation in the object: its words are the speaker's, and PolNeAR keeps what follows)
    for k in range(start_i + 1, len(tokens) - 1):
        tok = tokens[k]
        if tok.start >= end:
            break
        if tok.text in QUOTE_CHARS:
            quoted = True
        if not quoted and tok.lower in _WRITERS_SUBORDINATORS and k > start_i + 1 and k + 2 < len(tokens) and (
                _writers_clause(tokens, k + 1, lexicon) or (tok.lower != "as" and _ing_form(tokens[k + 1].lower))):
            # "criticized Mr. Clinton's personal life after Mrs. Clinton accused him", "praised his friendship
            # before savaging ...": the writer's clause of time or reason
            cut = k - 1 if tokens[k - 1].text == "," else k
            return tokens[cut - 1].end
        if tok.lower in _CLAUSE_WORDS or tok.lower in _RELATIVE_GAP_VERBS or (_verb_like(tok, lexicon) and (
                tokens[k - 1].lower not in NOUN_MARKERS)):  # ("the plan and said": "plan" is a noun)
            break  # a clause inside the object ("Rafael Cruz, who was born and raised ..."): its own "and"
        if tok.lower not in ("and", "but"):
            continue
        j = k + 1
        while j < len(tokens) - 1 and tokens[j].lower in _BEFORE_SECOND_PREDICATE:
            j += 1
        nxt = tokens[j]
        if _verb_like(nxt, lexicon) or nxt.lower in _RELATIVE_GAP_VERBS:
            cut = k - 1 if tokens[k - 1].text == "," else k
            return tokens[cut - 1].end if cut > start_i else end
    return end


#: Prepositions that open a participle aside after the subject: "Lee, after alleging that ..., said".
_ASIDE_PREPOSITIONS: Final = frozenset(["after", "before", "while", "when", "since", "despite", "without", "by"])


def _aside_comma(tokens: list[Token], cue_i: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The comma that opens the aside holding the cue at ``cue_i``: a relative clause (", who has endorsed
    Berg,"), one that closes an apposition (", a Republican who has refused ..."), or a participle right
    after the subject ("Salceda, citing data ...,"); None when the cue is in no such aside."""
    if cue_i > 1 and tokens[cue_i].lower.endswith("ing") and tokens[cue_i - 1].text == "," and collect_left(
            tokens, cue_i - 2, 0, lexicon) <= (1 if tokens[0].lower in ("but", "and") else 0):
        return cue_i - 1
    if cue_i > 2 and tokens[cue_i].lower.endswith("ing") and tokens[cue_i - 1].lower in _ASIDE_PREPOSITIONS and (
            tokens[cue_i - 2].text == ",") and collect_left(tokens, cue_i - 3, 0, lexicon) <= (
            1 if tokens[0].lower in ("but", "and") else 0):
        return cue_i - 2  # "Lee, after alleging that ..., said ..."

    for i in range(cue_i - 1, max(-1, cue_i - 6), -1):
        if tokens[i].lower in ("who", "which") and i > 0 and tokens[i - 1].text == ",":
            return i - 1
        if tokens[i].lower in ("who", "which") and i > 2:
            # "Gov. Ann Lee of Ohio, a Republican who has refused to endorse Berg, said ..."
            c = next((j for j in range(i - 1, max(-1, i - 9), -1) if not tokens[j].is_word), None)
            return c if c is not None and tokens[c].text == "," and tokens[c + 1].lower in ("a", "an", "the") else None
        if tokens[i].text in TERMINATORS or tokens[i].text == "," or tokens[i].text in QUOTE_CHARS:
            return None
    return None


def _main_clause_after_relative(text: str, tokens: list[Token], m: IndirectMatch,
                                lexicon: dict[str, VerbInfo]) -> list[IndirectMatch]:
    """When ``m``'s cue sits in a relative clause between commas ("Sen. Ann Lee, who has endorsed Berg,
    said the pier ..."), end ``m`` at the clause's closing comma when a verb follows it, and return the
    attributions of the main clause read without the relative clause ("Sen. Ann Lee said the pier ...")."""
    cue_i = next((i for i, t in enumerate(tokens) if t.start >= m.cue.cue.start), None)
    if cue_i is None:
        return []
    rel = _aside_comma(tokens, cue_i, lexicon)
    if rel is None or rel < 1:
        return []
    end_i = next((i for i in range(cue_i + 1, len(tokens)) if tokens[i].text == ","), None)
    if end_i is None or end_i + 2 >= len(tokens):
        return []
    clause_end = tokens[end_i - 1].end
    if tokens[end_i + 1].text in CLOSING_QUOTES and end_i + 3 < len(tokens):
        end_i += 1  # 'who called the plan "a disgrace," said': the clause ends with the quote's closing mark
        clause_end = tokens[end_i].end
    verb = tokens[end_i + 1]
    relative = tokens[rel + 1].lower in ("who", "which")  # (not an aside "Fishing, according to X, has ...")
    if not (_verb_like(verb, lexicon) or relative and verb.lower in _FINITE_WORDS) or m.start >= tokens[end_i].start:
        return []  # (nor when the content found lies past the clause: it is not the clause's)
    if m.end > clause_end:
        m.end = clause_end  # ("Cruz, who has seen his lead evaporate, challenged ...": not the main clause)
    if verb.lower not in lexicon and not (verb.lower in _FINITE_WORDS and any(
            t.lower in lexicon for t in tokens[end_i + 2 : end_i + 4])):
        return []  # (", has denied that ...": the main clause's verb after its auxiliary)
    main = tokens[:rel] + tokens[end_i + 1 :]  # (tokens keep their offsets: spans stay right)
    found = _find_indirect_with_coordination(text, main, lexicon)
    return [f for f in found if f.cue.cue.start >= verb.start]


#: After a comma, words that open the next clause; with a subject and a verb of saying of its own it is the next
#: attribution ("..., and critics say ...", "..., after half said so in May").
_NEXT_CLAUSE_OPENERS: Final = frozenset(["and", "after", "before", "since", "until"])


def _stop_before_next_speaker(tokens: list[Token], m: IndirectMatch, lexicon: dict[str, VerbInfo]) -> None:
    """End ``m``'s content before ", while other voters said ...", ", but critics say ...": a clause with a
    speaker and a reporting verb of its own is the next attribution (found by the caller's next scan)."""
    quoting = False  # inside quoted words, "and who claim ..." is the quoted speaker's, no next attribution
    for k in range(len(tokens) - 4):
        quoting = _quoting_in_content(tokens[k].text, quoting)
        if quoting:
            continue
        # "... the pier is safe and Ola Lund said ...", "... "safe enough" while Ola Lund said ...":
        # "and", "while" or "whereas" with no comma, between a lower-case word or a closing mark (not
        # "Democrats and Democratic leaners said", one subject) and a name; or a share with its own "say"
        # ("... and one in four said ..."), unless the content is one finding ("found that 37 percent say
        # ..., 39 percent blame ... and 22 percent say ...")
        # (the word tests first: this runs on every token of the sentence)
        conjunction = tokens[k].lower in ("and", "while", "whereas") and tokens[k].start > m.start + 8
        share = conjunction and not tokens[k + 1].capitalized and _quantity(tokens[k + 1]) and not m.belief
        bare_and = conjunction and (tokens[k + 1].capitalized or share) and ((
            tokens[k - 1].is_word and not tokens[k - 1].capitalized) or tokens[k - 1].text in CLOSING_QUOTES)
        if not bare_and and (tokens[k].start <= m.start + 8 or tokens[k].text != ","):
            continue
        if tokens[k].start >= m.end:
            return
        with_name = tokens[k + 1].lower == "with" and tokens[k + 2].capitalized
        if not bare_and and not with_name and tokens[k + 1].lower not in CLAUSE_CONJUNCTIONS and (
                tokens[k + 1].lower not in _NEXT_CLAUSE_OPENERS):
            continue  # (", after half said so in May": a when of the writer's, with its own speaker)
        relative = False  # ('"insanity," and Lee, who says it is "disastrous."': the name, then its relative clause)
        for v in range(k + 2 if bare_and else k + 3, min(len(tokens) - 1, k + (10 if bare_and else 8))):
            tok = tokens[v]
            info = lexicon.get(tok.lower)
            if bare_and and tok.text == "," and tokens[v + 1].lower == "who" and v - k <= 4:
                relative = True
                continue
            if relative and tok.lower == "who" and tokens[v - 1].text == ",":
                continue
            if tok.text in TERMINATORS or tok.text == "," or tok.text in QUOTE_CHARS:
                break
            if info is not None and info.speech and not tok.capitalized and (
                    tokens[v - 1].lower not in NOUN_MARKERS) and (not (bare_and and share) or info.base == "say"):
                before = tokens[v - 1]
                # a subject of its own right before the verb ("other voters said"), or before its auxiliary
                # ("critics have said"); not "..., and said" (the same subject) nor "..., but to say"
                own_subject = before.is_word and before.lower not in _NOT_A_SUBJECT or (
                    before.lower in AUX_ADVERBS and tokens[v - 2].is_word and tokens[v - 2].lower != "and") or (
                    relative and before.lower == "who")
                if own_subject and (not with_name or tok.lower.endswith("ing")):
                    # (", with Ola Lund saying ...": the writer's absolute clause, with words of her own)
                    m.end = tokens[k - 1].end
                    return
                break


def _find_indirect_with_coordination(text: str, tokens: list[Token],
                                     lexicon: dict[str, VerbInfo]) -> list[IndirectMatch]:
    """The outermost attribution of ``tokens`` and a coordinated one by the same speaker."""
    m = _find_indirect(text, tokens, lexicon)
    if m is None:
        return []
    out = [m]
    if m.cue.how != "indirect":
        return out
    start_index = next((i for i, t in enumerate(tokens) if t.start >= m.start), len(tokens))
    k = _coordinated_verb(tokens, start_index + 1, lexicon)
    while k is not None and tokens[k].lower == "and" and k + 1 < len(tokens) and _base_form(
            tokens[k + 1].lower, lexicon) and not _base_form(m.cue.cue.text.lower(), lexicon):
        # "says he'd sit Ann Lee down and tell her ...": a verb in its base form is no act of the speaker's
        # (who "says", "said"); the reported clause goes on
        k = _coordinated_verb(tokens, k + 1, lexicon)
    if k is None or k <= start_index + 1:
        return out  # (a content of one word at least before "and": "blasted the council and said ...")
    if tokens[k].text in CLOSING_QUOTES:
        if m.end < tokens[k - 1].start:
            return out  # (the content ended before the quote: "..., Rubio fired back: "...," adding" is Rubio's)
        m.end = tokens[k].end
    else:
        m.end = tokens[k - 2 if tokens[k - 1].text == "," else k - 1].end
    more = _coordinated_content(text, tokens, k, m.cue.np, lexicon)
    if more is not None:
        out.append(more)
    return out


def _base_form(word: str, lexicon: dict[str, VerbInfo]) -> bool:
    """A reporting verb in its base form: "say", "tell" (not "said", "says")."""
    info = lexicon.get(word)
    return info is not None and word == info.base


def _coordinated_content(text: str, tokens: list[Token], k: int, np: SpeakerNP,
                         lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """What the verb after the "and", "but" or comma at ``k`` (see :func:`_coordinated_verb`) reports, said by
    ``np``: "... and said that ...", "..., and he said ...", "..., saying ...", "... and then told X that ..."."""
    v = k + 1 if lexicon.get(tokens[k + 1].lower) else k + 2
    info = lexicon.get(tokens[v].lower) if v < len(tokens) else None
    first_i = v + 1
    if info is not None and info.base == "tell" and v + 2 < len(tokens) and tokens[v + 2].lower == "that":
        first_i = v + 2  # ", telling reporters that ...": skip the addressee
    if info is None or first_i + 1 >= len(tokens):
        return None
    if tokens[first_i].lower == "only" and first_i + 2 < len(tokens) and tokens[first_i + 1].lower == "that":
        first_i += 1  # ", saying only that ...": what was said runs from "that", as after "said only that"
    elif tokens[first_i].lower in ("in", "on", "at", "during"):
        # "... but said in a statement that ...": the where, then what was said
        that = next((i for i in range(first_i + 1, min(len(tokens) - 1, first_i + 7)) if tokens[i].lower == "that"
                     or not tokens[i].is_word), None)
        if that is not None and tokens[that].lower == "that":
            first_i = that
    first = tokens[first_i]
    start = None
    if first.lower == "that" or (info.bare and _starts_clause(first)) or ("object" in info.tags and first.is_word):
        start = first.start
    elif info.base == "say" and first.is_word and not first.capitalized and first.lower not in STOP_WORDS and (
            first.lower not in TIME_WORDS and first.lower not in ("so", "no", "yes")):
        start = first.start  # "... and said funding is needed": what "say" is followed by is what was said
    elif info.base == "say" and first.capitalized and _name_then_finite_verb(tokens, first_i):
        start = first.start  # "... and said Lund was not involved": a clause whose subject is a name
    if start is None:
        return None
    end = _content_end(tokens, len(tokens), first_i)
    if end - start < 8:
        return None
    if v == k + 2 and tokens[k + 1].lower in SUBJECT_PRONOUNS:
        # "Durbin said ..., and he said ...": the same speaker, whose mention here is the pronoun
        pron = tokens[k + 1]
        np = SpeakerNP(np.kind, Mention(pron.text, pron.start, pron.end), np.name, np.title, np.pronoun)
    return IndirectMatch(start, end, Cue(np, _mention(text, [tokens[v]]), "indirect"), belief=not info.speech)


#: Words that link a clause to what comes before it: a phrase that holds one is no short phrase.
_CLAUSE_LINKS: Final = frozenset(["whether", "what", "how", "why", "who", "whom", "which", "if", "that", "when",
                                  "where", "and", "or", "but"])
def _name_then_finite_verb(tokens: list[Token], i: int) -> bool:
    """Capitalised words from ``i`` (a name), then a finite verb: "Lund was", "Ann Lee will"."""
    k = i
    while k < len(tokens) and k - i < 4 and (tokens[k].capitalized or _is_abbrev_dot(tokens, k)):
        k += 1
    return k > i and k < len(tokens) and tokens[k].lower in _FINITE_WORDS


def coordinated_after_quote(text: str, tokens: list[Token], np: SpeakerNP,
                            lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """'She declared "What a day!" and said that ...': what the speaker of a quote goes on to report.
    ``tokens`` start right after the quote's closing mark and end with its sentence."""
    if len(tokens) < 4 or not (_coordinated_verb_at(tokens, 0, lexicon) or (
            tokens[0].text in CLOSING_QUOTES and tokens[1].lower.endswith("ing") and lexicon.get(tokens[1].lower)
            and lexicon[tokens[1].lower].speech)):
        return None  # (the tokens may start at the closing mark: '"...," adding that ...')
    return _coordinated_content(text, tokens, 0, np, lexicon)


#: Words that cannot open a subject: the clause found is not one ("Even if ...", "But ...").
_NOT_SUBJECT_START = STOP_WORDS | _SENTENCE_ADVERBS | frozenset(["even", "if", "as", "so", "not", "only", "also"])


def _participle_opening(tokens: list[Token], start: int, v: int) -> bool:
    """The clause opens with a participle phrase, not a subject: "Having announced ...", "Holding signs ...",
    "Raising the prospect ..." (but a gerund with "of" is a noun, "Polling of union voters shows", and one
    before a title a modifier, "Managing editor Ann Lee said")."""
    first = tokens[start]
    if first.lower == "having":
        return True
    return (_ing_form(first.lower) and start + 1 < v and tokens[start + 1].is_word and not tokens[start + 1].capitalized
            and tokens[start + 1].lower != "of" and tokens[start + 1].lower not in PERSON_TITLE_HEADS)


#: A share of the people asked, as the subject of "say": "About one in five say", "Just over a quarter say".
_SHARE_OPENERS = frozenset(["about", "nearly", "just", "roughly", "almost", "only", "over", "under", "more", "fewer",
                            "less", "around"])
_SHARE_WORDS = _NUMBER_WORDS | frozenset(["half", "third", "thirds", "quarter", "quarters", "percent", "%",
                                          "majority", "majorities", "most", "fifth", "fifths"])


def _loose_subject(text: str, tokens: list[Token], v: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The subject of ``said`` when it does not read as a noun phrase: everything from the clause start to the
    verb, up to a relative pronoun ("One in four voters in a Times poll last year said", "Many in the crowd
    said", "Another Muslim who worshiped here and who did not want to be named said", "insiders in the next
    two states — Nevada and South Carolina — said"). An aside between dashes is skipped; the clause starts
    after a comma, semicolon, colon or quote mark. At most 16 tokens before the relative pronoun, and the
    first must be able to open a subject."""
    k = v - 1
    if k >= 2 and tokens[k].text == ",":
        # "Just over a quarter, 26 percent, say ...": a share in commas after the subject
        j = next((j for j in range(k - 1, max(-1, k - 5), -1) if tokens[j].text == ","), None)
        if j is not None and j + 1 < k and all(t.text[0].isdigit() or t.lower in ("percent", "%")
                                               for t in tokens[j + 1 : k]):
            k = j - 1
            v = j
    while k >= 0 and v - k <= 24:
        t = tokens[k].text
        if _spaced_dash(tokens, k):
            back = next((j for j in range(k - 1, max(-1, k - 12), -1) if tokens[j].text in DASHES), None)
            if back is None:
                break
            k = back - 1
            continue
        if t in (",", ";", ":") or t in TERMINATORS or t in QUOTE_CHARS:
            break
        k -= 1
    start = k + 1
    share = start < v and tokens[start].lower in _SHARE_OPENERS and any(
        t.text[0].isdigit() or t.lower.rsplit("-", 1)[-1] in _SHARE_WORDS for t in tokens[start + 1 : v])
    if start >= v or (tokens[start].lower in _NOT_SUBJECT_START and not share) or not tokens[start].is_word:
        return None
    if _participle_opening(tokens, start, v):
        return None
    stop = next((j for j in range(start + 1, v) if tokens[j].lower in ("who", "which", "that", "whose")), v)
    if stop - start > 16:
        return None
    words = [t.lower for t in tokens[start:stop] if t.is_word]
    if not words or any(w in lexicon and (w.endswith("ed") or w in ("said", "told", "wrote", "thought", "says"))
                        for w in words):
        return None  # a reporting verb in the past tense inside: another clause, not a subject
    end = stop
    while end > start and not tokens[end - 1].is_word:
        end -= 1  # (a trailing dash or parenthesis)
    return analyse_np(text, tokens[start:end])


#: Verbs whose phrase after a particle is the content: "X responded to the charge", "X pointed to the poll",
#: "X called on Congress to pass the deal", "X referred to the pier as 'a death trap'", "X spoke of his faith".
#: (Not "speak on": "speaking on condition of anonymity"; not "warn of": PolNeAR's content keeps the "of"; not
#: "comment on": "X commented on the evacuation" names a topic that the quotes after it fill in.)
_CONTENT_AFTER_PARTICLE = {"respond": ("to",), "reply": ("to",), "react": ("to",), "point": ("to",), "call": ("on",),
                           "refer": ("to",), "allude": ("to",), "insist": ("on",),
                           "boast": ("of", "about"), "speak": ("of", "against"), "argue": ("for", "against")}
#: A relative clause's verb right after the reporting verb: "which officials said will go into effect".
_RELATIVE_GAP_VERBS = frozenset(["is", "are", "was", "were", "could", "would", "will", "has", "have", "had", "may",
                                 "might", "should", "can", "must"])
#: Finite forms that show a clause has begun: "Lund was", "the guild will", "he didn't".
_FINITE_WORDS: Final = _RELATIVE_GAP_VERBS | frozenset(["did", "does", "do", "isn't", "wasn't", "won't", "didn't",
                                                        "doesn't"])


#: Before a participle, these make it passive: its subject is not who speaks.
_PASSIVE: Final = frozenset(["is", "was", "are", "were", "be", "been", "being"])


#: Prepositions that may open a fronted participle phrase: "After saying he was nervous, the man ...".
_PARTICIPLE_PREPOSITIONS = frozenset(["after", "before", "while", "when", "in", "by", "upon", "since", "despite",
                                      "besides"])
#: Determiners that open the subject of a reported clause right after a verb: "said the plan was bad".
_CLAUSE_DETERMINERS = frozenset(["the", "a", "an", "this", "his", "her", "their"])
#: Verbs whose fronted participle names an audience or a source, not what was said: "Addressing the gala, ...".
_NOT_FRONTED = frozenset(["address", "cite", "point"])
#: Finite verbs that can follow a main clause's subject (besides past forms and the lexicon's verbs).
_FINITE_AFTER_SUBJECT = _RELATIVE_GAP_VERBS | frozenset([
    "does", "did", "do", "left", "went", "came", "made", "took", "gave", "got", "met", "held", "began", "ran", "sent",
    "spent", "kept", "became", "found", "brought", "stood", "won", "lost", "sat", "saw", "drew", "struck", "broke"])


def _plural(low: str) -> bool:
    """A plural noun, the subject of a base-form verb ("the officials say", "the fishermen plan")."""
    return (low.endswith("s") and not low.endswith("ss")) or low.endswith("men") or low in (
        "people", "children", "police", "staff", "public", "media")


def _after_article(lowers: list[str], v: int) -> bool:
    """An article opens the noun phrase that ends at ``v`` (at most three words before it)."""
    for k in range(v - 1, max(-1, v - 4), -1):
        if lowers[k] in ("a", "an", "the", "another"):  # ("Another challenge: ...": a noun)
            return True
        if not lowers[k][:1].isalnum() or lowers[k] in STOP_WORDS:
            return False  # ("the company would plan to": a verb after its auxiliary)
    return False


def _passive(lowers: list[str], v: int) -> bool:
    """The verb at ``v`` is a passive participle: "is expected", "isn't expected", "are widely expected"."""
    if lowers[v].endswith("ing"):
        return False  # "is asking": progressive
    k = v - 1
    while k > 0 and v - k < 3 and (lowers[k] in ("not", "also", "still", "now", "already", "long") or (
            lowers[k].endswith("ly") and len(lowers[k]) > 3)):
        k -= 1  # "was not expected", "is widely expected"
    before = lowers[k]
    return before in _PASSIVE or before in ("isn't", "wasn't", "aren't", "weren't", "isn’t", "wasn’t", "aren’t",
                                           "weren’t")


def _reduced_relative(lowers: list[str], v: int) -> bool:
    """The past form at ``v`` opens a reduced relative clause after a comma: "His jet, often referred to as
    Trump Force One, has ..." (a passive: the jet is not who refers)."""
    if not lowers[v].endswith("ed"):
        return False
    k = v - 1
    while k > 0 and (lowers[k] in ("often", "also", "sometimes", "widely", "commonly", "once") or (
            lowers[k].endswith("ly") and len(lowers[k]) > 3)):
        k -= 1
    return lowers[k] == ","


def _calls_by_name(tokens: list[Token], lowers: list[str], v: int) -> bool:
    """``called`` that names or phones, not speech: "a website called Real News", "a group called Ginbot 7",
    "as the bill is called", "Trump called into the program"."""
    if lowers[v + 1] in ("into", "in", "up", "back", "out") or lowers[v - 1] in _PASSIVE:
        return True
    if not tokens[v + 1].capitalized:
        return False  # ("A spokesman called the plan a disaster": speech)
    e = v + 1
    while e < len(tokens) and (tokens[e].capitalized or tokens[e].text[0].isdigit()):
        e += 1
    if e < len(tokens) and lowers[e] in ("a", "an", "the", "as", "his", "her", "their", "its"):
        return False  # "A spokesman called Clinton a liar": an object and what it was called
    for k in range(v - 1, max(-1, v - 5), -1):
        if lowers[k] in ("a", "an"):
            return True  # "a new group called Black Votes Matter": the indefinite article of the thing named
        if not tokens[k].is_word or tokens[k].capitalized and k < v - 1 or lowers[k] in SUBJECT_PRONOUNS:
            return False
    return False


def _as_clause_start(tokens: list[Token]) -> int:
    """Index of an ``as`` that opens a reporting clause after a conjunction ("But as X noted, ...", "..., and
    as Comey noted, ..."), or -1."""
    for k in range(1, min(len(tokens) - 4, 30)):
        if tokens[k].lower == "as" and tokens[k - 1].lower in ("but", "and", "yet", "so") and (
                k == 1 or tokens[k - 2].text == ","):
            return k
    return -1


def _early_reporting_clause(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """A reporting clause between commas near the start of a sentence:

    * ``Loyalty, he noted, has long been ...`` / ``For decades, Mr. de Vos noted, the United States ...``:
      the whole sentence is what was said (the clause is an aside inside it);
    * ``As another study from 2011 noted, the average age ...``: what follows the comma.
    """
    n = len(tokens)
    if n < 6:
        return None
    as_at = _as_clause_start(tokens)
    if as_at > 0:
        m = _early_reporting_clause(text, tokens[as_at:], lexicon)  # "But as Clyburn noted, ..."
        return m if m is not None and m.start > tokens[as_at].start else None
    as_clause = tokens[0].lower == "as"
    c1 = 0 if as_clause else next((k for k in range(1, min(n - 4, 8)) if tokens[k].text == ","), None)
    if c1 is None:
        return None
    c2 = next((k for k in range(c1 + 2, min(n - 3, c1 + 12)) if tokens[k].text == ","), None)
    if c2 is None:
        return None
    last_verb = _verb_before_when(tokens, c1 + 1, c2, lexicon)  # ("he noted on Monday,": the verb, then when)
    if last_verb is None:
        last_verb = _told_someone(tokens, c1 + 1, c2, lexicon)  # ("As Ann Lee told the Gazette,")
    if last_verb is None and lexicon.get(tokens[c1 + 1].lower) is None:
        return None  # the verb ends the clause ("he noted,") or opens it ("said Mr. Lind,")
    verb = last_verb if last_verb is not None else c1 + 1
    if not lexicon[tokens[verb].lower].speech or tokens[verb].capitalized or tokens[verb - 1].lower in _PASSIVE:
        return None  # (", as the bill is called,": a name, not a speaker)
    if verb == last_verb:
        np = subject_left(text, tokens, verb, c1 + 1, lexicon)  # "he noted,"
    elif tokens[verb].lower.endswith("ing"):
        return None  # "X, writing for the majority, said ...": a participle aside, not a reporting clause
    elif not lexicon[tokens[verb].lower].direct_cue:
        return None  # "The report, released Monday, found ...": a participle aside, not "said Mr. Lind,"
    else:
        np = np_right(text, tokens, verb + 1, c2, lexicon)  # "said Mr. Lind,"
    if np is None:
        return None
    cue = Cue(np, _mention(text, [tokens[verb]]), "indirect")
    if as_clause:
        return IndirectMatch(tokens[c2 + 1].start, _content_end(tokens, n, c2 + 1), cue)
    if any(t.text in QUOTE_CHARS for t in tokens[:c1]):
        return None
    after = tokens[c2 + 1]
    if verb == last_verb and (verb != c2 - 1 and _writers_addition(after) or (
            tokens[c1 + 1].lower == "as" and after.lower in ("and", "but"))):
        # "..., the AP declared on Thursday, two days after ...", "..., as the Gazette reported, and he ...":
        # the writer's words after the content (read as "CONTENT, X said" below)
        return None
    if after.lower.endswith("ing") and after.lower in lexicon:
        return None  # "The pier will close, Lee said, adding that ...": the clause ends what was said
    return IndirectMatch(tokens[0].start, _content_end(tokens, n), cue, aside=(tokens[c1].start, tokens[c2 + 1].start))


#: Verbs whose subject is also that of the verb after "to": "He continued to complain that ...".
_CATENATIVES = frozenset(["continued", "continues", "continue", "began", "begins", "begin", "started", "starts",
                          "tried", "tries", "try", "went", "goes", "seemed", "seems", "appeared", "appears",
                          "attempted", "sought", "used", "decided", "had", "has", "have"])


def _indirect_subject(text: str, tokens: list[Token], v: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The subject of the reporting verb at ``tokens[v]`` in "X said (that) CONTENT"."""
    if v >= 2 and tokens[v - 1].lower == "to" and tokens[v - 2].lower in _CATENATIVES:
        np = subject_left(text, tokens, v - 2, 0, lexicon)  # "He continued to complain that ...": his
        if np is not None:
            return np
    if tokens[v].lower.endswith("ing") and v > 0:
        # "Trump unleashed a series of tweets early Friday saying that ...": the clause's subject, not the
        # NP before the participle (its object or an adverbial)
        np = sentence_subject(text, tokens, v, lexicon)
        if np is not None and np.kind in ("person", "org", "pronoun", "anaphor"):
            return np
    np = subject_left(text, tokens, v, 0, lexicon)
    if np is None and subjectless(tokens, v):
        np = sentence_subject(text, tokens, v, lexicon)  # "She's a supporter but concedes that ..."
    return np


#: Nouns that are what was told, not who was told it ("told the story of ...", "tell the truth").
_TOLD_THINGS: Final = frozenset(["story", "stories", "tale", "tales", "truth", "lie", "lies", "joke", "jokes",
                                 "anecdote", "anecdotes"])


def _addressee_only(tokens: list[Token], start_i: int, end: int, lexicon: dict[str, VerbInfo]) -> bool:
    """The content found after "tell" (from token ``start_i`` to offset ``end``) is only who was told, perhaps
    with the writer's phrase of time or place: "told POLITICO", "told NBC News before her appearance"."""
    np_end = collect_right(tokens, start_i, len(tokens), lexicon)
    if np_end == start_i or any(t.lower in _TOLD_THINGS for t in tokens[start_i:np_end]):
        return False
    tail = [t for t in tokens[np_end:] if t.start < end]
    if tail and tail[0].lower not in PREPOSITIONS and tail[0].lower not in _WRITERS_SUBORDINATORS:
        return False  # "told The Star-Ledger she would ...", "Tells Guest Muslim Violence Is ..."
    if len(tail) > 1 and tail[0].lower in _WRITERS_SUBORDINATORS and (
            _verb_like(tail[1], lexicon) or tail[1].lower.endswith("ing")):
        return True  # "told the council when asked about the delay: ...": the writer's clause, then the quote
    for k, tok in enumerate(tail):
        if k == 0 and tok.lower in _WRITERS_SUBORDINATORS:
            continue  # (what follows tells whose clause it is: "told them when to come", "told them when asked")
        if tok.lower in ("that", "to", ",", "if") or tok.lower in _WH_WORDS or tok.lower in AUX_ADVERBS or (
                tok.text in QUOTE_CHARS or _pronoun_subject(tok) or _verb_like(tok, lexicon)):
            return False  # a clause: what was told
    return True


def _that_after_addressee(tokens: list[Token], e: int, n: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """Index of the "that" opening what was told when a phrase of the writer's follows the addressee NP that
    ends at ``e``: "told a crowd in Miami on Tuesday that ...", "telling reporters during a visit to Scotland
    that ...". None when a comma, a quote mark, a sentence end or another reporting verb comes first."""
    for k in range(e, min(n - 1, e + 15)):
        tok = tokens[k]
        if tok.lower == "that":
            return k
        if tok.text in TERMINATORS or tok.text in QUOTE_CHARS or tok.text == "," or tok.lower in lexicon:
            return None
    return None


def _place_after_name(tail: list[Token], np_end: int, np: SpeakerNP, lexicon: dict[str, VerbInfo]) -> bool:
    """'..., says political scientist Ann Lee in Almaty.': a short phrase after the named speaker of an
    inverted cue ends the sentence (a phrase, not an object: "said the plan put forward by X is ...")."""
    rest = tail[np_end + 1 :]
    return np.kind == "person" and np.name is not None and rest[0].lower in PREPOSITIONS and len(rest) <= 5 and (
        not any(t.lower == "that" or t.lower in lexicon for t in rest))


def _name_in_apposition(text: str, tokens: list[Token], comma: int, described: SpeakerNP,
                        closers: tuple[str, ...] = (",",)) -> tuple[SpeakerNP, int] | None:
    """A person's name between the comma at ``comma`` and the next one (or another of ``closers``), after a
    description of them (``described``): that person, with the description as their title, and the index
    of the token that closes the name."""
    if not any(t.lower in PERSON_TITLE_HEADS for t in tokens if described.mention.start <= t.start < described.mention.end):
        return None  # ("According to an FBI summary of its investigation, Cheryl Mills, ...": the content's subject)
    e = comma + 1
    while e < len(tokens) and e - comma <= 5 and (tokens[e].capitalized or _is_abbrev_dot(tokens, e)):
        e += 1
    ends_window = e == len(tokens) and "." in closers  # ('said the guild's spokesman, Ola Lund.': to the end)
    if e == comma + 1 or not ends_window and (e >= len(tokens) or tokens[e].text not in closers or (
            e + 2 >= len(tokens) and closers == (",",))):
        return None
    named = _np(text, tokens[comma + 1 : e])
    if named is None or named.kind != "person":
        return None
    description = described.name or described.mention.text
    for det in ("the ", "The "):
        description = description.removeprefix(det)
    named.title = named.title or description
    return named, e


def _opening_according(tokens: list[Token], lowers: list[str]) -> int | None:
    """Where "According to" opens the sentence's content: its first words, after an opening parenthesis
    ("(According to the police, ...)"), or a capitalised "According" after a colon."""
    if lowers[0] == "according" and lowers[1] == "to":
        return 0
    if tokens[0].text == "(" and lowers[1] == "according" and lowers[2] == "to":
        return 1
    if "according" not in lowers:
        return None
    a = lowers.index("according")
    if 1 < a < len(tokens) - 3 and tokens[a - 1].text == ":" and tokens[a].capitalized and lowers[a + 1] == "to":
        return a
    return None


def _last_clause(tokens: list[Token], end: int) -> int:
    """Where the content of "CONTENT, according to X" starts: after the sentence's last colon before
    ``end`` ("The tax has not hurt the city: it was the busiest port in 2015, according to one index": the
    source backs what follows the colon), else at the sentence's start."""
    for k in range(end - 2, 0, -1):
        if tokens[k].text != ":" or k + 2 >= end or tokens[k - 1].text.isdigit() and tokens[k + 1].text.isdigit():
            continue  # ("10:30 p.m.")
        marks = sum(1 for i in range(k) if tokens[i].text in QUOTE_CHARS and not _is_possessive_mark(tokens, i))
        if marks % 2:
            return 0  # ("''Crippled America: How to ...''": a title's colon)
        if not any(t.is_word and not t.capitalized and t.lower not in STOP_WORDS and t.lower != "of"
                   for t in tokens[k + 1 : end]):
            return 0  # ("... closest to her: Chief of Staff Ann Lee and ...": a list of names)
        return k + 1
    return 0


def _open_quotations(tokens: list[Token], end: int) -> list[bool]:
    """For each token before ``end``: whether a double quotation is open after it."""
    out = []
    quoting = False
    for tok in tokens[:end]:
        quoting = _quoting_after(tok.text, quoting)
        out.append(quoting)
    return out


def _verb_between_subject_and_clause(tokens: list[Token], v: int) -> bool:
    """``tokens[v]`` ("notes", "questions") is a verb: a subject pronoun or a name before it, "that" or the
    start of a clause after it ("He notes that ...", "Lynch notes they were ..."; not "Southern states that
    will vote ...", where "states" is a noun and "that" a relative pronoun)."""
    before, after = tokens[v - 1], tokens[v + 1]
    subject = before.lower in SUBJECT_PRONOUNS or before.capitalized and tokens[v].lower != "states"
    return subject and (after.lower in ("that", "whether") or after.lower in SUBJECT_PRONOUNS or (
        after.lower in _CLAUSE_DETERMINERS))


def _verb_before_when(tokens: list[Token], lo: int, end: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The index of a lexicon verb that ends ``tokens[lo:end]``, or that only a short "when" follows ("the
    Gazette reported on Saturday", "he noted last week"), else None."""
    if lexicon.get(tokens[end - 1].lower) is not None:
        return end - 1
    w = end - 1
    while w > lo and (tokens[w].lower in TIME_WORDS or tokens[w].lower in _DAY_PARTS):
        w -= 1
    if w < end - 1 and w > lo and tokens[w].lower in _WHEN_LEADS:
        w -= 1  # "on Saturday", "last week"
    return w if w < end - 1 and w > lo and lexicon.get(tokens[w].lower) is not None and not (
        _owned_noun(tokens, w)) else None


def _told_someone(tokens: list[Token], lo: int, end: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The index of "told" (or another verb of telling) whose addressee, and maybe a short "when", ends
    ``tokens[lo:end]``: "As Ann Lee told the Gazette last week", else None."""
    for k in range(lo + 1, end - 1):
        info = lexicon.get(tokens[k].lower)
        if info is None or info.base not in _ADDRESSEE_VERBS or tokens[k].capitalized:
            continue
        e = collect_right(tokens, k + 1, end, lexicon)
        while k + 1 < e < end and (tokens[e].lower in TIME_WORDS or tokens[e].lower in _DAY_PARTS or (
                tokens[e].lower in _WHEN_LEADS)):
            e += 1
        return k if e == end and e > k + 1 else None
    return None


def _writers_addition(tok: Token) -> bool:
    """After "CONTENT, Lee said," these open the writer's addition, not the rest of the content: "..., Lee
    said on Saturday, and it has ...", "..., the AP declared, two days after ...", "..., a charge she ..."."""
    return tok.lower in ("and", "but") or tok.lower in _RELATIVE_CUTTERS or tok.lower in _COUNT_WORDS or (
        tok.text[:1].isdigit())


def _before_description(text: str, tokens: list[Token], c: int, np: SpeakerNP) -> int:
    """The last token of a content that ends at the comma ``c`` before its speaker's name. In "CONTENT, a
    spokeswoman, Ann Lee, said" the description before the name is the speaker's title, not content: the
    content ends before it, and the description becomes the title."""
    if np.kind != "person" or tokens[c + 1].start != np.mention.start:
        return c - 1
    d = next((k for k in range(c - 1, max(1, c - 7), -1) if tokens[k].text == ","), None)
    if d is None or tokens[d + 1].lower not in ("a", "an", "the", "his", "her", "their", "its") or not any(
            t.lower in PERSON_TITLE_HEADS for t in tokens[d + 2 : c]) or not all(
            t.is_word and not t.capitalized or t.lower in PERSON_TITLE_HEADS for t in tokens[d + 2 : c]):
        return c - 1
    np.title = np.title or text[tokens[d + 2].start : tokens[c - 1].end]
    return d - 1


def _find_indirect(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """One attribution per sentence (PolNeAR is univocal): the outermost pattern that fits."""
    n = len(tokens)
    if n < 4:
        return None
    # Every sentence with a cue word comes here: the lower-case words in one list, built once, let the
    # scans below skip (`"according" in lowers`) or visit only the lexicon words, not every token.
    lowers = [t.lower for t in tokens]
    # According to X, CONTENT.  (Also after an opening parenthesis, or a colon: "It has not gone unnoticed:
    # According to recent polls, ...")
    a0 = _opening_according(tokens, lowers)
    if a0 is not None:
        np = np_right(text, tokens, a0 + 2, n, _NO_VERBS)
        if np is not None:
            # (the comma after the source: np_right may have read a name in apposition already, "According to
            # the ministry's spokesman, Ola Lund, ...")
            k = next((i for i in range(a0 + 2, min(n, a0 + 40)) if tokens[i].text == "," and (
                tokens[i].start >= np.mention.end)), None)
            if k is not None and np.kind != "person":
                named = _name_in_apposition(text, tokens, k, np)
                if named is not None:
                    np, k = named  # "According to the ministry's spokesman, Ola Lund, the talks ...": Ola Lund's
            elif k is not None and k + 1 < n and tokens[k + 1].lower in ("the", "a", "an"):
                # "According to Ann Lee, the harbour master, the talks ...": her description, then the content
                e = next((i for i in range(k + 2, min(n - 2, k + 10)) if not _is_np_word(tokens[i], _NO_VERBS)), None)
                if e is not None and tokens[e].text == "," and any(
                        t.lower in PERSON_TITLE_HEADS for t in tokens[k + 2 : e]):
                    np.title = np.title or text[tokens[k + 2].start : tokens[e - 1].end]
                    k = e
            if k is not None and k + 2 < n:
                return IndirectMatch(tokens[k + 1].start, _content_end(tokens, n, k + 1),
                                     Cue(np, _mention(text, tokens[a0 : a0 + 2]), "according"))
    # CONTENT, according to X.
    for a in range(2, n - 2) if "according" in lowers else ():
        if tokens[a].lower != "according" or tokens[a + 1].lower != "to":
            continue
        comma = a - 1
        if tokens[comma].text in CLOSING_QUOTES and tokens[comma - 1].text == ",":
            comma -= 1  # 'compared it to a "root canal," according to X'
        elif tokens[comma].text not in (",", "—", "–"):
            continue
        if comma < 1:
            continue
        np = np_right(text, tokens, a + 2, n, _NO_VERBS)
        if np is None:
            continue
        said_by = Cue(np, _mention(text, tokens[a : a + 2]), "according")
        np_end = next((k for k in range(a + 2, n) if tokens[k].start >= np.mention.end), n)
        if np_end < n - 3 and tokens[np_end].text == "," and comma <= 3:
            # an aside early in the sentence: "In addition, according to X, CONTENT" (after an adverbial: what
            # follows); "Fundraising, according to X, has surged" (the whole sentence)
            adverbial = lowers[0] in PREPOSITIONS or lowers[0] in _SENTENCE_ADVERBS or lowers[0] in TIME_WORDS
            return IndirectMatch(tokens[np_end + 1].start if adverbial else tokens[0].start, _content_end(tokens, n),
                                 said_by)
        return IndirectMatch(tokens[_last_clause(tokens, comma)].start, tokens[comma - 1].end, said_by)
    early = _early_reporting_clause(text, tokens, lexicon)
    if early is not None:
        return early
    poll = _poll_finding(text, tokens, lowers)
    if poll is not None:
        return poll
    # CONTENT, X said.  /  CONTENT, said X.
    last = n
    while last > 0 and tokens[last - 1].text in TERMINATORS:
        last -= 1
    # The cue of "CONTENT, X said." is a reporting verb (or "according") after the comma: commas after the
    # sentence's last such word cannot start one, and cue_after is not tried there.
    last_cue = next((k for k in range(last - 1, max(0, last - 31) - 1, -1) if lowers[k] in lexicon), -1)
    first = 1 if lowers[0] in ("and", "but") else 0
    if lowers[first] == "asked" or (lowers[first] in ("when", "if", "after", "once") and lowers[first + 1] == "asked"):
        last_cue = -1  # "Asked who leads the party, Trump said ...": the question is not what he said
    quoting_at: list[bool] | None = None  # (built for the first comma tried: most sentences have none)
    for c in range(min(last - 2, last_cue - 1), max(3, last - 30) - 1, -1):
        if tokens[c].text != "," or c + 1 >= last:
            continue
        if quoting_at is None:
            quoting_at = _open_quotations(tokens, last)
        if quoting_at[c] and tokens[c + 1].text not in CLOSING_QUOTES:
            continue  # 'said the pier was "in good shape, whatever the divers say."': the quoted words' own comma
        tail = tokens[c + 1 : last]
        as_clause = len(tail) > 2 and tail[0].lower == "as"
        if as_clause:
            tail = tail[1:]  # "..., as the Gazette reported on Saturday."
        cue = cue_after(text, tail + [Token(tokens[last - 1].end, tokens[last - 1].end, ".")], lexicon, any_verb=True)
        if cue is not None and as_clause and not (cue.cue.text.lower().endswith("ed") or cue.cue.text.lower() in (
                "said", "wrote", "told")):
            break  # "..., as Clinton speaks, ...": a when, not a source
        if cue is not None and tail[0].lower in ("a", "an") and cue.np.mention.start > tail[0].start:
            break  # "..., a charge she denied": the writer's apposition, whose relative clause has the verb
        if cue is not None and cue.cue.end >= tail[0].start:
            # the verb must end the sentence, give or take a short PP/object ("he said on Monday")
            verb_i = next(i for i, t in enumerate(tail) if t.start == cue.cue.start)
            after = tail[verb_i + 1 :]
            w = 1 if len(after) > 2 and after[0].lower in _WHEN_LEADS and after[1].lower in TIME_WORDS else 0
            while w < len(after) - 1 and (after[w].lower in TIME_WORDS or after[w].lower in _DAY_PARTS):
                w += 1
            if w and after[w].text == ",":
                # "..., lawmakers said Friday afternoon, as they ...", "..., Lee said on Saturday, and ...": the
                # when, then a comma
                after = after[w:]
            info = lexicon.get(tail[verb_i].lower)
            if info is not None and not info.direct_cue and (after or not info.bare or cue.how != "after" or any(
                    lowers[k] in lexicon and lexicon[lowers[k]].speech for k in range(c))):
                # "..., records show.": a verb of belief or evidence only when it ends a sentence that reports
                # nothing else ("X said the videos ..., the footage showed" is X's)
                break
            if as_clause and not all(t.lower in TIME_WORDS or t.lower in _DAY_PARTS or t.lower in _WHEN_LEADS
                                     for t in after) and not (after[0].text == "," and _writers_addition(after[1])):
                break  # ", as he later explained, was an "economic bubble"": an aside inside the content
            if after and info is not None and info.base in _ADDRESSEE_VERBS:
                e = collect_right(after, 0, len(after), lexicon)
                if 0 < e < len(after) and after[e].lower in SUBORDINATORS:
                    after = after[e:]  # "..., Obama told his advisers as he ...": the addressee, then a clause
            if len(after) > 1 and after[0].lower in ("as", "while", "when", "before", "after") and _starts_clause(
                    after[1]) and info is not None and info.speech:
                after = after[:1]  # "..., the captain said as he left the pier": the writer's clause, not content
            np_end = next((i for i, t in enumerate(tail) if t.end >= cue.np.mention.end), len(tail) - 1)
            inverted_ok = cue.how == "inverted" and (np_end >= len(tail) - 1 or tail[np_end + 1].text == "," or (
                _place_after_name(tail, np_end, cue.np, lexicon)))
            clause_follows = bool(after) and _pronoun_subject(after[0])  # "As for Trump, he said he’s not worried."
            if info is not None and info.bare and len(after) >= 3 and after[0].lower in _CLAUSE_DETERMINERS and any(
                    t.lower in _RELATIVE_GAP_VERBS for t in after[2:]):
                clause_follows = True  # "Speaking in Ohio, Trump said the plan was bad": what he said follows
            # ("that" right after the verb opens its own content, "X said that ..."; after a comma it is the
            # writer's: "..., Lee said, a plan that ...", "..., Lee said, adding that ...")
            if inverted_ok or cue.how != "inverted" and (len(after) <= 5 or after[0].text == ",") and not (
                    (not after or after[0].text != ",") and any(t.lower == "that" for t in after[:6])) and not (
                    clause_follows):
                if after and after[0].text == "," and len(after) > 2 and len(after) > c and not (
                        after[1].lower.endswith("ing") and after[1].lower in lexicon) and (  # (", adding that ...")
                        not _writers_addition(after[1])):
                    # "Acts of protest, Mr. Obama said, are acts of patriotism": both sides are the content
                    return IndirectMatch(tokens[0].start, _content_end(tokens, n), cue,
                                         aside=(tokens[c].start, after[1].start))
                if _introductory_adverbial(lowers, c):
                    break  # "In a speech last July, he said ...": what he said is in the rest of the sentence
                return IndirectMatch(tokens[0].start, tokens[_before_description(text, tokens, c, cue.np)].end, cue)
            break
    # X said (that) CONTENT.
    tried = 0
    for v in [k for k in range(1, n - 2) if lowers[k] in lexicon]:
        info = lexicon[lowers[v]]
        if tokens[v].capitalized or lowers[v - 1] in NOUN_MARKERS:
            continue  # "the plan", "his statement": a noun, not a verb
        if "nounlike" in info.tags and lowers[v] in (info.base, info.base + "s", info.base + "es") and not (
                lowers[v] != info.base and _verb_between_subject_and_clause(tokens, v)):
            continue  # "Editor's note:", "the attacks", "in 20 states": mostly nouns in these forms
        if info.base == "call" and _calls_by_name(tokens, lowers, v):
            continue
        loose_only = False  # the subject is read only as the whole stretch before the verb (_loose_subject)
        if lowers[v] == info.base and _after_article(lowers, v) and not _plural(lowers[v - 1]):
            clause_next = _pronoun_subject(tokens[v + 1]) or tokens[v + 1].lower in NOUN_MARKERS
            if not (info.bare and info.speech and clause_next):
                continue  # "a Republican tax plan", "the inaugural address": a noun (not "the Democrats plan to")
            # "Activists clamoring to block X from the nomination say they ...": a verb before a clause, whose
            # subject is the long noun phrase (a name inside it, "X", is not)
            loose_only = True
        if _passive(lowers, v):
            continue  # "The Fed is widely expected to ...": its subject is not who expects
        tried += 1
        if tried > 3:
            break
        if "np" in info.tags:
            np = _indirect_subject(text, tokens, v, lexicon)
            if np is None:
                continue
            # "Christie endorsed Trump last week": the object noun phrase alone is the content
            e = collect_right(tokens, v + 1, n, lexicon)
            if e > v + 1 and tokens[v + 1].is_word:
                return IndirectMatch(tokens[v + 1].start, tokens[e - 1].end,
                                     Cue(np, _mention(text, [tokens[v]]), "indirect"), belief=True)
            continue
        start = None
        stop = n  # where the content must end at the latest
        after_v = v + 2 if tokens[v + 1].lower in TIME_WORDS and v + 2 < n else v + 1  # "announced Sunday she ..."
        if tokens[v + 1].lower in ("on", "last", "this", "late", "early") and v + 3 < n and (
                tokens[v + 2].lower in TIME_WORDS or tokens[v + 2].lower in ("week", "month", "year", "night")):
            after_v = v + 3  # "said on Friday he met ...", "said last week the plan ..."
        if info.base in _ADDRESSEE_VERBS and tokens[after_v].is_word and tokens[after_v].lower not in ("that", "to"):
            # "told voters she would ...", "assured reporters that ...": the addressee is not what was said
            e = max(collect_right(tokens, after_v, n, lexicon), after_v + 1)  # (at least one word: "me", "us")
            clause_i = next((k for k in range(after_v + 1, min(e + 1, n - 1))
                             if tokens[k].lower == "that" or _pronoun_subject(tokens[k])), None)
            if clause_i is None:
                clause_i = _that_after_addressee(tokens, e, n, lexicon)
            if clause_i is not None:
                after_v = clause_i
                if tokens[clause_i].lower == "that":
                    start = tokens[clause_i].start
        if info.bare and _starts_clause(tokens[after_v]) and tokens[after_v].lower != "that":
            start = tokens[after_v].start  # "said he would ...", "said the test could ..."
        # ('said on ABC's "This Week With George Stephanopoulos" that ...': a title in marks is one word)
        reach = v + 9 + _quoted_title_after(tokens, v + 1, min(n, v + 6))
        if tokens[v + 1].lower in PREPOSITIONS and tokens[v + 1].lower != "to":
            reach += 3  # (a phrase first: "said in an oral history of the Clinton years that ...")
        for k in range(v + 1, min(n - 1, reach)):
            if start is not None:
                break
            if tokens[k].lower == "that":
                before = tokens[k - 1]
                if k > v + 1 and "object" in info.tags and not info.bare and before.is_word and not (
                        before.capitalized or before.lower in TIME_WORDS or before.lower in STOP_WORDS
                        or before.lower.endswith("ly")):
                    break  # "recalled an incident that left two hurt": a relative clause in the object
                start = tokens[k].start
                break
            if tokens[k].text in TERMINATORS or lexicon.get(tokens[k].lower) and not (
                    tokens[k - 1].lower in NOUN_MARKERS and tokens[v + 1].lower in PREPOSITIONS):
                break  # (a noun in a phrase after the verb is no verb: "said in a written statement that")
            if k > v + 1 and tokens[k].lower in _FINITE_WORDS and tokens[v + 1].lower not in PREPOSITIONS:
                break  # "said officials are in possession of video that shows ...": the clause began before "that"
        if start is None and info.bare and tokens[v + 1].capitalized and v + 2 < n and tokens[v + 2].is_word:
            start = tokens[v + 1].start
        if start is None and info.bare and tokens[after_v].is_word and tokens[after_v].lower not in STOP_WORDS and (
                tokens[after_v].lower not in TIME_WORDS):
            # "believe other senators would ...", "show Mrs. Clinton won ...": a clause whose subject does not
            # open like one; its verb comes within a few words
            for k in range(after_v + 1, min(n - 1, after_v + 8)):
                tk = tokens[k]
                if not tk.is_word and tk.text not in (".", "-", "'", "’"):
                    break
                if tk.lower in _RELATIVE_GAP_VERBS or (not tk.capitalized and _past_form(tk)):
                    start = tokens[after_v].start
                    break
        nxt = tokens[v + 1]
        if start is None and info.base == "say" and nxt.is_word and nxt.lower not in PREPOSITIONS and (
                nxt.lower not in TIME_WORDS and nxt.lower not in AUX_ADVERBS and nxt.lower not in ("so", "no", "yes")):
            start = nxt.start  # "said economic stagnation is the source ..."
        if start is None and info.bare and info.speech and nxt.lower in PREPOSITIONS and nxt.lower != "to":
            # "said after the convention he would not ...": a short phrase, then the clause's pronoun subject
            j = next((k for k in range(v + 2, min(n - 1, v + 8)) if not tokens[k].is_word or (
                tokens[k].lower in _CLAUSE_LINKS) or (_pronoun_subject(tokens[k]) and tokens[k].lower not in (
                    "it", "you"))), None)
            if j is not None and j > v + 2 and tokens[j].is_word and tokens[j].lower not in _CLAUSE_LINKS:
                start = tokens[j].start
        if start is None and tokens[v + 1].text == ":":
            start = tokens[v + 2].start
        if start is None and info.bare and info.speech and tokens[v + 1].text == "," and v + 3 < n and v >= 2 and (
                tokens[v + 2].is_word and not tokens[v + 2].capitalized and tokens[v + 2].lower not in STOP_WORDS
                and not lowers[v].endswith("ing") and not lowers[v + 2].endswith("ing") and tokens[v - 1].is_word):
            # (not a filler "than, say, ...", "precincts reporting, ...", nor "X said, adding ...")
            start = tokens[v + 2].start  # "Rubio says, win or lose in Florida, he's staying in the race"
        weak = False
        if start is None and tokens[v + 1].lower == "to" and info.base in INFINITIVE_TAKING and v + 2 < n:
            start, weak = tokens[v + 1].start, True  # "Clinton wants to sign up 5 million people"
        if start is None and info.base == "call" and tokens[v + 1].lower == "for" and v + 2 < n:
            start, weak = tokens[v + 2].start, True  # "the NAACP called for a moratorium"
        if start is None and info.bare and tokens[v + 1].lower in _RELATIVE_GAP_VERBS:
            # "a surge of independents, which Democrats say could be aiding Mr. Sanders": the relative clause,
            # pronoun and all, is what was said
            rel = next((k for k in range(v - 1, max(-1, v - 6), -1) if tokens[k].lower in ("which", "that", "who")),
                       None)
            if rel is not None and all(t.is_word for t in tokens[rel + 1 : v]):
                start = tokens[rel].start
                if rel > 0 and tokens[rel - 1].text == ",":  # ", which officials said will ..., will not": to the comma
                    stop = next((k for k in range(v + 2, n) if tokens[k].text == ","), n)
        p = v + 1  # where the particle is, past "out" or an adverb: "spoke highly of", "spoke out against"
        if v + 3 < n and (tokens[p].lower == "out" or (
                tokens[p].lower.endswith("ly") and tokens[p].lower not in _LY_WORDS)):
            p += 1
        if start is None and tokens[p].lower == "about" and p + 1 < n and tokens[p + 1].is_word:
            start, weak = tokens[p + 1].start, True  # "Sanders spoke about income inequality": the topic
        if start is None and tokens[p].lower in _CONTENT_AFTER_PARTICLE.get(info.base, ()) and p + 1 < n and (
                tokens[p + 1].is_word) and not _reduced_relative(lowers, v):
            start, weak = tokens[p + 1].start, True  # "did not respond to a request for comment", "pointed to X"
        if start is None and "object" in info.tags and tokens[v + 1].is_word and tokens[v + 1].lower not in (
            "to", "on", "in", "at", "for", "with", "about", "by", "up", "out", "off", "back", "as", "from"):
            start, weak = tokens[v + 1].start, True  # "X questioned the integrity of the vote"
        if start is None:
            continue
        start_i = next((i for i in range(v + 1, n) if tokens[i].start >= start), n)
        end = _content_end(tokens, min(stop, _subordinate_end(tokens, v, start_i, n)), start_i)
        if weak:
            end = _end_of_object(tokens, start_i, end, lexicon)
        if info.base == "tell" and start_i == v + 1 and _addressee_only(tokens, start_i, end, lexicon):
            continue
        if end - start < 8:
            continue
        # The subject last: reading it is the dearest test, and the others (pure token checks) reject more.
        np = _loose_subject(text, tokens, v, lexicon) if loose_only else _indirect_subject(text, tokens, v, lexicon)
        if np is None and info.speech and info.bare and not weak and not subjectless(tokens, v):
            np = _loose_subject(text, tokens, v, lexicon)
        if np is None:
            continue
        return IndirectMatch(start, end, Cue(np, _mention(text, [tokens[v]]), "indirect"), belief=weak or not info.speech)
    return None


#: Nouns whose "in" reports a finding: "In a CNN poll released Monday, ...".
POLL_WORDS: Final = frozenset(["poll", "polls", "survey", "surveys"])


def _poll_finding(text: str, tokens: list[Token], lowers: list[str]) -> IndirectMatch | None:
    """A finding reported "in" a poll that opens the sentence: "In a Gazette poll released Monday, 50 percent
    chose Lee." -- what follows the comma, the poll its source (as PolNeAR annotates it). (Not "Lee leads in
    the polls": measured, mostly the writer's.)"""
    n = len(tokens)
    if lowers[0] != "in" or n < 6:
        return None
    comma = next((k for k in range(2, min(n - 3, 16)) if tokens[k].text in (",", ".", ";", ":")), None)
    if comma is None or tokens[comma].text != "," or POLL_WORDS.isdisjoint(lowers[1:comma]):
        return None
    poll = max(k for k in range(1, comma) if lowers[k] in POLL_WORDS)
    # the source is the poll's noun phrase ("a Gazette poll"; not "released Monday" after it)
    np = SpeakerNP("generic", _mention(text, tokens[1 : poll + 1]), name=text[tokens[1].start : tokens[poll].end])
    start = comma + 1
    if _past_form(tokens[start]) or lowers[start] in ("taken", "released", "published", "conducted"):
        # "In the latest poll, conducted in May, Lee led ...": the poll's participle aside, then the finding
        start = next((k + 1 for k in range(start + 1, min(n - 3, start + 12)) if tokens[k].text == ","), start)
    return IndirectMatch(tokens[start].start, _content_end(tokens, n, start), Cue(np, _mention(text, [tokens[0]]),
                                                                                  "according"))


#: Words between the comma and the participle of a continuing cue: '"...," he said, before adding that ...'.
_BEFORE_CONTINUING_PARTICIPLE = frozenset(["also", "again", "then", "later", "likely", "before", "while", "after",
                                           "when"])
#: Question words that open a participle's content: ", explaining why he disagrees with ...".
_WH_WORDS = frozenset(["why", "how", "what", "whether", "where", "when", "who"])


def continuation_after_cue(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> tuple[int, int, Mention] | None:
    """'"...," he said, adding that ...': the content of a participle that continues a cue.

    ``tokens`` start right after the cue verb (or its subject). Returns (start, end, participle mention).
    """
    n = len(tokens)
    for k in range(min(n - 2, 12)):
        tok = tokens[k]
        if tok.text in TERMINATORS and not _is_abbrev_dot(tokens, k) or tok.text in QUOTE_CHARS:
            return None
        if (tok.text == "," or k > 0 and tokens[k - 1].text == "," and tok.lower in _BEFORE_CONTINUING_PARTICIPLE) and (
                tokens[k + 1].lower.endswith("ing")):
            info = lexicon.get(tokens[k + 1].lower)
            if info is None or not info.speech:
                continue
            first = k + 2
            if not tokens[first].is_word:
                return None  # ', adding, "...': a quotation follows, which takes the participle as its cue
            if tokens[first].lower == "only" and first + 2 < n and tokens[first + 1].lower == "that":
                first += 1  # ", saying only that ..."
            if tokens[first].lower == "not" and first + 2 < n and tokens[first + 1].lower == "to" and (
                    tokens[first + 2].lower == "be"):
                return None  # ", asking not to be named because ...": the writer's note on the source
            particle = tokens[first].lower in _CONTENT_AFTER_PARTICLE.get(info.base, ())
            if particle and first + 1 < n and tokens[first + 1].is_word:
                first += 1  # ", referring to the new rules", ", calling on Congress to act": what follows the particle
            else:
                particle = False
            # (a pronoun opens a clause even after a verb that mostly takes "that": ", noting he would ...";
            # a determiner opens the object of any verb of saying: ", repeating a false claim that ...")
            object_np = tokens[first].lower in NOUN_MARKERS
            if particle or tokens[first].lower == "that" or tokens[first].lower in _WH_WORDS or info.bare or (
                    "object" in info.tags or _pronoun_subject(tokens[first]) or object_np):
                end = n
                for j in range(first, n):
                    if tokens[j].text in TERMINATORS and not _is_abbrev_dot(tokens, j):
                        end = j
                        break
                    if object_np and tokens[j].text == ":" and j + 1 < n and tokens[j + 1].text in QUOTE_CHARS:
                        return None  # ', recalling her own experience: "..."': the participle introduces the quote
                if end - first < 3:
                    return None
                # (the writer's own clause after it is not content: ", speaking of the convention, which ...")
                return tokens[first].start, _content_end(tokens, end, first), _mention(text, [tokens[k + 1]])
            return None
    return None
