"""Indirect and mixed quotations in a sentence: ``X said that ...``, ``According to X, ...``,
``..., X said.``, ``X called the plan "a serious mistake"``, ``Polls show ...``.

:func:`find_indirect` reads one sentence (bounded by the stage) and returns an :class:`.contents.IndirectMatch`
with the cue, the subject and the content's extent; :mod:`.contents` decides where a content ends and
:mod:`.subjects` reads the subject.
"""

from __future__ import annotations

import re
from typing import Final

from docpipe.model import Mention

from .contents import (
    IndirectMatch,
    content_end,
    adverb,
    coordinated_verb,
    coordinated_verb_at,
    coordinated_verb_index,
    introductory_adverbial,
    past_form,
    pronoun_subject,
    quantity,
    quoting_after,
    quoting_in_content,
    starts_clause,
    subordinate_end,
)
from .cues import NAMING_VERBS, Cue, cue_after, owned_noun
from .lexicon import VerbInfo
from .speakers import DETERMINERS, PERSON_TITLE_HEADS, SUBJECT_PRONOUNS, SpeakerNP, analyse_np, mention_of
from .subjects import (
    collect_left,
    collect_right,
    ing_form,
    is_abbrev_dot,
    is_np_word,
    issuer,
    is_possessive_mark,
    name_in_apposition,
    np_right,
    participle_opening,
    sentence_subject,
    spaced_dash,
    subject_left,
    subject_np,
    subjectless,
    verb_like,
)
from .tokens import Token
from .words import (
    ADDRESSEE_VERBS,
    AUX_ADVERBS,
    CLAUSE_CONJUNCTIONS,
    CLOSING_QUOTES,
    CONTENT_CUTTERS,
    DASHES,
    DAY_PARTS,
    IRREGULAR_PAST,
    LY_WORDS,
    NO_VERBS,
    NOT_A_SUBJECT,
    NOUN_MARKERS,
    NUMBER_WORDS,
    ONE_TO_TEN,
    PASSIVE,
    PREPOSITIONS,
    QUOTE_CHARS,
    RELATIVE_CUTTERS,
    RELATIVE_GAP_VERBS,
    SENTENCE_ADVERBS,
    SHARE_OPENERS,
    STOP_WORDS,
    SUBORDINATORS,
    TERMINATORS,
    TIME_WORDS,
)

#: Verbs whose infinitive complement is the attributed content ("wants to ...", "vowed to ...").
INFINITIVE_TAKING = frozenset(["want", "plan", "hope", "expect", "promise", "pledge", "vow", "threaten", "refuse", "decline", "agree",
                              "seek"])
#: Numbers written out ("two days after ..."): what follows them after a comma is the writer's.
_COUNT_WORDS: Final = ONE_TO_TEN | frozenset(["several", "hours", "days", "weeks", "months", "years"])
#: Words that open a short "when" after a verb: "said on Saturday", "said last Friday".
_WHEN_LEADS: Final = frozenset(["on", "last", "this", "late", "early", "in"])


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
    elif not ing_form(tokens[i].lower):
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
        if tok.text in TERMINATORS or tok.text in (";", ":") or spaced_dash(tokens, c):
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
        if not (verb_like(verb, lexicon) or verb.lower in _FINITE_AFTER_SUBJECT):
            continue
        np = subject_np(text, tokens[s:e])
        if np is None or np.kind not in ("person", "org", "generic", "anaphor"):
            continue
        # (the writer's ", which ..." or ", while ..." inside is not content; a closing mark is)
        end = tokens[c + 1].end if closing else content_end(tokens, c, first)
        m = IndirectMatch(tokens[first].start, end, Cue(np, mention_of(text, [tokens[v]]), "indirect"),
                          belief=not info.speech)
        return m, c
    return None


#: Subordinators that open the writer's clause after an object: "... after Mrs. Clinton accused him".
_WRITERS_SUBORDINATORS = frozenset(["as", "while", "after", "when", "before", "because", "since", "until"])


def _writers_clause(tokens: list[Token], i: int, lexicon: dict[str, VerbInfo]) -> bool:
    """A clause opens at ``tokens[i]``: a subject (a pronoun, a determiner, a name) and a verb within four
    more words."""
    if not (starts_clause(tokens[i]) or tokens[i].capitalized):
        return False
    for k in range(i + 1, min(len(tokens), i + 5)):
        tok = tokens[k]
        if not tok.is_word:
            return False
        verb = verb_like(tok, lexicon) and tokens[k - 1].lower not in NOUN_MARKERS
        if tok.lower in RELATIVE_GAP_VERBS or verb or (
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
    infinitive = False  # ("called on Lee to resign and endorse Berg": a base form after "and" goes on the "to")
    for k in range(start_i + 1, len(tokens) - 1):
        tok = tokens[k]
        if tok.start >= end:
            break
        if tok.text in QUOTE_CHARS:
            quoted = True
        infinitive = infinitive or tok.lower == "to"
        if not quoted and not infinitive and tok.lower in _EVENT_PREPOSITIONS and k > start_i + 1 and (
                _event_phrase(tokens, k + 1, end, lexicon)):
            return tokens[k - 1].end  # "praised Matthew Boyle at a press conference in Hanahan": the writer's where
        if not quoted and tok.lower in _WRITERS_SUBORDINATORS and k > start_i + 1 and k + 2 < len(tokens) and (
                _writers_clause(tokens, k + 1, lexicon) or (tok.lower != "as" and ing_form(tokens[k + 1].lower))):
            # "criticized Mr. Clinton's personal life after Mrs. Clinton accused him", "praised his friendship
            # before savaging ...": the writer's clause of time or reason
            cut = k - 1 if tokens[k - 1].text == "," else k
            return tokens[cut - 1].end
        if tok.lower in _CLAUSE_WORDS or tok.lower in RELATIVE_GAP_VERBS or (verb_like(tok, lexicon) and (
                tokens[k - 1].lower not in NOUN_MARKERS)):  # ("the plan and said": "plan" is a noun)
            break  # a clause inside the object ("Rafael Cruz, who was born and raised ..."): its own "and"
        if tok.lower not in ("and", "but"):
            continue
        j = k + 1
        while j < len(tokens) - 1 and tokens[j].lower in _BEFORE_SECOND_PREDICATE:
            j += 1
        nxt = tokens[j]
        if infinitive and j == k + 1 and nxt.lower in lexicon and nxt.lower == lexicon[nxt.lower].base:
            continue  # ("asked the guild to raise its flags and say ...": the infinitive's second verb)
        if verb_like(nxt, lexicon) or nxt.lower in RELATIVE_GAP_VERBS:
            cut = k - 1 if tokens[k - 1].text == "," else k
            return tokens[cut - 1].end if cut > start_i else end
    return end


#: Prepositions before the occasion where an object content was said: "attacked Lee at a rally", "praised Berg
#: in an interview", "criticized the plan during a debate".
_EVENT_PREPOSITIONS: Final = frozenset(["at", "during", "in", "on", "from"])
#: Occasions of speaking.
_EVENT_NOUNS: Final = frozenset(["rally", "rallies", "conference", "speech", "speeches", "interview", "interviews",
                                 "debate", "debates", "appearance", "email", "statement", "hearing",
                                 "meeting", "commercial", "ad", "trail", "stump", "broadcast", "show", "program",
                                 "briefing", "address", "op-ed", "tweet", "forum", "luncheon", "dinner", "gala",
                                 "fundraiser", "town-hall"])


def _event_phrase(tokens: list[Token], i: int, end: int, lexicon: dict[str, VerbInfo]) -> bool:
    """``tokens[i:]`` names an occasion of speaking within a few words: "a press conference", "an interview
    published Saturday", "the campaign trail", "his victory rally" (a determiner first: not "in interviews"),
    and the content does not go on after it before offset ``end`` ("described the DLC during an interview as
    ...", "urged his supporters at a rally to ask ...")."""
    if i >= len(tokens) or tokens[i].lower not in NOUN_MARKERS:
        return False
    for k in range(i + 1, min(len(tokens), i + 5)):
        if not tokens[k].is_word:
            return False
        if tokens[k].lower in _EVENT_NOUNS:
            for r in range(k + 1, len(tokens) - 1):
                if tokens[r].start >= end or not tokens[r].is_word:
                    break
                if tokens[r].lower in ("as", "not") or (tokens[r].lower == "to" and tokens[r + 1].lower in lexicon):
                    return False  # (the content goes on: "as a fraud", "not to move", "to ask why")
            return True
    return False


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
    if not (verb_like(verb, lexicon) or relative and verb.lower in _FINITE_WORDS) or m.start >= tokens[end_i].start:
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
    speaker and a reporting verb of its own is the next attribution (found by the caller's next scan). End it
    at a closing mark after a comma when a reporting clause follows ('calling it "a folly," Lee said')."""
    quoting = False  # inside quoted words, "and who claim ..." is the quoted speaker's, no next attribution
    for k in range(len(tokens) - 2):
        was_quoting, quoting = quoting, quoting_in_content(tokens[k].text, quoting)
        if quoting:
            continue
        if was_quoting and tokens[k - 1].text == "," and m.start < tokens[k].start < m.end and _reporting_clause_at(
                tokens, k + 1, lexicon):
            # 'calling it "a folly," Ann Lee said as she left': the quoted words end with a comma and the
            # reporting clause after them is the writer's source for the whole sentence, not part of the content
            m.end = tokens[k].end
            return
        if k >= len(tokens) - 4:
            continue
        if spaced_dash(tokens, k) and m.start + 8 < tokens[k].start < m.end and _speaker_after_dash(tokens, k, lexicon):
            m.end = tokens[k - 1].end
            return
        # "... the pier is safe and Ola Lund said ...", "... "safe enough" while Ola Lund said ...":
        # "and", "while" or "whereas" with no comma, between a lower-case word or a closing mark (not
        # "Democrats and Democratic leaners said", one subject) and a name; or a share with its own "say"
        # ("... and one in four said ..."), unless the content is one finding ("found that 37 percent say
        # ..., 39 percent blame ... and 22 percent say ...")
        # (the word tests first: this runs on every token of the sentence)
        conjunction = tokens[k].lower in ("and", "while", "whereas") and tokens[k].start > m.start + 8
        share = conjunction and not tokens[k + 1].capitalized and quantity(tokens[k + 1]) and not m.belief
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
            if tok.text == "," and tokens[v - 1].capitalized and tokens[v + 1].lower in ("the", "a", "an"):
                # ("..., and Ann Lee, the harbour master, said ...": the name, its apposition, then the verb)
                if _verb_after_apposition(tokens, v, lexicon):
                    m.end = tokens[k - 1].end
                    return
                break
            if tok.text in TERMINATORS or tok.text == "," or tok.text in QUOTE_CHARS:
                break
            if info is not None and info.speech and not tok.capitalized and (
                    tokens[v - 1].lower not in NOUN_MARKERS) and (not (bare_and and share) or info.base == "say"):
                before = tokens[v - 1]
                # a subject of its own right before the verb ("other voters said"), or before its auxiliary
                # ("critics have said"); not "..., and said" (the same subject) nor "..., but to say"
                own_subject = before.is_word and before.lower not in NOT_A_SUBJECT or (
                    before.lower in AUX_ADVERBS and tokens[v - 2].is_word and tokens[v - 2].lower != "and") or (
                    relative and before.lower == "who")
                if own_subject and (not with_name or tok.lower.endswith("ing")):
                    # (", with Ola Lund saying ...": the writer's absolute clause, with words of her own)
                    m.end = tokens[k - 1].end
                    return
                break


def _verb_after_apposition(tokens: list[Token], c: int, lexicon: dict[str, VerbInfo]) -> bool:
    """A verb of saying right after the apposition that opens with the comma at ``c``: ", the harbour master,
    said"."""
    close = next((j for j in range(c + 2, min(len(tokens) - 1, c + 12)) if not tokens[j].is_word), None)
    if close is None or tokens[close].text != ",":
        return False
    info = lexicon.get(tokens[close + 1].lower)
    return info is not None and info.speech and not tokens[close + 1].capitalized


def _speaker_after_dash(tokens: list[Token], k: int, lexicon: dict[str, VerbInfo]) -> bool:
    """After the dash at ``k``, a short phrase with a subject and a verb of saying of its own: "... in the
    election -- meddling the California congressman said is designed to ...", the next attribution."""
    d = k + 1 if tokens[k + 1].text in DASHES else k  # ("--" is two tokens)
    if tokens[d + 1].lower in PREPOSITIONS or tokens[d + 1].lower in ("of", "for"):
        return False  # ("half — 55 percent — of Sanders supporters said ...": the phrase goes on the one before)
    for v in range(d + 2, min(len(tokens) - 1, d + 8)):
        tok = tokens[v]
        if tok.text in TERMINATORS or tok.text in (",", ":") or tok.text in QUOTE_CHARS or tok.text in DASHES:
            return False
        info = lexicon.get(tok.lower)
        if info is not None and info.speech and not tok.capitalized:
            before, after = tokens[v - 1], tokens[v + 1]
            # what the verb reports follows: a clause ("others say he has ..."), or the verb of a relative
            # clause whose subject is the phrase after the dash ("meddling the congressman said is ...")
            reported = pronoun_subject(after) or after.lower in RELATIVE_GAP_VERBS or past_form(after)
            if tok.lower != info.base and tok.lower.endswith("s") and not (
                    pronoun_subject(before) or before.capitalized):
                return False  # ("fake emails intended to ...": a plural noun)
            return reported and before.is_word and before.lower not in NOT_A_SUBJECT and (
                before.lower not in NOUN_MARKERS) and before.lower not in PREPOSITIONS
    return False


def _reporting_clause_at(tokens: list[Token], i: int, lexicon: dict[str, VerbInfo]) -> bool:
    """A reporting clause starts at ``i``: ``said Ann Lee``, ``Ann Lee said``, ``she added``, ``the mayor told
    reporters`` (a subject of a few words, then a verb of saying in lower case)."""
    for v in range(i, min(len(tokens), i + 6)):
        tok = tokens[v]
        if tok.text in TERMINATORS or tok.text == "," or tok.text in QUOTE_CHARS:
            return False
        info = lexicon.get(tok.lower)
        if info is not None and info.speech and not tok.capitalized:
            if v == i:  # ("said Ann Lee": the subject after the verb)
                return v + 1 < len(tokens) and (tokens[v + 1].capitalized or tokens[v + 1].lower in SUBJECT_PRONOUNS)
            first, before = tokens[i], tokens[v - 1]  # (not "the attacks may ...": a noun after its determiner)
            return (first.capitalized or first.lower in SUBJECT_PRONOUNS or first.lower in DETERMINERS) and (
                before.is_word and before.lower not in NOT_A_SUBJECT and before.lower not in DETERMINERS)
    return False


def _find_indirect_with_coordination(text: str, tokens: list[Token],
                                     lexicon: dict[str, VerbInfo]) -> list[IndirectMatch]:
    """The outermost attribution of ``tokens`` and the coordinated ones by the same speaker ("referred to X
    as A and pointed to Y and called him B": three)."""
    m = _find_indirect(text, tokens, lexicon)
    if m is None:
        return []
    out = [m]
    if m.cue.how != "indirect":
        return out
    while len(out) < 4:
        more = _coordinated_after(text, tokens, out[-1], lexicon)
        if more is None:
            break
        out.append(more)
    return out


def _coordinated_after(text: str, tokens: list[Token], m: IndirectMatch,
                       lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """The attribution coordinated with ``m`` by the same speaker ("X said that A and accused Y of B"), if any;
    ``m``'s content then ends before the "and"."""
    start_index = next((i for i, t in enumerate(tokens) if t.start >= m.start), len(tokens))
    k = coordinated_verb(tokens, start_index + 1, lexicon)
    while k is not None and tokens[k].lower == "and" and k + 1 < len(tokens) and _base_form(
            tokens[k + 1].lower, lexicon) and not _base_form(m.cue.cue.text.lower(), lexicon):
        # "says he'd sit Ann Lee down and tell her ...": a verb in its base form is no act of the speaker's
        # (who "says", "said"); the reported clause goes on
        k = coordinated_verb(tokens, k + 1, lexicon)
    if k is None or not any(t.is_word for t in tokens[start_index:k]):
        return None  # (a content of one word at least before "and": "blasted Congress and said ...")
    if tokens[k].text in CLOSING_QUOTES and m.end < tokens[k - 1].start:
        return None  # (the content ended before the quote: "..., Rubio fired back: "...," adding" is Rubio's)
    more = _coordinated_content(text, tokens, k, m.cue.np, lexicon)
    if more is None and tokens[k].lower in ("and", "but"):
        # ("unanswered and dismissed", "peccadilloes and alleged peccadilloes": no verb of the speaker's, so
        # the content goes on; a participle after a comma ends it all the same, ", adding, "...")
        return None
    if tokens[k].text in CLOSING_QUOTES:
        m.end = tokens[k].end
    else:
        last = k - 1  # (the content ends before the comma or dash that leads to "and": "- and said")
        while last > start_index and (tokens[last].text == "," or tokens[last].text in DASHES):
            last -= 1
        m.end = tokens[last].end
    return more


def _base_form(word: str, lexicon: dict[str, VerbInfo]) -> bool:
    """A reporting verb in its base form: "say", "tell" (not "said", "says")."""
    info = lexicon.get(word)
    return info is not None and word == info.base


def _coordinated_content(text: str, tokens: list[Token], k: int, np: SpeakerNP,
                         lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """What the verb after the "and", "but" or comma at ``k`` (see :func:`coordinated_verb`) reports, said by
    ``np``: "... and said that ...", "..., and he said ...", "..., saying ...", "... and then told X that ..."."""
    v = coordinated_verb_index(tokens, k, lexicon) or k + 1  # (after a comma or a closing mark: the -ing verb)
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
    if first.lower == "that" or (info.bare and starts_clause(first)) or ("object" in info.tags and first.is_word):
        start = first.start
    elif info.base == "say" and first.is_word and not first.capitalized and first.lower not in STOP_WORDS and (
            first.lower not in TIME_WORDS and first.lower not in ("so", "no", "yes")):
        start = first.start  # "... and said funding is needed": what "say" is followed by is what was said
    elif info.base == "say" and first.capitalized and _name_then_finite_verb(tokens, first_i):
        start = first.start  # "... and said Lund was not involved": a clause whose subject is a name
    stop, weak = len(tokens), False
    if start is None and v + 2 < len(tokens):
        # "... and points out that ...", "... and said the pier ...", "..., calling for X": the second verb
        # takes what the first would take if it stood alone (the main path's reading of a content)
        found = _content_start(tokens, [t.lower for t in tokens], v, info, lexicon)
        if found is not None:
            start, stop, weak = found
            first_i = next((i for i in range(v + 1, len(tokens)) if tokens[i].start >= start), len(tokens))
    if start is None:
        return None
    end = content_end(tokens, stop, first_i)
    if weak:
        end = _end_of_object(tokens, first_i, end, lexicon)
    if end - start < 8:
        return None
    if v > k + 1 and tokens[k + 1].lower in SUBJECT_PRONOUNS:
        # "Durbin said ..., and he said ...": the same speaker, whose mention here is the pronoun
        pron = tokens[k + 1]
        np = SpeakerNP(np.kind, Mention(pron.text, pron.start, pron.end), np.name, np.title, np.pronoun)
    return IndirectMatch(start, end, Cue(np, mention_of(text, [tokens[v]]), "indirect"),
                         belief=weak or not info.speech)


#: Words that link a clause to what comes before it: a phrase that holds one is no short phrase.
_CLAUSE_LINKS: Final = frozenset(["whether", "what", "how", "why", "who", "whom", "which", "if", "that", "when",
                                  "where", "and", "or", "but"])
def _name_then_finite_verb(tokens: list[Token], i: int) -> bool:
    """Capitalised words from ``i`` (a name), then a finite verb: "Lund was", "Ann Lee will"."""
    k = i
    while k < len(tokens) and k - i < 4 and (tokens[k].capitalized or is_abbrev_dot(tokens, k)):
        k += 1
    return k > i and k < len(tokens) and tokens[k].lower in _FINITE_WORDS


def coordinated_after_quote(text: str, tokens: list[Token], np: SpeakerNP,
                            lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """'She declared "What a day!" and said that ...': what the speaker of a quote goes on to report.
    ``tokens`` start right after the quote's closing mark and end with its sentence."""
    if len(tokens) < 4 or not (coordinated_verb_at(tokens, 0, lexicon) or (
            tokens[0].text in CLOSING_QUOTES and tokens[1].lower.endswith("ing") and lexicon.get(tokens[1].lower)
            and lexicon[tokens[1].lower].speech)):
        return None  # (the tokens may start at the closing mark: '"...," adding that ...')
    return _coordinated_content(text, tokens, 0, np, lexicon)


#: Words that cannot open a subject: the clause found is not one ("Even if ...", "But ...").
_NOT_SUBJECT_START = STOP_WORDS | SENTENCE_ADVERBS | frozenset(["even", "if", "as", "so", "not", "only", "also"])
_SHARE_WORDS = NUMBER_WORDS | frozenset(["half", "third", "thirds", "quarter", "quarters", "percent", "%",
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
        if spaced_dash(tokens, k):
            back = next((j for j in range(k - 1, max(-1, k - 12), -1) if tokens[j].text in DASHES), None)
            if back is None:
                break
            k = back - 1
            continue
        if t in (",", ";", ":") or t in TERMINATORS or t in QUOTE_CHARS:
            break
        k -= 1
    start = k + 1
    share = start < v and tokens[start].lower in SHARE_OPENERS and any(
        t.text[0].isdigit() or t.lower.rsplit("-", 1)[-1] in _SHARE_WORDS for t in tokens[start + 1 : v])
    if start >= v or (tokens[start].lower in _NOT_SUBJECT_START and not share and tokens[start].lower != "those") or (
            not tokens[start].is_word):  # ("Those close to him say": a subject)
        return None
    if participle_opening(tokens, start, v):
        return None
    stop = next((j for j in range(start + 1, v) if tokens[j].lower in ("who", "which", "that", "whose")), v)
    if stop - start > 16:
        return None
    words = [t.lower for t in tokens[start:stop] if t.is_word]
    if not words or any(w in lexicon and (w.endswith("ed") or w in ("said", "told", "wrote", "thought", "says"))
                        for w in words):
        return None  # a reporting verb in the past tense inside: another clause, not a subject
    if tokens[v - 1].lower == "to":
        # "He went on to say ...", "Trump was quick to note ...": the noun phrase the clause opens with, not
        # the stretch up to the infinitive
        return _opening_np(text, tokens, start, v - 1, lexicon)  # (None for "It is too soon to say")
    end = stop
    while end > start and not tokens[end - 1].is_word:
        end -= 1  # (a trailing dash or parenthesis)
    return analyse_np(text, tokens[start:end])


def _opening_np(text: str, tokens: list[Token], start: int, hi: int, lexicon: dict[str, VerbInfo]) -> SpeakerNP | None:
    """The noun phrase a clause opens with at ``start``: "Trump" in "Trump was quick to", "Federal investigators"
    in "Federal investigators have no evidence to" (a capitalised adjective takes its lower-case head)."""
    np = np_right(text, tokens, start, hi, lexicon)
    if np is None:
        return None
    e = next((i for i in range(start, hi) if tokens[i].start >= np.mention.end), hi)
    modifier = tokens[e - 1].lower.endswith(("an", "ic", "al", "ese", "ish")) or tokens[start].lower in ("a", "an")
    if start < e < hi and modifier and tokens[e - 1].capitalized and tokens[e].is_word and not (
            tokens[e].capitalized or tokens[e].lower in STOP_WORDS or tokens[e].lower in _FINITE_WORDS
            or tokens[e].lower in IRREGULAR_PAST or verb_like(tokens[e], lexicon)):
        return analyse_np(text, tokens[start : e + 1])  # ("Democratic voters", "a Cleveland minister")
    return np


#: Verbs whose phrase after a particle is the content: "X responded to the charge", "X pointed to the poll",
#: "X called on Congress to pass the deal", "X referred to the pier as 'a death trap'", "X spoke of his faith".
#: (Not "speak on": "speaking on condition of anonymity"; not "warn of": PolNeAR's content keeps the "of"; not
#: "comment on": "X commented on the evacuation" names a topic that the quotes after it fill in.)
_CONTENT_AFTER_PARTICLE = {"respond": ("to",), "reply": ("to",), "react": ("to",), "point": ("to",), "call": ("on",),
                           "refer": ("to",), "allude": ("to",), "insist": ("on",),
                           "boast": ("of", "about"), "speak": ("of", "against"), "argue": ("for", "against")}
#: Finite forms that show a clause has begun: "Lund was", "the guild will", "he didn't".
_FINITE_WORDS: Final = RELATIVE_GAP_VERBS | frozenset(["did", "does", "do", "isn't", "wasn't", "won't", "didn't",
                                                        "doesn't"])


#: Prepositions that may open a fronted participle phrase: "After saying he was nervous, the man ...".
_PARTICIPLE_PREPOSITIONS = frozenset(["after", "before", "while", "when", "in", "by", "upon", "since", "despite",
                                      "besides"])
#: Determiners that open the subject of a reported clause right after a verb: "said the plan was bad".
_CLAUSE_DETERMINERS = frozenset(["the", "a", "an", "this", "his", "her", "their"])
#: Verbs whose fronted participle names an audience or a source, not what was said: "Addressing the gala, ...".
_NOT_FRONTED = frozenset(["address", "cite", "point"])
#: Finite verbs that can follow a main clause's subject (besides past forms and the lexicon's verbs).
_FINITE_AFTER_SUBJECT = RELATIVE_GAP_VERBS | frozenset([
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


def passive(lowers: list[str], v: int) -> bool:
    """The verb at ``v`` is a passive participle: "is expected", "isn't expected", "are widely expected"."""
    if lowers[v].endswith("ing"):
        return False  # "is asking": progressive
    k = v - 1
    while k > 0 and v - k < 3 and (lowers[k] in ("not", "also", "still", "now", "already", "long") or (
            lowers[k].endswith("ly") and len(lowers[k]) > 3)):
        k -= 1  # "was not expected", "is widely expected"
    before = lowers[k]
    return before in PASSIVE or before in ("isn't", "wasn't", "aren't", "weren't", "isn’t", "wasn’t", "aren’t",
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
    if lowers[k] != ",":
        return False
    # ("Ann Lee, the harbour master, referred to ...": the comma closes an apposition after a name)
    opening = next((j for j in range(k - 2, max(0, k - 12), -1) if lowers[j] == ","), None)
    return opening is None or lowers[opening + 1] not in ("the", "a", "an")


def _calls_by_name(tokens: list[Token], lowers: list[str], v: int) -> bool:
    """``called`` that names or phones, not speech: "a website called Real News", "a group called Ginbot 7",
    "as the bill is called", "Trump called into the program"."""
    if lowers[v + 1] in ("into", "in", "up", "back", "out"):
        return True
    if lowers[v - 1] in PASSIVE and (lowers[v] != "calling" or lowers[v + 1] in ("a", "an")):
        return True  # (but "Lee is calling for a ban": speech; "a game fans are calling an 'instant classic'")
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
    if not lexicon[tokens[verb].lower].speech or tokens[verb].capitalized or tokens[verb - 1].lower in PASSIVE:
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
    cue = Cue(np, mention_of(text, [tokens[verb]]), "indirect")
    if as_clause:
        return IndirectMatch(tokens[c2 + 1].start, content_end(tokens, n, c2 + 1), cue)
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
    return IndirectMatch(tokens[0].start, content_end(tokens, n), cue, aside=(tokens[c1].start, tokens[c2 + 1].start))


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
    if np is not None and tokens[v].lower.endswith("ing"):
        np = issuer(text, tokens, np, v, 0, lexicon) or np  # "The town released a statement saying that ..."
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
            verb_like(tail[1], lexicon) or tail[1].lower.endswith("ing")):
        return True  # "told the council when asked about the delay: ...": the writer's clause, then the quote
    for k, tok in enumerate(tail):
        if k == 0 and tok.lower in _WRITERS_SUBORDINATORS:
            continue  # (what follows tells whose clause it is: "told them when to come", "told them when asked")
        if tok.lower in ("that", "to", ",", "if") or tok.lower in _WH_WORDS or tok.lower in AUX_ADVERBS or (
                tok.text in QUOTE_CHARS or pronoun_subject(tok) or verb_like(tok, lexicon)):
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


def _opening_according(tokens: list[Token], lowers: list[str]) -> int | None:
    """Where "According to" opens the sentence's content: its first words, after an opening parenthesis
    ("(According to the police, ...)"), or a capitalised "According" after a colon."""
    if lowers[0] == "according" and lowers[1] == "to":
        return 0
    if lowers[0] in ("but", "and", "yet") and len(tokens) > 4 and lowers[1] == "according" and lowers[2] == "to":
        return 1  # "But according to reports, ..."
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
    source backs what follows the colon), else at a relative ``which`` that opens the last stretch between
    commas ("..., which stood at 263, according to the AP"), else at the sentence's start."""
    for k in range(end - 2, 0, -1):
        if tokens[k].text != ":" or k + 2 >= end or tokens[k - 1].text.isdigit() and tokens[k + 1].text.isdigit():
            continue  # ("10:30 p.m.")
        marks = sum(1 for i in range(k) if tokens[i].text in QUOTE_CHARS and not is_possessive_mark(tokens, i))
        if marks % 2:
            return 0  # ("''Crippled America: How to ...''": a title's colon)
        if not any(t.is_word and not t.capitalized and t.lower not in STOP_WORDS and t.lower != "of"
                   for t in tokens[k + 1 : end]):
            return 0  # ("... closest to her: Chief of Staff Ann Lee and ...": a list of names)
        return k + 1
    for k in range(end - 3, 0, -1):
        if tokens[k].text == "," and not (tokens[k - 1].text[-1:].isdigit() and tokens[k + 1].text[:1].isdigit()):
            # "... close the gap in pledged delegates, which stood at 263, according to the AP": the source backs
            # the relative clause that runs on to it, not what the sentence's speaker said before it
            if tokens[k + 1].lower == "which" and not any(t.text in QUOTE_CHARS for t in tokens[k + 1 : end]):
                return k + 1
            break
    return 0


def _open_quotations(tokens: list[Token], end: int) -> list[bool]:
    """For each token before ``end``: whether a double quotation is open after it."""
    out = []
    quoting = False
    for tok in tokens[:end]:
        quoting = quoting_after(tok.text, quoting)
        out.append(quoting)
    return out


def _verb_between_subject_and_clause(tokens: list[Token], v: int, base: bool = False) -> bool:
    """``tokens[v]`` ("notes", "questions") is a verb: a subject pronoun or a name before it (maybe then an
    adverb), "that" or the start of a clause after it ("He notes that ...", "Lynch frequently notes they were
    ..."; not "Southern states that will vote ...", where "states" is a noun and "that" a relative pronoun).
    The ``base`` form ("note") only after a plural subject or "to", and before "that" ("Advocacy groups note
    that ...", "he is right to note that ...")."""
    b = v - 1 if v < 2 or not adverb(tokens[v - 1]) else v - 2
    before, after = tokens[b], tokens[v + 1]
    if base:
        low = before.lower
        plural = before.is_word and not before.capitalized and low.endswith("s") and not low.endswith("ss") and (
            low not in STOP_WORDS)
        return after.lower in ("that", "whether") and (low in ("they", "we", "i", "you", "to") or plural)
    subject = before.lower in SUBJECT_PRONOUNS or before.capitalized and tokens[v].lower != "states"
    return subject and (after.lower in ("that", "whether") or after.lower in SUBJECT_PRONOUNS or (
        after.lower in _CLAUSE_DETERMINERS))


def _verb_before_when(tokens: list[Token], lo: int, end: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The index of a lexicon verb that ends ``tokens[lo:end]``, or that only a short "when" follows ("the
    Gazette reported on Saturday", "he noted last week"), else None."""
    if lexicon.get(tokens[end - 1].lower) is not None:
        return end - 1
    w = end - 1
    while w > lo and (tokens[w].lower in TIME_WORDS or tokens[w].lower in DAY_PARTS):
        w -= 1
    if w < end - 1 and w > lo and tokens[w].lower in _WHEN_LEADS:
        w -= 1  # "on Saturday", "last week"
    return w if w < end - 1 and w > lo and lexicon.get(tokens[w].lower) is not None and not (
        owned_noun(tokens, w)) else None


def _told_someone(tokens: list[Token], lo: int, end: int, lexicon: dict[str, VerbInfo]) -> int | None:
    """The index of "told" (or another verb of telling) whose addressee, and maybe a short "when", ends
    ``tokens[lo:end]``: "As Ann Lee told the Gazette last week", else None."""
    for k in range(lo + 1, end - 1):
        info = lexicon.get(tokens[k].lower)
        if info is None or info.base not in ADDRESSEE_VERBS or tokens[k].capitalized:
            continue
        e = collect_right(tokens, k + 1, end, lexicon)
        while k + 1 < e < end and (tokens[e].lower in TIME_WORDS or tokens[e].lower in DAY_PARTS or (
                tokens[e].lower in _WHEN_LEADS)):
            e += 1
        return k if e == end and e > k + 1 else None
    return None


def _writers_addition(tok: Token) -> bool:
    """After "CONTENT, Lee said," these open the writer's addition, not the rest of the content: "..., Lee
    said on Saturday, and it has ...", "..., the AP declared, two days after ...", "..., a charge she ..."."""
    return tok.lower in ("and", "but") or tok.lower in RELATIVE_CUTTERS or tok.lower in _COUNT_WORDS or (
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
    """One attribution per sentence (PolNeAR is univocal): the outermost pattern that fits, tried in this
    order."""
    if len(tokens) < 4:
        return None
    # Every sentence with a cue word comes here: the lower-case words in one list, built once, let the
    # scans below skip (`"according" in lowers`) or visit only the lexicon words, not every token.
    lowers = [t.lower for t in tokens]
    return (_according_first(text, tokens, lowers) or _according_last(text, tokens, lowers)
            or _early_reporting_clause(text, tokens, lexicon) or _poll_finding(text, tokens, lowers)
            or _reporting_clause_last(text, tokens, lowers, lexicon)
            or _reporting_verb_first(text, tokens, lowers, lexicon))


def _according_first(text: str, tokens: list[Token], lowers: list[str]) -> IndirectMatch | None:
    """According to X, CONTENT.  (Also after an opening parenthesis, or a colon: "It has not gone unnoticed:
    According to recent polls, ...")"""
    n = len(tokens)
    a0 = _opening_according(tokens, lowers)
    if a0 is not None:
        np = np_right(text, tokens, a0 + 2, n, NO_VERBS)
        if np is not None:
            # (the comma after the source: np_right may have read a name in apposition already, "According to
            # the ministry's spokesman, Ola Lund, ...")
            k = next((i for i in range(a0 + 2, min(n, a0 + 40)) if tokens[i].text == "," and (
                tokens[i].start >= np.mention.end)), None)
            if k is not None and np.kind != "person":
                named = name_in_apposition(text, tokens, k, np)
                if named is not None:
                    np, k = named  # "According to the ministry's spokesman, Ola Lund, the talks ...": Ola Lund's
            elif k is not None and k + 1 < n and tokens[k + 1].lower in ("the", "a", "an"):
                # "According to Ann Lee, the harbour master, the talks ...": her description, then the content
                e = next((i for i in range(k + 2, min(n - 2, k + 10)) if not is_np_word(tokens[i], NO_VERBS)), None)
                if e is not None and tokens[e].text == "," and any(
                        t.lower in PERSON_TITLE_HEADS for t in tokens[k + 2 : e]):
                    np.title = np.title or text[tokens[k + 2].start : tokens[e - 1].end]
                    k = e
            if k is not None and k + 2 < n:
                return IndirectMatch(tokens[k + 1].start, content_end(tokens, n, k + 1),
                                     Cue(np, mention_of(text, tokens[a0 : a0 + 2]), "according"))
    return None


def _according_last(text: str, tokens: list[Token], lowers: list[str]) -> IndirectMatch | None:
    """CONTENT, according to X."""
    n = len(tokens)
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
        np = np_right(text, tokens, a + 2, n, NO_VERBS)
        if np is None:
            continue
        said_by = Cue(np, mention_of(text, tokens[a : a + 2]), "according")
        np_end = next((k for k in range(a + 2, n) if tokens[k].start >= np.mention.end), n)
        if np_end < n - 3 and tokens[np_end].text == "," and comma <= 3:
            # an aside early in the sentence: "In addition, according to X, CONTENT" (after an adverbial: what
            # follows); "Fundraising, according to X, has surged" (the whole sentence)
            adverbial = lowers[0] in PREPOSITIONS or lowers[0] in SENTENCE_ADVERBS or lowers[0] in TIME_WORDS
            return IndirectMatch(tokens[np_end + 1].start if adverbial else tokens[0].start, content_end(tokens, n),
                                 said_by)
        if np_end < n - 3 and tokens[np_end].text == "," and lowers[comma - 1] in SUBORDINATORS:
            # "... after, according to him, Televisa censured his report", "because, according to Trump, the
            # media would ...": the subordinate clause after the source is what it backs
            return IndirectMatch(tokens[np_end + 1].start, content_end(tokens, n, np_end + 1), said_by)
        return IndirectMatch(tokens[_last_clause(tokens, comma)].start, tokens[comma - 1].end, said_by)
    return None


def _reporting_clause_last(text: str, tokens: list[Token], lowers: list[str],
                           lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """CONTENT, X said.  /  CONTENT, said X.  (Every ``break`` below: no such clause ends this sentence.)"""
    n = len(tokens)
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
            while w < len(after) - 1 and (after[w].lower in TIME_WORDS or after[w].lower in DAY_PARTS):
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
            if as_clause and not all(t.lower in TIME_WORDS or t.lower in DAY_PARTS or t.lower in _WHEN_LEADS
                                     for t in after) and not (after[0].text == "," and _writers_addition(after[1])):
                break  # ", as he later explained, was an "economic bubble"": an aside inside the content
            if after and info is not None and info.base in ADDRESSEE_VERBS:
                e = collect_right(after, 0, len(after), lexicon)
                if 0 < e < len(after) and after[e].lower in SUBORDINATORS:
                    after = after[e:]  # "..., Obama told his advisers as he ...": the addressee, then a clause
            if len(after) > 1 and after[0].lower in ("as", "while", "when", "before", "after") and starts_clause(
                    after[1]) and info is not None and info.speech:
                after = after[:1]  # "..., the captain said as he left the pier": the writer's clause, not content
            np_end = next((i for i, t in enumerate(tail) if t.end >= cue.np.mention.end), len(tail) - 1)
            inverted_ok = cue.how == "inverted" and (np_end >= len(tail) - 1 or tail[np_end + 1].text == "," or (
                _place_after_name(tail, np_end, cue.np, lexicon)))
            clause_follows = bool(after) and pronoun_subject(after[0])  # "As for Trump, he said he’s not worried."
            if info is not None and info.bare and len(after) >= 3 and after[0].lower in _CLAUSE_DETERMINERS and any(
                    t.lower in RELATIVE_GAP_VERBS for t in after[2:]):
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
                    return IndirectMatch(tokens[0].start, content_end(tokens, n), cue,
                                         aside=(tokens[c].start, after[1].start))
                if introductory_adverbial(lowers, c):
                    break  # "In a speech last July, he said ...": what he said is in the rest of the sentence
                return IndirectMatch(tokens[0].start, tokens[_before_description(text, tokens, c, cue.np)].end, cue)
            break
    return None


def _reporting_verb_first(text: str, tokens: list[Token], lowers: list[str],
                          lexicon: dict[str, VerbInfo]) -> IndirectMatch | None:
    """X said (that) CONTENT: the first few reporting verbs of the sentence, each tried in turn."""
    n = len(tokens)
    tried = 0
    for v in [k for k in range(1, n - 2) if lowers[k] in lexicon]:
        info = lexicon[lowers[v]]
        if tokens[v].capitalized or lowers[v - 1] in NOUN_MARKERS:
            continue  # "the plan", "his statement": a noun, not a verb
        if "nounlike" in info.tags and lowers[v] in (info.base, info.base + "s", info.base + "es") and not (
                _verb_between_subject_and_clause(tokens, v, lowers[v] == info.base)):
            continue  # "Editor's note:", "the attacks", "in 20 states": mostly nouns in these forms
        if info.base == "call" and _calls_by_name(tokens, lowers, v):
            continue
        loose_only = False  # the subject is read only as the whole stretch before the verb (_loose_subject)
        if lowers[v] == info.base and _after_article(lowers, v) and not _plural(lowers[v - 1]):
            clause_next = pronoun_subject(tokens[v + 1]) or tokens[v + 1].lower in NOUN_MARKERS
            if not (info.bare and info.speech and clause_next):
                continue  # "a Republican tax plan", "the inaugural address": a noun (not "the Democrats plan to")
            # "Activists clamoring to block X from the nomination say they ...": a verb before a clause, whose
            # subject is the long noun phrase (a name inside it, "X", is not)
            loose_only = True
        if passive(lowers, v):
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
                                     Cue(np, mention_of(text, [tokens[v]]), "indirect"), belief=True)
            continue
        if lowers[v + 1] in _ANSWER_WORDS and info.base in ("say", "think") and (
                not tokens[v + 2].is_word or lowers[v + 2] in _AFTER_ANSWER):
            # "46 percent of voters said yes, compared with ...", "Cruz thinks so, too": the answer is what was said
            np = _indirect_subject(text, tokens, v, lexicon)
            if np is not None:
                return IndirectMatch(tokens[v + 1].start, tokens[v + 1].end,
                                     Cue(np, mention_of(text, [tokens[v]]), "indirect"), belief=not info.speech)
            continue
        found = _content_start(tokens, lowers, v, info, lexicon)
        if found is None:
            continue
        start, stop, weak = found
        start_i = next((i for i in range(v + 1, n) if tokens[i].start >= start), n)
        end = content_end(tokens, min(stop, subordinate_end(tokens, v, start_i, n)), start_i)
        if weak:
            end = _end_of_object(tokens, start_i, end, lexicon)
        if info.base == "tell" and start_i == v + 1 and _addressee_only(tokens, start_i, end, lexicon):
            continue
        if end - start < 8:
            continue
        # The subject last: reading it is the dearest test, and the others (pure token checks) reject more.
        np = _loose_subject(text, tokens, v, lexicon) if loose_only else _indirect_subject(text, tokens, v, lexicon)
        if start < tokens[v].start:
            # "meddling the mayor said is meant to ...": the first word is what the clause is about, the
            # subject comes after it ("which Democrats say could ...": the subject is read as it is)
            a = next(i for i in range(v) if tokens[i].start >= start)
            if lowers[a] not in ("which", "that", "who", "what") and not tokens[a].capitalized:
                np = _indirect_subject(text, tokens[a + 1 :], v - a - 1, lexicon) or np
        if np is None and info.speech and info.bare and not weak and not subjectless(tokens, v):
            np = _loose_subject(text, tokens, v, lexicon)
        if np is None:
            continue
        return IndirectMatch(start, end, Cue(np, mention_of(text, [tokens[v]]), "indirect"), belief=weak or not info.speech)
    return None


#: A one-word answer that is all a verb of saying reports ("said yes", "thinks so").
_ANSWER_WORDS: Final = frozenset(["yes", "no", "so"])
#: What may follow such an answer: "said so in December", "said yes while ...", "thinks so, too".
_AFTER_ANSWER: Final = frozenset(["in", "while", "but", "too", "publicly", "again", "then", "at", "on"])


#: Words before a figure that open the subject of a reported clause: "about 20", "nearly half", "at least six".
_FIGURE_LEADS: Final = frozenset(["about", "nearly", "almost", "roughly", "around", "approximately", "over",
                                  "some", "only", "just"])


def _figure_opens_clause(tokens: list[Token], a: int) -> bool:
    """``tokens[a:]`` opens with a figure ("at least 20 people", "about half of the boats") and a finite verb
    follows within a few words: the subject of the reported clause."""
    n = len(tokens)
    if a + 2 >= n:
        return False
    if tokens[a].lower == "at" and tokens[a + 1].lower in ("least", "most"):
        figure = a + 2
    elif tokens[a].lower in _FIGURE_LEADS:
        figure = a + 1
    else:
        return False
    if not (tokens[figure].text[:1].isdigit() or tokens[figure].lower in NUMBER_WORDS or (
            tokens[figure].lower in ("half", "a", "one-third", "two-thirds"))):
        return False
    return any(tokens[k].lower in _FINITE_WORDS or past_form(tokens[k]) for k in range(figure + 1, min(n, figure + 8)))


def _content_start(tokens: list[Token], lowers: list[str], v: int, info: VerbInfo,
                   lexicon: dict[str, VerbInfo]) -> tuple[int, int, bool] | None:
    """Where the content of the reporting verb ``tokens[v]`` starts: (start offset, the token index it must end
    before at the latest, whether it is a weak content -- an object, an infinitive, a topic -- rather than a
    reported clause), or None when nothing after the verb reads as its content."""
    n = len(tokens)
    start = None
    stop = n  # where the content must end at the latest
    after_v = v + 2 if tokens[v + 1].lower in TIME_WORDS and v + 2 < n else v + 1  # "announced Sunday she ..."
    if tokens[v + 1].lower in ("on", "last", "this", "late", "early") and v + 3 < n and (
            tokens[v + 2].lower in TIME_WORDS or tokens[v + 2].lower in ("week", "month", "year", "night")):
        after_v = v + 3  # "said on Friday he met ...", "said last week the plan ..."
    if info.base in ADDRESSEE_VERBS and tokens[after_v].is_word and tokens[after_v].lower not in ("that", "to"):
        # "told voters she would ...", "assured reporters that ...": the addressee is not what was said
        e = max(collect_right(tokens, after_v, n, lexicon), after_v + 1)  # (at least one word: "me", "us")
        clause_i = next((k for k in range(after_v + 1, min(e + 1, n - 1))
                         if tokens[k].lower == "that" or pronoun_subject(tokens[k])), None)
        if clause_i is None:
            clause_i = _that_after_addressee(tokens, e, n, lexicon)
        if clause_i is None and _opens_quoted_words(tokens, e, pronoun_ok=True) and (
                tokens[after_v].lower not in PREPOSITIONS and tokens[after_v].lower != "of"):
            start = tokens[e].start  # 'warned voters "the pier will fall"': what was told, in marks
        if clause_i is not None:
            after_v = clause_i
            if tokens[clause_i].lower == "that":
                start = tokens[clause_i].start
    if info.bare and starts_clause(tokens[after_v]) and tokens[after_v].lower != "that":
        start = tokens[after_v].start  # "said he would ...", "said the test could ..."
    elif info.bare and _figure_opens_clause(tokens, after_v):
        start = tokens[after_v].start  # "said at least 20 people were killed", "said about half of the boats sank"
    # ('said on ABC's "This Week With George Stephanopoulos" that ...': a title in marks is one word)
    reach = v + 9 + _quoted_title_after(tokens, v + 1, min(n, v + 6))
    if tokens[v + 1].lower in PREPOSITIONS and tokens[v + 1].lower != "to":
        reach += 3  # (a phrase first: "said in an oral history of the Clinton years that ...")
    if tokens[v + 1].lower in TIME_WORDS and v + 2 < n and tokens[v + 2].lower in PREPOSITIONS:
        reach += 8  # (a when, then where: "said Thursday during a visit to Dover, New Hampshire, that ...")
    nxt = tokens[v + 1]
    noun_first = info.base == "say" and nxt.is_word and not nxt.capitalized and not (
        nxt.lower in STOP_WORDS or nxt.lower in TIME_WORDS or nxt.lower in DAY_PARTS or nxt.lower in DETERMINERS
        or nxt.lower.endswith("ly") or nxt.lower in ("last", "next", "for", "of"))
    for k in range(v + 1, min(n - 1, reach)):
        if start is not None:
            break
        if tokens[k].lower == "that" and noun_first and k > v + 3 and all(t.is_word for t in tokens[v + 1 : k]):
            break  # "said business executives often fail to understand that ...": the clause began at its subject
        if tokens[k].lower == "whether" and k > v + 2 and tokens[v + 1].lower in PREPOSITIONS:
            start = tokens[k].start  # "has questioned in recent days whether ...": a phrase, then the question
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
            if tk.lower in RELATIVE_GAP_VERBS or (not tk.capitalized and past_form(tk)):
                start = tokens[after_v].start
                break
    nxt = tokens[v + 1]
    if start is None and info.base == "say" and nxt.is_word and nxt.lower not in PREPOSITIONS and (
            nxt.lower not in TIME_WORDS and nxt.lower not in AUX_ADVERBS and nxt.lower not in ("so", "no", "yes")):
        start = nxt.start  # "said economic stagnation is the source ..."
    if start is None and info.bare and info.speech and nxt.lower in PREPOSITIONS and nxt.lower != "to":
        # "said after the convention he would not ...": a short phrase, then the clause's pronoun subject
        j = next((k for k in range(v + 2, min(n - 1, v + 8)) if not tokens[k].is_word or (
            tokens[k].lower in _CLAUSE_LINKS) or (pronoun_subject(tokens[k]) and tokens[k].lower not in (
                "it", "you"))), None)
        if j is not None and j > v + 2 and tokens[j].is_word and tokens[j].lower not in _CLAUSE_LINKS:
            start = tokens[j].start
        elif j is not None and j > v + 2 and _opens_quoted_words(tokens, j) and (
                tokens[j - 1].lower not in DETERMINERS):  # (not 'warned of the "creative" use': a noun phrase)
            start = tokens[j].start  # 'said in a radio interview "it will be very hard ..."': the quoted clause
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
    if start is None and info.bare and tokens[v + 1].lower in RELATIVE_GAP_VERBS:
        # "a surge of independents, which Democrats say could be aiding Mr. Sanders": the relative clause,
        # pronoun and all, is what was said
        rel = next((k for k in range(v - 1, max(-1, v - 6), -1) if tokens[k].lower in (
            "which", "that", "who", "what") or (tokens[k].text in DASHES and tokens[k + 1].start > tokens[k].end)),
                   None)
        if rel is None and v < 6 and tokens[0].is_word and not tokens[0].capitalized:
            rel = -1  # (the rest of a sentence after a dash: "meddling the congressman said is designed to ...")
        if rel is not None and all(t.is_word for t in tokens[rel + 1 : v]):
            # (or after a dash: "... in the election -- meddling the congressman said is designed to ...")
            start = tokens[rel + 1].start if rel < 0 or tokens[rel].text in DASHES else tokens[rel].start
            if rel > 0 and tokens[rel - 1].text == ",":  # ", which officials said will ..., will not": to the comma
                stop = next((k for k in range(v + 2, n) if tokens[k].text == ","), n)
    p = v + 1  # where the particle is, past "out" or an adverb: "spoke highly of", "spoke out against"
    if v + 3 < n and (tokens[p].lower == "out" or (
            tokens[p].lower.endswith("ly") and tokens[p].lower not in LY_WORDS)):
        p += 1
    quoted_next = _opens_quoted_words(tokens, p + 1)  # ('pointed to "the ..."')
    if start is None and tokens[p].lower == "about" and p + 1 < n and (tokens[p + 1].is_word or quoted_next):
        start, weak = tokens[p + 1].start, True  # "Sanders spoke about income inequality": the topic
    if start is None and tokens[p].lower in _CONTENT_AFTER_PARTICLE.get(info.base, ()) and p + 1 < n and (
            tokens[p + 1].is_word or quoted_next) and not _reduced_relative(lowers, v):
        start, weak = tokens[p + 1].start, True  # "did not respond to a request for comment", "pointed to X"
    if start is None and "object" in info.tags and tokens[v + 1].is_word and tokens[v + 1].lower not in (
        "to", "on", "in", "at", "for", "with", "about", "by", "up", "out", "off", "back", "as", "from"):
        start, weak = tokens[v + 1].start, True  # "X questioned the integrity of the vote"
    if start is None and "object" in info.tags and v + 3 < n and _opens_quoted_words(tokens, v + 1) and (
            lowers[v] not in NAMING_VERBS) and not (lowers[v].endswith("ing") and tokens[v - 1].text == ","):
        # (not 'what he called "a cartel"': the name is a quote of its own; nor 'Lee, citing "the spirit of
        # the town," said ...': an aside before the main verb)
        start, weak = tokens[v + 1].start, True  # 'which reported "2,521 shooting incidents" in the city'
    if start is None:
        return None
    return start, stop, weak


def _opens_quoted_words(tokens: list[Token], i: int, pronoun_ok: bool = False) -> bool:
    """An opening mark at ``i`` glued to a lower-case word: quoted words that go on a clause ('"the pier will
    fall"'), not a title ('"Morning Joe"'); with ``pronoun_ok``, a capitalised subject pronoun too ('"I am
    not going anywhere"')."""
    if i + 1 >= len(tokens) or tokens[i].text not in QUOTE_CHARS:
        return False
    word = tokens[i + 1]
    return word.is_word and word.start == tokens[i].end and (
        not word.capitalized or (pronoun_ok and pronoun_subject(word)))


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
    np = SpeakerNP("generic", mention_of(text, tokens[1 : poll + 1]), name=text[tokens[1].start : tokens[poll].end])
    start = comma + 1
    if past_form(tokens[start]) or lowers[start] in ("taken", "released", "published", "conducted"):
        # "In the latest poll, conducted in May, Lee led ...": the poll's participle aside, then the finding
        start = next((k + 1 for k in range(start + 1, min(n - 3, start + 12)) if tokens[k].text == ","), start)
    return IndirectMatch(tokens[start].start, content_end(tokens, n, start), Cue(np, mention_of(text, [tokens[0]]),
                                                                                  "according"))


#: Words between the comma and the participle of a continuing cue: '"...," he said, before adding that ...'.
_BEFORE_CONTINUING_PARTICIPLE = frozenset(["also", "again", "then", "later", "likely", "before", "while", "after",
                                           "when"])
#: Question words that open a participle's content: ", explaining why he disagrees with ...".
_WH_WORDS = frozenset(["why", "how", "what", "whether", "where", "when", "who"])


def _title_close(tokens: list[Token], k: int) -> int | None:
    """The closing mark of a short title in marks that opens at ``tokens[k]`` ('"Morning Joe,"', '"Face the
    Nation"'): its words capitalised (or small joining words), a comma at most before the close; else None."""
    for j in range(k + 2, min(len(tokens), k + 8)):
        if tokens[j].text in QUOTE_CHARS:
            inner = [t for t in tokens[k + 1 : j] if t.text != ","]
            if inner and inner[0].capitalized and all(
                    t.capitalized or t.lower in ("of", "the", "and", "a", "in", "on", "for", "to") for t in inner):
                return j
            return None
        if not tokens[j].is_word and tokens[j].text != ",":
            return None
    return None


def continuation_after_cue(text: str, tokens: list[Token], lexicon: dict[str, VerbInfo]) -> tuple[int, int, Mention] | None:
    """'"...," he said, adding that ...': the content of a participle that continues a cue.

    ``tokens`` start right after the cue verb (or its subject). Returns (start, end, participle mention).
    """
    n = len(tokens)
    k = -1
    while k + 1 < min(n - 2, 24):
        k += 1
        tok = tokens[k]
        comma = tok.text == ","
        if tok.text in QUOTE_CHARS:
            close = _title_close(tokens, k)
            if close is None:
                return None
            k = close  # ('told the hosts of "Morning Joe," adding that ...': a title in marks, read past)
            tok = tokens[k]
            comma = tokens[k - 1].text == ","  # (the comma inside the marks)
        if tok.text in TERMINATORS and not is_abbrev_dot(tokens, k):
            return None
        if (comma or k > 0 and tokens[k - 1].text == "," and tok.lower in _BEFORE_CONTINUING_PARTICIPLE) and (
                k + 1 < n and tokens[k + 1].lower.endswith("ing")):
            info = lexicon.get(tokens[k + 1].lower)
            if info is None or not info.speech:
                continue
            first = k + 2
            if tokens[first].lower == "out" and first + 2 < n and tokens[first + 1].lower == "that":
                first += 1  # ", pointing out that ..." (not "pointing out where the store was": a gesture)
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
                    "object" in info.tags or pronoun_subject(tokens[first]) or object_np):
                end = n
                for j in range(first, n):
                    if tokens[j].text in TERMINATORS and not is_abbrev_dot(tokens, j):
                        end = j
                        break
                    if object_np and tokens[j].text == ":" and j + 1 < n and tokens[j + 1].text in QUOTE_CHARS:
                        return None  # ', recalling her own experience: "..."': the participle introduces the quote
                if end - first < 3:
                    return None
                # (the writer's own clause after it is not content: ", speaking of the convention, which ...")
                return tokens[first].start, content_end(tokens, end, first), mention_of(text, [tokens[k + 1]])
            return None
    return None
