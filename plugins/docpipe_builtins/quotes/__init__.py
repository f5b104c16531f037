"""Built-in plugin: the ``quotes`` stage (rule-based quote attribution, pure Python).

Submodules: :mod:`.marks` (quote-mark pairing), :mod:`.tokens` (tokens and sentences), :mod:`.lexicon`
(reporting verbs, data in ``reporting_verbs.txt``), :mod:`.cues` (cue patterns), :mod:`.speakers`
(name/title splitting and coreference) and :mod:`.stage` (:class:`QuoteStage`). See ``docs/quotes.md``.
"""

from __future__ import annotations

import docpipe
from docpipe.components import StageSpec

from .stage import QuoteStage

__all__ = ["QuoteStage"]


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec("quotes", QuoteStage, description="find direct, indirect and nested quotes and their speakers"))
