"""The reporting-verb lexicon: loaded from ``reporting_verbs.txt`` and expanded to every inflected form.

The lexicon is data, not code, so a deployment can extend it (stage option ``extra_verbs``)
without touching the rules. Each entry gives the base form, optional irregular past forms and
tags; :func:`load_lexicon` derives ``-s``, ``-ed`` and ``-ing`` forms for regular verbs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

LEXICON_FILE = "reporting_verbs.txt"


@dataclass(frozen=True)  # (a dataclass: mypyc compiles it to a native class)
class VerbInfo:
    """What a reporting-verb form is: its base (``said`` -> ``say``) and tags (``speech``, ``bare``, ``belief``...)."""

    base: str
    tags: frozenset[str]

    @property
    def speech(self) -> bool:
        return "speech" in self.tags

    @property
    def direct_cue(self) -> bool:
        """May introduce or follow a direct quote."""
        return "speech" in self.tags and "nodirect" not in self.tags

    @property
    def bare(self) -> bool:
        return "bare" in self.tags


def _regular_forms(base: str) -> list[str]:
    """``note`` -> notes, noted, noting; ``deny`` -> denies, denied, denying; ``stress`` -> stresses ..."""
    if base.endswith("e"):
        return [base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return [base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return [base + "es", base + "ed", base + "ing"]
    return [base + "s", base + "ed", base + "ing"]


def parse_lexicon_lines(lines: Iterable[str]) -> dict[str, VerbInfo]:
    """Parse lines of the lexicon format into ``{inflected form: VerbInfo}``."""
    forms: dict[str, VerbInfo] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words_part, _, tags_part = line.partition("|")
        words = words_part.lower().split()
        if not words:
            continue
        tags = frozenset(tags_part.split()) or frozenset({"speech"})
        base = words[0]
        inflected = _regular_forms(base)
        if len(words) >= 2:  # irregular: base PAST [PARTICIPLE]; keep the regular -s and -ing forms
            inflected = [inflected[0], inflected[2], *words[1:]]
        for form in (base, *inflected):
            info = forms.get(form)
            forms[form] = VerbInfo(base, tags | info.tags) if info is not None and info.base == base else VerbInfo(base, tags)
    return forms


def load_lexicon(extra_lines: Iterable[str] = ()) -> dict[str, VerbInfo]:
    """The packaged lexicon plus ``extra_lines`` (same format; later lines win)."""
    text = resources.files(__package__).joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon_lines([*text.splitlines(), *extra_lines])
