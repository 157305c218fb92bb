"""civaffairs: Chinese civil-affairs (民政) policy as typed, cited, exact Python.

The main entry points are here::

    >>> import civaffairs
    >>> [entry.code for entry in civaffairs.entries("funeral")]
    ['funeral.subsidy', 'funeral.waiver']
    >>> civaffairs.entry("assistance.dibao").zh
    '最低生活保障'

- :func:`assess` decides one request under any programme of the
  :mod:`~civaffairs.registry` (:func:`entry`, :func:`entries`, :data:`ENTRIES`);
- :class:`Household`, :class:`Member`, :class:`Person` and the other facts of
  :mod:`civaffairs.entities` (对象);
- :class:`ParameterBook` and :func:`default_book`, the dated, sourced parameters;
- :class:`Decision` and :class:`Outcome`, what the rules return;
- :func:`loads` and :func:`dumps`, JSON in and out (:mod:`civaffairs.conversion`);
- :class:`CivaffairsError`, the one exception family, and
  :class:`InvalidInputError`, what bad input raises.

The core modules hold the shared mechanisms: :mod:`civaffairs.entities`,
:mod:`civaffairs.identity` (resident ID numbers, masked),
:mod:`civaffairs.jurisdictions` (GB/T 2260), :mod:`civaffairs.parameters`,
:mod:`civaffairs.decisions`, :mod:`civaffairs.conversion`,
:mod:`civaffairs.errors`, :mod:`civaffairs.labels`, :mod:`civaffairs.money`,
:mod:`civaffairs.dates` and :mod:`civaffairs.registry`.  Programmes sit
above it, by area: :mod:`civaffairs.assistance` (社会救助),
:mod:`civaffairs.eldercare` (养老服务), :mod:`civaffairs.funeral` (殡葬);
:mod:`civaffairs.targets` holds the work plans' targets.  Nothing here
imports a programme until it is asked for.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civaffairs._lazy import exports

if TYPE_CHECKING:
    from civaffairs.conversion import dumps, loads
    from civaffairs.decisions import Decision, Outcome
    from civaffairs.entities import Household, Member, Person, Registration, RegistrationKind
    from civaffairs.errors import CivaffairsError, InvalidInputError
    from civaffairs.parameters import ParameterBook, default_book
    from civaffairs.registry import ENTRIES, Entry, assess, entries, entry

__version__ = "0.1.0"

__all__ = [
    "ENTRIES",
    "CivaffairsError",
    "Decision",
    "Entry",
    "Household",
    "InvalidInputError",
    "Member",
    "Outcome",
    "ParameterBook",
    "Person",
    "Registration",
    "RegistrationKind",
    "__version__",
    "assess",
    "default_book",
    "dumps",
    "entries",
    "entry",
    "loads",
]

if not TYPE_CHECKING:  # imported on first use: ``import civaffairs.identity`` loads no converter
    _DEFINED_IN = {
        "dumps": "conversion",
        "loads": "conversion",
        "Decision": "decisions",
        "Outcome": "decisions",
        "Household": "entities",
        "Member": "entities",
        "Person": "entities",
        "Registration": "entities",
        "RegistrationKind": "entities",
        "CivaffairsError": "errors",
        "InvalidInputError": "errors",
        "ParameterBook": "parameters",
        "default_book": "parameters",
        "ENTRIES": "registry",
        "Entry": "registry",
        "assess": "registry",
        "entries": "registry",
        "entry": "registry",
    }
    __getattr__, __dir__ = exports(__name__, __all__, _DEFINED_IN)
