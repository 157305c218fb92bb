"""The facts of a station-relief case: who sought help, when, and what is established.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from civaffairs import jurisdictions
from civaffairs.entities import Person
from civaffairs.errors import InvalidInputError
from civaffairs.labels import Labelled

__all__ = [
    "ADULT_AGE",
    "CONDITIONS",
    "IN_FORCE",
    "OLDER_AGE",
    "Conditions",
    "Disclosure",
    "ExitFacts",
    "StayExtension",
    "VagrancyCase",
]

#: The day the 办法 and the 细则 took effect: no case is decided before it.
IN_FORCE: dt.date = dt.date(2003, 8, 1)
#: 《民法典》 art. 17: "十八周岁以上的自然人为成年人".
ADULT_AGE = 18
#: 《老年人权益保障法》 art. 2: "本法所称老年人是指六十周岁以上的公民".
OLDER_AGE = 60


class Disclosure(Labelled):
    """How the person gave the personal facts of 细则 art. 3.

    .. versionadded:: 0.1.0
    """

    GIVEN = "given", "如实提供", "given truthfully"
    #: 细则 art. 5: "因年老、年幼、残疾等原因无法提供个人情况".
    UNABLE = "unable", "因年老、年幼、残疾等原因无法提供", "unable to give them"
    #: 细则 art. 5: "拒不如实提供个人情况".
    REFUSED = "refused", "拒不如实提供", "refuses to give them"
    #: Found later to have given false facts on purpose (故意提供虚假个人情况).
    FALSE = "false", "故意提供虚假个人情况", "gave false facts on purpose"


def _three(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is not None and not isinstance(value, bool):
            raise InvalidInputError(f"$.{name}", value, "true, false or null (not established)")

    return check


@attrs.frozen
class Conditions:
    """The four conditions of 细则 art. 2; each ``True``, ``False`` or ``None`` (not established).

    .. versionadded:: 0.1.0
    """

    #: 因自身无力解决食宿
    cannot_meet_food_and_lodging: bool | None = attrs.field(
        default=None, validator=_three("conditions.cannot_meet_food_and_lodging")
    )
    #: 无亲友投靠
    no_one_to_turn_to: bool | None = attrs.field(
        default=None, validator=_three("conditions.no_one_to_turn_to")
    )
    #: 不享受城市最低生活保障或者农村五保供养
    without_dibao_or_wubao: bool | None = attrs.field(
        default=None, validator=_three("conditions.without_dibao_or_wubao")
    )
    #: 正在城市流浪乞讨度日
    living_rough_in_city: bool | None = attrs.field(
        default=None, validator=_three("conditions.living_rough_in_city")
    )


#: The conditions in the order of art. 2, with their names.
CONDITIONS = (
    ("cannot_meet_food_and_lodging", "自身无力解决食宿", "cannot meet food and lodging"),
    ("no_one_to_turn_to", "无亲友投靠", "no one to turn to"),
    ("without_dibao_or_wubao", "不享受城市最低生活保障或者农村五保供养", "no dibao or wubao"),
    ("living_rough_in_city", "正在城市流浪乞讨度日", "living rough or begging in the city"),
)


@attrs.frozen
class ExitFacts:
    """What is known about the way out; each ``None`` while not established.

    ``family_found``: relatives, work unit or address found (查明住址); ``family_collects``:
    whether the relatives agree to collect the person (``False``: 拒不接回); ``has_fare``:
    whether the person can pay the fare home; ``homeless``: 无家可归.

    .. versionadded:: 0.1.0
    """

    family_found: bool | None = attrs.field(default=None, validator=_three("exit.family_found"))
    family_collects: bool | None = attrs.field(
        default=None, validator=_three("exit.family_collects")
    )
    has_fare: bool | None = attrs.field(default=None, validator=_three("exit.has_fare"))
    homeless: bool | None = attrs.field(default=None, validator=_three("exit.homeless"))


def _whole(name: str, low: int, high: int) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInputError(f"$.{name}", value, f"a whole number from {low} to {high}")

    return check


def _day(name: str, *, optional: bool = False) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidInputError(f"$.{name}", value, "a calendar date YYYY-MM-DD")

    return check


@attrs.frozen
class StayExtension:
    """An extension of the stay for special circumstances (细则 art. 12).

    ``days`` is added to the last day in force when it was ``decided_on``;
    ``filed_on`` is when it was filed with the higher civil-affairs department
    (报上级民政部门备案), ``None`` when it was not.

    .. versionadded:: 0.1.0
    """

    decided_on: dt.date = attrs.field(validator=_day("decided_on"))
    days: int = attrs.field(validator=_whole("days", 1, 3650))
    filed_on: dt.date | None = attrs.field(default=None, validator=_day("filed_on", optional=True))

    def __attrs_post_init__(self) -> None:
        if self.filed_on is not None and self.filed_on < self.decided_on:
            raise InvalidInputError(
                "$.filed_on",
                self.filed_on.isoformat(),
                f"a date on or after decided_on {self.decided_on.isoformat()}",
            )


def _station(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or len(value) != 6 or not value.isdigit():
        raise InvalidInputError("$.station", value, "a six-digit GB/T 2260 code")
    try:
        jurisdictions.get(value)
    except LookupError:
        raise InvalidInputError("$.station", value, "a known GB/T 2260 division code") from None


def _case_id(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("$.id", value, "a non-empty case reference")


def _person(_instance: object, _attribute: object, value: Any) -> None:
    if value is not None and not isinstance(value, Person):
        raise InvalidInputError("$.person", type(value).__name__, "a person or null")


def _of(kind: type, path: str, expected: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInputError(path, type(value).__name__, expected)

    return check


def _extensions(value: object) -> tuple[StayExtension, ...]:
    if not isinstance(value, list | tuple):
        raise InvalidInputError("$.extensions", type(value).__name__, "a list of extensions")
    for index, item in enumerate(value):
        if not isinstance(item, StayExtension):
            raise InvalidInputError(
                f"$.extensions[{index}]", type(item).__name__, "a stay extension"
            )
    return tuple(value)


@attrs.frozen
class VagrancyCase:
    """One person at a station: the JSON input of :func:`assess`.

    ``id`` is the station's case reference (never personal data); ``station`` the
    GB/T 2260 code of the station's place (where the case is decided and whose
    parameters apply); ``requested_on`` the day help was sought, which is the day of
    admission when relief is given.  ``person`` is the identity when established
    (its name and resident ID are masked everywhere); ``estimated_age`` the age the
    station records for a person whose identity is not established (given only
    when ``person`` is ``None``).  ``mental_or_intellectual_signs`` is whether there
    are signs of mental disorder or intellectual disability (``None``: not
    established); ``ill_in_station`` whether the person fell suddenly ill in the
    station; ``reduced_mobility`` 行动不便.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_case_id)
    station: str = attrs.field(validator=_station)
    requested_on: dt.date = attrs.field(validator=_day("requested_on"))
    disclosure: Disclosure = attrs.field(
        validator=_of(Disclosure, "$.disclosure", "'given', 'unable', 'refused' or 'false'")
    )
    conditions: Conditions = attrs.field(
        factory=Conditions, validator=_of(Conditions, "$.conditions", "the four conditions")
    )
    person: Person | None = attrs.field(default=None, validator=_person)
    estimated_age: int | None = attrs.field(default=None)
    mental_or_intellectual_signs: bool | None = attrs.field(
        default=None, validator=_three("mental_or_intellectual_signs")
    )
    ill_in_station: bool = attrs.field(
        default=False, validator=_of(bool, "$.ill_in_station", "true or false")
    )
    reduced_mobility: bool = attrs.field(
        default=False, validator=_of(bool, "$.reduced_mobility", "true or false")
    )
    exit: ExitFacts = attrs.field(
        factory=ExitFacts, validator=_of(ExitFacts, "$.exit", "the exit facts")
    )
    extensions: tuple[StayExtension, ...] = attrs.field(default=(), converter=_extensions)

    def __attrs_post_init__(self) -> None:
        if self.requested_on < IN_FORCE:
            raise InvalidInputError(
                "$.requested_on",
                self.requested_on.isoformat(),
                f"a date on or after {IN_FORCE.isoformat()}, when the measures took effect",
            )
        if self.estimated_age is not None:
            _whole("estimated_age", 0, 130)(self, None, self.estimated_age)
            if self.person is not None:
                raise InvalidInputError(
                    "$.estimated_age",
                    self.estimated_age,
                    "null when the person's identity (and birth date) is given",
                )
        if self.person is not None and self.person.birth_date > self.requested_on:
            raise InvalidInputError(
                "$.person.birth_date",
                "(a birth date, withheld)",
                f"a date on or before requested_on {self.requested_on.isoformat()}",
            )
        for index, extension in enumerate(self.extensions):
            if extension.decided_on < self.requested_on:
                raise InvalidInputError(
                    f"$.extensions[{index}].decided_on",
                    extension.decided_on.isoformat(),
                    f"a date on or after requested_on {self.requested_on.isoformat()}",
                )

    @property
    def age(self) -> int | None:
        """The age in full years on the day help was sought, ``None`` when not established."""
        if self.person is not None:
            return self.person.age_on(self.requested_on)
        return self.estimated_age

    @property
    def subject(self) -> str:
        """How decisions name the person: the case id with the masked identity beside it."""
        if self.person is None:
            return self.id
        shown = self.person.masked
        return self.id if shown == self.person.id else f"{self.id} ({shown})"
