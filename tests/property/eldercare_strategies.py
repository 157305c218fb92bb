"""Strategies for the eldercare property tests: values built directly, never filtered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

from civaffairs.eldercare.assessment import (
    ITEMS,
    AbilityAssessment,
    AssessmentReason,
    CareRiskEvents,
    Diagnosis,
    ItemScores,
)
from civaffairs.eldercare.groups import OlderPerson
from civaffairs.entities import (
    AbilityGrade,
    AssistanceLayer,
    Disability,
    DisabilityCategory,
    Person,
    Registration,
    RegistrationKind,
    Sex,
)
from civaffairs.identity import generate

WULONG = "500156"
FLAGS = ("living_alone", "empty_nest", "left_behind", "family_planning_special", "registered_poor")


@st.composite
def item_values(draw: st.DrawFn, *, coma: bool = False) -> dict[str, int]:
    """A score for each of the 26 items, within its scale (consciousness 0 under a coma)."""
    values = {item.key: draw(st.integers(0, item.maximum)) for item in ITEMS}
    if coma:
        values["mental_state.consciousness"] = 0
    return values


def item_scores(*, coma: bool = False) -> st.SearchStrategy[ItemScores]:
    """Valid item scores."""
    return item_values(coma=coma).map(lambda v: ItemScores.from_mapping(v, coma=coma))


def diagnoses() -> st.SearchStrategy[Diagnosis]:
    """ICD-10 codes, mostly from chapter F (mental and behavioural disorders)."""
    letters = st.sampled_from("FFFFFIGJ")
    codes = st.tuples(letters, st.integers(0, 99)).map(lambda t: f"{t[0]}{t[1]:02d}")
    return st.builds(Diagnosis, codes, by_psychiatrist=st.booleans())


def risk_events() -> st.SearchStrategy[CareRiskEvents]:
    """Care-risk event counts of the last 30 days."""
    count = st.integers(0, 3)
    return st.builds(
        CareRiskEvents,
        falls=count,
        wandering=count,
        choking=count,
        suicide_self_harm=count,
        other=count,
    )


@st.composite
def persons(
    draw: st.DrawFn,
    *,
    earliest: dt.date = dt.date(1915, 1, 1),
    latest: dt.date = dt.date(1965, 12, 31),
    where: str = WULONG,
    with_id: bool | None = None,
) -> Person:
    """A person registered in ``where``, with or without a resident ID number."""
    born = draw(st.dates(earliest, latest))
    has_id = draw(st.booleans()) if with_id is None else with_id
    rid = generate(where, born, draw(st.integers(0, 999))) if has_id else None
    disability = draw(
        st.none() | st.builds(Disability, st.sampled_from(DisabilityCategory), st.integers(1, 4))
    )
    return Person(
        f"p{draw(st.integers(0, 9999))}",
        born,
        rid.sex if rid else draw(st.sampled_from(Sex)),
        Registration(where, draw(st.sampled_from(RegistrationKind))),
        resident_id=rid,
        disability=disability,
    )


@st.composite
def assessments(
    draw: st.DrawFn, *, coma: bool | None = False, earliest: dt.date = dt.date(2022, 12, 30)
) -> AbilityAssessment:
    """An assessment record dated from ``earliest`` to 2030, of a person born before then."""
    person = draw(persons(latest=dt.date(1965, 12, 31)))
    in_coma = draw(st.booleans()) if coma is None else coma
    return AbilityAssessment(
        person,
        draw(st.dates(max(earliest, person.birth_date), dt.date(2030, 12, 31))),
        draw(st.sampled_from(AssessmentReason)),
        draw(item_scores(coma=in_coma)),
        diagnoses=draw(st.lists(diagnoses(), max_size=3)),
        care_risk_events=draw(risk_events()),
    )


def _fact() -> st.SearchStrategy[bool | None]:
    return st.sampled_from([True, False, None])


@st.composite
def older_persons(draw: st.DrawFn, *, known: bool = False) -> OlderPerson:
    """An older person whose facts are drawn; with ``known``, none of them is ``None``."""
    maybe: Any = (lambda s: s) if known else (lambda s: st.none() | s)
    return OlderPerson(
        draw(persons(where=WULONG, with_id=False)),
        layer=draw(maybe(st.sampled_from(AssistanceLayer))),
        ability=draw(maybe(st.sampled_from(AbilityGrade))),
        **{name: draw(st.booleans() if known else _fact()) for name in FLAGS},
    )


@st.composite
def resolutions(draw: st.DrawFn, older: OlderPerson) -> OlderPerson:
    """``older`` with every fact that is ``None`` replaced by a drawn value."""
    changes: dict[str, Any] = {}
    if older.layer is None:
        changes["layer"] = draw(st.sampled_from(AssistanceLayer))
    if older.ability is None:
        changes["ability"] = draw(st.sampled_from(AbilityGrade))
    for name in FLAGS:
        if getattr(older, name) is None:
            changes[name] = draw(st.booleans())
    return attrs.evolve(older, **changes)
