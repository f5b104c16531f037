"""Cue patterns: which reporting verb introduces a direct quote, and which noun phrase is its subject.

All functions work on short token lists (a bounded window around a quote, or one sentence), so the
cost per quote is constant. Patterns, after a quote: ``"...," X said``, ``"...," said X``,
``"...," according to X``; before a quote: ``X said: "..."``, ``X told reporters "..."``, ``..., asked "..."``
(coordinated verb: the clause subject speaks); a whole reporting sentence: ``..., X said.``.
The subjects themselves are read by :mod:`.subjects`; indirect quotes (``X said that ...``,
``According to X, ...``) are found by :mod:`.indirect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from docpipe.model import Mention

from .lexicon import VerbInfo
from .speakers import CONTRACTED, DETERMINERS, SUBJECT_PRONOUNS, SpeakerNP, analyse_np, mention_of
from .subjects import (
    clause_subject,
    collect_left,
    collect_right,
    cut_window,
    finite_verb_follows,
    ing_modifier,
    is_abbrev_dot,
    is_np_word,
    issuer,
    is_possessive_mark,
    modifier_after_determiner,
    noun_use,
    np_right,
    sentence_subject,
    spaced_dash,
    start_of_clause,
    subject_left,
    subject_np,
    subjectless,
    verb_follows,
)
from .tokens import Token
from .words import (
    ADDRESSEE_VERBS,
    AUX_ADVERBS,
    DASHES,
    NO_VERBS,
    NOUN_MARKERS,
    PASSIVE,
    PREPOSITIONS,
    QUANTIFIER_PRONOUNS,
    QUOTE_CHARS,
    STOP_WORDS,
    TERMINATORS,
    TIME_WORDS,
)

#: Verbs that take a quotation directly, without a comma or colon: 'asked "Who are you?"', 'X cautioned "let
#: us not ..."' (the last eight, from "claim", were measured one by one on PolNeAR's train and dev splits).
QUOTE_TAKING = frozenset(["say", "ask", "tell", "write", "add", "tweet", "shout", "chant", "reply", "answer", "yell",
                          "whisper", "exclaim", "declare", "sing", "claim", "caution", "echo", "pledge", "explain",
                          "suggest", "testify", "admit",
                          # (seventeenth round: no change on train or dev, where none of them takes a quotation
                          # so; 'Ann Lee acknowledged "it will be hard to win"' reads as her words)
                          "acknowledge", "concede", "insist", "warn", "predict", "argue", "promise", "vow", "boast",
                          "complain", "joke", "quip", "recall", "repeat"])
_INTRO_PUNCT = frozenset(",:—–―-")
#: What someone's words are called in a heading before them: "Republicans' reaction: '...'".
_HEADING_NOUNS = frozenset(["reaction", "response", "answer", "reply", "message", "verdict", "advice", "warning",
                            "words", "retort"])
#: Nouns of what is said, which a comma may follow before the quotation: 'issued a statement, "..."'.
_SAYING_NOUNS = frozenset(["statement", "message", "tweet", "post", "email", "letter", "remark", "remarks",
                           "response", "reply", "warning", "note"])


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


#: Pronouns that end a prepositional phrase inside a subject ("a source close to him said").
_OBJECT_PRONOUNS: Final = frozenset(["him", "her", "them", "us", "me"])


def cue_after(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo], any_verb: bool = False) -> Cue | None:
    """A cue right after a closing mark: ``, X said``, ``said X``, ``according to X``.

    ``any_verb``: a verb of belief or evidence may be the cue too (``, records show``): for indirect
    attributions, where the caller decides whether it may."""
    toks = cut_window(tokens)
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
        end = n - 1 if n - 1 > e and toks[n - 1].text == "." else n  # (a final full stop)
        # ('"..." ― Ann Lee, harbour master': a short apposition after the name is the signer's title)
        title = e < end <= e + 9 and toks[e].text == "," and all(t.is_word for t in toks[e + 1 : end])
        if (e == end or title) and e - i <= 5:
            np = subject_np(text, toks[i:e])
            if np is not None and np.kind in ("person", "org"):
                if title and np.title is None:
                    np.title = text[toks[e + 1].start : toks[end - 1].end]
                return Cue(np, mention_of(text, [toks[i - 1]]), "signature")
    if t0.lower == "according" and i + 1 < n and toks[i + 1].lower == "to":
        np = np_right(text, toks, i + 2, n, NO_VERBS)
        return Cue(np, mention_of(text, toks[i : i + 2]), "according") if np else None
    if t0.text == "[" and i == 0:
        # '"..." [WaPo.]': a newsletter's bracketed source after the quote (the window may end at its period)
        close = next((k for k in range(i + 1, min(n, i + 7)) if toks[k].text == "]"), n if n <= i + 6 else None)
        name = [t for t in toks[i + 1 : close] if t.text != "."] if close is not None else []
        if name and all(t.capitalized for t in name):
            np = subject_np(text, name)
            if np is not None:
                return Cue(np, mention_of(text, [t0]), "signature")
    verb_next = lexicon.get(toks[i + 1].lower) if i + 1 < n else None
    if t0.lower in QUANTIFIER_PRONOUNS and verb_next is not None and verb_next.direct_cue:
        some = analyse_np(text, [t0])  # '"...," some said.'
        return Cue(some, mention_of(text, [toks[i + 1]]), "after") if some is not None else None
    info = lexicon.get(t0.lower)
    if info is not None and info.direct_cue and info.base in ADDRESSEE_VERBS and info.base != "tell" and (
            t0.lower != info.base and not t0.lower.endswith("ing")):
        # '"...," warned Clinton.': a name that ends the sentence after the verb is who warns, not who is warned
        np = np_right(text, toks, i + 1, n, lexicon)
        if np is not None and np.kind == "person":
            after = next((t for t in toks[i + 1 :] if t.start >= np.mention.end), None)
            if after is None or after.text in TERMINATORS or after.text == ",":
                return Cue(np, mention_of(text, [t0]), "inverted")
    if info is not None and info.direct_cue and not t0.lower.endswith("ing") and info.base not in ADDRESSEE_VERBS:
        # (not "told the paper": who is told, never who tells)
        np = np_right(text, toks, i + 1, n, lexicon)
        if np is None and i + 1 < n and toks[i + 1].lower in QUANTIFIER_PRONOUNS and (
                i + 2 == n or not toks[i + 2].is_word):
            np = analyse_np(text, [toks[i + 1]])  # '"...," said one.'
        if np is not None and np.kind != "person" and finite_verb_follows(toks, np):
            return None  # '"...," said the pier could be saved': a clause after "said", not its subject
        if np is not None and not ("nounlike" in info.tags and verb_follows(toks, np, lexicon)):
            return Cue(np, mention_of(text, [t0]), "inverted")
        if np is None and not t0.capitalized:
            return None  # (capitalised, it may be a name: '"...," Read said')
    for k in range(i + 1, min(n, i + 30)):
        info = lexicon.get(toks[k].lower)
        cue_toks = toks[k : k + 1]
        if info is None and _phrasal_saying(toks, k):
            info = lexicon.get("say")  # '"...," Ann Lee shot back.', '"...," she went on.': a verb and its particle
            cue_toks = toks[k : k + 2]
        if info is not None and k + 1 < n and ing_modifier(toks[k - 1], toks[k], toks[k + 1], lexicon):
            continue  # 'former policy planning director Anne Lind wrote': a noun's modifier, not the verb
        if info is not None and owned_noun(toks, k):
            continue  # "praised Clinton's remarks": the owner's noun, not a verb of the owner's
        if info is not None and _compound_noun(toks, k, info):
            continue  # "who faces a tough race in her home state": a noun, not the verb "state"
        if info is not None and (info.direct_cue or any_verb) and (
                not toks[k].capitalized or toks[k].lower in _CAPITALISED_VERBS) and not modifier_after_determiner(
                toks[k - 1], toks[k]):
            np = subject_left(text, toks, k, i, lexicon)
            # the NP must start the window (no other clause between the quote and the NP)
            if np is not None and np.mention.start >= t0.start and (
                np.mention.start == t0.start
                or text[t0.start : np.mention.start].strip(" ,").lower() in ("", "the", "a", "an")
                or _np_starts_window(toks, i, np)
            ):
                return Cue(np, mention_of(text, cue_toks), "after")
            e = collect_right(toks, i, k, lexicon)
            if i < e < k and toks[e].lower in PREPOSITIONS and k - e <= 6:
                # '"...?" a staffer in the room wondered': the NP that opens the window, then a PP
                np = subject_np(text, toks[i:e])
                if np is not None:
                    return Cue(np, mention_of(text, cue_toks), "after")
            return _apposition_cue(text, toks, i, lexicon)
        if not is_np_word(toks[k], lexicon) and toks[k].text != "," and toks[k].lower not in AUX_ADVERBS and not (
                is_abbrev_dot(toks, k)) and not modifier_after_determiner(toks[k - 1], toks[k]) and not (
                toks[k].lower in PREPOSITIONS and k - i <= 6) and toks[k].lower != "and" and not (
                toks[k].lower in _OBJECT_PRONOUNS and toks[k - 1].lower in PREPOSITIONS):
            # (a short PP after the subject, "a source close to him", "and" between two titles: checked at
            # the verb)
            return _apposition_cue(text, toks, i, lexicon)
    return None


def _compound_noun(tokens: list[Token], k: int, info: VerbInfo) -> bool:
    """``tokens[k]``, a reporting verb that is mostly a noun in its base form ("state", "report", "note"), ends a
    noun phrase of a determiner and a singular noun: "her home state", "the progress report" (not "the
    officials state", whose plural noun makes it a verb)."""
    return "nounlike" in info.tags and tokens[k].lower == info.base and k >= 2 and tokens[k - 2].lower in (
        NOUN_MARKERS) and tokens[k - 1].is_word and not tokens[k - 1].lower.endswith("s")


def owned_noun(tokens: list[Token], k: int) -> bool:
    """``tokens[k]`` follows a possessive ("Clinton's remarks", "the mayor's statement"), so it is a noun:
    "He's said" and "That's" are contractions, not possessives."""
    before = tokens[k - 1].lower
    return before.endswith(("'s", "’s")) and before[:-2] not in CONTRACTED


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
    np = subject_np(text, toks[i:e])
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
            return Cue(np, mention_of(text, [verb]), "after")
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
                toks[k - 1].lower not in NOUN_MARKERS) and not _compound_noun(toks, k, info):
            # ("... in the state since ...", "... in her home state": a noun)
            return Cue(np, mention_of(text, [verb]), "after")
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


def _main_verb_before_when(tokens: list[Token], v: int, lo: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The verb of saying before ``when asked``, ``after pressed`` and the like at ``tokens[v]`` ('Lee told the
    council when asked about it: "..."'), or None."""
    if not (v > lo + 1 and tokens[v - 1].lower in ("when", "after", "if", "once") and tokens[v].lower.endswith("ed")):
        return None
    return next((u for u in range(v - 2, lo - 1, -1) if not tokens[u].capitalized and (
        tokens[u].lower in lexicon and lexicon[tokens[u].lower].speech)
        and tokens[u - 1].lower not in NOUN_MARKERS), None)


#: Verbs that give a thing a name, which a quotation right after them is: "what Lee called "a folly"".
NAMING_VERBS: Final = frozenset(["call", "calls", "called", "dub", "dubs", "dubbed", "term", "terms", "termed",
                                  "label", "labels", "labeled", "labelled", "brand", "brands", "branded"])


#: Verbs that give a thing a name with "as" ('whom he described as "volatile"').
DESCRIBING_VERBS: Final = frozenset(["describe", "describes", "described", "characterize", "characterizes",
                                     "characterized"])


def cue_naming(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> Cue | None:
    """'what Mr. Hedge called "the prior economy model"', 'which Trump has dubbed "a disgrace"': a relative
    clause whose object is the quotation right after its verb -- the subject's words, a quote of its own.
    ``tokens`` end right before the opening mark."""
    v = len(tokens) - 1
    if v >= 3 and tokens[v].lower == "as" and tokens[v - 1].lower in DESCRIBING_VERBS:
        v -= 1  # 'whom he described as "volatile"'
    elif v < 2 or tokens[v].lower not in NAMING_VERBS:
        return None
    lo = start_of_clause(tokens, v)
    rel = next((k for k in range(v - 1, max(lo, v - 12) - 1, -1) if tokens[k].lower in (
        "what", "which", "that", "whom", "who")), None)
    if rel is None and v - 2 >= lo and tokens[v - 1].lower in SUBJECT_PRONOUNS and tokens[v - 2].is_word and (
            not tokens[v - 2].capitalized and tokens[v - 2].lower not in STOP_WORDS):
        rel = v - 2  # 'a campaign - one he calls "Confident America"': no relative pronoun, the noun before it
    if rel is None or rel + 1 >= v or not all(
            tokens[k].text == "," or tokens[k].lower in SUBJECT_PRONOUNS or is_np_word(tokens[k], lexicon)
            or tokens[k].lower in AUX_ADVERBS or is_abbrev_dot(tokens, k) or tokens[k].lower in TIME_WORDS
            or (tokens[k].lower == "on" and tokens[k + 1].lower in TIME_WORDS) for k in range(rel + 1, v)):
        return None  # (only the subject between: not 'messages that appeared on chains recently labeled "..."')
    sentence = next((k + 1 for k in range(rel - 1, -1, -1) if tokens[k].text in TERMINATORS
                     and not is_abbrev_dot(tokens, k)), 0)
    if any(not tokens[k].capitalized and (info := lexicon.get(tokens[k].lower)) is not None and info.speech
           and not (k > 0 and tokens[k - 1].lower in ("the", "a", "an")) for k in range(sentence, rel)):
        return None  # ('Lee said voters are hungry for what she calls "real solutions"': inside what Lee said)
    np = subject_left(text, tokens, v, rel + 1, lexicon)
    if np is None or np.mention.start < tokens[rel + 1].start:
        return None
    return Cue(np, mention_of(text, [tokens[v]]), "before", strong=False)


def cue_before(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo], max_gap: int = 8,
               direct_only: bool = True) -> Cue | None:
    """A cue before an opening mark: ``X said: "``, ``X told reporters "``, ``asked "``, ``pollster Ann Lee: "``.

    ``direct_only=False`` also accepts verbs tagged ``nodirect`` (for ``X released a statement:`` intros).
    """
    n = len(tokens)
    if n >= 5 and tokens[-1].text in (",", ":") and tokens[-2].lower == "quote" and tokens[-3].lower == "i":
        k = n - 4 if tokens[n - 4].lower == "and" else n - 3
        if tokens[k - 1].text == ",":
            tokens, n = tokens[:k], k  # 'Trump said, and I quote, "..."': the writer's aside, not a cue
    if not n:
        return None
    lo = start_of_clause(tokens, n)  # this sentence / clause only
    if n >= 4 and tokens[-1].text == ":":
        d = next((k for k in range(n - 3, max(lo, n - 7) - 1, -1) if spaced_dash(tokens, k)), None)
        if d is not None and all(t.capitalized for t in tokens[d + 1 : n - 1]):
            lo = d + 1  # 'Pollsters agree - Carl Bialik: "..."': the name after the dash labels the quote
    for v in range(n - 1, max(lo, n - 1 - max_gap) - 1, -1):
        tok = tokens[v]
        info = lexicon.get(tok.lower)
        cue_toks = tokens[v : v + 1]
        if info is None and not tok.capitalized and _phrasal_saying(tokens, v) and (
                (v + 2 < n and tokens[v + 2].text in (":", ",")) or (v + 3 < n and tokens[v + 3].text in (":", ",")
                                                                     and tokens[v + 2].lower.endswith("ly"))):
            # (an adverb may stand between: "Rubio fired back forcefully:")
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
        main = _main_verb_before_when(tokens, v, lo, lexicon)
        if main is not None:
            # 'Ann Lee, who told the council when asked about it: "..."': the main verb's subject speaks
            np = sentence_subject(text, tokens, main, lexicon) if subjectless(tokens, main) else subject_left(
                text, tokens, main, lo, lexicon)
        if np is None and v >= 1 and tokens[v - 1].lower in PASSIVE and v + 2 < n and tokens[v + 1].lower == "by":
            np = np_right(text, tokens, v + 2, n, lexicon)  # 'Lee was asked by host Ola Lund, "..."': the asker
        if np is None:
            np = sentence_subject(text, tokens, v, lexicon) if subjectless(tokens, v) else subject_left(
                text, tokens, v, lo, lexicon)
        if np is not None and (tok.lower.endswith("ing") or tokens[v - 1].lower in ("that", "which")):
            # "The town released a statement saying: ...", "Trump released a video that said, ...": the issuer
            np = issuer(text, tokens, np, v, lo, lexicon) or np
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
        if main is not None and np.mention.end <= tokens[main].start:
            cue_toks = [tokens[main]]  # the quote is what she told, not what was asked
        return Cue(np, mention_of(text, cue_toks), "before", strong=strong)
    # "... surprise Republican pollster Ann Lee: "..."": a name right before the colon
    if n >= 4 and tokens[-1].text in (":", ",") and tokens[-3].lower in ("put", "puts") and tokens[-2].lower == "it":
        np = subject_left(text, tokens, n - 3, lo, lexicon)  # "As Professor Foner put it: '...'"
        if np is not None:
            return Cue(np, mention_of(text, tokens[-3:-1]), "before")
    if n >= 3 and tokens[-1].text == ":":
        # a headline "Gillibrand on Hillary Releasing Her Transcripts: 'I Think She Will'": who speaks on what
        on = next((k for k in range(lo + 1, min(n - 2, lo + 6)) if tokens[k].lower == "on"), None)
        if on is not None and all(t.capitalized or t.text == "." for t in tokens[lo:on]):
            np = subject_np(text, tokens[lo:on])
            if np is not None and np.kind in ("person", "org", "generic"):
                return Cue(np, mention_of(text, [tokens[-1]]), "headline")
    if n >= 3 and tokens[-1].text == ":":
        # "From the report: "..."", "More from Jones: "..."": where the quoted words come from
        f = next((k + 1 for k in range(n - 2, lo - 1, -1) if tokens[k].text in DASHES), lo)  # (after "... -")
        if f < n - 2 and tokens[f].lower == "more":
            f += 1
        if f == lo and tokens[f].lower != "from":
            # "A lesson from Loretta Lynch: '...'", "Some advice from Ann Lee: '...'": a short heading
            f = next((k for k in range(lo + 1, min(n - 2, lo + 4)) if tokens[k].lower == "from" and all(
                t.is_word and t.lower not in lexicon for t in tokens[lo:k])), f)
        if f < n - 2 and tokens[f].lower == "from":
            np = subject_np(text, tokens[f + 1 : n - 1])
            if np is not None:
                return Cue(np, mention_of(text, [tokens[f]]), "before", strong=True)
    if n >= 4 and tokens[-1].text == ":" and tokens[-2].lower in _HEADING_NOUNS and (
            tokens[-3].lower.endswith(("'s", "’s")) or is_possessive_mark(tokens, n - 3)):
        # "Republicans' reaction: '...'", "Lee's answer: '...'": whose words follow
        e = n - 3 if tokens[-3].text in ("'", "’") else n - 2
        np = subject_np(text, tokens[lo:e]) if e > lo else None
        if np is not None and np.kind in ("person", "org", "generic"):
            return Cue(np, mention_of(text, [tokens[-2]]), "headline")
    if n >= 2 and tokens[-1].text == ":" and tokens[-2].capitalized and tokens[-2].lower not in TIME_WORDS:
        s = collect_left(tokens, n - 2, lo, lexicon)
        for k in range(n - 3, s - 1, -1):
            if tokens[k].text in DASHES and k > 0 and tokens[k].start > tokens[k - 1].end:
                s = k + 1  # "... for Republican contests - Philip Bump:": the name after the spaced dash
                break
        np = subject_np(text, tokens[s : n - 1]) if s <= n - 2 else None
        # the name labels the quote ("pollster Ann Lee:"); after "with", "of" it is an object ("contrasted him
        # with Clinton:", "in the spirit of Silicon Valley:")
        label = s == lo or tokens[s - 1].lower not in ("with", "of", "to", "in", "about", "against", "on", "via",
                                                       "at", "from", "by", "for")
        if np is not None and np.kind == "person" and label:
            return Cue(np, mention_of(text, [tokens[-1]]), "before")
    # "She then addressed the supporters again: "..."": a colon ends the clause, whose subject speaks (so
    # does a comma after a noun of what is said: "Ann Lee issued a statement, "...""
    if n >= 3 and n - 1 - lo >= 2 and (tokens[-1].text == ":" or (
            tokens[-1].text == "," and tokens[-2].lower in _SAYING_NOUNS and n - 1 - lo >= 3)):
        np = clause_subject(text, tokens, lo, n - 1, lexicon)
        if np is not None and np.kind in ("person", "org", "pronoun"):
            return Cue(np, mention_of(text, [tokens[-1]]), "colon", strong=True)
    # "According to X, "...""
    for k in range(lo, n - 1):
        if tokens[k].lower == "according" and tokens[k + 1].lower == "to":
            np = np_right(text, tokens, k + 2, n, NO_VERBS)
            if np is not None:
                return Cue(np, mention_of(text, tokens[k : k + 2]), "according")
    return None


def reporting_sentence(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo],
                       from_paragraph_start: bool = True) -> Cue | None:
    """``Sam Lau said in a statement.`` right before a quote: a sentence that is only a reporting clause
    (subject, speech verb, at most a short phrase, no "that") introduces the quote after it.

    ``tokens`` end with the sentence's period; unless ``from_paragraph_start``, they must also hold the
    sentence's start (a window cut at the previous quote holds the rest of that quote's sentence)."""
    if len(tokens) < 3 or tokens[-1].text != "." or is_abbrev_dot(tokens, len(tokens) - 1):
        return None
    end = len(tokens) - 1
    lo = 0 if from_paragraph_start else None
    for k in range(end - 1, -1, -1):
        if tokens[k].text in QUOTE_CHARS and not is_possessive_mark(tokens, k):
            return None  # '"A," he said, noting that ... points. "B."': the clause of the quote before
        if tokens[k].text in TERMINATORS and not is_abbrev_dot(tokens, k):
            lo = k + 1
            break
    if lo is None or any(t.lower == "that" for t in tokens[lo:end]):
        return None
    for v in range(max(lo + 1, end - 8), end):
        info = lexicon.get(tokens[v].lower)
        if info is None or not info.direct_cue or tokens[v].capitalized or tokens[v].lower.endswith("ing") or (
                noun_use(tokens, v)):
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
        return Cue(np, mention_of(text, [tokens[v]]), "before", strong=False) if np is not None else None
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
    return Cue(outer, mention_of(text, [verb]), "before")
