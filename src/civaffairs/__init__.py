"""civaffairs: Chinese civil-affairs (民政) policy as typed, cited, exact Python.

The core (this package's top-level modules) holds the shared mechanisms:

- :mod:`civaffairs.entities` — persons and households (对象);
- :mod:`civaffairs.identity` — resident ID numbers (GB 11643-1999), masked;
- :mod:`civaffairs.jurisdictions` — GB/T 2260 divisions;
- :mod:`civaffairs.parameters` — the dated, sourced parameter book;
- :mod:`civaffairs.decisions` — decisions with reasons and citations;
- :mod:`civaffairs.conversion` — JSON in and out;
- :mod:`civaffairs.errors` — the one exception family.

Programmes sit above it: :mod:`civaffairs.assistance` (社会救助).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
