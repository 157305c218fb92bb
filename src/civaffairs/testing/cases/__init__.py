"""Policy cases as data: worked examples in TOML, decided by the real calculators.

A *case file* states worked cases — the regulation's own examples, the
boundaries a case worker asks about — and what the decision must be.  Any
project can keep such files next to its tests; the pytest plugin
(:mod:`civaffairs.testing.pytest_plugin`) collects files named
``*.cases.toml`` (or every ``*.toml`` under a configured directory) and runs
each case as one test.  The same checks are available without pytest::

    >>> from civaffairs.testing.cases import parse_cases, run_case
    >>> text = '''
    ... programme = "assistance.dibao"
    ...
    ... [[case]]
    ... name = "urban single person, 720 yuan of income"
    ... as_of = 2025-08-01
    ... source = "社会救助暂行办法 第九条, 第十二条; 渝民规〔2025〕6号 (urban 770)"
    ... expected = { outcome = "eligible", amount = "50.00" }
    ... [case.input]
    ... id = "H1"
    ... incomes = [{ type = "transfer", monthly = "720", member = "a" }]
    ... [[case.input.members]]
    ... relationship = "applicant"
    ... lives_together = true
    ... person.id = "a"
    ... person.birth_date = 1960-01-01
    ... person.sex = "female"
    ... person.registration = { jurisdiction = "500156", kind = "urban" }
    ... '''
    >>> [case] = parse_cases(text, "example.cases.toml")
    >>> result = run_case(case)
    >>> result.passed, result.decision.amount.total
    (True, Decimal('50.00'))

The format
----------

Top level (all optional except ``case``):

``programme``
    The default programme of the file's cases.
``jurisdiction``
    The default place where applications are decided.
``parameter_files``
    Record books (the format of ``civaffairs/books/``),
    relative to the case file, loaded over the shipped data for every case.
``overrides``
    Parameter overrides for every case (see below), applied before a case's own.
``[[case]]``
    One table per case.

Each case:

``name`` (required)
    Unique in the file; the test's name.
``as_of`` (required)
    The date decided on, a TOML date (``2025-08-01``, unquoted).
``source`` (required)
    The rule the case exercises: document, article, figure.
``programme``
    A programme code (``"assistance.dibao"``) or ``"package.module:function"``
    for a calculator of your own (see :func:`calculator`).
``jurisdiction``
    Where the application is decided (default: the calculator's own default,
    the applicant's place of registration).
``input``
    The calculator's input (a household for most programmes): a JSON string,
    or a TOML table in the same shape (TOML dates and decimals are accepted).
``overrides``
    An array of tables ``{ name, jurisdiction, value, from, to, note }``: the
    parameter ``name`` is ``value`` in ``jurisdiction`` from the date ``from``
    (until ``to``, inclusive, if given).  Overridden values are ``example``
    data, so the decision's ``example_data`` is true wherever one is used.
``expected`` (required)
    ``outcome`` (required: ``eligible``, ``not_eligible``, ``cannot_decide``);
    ``amount`` — the total as a decimal string, integer or TOML decimal; leave
    it out when the decision grants no amount; ``period`` (``monthly``,
    ``one_off``, ``fee_waived``); ``codes`` — reason codes that must all
    appear; ``missing`` — exactly the paths of missing facts (none if left
    out); ``example_data`` — whether the decision used example data (not
    checked if left out).

Unknown keys, bad dates, bad values and unknown programmes are reported with
the file, the case and the field (:class:`CaseFileError`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.testing.cases.calculators import (
    Calculator,
    calculator,
    import_programme_modules,
    register_calculator,
)
from civaffairs.testing.cases.model import (
    CaseEntry,
    CaseFileError,
    CaseMismatchError,
    CaseProblem,
    CaseResult,
    Expected,
    Mismatch,
    Override,
    PolicyCase,
)
from civaffairs.testing.cases.parser import load_cases, parse_cases, read_case_file
from civaffairs.testing.cases.runner import check_case, run_case

__all__ = [
    "Calculator",
    "CaseEntry",
    "CaseFileError",
    "CaseMismatchError",
    "CaseProblem",
    "CaseResult",
    "Expected",
    "Mismatch",
    "Override",
    "PolicyCase",
    "calculator",
    "check_case",
    "import_programme_modules",
    "load_cases",
    "parse_cases",
    "read_case_file",
    "register_calculator",
    "run_case",
]
