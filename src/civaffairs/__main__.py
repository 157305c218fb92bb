"""``python -m civaffairs``: the command line (:mod:`civaffairs.cli`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import sys

from civaffairs.cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program
    sys.exit(main())
