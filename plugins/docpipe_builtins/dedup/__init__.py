"""Built-in plugin ``docpipe.dedup``: the ``dedup`` stage (duplicates inside and across documents).

Submodules, one job each: :mod:`.normalize` (text normalisation, content hash),
:mod:`.minhash` (shingles and MinHash signatures), :mod:`.lsh` (banding, verification,
union-find), :mod:`.index` (the SQLite index), :mod:`.in_document` (repeats inside one
document), :mod:`.stage` (the stage), :mod:`.clean_view` (the ``--drop-duplicates``
export view). Documentation: ``docs/dedup.md``.
"""

from __future__ import annotations

import docpipe
from docpipe.components import StageSpec

from docpipe_builtins.dedup.clean_view import drop_duplicates
from docpipe_builtins.dedup.stage import DedupStage

__all__ = ["DedupStage", "drop_duplicates"]


@docpipe.hookimpl
def docpipe_register_stages(register):
    register(StageSpec(
        "dedup", DedupStage,
        description="link repeated paragraphs, sentences and quotes, and exact/near-duplicate documents "
                    "(MinHash LSH, optional persistent SQLite index)",
    ))
