"""GB/T 2260 administrative divisions: provinces, prefectures and county-level units.

The shipped table (``divisions.tsv``, built by ``tools/update_divisions.py``;
its header records the source and retrieval date) holds every provincial,
prefecture and county-level unit, current and a few retired ones, exactly as
GB/T 2260 nests them.  That includes the pseudo-prefectures of the
municipalities (``500100`` 市辖区, ``500200`` 县) and the directly administered
county-level units of a province (``429000`` 省直辖县级行政区划), so::

    >>> [j.code for j in chain("500156")]
    ['500156', '500100', '500000']

:func:`chain` stops at the province.  The national level ``000000``
(:data:`NATIONAL`) is not a row of the table; :func:`get` still names it, so
that parameter look-ups and the CLI can show "全国".

Look-ups build their indexes once, on first use; ``get(code)`` is then a
dictionary look-up.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import importlib.resources
from collections.abc import Iterable, Mapping

import attrs

from civaffairs.errors import InvalidInputError, UnknownJurisdictionError

__all__ = [
    "NATIONAL",
    "AmbiguousJurisdictionError",
    "Jurisdiction",
    "Level",
    "all_jurisdictions",
    "chain",
    "children",
    "get",
    "is_region_code",
    "is_within",
    "label",
    "require_county",
    "suggestions",
]

NATIONAL = "000000"
"""The code of the national level (全国), above every province.

.. versionadded:: 0.1.0
"""


class Level(enum.Enum):
    """The level of a division in GB/T 2260.

    ``COUNTY`` is every county-level unit: districts (区), counties (县, 旗),
    county-level cities and the like.  ``NATIONAL`` is only for the national
    pseudo-jurisdiction ``000000``.

    .. versionadded:: 0.1.0
    """

    NATIONAL = "national"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


@attrs.frozen
class Jurisdiction:
    """One GB/T 2260 division: its 6-digit code, official Chinese name and place in the tree.

    ``parent`` is the code of the division directly above (``None`` for a
    province and for the nation).  ``valid_from`` and ``valid_to`` are the dates
    of the State Council approvals that created and abolished the unit, where
    recorded: the code is current on ``[valid_from, valid_to)``.

    .. versionadded:: 0.1.0
    """

    code: str
    name: str
    level: Level
    parent: str | None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def province(self) -> str:
        """The code of the provincial-level unit this division belongs to.

        For the national pseudo-jurisdiction this is ``000000`` itself.

        .. versionadded:: 0.1.0
        """
        return self.code[:2] + "0000"

    @property
    def is_retired(self) -> bool:
        """Whether the code has been abolished (it has a ``valid_to`` date).

        .. versionadded:: 0.1.0
        """
        return self.valid_to is not None

    def is_current_on(self, on: dt.date) -> bool:
        """Whether the code was in force on ``on`` (unrecorded bounds count as open).

        .. versionadded:: 0.1.0
        """
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_to is None or on < self.valid_to


class AmbiguousJurisdictionError(UnknownJurisdictionError):
    """A Chinese name that several divisions share (``朝阳区``, ``市辖区``): pass a code.

    ``candidates`` holds the divisions that bear the name.

    .. versionadded:: 0.1.0
    """

    candidates: tuple[Jurisdiction, ...]

    def __init__(self, query: str, candidates: Iterable[Jurisdiction]) -> None:
        self.candidates = tuple(candidates)
        listed = ", ".join(f"{j.code} {_qualified(j)}" for j in self.candidates)
        super().__init__(query)
        # Replace the inherited "unknown jurisdiction" wording: the name is known, several times.
        Exception.__init__(
            self,
            f"ambiguous jurisdiction name {query!r}: {len(self.candidates)} divisions bear it "
            f"({listed}); pass a 6-digit code instead",
        )


_NATION = Jurisdiction(NATIONAL, "全国", Level.NATIONAL, None)
_DATA_FILE = "divisions.tsv"
_COLUMNS = ("code", "name", "level", "parent", "valid_from", "valid_to", "note")
_PSEUDO_PREFECTURES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_TABLE_LEVELS = {"province": Level.PROVINCE, "prefecture": Level.PREFECTURE, "county": Level.COUNTY}


@attrs.frozen
class _Table:
    by_code: Mapping[str, Jurisdiction]
    by_name: Mapping[str, tuple[Jurisdiction, ...]]
    children: Mapping[str, tuple[Jurisdiction, ...]]
    ordered: tuple[Jurisdiction, ...]


def _optional_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _parse(text: str) -> list[Jurisdiction]:
    rows: list[Jurisdiction] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != _COLUMNS:
                msg = f"{_DATA_FILE}:{number}: expected the header {_COLUMNS}"
                raise ValueError(msg)
            header_seen = True
            continue
        if len(fields) != len(_COLUMNS):
            msg = f"{_DATA_FILE}:{number}: expected {len(_COLUMNS)} columns, got {len(fields)}"
            raise ValueError(msg)
        code, name, level, parent, valid_from, valid_to, _note = fields
        rows.append(
            Jurisdiction(
                code=code,
                name=name,
                level=_TABLE_LEVELS[level],
                parent=parent or None,
                valid_from=_optional_date(valid_from),
                valid_to=_optional_date(valid_to),
            )
        )
    return rows


@functools.cache
def _table() -> _Table:
    text = importlib.resources.files(__name__).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    rows = _parse(text)
    by_code: dict[str, Jurisdiction] = {NATIONAL: _NATION}
    by_name: dict[str, list[Jurisdiction]] = {}
    kids: dict[str, list[Jurisdiction]] = {}
    for row in rows:
        if row.code in by_code:
            msg = f"{_DATA_FILE}: duplicate code {row.code}"
            raise ValueError(msg)
        by_code[row.code] = row
        by_name.setdefault(row.name, []).append(row)
        kids.setdefault(row.parent or NATIONAL, []).append(row)
    by_name.setdefault(_NATION.name, []).append(_NATION)
    return _Table(
        by_code=by_code,
        by_name={name: tuple(found) for name, found in by_name.items()},
        children={code: tuple(found) for code, found in kids.items()},
        ordered=tuple(rows),
    )


def _qualified(jurisdiction: Jurisdiction) -> str:
    """``朝阳区 (北京市)``: a name with its prefecture or province, for messages."""
    parent = jurisdiction.parent
    by_code = _table().by_code
    while parent is not None and by_code[parent].name in _PSEUDO_PREFECTURES:
        parent = by_code[parent].parent  # a pseudo-prefecture names no place: go up
    if parent is None:
        return jurisdiction.name
    return f"{jurisdiction.name} ({by_code[parent].name})"


def suggestions(query: str, n: int = 3) -> tuple[Jurisdiction, ...]:
    """Return up to ``n`` divisions whose name the query may have meant, current ones first.

    A name the query begins (``武隆`` → ``武隆区``), then names that are spelled
    alike (:func:`difflib.get_close_matches`).  Used in the message of an unknown
    name; nothing is ever resolved by a guess.

    >>> [f"{j.name} {j.code}" for j in suggestions("武隆")]
    ['武隆区 500156', '武隆县 500232']

    .. versionadded:: 0.1.0
    """
    if not query:
        return ()
    table = _table()
    names = [name for name in table.by_name if name.startswith(query)]
    names.sort(key=len)
    names += difflib.get_close_matches(query, table.by_name, n=n, cutoff=0.6)
    found = [j for name in dict.fromkeys(names) for j in table.by_name[name]]
    found.sort(key=lambda j: j.is_retired)  # stable: current divisions first
    return tuple(found[:n])


def _by_name(query: str) -> Jurisdiction:
    found = _table().by_name.get(query)
    if not found:
        close = suggestions(query)
        hint = (
            "; did you mean "
            + ", ".join(
                f"{_qualified(j)} {j.code}{' (retired)' if j.is_retired else ''}" for j in close
            )
            + "?"
            if close
            else ""
        )
        raise UnknownJurisdictionError(
            query,
            detail="no division of the shipped GB/T 2260 table has this name "
            f"(give a 6-digit code or an official full name such as 随州市){hint}",
        )
    if len(found) > 1:
        current = [j for j in found if not j.is_retired]
        if len(current) != 1:
            raise AmbiguousJurisdictionError(query, found)
        return current[0]
    return found[0]


def get(code_or_name: str) -> Jurisdiction:
    """Return the division with this 6-digit code, or with this unique Chinese name.

    Names are the official full names (``随州市``, ``武隆区``, ``湖北省``).  When a
    name is shared by a retired and a single current division, the current one
    is returned.  ``get("000000")`` (and ``get("全国")``) returns the national
    pseudo-jurisdiction.

    Raises :class:`~civaffairs.errors.UnknownJurisdictionError` for an unknown
    code or name, and :class:`AmbiguousJurisdictionError` (a subclass) for a
    name that several divisions share; its message lists them.

    >>> get("421300").name
    '随州市'
    >>> get("武隆区").code
    '500156'

    .. versionadded:: 0.1.0
    """
    found = _table().by_code.get(code_or_name)
    if found is not None:
        return found
    if len(code_or_name) == 6 and code_or_name.isascii() and code_or_name.isdigit():
        raise UnknownJurisdictionError(
            code_or_name, detail="no GB/T 2260 division has this code in the shipped table"
        )
    return _by_name(code_or_name)


def label(code: str) -> str:
    """Name a division as reasons, bills and statements show it: ``名称(code)``.

    ``code`` is resolved as by :func:`get` (a code or a unique name, else
    :class:`~civaffairs.errors.UnknownJurisdictionError`); the label shows the
    division's official name and its 6-digit code.

    >>> label("500156")
    '武隆区(500156)'
    >>> label("000000")
    '全国(000000)'

    .. versionadded:: 0.1.0
    """
    found = get(code)
    return f"{found.name}({found.code})"


def chain(code: str) -> tuple[Jurisdiction, ...]:
    """Return the division with ``code`` then its ancestors, most specific first.

    ``code`` is resolved as by :func:`get`.  The chain ends at the province
    (it does not include the national level); ``chain("000000")`` is just the
    national pseudo-jurisdiction.

    >>> [j.name for j in chain("511425")]
    ['青神县', '眉山市', '四川省']

    .. versionadded:: 0.1.0
    """
    current = get(code)
    found = [current]
    by_code = _table().by_code
    while current.parent is not None:
        current = by_code[current.parent]
        found.append(current)
    return tuple(found)


def is_within(code: str, ancestor: str) -> bool:
    """Whether the division ``code`` is ``ancestor`` or lies inside it.

    Every known division is within the nation (``000000``).  Both arguments
    are resolved as by :func:`get` (codes or unique names), else
    :class:`~civaffairs.errors.UnknownJurisdictionError`.

    >>> is_within("500156", "500000"), is_within("500156", "510000")
    (True, False)

    .. versionadded:: 0.1.0
    """
    return _is_within(code, ancestor)


@functools.lru_cache(maxsize=4096)
def _is_within(code: str, ancestor: str) -> bool:
    """:func:`is_within`, remembered per pair (the table never changes; errors are not kept)."""
    target = get(ancestor).code
    lineage = chain(code)
    return target == NATIONAL or any(j.code == target for j in lineage)


def children(code: str, *, include_retired: bool = False) -> tuple[Jurisdiction, ...]:
    """Return the divisions directly under ``code``, in code order.

    Retired divisions are left out unless ``include_retired`` is true.
    ``children("000000")`` returns the provinces.

    >>> [j.name for j in children("421300")]
    ['曾都区', '随县', '广水市']

    .. versionadded:: 0.1.0
    """
    found = _table().children.get(get(code).code, ())
    if include_retired:
        return found
    return tuple(j for j in found if not j.is_retired)


def all_jurisdictions(*, include_retired: bool = False) -> tuple[Jurisdiction, ...]:
    """Return every division of the table (not the national level), in code order.

    Retired divisions are left out unless ``include_retired`` is true.

    .. versionadded:: 0.1.0
    """
    ordered = _table().ordered
    if include_retired:
        return ordered
    return tuple(j for j in ordered if not j.is_retired)


def is_region_code(code: str) -> bool:
    """Whether ``code`` may stand as the address code (digits 1–6) of a resident ID number.

    Any code of the table is accepted, current or retired, at any level; the
    national code ``000000`` is not.

    .. versionadded:: 0.1.0
    """
    return code != NATIONAL and code in _table().by_code


def require_county(code_or_name: str, *, path: str, why: str) -> Jurisdiction:
    """Return the division, refusing one above county level for a rule that needs a county.

    Look-ups walk *up* the chain, so a province code would silently stand for
    every county in it; where a rule is decided by a county-level department
    (or reads a person's 户籍, always registered at county level), a province
    or prefecture is refused with :class:`~civaffairs.errors.InvalidInputError`
    at ``path``, naming its level and ``why`` the rule needs a county.  A
    prefecture-level city with no county-level unit under it (东莞市, 中山市,
    儋州市, 嘉峪关市: 不设区的地级市) is its own county level and is accepted.

    >>> require_county("441900", path="$.jurisdiction", why="test").name
    '东莞市'
    >>> try:
    ...     require_county("500000", path="$.jurisdiction", why="a county decides")
    ... except InvalidInputError as exc:
    ...     print(exc.value, "|", exc.expected)
    500000 重庆市 | a county-level code (区/县/县级市), not the province 重庆市: a county decides

    .. versionadded:: 0.1.0
    """
    found = get(code_or_name)
    if found.level is Level.COUNTY or (
        found.level is Level.PREFECTURE and not children(found.code)
    ):
        return found
    raise InvalidInputError(
        path,
        f"{found.code} {found.name}",
        f"a county-level code (区/县/县级市), not the {found.level.value} {found.name}: {why}",
    )
