"""Built-in plugin: the ``quotes`` stage (rule-based quote attribution, no model).

Submodules: :mod:`.marks` (quote-mark pairing), :mod:`.tokens` (tokens and sentences), :mod:`.lexicon`
(reporting verbs, data in ``reporting_verbs.txt``), :mod:`.cues` (cue patterns), :mod:`.speakers`
(name/title splitting and coreference) and :mod:`.stage` (:class:`QuoteStage`). See ``docs/quotes.md``.

The submodules are plain Python; an installed build compiles them with mypyc when it can (``COMPILED``
says whether this one did; ``docs/quotes.md``, "Speed: the compiled build").
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES

import docpipe
from docpipe.components import StageSpec

from . import cues, lexicon, marks, speakers, stage, tokens
from .stage import QuoteStage

__all__ = ["COMPILED", "QuoteStage"]

#: True when the stage's modules run as mypyc-compiled extension modules, False when they run as Python.
COMPILED: bool = all(
    str(module.__file__).endswith(tuple(EXTENSION_SUFFIXES)) for module in (cues, lexicon, marks, speakers, stage, tokens)
)


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("quotes", QuoteStage, description="find direct, indirect and nested quotes and their speakers"))
