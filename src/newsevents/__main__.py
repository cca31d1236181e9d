"""``python -m newsevents``: the same as the ``newsevents`` command."""

import sys

from .cli import main

sys.exit(main())
