"""低保 steps 1-2: registration, the family counted, and the 特困 members left out.

Registration in the deciding jurisdiction (社会救助暂行办法 art. 9; 民发〔2021〕57号
arts. 4-5) and the family members (共同生活的家庭成员, 57号 art. 7) are the shared
steps of :mod:`civaffairs.assistance.means`; 低保 adds the exclusion of a member
supported as 特困 (no double coverage, art. 7 second paragraph (三);
``assistance.dibao.members.exclude_extreme_poverty``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import json

from civaffairs.assistance import means
from civaffairs.assistance.dibao.codes import CODES, R_EXTREME_POVERTY_EXCLUDED
from civaffairs.assistance.means import registration_and_family
from civaffairs.decisions import Decision, Reason
from civaffairs.entities import Household
from civaffairs.parameters import ParameterValue

#: The parameter that leaves a 特困 member out of the 低保 (and 低保边缘) household.
EXCLUDE_EXTREME_POVERTY = means.EXCLUDE_EXTREME_POVERTY


def excluded_members(decision: Decision) -> frozenset[str]:
    """Return the ids of the members a 低保 decision left out as 特困 (no double coverage).

    Read from the ``members`` fact of its ``assistance.dibao.extreme_poverty_excluded`` reason
    (a JSON list of member ids); empty when it left nobody out.

    .. versionadded:: 0.1.0
    """
    ids: set[str] = set()
    for reason in decision.reasons:
        if reason.code == R_EXTREME_POVERTY_EXCLUDED.code:
            ids.update(json.loads(dict(reason.facts).get("members", "[]")))
    return frozenset(ids)


def counted_family(
    household: Household,
    when_where: tuple[dt.date, str],
    supported: tuple[frozenset[str], ParameterValue | None],
    reasons: list[Reason],
) -> tuple[means.Family, tuple[str, ...]]:
    """Check registration, count the family, leave out 特困 members (steps 1-2b); return ids out.

    ``supported`` holds those members' ids and the exclusion parameter used (``None``
    when it was not read: nobody is then said to be left out).
    """
    on, where = when_where
    ids, used = supported
    family = registration_and_family(household, on, where, CODES, reasons, left_out=ids)
    left_out = [m for _, m, _why in family.excluded if m.person.id in ids]
    if left_out and used is not None:
        reasons.append(
            R_EXTREME_POVERTY_EXCLUDED.reason(
                True,
                (used,),
                persons="、".join(m.person.masked for m in left_out),
                count=str(len(family.counted)),
                members=json.dumps([m.person.id for m in left_out], ensure_ascii=False),
            )
        )
    return family, tuple(m.person.id for m in left_out)
