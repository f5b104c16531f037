"""The ``quotes`` stage: find direct, indirect, mixed and nested quotes and attribute them to speakers.

Works paragraph by paragraph (``doc.paragraphs``; boilerplate skipped; without paragraphs every
non-empty line is one). Per paragraph: pair the quote marks (:mod:`.marks`), look for a cue around each
quoted stretch (:mod:`.cues`), find indirect attributions in the sentences left over, then resolve every
speaker noun phrase in text order (:mod:`.speakers`) so that ``he``/``the speaker`` see the right context.
A last pass gives quotes without a cue the speaker of the neighbouring quote (a quote-only paragraph
continues the previous speaker; a quote left open continues into the next paragraph).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from docpipe.model import Document, Mention, Quote

from .contents import DOUBLE_QUOTE_MARKS, IndirectMatch, coordinated_verb_at, next_speakers_clause, writers_next_act
from .cues import DESCRIBING_VERBS, NAMING_VERBS, Cue, cue_after, cue_before, cue_naming, reporting_sentence
from .indirect import POLL_WORDS, continuation_after_cue, coordinated_after_quote, find_indirect
from .lexicon import VerbInfo, load_lexicon
from .marks import MarkedSpan, find_quoted
from .questions import AskedQuestion, find_questions
from .speakers import GIVEN_NAMES_ANY_GENDER, SUBJECT_PRONOUNS, Entity, SpeakerNP, SpeakerRegistry, analyse_np
from .subjects import clause_subject, is_abbrev_dot, is_terminator, noun_use, sentence_subject, subjectless
from .tokens import WORD_RE, ParagraphTokens, Token, has_word_in, split_sentences, tokenize
from .words import CLOSING_QUOTES

#: Longest sentence (characters) searched for indirect attributions; longer "sentences" are not prose.
MAX_SENTENCE = 3000
#: Paragraph labels before a colon that are not speakers.
NOT_SPEAKER_LABELS = frozenset(
    ["latest", "update", "updated", "note", "correction", "clarification", "source", "sources", "photo", "photos", "video", "read", "watch", "related", "also", "advertisement", "editor", "editors", "disclosure", "disclaimer", "warning", "breaking", "exclusive", "opinion", "analysis", "transcript", "q", "a", "question", "answer", "subscribe", "follow", "contact", "share", "tags", "topics", "see", "more", "contributing", "contributors", "contributor", "reporting", "credit", "credits", "filed", "graphic", "graphics", "map"]
)
#: The dash that closes dash-introduced speech ("— We are ready, — said X."): after a space or a comma.
_SPEECH_DASH_RE = re.compile(r"(?<=[\s,])[—–―]")
#: The next word or punctuation mark after some spaces (what follows a reporting clause).
_NEXT_WORD_RE = re.compile(r"\s*([,.;:!?]|\w+)")
_SENTENCE_END_RE: Final = re.compile(r"[.!?](?=\s|$)|[\"“”]")
#: Marks that may open a paragraph of quoted speech.
_OPENING_MARKS = frozenset("\"“„«‘'")


@dataclass(eq=False)  # (a dataclass: mypyc compiles it to a native class)
class _Found:
    start: int
    end: int
    kind: str
    para: int
    np: SpeakerNP | None = None
    cue: Mention | None = None
    parent: _Found | None = None
    confidence: float = 0.9
    unclosed: bool = False
    starts_para: bool = False
    entity: Entity | None = None
    mention: Mention | None = None
    speaker_name: str | None = None
    joins: _Found | None = None  # a quote of the same quotation in the paragraph before (see _to_quotes)
    question: bool = False  # a question put to someone: its asker or no one speaks, never a neighbour
    named: bool = False  # the name someone gave a thing ('what Lee called "a folly"'), inside the writer's sentence

    def __init__(self, start: int, end: int, kind: str, para: int, np: SpeakerNP | None = None,
                 cue: Mention | None = None, parent: _Found | None = None, confidence: float = 0.9,
                 unclosed: bool = False, starts_para: bool = False, entity: Entity | None = None,
                 mention: Mention | None = None, speaker_name: str | None = None, joins: _Found | None = None,
                 question: bool = False, named: bool = False) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.start, self.end, self.kind, self.para, self.np, self.cue = start, end, kind, para, np, cue
        self.parent, self.confidence, self.unclosed, self.starts_para = parent, confidence, unclosed, starts_para
        self.entity, self.mention, self.speaker_name, self.joins = entity, mention, speaker_name, joins
        self.question, self.named = question, named


def _found_from_match(m: IndirectMatch, index: int, kind: str = "indirect") -> _Found:
    """An indirect (or mixed) attribution found by :func:`find_indirect`, as a quote of paragraph ``index``
    (a belief or an intention is less sure than words said)."""
    return _Found(m.start, m.end, kind, index, np=m.cue.np, cue=m.cue.cue, confidence=0.5 if m.belief else 0.7)


#: A signature line that closes a quotation: a name of two to four capitalised words, a comma, a short title
#: or affiliation, the closing mark ("Josh Bivens, Economic Policy Institute.\"").
_SIGNATURE_LINE_RE: Final = re.compile(
    r"[ \t]*\n\s*([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}), ([^\n,\"”]{2,80}?)\.?[\"”][ \t]*(?:\n|$)")


def _signed_below(text: str, sp: MarkedSpan, index: int, ps: int) -> _Found | None:
    """A quotation left open at its paragraph's end whose next line signs and closes it: '"We are going to ...
    stimulus.\nJosh Bivens, Economic Policy Institute."' (a pull quote): the words above are the signer's."""
    m = _SIGNATURE_LINE_RE.match(text, sp.end)
    if m is None:
        return None
    toks = tokenize(text, m.start(1), m.end(1))
    np = analyse_np(text, toks) if toks else None
    if np is None or np.kind != "person":
        return None
    np.title = np.title or m.group(2)
    sign = Mention(text[m.start(1) : m.end(2)], m.start(1), m.end(2))
    return _Found(sp.start, sp.end, "direct", index, np=np, cue=sign, confidence=0.8, starts_para=sp.start - ps <= 2)


def _after_mark(text: str, close_mark: int) -> int:
    """The offset right after the closing mark at ``close_mark`` (two characters for ``''``)."""
    return close_mark + (2 if text.startswith("''", close_mark) else 1)


def _parts(m: IndirectMatch) -> list[tuple[int, int]]:
    """The content of ``m`` as parts: two around a reporting clause inside it ("Loyalty, he noted, has long
    been rare": "Loyalty" and "has long been rare"), else one."""
    if m.aside is None or not m.start < m.aside[0] < m.aside[1] < m.end:
        return [(m.start, m.end)]
    return [(m.start, m.aside[0]), (m.aside[1], m.end)]


def _second_part(text: str, first: _Found, f: _Found) -> None:
    """'"Many people are uncertain," X wrote in a statement explaining why she is speaking, "but most ..."':
    a quote that opens in lower case after the reporting clause of a quote ending in a comma, in the same
    sentence, is that quotation's second part and rests on its cue (not on a verb inside the clause)."""
    if (first.parent is None and first.cue is not None and first.np is not None and text[first.end - 1] == ","
            and first.end <= first.cue.start < f.start
            and not any(ch in ".!?;" for ch in text[first.cue.end : f.start])):
        f.np, f.cue, f.confidence = first.np, first.cue, first.confidence


def _joined_by_and(text: str, first: _Found, sp: MarkedSpan) -> bool:
    """The quoted stretch ``sp`` follows the direct quote ``first`` (whose cue comes before it) with only
    "and" or "or" between the marks: '"Send them home," and "Build the wall."'."""
    if first.kind != "direct" or first.cue is None or first.cue.end > first.start or sp.open_mark is None:
        return False
    between = text[first.end : sp.open_mark].strip(" ,\"”'’")
    return between in ("and", "or") and sp.open_mark - first.end < 12


def _make_mixed(text: str, f: _Found, start: int, end: int) -> None:
    """Widen the direct quote ``f`` to the mixed quote of a reported clause ``start``-``end`` that holds it
    (the closing mark included)."""
    close = f.end + 1 if f.end < len(text) and text[f.end] in CLOSING_QUOTES else f.end
    f.kind, f.start, f.end = "mixed", start, max(end, close)


#: A modal or "to" right before a verb of saying: the saying is not (yet) done ("will say", "to say").
_MODAL_BEFORE_RE = re.compile(r"\b(?:will|to|can|could|should|might|may|must) $")

#: Right after a cue: a participle, then a quote mark before the sentence ends (", adding that "...").
_PARTICIPLE_BEFORE_MARK_RE = re.compile(r"[^.!?\"“”]{0,160}?, \w+ing\b[^.!?\"“”]{0,80}[\"“”]")
#: Right before an opening mark: a verb that names ('what Lee called "a folly"', 'described as "..."'), the
#: words cues.cue_naming reads.
_NAMING_BEFORE_RE = re.compile(r"\b(?:(?:" + "|".join(sorted(NAMING_VERBS)) + r")|(?:"
                               + "|".join(sorted(DESCRIBING_VERBS)) + r") as) $")
#: Right after a cue: a relative clause on the speaker, then a quote mark before the sentence ends.
_WHO_BEFORE_MARK_RE = re.compile(r"[^.!?\"“”]{0,160}?, who \w+[^.!?\"“”]{0,120}[\"“”]")
#: Right after a closing mark: a participle (', adding that ...').
_PARTICIPLE_AFTER_MARK_RE = re.compile(r" \w+ing\b")
#: Words that join a second clause to a quote's reporting clause after a comma.
_JOINING_WORDS = frozenset(["and", "but", "while", "whereas", "although"])


def _quote_inside_clause(text: str, start: int, end: int) -> bool:
    """The first double quote mark in ``text[start:end]`` opens a quotation inside the clause: a word and a
    space before it, a lower-case letter after it ('adding that "the party will ..."')."""
    q = next((k for k in range(start, end) if text[k] in DOUBLE_QUOTE_MARKS), None)
    return q is not None and q - 2 >= start and text[q - 1] == " " and text[q - 2].isalpha() and text[
        q + 1 : q + 2].islower()


def _end_before_questions(text: str, start: int, end: int, asked: list[AskedQuestion]) -> int | None:
    """Where a content ends so as to leave out the questions put to someone, which are read on their own
    ('Lee agreed that the plan had failed when asked why' ends before "when"); None when nothing is left."""
    whole = end
    for qn in asked:
        if start < qn.end and qn.clause_start < end:
            if start >= qn.clause_start:
                return None
            end = _trim(text, start, qn.clause_start)[1]
            while end > start and text[end - 1] in ",;":
                end = _trim(text, start, end - 1)[1]
    return end if end - start >= 8 or end == whole else None  # (uncut: 'Asked if ..., 46 percent said yes')


def _ends_reported_clause(text: str, f: _Found) -> bool:
    """A direct quote whose cue comes before it with two words or more between them and no comma or colon
    right before the mark: the quote may end a clause the cue reports ('said he holds his roots "very near
    to my heart."'), to be widened to a mixed quote when the clause is found."""
    if f.kind != "direct" or f.parent is not None or f.cue is None or f.cue.end >= f.start:
        return False
    lead = text[f.cue.end : f.start].rstrip(" '\"“‘«„")
    return lead[-1:] not in (",", ":", "") and len(lead[-200:].split()) >= 2


def _last_char(text: str, sp: MarkedSpan) -> str:
    """The quote's last character, past an inner quotation that closes with it ('... you called
    'miracles,'" she said': the comma, which hands the quote to the cue after it)."""
    k = sp.end - 1
    while k > sp.start and text[k] in "’'":
        k -= 1
    return text[k]


def _word_count(text: str, start: int, end: int, cap: int = 12) -> int:
    """Words in text[start:end], counting no further than ``cap`` (bounded work on huge quotes)."""
    return len(text[start : min(end, start + cap * 20)].split()[:cap])


class QuoteStage:
    """Rule-based quote attribution.

    Options (``[stages.quotes]``):

    * ``extra_verbs`` -- more reporting verbs, as lines in the lexicon format (``"opine | speech"``).
    * ``min_words`` -- a quoted stretch with fewer words and no cue next to it is a scare quote or a title,
      not a quote (default 4).
    * ``skip_roles`` -- paragraph roles not searched (default ``["boilerplate"]``).
    * ``window`` -- characters looked at either side of a quote for its cue (default 250).
    * ``indirect`` -- also find indirect and mixed quotes (default true).

    A plain class with the options as keyword arguments (not an attrs class: mypyc compiles this one to a
    native class, see docs/quotes.md); it pickles, as stages must (they go to worker processes).
    """

    name: str = "quotes"

    def __init__(self, extra_verbs: Iterable[str] = (), min_words: int = 4,
                 skip_roles: Iterable[str] = ("boilerplate",), window: int = 250, indirect: bool = True) -> None:
        self.extra_verbs: list[str] = list(extra_verbs)
        self.min_words = min_words
        self.skip_roles: list[str] = list(skip_roles)
        self.window = window
        self.indirect = indirect
        self._lexicon: dict[str, VerbInfo] = load_lexicon(self.extra_verbs)
        self._cue_words: frozenset[str] = frozenset(self._lexicon) | {"according", "According"}
        # the words that send a sentence to the search for indirect attributions ("in a poll" reports too)
        self._sentence_words: frozenset[str] = self._cue_words | POLL_WORDS

    def _options(self) -> tuple[list[str], int, list[str], int, bool]:
        return self.extra_verbs, self.min_words, self.skip_roles, self.window, self.indirect

    def __reduce__(self) -> tuple[type[QuoteStage], tuple[list[str], int, list[str], int, bool]]:
        """Pickled as its options (stages go to worker processes): the lexicon is rebuilt from them."""
        return QuoteStage, self._options()

    def __repr__(self) -> str:
        return (f"QuoteStage(extra_verbs={self.extra_verbs!r}, min_words={self.min_words!r}, "
                f"skip_roles={self.skip_roles!r}, window={self.window!r}, indirect={self.indirect!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QuoteStage):
            return NotImplemented
        return self._options() == other._options()

    # ------------------------------------------------------------------ public
    def process(self, doc: Document) -> Document:
        text = doc.text
        paras = [(p.start, p.end, p.role) for p in doc.paragraphs if p.role not in self.skip_roles]
        if not doc.paragraphs:
            paras = _lines(text)
        registry = SpeakerRegistry(text)
        found: list[_Found] = []
        intro_para: tuple[int, int] | None = None  # a paragraph that may introduce the next one's quote
        signed: list[_Found] | None = None  # the previous paragraph's quotes, all without a speaker
        for index, (ps, pe, role) in enumerate(paras):
            ps, pe = _trim(text, ps, pe)
            if ps >= pe:
                continue
            items = self._paragraph(text, ps, pe, role, index)
            if intro_para is not None and items and items[0].np is None and items[0].starts_para:
                intro = self._intro(text, *intro_para)  # (read only when needed: most paragraphs need none)
                if intro is not None:
                    items[0].np, items[0].cue, items[0].confidence = intro.np, intro.cue, 0.8
            # ("... did not apply to her. He said:" introduces the next paragraph's quote even when the paragraph
            # has quotes of its own; "Lau said in a statement." only when it has none)
            intro_para = (ps, pe) if text[pe - 1] == ":" or (text[pe - 1] == "." and not items) else None
            if signed is not None and not items and _sign(signed, text, ps, pe):  # '"...."' then '- Sanders.'
                for f in signed:
                    if f.np is not None:  # (always: _sign gave every one its NP)
                        f.entity, f.mention = registry.resolve(f.np), f.np.mention
            signed = items if items and all(f.np is None for f in items) else None
            for np, f in sorted(((f.np, f) for f in items if f.np is not None), key=lambda p: p[0].mention.start):
                if np.kind == "pronoun" and np.pronoun in ("he", "she"):
                    about = self._subject_before(text, ps, min(f.start, np.mention.start))
                    if about is not None:
                        registry.focus(about)
                f.entity = registry.resolve(np)
                f.mention = np.mention
            found.extend(items)
        found.sort(key=lambda f: (f.start, -f.end))
        _continue_speakers(text, found)
        self._guess_from_previous_paragraph(text, found, paras, registry)
        self._guess_from_previous_sentence(text, found, paras, registry)
        quotes = _to_quotes(found)
        return doc.evolve(quotes=quotes, speakers=registry.speakers())

    def _subject_before(self, text: str, ps: int, at: int, any_subject: bool = False) -> SpeakerNP | None:
        """The person the sentence before offset ``at`` (in its paragraph, starting at ``ps``) is about, when
        that sentence holds no quotation: 'The council's engineer, Ola Lund, disputes that. "...," he says.'
        (he is Ola Lund, who has not spoken yet, rather than the last speaker)."""
        lo = max(ps, at - 400)
        marks = " \"“”'‘’«»„"
        before = [(s, e) for s, e in split_sentences(text, lo, at) if text[s:e].strip(marks)]
        if before and not text[before[-1][1] : at].strip(marks) and text[before[-1][0] : before[-1][1]].rstrip(
                marks)[-1:] in ".!?":
            s, e = before[-1]  # the quote opens its sentence: the one before is the last
        elif len(before) >= 2:
            s, e = before[-2]  # the quote's sentence opened before it ('Lee said: "...')
        else:
            return None
        if s == lo and lo > ps or any(ch in DOUBLE_QUOTE_MARKS or ch in "«»„" for ch in text[s:e]) or (
                "''" in text[s:e]):
            return None  # (the window cut the sentence; or it quotes, and its subject speaks for itself)
        toks = tokenize(text, s, e)
        while toks and toks[-1].text in ".!?":
            toks = toks[:-1]
        np = clause_subject(text, toks, 0, len(toks), self._lexicon) if len(toks) > 2 else None
        if np is not None and np.kind != "person":
            # "The council's engineer, Ola Lund, disputes that.": the name in apposition (any description, not
            # only a title as name_in_apposition wants: "The alleged shooter, Jan Berg, ...")
            k = next((k for k, t in enumerate(toks) if t.start >= np.mention.end), len(toks))
            e = k + 1
            while e < len(toks) and toks[e].capitalized:
                e += 1
            if k < len(toks) and toks[k].text == "," and e < len(toks) and toks[e].text == "," and e - k > 2:
                named = analyse_np(text, toks[k + 1 : e])
                if named is not None and named.kind == "person":
                    title = text[np.mention.start : np.mention.end]
                    named.title = named.title or (title.split(" ", 1)[1] if title.lower().startswith(
                        ("the ", "a ", "an ")) else title)
                    np = named
        if any_subject:
            return np if np is not None and np.kind in ("person", "org", "pronoun") else None
        if np is None or np.kind != "person" or not np.name:
            return None
        parts = np.name.split()
        # (a full name with a listed given name: the subject walk's other "persons" are too often not people)
        return np if len(parts) >= 2 and parts[0] in GIVEN_NAMES_ANY_GENDER else None

    def _guess_from_previous_sentence(self, text: str, found: list[_Found], paras: list[tuple[int, int, str]],
                                      registry: SpeakerRegistry) -> None:
        """A quote that opens a sentence inside a paragraph with no speaker found at all: the subject of the
        sentence before it (``Asked if she would resign, Lee laughed. "Not a chance."``), at a low
        confidence. Only person, organisation and pronoun subjects count."""
        for f in found:
            if f.mention is not None or f.parent is not None or f.starts_para or f.kind != "direct":
                continue
            ps = _trim(text, *paras[f.para][:2])[0]
            np = self._subject_before(text, ps, f.start, any_subject=True)
            if np is not None:
                f.entity, f.mention, f.confidence = registry.resolve(np), np.mention, 0.4

    def _guess_from_previous_paragraph(self, text: str, found: list[_Found], paras: list[tuple[int, int, str]],
                                       registry: SpeakerRegistry) -> None:
        """A quote opening a paragraph with no speaker found at all: the subject of the last sentence of
        the paragraph before (``Why was he out in the heat?`` / ``"My mom says I have to save."``), at a
        low confidence. Only person, organisation and pronoun subjects count."""
        for f in found:
            if f.mention is not None or f.parent is not None or not f.starts_para or f.para == 0:
                continue
            ps, pe, _ = paras[f.para - 1]
            ps, pe = _trim(text, ps, pe)
            if pe - ps < 10:
                continue
            toks = tokenize(text, max(ps, pe - 300), pe)
            while toks and toks[-1].text in ".!?:":
                toks = toks[:-1]
            lo = next((k + 1 for k in range(len(toks) - 1, -1, -1)
                       if toks[k].text in ".!?" and not is_abbrev_dot(toks, k)), 0)
            if lo == 0 and pe - 300 > ps:
                continue  # the window did not reach that sentence's start
            np = clause_subject(text, toks, lo, len(toks), self._lexicon) if len(toks) - lo > 1 else None
            if np is None:  # "Why was he out in the heat?": the first personal pronoun of the sentence
                k = next((k for k in range(lo, len(toks)) if toks[k].lower in ("he", "she", "they")), None)
                np = analyse_np(text, [toks[k]]) if k is not None else None
            if np is not None and np.kind in ("person", "org", "pronoun"):
                f.entity, f.mention, f.confidence = registry.resolve(np), np.mention, 0.4

    # ------------------------------------------------------------------ one paragraph
    def _paragraph(self, text: str, ps: int, pe: int, role: str, index: int) -> list[_Found]:
        lex = self._lexicon
        out: list[_Found] = []
        spans = find_quoted(text, ps, pe)
        if role == "title" or text[ps].isupper():
            head = _headline(text, ps, pe, index, lex, strict=role != "title")
            if head is not None:
                return [head]
        elif role != "title" and text[ps] in _OPENING_MARKS and ps + 1 < pe and text[ps + 1].isupper():
            # '"PENCE: Well, look ...': a transcript turn reprinted inside an opening quote mark
            head = _headline(text, ps + 1, pe, index, lex, strict=True)
            if head is not None:
                if text[head.end - 1] in "\"”»’'" and head.end - 1 > head.start:
                    head.end -= 1  # the turn's own closing mark
                return [head]
        if not spans and text[ps] in "—–―":
            dash = self._dash_speech(text, ps, pe, index)
            if dash is not None:
                return [dash]
        # With quotes, cue windows and sentences overlap: tokenize the paragraph once. Without, only the
        # sentences that hold a cue word are tokenized, one by one.
        ptoks = ParagraphTokens(text, ps, pe, limit=100_000 if spans else 0,
                                skips=[(sp.start, sp.end) for sp in spans if sp.parent is None and sp.end - sp.start > 60])
        accepted: dict[int, _Found] = {}
        fragments: list[MarkedSpan] = []
        prev_end = ps
        for i, sp in enumerate(spans):
            if sp.parent is not None:
                continue
            f = self._direct(text, sp, prev_end, pe, index, ps, ptoks,
                             follows_quote=bool(out) and out[-1].kind == "direct" and prev_end == out[-1].end + 1)
            if f is not None and out and f.kind == "direct" and text[sp.start].islower():
                _second_part(text, out[-1], f)
            elif f is None and out and _joined_by_and(text, out[-1], sp):
                # 'The crowd chanted "Send them home," and "Build the wall."': the second quote of one act
                first = out[-1]
                f = _Found(sp.start, sp.end, "direct", index, np=first.np, cue=first.cue,
                           confidence=first.confidence, unclosed=sp.close_mark is None)
            elif f is None and out and text[sp.start].islower() and sp.open_mark is not None and (
                    text[max(ps, sp.open_mark - 3) : sp.open_mark].strip().endswith(",")):
                # '"We're going to win," Lee told a crowd of 2,000 in Dover on Saturday night, "and we're ...":
                # the reporting clause is too long for the second part to find its cue by itself
                f = _Found(sp.start, sp.end, "direct", index, unclosed=sp.close_mark is None)
                _second_part(text, out[-1], f)
                if f.cue is None:
                    f = None
            prev_end = (sp.close_mark + 1) if sp.close_mark is not None else sp.end
            if f is None:
                fragments.append(sp)
                continue
            accepted[i] = f
            out.append(f)
            if f.cue is not None and f.cue.end <= f.start and f.np is not None and self.indirect and (
                    sp.close_mark is not None and (text.startswith((" and ", " but "), sp.close_mark + 1) or (
                        _last_char(text, sp) == "," and _PARTICIPLE_AFTER_MARK_RE.match(text, sp.close_mark + 1)))):
                # 'She declared "What a day!" and said that ...', 'X shot back: "...," adding that ...': the
                # speaker goes on to report something else (from the mark: the participle needs a token before it)
                mark_at = sp.close_mark if _last_char(text, sp) == "," else sp.close_mark + 1
                tail = ptoks.window(mark_at, min(pe, sp.close_mark + 1 + 4 * self.window))
                stop = next((k for k in range(len(tail)) if is_terminator(tail, k)), len(tail) - 1)
                while stop + 1 < len(tail) and tail[stop + 1].text in CLOSING_QUOTES:
                    stop += 1  # ('... "to the next harbour."': the mark after the full stop closes the content)
                also = coordinated_after_quote(text, tail[: stop + 1], f.np, lex)
                if also is not None:
                    kind = "mixed" if _quote_inside_clause(text, also.start, also.end) else "indirect"
                    out.append(_Found(also.start, also.end, kind, index, np=also.cue.np, cue=also.cue.cue,
                                      confidence=0.6))
            if f.cue is not None and f.cue.start > f.end and self.indirect:
                hi = min(pe, f.cue.end + 4 * self.window)
                after_cue = ptoks.window(f.cue.end, hi, upto_quote=True)
                more = continuation_after_cue(text, after_cue, lex)
                if (more is None or text[more[1] - 1] in DOUBLE_QUOTE_MARKS) and _PARTICIPLE_BEFORE_MARK_RE.match(
                        text, f.cue.end, hi):
                    # ', adding that "the party will come together"': the window stopped at the quote mark
                    # (read again without that stop only then: most cues have no participle after them)
                    whole = continuation_after_cue(text, ptoks.window(f.cue.end, hi), lex)
                    if whole is not None and _quote_inside_clause(text, whole[0], whole[1]):
                        more = whole
                if more is not None:
                    kind = "mixed" if _quote_inside_clause(text, more[0], more[1]) else "indirect"
                    out.append(_Found(more[0], more[1], kind, index, np=f.np, cue=more[2], confidence=0.6))
                else:
                    clause = self._clause_after_cue(text, after_cue, index, f.np)
                    if not clause and _WHO_BEFORE_MARK_RE.match(text, f.cue.end, hi):
                        # ('said Beck, who said there were "too many ..."': read past the mark, as above)
                        clause = self._clause_after_cue(text, ptoks.window(f.cue.end, hi), index, f.np,
                                                        quoting=True)
                    out.extend(clause)
        # nested quotes inside accepted quotes
        for i, sp in enumerate(spans):
            if sp.parent is None or sp.parent not in accepted:
                continue
            parent = accepted[sp.parent]
            lo = max(parent.start, spans[i - 1].end if i and spans[i - 1].parent == sp.parent else parent.start)
            f = self._direct(text, sp, lo, parent.end, index, ps, ptoks, nested=True)
            if f is not None:
                f.parent = parent
                accepted[i] = f
                out.append(f)
        if self.indirect:
            fragment_starts = [fr.start for fr in fragments]
            direct = [f for f in out if f.parent is None and not f.named]  # (a name leaves the sentence's search)
            # Verbs that follow a direct quote as its cue: what comes after them is not their content (a quote
            # that ends its sentence with "?" or "!" leaves the cue in a "sentence" of its own)
            after_cues = {f.cue.start for f in direct if f.cue is not None and f.cue.start > f.end}
            di = 0
            for s, e in split_sentences(text, ps, pe):
                if e - s > MAX_SENTENCE:
                    continue
                while di < len(direct) and direct[di].end < s:
                    di += 1
                # (questions put to someone: "When asked whether ..., X said": the question is nobody's content)
                asked = find_questions(text, ptoks.window(s, e), lex) if text.find("sked", s, e) >= 0 else []
                for qn in asked:
                    kind = "mixed" if _quote_inside_clause(text, qn.start, qn.end) else "indirect"
                    out.append(_Found(qn.start, qn.end, kind, index, np=qn.asker, cue=qn.cue, confidence=0.6,
                                      question=True))
                if di < len(direct) and direct[di].start < e:
                    # A direct quote is attributed in this sentence. One without a cue of its own takes the
                    # sentence's reporting clause, and with the reported clause is one mixed quote: 'Ms. Lund
                    # said the plan would help -- "the whole town."'
                    orphans, ending_clause = [], []
                    k = di
                    while k < len(direct) and direct[k].start < e:
                        if direct[k].np is None:
                            orphans.append(direct[k])
                        elif _ends_reported_clause(text, direct[k]):
                            ending_clause.append(direct[k])
                        k += 1
                    if (orphans or ending_clause) and has_word_in(text, s, e, self._cue_words):
                        for m in find_indirect(text, ptoks.window(s, e), lex):
                            for f in orphans:
                                if m.start <= f.start and f.end <= m.end + 3 and m.cue.np.mention.end <= f.start:
                                    f.np, f.cue, f.confidence = m.cue.np, m.cue.cue, 0.7
                                    if _word_count(text, m.start, f.start - 1) >= 2:
                                        # 'X said Ohio's period "is quite generous."': the quoted words end
                                        # the reported clause, one mixed quote
                                        _make_mixed(text, f, m.start, m.end)
                            for f in ending_clause:
                                # 'X told reporters he thought Y had "made up the story." Z ...': the same
                                # cue reports a clause that the quote ends
                                if f.cue is not None and m.cue.cue.start == f.cue.start and m.start < f.start and (
                                        f.end <= m.end + 3 and _word_count(text, m.start, f.start - 1) >= 2):
                                    _make_mixed(text, f, m.start, m.end)
                    first = direct[di]
                    if first.start - s > 40:
                        before = self._indirect_before_quote(text, ptoks, s, first, index)
                        if before is not None and asked:
                            cut = _end_before_questions(text, before.start, before.end, asked)
                            if cut is None:
                                before = None
                            else:
                                before.end = cut
                        if before is not None:
                            out.append(before)
                    continue
                # (a headline inside the text, "Chris Christie Says He Would ...", reads like the title)
                headline = role == "title" or _headline_case(text, s, e)
                if headline:
                    if self._cue_words.isdisjoint([w.lower() for w in WORD_RE.findall(text, s, e)]):
                        continue  # no reporting verb, no "according": nothing to find
                elif not has_word_in(text, s, e, self._sentence_words):
                    continue  # no reporting verb, no "according", no poll: nothing to find
                for m in find_indirect(text, ptoks.window(s, e), lex, title_case=headline):
                    if m.cue.cue.start in after_cues and m.start > m.cue.cue.start:
                        continue  # '"Why?" Ann Lee asked the council.': the quote is what was asked
                    if asked:
                        cut = _end_before_questions(text, m.start, m.end, asked)
                        if cut is None:
                            continue
                        m.end = cut
                    for start, end in _parts(m):
                        fi = bisect.bisect_left(fragment_starts, start)  # fragments are sorted by start
                        inside = fi < len(fragments) and fragments[fi].end <= end
                        part = _found_from_match(m, index, "mixed" if inside else "indirect")
                        part.start, part.end = start, end  # (parts on one cue are one quotation: _to_quotes)
                        out.append(part)
        return out

    def _clause_after_cue(self, text: str, toks: list[Token], index: int, speaker: SpeakerNP | None,
                          quoting: bool = False) -> list[_Found]:
        """What a quote's reporting clause goes on to attribute. ``toks`` start right after the cue; the
        sentence must end before the next quote mark.

        * '"...," Carson said, but he said he is being asked about ...': a clause joined by ", and",
          ", but", ", while" may hold an attribution of its own;
        * '"...," said Ann Lee, 24, from Tromso, who said the pier ...': a relative clause on the speaker
          with a verb of saying is the speaker's too, a reported clause after it ('who stressed that ...');
          who "endorsed" or "declined" someone is biography.

        ``quoting``: ``toks`` run past a quote mark, which the relative clause's content may hold (a mixed
        quote); a joined clause is not read then.
        """
        end_k = next((k for k in range(len(toks)) if is_terminator(toks, k)), None)
        if end_k is None:
            return []
        join = next((k for k in range(min(end_k - 3, 12)) if toks[k].text == "," and (
            toks[k + 1].lower in _JOINING_WORDS or toks[k + 1].lower == "who")), None)
        if join is None or (toks[join + 1].lower != "who" or not quoting) and any(
                t.text in DOUBLE_QUOTE_MARKS for t in toks[join:end_k]):
            return []
        if toks[join + 1].lower in _JOINING_WORDS:
            return [_found_from_match(m, index) for m in find_indirect(text, toks[join + 2 : end_k + 1], self._lexicon)]
        who = toks[join + 1]
        found = []
        for m in find_indirect(text, toks[: end_k + 1], self._lexicon):
            info = self._lexicon.get(m.cue.cue.text.lower())
            if m.cue.cue.start > who.start and m.cue.cue.start - who.start < 8 and not m.belief and (
                    info is not None and (info.bare or info.speech and "object" in info.tags)):
                np = m.cue.np
                if speaker is not None:  # (the antecedent is the quote's speaker, whatever stands between)
                    np = SpeakerNP(speaker.kind, Mention(who.text, who.start, who.end), speaker.name, speaker.title,
                                   speaker.pronoun)
                kind, end = "indirect", m.end
                if quoting and _quote_inside_clause(text, m.start, m.end):
                    kind = "mixed"
                    if text[end : end + 1] in (".", "!", "?") and text[end + 1 : end + 2] in CLOSING_QUOTES:
                        end += 2  # ('who said there were "too many things."': the quotation's end with it)
                found.append(_Found(m.start, end, kind, index, np=np, cue=m.cue.cue, confidence=0.7))
        return found

    def _indirect_before_quote(self, text: str, ptoks: ParagraphTokens, s: int, first: _Found,
                               index: int) -> _Found | None:
        """An indirect attribution in the sentence before its first direct quote ('She said that experts
        had approved the plan, to which Lund replied: "..."'), when its content ends before the quote."""
        mark = first.start - 1
        if first.cue is not None and s < first.cue.start < mark:
            mark = first.cue.start  # (the quote's own reporting verb is not part of the content before it)
            who = first.np.mention if first.np is not None else None
            if who is not None and s < who.start < mark and not text[who.end : mark].strip() and (
                    text[s : who.start].rstrip().endswith(",")):
                mark = who.start  # (nor its subject after a comma: "When X suggested that ..., Rubio said: "..."")
        if not has_word_in(text, s, mark, self._cue_words):
            return None
        found = find_indirect(text, ptoks.window(s, mark), self._lexicon)
        if not found:
            return None
        m = found[0]  # the outermost attribution (a coordinated second one would rest on it)
        if m.end > mark or _word_count(text, m.start, m.end) < 3 or (
                first.cue is not None and m.cue.cue.start == first.cue.start):
            return None
        return _found_from_match(m, index)

    def _dash_speech(self, text: str, ps: int, pe: int, index: int) -> _Found | None:
        """Dialogue introduced by a dash: ``— We are ready, — said the mayor.``"""
        m = _SPEECH_DASH_RE.search(text, ps + 1, min(pe, ps + MAX_SENTENCE))
        if m is None:
            return None
        k = m.start()
        cue = cue_after(text, tokenize(text, k, min(pe, k + self.window)), self._lexicon)
        if cue is None:
            return None
        start, end = _trim(text, ps + 1, k)
        while end > start and text[end - 1] in ",":
            end -= 1
        if _word_count(text, start, end) < 1:
            return None
        return _Found(start, end, "direct", index, np=cue.np, cue=cue.cue, confidence=0.8, starts_para=True)

    def _embedded(self, text: str, sp: MarkedSpan, cue: Cue, hi: int, ptoks: ParagraphTokens) -> tuple[int, int, str]:
        """Span and kind of a quote whose cue comes before it, when the quote is part of a reported clause.

        'X said via email that, "Of course we will defend ourselves" against the attack.' and
        'he said "budget reforms" and new taxes would pay for it': what is reported runs from "that" (or
        the quote) to the end of the sentence, a mixed quote. Otherwise the quote alone, direct.
        """
        start, end = sp.start, sp.end
        if sp.open_mark is not None and "that" in text[cue.cue.end : sp.open_mark].lower():  # (a string test first: most gaps are empty)
            gap = ptoks.window(cue.cue.end, sp.open_mark)
            that = next((t for t in gap[:8] if t.lower == "that"), None)
            if that is not None:
                start = that.start
        if cue.how == "according" and sp.open_mark is not None and cue.np.mention.end < sp.open_mark:
            # 'According to Lund, he is now "the worst thing that ever happened to them."': what is reported
            # is the clause after the source's comma, with the quote at its end
            gap = ptoks.window(cue.np.mention.end, sp.open_mark)
            if len(gap) >= 3 and gap[0].text == "," and sum(t.is_word for t in gap) >= 2 and not any(
                    t.text in _CLAUSE_BREAKS for t in gap[1:]):
                start = gap[1].start
        if sp.close_mark is not None and _last_char(text, sp) not in ".!?,;:" and _next_char(
                text, sp.close_mark + 1, hi).islower():
            a = sp.close_mark + 1
            tail = ptoks.window(a, min(hi, a + 400), upto_quote=True)
            # (not when the subject goes on with another verb of saying: 'said "We will win" and added that')
            if len(tail) >= 2 and tail[0].is_word and not tail[0].capitalized and not (
                    coordinated_verb_at(tail, 0, self._lexicon)) and not writers_next_act(
                    tail, 0, len(tail)) and not next_speakers_clause(tail, 0, len(tail), self._lexicon):
                # (nor when the subject goes on to its next act: '"a cheat" and swears ...', 'instead and made';
                # nor before the next speaker's clause: '"not likely" and 14 percent said "..."')
                k = 0
                while k < len(tail) and not (tail[k].text in ".!?;" and not is_abbrev_dot(tail, k)):
                    k += 1
                if k >= 2:
                    end = tail[k - 1].end
        if (start, end) == (sp.start, sp.end):
            return start, end, "direct"
        if end == sp.end and sp.close_mark is not None:
            end = _after_mark(text, sp.close_mark)  # (the mark is part of it)
        if start == sp.start and sp.open_mark is not None:
            start = sp.open_mark  # ('"budget reforms" and new taxes would pay for it': the mark is part of it)
        return start, end, "mixed"

    def _cue_ending_sentence(self, text: str, a: int, hi: int, ptoks: ParagraphTokens) -> Cue | None:
        """'"The most impressive aspect ...," like the recent volatility of markets, said Richard Curtin.':
        the sentence goes on after the quote and ends with its reporting clause, after the last comma or,
        when an apposition closes the sentence, the comma before it."""
        toks = ptoks.window(a, min(hi, a + 300), upto_quote=True)
        end = next((k for k in range(len(toks)) if is_terminator(toks, k)), None)
        if end is None:
            return None
        commas = [k for k in range(end - 1, 0, -1) if toks[k].text == ","][:2]
        for comma in commas:  # ('..., said Steve Elmendorf, deputy campaign manager for ...': an apposition last)
            if end - comma > 30:
                return None
            cue = cue_after(text, toks[comma:end + 1], self._lexicon)
            if cue is not None:
                return cue
        return None

    def _takes_speech(self, verb: str) -> bool:
        """A reporting verb whose quoted object is words said, not a title (not ``told``, ``wrote``)."""
        info = self._lexicon.get(verb.lower())
        return info is not None and info.base not in _TITLE_TAKING

    def _subjectless_cue(self, toks: list[Token]) -> int | None:
        """A reporting verb with no subject of its own right before a quote: ``, adding, "``,
        ``and added: "``. The quote continues the previous speaker (:func:`_continue_speakers`)."""
        k = len(toks)
        if k and toks[k - 1].text in (",", ":"):
            k -= 1
        if k < 1:
            return None
        verb = toks[k - 1]
        info = self._lexicon.get(verb.lower)
        if info is None or not info.direct_cue or verb.capitalized:
            return None
        if k == 1:  # right after the previous quote: 'needled the "reporter," saying, "..."'
            return 0 if verb.lower.endswith("ing") else None
        return k - 1 if subjectless(toks, k - 1) else None

    def _intro(self, text: str, ps: int, pe: int) -> Cue | None:
        """``Caddell continued:`` / ``McCrummen reports:`` / ``Lau said in a statement.`` ending a paragraph
        introduces the next one's quote."""
        toks = tokenize(text, max(ps, pe - self.window), pe)
        if text[pe - 1] == ":":
            return cue_before(text, toks, self._lexicon, max_gap=10, direct_only=False)
        return reporting_sentence(text, toks, self._lexicon)

    def _direct(self, text: str, sp: MarkedSpan, lo: int, hi: int, index: int, ps: int, ptoks: ParagraphTokens,
                nested: bool = False, follows_quote: bool = False) -> _Found | None:
        """A quoted stretch as a direct quote with its cue, or None for a scare quote / title.

        ``follows_quote``: the last quoted stretch before this one in the paragraph is a direct quote.
        """
        lex = self._lexicon
        w = self.window
        if sp.close_mark is None and sp.open_mark is not None and not nested:
            signed = _signed_below(text, sp, index, ps)
            if signed is not None:
                return signed
        last = _last_char(text, sp)
        after = before = None
        sentence_goes_on = False  # the cue after the quote ends a sentence that the quote only begins
        a = sp.end
        if sp.close_mark is not None:
            a = _after_mark(text, sp.close_mark)
            if a < hi and text[a] in "'’" and text[a - 1] in "'’":
                a += 1  # ''... 'a special case,''' X said: the inner quote closes with the outer one
            after = cue_after(text, ptoks.window(a, min(hi, a + w * 3 // 5), upto_quote=True), lex)
            if after is None and last == "," and a + w * 3 // 5 < hi and _next_char(text, a, hi).isupper():
                # ('"...," Trump, the 2016 GOP presidential frontrunner ... primaries, said': a long apposition
                # between the speaker and the verb the comma inside the marks promises)
                after = cue_after(text, ptoks.window(a, min(hi, a + w * 6 // 5), upto_quote=True), lex)
        if sp.open_mark is not None:
            before = cue_before(text, ptoks.window(max(lo, sp.open_mark - w), sp.open_mark), lex)
        if before is None and sp.open_mark is not None and _full_sentence(text, sp) and text[
                max(lo, sp.open_mark - 3) : sp.open_mark].strip()[-1:] in (",", ":"):
            # 'Clinton said in the spring, when the story broke, "I did not ..."': a longer way back to the verb
            before = cue_before(text, ptoks.window(max(lo, sp.open_mark - w), sp.open_mark), lex, max_gap=25)
        if sp.close_mark is not None and last in ",." and _BYLINE_RE.match(text, a, min(hi, a + 40)):
            return None  # '"Hamilton to play Chicago in 2016," by the Tribune's Ann Lee': a headline and its byline
        if before is not None and sp.open_mark is not None and _asked_unnamed(text, before.cue, sp.open_mark):
            # 'Blumenthal was asked, "If you had known ...?" He answered, ...': the question is neither
            # Blumenthal's nor the answerer's, and whoever put it is not named
            return _Found(sp.start, sp.end, "direct", index, cue=before.cue, confidence=0.6,
                          unclosed=sp.close_mark is None, starts_para=sp.start - ps <= 2, question=True)
        short = _word_count(text, sp.start, sp.end) < self.min_words
        if after is None and sp.open_mark is not None and not nested and _NAMING_BEFORE_RE.search(
                text, max(lo, sp.open_mark - 24), sp.open_mark):
            # (the whole sentence before it: a verb of saying there makes the quotation part of what was said)
            named = cue_naming(text, ptoks.window(max(ps, sp.open_mark - 400), sp.open_mark), lex)
            if named is not None:  # 'what Lee called "a folly"': her words, however few
                return _Found(sp.start, sp.end, "direct", index, np=named.np, cue=named.cue, confidence=0.7,
                              unclosed=sp.close_mark is None, starts_para=False, named=True)
        cue: Cue | None
        new_sentence_after = (
            sp.close_mark is not None and last == "." and _next_char(text, a, hi).isupper()
        )
        if after is None and sp.close_mark is not None and _next_char(text, a, hi).islower():
            after = self._cue_ending_sentence(text, a, hi, ptoks)
            sentence_goes_on = after is not None
        if after is not None and new_sentence_after and not _short_clause(text, after.cue.end, hi):
            after = None  # '"...." Reid said both Rubio and Cruz are ...': a new sentence, not this quote's cue
        starts = _starts_sentence(text, sp, lo)
        if after is not None and new_sentence_after and not starts and sp.open_mark is not None and text[
                max(lo, sp.open_mark - 2) : sp.open_mark].strip()[-1:].isalpha():
            after = None  # 'Lee says the campaign will "compete vigorously." The move was reported by X.': the
            # quote ends a clause of its sentence; the next sentence's verb is not its cue
        if after is not None and last == "," and after.how == "after" and not starts and not _clause_ends(
                text, max(after.cue.end, after.np.mention.end), hi) and not _tells_someone(text, after, hi):
            after = None  # 'To a question on the "privatization of the ferry," Lee said private boats ...': the
            # quote sits in a phrase before the subject, and the verb reports the clause after it
        if after is not None and last == ",":
            cue = after  # '"...," he told the Times': the comma inside the marks hands the quote to what follows
        elif before is not None and sp.open_mark is not None and (before.strong or new_sentence_after) and (
                new_sentence_after or text[max(lo, sp.open_mark - 3) : sp.open_mark].strip()[-1:] == ":"):
            cue = before  # 'X said: "..."' / 'and said, "... ." The star then recalled': the cue before wins
        elif after is not None:
            cue = after
        elif before is not None and (before.strong or (
                _full_sentence(text, sp) and not text[before.cue.end : sp.open_mark].strip())):
            cue = before  # 'The ad claims "Jeb is the conservative you can trust."': a whole sentence, quoted
        else:
            cue = None
        if cue is None and not nested and starts and sp.open_mark is not None and sp.open_mark > lo:
            cue = reporting_sentence(text, ptoks.window(max(lo, sp.open_mark - w), sp.open_mark), lex,
                                     from_paragraph_start=max(lo, sp.open_mark - w) == ps)
        if cue is None and not nested and sp.open_mark is not None and not short:
            toks = ptoks.window(max(ps, sp.open_mark - 400), sp.open_mark)  # (from the paragraph start: past a scare quote)
            v = self._subjectless_cue(toks)
            if v is not None:
                # 'Warren ... endorsed Clinton, saying, "..."', '..., Graham said, adding, "..."': the subject of
                # the sentence speaks; without one, the speaker of the quote before (_continue_speakers)
                np = sentence_subject(text, toks, v, self._lexicon)
                return _Found(sp.start, sp.end, "direct", index, np=np, cue=Mention(toks[v].text, toks[v].start, toks[v].end),
                              confidence=0.6, unclosed=sp.close_mark is None, starts_para=sp.start - ps <= 2)
        if _title_case(text, sp.start, sp.end) and not (
                cue is before and cue is not None and sp.open_mark is not None and (
                    text[max(lo, sp.open_mark - 3) : sp.open_mark].strip()[-1:] == ":"
                    # 'chanting "Bernie or Jill, No Hill"' (but 'told "Fox and Friends"', 'wrote "Peter Pan"': titles)
                    or (not text[cue.cue.end : sp.open_mark].strip(" ,") and self._takes_speech(cue.cue.text)))
        ) and not (cue is after and cue is not None and starts and last in ",!?"):
            # (a sentence of its own ending in a comma before its cue is speech: '"Like Oakland. Or Ferguson," X said')
            return None  # 'In his book ''Make Your Kid a Millionaire,'' he ...', a 'Legend in the Coal Fields.' heading
        # (a sentence of its own in marks: a capital first, a terminator last)
        own_sentence = starts and sp.close_mark is not None and text[sp.start].isupper() and last in ".!?"
        goes_on = cue is None and own_sentence and follows_quote
        if goes_on and short:
            short = False  # '"I do not know," Ann Lee said. "Not yet."': a sentence of its own that goes on speaking
        elif short and cue is None and own_sentence and not nested and sp.start - ps > 3 and self._subject_before(
                text, ps, sp.start) is not None:
            short = False  # 'Asked if she would resign, Ann Lee laughed. "Not a chance."': a person's answer
        if cue is None and (short or not starts or (_mostly_names(text, sp.start, sp.end) and not goes_on)):
            # a scare quote, a title, a quoted phrase inside a sentence (mixed, found later), a list of names
            # (but '"We will reopen," she said. "In June. Maybe earlier."': capitals, in sentences that go on)
            return None
        if short and not starts and cue is not None and sp.open_mark is not None and (cue is not before or (
                text[max(lo, sp.open_mark - 3) : sp.open_mark].strip()[-1:] not in (":", ",")
                and text[cue.cue.end : sp.open_mark].strip())):
            # 'called it a "bad earpiece," he said', 'told MSNBC's "Morning Joe" that': a phrase, not a quote
            if not (cue is after and last == "," and _clause_ends(
                    text, max(cue.cue.end, cue.np.mention.end), hi)):
                return None
            # 'The timetable was a "welcome change," said Anna Berg.': the words before the phrase are what
            # the final reporting clause reports, one mixed quote
            toks = ptoks.window(max(lo, sp.open_mark - 300), sp.open_mark)
            lead = _sentence_lead(text, toks, self._cue_words)
            if lead is None or toks[-1].lower in _NAMING_WORDS:
                return None  # ('The spot, titled "Arrogant," features a report': a name, not words said)
        if short and not starts and cue is not None and cue is before and _MODAL_BEFORE_RE.search(
                text, max(0, cue.cue.start - 8), cue.cue.start):
            return None  # 'X said Americans will say "no" to ...': words not (yet) said, inside X's reported clause
        if cue is None and nested:
            return None
        start, end, kind = sp.start, sp.end, "direct"
        if cue is not None and cue is before and not nested and sp.open_mark is not None and cue.cue.end <= sp.open_mark:
            start, end, kind = self._embedded(text, sp, cue, hi, ptoks)
        elif cue is not None and cue is after and sentence_goes_on and not nested:
            # '"Boots on the ground" would be appropriate, Lund said': the reported words run to the comma
            comma = text.rfind(",", a, cue.np.mention.start if cue.np.mention.start > a else cue.cue.start)
            if comma > a:
                end, kind = _trim(text, sp.start, comma)[1], "mixed"
        elif cue is not None and cue is after and not starts and not nested and sp.open_mark is not None:
            # 'With thousands of systems, "there is no single point of failure," he said.': the words before
            # the quote belong to what is reported (a mixed quote from the sentence start)
            lead = _sentence_lead(text, ptoks.window(max(lo, sp.open_mark - 300), sp.open_mark), self._cue_words)
            if lead is not None:
                start, kind = lead, "mixed"
                if sp.close_mark is not None:  # (the closing mark is part of it, as the opening one is)
                    end = _after_mark(text, sp.close_mark)
        return _Found(
            start, end, kind, index,
            np=cue.np if cue else None, cue=cue.cue if cue else None,
            confidence=(0.9 if cue.np.kind in ("person", "org") else 0.8) if cue else 0.5,
            unclosed=sp.close_mark is None, starts_para=sp.start - ps <= 2,
        )


#: Right before "asked": a passive ("X was asked", "X has been asked").
_PASSIVE_ASKED_RE = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+|also\s+|then\s+|once\s+)?$", re.I)


def _asked_unnamed(text: str, cue: Mention, open_mark: int) -> bool:
    """'X was asked, "..."': a passive "asked" with no "by", right before the quote (a comma or colon between)."""
    return cue.text.lower() == "asked" and not text[cue.end : open_mark].strip(" ,:") and bool(
        _PASSIVE_ASKED_RE.search(text, max(0, cue.start - 30), cue.start))
#: A byline right after a closing mark: what was quoted is the title of a piece.
_BYLINE_RE = re.compile(r" by (?:the )?[A-Z]")

#: Marks the words that lead into a quote do not reach across: quote marks, a parenthesis, a colon, a dash.
_LEAD_STOPS = frozenset("\"“”«»(:—–")
#: Tokens that end the clause between "According to X," and a quote: then the quote is not its end.
_CLAUSE_BREAKS = frozenset(".!?;:") | DOUBLE_QUOTE_MARKS


def _sentence_lead(text: str, toks: list[Token], cue_words: frozenset[str]) -> int | None:
    """Start of the words that open the sentence before a quote, or None when there are none or they
    hold their own reporting verb (then the quote is not a continuation of them)."""
    k = len(toks)
    while k > 0:
        t = toks[k - 1]
        if (t.text in ".!?;" and not is_abbrev_dot(toks, k - 1)) or t.text in _LEAD_STOPS:
            break  # ('... from members ("I want my dues back," wrote X': the parenthesis opens the quote's clause)
        if t.text in cue_words and not noun_use(toks, k - 1):
            return None  # (a noun is no verb: 'Trump's remarks about the judge were "racist," Ryan said')
        k -= 1
    words = [t for t in toks[k:] if t.is_word]
    if len(words) < 2 and not (words and words[0].lower in SUBJECT_PRONOUNS):
        return None  # (but 'They "actually had chemistry," said X': the subject alone)
    return words[0].start


#: Verbs whose quoted object in title case is a title or a show, not words said: "told "Fox and Friends"".
_TITLE_TAKING = frozenset(["tell", "write", "read", "post", "publish", "release", "quote", "cite", "tweet"])

#: Words left in lower case inside a title ("Legend in the Coal Fields").
_TITLE_SMALL_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
                                "with", "from", "as", "is", "vs", "via", "into", "over", "per"])


def _headline_case(text: str, start: int, end: int) -> bool:
    """A sentence in headline case ("Chris Christie Says He Would Issue A Quarantine"): 4 to 25 words, every
    word but the small ones capitalised. It reads no further than the first word that is not (the second or
    third in prose: this runs on every sentence)."""
    n = 0
    for m in WORD_RE.finditer(text, start, end):
        w = m.group()
        n += 1
        if n > 25 or not (w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS or w[0].isdigit()):
            return False
    return n >= 4


def _title_case(text: str, start: int, end: int) -> bool:
    """A short stretch in title case (2 to 8 words, every word but the small ones capitalised): the name
    of a book, song, show or section, not speech ("I Want It All" is a title; "I want it all" is not)."""
    if end - start > 120:
        return False
    words = [w.strip(".,;:!?()\"“”‘’'«»—–-") for w in text[start:end].split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= 8:
        return False
    big = [w for w in words[1:] if w.lower() not in _TITLE_SMALL_WORDS and w[0].isalpha()]
    return words[0][0].isupper() and len(big) >= 1 and all(w[0].isupper() for w in big)


def _mostly_names(text: str, start: int, end: int) -> bool:
    """Two thirds of the words capitalised: a list of names, a byline or a headline, not speech."""
    words = [w for w in text[start : min(end, start + 400)].split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


def _full_sentence(text: str, sp: MarkedSpan) -> bool:
    """The quoted words are a sentence of their own: a capital first, a terminator last, four words or more."""
    return (sp.close_mark is not None and text[sp.start].isupper() and _last_char(text, sp) in ".!?"
            and _word_count(text, sp.start, sp.end) >= 4)


def _short_clause(text: str, pos: int, end: int, max_words: int = 8) -> bool:
    """From ``pos`` to the end of the sentence there are at most ``max_words`` words and no "that":
    ``he said in an interview.``, not ``he announced that France would ...``."""
    stop = min(end, pos + 200)
    m = _SENTENCE_END_RE.search(text, pos, stop)
    tail_text = text[pos : m.start() if m else stop]
    tail = tail_text.split()
    # ('"...." Perhaps, he said, this "small town ...": a parenthetical cue belongs to its own sentence)
    return m is not None and len(tail) <= max_words and "that" not in tail and not tail_text.startswith(",")


#: Participles that introduce a name in quote marks, not words said: 'a spot titled "Arrogant"'.
_NAMING_WORDS = frozenset(["titled", "entitled", "called", "dubbed", "named", "headlined", "nicknamed", "labeled",
                           "labelled", "branded"])

#: Words that may follow a reporting clause without starting what it reports: "he said on Tuesday".
_CLAUSE_TRAILERS = frozenset(["in", "on", "at", "during", "after", "before", "while", "when", "as", "to", "from",
                              "with", "of", "for", "last", "this", "earlier", "later", "then", "recently",
                              "yesterday", "today"])


def _clause_ends(text: str, pos: int, end: int) -> bool:
    """A reporting clause ending at ``pos`` reports nothing after it: the sentence or a comma comes next,
    or an adverbial (``he said on Tuesday``), not a clause of its own (``he said the plan ...``)."""
    m = _NEXT_WORD_RE.match(text, pos, min(end, pos + 40))
    if m is None:
        return False
    word = m.group(1)
    return word[0] in ",.;:!?" or word[0].isupper() or word in _CLAUSE_TRAILERS


def _tells_someone(text: str, cue: Cue, end: int) -> bool:
    """'"...," Ann Lee, a council member, told the Gazette.': the words after "told" are who was told, and
    the clause ends after them."""
    if cue.cue.text.lower() not in ("told", "tells", "tell"):
        return False
    m = _SENTENCE_END_RE.search(text, cue.cue.end, min(end, cue.cue.end + 80))
    told = text[cue.cue.end : m.start()] if m is not None else ","
    return "," not in told and len(told.split()) <= 5


def _next_char(text: str, pos: int, end: int) -> str:
    """The next non-space character from ``pos`` (looking at most 5 characters ahead)."""
    for k in range(pos, min(end, pos + 5)):
        if not text[k].isspace():
            return text[k]
    return ""


def _starts_sentence(text: str, sp: MarkedSpan, lo: int) -> bool:
    """The quote opens its sentence: nothing but space between it and the previous sentence end."""
    if sp.open_mark is None:
        return True
    k = sp.open_mark - 1
    stop = max(lo, sp.open_mark - 200)
    while k >= stop and text[k].isspace():
        k -= 1
    return k < lo or text[k] in ".!?:;\"”’)—–―-…" or _after_capitals_heading(text, stop, k + 1)


def _after_capitals_heading(text: str, lo: int, end: int) -> bool:
    """The words before ``end`` are a heading in capitals ("EBOLA SURVIVORS, THROUGH THE LENS "It's about
    ..."": a newsletter item's title, after which the quote opens a sentence of its own)."""
    words = text[max(lo, end - 60) : end].split()[-3:]
    return len(words) == 3 and all(len(w) > 1 and w.isupper() for w in words)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, pos + len(line), "body"))
        pos += len(line)
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


#: Words that open a sentence: capitalised right after a lower-case word, they start one with no stop.
_SENTENCE_OPENERS = frozenset(["The", "A", "An", "Some", "This", "That", "These", "It", "We", "They", "He", "She",
                               "In", "On", "At", "For", "Two", "Three", "Many", "Most", "There", "When", "If"])


def _run_in_heading(text: str, start: int, end: int) -> bool:
    """'Jeb Bush: Student loans Some big ideas do ...': the words after the colon open with a heading run
    into its paragraph (a lower-case word, then a sentence opener in capitals, no stop between); a
    listicle's item under a name, not a transcript turn."""
    words = text[start : min(end, start + 80)].split()[:7]
    return any(w[-1].isalpha() and w.islower() and nxt in _SENTENCE_OPENERS for w, nxt in zip(words, words[1:]))


def _section_label(head: list[Token]) -> bool:
    """The words before a colon name a section, not a speaker: "Update", "The Latest", "Editor's Note"."""
    words = [t.lower.removesuffix("'s").removesuffix("’s") for t in head if t.lower != "the"]
    return bool(words) and (words[0] in NOT_SPEAKER_LABELS or words[-1] in ("note", "notes"))


def _headline_speaker(head: list[Token], lexicon: dict[str, VerbInfo]) -> list[Token]:
    """The words of a headline's part before the colon that name its speaker: those before a verb of saying
    in the present tense or before "On" (``Trump Addresses Munich Attack``, ``Ann Lee Tells Graduates``,
    ``CNN President On Trump``), else all of them (``Foreign Ministry``)."""
    for k in range(1, len(head)):
        info = lexicon.get(head[k].lower)
        if head[k].text == "On" or (info is not None and head[k].capitalized and head[k].lower != info.base
                                    and head[k].lower.endswith("s")):
            return head[:k]
    return head


def _headline(text: str, ps: int, pe: int, index: int, lexicon: dict[str, VerbInfo],
              strict: bool = False) -> _Found | None:
    """``Foreign Ministry: Kazakhstan did not recognize Taliban`` -- the part before the colon speaks.

    In body paragraphs (``strict``) only a transcript label in capitals counts: ``PENCE: Well, look ...``.
    """
    if text.find(":", ps, min(pe, ps + 100)) < 0:
        return None
    toks = tokenize(text, ps, min(pe, ps + 120))
    colon = next((i for i, t in enumerate(toks[: 9 if strict else 14]) if t.text == ":"), None)
    if not colon:
        return None
    head = toks[:colon]
    if not all(t.capitalized or t.lower in ("of", "the", "for", "and", "’s", "'s") or t.text == "." for t in head):
        return None
    if strict:
        # a transcript label: "PENCE:" or "Luciana Lopez:" (not "Update:", "Note:", "Source:")
        if len(head) > 4 or _section_label(head):
            return None
        np = analyse_np(text, head)
        caps = all(t.text.isupper() or t.text == "." for t in head)
        if np is None or (np.kind != "person" and not caps):
            return None
        start, end = _trim(text, toks[colon].end, pe)
        if _word_count(text, start, end) < 3 or _run_in_heading(text, start, end):
            return None
        if not caps and (_word_count(text, start, end) < 5 or _mostly_names(text, start, end)):
            # 'Sanders: Win in a walk.', 'Iowa: Tim Albrecht, Brad Anderson, ...': a section heading or a
            # list under a name, unless the label is in capitals the way transcripts print them
            return None
        return _Found(start, end, "direct", index, np=np, cue=Mention(":", toks[colon].start, toks[colon].end),
                      confidence=0.7, starts_para=True)
    if _section_label(head):
        return None  # "The Latest: Trump urges ...", "Update: ...": a section label, not a speaker
    np = analyse_np(text, _headline_speaker(head, lexicon))
    if np is None or np.kind not in ("person", "org"):
        return None
    start, end = _trim(text, toks[colon].end, pe)
    kind = "indirect"
    if end - start >= 2 and text[start] in "\"“'‘«" and text[end - 1] in "\"”'’»":
        start, end, kind = start + 1, end - 1, "direct"
    if _word_count(text, start, end) < 3:
        return None
    colon_m = Mention(":", toks[colon].start, toks[colon].end)
    return _Found(start, end, kind, index, np=np, cue=colon_m, confidence=0.6)


def _sign(items: list[_Found], text: str, ps: int, pe: int) -> bool:
    """A paragraph ``- Sanders.`` / ``-President Obama, tweeting ...`` signs the quotes of the one before."""
    if text[ps] not in "-—–―" or pe - ps > 120:
        return False
    toks = tokenize(text, ps + 1, pe)
    k = 0
    while k < len(toks) and (toks[k].is_word or toks[k].text == ".") and not (
            toks[k].text == "." and k == len(toks) - 1):
        k += 1
    if not 0 < k <= 6 or not toks[0].capitalized:
        return False
    np = analyse_np(text, toks[:k])
    if np is None or np.kind not in ("person", "org"):
        return False
    for f in items:
        f.np, f.cue, f.confidence = np, Mention(text[ps], ps, ps + 1), 0.7
    return True


def _nearer_mention(text: str, src: _Found, at: int) -> Mention | None:
    """The last time ``src``'s speaker is named (as in ``src``'s mention, or by the last word of the name) in
    the paragraphs between ``src``'s and the one that starts at ``at``: a quote-only paragraph after a
    paragraph about the speaker ('Trump spoke only in bromides. / "We have to do something."') rests on the
    nearest words that name who speaks."""
    if src.mention is None or not src.mention.text[:1].isupper() or len(src.mention.text) < 3:
        return None
    names = {src.mention.text}
    full = src.speaker_name or (src.entity.name if src.entity is not None and src.entity.kind == "person" else "")
    last = full.split()[-1] if full else ""
    if last[:1].isupper() and len(last) > 2:
        names.add(last)
    best: Mention | None = None
    lo = text.find("\n", max(src.end, src.mention.end), at)  # (in the paragraphs between: they hold no quote)
    if lo < 0:
        return None
    for name in names:
        k = text.rfind(name, lo, at)
        while k >= 0 and (k > 0 and text[k - 1].isalnum() or text[k + len(name) : k + len(name) + 1].isalnum()):
            k = text.rfind(name, lo, k)  # (a whole word: not "Trumpism")
        if k >= 0 and (best is None or k > best.start):
            best = Mention(name, k, k + len(name))
    return best


def _continue_speakers(text: str, found: list[_Found]) -> None:
    """Quotes without a cue take the speaker of the neighbouring quote (see the module docstring)."""
    by_para: dict[int, list[_Found]] = {}
    for f in found:
        by_para.setdefault(f.para, []).append(f)
    paras = sorted(by_para)
    # The last attributed top-level quote of each paragraph done so far, and (per item) the next attributed
    # one after it: kept as the pass goes so that it stays linear in the number of quotes.
    last_attributed: dict[int, _Found | None] = {}
    last_top: dict[int, _Found | None] = {}
    for pi, para in enumerate(paras):
        items = by_para[para]
        next_attr: list[_Found | None] = [None] * len(items)
        following: _Found | None = None
        for k in range(len(items) - 1, -1, -1):
            next_attr[k] = following
            g = items[k]
            if g.mention is not None and g.parent is None and not g.question:
                following = g
        previous: _Found | None = None  # the last attributed quote of the paragraph, direct ones preferred
        for k, f in enumerate(items):
            if f.question:
                continue  # (and no quote takes the asker as its speaker: the answer is someone else's)
            if f.np is not None or f.parent is not None:
                if f.mention is not None and f.parent is None and (
                        f.kind != "indirect" or previous is None or previous.kind == "indirect"):
                    previous = f
                continue
            src: _Found | None = None
            if f.unclosed and pi + 1 < len(paras) and paras[pi + 1] == para + 1:
                nxt = by_para[paras[pi + 1]][0]
                if nxt.starts_para and nxt.mention is not None:
                    src = nxt
                    if nxt.joins is None and nxt.kind == "direct" and f.kind == "direct":
                        nxt.joins = f  # a quote left open goes on in the next paragraph: one quotation
            if src is None:
                src = previous or next_attr[k]
            if src is None and f.starts_para and pi > 0 and para - paras[pi - 1] <= 2:
                # the previous paragraph with quotes, at most one quote-less paragraph back
                src = last_attributed[paras[pi - 1]]
                if src is not None and k == 0 and para - paras[pi - 1] == 1 and src is last_top[paras[pi - 1]] and (
                        f.kind == "direct" and src.kind in ("direct", "mixed")):
                    f.joins = src  # '"A," said X.' then a paragraph '"B."': X's speech goes on
            if src is not None:
                f.entity, f.mention, f.confidence = src.entity, src.mention, 0.6
                f.speaker_name = src.speaker_name
                if src.para < f.para:
                    f.mention = _nearer_mention(text, src, f.start) or f.mention
                if src.para == f.para and f.cue is None:
                    f.cue = src.cue  # '"A," said X. "B."': the second piece rests on the same cue
                    previous = f
        # quotes attributed just now count for the paragraphs that follow ('"A," X said. / "B." / "C."')
        last_attributed[para] = next(
            (g for g in reversed(items) if g.mention is not None and g.parent is None and not g.question), None)
        # the paragraph's last top-level quote in the text (its last item may be a quote nested in it)
        last_top[para] = max((g for g in items if g.parent is None and not g.question), key=lambda g: g.end,
                             default=None)


def _to_quotes(found: list[_Found]) -> tuple[Quote, ...]:
    ids = {id(f): f"q{i}" for i, f in enumerate(found, 1)}
    # Parts of one quotation: top-level quotes of a paragraph that rest on the same cue
    # ('"The bridge," said X, "will reopen in June."'); each part points at the part before it.
    # A quote also joins the quotation of a quote in the paragraph before (``_Found.joins``).
    last_part: dict[tuple[int, int, int], _Found] = {}
    chain_of: dict[int, list[_Found]] = {}  # id(part) -> the parts of its quotation so far
    quotes = []
    for f in found:
        name = f.entity.name if f.entity is not None else f.speaker_name
        previous = None
        # (a question put to someone is a quotation of its own, whatever rests on the same "asked")
        key = (f.para, f.cue.start, f.cue.end) if f.cue is not None and not f.question else None
        if f.parent is None and f.joins is not None and id(f.joins) in chain_of:
            previous = chain_of[id(f.joins)][-1]
        elif f.parent is None and key is not None:
            previous = last_part.get(key)
        if previous is not None and previous.end > f.start:
            previous = None  # parts follow each other, they never overlap
        continues = ids[id(previous)] if previous is not None else None
        if f.parent is None:
            chain = chain_of[id(previous)] if previous is not None else []
            chain.append(f)
            chain_of[id(f)] = chain
            if key is not None and (key not in last_part or last_part[key].end <= f.start):
                last_part[key] = f
        quotes.append(
            Quote(
                id=ids[id(f)], start=f.start, end=f.end, kind=f.kind, speaker=name,
                speaker_mention=f.mention, cue=f.cue,
                nested_in=ids[id(f.parent)] if f.parent is not None else None,
                continues=continues,
                confidence=f.confidence if name or f.mention else min(f.confidence, 0.3),
            )
        )
    return tuple(quotes)
