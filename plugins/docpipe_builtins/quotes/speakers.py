"""Speakers: reading a speaker noun phrase (name vs title, person vs organisation) and coreference.

``analyse_np`` turns the tokens of a subject noun phrase into a :class:`SpeakerNP`: ``Deputy Minister of
Foreign Affairs of the Republic of Kazakhstan Akan Rakhmetullin`` -> person ``Akan Rakhmetullin`` with that
title. :class:`SpeakerRegistry` keeps the entities of one document and resolves later mentions
(``Rakhmetullin``, ``he``, ``the speaker``, ``the minister``, ``they``) to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from docpipe.model import Mention, Speaker

from .tokens import Token

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
OTHER_PRONOUNS = frozenset({"i", "you", "it", "me"})
SUBJECT_PRONOUNS: Final = frozenset({"he", "she", "they", "we", "i", "you", "it"})
DETERMINERS: Final = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "his", "her", "its", "their",
                         "our", "my", "your", "some", "many", "several", "two", "three", "both", "one", "other", "most",
                         "all", "few", "no"})
NAME_PARTICLES: Final = frozenset({"de", "van", "von", "der", "da", "di", "bin", "al", "la", "le", "del", "du", "ibn"})

TITLE_WORDS: Final = frozenset(
    ["minister", "deputy", "president", "vice", "secretary", "senator", "sen", "sen.", "rep", "rep.", "representative", "gov", "gov.", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "director", "chief", "ceo", "head", "leader", "ambassador", "judge", "justice", "general", "gen", "gen.", "lt", "col", "sgt", "officer", "official", "adviser", "advisor", "aide", "manager", "engineer", "professor", "prof", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "candidate", "nominee", "attorney", "congressman", "congresswoman", "councillor", "councilor", "councilman", "councilwoman", "speaker", "commissioner", "analyst", "strategist", "pollster", "founder", "executive", "economist", "reporter", "host", "anchor", "correspondent", "editor", "author", "chancellor", "premier", "king", "queen", "prince", "pope", "rev", "sheriff", "lawmaker", "member", "coordinator", "consultant", "superintendent", "counsel", "surrogate", "operative", "chairperson", "lawyer", "researcher", "scientist", "expert", "historian", "professor", "columnist", "writer", "physician", "doctor", "owner", "partner", "administrator", "commander", "captain", "sergeant", "detective", "inspector", "prosecutor", "senior", "former", "acting", "interim", "deputy", "assistant", "press", "campaign", "state", "house", "senate", "majority", "minority", "whip", "republican", "democratic", "democrat", "gop", "presumptive", "presidential", "vice-president", "running", "mate"]
)
PERSON_TITLE_HEADS: Final = frozenset(
    ["minister", "president", "secretary", "senator", "representative", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "director", "chief", "ceo", "ambassador", "judge", "justice", "officer", "official", "adviser", "advisor", "aide", "manager", "engineer", "professor", "candidate", "nominee", "attorney", "congressman", "congresswoman", "councillor", "councilor", "councilman", "councilwoman", "speaker", "commissioner", "analyst", "strategist", "pollster", "founder", "economist", "reporter", "host", "anchor", "correspondent", "editor", "author", "chancellor", "premier", "sheriff", "lawmaker", "lawyer", "researcher", "scientist", "expert", "historian", "columnist", "writer", "doctor", "owner", "prosecutor", "representative"]
)
ORG_WORDS: Final = frozenset(
    ["ministry", "department", "committee", "council", "party", "campaign", "post", "times", "news", "journal", "agency", "office", "service", "embassy", "government", "administration", "taliban", "police", "court", "university", "institute", "foundation", "association", "commission", "bureau", "corp", "corp.", "inc", "inc.", "company", "group", "bank", "network", "cnn", "reuters", "ap", "fbi", "cia", "nato", "un", "eu", "kremlin", "pentagon", "congress", "senate", "house", "parliament", "assembly", "union", "federation", "coalition", "army", "navy", "military", "ministry", "center", "centre", "organization", "organisation", "board", "authority", "authorities", "tribunal", "press", "gazette", "herald", "tribune", "magazine", "review", "politico", "breitbart", "nbc", "abc", "cbs", "fox", "msnbc", "bbc", "poll", "survey", "study", "report", "statement", "white", "state"]
)
#: Organisation words that are common family names too ("Jack White", "Emily Post", "Ann Court").
_SURNAME_LIKE_ORG_WORDS: Final = frozenset(["white", "post", "house", "bank", "court", "press", "state", "board"])
#: Abbreviated forms of title words, for matching "the senator" against a title "Sen.".
TITLE_ABBREVIATIONS = {"senator": ("sen.",), "governor": ("gov.",), "representative": ("rep.",),
                       "general": ("gen.",), "president": ("pres.",), "professor": ("prof.",), "doctor": ("dr.",)}
GENERIC_HEADS: Final = frozenset(
    ["source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "expert", "experts", "analyst", "analysts", "critic", "critics", "observer", "observers", "people", "report", "reports", "poll", "polls", "survey", "surveys", "study", "studies", "witness", "witnesses", "resident", "residents", "lawmaker", "lawmakers", "voter", "voters", "supporter", "supporters"]
)


@dataclass  # (a dataclass: mypyc compiles it to a native class)
class SpeakerNP:
    """What a speaker noun phrase says. ``mention`` is the span the attribution rests on."""

    kind: str  # person | org | pronoun | anaphor | generic
    mention: Mention
    name: str | None = None
    title: str | None = None
    pronoun: str | None = None  # lower-case pronoun, or the title word of an anaphor ("minister", "speaker")

    def __init__(self, kind: str, mention: Mention, name: str | None = None, title: str | None = None,
                 pronoun: str | None = None) -> None:
        # (written out: mypyc compiles an __init__ of the source, while the one dataclass makes runs as Python)
        self.kind, self.mention, self.name, self.title, self.pronoun = kind, mention, name, title, pronoun


def mention_of(text: str, toks: list[Token]) -> Mention:
    """The mention that the tokens ``toks`` (one run, in order) cover."""
    return Mention(text[toks[0].start : toks[-1].end], toks[0].start, toks[-1].end)


def _span_text(text: str, toks: list[Token]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _is_initial(tok: Token) -> bool:
    t = tok.text
    return (len(t) == 1 and t.isupper()) or (len(t) == 2 and t[0].isupper() and t[1] == ".")


def _surname_like_org_word(run: list[Token]) -> bool:
    """A run of capitalised words (titles first) that is a listed given name and a family name that is
    also an organisation word: "Anna White", "Spokeswoman Emily Post" (not "the White House")."""
    g = 0
    while g < len(run) and (run[g].lower.rstrip(".") in TITLE_WORDS or run[g].text == "."):
        g += 1
    return 2 <= len(run) - g <= 3 and run[g].text in GIVEN_NAMES_ANY_GENDER and run[-1].lower in (
        _SURNAME_LIKE_ORG_WORDS) and not any(t.lower in ORG_WORDS for t in run[g:-1])


def _name_suffix(toks: list[Token], has_title_before: bool) -> int:
    """Index where the personal name starts inside a run of capitalised tokens (the run ends the NP)."""
    n = len(toks)
    # Count name-like tokens from the end: "Donald J . Trump", "Akan Rakhmetullin".
    i = n - 1
    words = 0
    while i >= 0:
        t = toks[i]
        if t.text == "." or _is_initial(t):
            i -= 1
            continue
        if t.lower in NAME_PARTICLES and i > 0:
            i -= 1
            continue
        if not t.capitalized or t.lower in TITLE_WORDS or t.lower in ORG_WORDS and not (
                i == n - 1 and _surname_like_org_word(toks)) or (i < n - 1 and t.lower.endswith(("'s", "’s"))):
            break  # (a possessive before the name is its affiliation: "The Post's Dana Milbank")
        words += 1
        if words == (2 if has_title_before else 3):
            i -= 1
            break
        i -= 1
    return i + 1


#: Words whose "'s" is "is" or "has" ("He's", "That's"), not a possessive.
CONTRACTED = frozenset(["he", "she", "it", "that", "there", "what", "who", "here", "where", "let", "this"])


def analyse_np(text: str, toks: list[Token]) -> SpeakerNP | None:
    """Classify a subject NP given as tokens. Returns None when it is not a plausible speaker."""
    toks = _drop_parentheses(toks) if len(toks) > 1 else toks
    while toks and not toks[0].is_word:
        toks = toks[1:]
    if not toks:
        return None
    # "Mr. Morgan of the Sierra Club", "Cameron Easley for Morning Consult": the person before "of"/"for"
    # speaks, the organisation is their affiliation
    lowers = [t.lower for t in toks]  # (list.index runs in C: every candidate subject comes through here)
    of = lowers.index("of") if "of" in lowers else (lowers.index("for") if "for" in lowers else None)
    if of is not None and of > 0 and toks[of - 1].capitalized and toks[of - 1].lower not in TITLE_WORDS:
        left = analyse_np(text, toks[:of])
        if left is not None and left.kind == "person" and (left.title or len((left.name or "").split()) > 1):
            left.title = _span_text(text, toks[of + 1 :]) if not left.title else left.title
            return left
    first = toks[0]
    low = first.lower
    if len(toks) == 1 and (low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in OTHER_PRONOUNS):
        return SpeakerNP("pronoun", mention_of(text, toks), pronoun=low)
    words = [t for t in toks if t.is_word]
    if not words:
        return None
    # "the speaker", "the minister", "the senator": an anaphor resolved against earlier titles.
    if low == "the" and len(words) == 2 and words[1].lower in PERSON_TITLE_HEADS and not words[1].capitalized:
        return SpeakerNP("anaphor", mention_of(text, toks), pronoun=words[1].lower)
    if low == "the" and len(words) == 2 and words[1].lower == "speaker":
        return SpeakerNP("anaphor", mention_of(text, toks), pronoun="speaker")
    # Trailing run of capitalised tokens: the name (or an organisation's name).
    j = len(toks)
    while j > 0 and (toks[j - 1].capitalized or toks[j - 1].text == "." or toks[j - 1].lower in NAME_PARTICLES):
        j -= 1
    run = toks[j:]
    if run and any(t.is_word for t in run):
        head = toks[:j]
        has_title = bool(head) or any(t.lower.rstrip(".") in TITLE_WORDS for t in run)
        is_org = any(t.lower.rstrip(".").replace("’s", "").replace("'s", "") in ORG_WORDS for t in run[-2:]) or (
            low == "the" and j == 1 and len(run) <= 3 and not has_title_titleword(run)
        )
        if is_org and _surname_like_org_word(run):
            is_org = False  # "Anna White", "Jan Post": a given name, then a surname that is also an org word
        if is_org:
            name_toks = [t for t in toks if t.lower not in DETERMINERS] or toks
            return SpeakerNP("org", mention_of(text, toks), name=_span_text(text, name_toks).strip())
        k = _name_suffix(run, has_title)
        while k < len(run) and not run[k].is_word:
            k += 1  # "Mr . Sharpton": the abbreviation's period belongs to the title
        name_toks = run[k:]
        while name_toks and name_toks[-1].text == ".":
            name_toks = name_toks[:-1]
        if not name_toks:
            return SpeakerNP("generic", mention_of(text, toks), name=_span_text(text, toks))
        of_at = j + k - 1  # the word before the name found
        first_word = 1 if low in ("the", "a", "an") else 0
        if of_at >= first_word + 1 and toks[of_at].lower == "of" and (
                toks[of_at - 1].lower in PERSON_TITLE_HEADS and all(t.lower in TITLE_WORDS for t in toks[first_word:of_at])):
            # "The Minister of Energy", "the Governor of Ohio": titles, then what the title is of; no name
            return SpeakerNP("anaphor", mention_of(text, toks), name=_span_text(text, toks[first_word:]),
                             pronoun=toks[of_at - 1].lower)
        title_toks = toks[: j + k]
        while title_toks and (title_toks[0].lower in DETERMINERS or not title_toks[0].is_word):
            title_toks = title_toks[1:]
        while title_toks and not title_toks[-1].is_word and title_toks[-1].text != ".":
            title_toks = title_toks[:-1]
        # "in the CCS Deputy Minister ...": a leading acronym before the first title word is a stray PP object.
        if len(title_toks) > 1 and title_toks[0].text.isupper() and title_toks[1].lower in TITLE_WORDS:
            title_toks = title_toks[1:]
        title = _span_text(text, title_toks) or None
        if title is not None and title.endswith(("'s", "’s")) and len(title) > 2:
            title = title[:-2]  # "The Post's Dana Milbank": title "Post", the affiliation
        name = _span_text(text, name_toks)
        if name.endswith(("'s", "’s")) and not (len(name_toks) == 1 and name[:-2].lower() in CONTRACTED):
            # "Lee's response: ...", "Clinton's remarks ...": the person (the mention stays as written; "He's"
            # and "That's", read as a subject where "he is" was meant, stay as they are)
            name = name[:-2]
        return SpeakerNP("person", mention_of(text, name_toks), name=name, title=title)
    # "the Florida senator and Republican presidential candidate": a description of someone named before
    if low == "the" and len(words) <= 8:
        head_word = next((t.lower for t in words[1:] if not t.capitalized and t.lower in PERSON_TITLE_HEADS), None)
        if head_word is not None:
            return SpeakerNP("anaphor", mention_of(text, toks), name=_span_text(text, toks), pronoun=head_word)
    # All lower-case: "a source", "sources", "the company's chief engineer", "officials".
    lowered = {t.lower.rstrip(".") for t in words}
    if lowered & ORG_WORDS and not (lowered & PERSON_TITLE_HEADS):
        return SpeakerNP("org", mention_of(text, toks), name=_span_text(text, toks))
    return SpeakerNP("generic", mention_of(text, toks), name=_span_text(text, toks))


def _drop_parentheses(toks: list[Token]) -> list[Token]:
    """Drop commas and parenthesised asides: "Rep. Gwen Moore (D-Wis.)" -> "Rep. Gwen Moore"."""
    texts = [t.text for t in toks]
    if "," not in texts and "(" not in texts and ")" not in texts:
        return toks  # nothing to drop (most NPs): no copy
    out, depth = [], 0
    for t in toks:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and t.text != ",":
            out.append(t)
    return out


def has_title_titleword(run: list[Token]) -> bool:
    return any(t.lower.rstrip(".") in TITLE_WORDS for t in run)


def _load_given_names() -> dict[str, str]:
    from importlib import resources

    names: dict[str, str] = {}
    text = resources.files(__package__).joinpath("first_names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) > 1 and parts[0] in ("f", "m"):
            for name in parts[1:]:
                # a name listed under both genders (Ola, Angela, Theresa ...) tells no gender ("?")
                names[name] = "?" if names.get(name, parts[0]) != parts[0] else parts[0]
    return names


#: Every listed given name -> "f", "m" or "?" (listed under both): what makes "Ola Lund" a full name.
GIVEN_NAMES_ANY_GENDER: Final = _load_given_names()
#: The given names with a usual gender -> "f" or "m".
GIVEN_NAMES = {k: v for k, v in GIVEN_NAMES_ANY_GENDER.items() if v != "?"}

#: How far back (in characters) "he"/"she" may find a person who has not spoken yet.
_PRONOUN_REACH: Final = 3000


def full_name_in(text: str, family: str) -> tuple[str, str | None] | None:
    """(full name, gender or None) of the person ``text`` names in full with the family name ``family`` as
    written and a listed given name, maybe with a middle initial ("Ann Lee", "John F. Lund", "Ola Lund": no
    gender); None when it names nobody so, or two given names share the family name ("Hillary Clinton",
    "Bill Clinton").

    (It looks for the family name with ``str.find`` and reads the word before each occurrence: much cheaper
    than a pattern over all the text, and most documents need it for one or two names.)
    """
    found: tuple[str, str, str | None] | None = None  # (given name, full name, gender)
    at = text.find(family)
    while at >= 0:
        end = at + len(family)
        k = at - 1  # the space before the family name
        if k > 0 and text[k] == " " and (end == len(text) or not text[end].isalnum()):
            if k >= 3 and text[k - 1] == "." and text[k - 2].isupper() and text[k - 3] == " ":
                k -= 3  # past a middle initial: "John F. Lund"
            w = k
            while w > 0 and text[w - 1].isalpha():
                w -= 1
            given = text[w:k]
            listed = GIVEN_NAMES_ANY_GENDER.get(given)
            if listed is not None and (w == 0 or not text[w - 1].isalnum()):
                if found is None:
                    found = (given, text[w:end], listed if listed != "?" else None)
                elif found[0] != given:
                    return None
        at = text.find(family, end)
    return (found[1], found[2]) if found is not None else None


#: Two capitalised words in running text, the second (maybe after a middle initial) read ahead without being
#: consumed, so that "Ambassador John Bolton" gives "Ambassador John" and then "John Bolton".
#: (No \b before it: a pattern that opens with a character set is searched for quickly, one that opens with \b
#: is tried at every position, three times slower on news text; full_name_in checks the word boundaries.)
_NAME_PAIR_RE: Final = re.compile(r"([A-Z][a-z]+) (?=((?:[A-Z]\. )?[A-Z](?:['’][A-Z])?[a-z]+(?:-[A-Z][a-z]+)?))")


def known_people(text: str) -> dict[str, tuple[str, str]]:
    """Family name (lower case) -> (full name, gender) of everyone ``text`` names in full with a given name of
    a usual gender: each family name found after such a name, read as :func:`full_name_in` reads it."""
    families = {m.group(2).rsplit(" ", 1)[-1] for m in _NAME_PAIR_RE.finditer(text) if m.group(1) in GIVEN_NAMES}
    known: dict[str, tuple[str, str]] = {}
    for family in families:
        named = full_name_in(text, family)
        if named is not None and named[1] is not None:
            known[family.lower()] = (named[0], named[1])
    return known


@dataclass  # (a dataclass: mypyc compiles it to a native class)
class Entity:
    name: str
    kind: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    # (the mentions' fields, which are what makes two Mentions equal: hashing a Mention runs attrs' Python code)
    seen: set[tuple[str, int, int]] = field(default_factory=set, repr=False)


def _key(name: str) -> str:
    low = name.lower()
    for det in ("the ", "a ", "an "):
        low = low.removeprefix(det)
    return low.replace("’", "'")


class SpeakerRegistry:
    """The speakers of one document and the state that coreference needs (who was speaking last)."""

    def __init__(self, text: str = "") -> None:
        """``text``: the document's, where the people it names in full (:func:`known_people`) are looked up
        for a mention by family name and for "he"/"she" when no speaker so far can be meant."""
        self.text = text
        self._known: dict[str, tuple[str, str]] | None = None
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._by_last: dict[str, Entity] = {}
        self.last_person: Entity | None = None
        self.last_group: Entity | None = None
        self._recent_people: list[Entity] = []

    # ---------------------------------------------------------------- building
    def _add(self, name: str, kind: str) -> Entity:
        ent = Entity(name, kind)
        self.entities.append(ent)
        self._by_key[_key(name)] = ent
        if kind == "person":
            self._by_last[name.split()[-1].lower()] = ent
        return ent

    def _person(self, name: str) -> Entity:
        key = _key(name)
        ent = self._by_key.get(key)
        parts = name.split()
        if ent is None and len(parts) == 1:
            ent = self._by_last.get(key)
            named = full_name_in(self.text, name) if ent is None else None
            if named is not None:
                # "Lee said", and the text names Ann Lee elsewhere: her, with her full name and gender
                full, gender = named
                ent = self._by_key.get(_key(full))
                if ent is None:
                    ent = self._add(full, "person")
                    ent.gender = gender
                self._by_last[key] = ent
        if ent is None and len(parts) > 1:
            short = self._by_key.get(parts[-1].lower())
            if short is not None and short.kind == "person" and len(short.name.split()) == 1:
                # "Trump" first, "Donald Trump" later: the same person, now with the full name.
                del self._by_key[parts[-1].lower()]
                short.name = name
                self._by_key[key] = short
                ent = short
        if ent is None:
            ent = self._add(name, "person")
            ent.gender = GIVEN_NAMES.get(parts[0]) if len(parts) > 1 else None
        return ent

    @staticmethod
    def _add_title(ent: Entity, title: str | None) -> None:
        if title and title not in ent.titles and len(ent.titles) < 20:
            ent.titles.append(title)

    def _remember_person(self, ent: Entity) -> None:
        """``ent`` is now the most recent person a "he"/"she" can mean (the last eight are kept)."""
        self._recent_people.append(ent)
        if len(self._recent_people) > 8:
            del self._recent_people[0]

    def note(self, ent: Entity, mention: Mention, title: str | None = None) -> None:
        self._add_title(ent, title)
        key = (mention.text, mention.start, mention.end)
        if key not in ent.seen:
            ent.seen.add(key)
            ent.mentions.append(mention)
        if ent.kind == "person" or (ent.kind == "generic" and ent.gender is not None):
            # (a person, or someone unnamed whom "he"/"she" can mean: "A council spokeswoman said ...", see
            # resolve)
            self.last_person = ent
            self._remember_person(ent)
        elif ent.kind in ("org",):
            self.last_group = ent

    def focus(self, np: SpeakerNP) -> None:
        """The person (``np``) the sentence before a quote is about: first in line for the quote's "he"/"she"
        when the gender fits; no mention of theirs is noted unless the pronoun resolves to them."""
        if np.kind != "person" or not np.name:
            return
        ent = self._person(np.name)
        self._add_title(ent, np.title)
        self._remember_person(ent)

    # ---------------------------------------------------------------- resolving
    def resolve(self, np: SpeakerNP) -> Entity | None:
        """The entity an NP refers to (registering it, and the mention), or None if unresolvable."""
        ent: Entity | None = None
        if np.kind == "person" and np.name:
            ent = self._person(np.name)
            if np.title:
                low = np.title.lower()
                if low.startswith(("mrs", "ms")):
                    ent.gender = "f"
                elif low.startswith("mr"):
                    ent.gender = "m"
        elif np.kind == "org" and np.name:
            ent = self._by_key.get(_key(np.name))
            if ent is None:
                ent = self._add(np.name[4:] if np.name.lower().startswith("the ") else np.name, "org")
        elif np.kind == "pronoun":
            p = np.pronoun or ""
            if p in PERSON_PRONOUNS:
                gender = PERSON_PRONOUNS[p]
                for cand in reversed(self._recent_people):
                    if cand.gender in (None, gender):
                        ent = cand
                        break
                if ent is None:
                    ent = self._last_named(gender, np.mention.start)
                if ent is not None and ent.gender is None:
                    ent.gender = gender
            elif p in ("they", "them"):
                ent = self.last_group
            else:
                return None
        elif np.kind == "anaphor":
            word = np.pronoun or ""
            if word == "speaker":
                ent = self.last_person
            else:
                forms = (word, *TITLE_ABBREVIATIONS.get(word, ()))
                for cand in reversed(self._recent_people):
                    if any(f in t.lower() for t in cand.titles for f in forms):
                        ent = cand
                        break
                if ent is None and np.name:
                    # "the Florida senator and Republican presidential candidate": nobody with that title
                    # yet, so it stays what it says rather than the last person named
                    ent = self._by_key.get(_key(np.name)) or self._add(np.name, "generic")
                elif ent is None:
                    ent = self.last_person
        elif np.kind == "generic" and np.name:
            ent = self._by_key.get(_key(np.name))
            if ent is None:
                ent = self._add(np.name, "generic")
                head = np.name.split()[-1].lower()
                if np.name.lower().startswith(("a ", "an ")) and head.endswith(("woman", "man")) and (
                        head in PERSON_TITLE_HEADS):
                    # "A council spokeswoman said": someone unnamed, of a gender the word tells (not "the Texas
                    # senator", a description of someone named before; not "an aide", whom "he" may not mean)
                    ent.gender = "f" if head.endswith("woman") else "m"
        if ent is not None:
            self.note(ent, np.mention, np.title)
        return ent

    def _known_people(self) -> dict[str, tuple[str, str]]:
        # (read on first need: a document whose speakers are all named in full first never needs it)
        if self._known is None:
            self._known = known_people(self.text)
        return self._known

    def _last_named(self, gender: str, before: int) -> Entity | None:
        """The person of ``gender`` the text named last before offset ``before``, by full or family name
        ('Ann Lee met John Lund. ... Lund was less sure. "...," he said': Lund, who had not spoken yet)."""
        best, best_at = None, -1
        for full, g in self._known_people().values():
            if g != gender:
                continue
            family = full.rsplit(" ", 1)[-1]
            # (within a few paragraphs: a pronoun does not reach further back, and a bounded search keeps a
            # long text with many pronouns linear)
            lo = max(0, before - _PRONOUN_REACH)
            at = self.text.rfind(family, lo, before)
            while at >= 0 and (at > 0 and self.text[at - 1].isalnum() or self.text[at + len(family):][:1].isalnum()):
                at = self.text.rfind(family, lo, at)  # (a whole word only: not "Lee" in "Leeds")
            if at > best_at:
                best, best_at = full, at
        return self._person(best) if best is not None else None

    def speakers(self) -> tuple[Speaker, ...]:
        # (an entity's mentions are distinct already: note() keeps each once)
        return tuple(
            Speaker(e.name, tuple(e.titles), tuple(sorted(e.mentions, key=lambda m: (m.start, m.end))))
            for e in self.entities
            if e.mentions
        )
