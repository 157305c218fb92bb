import datetime as dt
from decimal import Decimal

from civaffairs.parameters import default_book
from civaffairs.parameters.relations import RELATIONS, check_book


def test_shipped_parameters_satisfy_their_legal_relations() -> None:
    assert check_book(default_book()) == []


def test_relations_are_checked_somewhere() -> None:
    # The 特困 ≥ 1.3 × 低保 relation has subjects in the shipped data (Chongqing).
    book = default_book()
    subjects = {r.parameters()[0] for r in RELATIONS}
    assert any(book.series(name, "500000") for name in subjects)


def test_a_basic_standard_below_the_ratio_is_caught() -> None:
    book = default_book().override(
        "assistance.extreme_poverty.basic_living_standard.urban",
        "500000",
        Decimal(990),
        dt.date(2025, 7, 1),
        check=False,  # build the unlawful book on purpose, to see check_book name it
    )
    violations = check_book(book)
    assert {v.jurisdiction for v in violations} == {"500000"}
    assert min(v.on for v in violations) == dt.date(2025, 7, 1)
    assert "990" in violations[0].detail
    assert "1001" in violations[0].detail


def test_half_yuan_rounds_down_as_chongqing_published() -> None:
    # 1.3 × 735 = 955.5 was published as 955 (渝民发〔2023〕10号).
    book = default_book()
    assert book.get(
        "assistance.extreme_poverty.basic_living_standard.urban", "500156", dt.date(2023, 9, 1)
    ).value == Decimal(955)
    assert check_book(book) == []


def test_a_county_below_its_province_floor_is_caught() -> None:
    book = (
        default_book()
        .override(
            "assistance.dibao.standard_floor.urban",
            "500000",
            Decimal(740),
            dt.date(2025, 1, 1),
            check=False,
        )
        .override(
            "assistance.dibao.standard.urban",
            "500156",
            Decimal(730),
            dt.date(2025, 9, 1),
            check=False,
        )
    )
    violations = [
        v for v in check_book(book) if v.relation.startswith("assistance.dibao.standard_not_below")
    ]
    assert {v.jurisdiction for v in violations} == {"500156"}
    assert min(v.on for v in violations) == dt.date(2025, 9, 1)
    assert "740" in violations[0].detail
