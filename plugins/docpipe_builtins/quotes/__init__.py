"""Built-in plugin: the ``quotes`` stage (rule-based quote attribution, no model).

Submodules: :mod:`.marks` (quote-mark pairing), :mod:`.tokens` (tokens and sentences), :mod:`.lexicon`
(reporting verbs, data in ``reporting_verbs.txt``), :mod:`.words` (word lists the patterns share),
:mod:`.subjects` (noun phrases and subjects of reporting verbs), :mod:`.cues` (cue patterns around direct
quotes), :mod:`.contents` (where a reported content ends), :mod:`.indirect` (indirect and mixed quotes),
:mod:`.questions` (questions put to someone), :mod:`.speakers` (name/title splitting and coreference) and
:mod:`.stage` (:class:`QuoteStage`). See ``docs/quotes.md``. They are the stage's internals: a name without
a leading underscore is shared between them, not a public API (the public names are ``__all__``).

The submodules are plain Python; an installed build compiles them with mypyc when it can (``COMPILED``
says whether this one did; ``docs/quotes.md``, "Speed: the compiled build").
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES

import docpipe
from docpipe.components import StageSpec

from . import contents, cues, indirect, lexicon, marks, questions, speakers, stage, subjects, tokens, words
from .stage import QuoteStage

__all__ = ["COMPILED", "QuoteStage"]

#: True when the stage's modules run as mypyc-compiled extension modules, False when they run as Python.
_MODULES = (contents, cues, indirect, lexicon, marks, questions, speakers, stage, subjects, tokens, words)
COMPILED: bool = all(str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES)) for module in _MODULES)


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("quotes", QuoteStage, description="find direct, indirect and nested quotes and their speakers"))
