"""The 低保 formula on OpenFisca, for the benchmark (runs in the separate ``.bench-venv``).

Run by ``bench_batch.py`` as ``.bench-venv/bin/python benchmarks/openfisca_dibao.py MODE NPZ OUT``;
needs only ``benchmarks/requirements-openfisca.txt``.  A minimal TaxBenefitSystem
(persons and households with an applicant role) written the way an OpenFisca
model is usually written: money as ``float`` variables in yuan (float32 in
OpenFisca), the rule as formulas.  To be generous to OpenFisca it receives the
facts already reduced (age, whether a status excludes, counted income per
person after the income-type list), so only the rule itself is computed.

Modes: ``vector`` builds one simulation for every household of NPZ and
computes; ``single N`` builds and computes the first N households one at a
time from a JSON-like dict (``build_from_entities``), the usual API path.
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
    alone = (
        np.logical_not(missing)
        * np.logical_not(income_ok)
        * assets_ok
        * marginal
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
HOUSEHOLD_INPUTS = ("household_income", "standard", "financial", "months", "disqualified")


def vector(tbs: Any, data: Any) -> tuple[dict[str, float], Any, Any]:
    started = time.perf_counter()
    household_of = data["household_of"]
    count = int(household_of.max()) + 1
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(len(household_of)).astype(str))
    households = builder.declare_entity("household", np.arange(count).astype(str))
    roles = np.where(data["relationship"] == APPLICANT, "applicant", "member")
    builder.join_with_persons(households, household_of.astype(str), roles)
    simulation = builder.build(tbs)
    for name in PERSON_INPUTS + HOUSEHOLD_INPUTS:
        values = data[name]
        if name in {"own_income", "household_income", "standard", "financial"}:
            values = values / 100  # fen to yuan, as an OpenFisca model holds money
        simulation.set_input(name, PERIOD, values)
    built = time.perf_counter()
    amount = simulation.calculate("dibao_amount", PERIOD)
    outcome = simulation.calculate("dibao_outcome", PERIOD)
    done = time.perf_counter()
    return {"build_s": built - started, "compute_s": done - built}, outcome, amount


def single(tbs: Any, data: Any, households: int) -> tuple[dict[str, float], Any, Any]:
    household_of = data["household_of"]
    starts = np.flatnonzero(np.concatenate(([True], household_of[1:] != household_of[:-1])))
    ends = np.append(starts[1:], len(household_of))
    outcomes, amounts = [], []
    started = time.perf_counter()
    for h in range(households):
        persons = {}
        members = []
        applicant = None
        for row in range(starts[h], ends[h]):
            pid = f"p{row}"
            persons[pid] = {
                name: {
                    PERIOD: (
                        float(data[name][row]) / 100
                        if name == "own_income"
                        else data[name][row].item()
                    )
                }
                for name in PERSON_INPUTS
            }
            if data["relationship"][row] == APPLICANT:
                applicant = pid
            else:
                members.append(pid)
        household: dict[str, Any] = {
            name: {
                PERIOD: (
                    float(data[name][h]) / 100
                    if name in {"household_income", "standard", "financial"}
                    else data[name][h].item()
                )
            }
            for name in HOUSEHOLD_INPUTS
        }
        household["applicant"] = [applicant] if applicant else []
        household["members"] = members
        simulation = SimulationBuilder().build_from_entities(
            tbs, {"persons": persons, "households": {"h": household}}
        )
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
    data = np.load(source)
    tbs = system()
    if mode == "vector":
        timings, outcome, amount = vector(tbs, data)
    else:
        timings, outcome, amount = single(tbs, data, int(sys.argv[4]))
    np.savez(target, outcome=outcome, amount=np.asarray(amount, dtype=np.float64))
    with open("/proc/self/status", encoding="ascii") as status:  # VmHWM: this process only
        high = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    timings["peak_rss_mb"] = high / 1024
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
