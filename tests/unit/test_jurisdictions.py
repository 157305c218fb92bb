from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable

import pytest

from civaffairs import jurisdictions
from civaffairs.errors import CivaffairsError, UnknownJurisdictionError
from civaffairs.jurisdictions import (
    NATIONAL,
    AmbiguousJurisdictionError,
    Jurisdiction,
    Level,
    all_jurisdictions,
    chain,
    children,
    get,
    is_region_code,
    is_within,
)

EVERYTHING = all_jurisdictions(include_retired=True)


def codes(found: tuple[Jurisdiction, ...]) -> list[str]:
    return [j.code for j in found]


# --- look-ups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "name", "level"),
    [
        ("421300", "421300", "随州市", Level.PREFECTURE),
        ("随州市", "421300", "随州市", Level.PREFECTURE),
        ("330700", "330700", "金华市", Level.PREFECTURE),
        ("511400", "511400", "眉山市", Level.PREFECTURE),
        ("511425", "511425", "青神县", Level.COUNTY),
        ("500156", "500156", "武隆区", Level.COUNTY),
        ("武隆区", "500156", "武隆区", Level.COUNTY),
        ("500000", "500000", "重庆市", Level.PROVINCE),
        ("湖北省", "420000", "湖北省", Level.PROVINCE),
        ("500200", "500200", "县", Level.PREFECTURE),
        ("429004", "429004", "仙桃市", Level.COUNTY),
    ],
)
def test_get_by_code_and_by_name(query: str, code: str, name: str, level: Level) -> None:
    found = get(query)
    assert (found.code, found.name, found.level) == (code, name, level)


def test_get_by_code_is_the_same_object_each_time() -> None:
    assert get("500156") is get("500156") is get("武隆区")


def test_seed_jurisdictions() -> None:
    assert codes(children("421300")) == ["421303", "421321", "421381"]
    assert [j.name for j in children("421300")] == ["曾都区", "随县", "广水市"]
    assert get("330700").parent == "330000"
    assert get("511425").parent == "511400"
    assert get("500156").parent == "500100"
    assert get("500100").parent == "500000"
    assert get("500100").name == "市辖区"


def test_national_pseudo_jurisdiction() -> None:
    nation = get(NATIONAL)
    assert nation == Jurisdiction("000000", "全国", Level.NATIONAL, None)
    assert get("全国") is nation
    assert chain(NATIONAL) == (nation,)
    assert nation not in EVERYTHING
    assert codes(children(NATIONAL)) == sorted(j.code for j in EVERYTHING if j.parent is None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("朝阳区", {"110105", "220104"}),
        ("市辖区", {"110100", "120100", "310100", "500100"}),
        ("鼓楼区", {"320106", "320302", "350102", "410204"}),
    ],
)
def test_ambiguous_name_lists_candidates(name: str, expected: set[str]) -> None:
    with pytest.raises(AmbiguousJurisdictionError) as caught:
        get(name)
    error = caught.value
    assert {j.code for j in error.candidates} == expected
    assert error.query == name
    message = str(error)
    assert name in message
    for code in expected:
        assert code in message
    assert "6-digit code" in message


def test_ambiguous_message_names_the_enclosing_place() -> None:
    with pytest.raises(AmbiguousJurisdictionError, match=r"110105 朝阳区 \(北京市\)"):
        get("朝阳区")


def test_ambiguity_error_is_a_lookup_error_of_the_family() -> None:
    with pytest.raises(LookupError):
        get("朝阳区")
    assert issubclass(AmbiguousJurisdictionError, UnknownJurisdictionError)
    assert issubclass(AmbiguousJurisdictionError, CivaffairsError)


@pytest.mark.parametrize("query", ["999999", "420099", "火星市", "随州", "", "42130", "4213000"])
def test_unknown_code_or_name(query: str) -> None:
    with pytest.raises(UnknownJurisdictionError) as caught:
        get(query)
    assert caught.value.query == query
    assert repr(query) in str(caught.value)
    assert not isinstance(caught.value, AmbiguousJurisdictionError)


@pytest.mark.parametrize("function", [chain, children, jurisdictions.get, jurisdictions.label])
def test_unknown_code_everywhere(function: Callable[[str], object]) -> None:
    with pytest.raises(UnknownJurisdictionError, match="'999999'"):
        function("999999")


@pytest.mark.parametrize(
    ("query", "shown"),
    [("500156", "武隆区(500156)"), ("武隆区", "武隆区(500156)"), (NATIONAL, "全国(000000)")],
)
def test_label_is_the_official_name_and_the_code(query: str, shown: str) -> None:
    """The one place label every reason, bill and statement shows: ``名称(code)``."""
    assert jurisdictions.label(query) == shown


def test_is_within_unknown_code_raises() -> None:
    with pytest.raises(UnknownJurisdictionError):
        is_within("999999", "500000")
    with pytest.raises(UnknownJurisdictionError):
        is_within("500156", "999999")


# --- tree -----------------------------------------------------------------------------------


def test_chain_of_a_municipal_district() -> None:
    assert codes(chain("500156")) == ["500156", "500100", "500000"]
    assert [j.level for j in chain("500156")] == [Level.COUNTY, Level.PREFECTURE, Level.PROVINCE]


def test_chain_of_a_county() -> None:
    assert codes(chain("511425")) == ["511425", "511400", "510000"]
    assert [j.name for j in chain("511425")] == ["青神县", "眉山市", "四川省"]


def test_chain_of_a_province_and_by_name() -> None:
    assert codes(chain("420000")) == ["420000"]
    assert codes(chain("随县")) == ["421321", "421300", "420000"]


def test_chain_of_a_provincially_administered_county() -> None:
    assert codes(chain("429004")) == ["429004", "429000", "420000"]


@pytest.mark.parametrize(
    ("code", "ancestor", "expected"),
    [
        ("500156", "500156", True),
        ("500156", "500100", True),
        ("500156", "500000", True),
        ("500156", NATIONAL, True),
        ("500156", "500200", False),
        ("500156", "510000", False),
        ("511425", "511400", True),
        ("511400", "511425", False),
        ("500232", "500200", True),
        (NATIONAL, NATIONAL, True),
        ("500000", NATIONAL, True),
    ],
)
def test_is_within(code: str, ancestor: str, expected: bool) -> None:
    assert is_within(code, ancestor) is expected


def test_every_row_is_well_formed() -> None:
    counts = Counter(j.code for j in EVERYTHING)
    assert all(count == 1 for count in counts.values())
    by_code = {j.code: j for j in EVERYTHING}
    for j in EVERYTHING:
        assert re.fullmatch(r"[0-9]{6}", j.code), j
        assert j.name, j
        assert j.province == j.code[:2] + "0000"
        if j.level is Level.PROVINCE:
            assert j.parent is None, j
            assert j.code.endswith("0000"), j
            continue
        assert j.parent is not None, j
        parent = by_code[j.parent]
        assert j.code[:2] == j.parent[:2], j
        if j.level is Level.PREFECTURE:
            assert parent.level is Level.PROVINCE, j
            assert j.code.endswith("00"), j
        else:
            assert j.level is Level.COUNTY, j
            assert parent.level is Level.PREFECTURE, j
            assert j.code[:4] == j.parent[:4], j
            assert not j.code.endswith("00"), j


def test_province_prefix_is_consistent_with_its_descendants() -> None:
    for province in children(NATIONAL):
        for child in children(province.code, include_retired=True):
            assert child.code[:2] == province.code[:2]
            assert child.province == province.code
            for grandchild in children(child.code, include_retired=True):
                assert grandchild.province == province.code


def test_counts() -> None:
    provinces = [j for j in EVERYTHING if j.level is Level.PROVINCE]
    assert len(provinces) >= 31
    assert sum(j.level is Level.PREFECTURE for j in EVERYTHING) >= 330
    assert sum(j.level is Level.COUNTY for j in all_jurisdictions()) >= 2800


def test_all_jurisdictions_is_in_code_order_and_excludes_retired_by_default() -> None:
    current = all_jurisdictions()
    assert codes(current) == sorted(codes(current))
    assert all(not j.is_retired for j in current)
    assert set(current) < set(EVERYTHING)


# --- retired codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "parent", "valid_to", "successor"),
    [
        ("500232", "武隆县", "500200", dt.date(2016, 11, 24), "500156"),
        ("511422", "彭山县", "511400", dt.date(2014, 10, 20), "511403"),
    ],
)
def test_retired_codes(
    code: str, name: str, parent: str, valid_to: dt.date, successor: str
) -> None:
    retired = get(code)
    assert (retired.name, retired.parent, retired.valid_to) == (name, parent, valid_to)
    assert retired.is_retired
    assert is_region_code(code)
    assert get(name) is retired
    assert get(successor).valid_from == valid_to
    assert retired not in children(parent)
    assert retired in children(parent, include_retired=True)
    assert retired.is_current_on(valid_to - dt.timedelta(days=1))
    assert not retired.is_current_on(valid_to)
    assert get(successor).is_current_on(valid_to)
    assert not get(successor).is_current_on(valid_to - dt.timedelta(days=1))


def test_meishan_children_are_current_ones() -> None:
    assert codes(children("511400")) == [
        "511402",
        "511403",
        "511421",
        "511423",
        "511424",
        "511425",
    ]


@pytest.mark.parametrize("code", ["110105", "421300", "420000", "500232", "511422", "440524"])
def test_is_region_code_accepts_any_table_code(code: str) -> None:
    assert is_region_code(code)


@pytest.mark.parametrize("code", [NATIONAL, "999999", "随州市", "", "4213"])
def test_is_region_code_refuses(code: str) -> None:
    assert not is_region_code(code)


def test_open_bounds_are_always_current() -> None:
    j = get("421300")
    assert j.valid_from is None
    assert j.valid_to is None
    assert j.is_current_on(dt.date(1900, 1, 1))
    assert j.is_current_on(dt.date(2100, 1, 1))
