"""The funeral policy data: strict loading, resolution by place and date, shipped records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from civaffairs.errors import InvalidInputError, ParameterFileError
from civaffairs.funeral.facts import Deceased, FuneralCase, ServiceUse
from civaffairs.funeral.policy import (
    CatalogueItem,
    FuneralPolicy,
    Scheme,
    ScopeLevel,
    Zone,
    ZoneRecord,
    ZoneUnknownError,
    default_policy,
)
from civaffairs.funeral.services import Service, Unit, conversion
from civaffairs.parameters import Status, default_book

#: The seed jurisdictions: those whose record book holds a work plan (from the data, not a list).
SEEDS = tuple(where for where, _, _ in default_book().table("targets.plans"))


def write(tmp_path: Path, text: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- shipped data ------------------------------------------------------------------------------


def test_every_shipped_record_is_sourced_or_says_where_it_is_from() -> None:
    records = list(default_policy().records())
    assert len(records) > 20
    for record in records:
        provenance = record.provenance
        if provenance.status is Status.SOURCED:
            assert provenance.source is not None, record
        else:
            assert provenance.note, record
        if isinstance(record, Scheme):
            for allowance in record.allowances:
                assert allowance.provenance.status is Status.SOURCED or allowance.provenance.note


def test_every_seed_jurisdiction_has_funeral_data() -> None:
    policy = default_policy()
    book = default_book()
    with_params = {code for _, code in book.keys() if code in SEEDS}  # noqa: SIM118 - a method
    assert len(SEEDS) >= 4
    for code in SEEDS:
        own = code in policy.jurisdictions() or code in with_params
        assert own, code


def test_the_national_default_scheme_and_catalogue_apply_everywhere() -> None:
    policy = default_policy()
    scheme = policy.scheme("511425", dt.date(2025, 1, 1))
    assert scheme is not None
    assert scheme.id == "national-hardship"
    assert scheme.provenance.status is Status.EXAMPLE
    catalogue = policy.catalogue("511425", dt.date(2025, 1, 1))
    assert set(catalogue.services) >= {s for s in Service if s.is_basic}
    assert catalogue.units(Service.STORAGE) == (Unit.DAY, Unit.HOUR)
    item = catalogue.item(Service.CREMATION, Unit.BODY)
    assert item is not None
    assert item.price == Decimal(330)
    assert item.parameter.name == "funeral.price.cremation.body"
    assert item.parameter.unit == "CNY per body"


def test_before_2013_no_scheme_applies_in_qingshen() -> None:
    assert default_policy().scheme("511425", dt.date(2012, 12, 31)) is None


def test_a_service_comes_whole_from_the_most_specific_level() -> None:
    policy = default_policy()
    hangzhou = policy.catalogue("330102", dt.date(2024, 1, 1))
    assert hangzhou.units(Service.VIGIL) == (Unit.DAY,)  # from 330000
    hubei = policy.catalogue("421303", dt.date(2024, 1, 1))
    assert Service.VIGIL not in hubei.services


def test_the_hangzhou_scheme_changes_on_2023_08_01() -> None:
    policy = default_policy()
    old = policy.scheme("330102", dt.date(2023, 7, 31))
    new = policy.scheme("330102", dt.date(2023, 8, 1))
    assert old is not None
    assert new is not None
    assert (old.id, new.id) == ("hangzhou-2010", "hangzhou-2023")
    assert old.registration_scope is ScopeLevel.PREFECTURE
    assert new.registration_scope is ScopeLevel.PROVINCE
    assert {a.service for a in new.allowances} - {a.service for a in old.allowances} == {
        Service.VIGIL
    }
    assert len(policy.schemes("330100")) == 2


def test_allowance_limits_read_as_text() -> None:
    scheme = default_policy().scheme("330102", dt.date(2020, 1, 1))
    assert scheme is not None
    storage = next(a for a in scheme.allowances if a.service is Service.STORAGE)
    assert storage.limit("zh") == "3 天以内, 每例不超过 300 元"
    assert storage.limit("en") == "up to 3 day(s), at most 300 yuan per case"
    assert storage.parameter(scheme.id).value == Decimal(300)
    cremation = next(a for a in scheme.allowances if a.service is Service.CREMATION)
    assert not cremation.is_full
    transport = next(a for a in scheme.allowances if a.service is Service.TRANSPORT)
    assert transport.limit("zh") == "每公里不超过 5 元"


@pytest.mark.parametrize(
    ("level", "code", "area"),
    [
        (ScopeLevel.COUNTY, "421381", "421381"),
        (ScopeLevel.PREFECTURE, "421381", "421300"),
        (ScopeLevel.PROVINCE, "421381", "420000"),
        (ScopeLevel.NATIONAL, "421381", "000000"),
        (ScopeLevel.PREFECTURE, "500156", "500156"),  # 重庆: no real prefecture
        (ScopeLevel.PREFECTURE, "429004", "429004"),  # 仙桃: directly administered
        (ScopeLevel.COUNTY, "421300", "421300"),  # a prefecture is its own county-level area
    ],
)
def test_scope_areas(level: ScopeLevel, code: str, area: str) -> None:
    assert level.area(code) == area
    assert level.contains(code, code)


def test_unit_conversions_are_exact_and_only_between_compatible_units() -> None:
    assert conversion(Unit.YEAR, Unit.MONTH) == Fraction(12)
    assert conversion(Unit.MONTH, Unit.YEAR) == Fraction(1, 12)
    assert conversion(Unit.KM, Unit.KM) == 1
    assert conversion(Unit.BODY, Unit.PIECE) is None
    assert all(s.units for s in Service)
    assert [s for s in Service if s.is_basic] == [
        Service.TRANSPORT,
        Service.STORAGE,
        Service.CREMATION,
        Service.ASH_STORAGE,
    ]
    assert Service.CREMATION.zh == "遗体火化"
    assert Unit.KM.zh == "公里"


# -- zones -------------------------------------------------------------------------------------


def test_zone_lookup_and_unknown_zone() -> None:
    policy = default_policy()
    assert policy.zone("500156", dt.date(2025, 1, 1)).zone is Zone.BURIAL_REFORM
    assert policy.zone("421381", dt.date(2025, 1, 1)).zone is Zone.CREMATION  # from 421300
    with pytest.raises(ZoneUnknownError, match="430602") as caught:
        policy.zone("430602", dt.date(2025, 1, 1))
    assert caught.value.chain == ("430602", "430600", "430000", "000000")
    assert isinstance(caught.value, LookupError)


# -- loading a caller's file -------------------------------------------------------------------

GOOD = """
jurisdiction = "421321"

[sources.mine]
title = "随县 test notice"

[[funeral.catalogue]]
service = "cremation"
unit = "body"
price = 280
effective_from = 2025-06-01
status = "sourced"
source = "mine"

[[funeral.zone]]
zone = "burial_reform"
effective_from = 2025-06-01
status = "example"
note = "test"
"""


def test_a_callers_file_layers_over_the_shipped_data(tmp_path: Path) -> None:
    policy = FuneralPolicy.load([write(tmp_path, GOOD)])
    before = policy.catalogue("421321", dt.date(2025, 5, 31)).item(Service.CREMATION, Unit.BODY)
    after = policy.catalogue("421321", dt.date(2025, 6, 1)).item(Service.CREMATION, Unit.BODY)
    assert isinstance(before, CatalogueItem)
    assert isinstance(after, CatalogueItem)
    assert (before.price, after.price) == (Decimal(330), Decimal(280))
    assert after.provenance.status is Status.SOURCED
    assert policy.zone("421321", dt.date(2025, 6, 1)).zone is Zone.BURIAL_REFORM
    assert isinstance(policy.zone("421321", dt.date(2025, 5, 1)), ZoneRecord)
    # The shipped policy is untouched.
    item = (
        default_policy().catalogue("421321", dt.date(2025, 6, 1)).item(Service.CREMATION, Unit.BODY)
    )
    assert item is not None
    assert item.price == Decimal(330)
    own = FuneralPolicy.load([write(tmp_path, GOOD)], include_shipped=False)
    assert own.jurisdictions() == ["421321"]


def test_a_callers_record_with_an_end_date_restores_the_old_one_after(tmp_path: Path) -> None:
    first = GOOD.replace(
        'effective_from = 2025-06-01\nstatus = "sourced"',
        'effective_from = 2025-01-01\nstatus = "sourced"',
    )
    second = GOOD.replace("price = 280", "price = 250").replace(
        'effective_from = 2025-06-01\nstatus = "sourced"',
        'effective_from = 2025-03-01\neffective_to = 2025-03-31\nstatus = "sourced"',
    )
    policy = FuneralPolicy.load(
        [write(tmp_path, first, "a.toml"), write(tmp_path, second, "b.toml")]
    )
    prices = [
        policy.catalogue("421321", day).item(Service.CREMATION, Unit.BODY)
        for day in (dt.date(2025, 2, 1), dt.date(2025, 3, 15), dt.date(2025, 4, 1))
    ]
    assert [p.price for p in prices if p is not None] == [Decimal(280), Decimal(250), Decimal(280)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("surprise = 1\n" + GOOD, "$.surprise: unknown key (allowed: eldercare."),
        (GOOD.replace('service = "cremation"', 'service = "cryonics"'), "'cryonics'"),
        (GOOD.replace('unit = "body"', 'unit = "km"'), "a unit cremation is priced per (body)"),
        (GOOD.replace("price = 280", "price = -1"), "catalogue[0].price"),
        (
            GOOD.replace("price = 280", 'price = "280"'),
            "expected a number (a TOML integer or decimal)",
        ),
        (GOOD.replace("price = 280", "price = 280.001"), "two decimal places"),
        (
            GOOD.replace('source = "mine"', 'source = "theirs"'),
            "got 'theirs', expected a source declared under [sources]",
        ),
        (
            GOOD.replace('source = "mine"\n', ""),
            'got (missing), expected a key of [sources] (status = "sourced" needs a source)',
        ),
        (GOOD.replace('note = "test"\n', ""), "an example record needs a 'note'"),
        (GOOD.replace('zone = "burial_reform"', 'zone = "sea"'), "zone[0].zone"),
        (
            GOOD.replace("[[funeral.zone]]", "[[funeral.zone]]\ncolour = 1"),
            "funeral.zone[0].colour: got (present), expected no such key",
        ),
        (
            GOOD.replace(
                'effective_from = 2025-06-01\nstatus = "sourced"',
                'effective_from = 2025-06-01\neffective_to = 2025-01-01\nstatus = "sourced"',
            ),
            "expected a date on or after effective_from",
        ),
        (GOOD.replace('jurisdiction = "421321"', 'jurisdiction = "999999"'), "jurisdiction"),
        (GOOD + '\n[sources.bad]\npublisher = "x"\n', "$.sources.bad.title: got (missing)"),
    ],
)
def test_bad_files_are_refused_naming_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(ParameterFileError) as caught:
        FuneralPolicy.load([write(tmp_path, text)])
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_overlapping_records_are_refused(tmp_path: Path) -> None:
    # A record without an end is in force until the next one starts; an explicit end past
    # the next start overlaps it.
    text = (
        GOOD.replace(
            'zone = "burial_reform"\n', 'zone = "burial_reform"\neffective_to = 2025-12-31\n'
        )
        + """
[[funeral.zone]]
zone = "cremation"
effective_from = 2025-09-01
status = "example"
note = "test"
"""
    )
    with pytest.raises(ParameterFileError, match="overlaps"):
        FuneralPolicy.load([write(tmp_path, text)])


SCHEME = """
jurisdiction = "421321"

[[funeral.scheme]]
id = "test"
name = "test scheme"
effective_from = 2025-01-01
status = "example"
note = "test"
registration_scope = "county"

[[funeral.scheme.allowance]]
service = "storage"
groups = ["registered"]
unit = "day"
free_quantity = 3
"""


ELSEWHERE_COUNTY = '[[funeral.scheme.elsewhere]]\nscope = "county"\ngroups = ["registered"]\n\n'
SECOND_STORAGE = '[[funeral.scheme.allowance]]\nservice = "storage"\ngroups = ["registered"]\n\n'


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('groups = ["registered"]', 'groups = ["everyone"]'), "'everyone'"),
        (('groups = ["registered"]', "groups = []"), "non-empty array of groups"),
        (('unit = "day"', 'unit = "km"'), "a unit storage is counted in"),
        (('unit = "day"\n', ""), "free_quantity and unit_cap need it"),
        (("free_quantity = 3", "free_quantity = -3"), "a quantity of zero or more"),
        (("free_quantity = 3\n", ""), "only meaningful with free_quantity or unit_cap"),
        (('registration_scope = "county"', 'registration_scope = "galaxy"'), "'galaxy'"),
        (('registration_scope = "county"\n', ""), "registration_scope: got (missing)"),
        (
            (
                "[[funeral.scheme.allowance]]",
                ELSEWHERE_COUNTY + "[[funeral.scheme.allowance]]",
            ),
            "a scope wider than the county",
        ),
        (
            (
                "[[funeral.scheme.allowance]]",
                SECOND_STORAGE + "[[funeral.scheme.allowance]]",
            ),
            "both cover ['registered']",
        ),
    ],
)
def test_bad_schemes_are_refused_naming_the_problem(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    text = SCHEME.replace(*change)
    assert text != SCHEME
    with pytest.raises(ParameterFileError) as caught:
        FuneralPolicy.load([write(tmp_path, text)])
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_a_scheme_without_items_is_refused(tmp_path: Path) -> None:
    text = SCHEME.split("[[funeral.scheme.allowance]]", maxsplit=1)[0]
    with pytest.raises(ParameterFileError, match="at least one"):
        FuneralPolicy.load([write(tmp_path, text)])


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = GOOD.replace("price = 280", "price = -1").replace('zone = "burial_reform"', 'zone = "x"')
    with pytest.raises(ParameterFileError) as caught:
        FuneralPolicy.load([write(tmp_path, text)])
    assert len(caught.value.problems) == 2


def test_invalid_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="not valid TOML"):
        FuneralPolicy.load([write(tmp_path, "jurisdiction = ")])


# -- facts -------------------------------------------------------------------------------------


def test_quantities_are_exact_non_negative_decimals() -> None:
    assert ServiceUse(Service.TRANSPORT, "12.345", Unit.KM).quantity == Decimal("12.345")
    for bad in ("-1", "1.2345", 1.5, True, "ten", "NaN"):
        with pytest.raises(InvalidInputError) as caught:
            ServiceUse(Service.TRANSPORT, bad, Unit.KM)  # type: ignore[arg-type] # refused
        assert caught.value.path == "$.quantity"


def test_a_distance_without_a_unit_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceUse(Service.TRANSPORT, 36)
    assert caught.value.path == "$.unit"
    assert "trip, km" in caught.value.expected


def test_a_unit_the_service_is_not_counted_in_is_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceUse(Service.CREMATION, 1, Unit.KM)
    assert caught.value.path == "$.unit"


def test_whole_units_take_whole_quantities() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceUse(Service.CREMATION, "1.5", Unit.BODY)
    assert caught.value.path == "$.quantity"


def test_a_price_charged_is_money() -> None:
    with pytest.raises(InvalidInputError) as caught:
        ServiceUse(Service.CREMATION, 1, Unit.BODY, price="-5")
    assert caught.value.path == "$.price"


def test_deceased_and_case_validation() -> None:
    with pytest.raises(InvalidInputError, match=r"\$\.person"):
        Deceased(None, dt.date(2025, 1, 1), "421303")
    with pytest.raises(InvalidInputError, match=r"\$\.place_of_death"):
        Deceased(None, dt.date(2025, 1, 1), "随州", unidentified=True)
    unidentified = Deceased(None, dt.date(2025, 1, 1), "421303", unidentified=True)
    assert unidentified.registration is None
    with pytest.raises(InvalidInputError, match=r"\$\.cremation_place"):
        FuneralCase("C", unidentified, "421300")  # a prefecture, not a county
    with pytest.raises(InvalidInputError, match=r"\$\.cremation_date"):
        FuneralCase("C", unidentified, "421303", cremation_date=dt.date(2024, 12, 31))
    with pytest.raises(InvalidInputError, match=r"\$\.burial"):
        FuneralCase("C", unidentified, "421303", cremated=False)
    with pytest.raises(InvalidInputError, match=r"\$\.id"):
        FuneralCase(" ", unidentified, "421303")


@pytest.mark.parametrize(
    ("field", "value"),
    [("free_quantity", "nan"), ("free_quantity", "inf"), ("unit_cap", "nan"), ("unit_cap", "inf")],
)
def test_non_finite_allowance_numbers_are_problems_not_crashes(
    tmp_path: Path, field: str, value: str
) -> None:
    # regression: nan crashed the loader (comparison with 0) and inf was accepted
    data = tmp_path / "420984.toml"
    data.write_text(
        f"""
jurisdiction = "420984"

[[funeral.scheme]]
id = "bad"
name = "test scheme"
effective_from = 2025-01-01
status = "example"
note = "test data"
registration_scope = "county"

[[funeral.scheme.allowance]]
service = "storage"
groups = ["registered"]
unit = "day"
{field} = {value}
""",
        encoding="utf-8",
    )
    with pytest.raises(ParameterFileError) as caught:
        FuneralPolicy.load([data])
    assert f"scheme[0].allowance[0].{field}" in str(caught.value)
