"""Texts and document builders for the dedup tests (all written for these tests).

``story(seed, n)`` makes a deterministic news-like text from a small vocabulary, so
tests can build as many unrelated stories as they need; the hand-written paragraphs
below are for the in-document tests.
"""

from __future__ import annotations

import random

from docpipe import Paragraph, make_document

_SUBJECTS = ["The council", "A spokeswoman for the port", "The regional governor", "Local farmers", "The museum",
             "Engineers at the plant", "The opposition leader", "A group of residents", "The football club",
             "Shipping analysts", "The health ministry", "Teachers in the district", "The festival organisers"]
_VERBS = ["announced", "rejected", "welcomed", "postponed", "questioned", "approved", "described", "funded",
          "criticised", "reviewed", "celebrated", "delayed", "proposed", "examined", "defended"]
_OBJECTS = ["a new bridge over the river", "the winter budget", "plans for a cycling lane", "the harvest report",
            "an exhibition of maps", "repairs to the northern pier", "the tax on tourist beds", "a rail timetable",
            "the reopening of the library", "a study of coastal erosion", "ticket prices for the season",
            "a school lunch programme", "the merger of two hospitals", "a ban on night flights"]
_TAILS = ["after a long meeting on Tuesday", "despite strong objections", "for the third time this year",
          "with support from neighbouring towns", "according to a statement", "at a cost of 4 million euros",
          "before the elections in spring", "following complaints from visitors", "in a surprise move",
          "without giving a date", "as snow closed several roads", "amid rising fuel prices"]


_SYLLABLES = ["ka", "ro", "mi", "ten", "sul", "va", "dor", "bel", "ni", "gra", "po", "lis", "ur", "fen", "ta",
              "mo", "ard", "zel", "qui", "ben", "sa", "lo", "vik", "an", "te", "rus", "hol", "ma", "ed", "win"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def story(seed: int, paragraphs: int = 8, sentences: int = 3) -> list[str]:
    """A deterministic story: ``paragraphs`` paragraphs of ``sentences`` sentences.

    Invented names make different seeds share few word pairs, as different real stories do.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        out.append(" ".join(
            f"{rng.choice(_SUBJECTS)} of {_name(rng)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} near "
            f"{_name(rng)} {rng.choice(_TAILS)}, and {_name(rng)} {_name(rng)} {rng.choice(_VERBS)} it "
            f"{rng.randint(2, 98)} days later in {_name(rng)}."
            for _ in range(sentences)))
    return out


def ocr_noise(text: str, rate: float, seed: int) -> str:
    """Scanned-text character errors: substitutions, drops and doubled letters at ``rate`` per letter."""
    rng = random.Random(seed)
    confusions = {"m": "rn", "l": "1", "o": "0", "e": "c", "i": "l", "h": "b", "a": "o", "s": "5"}
    out = []
    for ch in text:
        if ch.isalpha() and rng.random() < rate:
            r = rng.random()
            out.append(confusions.get(ch, "x") if r < 0.6 else "" if r < 0.8 else ch + ch)
        else:
            out.append(ch)
    return "".join(out)


def document(lines: list[str], *, id: str | None = None, title: bool = True, boilerplate: int = 0):
    """A document with one paragraph per line; first line ``title``, last ``boilerplate`` lines ``boilerplate``."""
    text = "\n".join(lines)
    paragraphs, pos = [], 0
    for i, line in enumerate(lines):
        role = "title" if title and i == 0 else "boilerplate" if i >= len(lines) - boilerplate else "body"
        paragraphs.append(Paragraph(pos, pos + len(line), role))
        pos += len(line) + 1
    return make_document(text, id=id, paragraphs=paragraphs)
