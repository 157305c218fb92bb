"""特困 members: the decisions a household programme is given about them.

低保, 低保边缘 and 刚性支出困难 support a member once: one who meets every 特困 condition is
left out where ``assistance.dibao.members.exclude_extreme_poverty`` says so.  The caller
passes the members' 特困 decisions; :func:`extreme_poverty_status` checks them
(:func:`check_decision`) and says who is recognised and who is undecided, and
:func:`undecided_choices` / :func:`undecided_matters` decide every way where an undecided
member could change the answer.

Part of :mod:`civaffairs.assistance.means`, which re-exports every name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Sequence

import attrs

from civaffairs.assistance.means.family import Family, HouseholdCodes, registration_and_family
from civaffairs.decisions import Citation, Decision, Reason, ReasonCode
from civaffairs.entities import (
    Household,
    Member,
)
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "EXCLUDE_EXTREME_POVERTY",
    "EXTREME_POVERTY_PROGRAMME",
    "MAX_UNDECIDED",
    "ExtremePovertyStatus",
    "FamilyApart",
    "LayerCodes",
    "check_decision",
    "extreme_poverty_status",
    "family_apart",
    "undecided_choices",
    "undecided_matters",
]


# -- 特困 members: the decisions a household programme is given about them ----------------------

#: The programme code of extreme-poverty (特困) decisions the household programmes accept.
EXTREME_POVERTY_PROGRAMME = "assistance.extreme_poverty"

#: The parameter that leaves a 特困 member out of the household of 低保, 低保边缘 and 刚性支出困难
#: (no double coverage; 57号 art. 7 second paragraph (三) lets provinces name such persons).
#:
#: .. versionadded:: 0.1.0
EXCLUDE_EXTREME_POVERTY = "assistance.dibao.members.exclude_extreme_poverty"


def check_decision(
    decision: object, programme_code: str, path: str, on: dt.date, where: str | None = None
) -> Decision:
    """Check that an input decision is of ``programme_code``, on ``on`` (and in ``where``).

    Raises :class:`~civaffairs.errors.InvalidInputError` naming ``path``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(decision, Decision):
        raise InvalidInputError(path, type(decision).__name__, f"a Decision of {programme_code}")
    if decision.programme != programme_code:
        raise InvalidInputError(
            f"{path}.programme", decision.programme, f"a decision of {programme_code}"
        )
    if decision.as_of != on:
        raise InvalidInputError(
            f"{path}.as_of", decision.as_of.isoformat(), f"the same as-of date {on.isoformat()}"
        )
    if where is not None and decision.jurisdiction != where:
        raise InvalidInputError(
            f"{path}.jurisdiction", decision.jurisdiction, f"the deciding jurisdiction {where}"
        )
    return decision


@attrs.frozen
class ExtremePovertyStatus:
    """What the members' 特困 decisions say about the household's layer.

    ``recognised`` holds the subjects of the members found to meet every
    特困 condition (:func:`civaffairs.assistance.extreme_poverty.meets_conditions`
    is ``True``, even when the amount is not yet decided); ``unknown`` the
    subjects whose conditions are not yet decided, and ``missing`` the facts
    those decisions lack, in order and without repeats.  ``recognised_ids``
    and ``unknown_ids`` are the same members' ids.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``recognised_ids`` and ``unknown_ids``.
    """

    recognised: tuple[str, ...]
    unknown: tuple[str, ...]
    missing: tuple[str, ...]
    recognised_ids: tuple[str, ...] = ()
    unknown_ids: tuple[str, ...] = ()


#: At most this many members with undecided 特困 conditions are decided every way (2ⁿ).
MAX_UNDECIDED = 4


def undecided_choices(unknown: Sequence[str]) -> tuple[frozenset[str], ...] | None:
    """Every set of the members whose 特困 conditions are undecided that may be left out.

    The empty set first, then every subset by size; ``None`` when there are more
    than :data:`MAX_UNDECIDED` of them (the decision then waits for the facts).
    低保 and 低保边缘 decide each way and compare (no double coverage,
    ``assistance.dibao.members.exclude_extreme_poverty``).

    .. versionadded:: 0.1.0
    """
    if len(unknown) > MAX_UNDECIDED:
        return None
    return tuple(
        frozenset(chosen)
        for size in range(len(unknown) + 1)
        for chosen in itertools.combinations(unknown, size)
    )


def undecided_matters(
    counted: Sequence[tuple[int, Member]],
    unknown_ids: Iterable[str],
    *,
    passed: bool,
    decide: Callable[[list[tuple[int, Member]]], bool],
) -> bool:
    """Whether leaving out members whose 特困 conditions are undecided changes a test's result.

    ``decide`` runs the test on the counted members left; ``passed`` is its result with
    none left out.  Every way of leaving some of them out is tried (for up to
    :data:`MAX_UNDECIDED` members, see :func:`undecided_choices`; more always matter).
    An empty rest fails.  低保边缘 and 刚性支出困难 share this, so that an undecided
    member holds a decision up only where the answer turns on them.

    .. versionadded:: 0.1.0
    """
    unknown_set = set(unknown_ids)
    choices = undecided_choices([m.person.id for _, m in counted if m.person.id in unknown_set])
    if choices is None:
        return True
    for chosen in choices[1:]:
        rest = [(i, m) for i, m in counted if m.person.id not in chosen]
        if (bool(rest) and decide(rest)) != passed:
            return True
    return False


@functools.cache
def _meets_conditions() -> Callable[[Decision], bool | None]:
    """Return :func:`civaffairs.assistance.extreme_poverty.meets_conditions`, imported once.

    The 特困 package tests its income and property with this module's mechanism: imported
    when first needed, not at load, so that neither module needs the other loaded first;
    remembered, since an import statement in a function costs microseconds on every call.
    """
    from civaffairs.assistance.extreme_poverty import meets_conditions  # noqa: PLC0415

    return meets_conditions


def _subjects(household: Household) -> dict[str, str]:
    """Each member's id by the subject its decisions show (``"<household> (<label>)"``)."""
    return {f"{household.id} ({m.person.label})": m.person.id for m in household.members}


def extreme_poverty_status(
    household: Household,
    decisions: Iterable[Decision],
    on: dt.date,
    path: str = "$.extreme_poverty",
) -> ExtremePovertyStatus:
    """Check the members' 特困 decisions and say which recognise, and which cannot yet decide.

    Each decision must be a 特困 decision on ``on`` about a member of
    ``household``: named by id in :attr:`~civaffairs.decisions.Decision.person`
    where the decision sets it, else by its ``subject``; otherwise
    :class:`~civaffairs.errors.InvalidInputError` names ``path[index]``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 matched by ``Decision.person`` where set.
    """
    meets_conditions = _meets_conditions()
    ids = {m.person.id for m in household.members}
    # Masked labels are dear to build: only for a decision that names no member by id.
    subjects: dict[str, str] | None = None
    recognised: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []
    missing: dict[str, None] = {}
    for index, item in enumerate(decisions):
        check_decision(item, EXTREME_POVERTY_PROGRAMME, f"{path}[{index}]", on)
        if item.person is not None:
            # The structured reference (Decision.person): matched by member id.
            if item.person not in ids:
                raise InvalidInputError(
                    f"{path}[{index}].person", item.person, f"the id of a member ({sorted(ids)})"
                )
            member = item.person
        elif item.subject in (subjects := subjects or _subjects(household)):
            # A decision without it (from an older caller): its subject as decisions show it.
            member = subjects[item.subject]
        else:
            raise InvalidInputError(
                f"{path}[{index}].subject", item.subject, "a member of this household"
            )
        met = meets_conditions(item)
        if met:
            recognised.append((item.subject, member))
        elif met is None:
            unknown.append((item.subject, member))
            missing.update(dict.fromkeys(item.missing))
    return ExtremePovertyStatus(
        tuple(s for s, _ in recognised),
        tuple(s for s, _ in unknown),
        tuple(missing),
        tuple(m for _, m in recognised),
        tuple(m for _, m in unknown),
    )


@attrs.frozen
class FamilyApart:
    """The family of a household programme below 低保, with the 特困 members it leaves out.

    ``exclude`` is the value of :data:`EXCLUDE_EXTREME_POVERTY` (read, with ``used``, only
    when some member's 特困 decision recognises them or is undecided); ``supported`` the ids
    of the recognised members left out; ``family`` the outcome of
    :func:`~civaffairs.assistance.means.registration_and_family` without them.

    .. versionadded:: 0.1.0
    """

    family: Family
    exclude: bool
    used: ParameterValue | None
    supported: frozenset[str]

    @property
    def left_out(self) -> tuple[Member, ...]:
        """The members left out because they are supported as 特困."""
        return tuple(m for _, m, _why in self.family.excluded if m.person.id in self.supported)

    def tested(
        self,
        status: ExtremePovertyStatus,
        test: Callable[[list[tuple[int, Member]]], tuple[bool, list[Reason]]],
    ) -> tuple[bool, list[Reason], bool]:
        """Run ``test`` on the counted members: its result, its reasons, and whether it is open.

        Open: members whose 特困 conditions are undecided are left out where found 特困, and
        leaving some of them out could change the result (:func:`undecided_matters`).
        """
        counted = list(self.family.counted)
        passed, reasons = test(counted)
        open_ = (
            bool(status.unknown)
            and self.exclude
            and undecided_matters(
                counted, status.unknown_ids, passed=passed, decide=lambda rest: test(rest)[0]
            )
        )
        return passed, reasons, open_


def family_apart(
    household: Household,
    on: dt.date,
    place: tuple[ParameterBook, str],
    codes: HouseholdCodes,
    *,
    reasons: list[Reason],
    status: ExtremePovertyStatus,
) -> FamilyApart:
    """Check registration and count the family with 特困 members apart (低保边缘, 刚性支出困难).

    A member recognised as 特困 is left out where :data:`EXCLUDE_EXTREME_POVERTY` says so
    (``place`` is the book and the deciding jurisdiction); the reasons go to ``reasons``.

    .. versionadded:: 0.1.0
    """
    book, where = place
    exclude, used = False, None
    if status.recognised_ids or status.unknown_ids:
        exclude, used = book.flag(EXCLUDE_EXTREME_POVERTY, where, on)
    supported = frozenset(status.recognised_ids) if exclude else frozenset()
    family = registration_and_family(household, on, where, codes, reasons, left_out=supported)
    return FamilyApart(family, exclude, used, supported)


@attrs.frozen
class LayerCodes:
    """The reason codes a household programme below 低保 reports a higher layer with.

    ``higher``: the household is already in a more protected layer; ``excluded``: the
    members supported as 特困 on their own are left out and the rest judged alone.
    Declare them with :meth:`define`.

    .. versionadded:: 0.1.0
    """

    higher: ReasonCode
    excluded: ReasonCode

    @classmethod
    def define(cls, prefix: str, citation: Citation, *, name: tuple[str, str]) -> LayerCodes:
        """Declare ``<prefix>.in_higher_layer`` and ``<prefix>.extreme_poverty_excluded``.

        ``name`` is the programme's household in Chinese and in English ("a …").
        """
        zh, en = name
        return cls(
            ReasonCode.define(
                f"{prefix}.in_higher_layer",
                f"家庭已属于{{layer}}, 不认定为{zh}",
                f"the household is already in a more protected layer ({{layer_en}}); it is not "
                f"{en}",
                citation,
            ),
            ReasonCode.define(
                f"{prefix}.extreme_poverty_excluded",
                "{persons} 已纳入特困人员救助供养, 单独保障, 不计入本家庭; "
                f"其余家庭成员 {{count}} 人按{zh}条件认定",
                "{persons} supported as extreme poverty (特困) on their own and left out of the "
                f"household; the other {{count}} member(s) are assessed as {en}",
                citation,
            ),
        )

    def in_extreme_poverty(self, status: ExtremePovertyStatus, apart: FamilyApart) -> Reason:
        """Say the household is in the 特困 layer: its recognised members are counted."""
        return self.higher.reason(
            False,
            (apart.used,) if apart.used else (),
            layer=f"特困人员所在家庭({'、'.join(status.recognised)})",
            layer_en=f"extreme poverty: {', '.join(status.recognised)}",
        )

    def left_out(self, apart: FamilyApart) -> list[Reason]:
        """Say who is left out as 特困 and how many are counted (nothing when nobody is)."""
        left_out = apart.left_out
        if not left_out or apart.used is None:
            return []
        return [
            self.excluded.reason(
                True,
                (apart.used,),
                persons="、".join(m.person.label for m in left_out),
                count=str(len(apart.family.counted)),
            )
        ]
