"""The policy-case model: cases, what they expect, results and mismatches, and the errors.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from civaffairs.decisions import (
    Decision,
    Language,
    Outcome,
    Period,
)
from civaffairs.errors import CivaffairsError
from civaffairs.parameters import ParameterBook, Scalar
from civaffairs.testing.cases.calculators import Calculator

__all__ = [
    "CaseEntry",
    "CaseFileError",
    "CaseMismatchError",
    "CaseProblem",
    "CaseResult",
    "Expected",
    "Mismatch",
    "Override",
    "PolicyCase",
    "amount_text",
]


# -- errors ------------------------------------------------------------------------------------


@attrs.frozen
class CaseProblem:
    """One problem in a case file: where (file, case, field) and what.

    ``case`` is ``None`` for a problem with the file itself (a top-level key).

    .. versionadded:: 0.1.0
    """

    file: str
    case: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.case is None else f"{self.file}: case {self.case!r}"
        return f"{where}: {self.field}: {self.message}"


class CaseFileError(CivaffairsError, ValueError):
    """A case file, or one case in it, is malformed; ``problems`` lists every problem.

    .. versionadded:: 0.1.0
    """

    problems: tuple[CaseProblem, ...]

    def __init__(self, problems: Iterable[CaseProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        cases = {problem.case for problem in self.problems}
        what = "policy case file"
        if len(cases) == 1 and None not in cases:
            what = f"policy case {next(iter(cases))!r}"
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid {what}: {count} problem{'s' * (count != 1)}\n{lines}")


class CaseMismatchError(CivaffairsError, AssertionError):
    """A case whose decision differs from what the case expects.

    ``result`` holds the case, the decision and the mismatches; the message is
    :meth:`CaseResult.report`.

    .. versionadded:: 0.1.0
    """

    result: CaseResult

    def __init__(self, result: CaseResult, *, lang: Language = "en") -> None:
        self.result = result
        super().__init__(result.report(lang))


# -- cases -------------------------------------------------------------------------------------


@attrs.frozen
class Override:
    """A value a case puts in force: ``name`` in ``jurisdiction`` is ``value`` from a date.

    .. versionadded:: 0.1.0
    """

    name: str
    jurisdiction: str
    value: Scalar
    effective_from: dt.date
    effective_to: dt.date | None = None
    note: str | None = None

    def __str__(self) -> str:
        end = f" to {self.effective_to}" if self.effective_to else ""
        return f"{self.name} @ {self.jurisdiction} = {self.value} from {self.effective_from}{end}"


@attrs.frozen
class Expected:
    """What a case's decision must be.  ``None`` fields are not checked, except as noted.

    ``amount`` ``None`` means the decision must grant no amount; ``missing``
    is compared exactly (empty: nothing may be missing); ``codes`` must all
    appear among the decision's reasons.  ``payable_from`` and
    ``payable_until`` (first days of months), when given, must equal the
    decision's :attr:`~civaffairs.decisions.Decision.payable_from` and
    :attr:`~civaffairs.decisions.Decision.payable_until`.

    .. versionadded:: 0.1.0
    """

    outcome: Outcome
    amount: Decimal | None = None
    period: Period | None = None
    codes: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    example_data: bool | None = None
    payable_from: dt.date | None = None
    payable_until: dt.date | None = None


@attrs.frozen
class PolicyCase:
    """One worked case, validated: its input is built and its calculator found.

    ``book`` is ``None`` when the case uses the shipped parameter data as is.

    .. versionadded:: 0.1.0
    """

    name: str
    file: str
    as_of: dt.date
    programme: str
    source: str
    input: object
    expected: Expected
    calculator: Calculator = attrs.field(repr=False)
    jurisdiction: str | None = None
    overrides: tuple[Override, ...] = ()
    parameter_files: tuple[str, ...] = ()
    book: ParameterBook | None = attrs.field(default=None, repr=False, eq=False)
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def location(self) -> str:
        """``file:line`` (or the file alone when the line is unknown)."""
        return f"{self.file}:{self.line}" if self.line else self.file


@attrs.frozen
class CaseEntry:
    """A case as read from a file: the case, or the error that keeps it from running.

    .. versionadded:: 0.1.0
    """

    name: str
    index: int
    line: int | None
    case: PolicyCase | None
    error: CaseFileError | None


# -- running and reporting ---------------------------------------------------------------------


@attrs.frozen
class Mismatch:
    """One field where the decision differs from the case: expected and decided, as text.

    .. versionadded:: 0.1.0
    """

    field: str
    expected: str
    decided: str


@attrs.frozen
class CaseResult:
    """A case, the decision its calculator returned and where they differ.

    .. versionadded:: 0.1.0
    """

    case: PolicyCase
    decision: Decision
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        """Whether the decision is what the case expects."""
        return not self.mismatches

    def report(self, lang: Language = "en") -> str:
        """Describe the case and the differences (``-`` expected, ``+`` decided) as text.

        The decision follows, rendered in ``lang`` with its reasons and citations.
        """
        case = self.case
        place = f", jurisdiction {case.jurisdiction}" if case.jurisdiction else ""
        verdict = "passed" if self.passed else "failed"
        lines = [
            f"policy case {case.name!r} {verdict}",
            f"  file: {case.location}",
            f"  programme: {case.programme}, as of {case.as_of.isoformat()}{place}",
            f"  source: {case.source}",
        ]
        lines.extend(f"  override: {item}" for item in case.overrides)
        lines.extend(f"  parameter file: {path}" for path in case.parameter_files)
        lines.append("expected vs decided (- expected, + decided):")
        wrong = {m.field: m for m in self.mismatches}
        for field, shown in _shown(case.expected, self.decision):
            mismatch = wrong.get(field)
            if mismatch is None:
                lines.append(f"  {field}: {shown}")
            else:
                lines.append(f"- {field}: {mismatch.expected}")
                lines.append(f"+ {field}: {mismatch.decided}")
        lines.append("decision:")
        lines.extend(f"  {line}" for line in self.decision.render(lang).splitlines())
        return "\n".join(lines)


def amount_text(decision: Decision) -> str:
    """Return a decision's total amount as text, ``(none)`` when it grants none."""
    return "(none)" if decision.amount is None else str(decision.amount.total)


def _shown(expected: Expected, decision: Decision) -> list[tuple[str, str]]:
    """Return the fields a case checks, in order, with what was decided."""
    fields = [("outcome", decision.outcome.value), ("amount", amount_text(decision))]
    if expected.period is not None:
        period = decision.amount.period.value if decision.amount else "(none)"
        fields.append(("period", period))
    if expected.codes:
        fields.append(("codes", ", ".join(decision.codes)))
    fields.append(("missing", ", ".join(decision.missing) or "(none)"))
    if expected.example_data is not None:
        fields.append(("example_data", str(decision.uses_example_data).lower()))
    return fields
