"""docpipe-keywords: an example third-party docpipe plugin.

It registers one processing stage, ``keywords``, that adds its own annotations to each
document in ``doc.spans["keywords"]``:

* ``name`` spans: runs of capitalised words ("Foreign Minister Anna Berg", "Ministry of
  Foreign Affairs"), a cheap stand-in for a named-entity tagger;
* ``keyword`` spans: whole-word occurrences of a configurable keyword list.

docpipe finds the plugin through the ``docpipe`` entry point in ``pyproject.toml``; once the
package is installed, ``docpipe stages`` lists ``keywords`` and
``docpipe run --stages quotes,keywords FILE`` runs it. Options come from the pipeline file::

    [stages.keywords]
    keywords = ["embassy", "sanctions"]
    min_name_words = 2
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import docpipe
from docpipe import Document, Span, StageSpec

__version__ = "0.1.0"

#: Words that may join capitalised words inside one name ("Ministry of Foreign Affairs").
DEFAULT_CONNECTORS = ("of", "for", "de", "van", "von", "al", "bin", "and")
#: Capitalised words that start sentences rather than names: dropped from the front of a name.
DEFAULT_LEADING_STOPWORDS = ("The", "A", "An", "This", "That", "These", "Those", "But", "And", "In", "On", "At",
                             "As", "If", "When", "While", "After", "Before", "Our", "We", "It", "He", "She")
#: Paragraph roles searched by default; boilerplate (newsletter plugs, copyright lines) is skipped.
DEFAULT_ROLES = ("title", "body", "byline", "dateline", "caption", "heading", "quote_block", "list_item")

_CAPITALISED = r"[^\W\d_a-z][\w’'\-]*"  # a word starting with an upper-case letter


class KeywordTagger:
    """The ``keywords`` stage. A plain object with plain attributes, so it pickles to worker processes.

    :param keywords: words or phrases to tag with the label ``keyword`` (whole words only).
    :param case_sensitive: match ``keywords`` with their exact case (default: ignore case).
    :param names: tag runs of capitalised words with the label ``name``.
    :param min_name_words: the fewest capitalised words a name needs; the default 2 keeps the
        capitalised first word of every sentence from counting as a name.
    :param connectors: lower-case words allowed between the capitalised words of one name.
    :param leading_stopwords: capitalised words dropped from the start of a name ("The Taliban" -> "Taliban").
    :param roles: paragraph roles to search; documents without paragraphs are searched whole.
    :param group: the ``doc.spans`` group to write (replaced, never merged, so reruns are idempotent).
    """

    name = "keywords"

    def __init__(
        self,
        keywords: Iterable[str] = (),
        case_sensitive: bool = False,
        names: bool = True,
        min_name_words: int = 2,
        connectors: Iterable[str] = DEFAULT_CONNECTORS,
        leading_stopwords: Iterable[str] = DEFAULT_LEADING_STOPWORDS,
        roles: Iterable[str] = DEFAULT_ROLES,
        group: str = "keywords",
    ) -> None:
        if min_name_words < 1:
            raise ValueError(f"min_name_words must be at least 1, got {min_name_words}")
        self.keywords = tuple(k for k in keywords if k.strip())
        self.case_sensitive = case_sensitive
        self.names = names
        self.min_name_words = min_name_words
        self.connectors = tuple(connectors)
        self.leading_stopwords = frozenset(leading_stopwords)
        self.roles = tuple(roles)
        self.group = group
        # Compiled patterns pickle (by pattern and flags), so building them here is fine.
        self._keyword_re = self._compile_keywords()
        self._name_re = self._compile_names()

    def _compile_keywords(self) -> re.Pattern[str] | None:
        if not self.keywords:
            return None
        # Longest first, so "foreign minister" wins over "minister" at the same place.
        alternatives = "|".join(re.escape(k) for k in sorted(set(self.keywords), key=len, reverse=True))
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)

    def _compile_names(self) -> re.Pattern[str]:
        joiner = r"[ \t]+"
        if self.connectors:
            connectors = "|".join(re.escape(c) for c in self.connectors)
            joiner = rf"[ \t]+(?:(?:{connectors})[ \t]+)?"
        return re.compile(rf"(?<!\w){_CAPITALISED}(?:{joiner}{_CAPITALISED})*")

    def _regions(self, doc: Document) -> list[tuple[int, int]]:
        if not doc.paragraphs:
            return [(0, len(doc.text))]
        return [(p.start, p.end) for p in doc.paragraphs if p.role in self.roles and p.duplicate_of is None]

    def find(self, doc: Document) -> list[Span]:
        """The spans this stage would add to ``doc``, sorted by position."""
        spans: list[Span] = []
        for start, end in self._regions(doc):
            if self.names:
                for m in self._name_re.finditer(doc.text, start, end):
                    span = self._name_span(m)
                    if span is not None:
                        spans.append(span)
            if self._keyword_re is not None:
                for m in self._keyword_re.finditer(doc.text, start, end):
                    spans.append(Span(m.start(), m.end(), "keyword", {"keyword": m.group().lower()}))
        spans.sort(key=lambda s: (s.start, -s.end, s.label))
        return spans

    def _name_span(self, match: re.Match[str]) -> Span | None:
        """The name in a run of capitalised words, without leading stop words, if long enough."""
        words = [(w.start() + match.start(), w.group()) for w in re.finditer(r"\S+", match.group())]
        while words and words[0][1] in self.leading_stopwords:
            words.pop(0)
        capitalised = [w for _, w in words if w not in self.connectors]
        if not words or len(capitalised) < self.min_name_words:
            return None
        return Span(words[0][0], match.end(), "name", {"words": len(capitalised)})

    def process(self, doc: Document) -> Document:
        # Never touch doc.text: annotations only, through evolve().
        return doc.evolve(spans={**doc.spans, self.group: self.find(doc)})

    def __repr__(self) -> str:
        return f"<stage keywords keywords={list(self.keywords)} names={self.names}>"


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("keywords", KeywordTagger,
                       description="tag capitalised names and chosen keywords in doc.spans['keywords']"))
