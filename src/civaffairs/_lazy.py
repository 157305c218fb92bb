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
    package: str, exported: Iterable[str], defined_in: Mapping[str, str] | None = None
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return ``package``'s module ``__getattr__`` and ``__dir__``: exports imported on first use.

    ``exported`` is the package's ``__all__``; ``defined_in`` maps the exported
    names that live in a submodule to that submodule (relative to ``package``);
    every other exported name is a submodule itself.

    >>> getattr_, dir_ = exports("civaffairs", ["Household", "identity"], {"Household": "entities"})
    >>> getattr_("Household").__name__, getattr_("identity").__name__
    ('Household', 'civaffairs.identity')
    >>> "Household" in dir_()
    True
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'civaffairs' has no attribute 'nothing'

    .. versionadded:: 0.1.0
    """
    homes = dict(defined_in or {})
    names = frozenset(exported)
    submodules = names - homes.keys()
    namespace = importlib.import_module(package)  # the package itself, being initialised

    def attribute(name: str) -> object:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        module = homes.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    def listing() -> list[str]:
        return sorted(names | vars(namespace).keys())

    return attribute, listing
