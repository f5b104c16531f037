"""``python -m docpipe`` runs the ``docpipe`` command."""

import sys

from docpipe.cli.main import main

sys.exit(main())
