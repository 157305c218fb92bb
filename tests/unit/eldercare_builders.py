"""Builders for the eldercare tests: persons, older persons, item scores with a chosen total."""

from __future__ import annotations

import datetime as dt

from civaffairs.eldercare.assessment import ITEMS, ItemScores
from civaffairs.eldercare.groups import OlderPerson
from civaffairs.entities import (
    AbilityGrade,
    AssistanceLayer,
    Disability,
    Person,
    Registration,
    RegistrationKind,
    Sex,
)
from civaffairs.identity import ResidentId

SHENZHEN_DISTRICT = "440304"  # 福田区, under 深圳市 440300
SUIZHOU_DISTRICT = "421303"  # 曾都区, under 随州市 421300
WULONG = "500156"


def elder(
    born: dt.date,
    *,
    where: str = WULONG,
    resident_id: ResidentId | None = None,
    disability: Disability | None = None,
    pid: str = "e1",
) -> Person:
    return Person(
        pid,
        born,
        resident_id.sex if resident_id else Sex.FEMALE,
        Registration(where, RegistrationKind.RURAL),
        resident_id=resident_id,
        disability=disability,
    )


def older(
    born: dt.date = dt.date(1950, 6, 1),
    *,
    where: str = WULONG,
    layer: AssistanceLayer | None = AssistanceLayer.NONE,
    ability: AbilityGrade | None = AbilityGrade.INTACT,
    living_alone: bool | None = False,
    empty_nest: bool | None = False,
    left_behind: bool | None = False,
    family_planning_special: bool | None = False,
    registered_poor: bool | None = False,
    disability: Disability | None = None,
) -> OlderPerson:
    """An older person whose every fact is established (none of the hardship groups by default)."""
    return OlderPerson(
        elder(born, where=where, disability=disability),
        layer=layer,
        ability=ability,
        living_alone=living_alone,
        empty_nest=empty_nest,
        left_behind=left_behind,
        family_planning_special=family_planning_special,
        registered_poor=registered_poor,
    )


def scores_with_total(total: int, *, coma: bool = False) -> ItemScores:
    """Item scores adding up to ``total``: items are lowered from their maxima in Appendix B order.

    With ``coma``, consciousness (B.3.9) is lowered to 0 first.
    """
    values = {item.key: item.maximum for item in ITEMS}
    deficit = 90 - total
    if coma:
        values["mental_state.consciousness"] = 0
        deficit -= 2
    assert deficit >= 0, "total too high for the options given"
    for item in ITEMS:
        step = min(deficit, values[item.key])
        values[item.key] -= step
        deficit -= step
    assert deficit == 0
    return ItemScores.from_mapping(values, coma=coma)
