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
# "FranÃÂ§ois", and a name cut in two at "§" loses its speaker. Two apostrophes are one token: the double quote
# mark of archives that print ''...'' (the rules look one token before and after a mark, as for a straight ").
_WORD_TAIL = "[\\w\u0080-\u009f\u00a1-\u00aa\u00ac-\u00ba\u00bc-\u00bf]*"
TOKEN_RE = re.compile(rf"\w{_WORD_TAIL}(?:[’'\-.&]\w{_WORD_TAIL})*|''|[^\w\s]")
# ("[.!?][.!?]*" rather than "[.!?]+": a pattern that starts with a plain character set lets the regex engine
# skip ahead to the next candidate character; one that starts with a repeat is tried at every position.)
_SENTENCE_END_RE: Final = re.compile(r"[.!?][.!?]*[\"”’'»)\]]*(?=\s)")

ABBREVIATIONS: Final = frozenset(
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
        # (an ASCII letter by its code point first: compiled, ord(s[0]) reads it in place, while isupper is a
        # Python method call)
        first = ord(self.text[0])
        return 65 <= first <= 90 if first < 128 else self.text[0].isupper()


#: One token and the whitespace after it. Every character that is not whitespace starts a token, so the
#: stretch between two tokens is all whitespace and offsets follow from the lengths of the two groups:
#: ``findall`` then gives plain strings, with no match object per token (a sixth faster than ``finditer``).
_TOKEN_SPACE_RE = re.compile(rf"({TOKEN_RE.pattern})(\s*)")
_SPACE_RE = re.compile(r"\s*")
#: Marks that end a chunk as a token of their own after a word (none of them can continue a word token:
#: not word characters, not the Latin-1 symbols of ``_WORD_TAIL``, and a joiner like "." needs a letter after it).
_TRAILING_MARKS: Final = frozenset(",.;:!?\")'”’")
#: Marks that are a token of their own before a word (not word characters nor symbols of ``_WORD_TAIL``).
_LEADING_MARKS: Final = frozenset("\"“‘'($")


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
    stretch = text[start:end] if _COMPILED else ""
    if _COMPILED and "\x85" not in stretch:
        # Compiled, the regular expression is most of the cost (a match, a tuple and two strings per token),
        # so the stretch is split at whitespace in C instead: tokens never cross whitespace and every other
        # character starts one, so a chunk that is all letters and digits (83% of them in news) is one word
        # token, one with a single punctuation mark after such a word (10%) is two tokens, and so is a
        # word after an opening mark. Only the other chunks go through TOKEN_RE (on the chunk alone: the
        # pattern looks at nothing around it).
        # (Not when the stretch holds U+0085: split() breaks there, but _WORD_TAIL keeps it inside a word.)
        pos = start
        for chunk in stretch.split():
            # only whitespace lies between pos and the chunk, so the first character equal to the chunk's
            # first one starts it (compiled, ord(s[k]) reads a character in place: no string per step)
            first = ord(chunk[0])
            while ord(text[pos]) != first:
                pos += 1
            n = len(chunk)
            if n == 1 or chunk.isalnum():
                out.append(Token(pos, pos + n, chunk))
            elif chunk[n - 1] in _TRAILING_MARKS and chunk[: n - 1].isalnum():
                out.append(Token(pos, pos + n - 1, chunk[: n - 1]))
                out.append(Token(pos + n - 1, pos + n, chunk[n - 1]))
            elif chunk[0] in _LEADING_MARKS and chunk[1:].isalnum():
                out.append(Token(pos, pos + 1, chunk[0]))
                out.append(Token(pos + 1, pos + n, chunk[1:]))
            else:
                p = pos
                for word in TOKEN_RE.findall(chunk):
                    out.append(Token(p, p + len(word), word))
                    p += len(word)
            pos += n
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


WORD_RE: Final = re.compile(r"\w+")


def words_in(text: str, start: int, end: int) -> set[str]:
    """The distinct words of a stretch (a cheap prefilter before tokenizing it)."""
    return set(WORD_RE.findall(text, start, end))


def has_word_in(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """Whether a word (a run of ``\\w``) of ``text[start:end]`` is one of ``words``: the stage's test for a
    cue word, run on every sentence. Compiled, it goes by whitespace chunks as :func:`tokenize` does (a
    chunk of letters and digits is one word; a regex match per word was an eighth of the stage's time)."""
    if not _COMPILED:
        return not words.isdisjoint(WORD_RE.findall(text, start, end))
    for chunk in text[start:end].split():  # (word runs never cross whitespace)
        n = len(chunk)
        if chunk.isalnum():
            if chunk in words:
                return True
        elif n > 1 and chunk[n - 1] in _TRAILING_MARKS and chunk[: n - 1].isalnum():
            if chunk[: n - 1] in words:
                return True
        elif n > 1 and chunk[0] in _LEADING_MARKS and chunk[1:].isalnum():
            if chunk[1:] in words:
                return True
        elif not words.isdisjoint(WORD_RE.findall(chunk)):
            return True
    return False


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


def char_positions(text: str, chars: str, start: int, end: int) -> list[int]:
    """Positions of the characters ``chars`` in ``text[start:end]``, in order.

    For compiled callers that look for a few characters: one ``str.find`` per character scans in C at a
    fraction of the cost of a regular expression's search, which tests every character against its set.
    """
    out: list[int] = []
    for c in chars:
        k = text.find(c, start, end)
        while k >= 0:
            out.append(k)
            k = text.find(c, k + 1, end)
    out.sort()
    return out


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_SENTENCE_END_RE.finditer(text, start, end)``. Compiled, the pattern is only tried
    where a ".", "!" or "?" stands (:func:`char_positions`; its first character is one of them)."""
    if not _COMPILED:
        return [m.span() for m in _SENTENCE_END_RE.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for k in char_positions(text, ".!?", start, end):
        if k >= pos:  # (finditer goes on after the last match)
            m = _SENTENCE_END_RE.match(text, k, end)
            if m is not None:
                pos = m.end()
                out.append((k, pos))
    return out


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (trailing whitespace excluded)."""
    out: list[tuple[int, int]] = []
    s = start
    for ms, e in _sentence_ends(text, start, end):
        # the word before the period: an abbreviation or an initial does not end a sentence
        if text[ms] == "." and e - ms == 1:
            w = ms
            lo = max(start, w - 8)
            while w > lo and (text[w - 1].isalnum() or text[w - 1] == "."):
                w -= 1
            word = text[w:ms].lower()
            if (word in ABBREVIATIONS and (word in _NAME_TITLES or not _opens_sentence(text, e, end))) or (
                    len(word) == 1 and word.isalpha()):
                continue  # (but "in the U.S. The report ...", "near Dover, Calif. He said ..." end one)
        elif text[ms] == "." and e - ms == 2 and text[ms + 1] == ")":
            p = text.rfind("(", max(start, ms - 12), ms)
            if p >= 0 and not any(c.isspace() for c in text[p:ms]):
                continue  # a party tag or an abbreviation in parentheses: "Rep. Ann Lee (D-Wis.) -- who ..."
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


def _bisect_left(a: list[int], x: int, lo: int = 0) -> int:
    """``bisect.bisect_left(a, x, lo)``. Compiled, as a loop: calling the C function from compiled code costs
    more than the search itself (windows are looked up tens of thousands of times)."""
    if not _COMPILED:
        return bisect_left(a, x, lo)
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


#: A quote mark as the cue patterns see one (an apostrophe inside a word, "don't", is not).
_QUOTE_MARK_RE: Final = re.compile("[\"“”„«»‘‚‹›]|(?<!\\w)['’]|['’](?!\\w)")


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
            k = _bisect_left(self.skip_ends, start + 1)
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
        i = _bisect_left(self.starts, start)
        j = _bisect_left(self.starts, end, i)
        while j > i and self.tokens[j - 1].end > end:
            j -= 1
        return self.tokens[i:j]
