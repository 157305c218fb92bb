"""Resident identity numbers (公民身份号码, GB 11643-1999).

An 18-character number: a 6-digit address code (GB/T 2260), an 8-digit birth
date ``YYYYMMDD``, a 3-digit sequence code whose last digit is odd for men and
even for women, and a check character computed with ISO 7064 MOD 11-2.

A :class:`ResidentId` is personal data: its ``repr`` and ``str`` are masked
(``4213**********123X``), every error about one shows only the masked form, and
the full number comes out only through :meth:`ResidentId.reveal`.

Legacy 15-digit numbers (GB 11643-1989) are refused, with a message saying so.
The standard's upgrade rule assumes the 20th century (``19`` is inserted before
the 2-digit year), which is wrong for anyone born before 1900; since the
programmes here serve the very old, the upgrade is left to the issuing record,
not guessed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import operator
import unicodedata
from typing import cast

import attrs

from civaffairs import jurisdictions
from civaffairs.dates import age_in_full_years
from civaffairs.errors import InvalidInputError, InvalidResidentIdError
from civaffairs.labels import Labelled
from civaffairs.privacy import mask_identifier

__all__ = ["EARLIEST_BIRTH_DATE", "ResidentId", "Sex", "check_character", "generate"]

EARLIEST_BIRTH_DATE = dt.date(1850, 1, 1)
"""Birth dates before this day are refused as implausible.

.. versionadded:: 0.1.0
"""

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ASCII_ZERO_TOTAL = ord("0") * sum(_WEIGHTS)
_CHECK_CHARACTERS = "10X98765432"
_DIGITS = frozenset("0123456789")
_LENGTH = 18
_LEGACY_LENGTH = 15
_EXPECTED = "an 18-character resident identity number (GB 11643-1999)"


class Sex(Labelled):
    """Sex as recorded in the resident identity number (odd 17th digit: male).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    MALE = "male", "男", "male"
    FEMALE = "female", "女", "female"


def check_character(first17: str) -> str:
    """Return the check character (``0``–``9`` or ``X``) for the first 17 digits.

    ISO 7064 MOD 11-2 as GB 11643-1999 applies it: the weighted sum of the
    digits (weights 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2) taken
    modulo 11 indexes ``"10X98765432"``.

    >>> check_character("11010519491231002")
    'X'

    Raises :class:`~civaffairs.errors.InvalidResidentIdError` (showing the
    masked value) unless ``first17`` is exactly 17 ASCII digits.

    .. versionadded:: 0.1.0
    """
    if len(first17) != len(_WEIGHTS) or not _DIGITS.issuperset(first17):
        raise InvalidResidentIdError(
            "$", mask_identifier(first17), "the first 17 digits of a resident identity number"
        )
    # The digits' bytes are their values plus 48 (ASCII "0"): take 48 × Σweights off once.
    total = sum(map(operator.mul, _WEIGHTS, first17.encode("ascii"))) - _ASCII_ZERO_TOTAL
    return _CHECK_CHARACTERS[total % 11]


def _normalise(text: str) -> str:
    """Fold full-width forms (NFKC), drop all whitespace, upper-case a final ``x``."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def _invalid(path: str, number: str, detail: str) -> InvalidResidentIdError:
    return InvalidResidentIdError(path, mask_identifier(number), _EXPECTED, detail=detail)


def _birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def _validate(number: str, *, on: dt.date | None, path: str) -> None:
    """Raise unless ``number`` (already normalised) is a valid 18-character number."""
    if len(number) == _LEGACY_LENGTH and _DIGITS.issuperset(number):
        raise _invalid(
            path,
            number,
            "a 15-digit number (GB 11643-1989) must first be upgraded to its 18-character "
            "form, as printed on the second-generation card",
        )
    if len(number) != _LENGTH:
        raise _invalid(path, number, f"it has {len(number)} characters, not {_LENGTH}")
    if not _DIGITS.issuperset(number[:17]):
        position = next(i for i, char in enumerate(number[:17], start=1) if char not in _DIGITS)
        raise _invalid(path, number, f"character {position} is not a digit 0-9")
    if number[17] not in _DIGITS and number[17] != "X":
        raise _invalid(path, number, "character 18 (the check character) is not 0-9 or X")
    if not jurisdictions.is_region_code(number[:6]):
        raise _invalid(path, number, "digits 1-6 are not a known GB/T 2260 address code")
    birth = _birth_date(number)
    if birth is None:
        raise _invalid(path, number, "digits 7-14 are not a real calendar date")
    if birth < EARLIEST_BIRTH_DATE:
        raise _invalid(path, number, f"the birth date is before {EARLIEST_BIRTH_DATE.isoformat()}")
    if on is not None and birth > on:
        raise _invalid(path, number, f"the birth date is after the as-of date {on.isoformat()}")
    expected = check_character(number[:17])
    if number[17] != expected:
        raise _invalid(
            path, number, f"the check character does not match: expected {expected} (MOD 11-2)"
        )


def _validate_field(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(cast("object", value), str):
        raise InvalidResidentIdError(
            "$", f"<{type(value).__name__}>", "a string", detail="the number must be given as text"
        )
    _validate(value, on=None, path="$")


@attrs.frozen
class ResidentId:
    """A validated resident identity number; shown masked, revealed only on request.

    Build one with :meth:`parse` (which normalises the text first) or
    :func:`generate`.  Calling ``ResidentId(number)`` directly validates the
    exact 18-character text without normalising it.  Two instances are equal
    (and hash alike) when their numbers are.

    >>> rid = ResidentId.parse("11010519491231002x")
    >>> rid
    ResidentId('1101**********002X')
    >>> rid.birth_date, rid.sex
    (datetime.date(1949, 12, 31), <Sex.FEMALE: 'female'>)

    .. versionadded:: 0.1.0
    """

    _number: str = attrs.field(alias="number", repr=False, validator=_validate_field)

    @classmethod
    def parse(cls, text: str, *, on: dt.date | None = None, path: str = "$") -> ResidentId:
        """Validate ``text`` and return it as a :class:`ResidentId`.

        ``text`` is normalised first: full-width characters are folded, all
        whitespace (including inside the number) is removed and a lower-case
        ``x`` check character is upper-cased.  Then the number must have 18
        characters, digits in positions 1–17, a known GB/T 2260 address code, a
        real birth date from 1850-01-01 on (and not after ``on`` when given) and
        the right MOD 11-2 check character.

        Every failure raises :class:`~civaffairs.errors.InvalidResidentIdError`
        at ``path``, showing only the masked number.

        .. versionadded:: 0.1.0
        """
        if not isinstance(cast("object", text), str):
            raise InvalidResidentIdError(
                path,
                f"<{type(text).__name__}>",
                "a string",
                detail="the number must be given as text",
            )
        number = _normalise(text)
        _validate(number, on=on, path=path)
        return cls._trusted(number)

    @classmethod
    def _trusted(cls, number: str) -> ResidentId:
        """Wrap an already validated number without validating it again."""
        instance = object.__new__(cls)
        object.__setattr__(instance, "_number", number)
        return instance

    @property
    def region_code(self) -> str:
        """The GB/T 2260 address code (digits 1–6), current or retired.

        .. versionadded:: 0.1.0
        """
        return self._number[:6]

    @property
    def birth_date(self) -> dt.date:
        """The birth date encoded in digits 7–14.

        .. versionadded:: 0.1.0
        """
        number = self._number
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))

    @property
    def sex(self) -> Sex:
        """The sex encoded in digit 17 (odd: male, even: female).

        .. versionadded:: 0.1.0
        """
        return Sex.MALE if int(self._number[16]) % 2 else Sex.FEMALE

    @property
    def masked(self) -> str:
        """The number with all but its first 4 and last 4 characters masked.

        .. versionadded:: 0.1.0
        """
        return mask_identifier(self._number)

    def reveal(self) -> str:
        """Return the full number: the one explicit way to get it.

        .. versionadded:: 0.1.0
        """
        return self._number

    def age_on(self, on: dt.date) -> int:
        """Return the age in full years (周岁) on ``on``, from the encoded birth date.

        .. versionadded:: 0.1.0
        """
        return age_in_full_years(self.birth_date, on)

    def __repr__(self) -> str:
        return f"ResidentId({self.masked!r})"

    def __str__(self) -> str:
        return self.masked


def generate(region: str, birth: dt.date, sequence: int) -> ResidentId:
    """Build the valid number for an address code, a birth date and a sequence code 0–999.

    The check character is computed; the sex follows the sequence code's parity
    (odd: male).  Meant for tests, examples and test-data strategies.

    >>> generate("110105", dt.date(1949, 12, 31), 2).masked
    '1101**********002X'

    Raises :class:`~civaffairs.errors.InvalidInputError` for an unknown address
    code, a birth date before 1850-01-01 or a sequence outside 0–999.

    .. versionadded:: 0.1.0
    """
    if not jurisdictions.is_region_code(region):
        raise InvalidInputError("$.region", region, "a known GB/T 2260 address code")
    if birth < EARLIEST_BIRTH_DATE:
        raise InvalidInputError(
            "$.birth", birth.isoformat(), f"a date on or after {EARLIEST_BIRTH_DATE.isoformat()}"
        )
    if not 0 <= sequence <= 999:
        raise InvalidInputError("$.sequence", str(sequence), "an integer from 0 to 999")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return ResidentId._trusted(first17 + check_character(first17))
