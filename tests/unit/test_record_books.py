"""The record books: one file per jurisdiction, one loader, one override mechanism."""

import datetime as dt
import io
from importlib import resources
from pathlib import Path

import pytest
from eldercare_builders import SUIZHOU_DISTRICT, older

from civaffairs import jurisdictions
from civaffairs.cli import main
from civaffairs.eldercare import entitlements
from civaffairs.errors import ParameterFileError
from civaffairs.funeral.policy import FuneralPolicy, Zone, default_policy
from civaffairs.funeral.services import Service
from civaffairs.parameters import ParameterBook, Source, Status, default_book
from civaffairs.parameters.books import TABLES, read_book, table
from civaffairs.targets.data import load_plan, plan_ids

BOOKS = resources.files("civaffairs").joinpath("books")
#: Every shipped record book, found by listing the folder: adding a jurisdiction adds a file.
SHIPPED = sorted(entry.name for entry in BOOKS.iterdir() if entry.name.endswith(".toml"))
ON = dt.date(2026, 1, 1)


def test_books_are_found_by_listing_the_folder() -> None:
    assert "000000.toml" in SHIPPED
    assert len(SHIPPED) > 10


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_book_loads_alone_and_holds_only_its_own_jurisdiction(name: str) -> None:
    code = name.removesuffix(".toml")
    place = jurisdictions.get(code)  # the file is named by a real GB/T 2260 code
    book = ParameterBook.load([Path(str(BOOKS.joinpath(name)))], include_shipped=False, check=False)
    assert book.places() == [place.code]
    assert all(where == code for _, where in book.keys())  # noqa: SIM118 - a method
    for kind in TABLES:
        for where, _, rows in book.table(kind):
            assert where == code
            assert rows


def test_every_shipped_record_is_in_the_default_book_and_checked() -> None:
    book = default_book()
    assert book.places() == sorted(n.removesuffix(".toml") for n in SHIPPED)
    book.check("the shipped books")
    for kind in TABLES:
        dated = table(kind).dated
        for _, _, rows in book.table(kind):
            if not dated:
                continue
            for row in rows:
                dated = getattr(row, "provenance", row)  # a table row, or a dated entry itself
                assert dated.status is Status.SOURCED or dated.note, row
                assert dated.effective_to is None or dated.effective_to >= dated.effective_from


def test_work_plans_are_keyed_by_division_code() -> None:
    book = default_book()
    places = {where: key for where, key, _ in book.table("targets.plans")}
    assert set(places) == {
        plan.jurisdiction for plan in map(load_plan, plan_ids()) if plan.jurisdiction
    }
    for where, (plan_id,) in places.items():
        assert load_plan(str(plan_id)).jurisdiction == where


SCHEME = {
    "id": "suixian-2026",
    "name": "随县 test scheme",
    "registration_scope": "county",
    "allowance": [{"service": "cremation", "groups": ["registered"]}],
}


#: What ``override`` expects of a name given a mapping (a table row).
ONE_OF_THE_TABLES = (
    "one of the record books' tables (funeral.catalogue, funeral.scheme, funeral.zone,"
    " eldercare.entitlements.services, targets.plans, targets.results),"
    " as the value is a mapping (a table row)"
)


def test_an_override_reaches_funeral_schemes() -> None:
    source = Source("test", "随县 test notice")
    book = default_book().override(
        "funeral.scheme", "随县", SCHEME, ON, source=source, status=Status.SOURCED
    )
    policy = FuneralPolicy(book)
    scheme = policy.scheme("421321", ON)
    assert scheme is not None
    assert scheme.id == "suixian-2026"
    assert scheme.provenance.source == source
    assert [a.service for a in scheme.allowances] == [Service.CREMATION]
    # Before the override's date, and in the shipped policy, the prefecture's scheme applies.
    before = policy.scheme("421321", ON - dt.timedelta(days=1))
    shipped = default_policy().scheme("421321", ON)
    assert before is not None
    assert shipped is not None
    assert before.id == shipped.id != "suixian-2026"
    assert policy.scheme_chain("421321", ON)[1:] == default_policy().scheme_chain("421321", ON)


def test_an_override_of_a_table_row_is_checked_like_a_file_row() -> None:
    bad = {**SCHEME, "registration_scope": "galaxy", "colour": 1}
    with pytest.raises(ParameterFileError) as caught:
        default_book().override("funeral.scheme", "421321", bad, ON)
    text = str(caught.value)
    assert "funeral.scheme @ 421321 from 2026-01-01" in text
    assert "$.registration_scope: got 'galaxy', expected one of" in text
    assert "$.colour: got (present), expected no such key" in text
    with pytest.raises(ParameterFileError) as caught:
        default_book().override("assistance.dibao.standard.urban", "421321", SCHEME, ON)
    assert caught.value.problems == (
        f"$.name: got 'assistance.dibao.standard.urban', expected {ONE_OF_THE_TABLES}",
    )


def test_an_override_reaches_service_lists() -> None:
    person = older(dt.date(1940, 1, 1), where=SUIZHOU_DISTRICT)
    row = {
        "code": "visiting_care",
        "zh": "探访关爱服务",
        "en": "visits and care",
        "kind": "caring",
        "groups": [["older_person", "very_old"]],
    }
    book = default_book().override("eldercare.entitlements.services", "421300", row, ON)
    local = entitlements.assess(person, ON, book=book)
    assert "visiting_care" in local.granted  # 80 or more: the local entry's group
    assert local.get("visiting_care").uses_example_data
    national = entitlements.assess(person, ON)
    assert "visiting_care" not in national.granted  # the national groups: not living alone…
    assert [e.service for e in local.entitlements] == [e.service for e in national.entitlements]


FILE = """
jurisdiction = "421321"

[sources.mine]
title = "随县 test notice"

[[values."funeral.settlement.direct_between_counties"]]
effective_from = 2026-01-01
value = false
status = "sourced"
source = "mine"

[[funeral.zone]]
zone = "burial_reform"
effective_from = 2026-01-01
status = "sourced"
source = "mine"
"""


def test_a_callers_book_file_reaches_scalars_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "421321.toml"
    path.write_text(FILE, encoding="utf-8")
    book = ParameterBook.load([path])
    assert book.get("funeral.settlement.direct_between_counties", "421321", ON).value is False
    policy = FuneralPolicy(book)
    assert policy.zone("421321", ON).zone is Zone.BURIAL_REFORM
    assert policy.zone("421321", ON - dt.timedelta(days=1)).zone is Zone.CREMATION
    assert FuneralPolicy.load([path]).zone("421321", ON).zone is Zone.BURIAL_REFORM


def test_one_file_read_reports_scalar_and_table_problems_together(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = FILE.replace("value = false", "value = 3").replace('"burial_reform"', '"sea"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterFileError) as caught:
        ParameterBook.load([path])
    problems = caught.value.problems
    assert len(problems) == 2
    assert "true or false" in problems[0]
    assert "$.funeral.zone[0].zone: got 'sea'" in problems[1]


def test_a_source_must_name_its_document(tmp_path: Path) -> None:
    """A blank title would cite nothing: the book is refused, naming the source by path."""
    path = tmp_path / "blank.toml"
    path.write_text('jurisdiction = "421321"\n\n[sources.doc]\ntitle = " "\n', encoding="utf-8")
    with pytest.raises(ParameterFileError) as caught:
        ParameterBook.load([path])
    assert caught.value.problems == ("$.sources.doc.title: got ' ', expected a title",)


def test_scalar_and_table_series_splice_alike() -> None:
    book = default_book()
    changed = book.override(
        "funeral.settlement.direct_between_counties",
        "421300",
        True,
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    ).override(
        "funeral.zone",
        "421300",
        {"zone": "burial_reform"},
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    )
    days = (dt.date(2026, 2, 28), dt.date(2026, 3, 15), dt.date(2026, 4, 1))
    zones = [FuneralPolicy(changed).zone("421303", day).zone for day in days]
    assert zones == [Zone.CREMATION, Zone.BURIAL_REFORM, Zone.CREMATION]
    values = [
        changed.get("funeral.settlement.direct_between_counties", "421303", day).value
        for day in days
    ]
    shipped = book.get("funeral.settlement.direct_between_counties", "421303", days[0]).value
    assert values == [shipped, True, shipped]
    assert len(changed.rows("funeral.zone", "421300")) == 3  # before, the override, after


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_params_option_loads_a_whole_book_and_reports_a_bad_row_by_path(
    tmp_path: Path,
) -> None:
    path = tmp_path / "421321.toml"
    path.write_text(FILE, encoding="utf-8")
    code, out, err = _cli("params", "421321", "--on", "2026-01-01", "--params", str(path))
    assert (code, err) == (0, "")
    assert "funeral.settlement.direct_between_counties @ 421321" in out
    path.write_text(FILE.replace('"burial_reform"', '"sea"'), encoding="utf-8")
    code, _, err = _cli("params", "421321", "--params", str(path))
    assert code == 2
    assert "$.funeral.zone[0].zone: got 'sea'" in err


def _problems(text: str) -> tuple[str, ...]:
    """The problems reading a book's text reports (the text must be refused)."""
    with pytest.raises(ParameterFileError) as caught:
        read_book(text, "book.toml", default_book().specs)
    return caught.value.problems


JURISDICTION = 'a six-digit GB/T 2260 code (a TOML string such as "500156")'


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("", f"$.jurisdiction: got (missing), expected {JURISDICTION}"),
        ("jurisdiction = 500156", f"$.jurisdiction: got 500156, expected {JURISDICTION}"),
        (
            'jurisdiction = "500157"',
            (
                "$.jurisdiction: got '500157', expected a code of the shipped GB/T 2260 table"
                " (civaffairs.jurisdictions)"
            ),
        ),
    ],
)
def test_a_bad_jurisdiction_is_named_by_path(line: str, problem: str) -> None:
    """The book's code is reported like every other field: path, value, what was expected."""
    assert _problems(f'{line}\nnote = "a book"\n') == (problem,)


def test_a_row_without_a_source_and_with_a_bad_value_reports_both() -> None:
    """Every bad field is reported: the value is checked even when the row's source is missing."""
    text = FILE.replace(
        'value = false\nstatus = "sourced"\nsource = "mine"', 'value = 3\nstatus = "sourced"'
    )
    name = "funeral.settlement.direct_between_counties"
    assert _problems(text) == (
        (
            f"$.values.'{name}'[0].source: got (missing), expected a key of [sources]"
            ' (status = "sourced" needs a source)'
        ),
        (
            f"$.values.'{name}'[0].value: got 3, expected true or false for a flag parameter"
            f" ({name} @ 421321 from 2026-01-01)"
        ),
    )


def test_every_unknown_key_is_reported_by_path() -> None:
    """One problem per unknown key, each naming its path and the keys a book may hold."""
    allowed = (
        "eldercare.entitlements.services, funeral.catalogue, funeral.scheme, funeral.zone,"
        " jurisdiction, note, sources, targets.plans, targets.results, values"
    )
    text = 'jurisdiction = "421321"\nfoo = 1\n[[funeral.zonez]]\nzone = "sea"\n'
    assert _problems(text) == (
        f"$.foo: unknown key (allowed: {allowed})",
        f"$.funeral.zonez: unknown key (allowed: {allowed})",
    )


def test_an_override_of_an_unknown_table_lists_the_tables_and_the_closest() -> None:
    """A misspelt table is named by path, with every table and the closest one."""
    with pytest.raises(ParameterFileError) as caught:
        default_book().override("funeral.zonee", "421321", {"zone": "burial_reform"}, ON)
    assert caught.value.problems == (
        f"$.name: got 'funeral.zonee', expected {ONE_OF_THE_TABLES}; did you mean funeral.zone?",
    )


def test_an_overrides_arguments_are_named_by_path() -> None:
    """Every bad argument of ``override`` is reported, each by its path, value and expectation."""
    with pytest.raises(ParameterFileError) as caught:
        default_book().override(
            "assistance.dibao.standard.urban",
            "500156",
            1.5,  # type: ignore[arg-type]
            ON,
            dt.date(2025, 1, 1),
            status=Status.SOURCED,
        )
    assert caught.value.problems == (
        (
            "$.value: got 1.5, expected a number for a money parameter"
            " (a TOML integer or decimal, never a float)"
        ),
        "$.effective_to: got 2025-01-01, expected a date on or after effective_from 2026-01-01",
        "$.source: got None, expected a Source (status=Status.SOURCED needs a source)",
    )
