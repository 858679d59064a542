"""``python -m bot`` behaves like ``run_bot.py``."""

import sys

from .cli import main

sys.exit(main())
