"""The calculators cases run: a programme of the registry, or a function of your own.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
import inspect
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from civaffairs import registry
from civaffairs.decisions import (
    Decision,
)

__all__ = [
    "Calculator",
    "calculator",
    "import_programme_modules",
    "register_calculator",
]


# -- the calculators cases run -----------------------------------------------------------------


@attrs.frozen
class Calculator:
    """A function a case runs: ``function(input, as_of, *, jurisdiction=..., book=...)``.

    ``input_type`` is what the case's ``input`` is structured into (through
    :func:`civaffairs.conversion.structure`); ``programme`` is the programme
    code the decision must carry, or ``None`` when not checked.

    .. versionadded:: 0.1.0
    """

    function: Callable[..., Decision]
    input_type: type
    programme: str | None = None

    def accepts(self, keyword: str) -> bool:
        """Return whether the function takes the keyword argument ``keyword``."""
        try:
            parameters = inspect.signature(self.function).parameters
        except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
            return False
        return keyword in parameters or any(
            p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
        )


_CALCULATORS: dict[str, Calculator] = {}


def register_calculator(
    programme: str,
    function: Callable[..., Decision],
    *,
    input_type: type | None = None,
) -> Calculator:
    """Make ``programme`` (a code used in case files) run ``function``.

    Needed only when the convention of :func:`calculator` does not find it.
    ``input_type`` defaults to the annotation of the function's first
    parameter.  Registering a code again replaces the earlier entry.

    .. versionadded:: 0.1.0
    """
    entry = Calculator(function, input_type or _input_type(function, programme), programme)
    _CALCULATORS[programme] = entry
    return entry


def _input_type(function: Callable[..., Any], spec: str) -> type:
    """Return the annotation of ``function``'s first parameter, which must be a class."""
    try:
        first = next(iter(inspect.signature(function).parameters.values()))
        hints = typing.get_type_hints(function)
    except (StopIteration, TypeError, ValueError, NameError) as exc:
        raise LookupError(f"{spec}: cannot read the input type of {function!r} ({exc})") from None
    kind = hints.get(first.name)
    if not isinstance(kind, type):
        raise LookupError(
            f"{spec}: the first parameter of {function.__qualname__} is not annotated with a "
            "class; register it with register_calculator(..., input_type=...)"
        )
    return kind


def import_programme_modules() -> tuple[types.ModuleType, ...]:
    """Import every registered programme's modules, so every reason code is known.

    Kept for compatibility: :func:`civaffairs.registry.import_all` does the
    same from the registry's static list (programmes are no longer found by
    importing every module), and returns the module names.

    .. versionadded:: 0.1.0
    """
    return tuple(importlib.import_module(name) for name in registry.import_all())


def calculator(spec: str) -> Calculator:
    """Return the calculator for ``spec``, a programme code or ``"module:function"``.

    Resolution, in order: a code given to :func:`register_calculator`;
    ``"package.module:function"``, imported (a calculator of your own); a
    programme code of the :mod:`civaffairs.registry`, whose entry point and
    facts type the registry names.

    >>> calculator("assistance.dibao").input_type.__name__
    'Household'
    >>> calculator("assistance.children").function.__name__
    'assess_application'

    Raises :class:`LookupError` naming what was tried.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Programme codes are looked up in the registry, not guessed from module names.
    """
    registered = _CALCULATORS.get(spec)
    if registered is not None:
        return registered
    if ":" in spec:
        module_name, _, attribute = spec.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise LookupError(f"cannot import {spec!r}: {exc}") from None
        return Calculator(function, _input_type(function, spec), None)
    entry = registry.find(spec)
    if entry is None:
        known = ", ".join(sorted({e.code for e in registry.ENTRIES} | set(_CALCULATORS)))
        raise LookupError(
            f"unknown programme {spec!r} (not in the registry); known programmes: {known}; "
            "a calculator of your own is written 'package.module:function'"
        )
    return Calculator(entry.load(), entry.facts_type(), spec)
