"""Units of targets: dimensions, exact conversion, and the mismatch error."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from civaffairs.errors import InvalidInputError
from civaffairs.targets.units import Dimension, Unit, UnitMismatchError, convert, convert_exact


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("1", Unit.WAN_YUAN, Unit.YUAN, "10000"),
        ("1.4", Unit.YI_YUAN, Unit.WAN_YUAN, "14000"),
        ("3000", Unit.WAN_YUAN, Unit.YI_YUAN, "0.3"),
        ("0.01", Unit.YUAN, Unit.YI_YUAN, "0.0000000001"),
        ("1.2", Unit.WAN_PERSON_TIME, Unit.PERSON_TIME, "12000"),
        ("8.5", Unit.WAN_PERSON, Unit.PERSON, "85000"),
        ("0.12", Unit.WAN_HOUSEHOLD, Unit.HOUSEHOLD, "1200"),
        ("62", Unit.PERCENT, Unit.PERCENT, "62"),
    ],
)
def test_conversion_is_exact(value: str, source: Unit, target: Unit, expected: str) -> None:
    converted = convert(Decimal(value), source, target)
    assert converted == Decimal(expected)
    exponent = converted.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0  # 14000, not 1.4E+4
    assert convert_exact(Fraction(value), source, target) == Fraction(expected)


def test_a_long_amount_is_not_rounded_by_the_decimal_context() -> None:
    amount = Decimal("1234567890123456789012345678.9")  # 29 digits, more than the default 28
    assert Fraction(convert(amount, Unit.YI_YUAN, Unit.YUAN)) == Fraction(amount) * 10**8
    assert convert(convert(amount, Unit.YUAN, Unit.YI_YUAN), Unit.YI_YUAN, Unit.YUAN) == amount


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (Unit.PERCENT, Unit.BED),
        (Unit.BED, Unit.HOUSEHOLD),
        (Unit.YUAN, Unit.YUAN_PER_PERSON_MONTH),
        (Unit.PERSON, Unit.PERSON_TIME),
        (Unit.PER_10K_RESIDENTS, Unit.PERCENT),
    ],
)
def test_different_dimensions_never_convert(source: Unit, target: Unit) -> None:
    with pytest.raises(UnitMismatchError) as caught:
        convert(Decimal(1), source, target, path="$.results[2].unit")
    error = caught.value
    assert isinstance(error, InvalidInputError)
    assert isinstance(error, ValueError)
    assert error.path == "$.results[2].unit"
    assert error.value == repr(source.value)
    assert repr(target.value) in error.expected
    with pytest.raises(UnitMismatchError):
        convert_exact(Fraction(1), source, target)


def test_every_unit_has_a_dimension_a_scale_and_labels() -> None:
    assert {u.dimension for u in Unit} == set(Dimension)
    assert [u for u in Unit if u.scale is not None] == [Unit.PERCENT, Unit.PER_10K_RESIDENTS]
    assert Unit.PER_10K_RESIDENTS.scale == 10_000
    assert Unit.BED.label("zh") == "张"
    assert Unit.BED.label("en") == "beds"
    assert Unit.YI_YUAN.exponent == 8
    assert Dimension.BEDS.label("zh") == "床位数"
    for unit in Unit:
        bases = [u for u in Unit if u.dimension is unit.dimension and u.exponent == 0]
        assert len(bases) == 1, unit  # one base unit per dimension
