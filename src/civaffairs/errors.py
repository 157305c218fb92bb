"""The one exception family of civaffairs.

Every error the library raises on purpose is a :class:`CivaffairsError`.  Each
subclass also subclasses the matching builtin (as hypothesis's
``InvalidArgument(HypothesisException, TypeError)`` does), so callers that
already catch ``ValueError`` or ``LookupError`` keep working.

Errors about input carry structured attributes: ``path`` (a JSON-path-like
location such as ``$.members[0].income``), ``expected`` (what would have been
accepted) and ``value`` (the offending value, **already masked** when it is
personal data).  Messages are built from these attributes only, so an error
never leaks a resident ID number or a name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from civaffairs.privacy import printable

__all__ = [
    "CivaffairsError",
    "DuplicateIdentityError",
    "InvalidDocumentError",
    "InvalidInputError",
    "InvalidResidentIdError",
    "ParameterError",
    "ParameterFileError",
    "ParameterNotFoundError",
    "ParameterOutOfRangeError",
    "ParameterRelationError",
    "UnknownJurisdictionError",
]


class CivaffairsError(Exception):
    """Base class of every error raised by civaffairs on purpose.

    Errors copy and pickle with their structured attributes (so they survive
    ``copy.copy`` and a trip to a worker process).

    .. versionadded:: 0.1.0
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[CivaffairsError], args: tuple[object, ...], state: dict[str, object]
) -> CivaffairsError:
    """Recreate an error without calling its ``__init__`` (used by pickle and copy)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class InvalidInputError(CivaffairsError, ValueError):
    """A value was refused: it names the field by path, the value and what was expected.

    ``value`` must already be safe to show (masked when it is personal data).
    Terminal control characters in the path, the value and the expectation are
    escaped (:func:`civaffairs.privacy.printable`), so an echoed id cannot
    rewrite the screen.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Control characters are escaped.
    """

    path: str
    value: str
    expected: str

    def __init__(self, path: str, value: object, expected: str, *, detail: str = "") -> None:
        self.path = path
        self.value = value if isinstance(value, str) else repr(value)
        self.expected = expected
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        path, value = printable(self.path), printable(self.value)
        text = f"{path}: got {value}, expected {printable(self.expected)}"
        return f"{text} ({printable(self.detail)})" if self.detail else text

    def refresh(self) -> None:
        """Rebuild the message after ``path`` or ``value`` was changed (masking, re-rooting)."""
        self.args = (self._message(),)

    def at(self, prefix: str) -> InvalidInputError:
        """Return a copy of this error whose path is placed under ``prefix``.

        ``prefix`` is a path such as ``$.members[0]``; this error's own path,
        relative (``$.income``) or absolute, is appended to it.
        """
        own = self.path[1:] if self.path.startswith("$") else f".{self.path}"
        clone = copy.copy(self)
        clone.path = f"{prefix}{own}"
        clone.refresh()
        return clone


class DuplicateIdentityError(InvalidInputError):
    """One identity given twice: ``path`` repeats what ``earlier`` already gave.

    A resident ID, a person id or a household id may appear only once in a
    household, a request or a batch; the message names both paths
    (``$.members[2].person.resident_id duplicates $.members[0].person.resident_id``)
    and ``value`` holds the masked value.  :meth:`at` places both under a prefix.

    .. versionadded:: 0.1.0
    """

    earlier: str

    def __init__(self, path: str, value: object, expected: str, *, earlier: str) -> None:
        self.earlier = earlier
        super().__init__(path, value, expected)

    def _message(self) -> str:
        return f"{self.path} duplicates {self.earlier}: got {self.value}, expected {self.expected}"

    def at(self, prefix: str) -> InvalidInputError:
        """Return a copy with both paths under ``prefix`` (as :meth:`InvalidInputError.at`)."""
        clone = super().at(prefix)
        assert isinstance(clone, DuplicateIdentityError)  # noqa: S101 - copy keeps the class
        own = self.earlier[1:] if self.earlier.startswith("$") else f".{self.earlier}"
        clone.earlier = f"{prefix}{own}"
        clone.args = (clone._message(),)
        return clone


class InvalidResidentIdError(InvalidInputError):
    """A resident identity number (GB 11643-1999) failed validation.

    The ``value`` attribute holds the masked number only.

    .. versionadded:: 0.1.0
    """


class InvalidDocumentError(CivaffairsError, ValueError):
    """A JSON document (or other structured input) had one or more bad fields.

    ``errors`` lists every bad field, not only the first.

    .. versionadded:: 0.1.0
    """

    errors: tuple[InvalidInputError, ...]

    def __init__(self, errors: Iterable[InvalidInputError], *, what: str = "document") -> None:
        self.errors = tuple(errors)
        lines = "\n".join(f"  - {error}" for error in self.errors)
        count = len(self.errors)
        super().__init__(f"invalid {what}: {count} problem{'s' if count != 1 else ''}\n{lines}")


class UnknownJurisdictionError(CivaffairsError, LookupError):
    """A GB/T 2260 code or Chinese name that the shipped table does not hold.

    .. versionadded:: 0.1.0
    """

    def __init__(self, query: str, *, detail: str = "") -> None:
        self.query = query
        message = f"unknown jurisdiction {query!r}"
        super().__init__(f"{message}: {detail}" if detail else message)


class ParameterError(CivaffairsError, LookupError):
    """Base class of parameter look-up failures.

    .. versionadded:: 0.1.0
    """


class ParameterNotFoundError(ParameterError):
    """No jurisdiction on the resolution chain defines the parameter.

    .. versionadded:: 0.1.0
    """

    def __init__(self, name: str, jurisdiction: str, chain: Iterable[str]) -> None:
        self.name = name
        self.jurisdiction = jurisdiction
        self.chain = tuple(chain)
        super().__init__(
            f"parameter {name!r} is not defined for {jurisdiction} "
            f"(looked in {' -> '.join(self.chain)})"
        )


class ParameterOutOfRangeError(ParameterError):
    """The parameter exists but no value covers the requested date; never extrapolated.

    ``on`` is the requested date as ISO text; ``covered`` lists, per
    jurisdiction on the chain, the periods that are covered.

    .. versionadded:: 0.1.0
    """

    def __init__(
        self,
        name: str,
        jurisdiction: str,
        on: str,
        covered: Iterable[tuple[str, str]],
    ) -> None:
        self.name = name
        self.jurisdiction = jurisdiction
        self.on = on
        self.covered = tuple(covered)
        ranges = "; ".join(f"{code}: {span}" for code, span in self.covered)
        super().__init__(
            f"parameter {name!r} has no value for {jurisdiction} on {on}; covered: {ranges}"
        )


class ParameterFileError(CivaffairsError, ValueError):
    """A parameter file is malformed: unknown key, duplicate date, bad unit, ...

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, source: str, problems: Iterable[str], *, what: str = "parameter file"
    ) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid {what} {source}:\n{lines}")


class ParameterRelationError(CivaffairsError, ValueError):
    """A parameter book breaks a legal relation between parameters (``relations.RELATIONS``).

    Raised after a file load or an override that leaves, say, a county's 低保
    standard below its province's floor.  ``violations`` lists each broken
    relation with the parameter, the place and the date.

    .. versionadded:: 0.1.0
    """

    def __init__(self, source: str, violations: Iterable[str]) -> None:
        self.source = source
        self.violations = tuple(violations)
        lines = "\n".join(f"  - {v}" for v in self.violations)
        count = len(self.violations)
        super().__init__(
            f"{source} breaks {count} legal relation{'s' if count != 1 else ''} "
            f"between parameters:\n{lines}"
        )
