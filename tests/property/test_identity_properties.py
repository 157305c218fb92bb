from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civaffairs.errors import InvalidResidentIdError
from civaffairs.identity import EARLIEST_BIRTH_DATE, ResidentId, Sex, check_character, generate
from civaffairs.jurisdictions import all_jurisdictions

# Every address code of the table, current and retired, at any level.
REGIONS = st.sampled_from(sorted(j.code for j in all_jurisdictions(include_retired=True)))
BIRTHS = st.dates(min_value=EARLIEST_BIRTH_DATE, max_value=dt.date(2099, 12, 31))
SEQUENCES = st.integers(min_value=0, max_value=999)
CHECK_ALPHABET = "0123456789X"


@st.composite
def resident_ids(draw: st.DrawFn) -> ResidentId:
    return generate(draw(REGIONS), draw(BIRTHS), draw(SEQUENCES))


@given(REGIONS, BIRTHS, SEQUENCES)
def test_generate_parses_back_to_its_parts(region: str, birth: dt.date, sequence: int) -> None:
    rid = generate(region, birth, sequence)
    parsed = ResidentId.parse(rid.reveal(), on=birth)
    assert parsed == rid
    assert parsed.region_code == region
    assert parsed.birth_date == birth
    assert parsed.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)
    assert parsed.reveal()[14:17] == f"{sequence:03d}"
    assert parsed.masked == parsed.reveal()[:4] + "*" * 10 + parsed.reveal()[-4:]


@given(resident_ids())
def test_lower_case_and_spacing_do_not_matter(rid: ResidentId) -> None:
    number = rid.reveal()
    spaced = f" {number[:6]} {number[6:14]} {number[14:].lower()} "
    assert ResidentId.parse(spaced) == rid


@given(
    resident_ids(), st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10)
)
def test_any_single_character_change_is_detected(
    rid: ResidentId, position: int, shift: int
) -> None:
    # MOD 11-2 detects every single substitution: replace one character by another
    # of the same alphabet (digits for 1-17, digits or X for the check character).
    number = rid.reveal()
    alphabet = CHECK_ALPHABET if position == 17 else CHECK_ALPHABET[:10]
    old = alphabet.index(number[position])
    new = alphabet[(old + 1 + (shift - 1) % (len(alphabet) - 1)) % len(alphabet)]
    assert new != number[position]
    changed = number[:position] + new + number[position + 1 :]
    with pytest.raises(InvalidResidentIdError) as caught:
        ResidentId.parse(changed)
    assert changed not in str(caught.value)


@given(resident_ids())
def test_check_character_is_the_one_that_validates(rid: ResidentId) -> None:
    number = rid.reveal()
    assert check_character(number[:17]) == number[17]
