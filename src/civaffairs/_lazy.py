"""Lazy package exports: a package names its parts without importing them all.

``from civaffairs.assistance import dibao`` must not import every programme of
the area, nor ``import civaffairs.identity`` the JSON converter: a package lists
what it exports — its submodules, and names that live in a submodule — and
:func:`exports` returns the module-level ``__getattr__`` (PEP 562) that imports
a name the first time it is read.  Type checkers read the same names
from an ``if TYPE_CHECKING:`` import block beside the table.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping

__all__ = ["exports"]


def exports(
    package: str, modules: Iterable[str] = (), names: Mapping[str, str] | None = None
) -> Callable[[str], object]:
    """Return a module ``__getattr__`` for ``package`` that imports what it exports on first use.

    ``modules`` are submodules exported as themselves; ``names`` maps an exported
    name to the submodule (relative to ``package``, or absolute when it starts
    with ``civaffairs.``) that defines it.

    >>> getattr_ = exports("civaffairs", ["identity"], {"Household": "entities"})
    >>> getattr_("Household").__name__, getattr_("identity").__name__
    ('Household', 'civaffairs.identity')
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'civaffairs' has no attribute 'nothing'

    .. versionadded:: 0.1.0
    """
    submodules = frozenset(modules)
    defined_in = dict(names or {})

    def attribute(name: str) -> object:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        module = defined_in.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        where = module if module.startswith("civaffairs.") else f"{package}.{module}"
        return getattr(importlib.import_module(where), name)

    return attribute
