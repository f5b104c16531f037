"""Where a reported content ends: the boundaries of what a reporting verb reports.

``X said that A, and he railed against B``: the content is ``A``. The functions here read a sentence's
tokens after a cue and stop at the writer's next clause, a subordinate clause of the writer's, a closing
mark with no opening one, or the next speaker's clause. :class:`IndirectMatch` is the result that
:mod:`.indirect` builds and the stage turns into a quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .cues import Cue
from .lexicon import VerbInfo
from .speakers import SUBJECT_PRONOUNS
from .tokens import Token
from .words import (
    AUX_ADVERBS,
    CLAUSE_CONJUNCTIONS,
    CLOSING_QUOTES,
    CONTENT_CUTTERS,
    DASHES,
    DAY_PARTS,
    ING_NOUNS,
    IRREGULAR_PAST,
    LY_WORDS,
    NOT_A_SUBJECT,
    NOUN_MARKERS,
    ONE_TO_TEN,
    PREPOSITIONS,
    QUOTE_CHARS,
    RELATIVE_CUTTERS,
    RELATIVE_GAP_VERBS,
    STOP_WORDS,
    SUBORDINATORS,
    TERMINATORS,
    TIME_WORDS,
)

#: The double marks of English text (straight and curly), which open and close what is quoted.
DOUBLE_QUOTE_MARKS: Final = frozenset("\"“”") | {"''"}
CLAUSE_STARTERS = SUBJECT_PRONOUNS | frozenset({"if", "when", "because", "there", "the", "a", "an", "this", "that", "these", "those", "it", "his",
                                                "her", "their", "our", "its", "no", "some", "many", "most", "all"})


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
_WEEKDAYS: Final = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                       "today", "tonight"])
#: Words that open a figure: ", while about 4 in 10 ...", ", but nearly half ...".
_QUANTITY_WORDS: Final = ONE_TO_TEN | frozenset(["about", "nearly", "almost", "roughly", "only", "just", "fewer",
                                                    "half", "more", "less"])
#: After a dash, these open the writer's aside.
_AFTER_DASH_CUTTERS: Final = frozenset(["even", "although", "though", "while", "which", "who", "and", "but", "as", "a", "an"])
#: ... and "With Democratic leaders worried about a lack of passion, Obama is ...", which opens one too.
_CLAUSE_OPENERS: Final = SUBORDINATORS | {"with"}


def subordinate_end(tokens: list[Token], v: int, start_i: int, n: int) -> int:
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
                if starts_clause(tokens[k + 2]):
                    return k + 2  # '... "knife-wielding Palestinians," many in the audience ...': after the mark
                continue
            if starts_clause(nxt) or nxt.capitalized:
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


def introductory_adverbial(lowers: list[str], c: int) -> bool:
    """The ``c`` tokens before the comma of a sentence-final reporting clause are an adverbial opening the
    sentence ("In a speech last July", "Shortly after my sentence", "With 214 delegates at stake"), not a
    reported clause: at most nine tokens, led by a preposition or an -ly adverb, with no subject pronoun."""
    return c <= 9 and (lowers[0] in PREPOSITIONS or lowers[0].endswith("ly") or lowers[0] == "based") and not any(
        lowers[j] in SUBJECT_PRONOUNS for j in range(c))


def quoting_after(mark: str, quoting: bool) -> bool:
    """Whether a double quotation is open after the token ``mark`` (straight marks toggle)."""
    if mark == "“":
        return True
    if mark == "”":
        return False
    if mark == '"' or mark == "''":
        return not quoting
    return quoting


def quoting_in_content(mark: str, quoting: bool) -> bool:
    """:func:`quoting_after` inside a content, where a “ while a quotation is open closes it (scraped text
    curls closing marks the wrong way)."""
    return False if mark == "“" and quoting else quoting_after(mark, quoting)


def past_form(tok: Token) -> bool:
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
        return nxt in TIME_WORDS or nxt in DAY_PARTS or nxt in ("late", "early", "mid")
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
            return nxt.lower in RELATIVE_GAP_VERBS or past_form(nxt)
    return False


#: After ", as", these make a comparison of the writer's: ", as has the mayor", ", as was the case with ...".
_AS_COMPARATIVE_VERBS: Final = RELATIVE_GAP_VERBS | frozenset(["did", "do", "does"])


def _cuts_after_comma(tok: Token) -> bool:
    """After a comma, ``tok`` opens a clause of the writer's: a content cutter or a participle (", focusing
    on ...", but not ", everything will ...")."""
    w = tok.lower
    return w in CONTENT_CUTTERS or (w.endswith("ing") and len(w) > 5 and w not in ING_NOUNS and not w.endswith(
        "thing") and w not in _ING_CONTINUERS and not tok.capitalized)


def content_end(tokens: list[Token], end_index: int, start_index: int | None = None) -> int:
    """Offset where content ends: before a final sentence terminator.

    With ``start_index`` (where the content starts) the content also stops at a semicolon or at a comma
    that opens a clause of the writer's (``CONTENT_CUTTERS``, or a participle: ", focusing on ..."), once
    it has four tokens.
    """
    if start_index is not None:
        quoting = False  # inside a quotation the content opened: its commas are the speaker's, not cuts
        for k in range(start_index, min(start_index + 4, end_index)):
            quoting = quoting_after(tokens[k].text, quoting)
            if k > start_index and tokens[k].text == "," and not quoting and k + 2 < end_index and (
                    tokens[k + 1].lower in ("although", "though", "whereas")) and (
                    starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized):
                end_index = k  # "responded to Lee's remarks, although he ...": the writer's clause, even this early
                break
        for k in range(start_index + 4, end_index - 1):
            tok = tokens[k]
            quoting = quoting_after(tok.text, quoting)
            if tok.text == "," and k + 2 < end_index and tokens[k + 1].text in CLOSING_QUOTES and (
                    tokens[k + 2].lower in _MAIN_REPORTING_VERBS):
                end_index = k + 2  # 'who called the plan "a disgrace," said ...': the main clause's verb
                break
            if quoting and tok.text == ",":
                continue  # 'calls for "a $15 minimum wage, an end to ..."' ("a" after a comma cuts elsewhere)
            if tok.text in CLOSING_QUOTES and not quoting and tokens[k - 1].text == "," and k + 2 < end_index and (
                    tokens[k + 1].lower in CLAUSE_CONJUNCTIONS) and (
                    starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized):
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
            if tok.text == "," and k + 1 < end_index and (tokens[k + 1].lower in RELATIVE_CUTTERS or (
                    k + 2 < end_index and tokens[k + 1].lower == "to" and tokens[k + 2].lower == "which")):
                end_index = k  # ", who he blasted as ...", ", a charge that ...", ", to which X replied"
                break
            if tok.text == "," and k + 2 < end_index and (
                    (tokens[k + 1].lower.endswith("ly") and tokens[k + 2].lower.endswith("ing"))  # ", implicitly putting"
                    or (tokens[k + 1].lower == "but" and tokens[k + 2].lower.endswith("ed"))):  # ", but stopped short"
                end_index = k
                break
            if tok.text in CLOSING_QUOTES and not quoting and k + 3 < end_index and (
                    writers_next_act(tokens, k + 1, end_index)):
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
                if nxt == "and" and k + 3 < end_index and pronoun_subject(tokens[k + 2]) and (
                        past_form(tokens[k + 3]) or tokens[k + 3].lower in IRREGULAR_PAST):
                    end_index = k  # "said the extremist is Lee, and he railed against ...": the writer's next act
                    break
                if nxt in CLAUSE_CONJUNCTIONS:
                    # ", but Mrs. Lund would ..." opens a clause; ", but in different provinces" continues one;
                    # ", while acknowledging ..." is the writer's participle
                    if k + 2 < end_index and (starts_clause(tokens[k + 2]) or tokens[k + 2].capitalized or (
                            nxt != "but" and tokens[k + 2].lower.endswith("ing") and len(tokens[k + 2].lower) > 5) or (
                            nxt in ("while", "whereas") and quantity(tokens[k + 2]) and (
                                tokens[start_index].lower != "that"))):
                        # (", while about 4 in 10 want ...": the poll's next figure, whose own group says it;
                        # 'found that 28 percent ..., while 23 percent ...' is one finding)
                        end_index = k
                        break
                elif nxt == "as" and k + 2 < end_index and tokens[k + 2].lower in _AS_COMPARATIVE_VERBS:
                    end_index = k  # ", as has the mayor", ", as was the case with ...": the writer's comparison
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


def quantity(tok: Token) -> bool:
    """A figure or a word that opens one: "42%", "about", "nearly", "half"."""
    return tok.text[:1].isdigit() or tok.lower in _QUANTITY_WORDS


#: Adverbs between a closing mark and the "and" of the subject's next act: '"Senator Lee" instead and made ...'.
_ADVERBS_BEFORE_AND: Final = frozenset(["instead", "again", "too", "also", "then", "later", "anyway"])


def writers_next_act(tokens: list[Token], k: int, end: int) -> bool:
    """From ``k`` (right after a closing mark): "and" (maybe after an adverb), then the subject's next clause
    or act: 'and he didn't ...', 'and ranked ...', 'and swears Latinos love him', 'instead and made ...'."""
    if tokens[k].lower in _ADVERBS_BEFORE_AND and k + 1 < end:
        k += 1
    if tokens[k].lower != "and" or k + 2 >= end:
        return False
    nxt, after = tokens[k + 1], tokens[k + 2]
    if pronoun_subject(nxt) or past_form(nxt) or nxt.lower in IRREGULAR_PAST:
        return True
    # a verb in -s ("swears", "insists") before the start of its object clause
    return nxt.is_word and not nxt.capitalized and nxt.lower.endswith("s") and len(nxt.lower) > 3 and (
        nxt.lower not in STOP_WORDS) and (after.capitalized or pronoun_subject(after) or after.lower == "that")


def next_speakers_clause(tokens: list[Token], k: int, end: int, lexicon: dict[str, VerbInfo]) -> bool:
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
            return before.is_word and before.lower not in NOT_A_SUBJECT and before.lower not in NOUN_MARKERS
    return False


def coordinated_verb(tokens: list[Token], start_index: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """Index of "and" in "..., and said that ..." / "... and then accused ..." / "... but said ..." after
    ``start_index``, if any."""
    quoting = False  # inside a quotation the content opened, "and credit industries" is the speaker's words
    for k in range(start_index, len(tokens) - 1):
        quoting = quoting_in_content(tokens[k].text, quoting)
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
        if tokens[k].lower in ("and", "but") and coordinated_verb_at(tokens, k, lexicon):
            return k
    return None


def coordinated_verb_at(tokens: list[Token], k: int, lexicon: dict[str, VerbInfo]) -> bool:
    """An "and"/"but" at ``k`` before a verb of saying, maybe after a pronoun or an adverb: "and said",
    "but he added", "and then told", "and has repeatedly said"."""
    return coordinated_verb_index(tokens, k, lexicon) is not None


def coordinated_verb_index(tokens: list[Token], k: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """Where the verb of saying after the "and"/"but" at ``k`` is (see :func:`coordinated_verb_at`)."""
    if tokens[k].lower not in ("and", "but"):
        return None
    v = k + 1
    if v < len(tokens) and tokens[v].lower in ("he", "she", "they"):
        v += 1
    be = False  # ("and was told ...": a passive, whose subject is not who spoke)
    while v < len(tokens) and v - k <= 3 and (tokens[v].lower in _BETWEEN_AND_VERB or adverb(tokens[v])):
        be = be or tokens[v].lower in ("was", "is", "were", "are")
        v += 1
    if v >= len(tokens) or tokens[v].capitalized:
        return None
    info = lexicon.get(tokens[v].lower)
    if info is None or not info.speech or (v + 1 < len(tokens) and tokens[v + 1].lower == "by"):
        return None  # ("unanswered and dismissed by the council": a passive participle)
    one_word = v == k + 2 and tokens[k + 1].lower in ("he", "she", "they", "then", "also", "later")
    if v > k + 1 and not one_word and be != tokens[v].lower.endswith("ing"):
        return None  # ("was told": a passive; "condoning and apparently encouraging": one participle's partner)
    return v


#: What may stand between "and"/"but" and the speaker's next verb of saying: "and has said", "but did not
#: suggest", "and repeatedly reminded" (not a modal, "and will address": that goes on the reported clause).
_BETWEEN_AND_VERB: Final = AUX_ADVERBS - frozenset(
    ["would", "will", "could", "should", "may", "might", "can", "cannot", "must", "never", "now", "last", "yet",
     "just"])


def adverb(tok: Token) -> bool:
    """A lower-case -ly adverb ("repeatedly", "frequently"; not "family", "Italy")."""
    return tok.lower.endswith("ly") and tok.lower not in LY_WORDS and not tok.capitalized


def pronoun_subject(tok: Token) -> bool:
    """``he``, ``they`` or a contraction of one (``he’s``, ``they'd``): a clause's subject."""
    return tok.lower.replace("’", "'").partition("'")[0] in SUBJECT_PRONOUNS


def starts_clause(tok: Token) -> bool:
    low = tok.lower
    if low in CLAUSE_STARTERS:
        return True
    for apo in ("’", "'"):
        if apo in low and low.split(apo, 1)[0] in CLAUSE_STARTERS | {"there", "that", "here", "what"}:
            return True  # he’d, it’s, there’s, they’re
    return False
