"""Noun phrases and subjects: which words before or after a verb of saying name the one who speaks.

``collect_left``/``collect_right`` gather the words of a noun phrase next to a verb; ``subject_left``,
``clause_subject``, ``sentence_subject`` and ``np_right`` read the subject of a reporting verb in a bounded
window (``Ann Lee, a guild member, said``; ``said Ann Lee``; ``Many in the crowd said``) and hand it to
:func:`.speakers.analyse_np`, which splits name from title. All functions work on short token lists, so the
cost per quote is constant.
"""

from __future__ import annotations

import re
from typing import Final

from docpipe.model import Mention

from .lexicon import VerbInfo
from .speakers import (
    DETERMINERS,
    GENERIC_HEADS,
    ORG_WORDS,
    PERSON_TITLE_HEADS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
    SpeakerNP,
    analyse_np,
)
from .tokens import ABBREVIATIONS, Token
from .words import (
    AUX_ADVERBS,
    CLOSING_QUOTES,
    DASHES,
    DAY_PARTS,
    ING_NOUNS,
    IRREGULAR_PAST,
    LY_WORDS,
    NOUN_MARKERS,
    NUMBER_WORDS,
    PREPOSITIONS,
    QUANTIFIER_PRONOUNS,
    QUOTE_CHARS,
    RELATIVE_GAP_VERBS,
    SENTENCE_ADVERBS,
    SHARE_OPENERS,
    STOP_WORDS,
    SUBORDINATORS,
    TERMINATORS,
    TIME_WORDS,
)

_PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,6}$")
_ED_NOUNS: Final = frozenset({"red", "bed", "shed", "unnamed", "retired", "elected", "appointed", "armed", "united",
                       "detained", "embattled", "renowned", "acclaimed", "concerned", "interested", "unidentified",
                       "speed", "seed", "need", "creed", "greed"})


def is_np_word(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
    first = tok.text[0]  # (Token.is_word / .capitalized inlined: this runs for every token an NP walk sees)
    if not first.isalnum():
        return tok.text in ("-", "&", "’", "'", "(", ")")
    low = tok.lower
    if first.isupper():  # (an acronym is a name even when it spells a stop word: "US Senator")
        return low not in STOP_WORDS or low in ("the", "a", "an") or (len(tok.text) > 1 and tok.text.isupper())
    if low in DETERMINERS or low in ("of", "for"):
        return True
    if low in STOP_WORDS or low in lexicon or (low.endswith("ly") and low not in LY_WORDS):
        return False
    if low.endswith(("n't", "n’t")):
        return False  # didn't, won't: an auxiliary
    # "Politifact seized", "The guild sent a text": a past-tense verb, not part of the name
    return not (low.endswith("ed") and len(low) > 4 and low not in _ED_NOUNS) and low not in IRREGULAR_PAST


_DOTTED_ABBREVIATION_RE: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")


def is_abbrev_dot(tokens: list[Token], i: int) -> bool:
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


def noun_use(tokens: list[Token], k: int) -> bool:
    """The reporting-verb form at ``tokens[k]`` is a noun: "Trump's comments", "the report", "his statement"."""
    if k == 0:
        return False
    before = tokens[k - 1].lower
    return before in NOUN_MARKERS or before.endswith(("'s", "’s"))


def modifier_after_determiner(before: Token, tok: Token) -> bool:
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
        if (tok.text == "." and is_abbrev_dot(tokens, i)) or is_np_word(tok, lexicon) or (
                i > lo and modifier_after_determiner(tokens[i - 1], tok)):
            i -= 1
            continue
        if tok.lower == "and" and i < j and i - 2 >= lo and tokens[i + 1].capitalized and (
                tokens[i - 1].capitalized and tokens[i - 2].lower in ("for", "of")):
            i -= 1  # "the Institute for Science and Security", "the Department of Health and Human Services"
            continue
        if tok.lower == "and" and i < j and i - 1 >= lo and tokens[i + 1].lower not in DETERMINERS:
            # "the Florida senator and Republican presidential candidate said": two titles, one person,
            # when a determiner opens the whole NP
            k = i - 1
            while k >= lo and j - k < limit and is_np_word(tokens[k], lexicon) and tokens[k].lower not in (
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
        if tok.text == "." and is_abbrev_dot(tokens, k):
            k += 1
            continue
        if not is_np_word(tok, lexicon) and not (k > i and modifier_after_determiner(tokens[k - 1], tok)) and not (
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
    if k > i and k + 1 < hi and tokens[k - 1].lower == "familiar" and tokens[k].lower == "with":
        e = collect_right(tokens, k + 1, hi, lexicon, limit)  # "officials familiar with the plan": one source
        if e > k + 1 and not any(t.capitalized for t in tokens[k + 1 : e]):  # (not "with Cruz's thinking")
            return e
    return k


def _count(tok: Token) -> bool:
    """A number, in digits or words: the parts of a share ("Six in 10", "one in four")."""
    return tok.text[:1].isdigit() or tok.lower in NUMBER_WORDS


#: Words that do not open a noun phrase: an auxiliary participle or a preposition ("Of Carson, Levine said").
_NOT_NP_START = PREPOSITIONS | frozenset(["having", "being", "of", "for", "besides"])


def _plausible_subject(toks: list[Token]) -> bool:
    """Reject noun phrases that are really verb phrases or fragments: "held", "Carly Fiorina for", "any"."""
    words = [t for t in toks if t.text[0].isalnum()]  # (t.is_word, inlined)
    if not words:
        return False
    last = words[-1]
    if last.lower in ("for", "of", "that", "and", "to", "the", "a", "an") or last.lower in DETERMINERS and not (
            last.lower == "another" or len(words) == 1 and last.lower in QUANTIFIER_PRONOUNS and last.capitalized
            or len(words) == 1 and last.lower == "those"  # ("Those who back her opponents say")
            or len(words) >= 2 and words[-2].lower in ("of", "the") and last.lower in NUMBER_WORDS):
        # (but "Yet another said", "Some chanted", "the mother of three", "the two")
        return False
    # a head noun that is a group of people: an -ing word before it is a modifier ("hacking specialists")
    people_head = not last.capitalized and (last.lower in GENERIC_HEADS or (
        last.lower.endswith("s") and not last.lower.endswith("ss")))
    if words[0].lower in _NOT_NP_START or (words[0].capitalized and not people_head and participle_opening(
            words, 0, len(words))):
        return False  # "Having", "Of Carson", "for the notion that people", "Holding signs"
    for i, t in enumerate(words):  # ("conservative-leaning" is an adjective; "the gambling tycoon" a modifier)
        if not t.capitalized and (ing_form(t.lower) and "-" not in t.text) and not (0 < i < len(words) - 1 and words[i - 1].lower in DETERMINERS) and not (
                i == len(words) - 2 and people_head) and not (
                i + 1 < len(words) and words[i + 1].lower in PERSON_TITLE_HEADS):
            return False  # (but "organizing director Ann Lee", "managing editor")
    if len(words) == 1 and not last.capitalized and last.lower not in SUBJECT_PRONOUNS and last.lower not in (
            "him", "her", "them", "us", "me", "who", "another") and last.lower not in GENERIC_HEADS and last.lower not in ORG_WORDS:
        return last.lower.endswith("s") and not last.lower.endswith("ss")  # "officials", "sources", "critics"
    return True


def subject_np(text: str, toks: list[Token]) -> SpeakerNP | None:
    if not toks or len(toks) > 16 or not _plausible_subject(toks):
        return None
    return analyse_np(text, toks)


def spaced_dash(tokens: list[Token], k: int) -> bool:
    """A dash set off by a space on the left (`` -- ``, `` - ``, `` — ``), not a hyphen inside a word."""
    return tokens[k].text in DASHES and k > 0 and tokens[k].start > tokens[k - 1].end


def _before_dash_aside(tokens: list[Token], j: int, lo: int) -> int:
    """``j`` itself, or, when ``tokens[j]`` closes an aside between dashes ("The justice -- who has been
    involved in a scuffle over the past few days -- said"), the last token before the aside."""
    if not (tokens[j].text in DASHES and j - 1 >= lo and (tokens[j].start > tokens[j - 1].end or tokens[j - 1].text in DASHES)):
        return j
    k = j - 1 if tokens[j - 1].text not in DASHES else j - 2  # ("--" is two tokens)
    for i in range(k, max(lo - 1, k - 30), -1):
        if spaced_dash(tokens, i):
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


def ing_form(low: str) -> bool:
    """An -ing word that is not a noun ("speaking", "holding"; not "meeting", "king", "anything")."""
    return low.endswith("ing") and len(low) > 4 and low not in ING_NOUNS


def _is_participle(tok: Token) -> bool:
    """A lower-case -ing word that is not a noun ("speaking", not "meeting")."""
    return not tok.capitalized and ing_form(tok.lower)


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
    first, second = subject_np(text, tokens[s0 : s - 1]), subject_np(text, tokens[s : j + 1])
    if first is None or second is None or first.kind != "person" or second.kind != "person":
        return None
    return SpeakerNP("generic", Mention(text[tokens[s0].start : tokens[j].end], tokens[s0].start, tokens[j].end),
                     name=f"{first.name} and {second.name}")


def _noun_before_that(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
    """``tok``, the word before a "that" right before a verb, is a common noun, so the "that" is a relative
    pronoun: "a message that said", "water bottles that said" (not "argued that said", "so that said")."""
    # (verb_like covers the lexicon's forms and the -ed pasts)
    return tok.is_word and not tok.capitalized and tok.lower not in STOP_WORDS and not verb_like(tok, lexicon) and (
        not tok.lower.endswith("ly"))


#: Words before which a short phrase of time may stand between a subject and its verb ("has in the past said").
_BEFORE_INSERTED_WHEN: Final = frozenset(["has", "have", "had", "who"])


def subject_left(text: str, tokens: list[Token], v: int, lo: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The subject NP of the verb at ``tokens[v]``, looking no further left than ``lo``."""
    lo = _verb_clause_start(tokens, v, lo)
    j = v - 1
    while j >= lo and (tokens[j].lower in AUX_ADVERBS or tokens[j].lower.endswith(("n't", "n’t")) or (
            tokens[j].lower in ("only", "even") and j > lo) or (  # "X would only say", "X even said"
            # "X has long said"
            tokens[j].lower == "long" and j > lo and tokens[j - 1].lower in ("has", "have", "had")) or (
            tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4 and not tokens[j].capitalized
            and tokens[j].lower not in LY_WORDS)):  # "... forcefully told"
        j -= 1
    p = next((k for k in range(j, max(lo, j - 3) - 1, -1) if tokens[k].lower in ("in", "on", "over", "at")), None)
    if p is not None and p > lo and p < j and tokens[p - 1].lower in _BEFORE_INSERTED_WHEN and all(
            t.is_word and not t.capitalized for t in tokens[p : j + 1]):
        j = p - 1  # "Beck, who has in the past described ...": a when between the auxiliary and its verb
        while j >= lo and tokens[j].lower in AUX_ADVERBS:
            j -= 1
    np_end = j  # (a quantifier's NP keeps its when: "One in four voters in a poll last year said")
    if j - 1 >= lo and tokens[j].lower in DAY_PARTS and tokens[j - 1].lower in ("this", "last", "next", "that"):
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
        return subject_np(text, [tok])
    if j - 1 >= lo and (low == "who" or (low == "which" and (tokens[j - 1].text == "," or (
            tokens[j - 1].is_word and tokens[j - 1].lower not in lexicon))) or (
            low == "that" and j == v - 1 and _noun_before_that(tokens[j - 1], lexicon))):
        # "critics, who say ...", "the report, which notes": the relative pronoun is the mention, its
        # antecedent the speaker ("that" is too often a conjunction or a determiner to be read so, but
        # for a common noun right before it and a verb right after: "a message that said")
        k = j - 1 if tokens[j - 1].text != "," else j - 2
        s = collect_left(tokens, k, lo, lexicon) if k >= lo else k + 1
        if s > k and k - 1 >= lo and tokens[k].lower in lexicon:
            s = collect_left(tokens, k - 1, lo, lexicon)  # "the harbour report, which notes": a noun head
        antecedent = subject_np(text, tokens[s : k + 1]) if s <= k else None
        if antecedent is not None:
            # (a restrictive "that" and its noun phrase are one mention, "a message that said", "a raft of new
            # rules that promise"; after a comma the relative pronoun stands for it alone, "critics, who say")
            m_start = antecedent.mention.start if low == "that" else tok.start
            antecedent.mention = Mention(text[m_start : tok.end], m_start, tok.end)
            return antecedent
        return None
    if tok.text == ",":
        aside = _aside_before(tokens, j, lo)
        if aside >= 0:
            # "X, for example, said": read the subject as if the aside were not there. When an apposition
            # comes before it ("Dow's chief, Ann Lee, of course, said"), its comma is read as usual.
            if not any(t.text == "," for t in tokens[max(lo, aside - 20) : aside]) or (
                    tokens[aside - 1].lower in ("who", "which")):  # ("..., who, on a call Friday, said")
                return subject_left(text, tokens, aside, lo, lexicon)
            j = aside
        # Apposition: "the official representative ..., Aibek Smadiyarov, said" / "Jan Novak, the engineer, said".
        s1 = collect_left(tokens, j - 1, lo, lexicon)
        if s1 <= j - 1 and s1 - 1 > lo and tokens[s1 - 1].text == "," and (_PARTY_TAG_RE.match(
                text, tokens[s1].start, tokens[j - 1].end) or (s1 == j - 1 and tokens[s1].text.isdigit())):
            j = s1 - 1  # "Mitch McConnell, R-Ky., said", "Suu Kyi, 70, said": skip the party tag or the age
            s1 = collect_left(tokens, j - 1, lo, lexicon)
        if s1 <= j - 1:
            np1 = subject_np(text, tokens[s1:j])
            if np1 is not None and tokens[s1].lower in ("a", "an") and s1 - 2 > lo and tokens[s1 - 1].text == ",":
                # "X, the foreign minister of France, a permanent member of the Security Council, said": a
                # description of what comes before it; the apposition before it decides
                before = subject_left(text, tokens, s1, lo, lexicon)
                if before is not None and before.kind == "person":
                    return before
            if np1 is not None and s1 - 1 > lo and tokens[s1 - 1].text == ",":
                s2 = collect_left(tokens, s1 - 2, lo, lexicon)
                np2 = subject_np(text, tokens[s2 : s1 - 1]) if s2 <= s1 - 2 else None
                if np2 is not None:
                    if np1.kind == "person" and tokens[s2].lower in DETERMINERS and s1 - 2 > s2 and not (
                            _place_after_town(text, tokens, s1, j, lo)):  # (not "the Church of Elizabeth, Colorado,")
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
    if s - 2 >= lo and tokens[s - 1].lower == "who" and not tokens[s].capitalized:
        # "Those who back her opponents say": the noun phrase before the verb is the relative clause's object;
        # who speaks is the noun phrase "who" stands for
        a = collect_left(tokens, s - 2, lo, lexicon)
        if a > s - 2 and tokens[s - 2].lower == "those":
            a = s - 2
        antecedent = subject_np(text, tokens[a : s - 1]) if a <= s - 2 else None
        if antecedent is not None:
            return antecedent
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
            if tokens[s - 2].lower == "those" and (s - 2 == lo or not tokens[s - 3].is_word):
                return subject_np(text, tokens[s - 2 : np_end + 1])  # "Those in the guild say": one noun phrase
            if s2 == s - 2 == lo and tokens[s2].capitalized and ing_form(tokens[s2].lower):
                return None  # "Speaking in his real voice": the clause opens with a participle, not a subject
            if s2 == s - 2 == lo and tokens[s2].lower in TIME_WORDS:
                break  # "Saturday at the convention Sen. Ann Lee said": a when opens the clause, not a subject
            if s2 <= s - 2 and tokens[s - 1].lower == "with" and tokens[s - 2].lower == "familiar":
                s = first_s = s2  # "a person familiar with the talks said": the phrase is part of who speaks
                break
            if s2 == s - 2 and (tokens[s2].lower in QUANTIFIER_PRONOUNS and tokens[s2].capitalized or (
                    tokens[s2].lower in ("someone", "somebody", "everyone", "anyone")) or (
                    tokens[s - 1].lower == "in" and _count(tokens[s2]) and _count(tokens[s]))):
                # "Many in the crowd said", "One in four voters said", "About six in 10 say": one noun phrase
                while s2 - 1 >= lo and (tokens[s2 - 1].lower in SHARE_OPENERS or tokens[s2 - 1].lower == "than"):
                    s2 -= 1
                return subject_np(text, tokens[s2 : np_end + 1])
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
            np = subject_np(text, tokens[s2 : p - 1])
            if np is not None:
                return np
    if s > lo and all(t.lower in TIME_WORDS or t.lower in DAY_PARTS for t in tokens[s : j + 1] if t.is_word):
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
    return subject_np(text, tokens[s : j + 1])


def _relative_clause_antecedent(text: str, tokens: list[Token], k: int, lo: int,
                                lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The NP before a "who" (no comma) at most 15 tokens left of ``k``, with no clause break between."""
    for w in range(k, max(lo, k - 15) - 1, -1):
        t = tokens[w]
        if t.text in TERMINATORS or t.text in QUOTE_CHARS or t.text == ",":
            return None
        if t.lower == "who" and w - 1 >= lo:
            s = collect_left(tokens, w - 1, lo, lexicon)
            np = subject_np(text, tokens[s:w]) if s < w else None
            return np if np is not None and np.kind in ("person", "org", "generic") else None
    return None


#: The wire services whose name a dateline carries in parentheses: "Washington (AFP) –".
_NEWS_AGENCIES: Final = frozenset(["AP", "AFP", "Reuters", "UPI", "Bloomberg", "Xinhua"])


def _after_dateline(tokens: list[Token], lo: int, v: int) -> int:
    """``lo``, or the first token after a dateline that opens the clause (``WASHINGTON —``,
    ``LA CROSSE, Wisc. (AP) —``, ``New York (AFP) –``): the place a story was filed from is not a subject."""
    if lo >= v:
        return lo
    capitals = tokens[lo].text.isupper() and len(tokens[lo].text) > 2
    if not capitals and not (tokens[lo].capitalized and any(
            tokens[k].text in _NEWS_AGENCIES and tokens[k - 1].text == "(" for k in range(lo + 1, min(v, lo + 8)))):
        return lo
    for k in range(lo + 1, min(v, lo + 10)):
        if spaced_dash(tokens, k):
            while k + 1 < v and tokens[k + 1].text in DASHES:
                k += 1
            return k + 1
        if is_terminator(tokens, k):
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
            return subject_np(text, [tokens[i]])
    fallback = None
    for i in starts:
        e = collect_right(tokens, i, v, lexicon)
        first = tokens[i] if i < v else None
        if first is not None and first.lower in ("the", "a", "an") and i + 1 < v and tokens[i + 1].capitalized:
            first = tokens[i + 1]  # "the Illinois Board of Elections was conclusive"
        if e > i and first is not None and first.capitalized and first.lower not in TIME_WORDS and first.lower not in (
                SENTENCE_ADVERBS) and first.lower not in PREPOSITIONS and not (first.lower in NUMBER_WORDS and (
                    i + 1 >= v or tokens[i + 1].lower in _TIME_UNITS or tokens[i + 1].lower in TIME_WORDS
                    or tokens[i + 1].lower in DAY_PARTS)) and (
                first.lower not in _TIME_UNITS) and not (
                first.lower.endswith("ly") and e == i + 1) and not (
                e == i + 1 and first.lower.endswith(("ed", "ing")) and e < v and (
                    tokens[e].lower in PREPOSITIONS or tokens[e].text == ",")) and (  # "Chastened by the analyses, ...
                first is not tokens[i] or not participle_opening(tokens, i, v) or (
                    i != starts[0] and first.capitalized)):  # "Holding signs calling ..." (but "..., Ebeling said")
            np = subject_np(text, tokens[i:e])
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


def verb_like(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
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
        if not verb_like(prev, lexicon) and prev.is_word:
            s = collect_left(tokens, v - 1, lo, lexicon)
            of = next((k for k in range(v - 2, s - 1, -1) if tokens[k].lower == "of"), None)
            if of is not None:
                s = of + 1  # (the NP walk reads across "of": "footage of Ada Lind")
            if lo < s <= v - 1 and (tokens[s - 1].lower == "with" or (
                    tokens[s - 1].lower == "of" and s - 2 >= lo and tokens[s - 2].lower in _MEDIA_NOUNS)):
                # "with Senator John McCain telling reporters ...", "footage of Hillary Clinton asking, ..."
                np = subject_np(text, tokens[s:v])
                if np is not None:
                    return np
            if of is not None and s - 3 >= lo and tokens[s - 3].lower == "with" and (
                    tokens[s - 2].lower in ("one", "some", "many", "most", "each", "all", "two", "three")):
                # "with one of her ads asking, ...": the part "of" names speaks
                np = subject_np(text, tokens[s - 2 : v])
                if np is not None:
                    return np
    u = v - 2
    while u > lo and tokens[u].lower in AUX_ADVERBS:
        u -= 1
    if v >= 2 and tokens[v - 1].lower in ("and", "but", "then") and u > lo and verb_like(tokens[u], lexicon):
        # "Ms. Sherry smiled and said": the first verb's subject (not a pronoun of an earlier clause)
        np = subject_left(text, tokens, u, lo, lexicon)
        if np is not None and np.kind in ("person", "org", "pronoun"):
            return np
    if v >= 3 and tokens[v - 1].lower == "and":
        first = _first_of_verb_series(tokens, v - 1, lo, lexicon)
        if first is not None:
            # "he looked into the camera, furrowed his brow and said": the series' first verb has the subject
            np = subject_left(text, tokens, first, lo, lexicon)
            if np is not None and np.kind in ("person", "org", "pronoun"):
                return np
    for k in range(v - 1, lo, -1):
        info = lexicon.get(tokens[k].lower)
        if info is not None and info.speech and not tokens[k].capitalized and not tokens[k].lower.endswith(
                "ing") and not noun_use(tokens, k):
            np = subject_left(text, tokens, k, lo, lexicon)
            if np is not None and not _object_of_earlier_word(tokens, np, lo):
                return np
    for k in range(v - 2, lo - 1, -1):
        if tokens[k].lower in ("he", "she", "they", "we") and tokens[k + 1].is_word and (
                not tokens[k + 1].capitalized) and tokens[k + 1].lower not in STOP_WORDS - AUX_ADVERBS:
            if k > lo and tokens[k - 1].lower in _COMPLEMENT_OPENERS:
                continue  # 'Christie bristled at the suggestion that he was ..., saying': not the clause's subject
            return subject_np(text, [tokens[k]])
    if lo > 0 or (tokens and tokens[0].capitalized):
        return clause_subject(text, tokens, lo, v, lexicon)
    return None


def _past_verb(tok: Token, lexicon: dict[str, VerbInfo]) -> bool:
    return verb_like(tok, lexicon) or (tok.lower in IRREGULAR_PAST and not tok.capitalized)


def _first_of_verb_series(tokens: list[Token], and_i: int, lo: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The first verb of a series that ends in ``and`` at ``and_i``: "looked into the camera, furrowed his
    brow and" -> "looked" (each verb in the past, its object a few words, commas between); None when the word
    group before ``and`` has no verb of its own."""
    u = next((k for k in range(and_i - 1, max(lo, and_i - 6), -1) if _past_verb(tokens[k], lexicon)), None)
    if u is None or not all(t.is_word for t in tokens[u + 1 : and_i]):
        return None
    first = u
    while first - 2 > lo and tokens[first - 1].text == ",":
        prev = next((k for k in range(first - 2, max(lo, first - 10), -1) if _past_verb(tokens[k], lexicon)), None)
        if prev is None or not all(t.is_word for t in tokens[prev + 1 : first - 1]):
            break
        first = prev
    return first if first < u else None


def np_right(text: str, tokens: list[Token], i: int, hi: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """An NP after a verb or "according to"; a following apposition (", the company's engineer") is a title."""
    if i >= hi or tokens[i].lower in ("that", "this", "these", "those", "to", "it"):
        return None  # "said that ...", "said this is ...": a clause follows, not the speaker
    if tokens[i].lower in SUBJECT_PRONOUNS or tokens[i].lower in ("him", "her", "them", "us"):
        return subject_np(text, [tokens[i]])
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
    np = subject_np(text, tokens[i:e])
    if np is None:
        p = next((k for k in range(i + 1, e) if _is_participle(tokens[k])), None)
        if p is not None:
            np = subject_np(text, tokens[i:p])  # "according to reports emerging in the news media": "reports"
    if np is not None and np.kind != "person" and e + 1 < hi and tokens[e].text == ",":
        named = name_in_apposition(text, tokens[:hi], e, np, closers=(",", ".", "!", "?"))
        if named is not None:
            return named[0]  # 'said Ann Lee's spokesman, Ola Lund.': the spokesman, by name
    if np is not None and np.kind == "person" and e + 1 < hi and tokens[e].text == ",":
        e2 = collect_right(tokens, e + 1, hi, lexicon)
        if e2 > e + 1 and tokens[e + 1].lower in DETERMINERS:
            np.title = np.title or text[tokens[e + 2].start : tokens[e2 - 1].end] if e2 > e + 2 else np.title
    return np


def is_possessive_mark(tokens: list[Token], k: int) -> bool:
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
    return t in _WINDOW_STOPS and ((t in QUOTE_CHARS and not is_possessive_mark(tokens, k)) or (
        t in TERMINATORS and not is_abbrev_dot(tokens, k)))


def start_of_clause(tokens: list[Token], end: int) -> int:
    """Index of the first token of the sentence or quote-free stretch that ends before ``end``."""
    for k in range(end - 1, -1, -1):
        if _breaks_clause(tokens, k):
            return k + 1
    return 0


def _clause_start_over_short_quotes(tokens: list[Token], end: int) -> int:
    """:func:`start_of_clause`, reading on past short quoted phrases (a title, a scare quote: ``Kerpen needled the
    CNN “reporter,” saying``), which do not end the clause the way a quotation does."""
    lo = start_of_clause(tokens, end)
    for _ in range(3):
        if lo < 2 or tokens[lo - 1].text not in QUOTE_CHARS or is_terminator(tokens, lo - 2):
            break
        opening = next((k for k in range(lo - 2, max(-1, lo - 10), -1) if tokens[k].text in QUOTE_CHARS), None)
        if opening is None or any(is_terminator(tokens, k) for k in range(opening + 1, lo - 1)):
            break
        lo = start_of_clause(tokens, opening)
    return lo


def is_terminator(tokens: list[Token], k: int) -> bool:
    return tokens[k].text in TERMINATORS and not is_abbrev_dot(tokens, k)


def cut_window(tokens: list[Token]) -> list[Token]:
    """Tokens up to the end of the sentence or the next quote mark."""
    for k in range(len(tokens)):
        if _breaks_clause(tokens, k):
            return tokens[:k]
    return tokens


def verb_follows(toks: list[Token], np: SpeakerNP, lexicon: dict[str, VerbInfo]) -> bool:
    """A reporting verb comes right after the noun phrase ``np``: in '"...," state Sen. X said' the word
    before the NP ("state", a noun-like form) belongs to it, and "said" is the cue."""
    k = next((k for k, t in enumerate(toks) if t.start >= np.mention.end), None)
    if k is None:
        return False
    info = lexicon.get(toks[k].lower)
    return info is not None and info.direct_cue and not toks[k].capitalized


def finite_verb_follows(toks: list[Token], np: SpeakerNP) -> bool:
    """An auxiliary or a modal right after the noun phrase ``np``: it is the subject of a clause."""
    k = next((k for k, t in enumerate(toks) if t.start >= np.mention.end), None)
    # (the auxiliaries and modals of RELATIVE_GAP_VERBS, and "did"/"does")
    return k is not None and (toks[k].lower in RELATIVE_GAP_VERBS or toks[k].lower in ("did", "does"))


def ing_modifier(prev: Token, tok: Token, nxt: Token, lexicon: dict[str, VerbInfo]) -> bool:
    """An -ing form between two words of a noun phrase modifies the noun after it (``policy planning
    director``, ``the polling firm``): it is not a reporting verb."""
    return (tok.lower.endswith("ing") and prev.is_word and is_np_word(prev, lexicon) and nxt.is_word
            and not nxt.capitalized and nxt.lower not in DETERMINERS and is_np_word(nxt, lexicon))


def participle_opening(tokens: list[Token], start: int, v: int) -> bool:
    """The clause opens with a participle phrase, not a subject: "Having announced ...", "Holding signs ...",
    "Raising the prospect ..." (but a gerund with "of" is a noun, "Polling of union voters shows", and one
    before a title a modifier, "Managing editor Ann Lee said")."""
    first = tokens[start]
    if first.lower == "having":
        return True
    return (ing_form(first.lower) and start + 1 < v and tokens[start + 1].is_word and not tokens[start + 1].capitalized
            and tokens[start + 1].lower != "of" and tokens[start + 1].lower not in PERSON_TITLE_HEADS)


def name_in_apposition(text: str, tokens: list[Token], comma: int, described: SpeakerNP,
                       closers: tuple[str, ...] = (",",)) -> tuple[SpeakerNP, int] | None:
    """A person's name between the comma at ``comma`` and the next one (or another of ``closers``), after a
    description of them (``described``): that person, with the description as their title, and the index
    of the token that closes the name."""
    if not any(t.lower in PERSON_TITLE_HEADS for t in tokens if described.mention.start <= t.start < described.mention.end):
        return None  # ("According to an FBI summary of its investigation, Cheryl Mills, ...": the content's subject)
    e = comma + 1
    while e < len(tokens) and e - comma <= 5 and (tokens[e].capitalized or is_abbrev_dot(tokens, e)):
        e += 1
    ends_window = e == len(tokens) and "." in closers  # ('said the guild's spokesman, Ola Lund.': to the end)
    if e == comma + 1 or not ends_window and (e >= len(tokens) or tokens[e].text not in closers or (
            e + 2 >= len(tokens) and closers == (",",))):
        return None
    named = subject_np(text, tokens[comma + 1 : e])
    if named is None or named.kind != "person":
        return None
    description = described.name or described.mention.text
    for det in ("the ", "The "):
        description = description.removeprefix(det)
    named.title = named.title or description
    return named, e


#: What an organisation or a person issues and lets speak for them: "released a statement saying ...".
_ISSUED_THINGS: Final = frozenset(["statement", "statements", "message", "messages", "email", "emails", "letter",
                                   "letters", "memo", "memos", "release", "tweet", "tweets", "post", "posts",
                                   "ad", "ads", "video", "note", "notice", "report"])
#: Verbs of issuing such a thing: its subject is who speaks through it.
_ISSUING_VERBS: Final = frozenset(["released", "issued", "sent", "posted", "published", "tweeted", "put", "fired",
                                   "circulated", "distributed", "emailed", "wrote", "signed", "aired", "ran",
                                   "releases", "issues", "sends", "posts", "publishes", "puts"])


def issuer(text: str, tokens: list[Token], np: SpeakerNP, v: int, lo: int,
           lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """Who issued the statement ``np`` that the participle or relative clause at ``tokens[v]`` reports ("The
    town released a statement Wednesday saying ...": the town, not the statement nor Wednesday; "Trump
    released a marketing video that said": Trump), or None."""
    s = next((i for i in range(lo, v) if tokens[i].start >= np.mention.start), v)
    if s < v and tokens[s].lower in TIME_WORDS and all(t.lower in TIME_WORDS for t in tokens[s:v]):
        s = collect_left(tokens, s - 1, lo, lexicon)  # ("a statement Wednesday": the noun before the day)
    if not any(t.lower in _ISSUED_THINGS for t in tokens[s:v]):
        return None
    k = s - 1
    while k > lo and (tokens[k].lower in ("a", "an", "the", "out") or tokens[k].lower.endswith("ly")):
        k -= 1  # ("put out a statement", "quickly released a statement")
    if k <= lo or tokens[k].lower not in _ISSUING_VERBS:
        return None
    found = subject_left(text, tokens, k, lo, lexicon)
    return found if found is not None and found.kind in ("person", "org", "pronoun", "generic") else None
