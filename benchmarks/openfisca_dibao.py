"""The 低保 formula on OpenFisca, for the benchmark (runs in the separate ``.bench-venv``).

Run by ``bench_batch.py`` as ``.bench-venv/bin/python benchmarks/openfisca_dibao.py MODE NPZ OUT``;
needs only ``benchmarks/requirements-openfisca.txt``.  A minimal TaxBenefitSystem
(persons and households with an applicant role) written the way an OpenFisca
model is usually written: money as ``float`` variables in yuan (float32 in
OpenFisca), the rule as formulas.  To be generous to OpenFisca it receives the
facts already reduced (age, whether a status excludes, counted income per
person after the income-type list), so only the rule itself is computed.

Every array of NPZ is read into memory before any clock starts (``np.load``
alone reads an ``.npz`` lazily, array by array, on every access).  Modes, each run
as OpenFisca's documentation runs a simulation on data
(https://openfisca.org/doc/simulate/run-simulation.html, "run a simulation on
data": ``SimulationBuilder.create_entities``, ``declare_person_entity``,
``declare_entity``, ``join_with_persons``, then ``set_input`` per variable):

- ``vector``: one simulation for every household, built with integer ids and
  integer roles from the arrays in memory, then calculated;
- ``vector-strings``: the same with string ids and roles, as this benchmark built
  it until issue #16 (about six times slower to build; the same outputs, which
  ``bench_batch.py`` checks);
- ``vector-default``: the leanest build (``build_default_simulation``, then
  the households' ``members_entity_id`` set directly; roles left at their
  default, which no formula here reads);
- ``bare`` (``bare-default``): a second model, the whole rule as one formula variable with no
  intermediate variables and no outcome, built as ``vector`` (``vector-default``):
  a lower bound for OpenFisca on this rule;
- ``single N``: the first N households one at a time, each a test case dict
  already in memory, through ``build_from_entities`` (OpenFisca's usual path for
  one situation, as in its web API);
- ``single-arrays N``: the first N households one at a time through the array
  path (integer ids, ``set_input``), each household's arrays sliced beforehand.

Prints a JSON object with timings; writes outcomes and amounts (yuan) to OUT.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Any

import numpy as np

# Imported by name so that the main project's type checker, which has no OpenFisca, passes.
build_entity: Any = importlib.import_module("openfisca_core.entities").build_entity
MONTH: Any = importlib.import_module("openfisca_core.periods").MONTH
ParameterNode: Any = importlib.import_module("openfisca_core.parameters").ParameterNode
SimulationBuilder: Any = importlib.import_module("openfisca_core.simulations").SimulationBuilder
TaxBenefitSystem: Any = importlib.import_module("openfisca_core.taxbenefitsystems").TaxBenefitSystem
Variable: Any = importlib.import_module("openfisca_core.variables").Variable

PERIOD = "2025-08"
APPLICANT, SPOUSE, CHILD, OTHER = 0, 1, 2, 8

Household = build_entity(
    key="household",
    plural="households",
    label="household",
    roles=[
        {"key": "applicant", "max": 1, "label": "applicant"},
        {"key": "member", "plural": "members", "label": "member"},
    ],
)
Person = build_entity(key="person", plural="persons", label="person", is_person=True)


def _variable(name: str, kind: type, entity: Any, label: str, formula: Any) -> Any:
    return type(
        name,
        (Variable,),
        {
            "value_type": kind,
            "entity": entity,
            "definition_period": MONTH,
            "label": label,
            "formula": formula,
        },
    )


def _input(name: str, kind: type, entity: Any, default: Any = 0) -> Any:
    return type(
        name,
        (Variable,),
        {
            "value_type": kind,
            "entity": entity,
            "definition_period": MONTH,
            "default_value": default,
            "label": name,
        },
    )


INPUTS = [
    _input("relationship", int, Person),
    _input("age", int, Person),
    _input("excluded", bool, Person, default=False),
    _input("dependent", bool, Person, default=False),
    _input("lives", int, Person, default=-1),
    _input("candidate", bool, Person, default=False),
    _input("own_income", float, Person),
    _input("household_income", float, Household),
    _input("standard", float, Household),
    _input("financial", float, Household),
    _input("months", int, Household),
    _input("disqualified", bool, Household, default=False),
    _input("marginal_disqualified", bool, Household, default=False),
]


def _counted(person: Any, period: Any) -> Any:
    rel = person("relationship", period)
    core = (rel == APPLICANT) + (rel == SPOUSE)
    child = (rel == CHILD) * ((person("age", period) < 18) + person("dependent", period))
    present = np.logical_not(person("excluded", period))
    others = present * np.logical_not(core + child + (rel == OTHER))
    return present * (core + child + others * (person("lives", period) == 1))


counted = _variable("counted", bool, Person, "counted as a family member (57号 art. 7)", _counted)


def _missing_fact(person: Any, period: Any) -> Any:
    rel = person("relationship", period)
    core = (rel == APPLICANT) + (rel == SPOUSE)
    child = (rel == CHILD) * ((person("age", period) < 18) + person("dependent", period))
    present = np.logical_not(person("excluded", period))
    others = present * np.logical_not(core + child + (rel == OTHER))
    return others * (person("lives", period) == -1)


missing_fact = _variable(
    "missing_fact", bool, Person, "co-residence needed but unknown", _missing_fact
)


def _dibao_members(household: Any, period: Any) -> Any:
    return household.sum(household.members("counted", period))


dibao_members = _variable("dibao_members", int, Household, "counted members", _dibao_members)


def _dibao_income(household: Any, period: Any) -> Any:
    own = household.members("own_income", period) * household.members("counted", period)
    return household.sum(own) + household("household_income", period)


dibao_income = _variable("dibao_income", float, Household, "counted income", _dibao_income)


def _dibao_amount(household: Any, period: Any) -> Any:
    members = household("dibao_members", period)
    income = household("dibao_income", period)
    standard = household("standard", period)
    threshold = standard * members
    missing = household.any(household.members("missing_fact", period))
    assets_ok = (household("financial", period) < threshold * household("months", period)) * (
        np.logical_not(household("disqualified", period))
    )
    income_ok = income < threshold
    whole = np.logical_not(missing) * income_ok * assets_ok
    own = household.members("own_income", period)
    person_standard = household.project(standard)
    alone_each = (
        household.members("counted", period)
        * household.members("candidate", period)
        * (own < person_standard)
    ) * (person_standard - own)
    alone_total = household.sum(alone_each)
    marginal = income < threshold * 1.5
    marginal_assets_ok = (
        household("financial", period) < threshold * household("months", period)
    ) * (np.logical_not(household("marginal_disqualified", period)))
    alone = (
        np.logical_not(missing)
        * np.logical_not(income_ok * assets_ok)
        * marginal
        * marginal_assets_ok
        * (alone_total > 0)
    )
    return np.where(whole, threshold - income, np.where(alone, alone_total, 0))


dibao_amount = _variable(
    "dibao_amount", float, Household, "monthly dibao payment (yuan)", _dibao_amount
)


def _dibao_outcome(household: Any, period: Any) -> Any:
    missing = household.any(household.members("missing_fact", period))
    paid = household("dibao_amount", period) > 0
    return np.where(missing, 2, np.where(paid, 1, 0))


dibao_outcome = _variable(
    "dibao_outcome", int, Household, "0 not eligible, 1 eligible, 2 cannot decide", _dibao_outcome
)


def system() -> Any:
    tbs = TaxBenefitSystem([Household, Person])
    for variable in [
        *INPUTS,
        counted,
        missing_fact,
        dibao_members,
        dibao_income,
        dibao_amount,
        dibao_outcome,
    ]:
        tbs.add_variable(variable)
    return tbs


def CountryTaxBenefitSystem() -> Any:  # noqa: N802 - the name openfisca serve looks up
    """Build the system for ``openfisca serve --country-package openfisca_dibao`` (bench_http.py).

    The web API lists the system's parameters and needs at least one; the model reads
    the standard as an input, so the tree holds that standard for reference only
    (重庆 rural, 630 yuan from 2025-07-01, 渝民规〔2025〕6号, as in the record book).
    """
    tbs = system()
    standard = {
        "description": "rural dibao standard, 武隆区 (reference only; the model reads an input)",
        "unit": "currency",
        "values": {"2025-07-01": {"value": 630}},
    }
    tbs.parameters = ParameterNode("", data={"dibao": {"standard_rural": standard}})
    return tbs


PERSON_INPUTS = ("relationship", "age", "excluded", "dependent", "lives", "candidate", "own_income")
HOUSEHOLD_INPUTS = (
    "household_income",
    "standard",
    "financial",
    "months",
    "disqualified",
    "marginal_disqualified",
)
MONEY = frozenset({"own_income", "household_income", "standard", "financial"})
APPLICANT_ROLE, MEMBER_ROLE = 0, 1  # indices into the household's flattened roles


# -- the bare formula: one variable, no intermediate steps, no outcome --------------------------
#
# A lower bound for OpenFisca on this rule: the same inputs and the same result (the amount to
# the fen), written as one formula, so OpenFisca resolves one variable instead of six and
# caches no intermediate vector.  It has no "cannot decide" outcome and explains nothing.

BareHousehold = build_entity(
    key="household",
    plural="households",
    label="household",
    roles=[
        {"key": "applicant", "max": 1, "label": "applicant"},
        {"key": "member", "plural": "members", "label": "member"},
    ],
)
BarePerson = build_entity(key="person", plural="persons", label="person", is_person=True)


def _bare_amount(household: Any, period: Any) -> Any:
    def of(name: str) -> Any:
        return household.members(name, period)

    rel = of("relationship")
    core = (rel == APPLICANT) + (rel == SPOUSE)
    child = (rel == CHILD) * ((of("age") < 18) + of("dependent"))
    present = np.logical_not(of("excluded"))
    others = present * np.logical_not(core + child + (rel == OTHER))
    lives = of("lives")
    counted = present * (core + child + others * (lives == 1))
    missing = household.any(others * (lives == -1))
    own = of("own_income")
    income = household.sum(own * counted) + household("household_income", period)
    standard = household("standard", period)
    threshold = standard * household.sum(counted)
    assets_ok = (household("financial", period) < threshold * household("months", period)) * (
        np.logical_not(household("disqualified", period))
    )
    income_ok = income < threshold
    person_standard = household.project(standard)
    alone_total = household.sum(
        counted * of("candidate") * (own < person_standard) * (person_standard - own)
    )
    whole = np.logical_not(missing) * income_ok * assets_ok
    marginal_assets_ok = (
        household("financial", period) < threshold * household("months", period)
    ) * (np.logical_not(household("marginal_disqualified", period)))
    alone = (
        np.logical_not(missing)
        * np.logical_not(income_ok * assets_ok)
        * (income < threshold * 1.5)
        * marginal_assets_ok
        * (alone_total > 0)
    )
    return np.where(whole, threshold - income, np.where(alone, alone_total, 0))


def bare_system() -> Any:
    """The bare model: the inputs of the full one and a single formula variable."""
    tbs = TaxBenefitSystem([BareHousehold, BarePerson])
    entity_of = {Person: BarePerson, Household: BareHousehold}
    for variable in INPUTS:
        tbs.add_variable(
            _input(
                variable.__name__,
                variable.value_type,
                entity_of[variable.entity],
                variable.default_value,
            )
        )
    tbs.add_variable(
        _variable(
            "dibao_amount", float, BareHousehold, "monthly dibao payment (yuan)", _bare_amount
        )
    )
    return tbs


# -- building simulations ------------------------------------------------------------------------


def in_memory(source: str, tbs: Any) -> dict[str, Any]:
    """Every array of the ``.npz`` file read into memory (``np.load`` alone reads lazily).

    Each input is converted beforehand to the dtype OpenFisca stores it in (money
    to yuan, then ``float32``), so that ``set_input`` has nothing to convert.
    """
    with np.load(source) as lazy:
        data = {name: np.asarray(lazy[name]) for name in lazy.files}
    for name in MONEY:
        data[name] = data[name] / 100  # fen to yuan, as an OpenFisca model holds money
    for name in PERSON_INPUTS + HOUSEHOLD_INPUTS:
        data[name] = np.ascontiguousarray(data[name], dtype=tbs.variables[name].dtype)
    return data


def build_integer(tbs: Any, data: dict[str, Any]) -> Any:
    """OpenFisca's documented path for data: integer ids and roles, inputs set from arrays."""
    household_of = data["household_of"]
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(len(household_of)))
    households = builder.declare_entity("household", np.arange(int(household_of[-1]) + 1))
    roles = np.where(data["relationship"] == APPLICANT, APPLICANT_ROLE, MEMBER_ROLE)
    builder.join_with_persons(households, household_of, roles)
    simulation = builder.build(tbs)
    for name in PERSON_INPUTS + HOUSEHOLD_INPUTS:
        simulation.set_input(name, PERIOD, data[name])
    return simulation


def build_default(tbs: Any, data: dict[str, Any]) -> Any:
    """The leanest build: ``build_default_simulation``, then the households' members.

    ``SimulationBuilder.build_default_simulation`` gives every person a
    one-person household; the household population is then given its count and
    ``members_entity_id`` directly.  Roles stay at their default (the first
    role): no formula of this model reads a role.
    """
    household_of = data["household_of"]
    simulation = SimulationBuilder.build_default_simulation(tbs, len(household_of))
    households = simulation.populations["household"]
    households.count = int(household_of[-1]) + 1
    households.ids = np.arange(households.count)
    households.members_entity_id = household_of
    for name in PERSON_INPUTS + HOUSEHOLD_INPUTS:
        simulation.set_input(name, PERIOD, data[name])
    return simulation


def build_strings(tbs: Any, data: dict[str, Any]) -> Any:
    """The path this benchmark used to take: ids and roles as strings (same simulation)."""
    household_of = data["household_of"]
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(len(household_of)).astype(str))
    households = builder.declare_entity(
        "household", np.arange(int(household_of[-1]) + 1).astype(str)
    )
    roles = np.where(data["relationship"] == APPLICANT, "applicant", "member")
    builder.join_with_persons(households, household_of.astype(str), roles)
    simulation = builder.build(tbs)
    for name in PERSON_INPUTS + HOUSEHOLD_INPUTS:
        simulation.set_input(name, PERIOD, data[name])
    return simulation


def vector(
    tbs: Any, data: dict[str, Any], build: Any, *, outcome: bool = True
) -> tuple[dict[str, float], Any, Any]:
    """Build one simulation for every household and compute; timings in seconds."""
    started = time.perf_counter()
    simulation = build(tbs, data)
    built = time.perf_counter()
    amount = simulation.calculate("dibao_amount", PERIOD)
    found = simulation.calculate("dibao_outcome", PERIOD) if outcome else np.zeros(0, np.int64)
    done = time.perf_counter()
    return (
        {"build_s": built - started, "compute_s": done - built, "s": done - started},
        found,
        amount,
    )


def bounds(household_of: Any) -> tuple[Any, Any]:
    starts = np.flatnonzero(np.concatenate(([True], household_of[1:] != household_of[:-1])))
    return starts, np.append(starts[1:], len(household_of))


def situations(data: dict[str, Any], households: int) -> list[dict[str, Any]]:
    """The first households as OpenFisca test cases (``build_from_entities`` dicts)."""
    starts, ends = bounds(data["household_of"])
    rows = {name: data[name].tolist() for name in PERSON_INPUTS + HOUSEHOLD_INPUTS}
    cases = []
    for h in range(households):
        persons = {}
        members = []
        applicant = None
        for row in range(starts[h], ends[h]):
            pid = f"p{row}"
            persons[pid] = {name: {PERIOD: rows[name][row]} for name in PERSON_INPUTS}
            if rows["relationship"][row] == APPLICANT:
                applicant = pid
            else:
                members.append(pid)
        household: dict[str, Any] = {name: {PERIOD: rows[name][h]} for name in HOUSEHOLD_INPUTS}
        household["applicant"] = [applicant] if applicant else []
        household["members"] = members
        cases.append({"persons": persons, "households": {"h": household}})
    return cases


def single(tbs: Any, data: dict[str, Any], households: int) -> tuple[dict[str, float], Any, Any]:
    """One household at a time, each a test case already in memory, as OpenFisca's docs run one.

    The test cases are built before the clock starts; timed is ``build_from_entities`` and
    the two calculations, per household.
    """
    cases = situations(data, households)
    outcomes, amounts = [], []
    started = time.perf_counter()
    for case in cases:
        simulation = SimulationBuilder().build_from_entities(tbs, case)
        amounts.append(float(simulation.calculate("dibao_amount", PERIOD)[0]))
        outcomes.append(int(simulation.calculate("dibao_outcome", PERIOD)[0]))
    elapsed = time.perf_counter() - started
    return (
        {"total_s": elapsed, "per_household_s": elapsed / households},
        np.array(outcomes),
        np.array(amounts),
    )


def single_arrays(
    tbs: Any, data: dict[str, Any], households: int
) -> tuple[dict[str, float], Any, Any]:
    """One household at a time through the array path (integer ids, ``set_input``).

    Each household's arrays are sliced out before the clock starts.
    """
    starts, ends = bounds(data["household_of"])
    slices = []
    for h in range(households):
        part = {name: data[name][starts[h] : ends[h]] for name in PERSON_INPUTS}
        part.update({name: data[name][h : h + 1] for name in HOUSEHOLD_INPUTS})
        part["household_of"] = np.zeros(ends[h] - starts[h], dtype=np.int64)
        slices.append(part)
    outcomes, amounts = [], []
    started = time.perf_counter()
    for part in slices:
        simulation = build_integer(tbs, part)
        amounts.append(float(simulation.calculate("dibao_amount", PERIOD)[0]))
        outcomes.append(int(simulation.calculate("dibao_outcome", PERIOD)[0]))
    elapsed = time.perf_counter() - started
    return (
        {"total_s": elapsed, "per_household_s": elapsed / households},
        np.array(outcomes),
        np.array(amounts),
    )


def main() -> None:
    mode, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = sys.argv[4:]
    tbs = bare_system() if mode.startswith("bare") else system()
    data = in_memory(source, tbs)
    if mode == "bare":
        timings, outcome, amount = vector(tbs, data, build_integer, outcome=False)
    elif mode == "vector":
        timings, outcome, amount = vector(tbs, data, build_integer)
    elif mode == "vector-default":
        timings, outcome, amount = vector(tbs, data, build_default)
    elif mode == "bare-default":
        timings, outcome, amount = vector(tbs, data, build_default, outcome=False)
    elif mode == "vector-strings":
        timings, outcome, amount = vector(tbs, data, build_strings)
    elif mode == "single":
        timings, outcome, amount = single(tbs, data, int(extra[0]))
    elif mode == "single-arrays":
        timings, outcome, amount = single_arrays(tbs, data, int(extra[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    np.savez(target, outcome=outcome, amount=np.asarray(amount, dtype=np.float64))
    with open("/proc/self/status", encoding="ascii") as status:  # VmHWM: this process only
        high = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    timings["peak_rss_mb"] = high / 1024
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
