"""Where the benchmarks find the shared corpora: ``$DOCPIPE_DATA``, else ``../shared/data`` beside the repository.

Every benchmark takes ``--data PATH`` too; this is its default.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def default_data() -> Path:
    return Path(os.environ.get("DOCPIPE_DATA") or (REPO.parent / "shared" / "data"))
