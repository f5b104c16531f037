"""Text normalisation and word tokenisation for duplicate detection.

Republished copies of one text differ in ways that carry no content: Unicode forms
(full-width letters, ligatures), letter case, the style of quote marks (straight,
curly, guillemets, British single quotes), the kind of dash, whitespace and
punctuation. Duplicate detection therefore compares *normalised words*:

* :func:`normalize_text`: NFKC, case folding, quote marks removed, dashes unified,
  whitespace collapsed (ASCII text takes a fast path with the same result);
* :func:`tokenize`: the words of a text as arrays of code-point offsets and 64-bit word
  hashes, computed with NumPy over the code points (no Python loop per word), so the
  offsets point into the text given. Letters, digits and the underscore form words;
  an apostrophe between two letters (``don't``, ``don’t``) belongs to the word, and all
  apostrophe styles hash alike; every other character separates words.

Nothing here touches ``Document.text``: normalised strings are throw-away keys.
"""

from __future__ import annotations

import hashlib
import unicodedata

import attrs
import numpy as np

#: Bumped whenever the normalisation or tokenisation changes: it is part of the signature
#: scheme recorded in a persistent index, since a change alters every hash.
NORMALIZATION_VERSION = 2

_DOUBLE_QUOTES = "\"“”„‟«»‹›〝〞〟＂″"
_APOSTROPHES = "'`´‘’‚‛＇′"
_DASHES = "‐‑‒–—―−﹘﹣－⁃"
_TRANSLATION = {ord(c): None for c in _DOUBLE_QUOTES}
_TRANSLATION.update({ord(c): "'" for c in _APOSTROPHES})
_TRANSLATION.update({ord(c): "-" for c in _DASHES})
_ASCII_QUOTES = str.maketrans("", "", '"')
_APOSTROPHE = ord("'")

# Code-point classes for the tokenizer (the first 0x3100 code points; beyond: letters).
_TABLE_SIZE = 0x3100
_IS_WORD = np.zeros(_TABLE_SIZE, dtype=bool)
for _lo, _hi in ((ord("0"), ord("9")), (ord("A"), ord("Z")), (ord("a"), ord("z")), (0xC0, 0x2FFF)):
    _IS_WORD[_lo : _hi + 1] = True
_IS_WORD[ord("_")] = True
_IS_WORD[[0xD7, 0xF7]] = False  # × ÷
_IS_WORD[0x2000:0x2BFF] = False  # general punctuation, symbols, arrows, dingbats ...
_IS_APOSTROPHE = np.zeros(_TABLE_SIZE, dtype=bool)
_IS_APOSTROPHE[[ord(c) for c in _APOSTROPHES if ord(c) < _TABLE_SIZE]] = True
_IS_WORD[_IS_APOSTROPHE] = False
# Folding: ASCII and Latin-1 capitals to lower case, every apostrophe to "'".
_FOLD = np.arange(_TABLE_SIZE, dtype=np.uint64)
_FOLD[ord("A") : ord("Z") + 1] += 32
_FOLD[0xC0:0xDF] += 32
_FOLD[0xD7] = 0xD7
_FOLD[_IS_APOSTROPHE] = _APOSTROPHE
# Latin-1 fast path: bytes.translate tables (C speed). Kind: 0 separator, 1 word character, 2 apostrophe.
_KIND8 = bytes(2 if _IS_APOSTROPHE[i] else 1 if _IS_WORD[i] else 0 for i in range(256))
_FOLD8 = bytes(int(_FOLD[i]) for i in range(256))
# Polynomial word hash sum(c_i * G**(i - start)) from prefix sums, with G odd so G**-1 exists mod 2**64.
_G = 0x9E3779B97F4A7C15
_G_INV = pow(_G, -1, 2**64)
_U64 = np.uint64
_powers = np.ones(1, dtype=np.uint64)
_inverse_powers = np.ones(1, dtype=np.uint64)


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """G**i and G**-i (mod 2**64) for i < n, grown on demand by doubling."""
    global _powers, _inverse_powers
    if _powers.size < n:
        size = max(n, 2 * _powers.size, 4096)
        powers = np.ones(size, dtype=np.uint64)
        inverse = np.ones(size, dtype=np.uint64)
        powers[1], inverse[1] = _G, _G_INV
        filled = 2
        while filled < size:  # doubling: G**(k+i) = G**k * G**i, whole blocks at once
            step = min(filled, size - filled)
            powers[filled : filled + step] = powers[:step] * powers[filled - 1] * _U64(_G)
            inverse[filled : filled + step] = inverse[:step] * inverse[filled - 1] * _U64(_G_INV)
            filled += step
        _powers, _inverse_powers = powers, inverse
    return _powers, _inverse_powers


def normalize_text(text: str) -> str:
    """NFKC, case-folded, double quote marks removed, apostrophes and dashes unified, whitespace collapsed."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_QUOTES).split())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TRANSLATION)
    return " ".join(text.split())


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser on a uint64 array (wrapping arithmetic): a strong bit mixer."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


@attrs.frozen
class Words:
    """The words of a text: code-point offsets ``[starts[i], ends[i])`` and 64-bit hashes."""

    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray

    def __len__(self) -> int:
        return int(self.hashes.size)


_NO_WORDS = Words(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint64))


_BLOCK = 1 << 20  # longer texts are tokenised in blocks (cut at whitespace) to bound the power tables


def tokenize(text: str) -> Words:
    """Words of ``text`` (offsets into ``text`` itself) with case- and apostrophe-insensitive hashes."""
    if not text:
        return _NO_WORDS
    if len(text) > _BLOCK:
        return _tokenize_blocks(text)
    return _tokenize(text)


def _tokenize_blocks(text: str) -> Words:
    parts, start = [], 0
    while start < len(text):
        end = min(len(text), start + _BLOCK)
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        words = _tokenize(text[start:end])
        parts.append(Words(words.starts + start, words.ends + start, words.hashes))
        start = end
    return Words(*(np.concatenate([getattr(w, f) for w in parts]) for f in ("starts", "ends", "hashes")))


def _tokenize(text: str) -> Words:
    if not text:
        return _NO_WORDS
    try:  # Latin-1 text (most news): one byte per code point, bytes.translate lookups
        raw = text.encode("latin-1")
        kind = np.frombuffer(raw.translate(_KIND8), dtype=np.uint8)
        folded = np.frombuffer(raw.translate(_FOLD8), dtype=np.uint8)
        is_word = kind == 1
        has_apostrophe = b"\x02" in raw.translate(_KIND8)
        apostrophe = np.flatnonzero(kind == 2) if has_apostrophe else None
    except UnicodeEncodeError:
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        inside = cp < _TABLE_SIZE
        small = np.where(inside, cp, 0)
        is_word = np.where(inside, _IS_WORD[small], True)
        apostrophe = np.flatnonzero(_IS_APOSTROPHE[small] & inside)
        folded = np.where(inside, _FOLD[small], cp.astype(np.uint64))
    # An apostrophe between two word characters is part of the word (don't); elsewhere a quote mark.
    if apostrophe is not None and apostrophe.size:
        inner = apostrophe[(apostrophe > 0) & (apostrophe < is_word.size - 1)]
        inner = inner[is_word[inner - 1] & is_word[inner + 1]]
        is_word[inner] = True
    padded = np.zeros(is_word.size + 2, dtype=np.int8)
    padded[1:-1] = is_word
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    if edges.size == 0:
        return _NO_WORDS
    starts, ends = edges[0::2], edges[1::2]
    powers, inverse = _power_tables(folded.size + 1)
    prefix = np.zeros(folded.size + 1, dtype=np.uint64)
    np.cumsum(folded * powers[: folded.size], out=prefix[1:])
    hashes = mix64((prefix[ends] - prefix[starts]) * inverse[starts])
    return Words(starts, ends, hashes)


def word_hashes(text: str) -> np.ndarray:
    """Hashes of the normalised words of ``text``: same as ``tokenize(normalize_text(text)).hashes``.

    ASCII text skips :func:`normalize_text`: the tokenizer already folds case and ignores
    quote marks, dashes and whitespace, and NFKC leaves ASCII unchanged.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold()
    return tokenize(text).hashes


def word_tokens(text: str) -> list[str]:
    """The normalised words of ``text`` as strings (for display and speaker comparison; not used for hashing)."""
    norm = normalize_text(text)
    words = tokenize(norm)
    return [norm[s:e] for s, e in zip(words.starts.tolist(), words.ends.tolist())]


def hash_sequence(hashes: np.ndarray) -> int:
    """A 63-bit hash of a sequence of word hashes (fits an SQLite INTEGER): the exact-duplicate key."""
    digest = hashlib.blake2b(hashes.astype("<u8").tobytes(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def content_hash(text: str) -> int:
    """Exact-duplicate key of ``text``: equal for texts with the same sequence of normalised words.

    Texts that differ only in Unicode form, case, quote marks, dashes, punctuation or
    whitespace get the same value; 63 bits keep accidental collisions negligible.
    """
    return hash_sequence(word_hashes(text))
