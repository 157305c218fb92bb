"""The columnar engine's former home: its names, kept importable from here.

The engine was one module; it is now three of one idea each:

- :mod:`civaffairs.batch.arrays` — the array operations
  (:data:`~civaffairs.batch.arrays.NUMPY`, :class:`~civaffairs.batch.arrays.NumpyOps`);
- :mod:`civaffairs.batch.plumbing` — what every columnar calculator shares
  (:data:`~civaffairs.batch.plumbing.Frame`, :func:`~civaffairs.batch.plumbing.to_arrow`,
  :data:`~civaffairs.batch.plumbing.SLICE_ROWS`, slices, deciding places, first errors);
- :mod:`civaffairs.batch.dibao` — the 低保 rule in columns
  (:func:`~civaffairs.batch.dibao.assess_table`, :func:`~civaffairs.batch.dibao.prepare`,
  :class:`~civaffairs.batch.dibao.Prepared`, :func:`~civaffairs.batch.dibao.reason_flags`,
  :data:`~civaffairs.batch.dibao.REASON_CATALOGUE`), beside
  :mod:`civaffairs.batch.longevity`.

Import from those modules (or from :mod:`civaffairs.batch`); the names stay importable
from here for code written against this module.

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
   Split into :mod:`~civaffairs.batch.arrays`, :mod:`~civaffairs.batch.plumbing` and
   :mod:`~civaffairs.batch.dibao`; this module re-exports their public names.
"""

from __future__ import annotations

from civaffairs.batch.arrays import NUMPY, NumpyOps
from civaffairs.batch.dibao import REASON_CATALOGUE, Prepared, assess_table, prepare, reason_flags
from civaffairs.batch.plumbing import SLICE_ROWS, Frame, to_arrow

__all__ = [
    "NUMPY",
    "REASON_CATALOGUE",
    "SLICE_ROWS",
    "Frame",
    "NumpyOps",
    "Prepared",
    "assess_table",
    "prepare",
    "reason_flags",
    "to_arrow",
]
