"""Tokens and sentences of a stretch of text, with their offsets.

Both use regular expressions without nested quantifiers over the same characters, so matching is
linear; callers tokenize bounded windows or single sentences, never the whole text repeatedly.
"""

from __future__ import annotations

import re
import types
from bisect import bisect_left
from typing import Final

# A word (with inner apostrophes, hyphens, periods and ampersands: don't, U.S, well-known, AT&T) or one symbol.
# Inside a word, Latin-1 symbols also count (but not « »): mis-decoded text spells "François" as
# "FranÃÂ§ois", and a name cut in two at "§" loses its speaker.
_WORD_TAIL = "[\\w\u0080-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf]*"
TOKEN_RE = re.compile(rf"\w{_WORD_TAIL}(?:[’'\-.&]\w{_WORD_TAIL})*|[^\w\s]")
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s)")

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "prof", "rev", "hon", "pres", "supt", "capt", "cmdr", "adm", "maj", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "corp", "co", "ltd", "u.s", "u.k", "u.n", "d.c", "e.g", "i.e", "ft", "mt", "fig", "approx", "dept", "est",
     # US state abbreviations of the AP style ("of Allentown, Pa., said")
     "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md",
     "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "vt", "va", "wash",
     "wis", "wyo"]
)


class Token:
    """A token with its offsets (a plain slotted class: tokens are made by the hundred thousand)."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper()


#: One token and the whitespace after it. Every character that is not whitespace starts a token, so the
#: stretch between two tokens is all whitespace and offsets follow from the lengths of the two groups:
#: ``findall`` then gives plain strings, with no match object per token (a sixth faster than ``finditer``).
_TOKEN_SPACE_RE = re.compile(rf"({TOKEN_RE.pattern})(\s*)")
_SPACE_RE = re.compile(r"\s*")


def _running_compiled() -> bool:
    """True when this module runs compiled by mypyc (its functions are then not Python functions)."""
    return not isinstance(_running_compiled, types.FunctionType)


_COMPILED: Final = _running_compiled()


def tokenize(text: str, start: int, end: int, _findall=_TOKEN_SPACE_RE.findall, _new=object.__new__) -> list[Token]:
    """Tokens of ``text[start:end]``.

    The hottest loop of the stage (a quarter of its time): in Python, tokens are filled in directly rather
    than through ``Token.__init__`` (a third faster on news text); compiled, ``Token`` is a native class,
    which cannot be made that way and whose constructor is a plain C call anyway.
    """
    out: list[Token] = []
    if start >= end:
        return out
    append = out.append
    leading = _SPACE_RE.match(text, start, end)  # leading whitespace (linear: \s* cannot backtrack here)
    assert leading is not None  # (\s* matches everywhere)
    pos = leading.end()
    if _COMPILED:
        pairs: list[tuple[str, str]] = _TOKEN_SPACE_RE.findall(text, pos, end)
        for word, gap in pairs:
            word_end = pos + len(word)
            out.append(Token(pos, word_end, word))
            pos = word_end + len(gap)
        return out
    for word, space in _findall(text, pos, end):
        tok = _new(Token)
        tok.start = pos
        tok.end = pos = pos + len(word)
        tok.text = word
        tok.lower = word.lower()
        append(tok)
        pos += len(space)
    return out


WORD_RE = re.compile(r"\w+")


def words_in(text: str, start: int, end: int) -> set[str]:
    """The distinct words of a stretch (a cheap prefilter before tokenizing it)."""
    return set(WORD_RE.findall(text, start, end))


#: Abbreviations that stand before a name ("Sen. Lund"): a capitalised word after them never opens a sentence.
_NAME_TITLES = frozenset(["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "prof", "rev",
                          "hon", "pres", "supt", "capt", "cmdr", "adm", "maj", "no", "vs", "mt", "ft", "fig"])
#: Words that open a sentence and do not continue a name: after "U.S." or "Calif." they start a new one.
_SENTENCE_OPENERS = frozenset(["The", "He", "She", "It", "They", "We", "I", "A", "An", "In", "But", "And", "This",
                               "That", "His", "Her", "Their", "Its", "There", "On", "At", "After", "Mr", "Ms", "Mrs"])
_NEXT_WORD_RE = re.compile(r"\s+([A-Z][a-z]*)\b")


def _opens_sentence(text: str, pos: int, end: int) -> bool:
    """The word after ``pos`` (past the whitespace) opens a sentence: "... in the U.S. The report ..."."""
    m = _NEXT_WORD_RE.match(text, pos, end)
    return m is not None and m.group(1) in _SENTENCE_OPENERS


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (trailing whitespace excluded)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        e = m.end()
        # the word before the period: an abbreviation or an initial does not end a sentence
        if text[m.start()] == "." and m.end() - m.start() == 1:
            w = m.start()
            lo = max(start, w - 8)
            while w > lo and (text[w - 1].isalnum() or text[w - 1] == "."):
                w -= 1
            word = text[w : m.start()].lower()
            if (word in ABBREVIATIONS and (word in _NAME_TITLES or not _opens_sentence(text, e, end))) or (
                    len(word) == 1 and word.isalpha()):
                continue  # (but "in the U.S. The report ...", "near Dover, Calif. He said ..." end one)
        n = e
        while n < end and text[n].isspace():
            n += 1
        if n < end and text[n].islower():
            continue  # "?" he asked / lower-case continuation
        if s < e:
            out.append((s, e))
        s = n
    if s < end:
        e = end
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


#: A quote mark as the cue patterns see one (an apostrophe inside a word, "don't", is not).
_QUOTE_MARK_RE = re.compile("[\"“”„«»‘‚‹›]|(?<!\\w)['’]|['’](?!\\w)")


class ParagraphTokens:
    """Tokens of one paragraph, made once and sliced for every window and sentence.

    Quote windows and sentences overlap, so tokenizing the paragraph once halves the work. Paragraphs
    longer than ``limit`` characters are not tokenized up front (memory): windows are tokenized on demand.

    ``skips`` are stretches (the insides of long quotes) that the cue patterns never look into: cue windows
    stop at quote marks. They are left out of the paragraph's tokens -- in news most of a quoted paragraph
    is the quote, and tokenizing is the stage's hottest loop -- and a window that does reach into one (a
    nested quote's cue, a sentence that holds a quote) is tokenized on its own.
    """

    __slots__ = ("end", "skip_ends", "skip_starts", "start", "starts", "text", "tokens", "whole")

    def __init__(self, text: str, start: int, end: int, limit: int = 100_000,
                 skips: list[tuple[int, int]] | None = None) -> None:
        self.text, self.start, self.end = text, start, end
        self.whole = end - start <= limit
        self.tokens: list[Token] | None = None
        self.starts: list[int] | None = None
        merged: list[tuple[int, int]] = []
        for s, e in sorted(skips or ()):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.skip_starts = [s for s, _ in merged]
        self.skip_ends = [e for _, e in merged]

    def window(self, start: int, end: int, upto_quote: bool = False) -> list[Token]:
        """Tokens that start in [start, end) and end by ``end`` (the paragraph is tokenized on first use).

        ``upto_quote``: the caller reads no further than the next quote mark (a cue after a quote), so a
        window running into a skipped quote is cut where that quote begins instead of being re-tokenized.
        """
        if self.skip_starts and self.whole:
            k = bisect_left(self.skip_ends, start + 1)
            if k < len(self.skip_starts) and self.skip_starts[k] < end:
                if upto_quote and self.skip_starts[k] > start:
                    end = self.skip_starts[k]
                else:
                    return tokenize(self.text, start, end)
        elif not self.whole:
            if upto_quote:
                m = _QUOTE_MARK_RE.search(self.text, start, end)
                if m is not None:
                    end = m.end()  # the caller stops at this mark: tokenize no further
            return tokenize(self.text, start, end)
        if self.tokens is None or self.starts is None:  # (both are set together)
            tokens: list[Token] = []
            pos = self.start
            for s, e in zip(self.skip_starts, self.skip_ends):
                tokens += tokenize(self.text, pos, s)
                pos = e
            tokens += tokenize(self.text, pos, self.end)
            self.tokens = tokens
            self.starts = [t.start for t in tokens]
        i = bisect_left(self.starts, start)
        j = bisect_left(self.starts, end, i)
        while j > i and self.tokens[j - 1].end > end:
            j -= 1
        return self.tokens[i:j]
