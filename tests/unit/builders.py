"""Small builders for unit tests: households of 武隆区 (500156) unless told otherwise.

Also :func:`screen`, which runs the ``civaffairs screen`` command in-process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from collections.abc import Sequence

from civaffairs.batch import cli as batch_cli
from civaffairs.entities import (
    Asset,
    Disability,
    Household,
    Income,
    IncomeType,
    Member,
    Person,
    Registration,
    RegistrationKind,
    Relationship,
    Sex,
    SpecialStatus,
)

WULONG = "500156"
ON = dt.date(2025, 8, 1)


def person(
    pid: str,
    *,
    born: dt.date = dt.date(1980, 1, 1),
    kind: RegistrationKind = RegistrationKind.RURAL,
    where: str = WULONG,
    disability: Disability | None = None,
    ill: bool | None = False,
    statuses: Sequence[SpecialStatus] = (),
) -> Person:
    return Person(
        pid,
        born,
        Sex.FEMALE,
        Registration(where, kind),
        disability=disability,
        serious_illness=ill,
        statuses=frozenset(statuses),
    )


def household(
    *members: tuple[Person, Relationship],
    incomes: Sequence[Income] = (),
    assets: Sequence[Asset] = (),
    lives_together: bool | None = True,
) -> Household:
    return Household(
        "H",
        members=[Member(p, r, lives_together=lives_together) for p, r in members],
        incomes=incomes,
        assets=assets,
    )


def rural_family(
    size: int, income: str, *, kind: RegistrationKind = RegistrationKind.RURAL
) -> Household:
    """An applicant, a spouse and minor children, with ``income`` as the applicant's wages."""
    members = [(person("a", kind=kind), Relationship.APPLICANT)]
    if size > 1:
        members.append((person("s", kind=kind), Relationship.SPOUSE))
    members.extend(
        (person(f"c{i}", born=dt.date(2015, 1, 1), kind=kind), Relationship.CHILD)
        for i in range(size - 2)
    )
    return household(*members, incomes=[Income(IncomeType.WAGES, income, member="a")])


def screen(*argv: str) -> tuple[int, str, str]:
    """Run ``civaffairs screen`` with ``argv``; return (exit status, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="civaffairs")
    batch_cli.register(parser.add_subparsers(dest="command"))
    out, err = io.StringIO(), io.StringIO()
    code = batch_cli.run(parser.parse_args(["screen", *argv]), out, err)
    return code, out.getvalue(), err.getvalue()
