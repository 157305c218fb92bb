"""Fuzz campaign: N mutated request documents through the real ``civaffairs assess`` entry point.

Each document is ``examples/households.json`` with one mutation (a bad value, a
duplicate key, a typo in a key, a birth date out of range, a province code where
a county is needed, a huge exponent, a 5,000-digit integer, deep nesting, a lone
surrogate, another encoding, flipped bytes, a truncation, ...), written as bytes
and fed to :func:`civaffairs.cli.main` in-process on standard input.  Counted:

* **crashes** — anything but exit 0 (decided) or 2 (refused, with a message):
  an exception escaping ``main``, exit 70 (internal error), a traceback;
* **silent acceptances** — exit 0 for a mutation of a class that must be refused
  (every class marked ``must_refuse`` below);
* **unmasked personal data** — a name or resident ID number of the document
  appearing in full on standard output or standard error;
* **unescaped control characters** — a raw ESC (or other C0 control but newline)
  on standard output or standard error.

Run it (the figures are in ``docs/howto/fuzzing.md``)::

    .venv/bin/python tools/fuzz_campaign.py 10000 --seed 1

It exits 1 when any count above is not zero.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import io
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from civaffairs import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "households.json"

#: Raw C0 controls (but newline and tab) and ESC-introduced sequences on a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


@attrs.frozen
class Mutant:
    """One mutated document: its bytes, its mutation class, and whether it must be refused."""

    data: bytes
    kind: str
    must_refuse: bool
    personal: tuple[str, ...]


@attrs.frozen
class Outcome:
    """What one run did."""

    kind: str
    status: int | str
    crashed: bool
    silently_accepted: bool
    leaked: bool
    unescaped: bool
    detail: str


class _Dup(list[tuple[str, Any]]):
    """An object written with a key twice (json cannot write one)."""


def _encode(node: Any) -> str:
    """Write JSON, with _Dup objects' repeated keys, raw number tokens kept as strings."""
    if isinstance(node, _Raw):
        return node.text
    if isinstance(node, _Dup):
        return "{" + ",".join(f"{json.dumps(k)}:{_encode(v)}" for k, v in node) + "}"
    if isinstance(node, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_encode(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ",".join(_encode(v) for v in node) + "]"
    return json.dumps(node, ensure_ascii=False)


@attrs.frozen
class _Raw:
    """A JSON token written as is (NaN, a 5,000-digit integer, a lone-surrogate escape)."""

    text: str


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) of the tree, containers included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _places(value, (*path, index))


def _set(root: Any, path: tuple[Any, ...], value: Any) -> None:
    node = root
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _personal(document: Any) -> tuple[str, ...]:
    """Return the names (two characters or more) and 18-character ID numbers of a document."""
    return tuple(
        value
        for path, value in _places(document)
        if path
        and path[-1] in {"name", "resident_id"}
        and isinstance(value, str)
        and ((path[-1] == "name" and len(value) >= 2) or len(value) == 18)
    )


#: Values put in place of a leaf: none must crash anything.
POOL: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    [],
    {},
    "",
    " ",
    "1e999999999",
    "1E-999999",
    "-0.001",
    "NaN",
    "Infinity",
    "0001-01-01",
    "9999-12-31",
    "2025-02-30",
    "1849-12-31",
    "500000",
    "500100",
    "999999",
    "全国",
    "朝阳区",
    "\x1b[2J\x1b[31mred",
    "\u202eevil",
    "x" * 5000,
    _Raw("1" + "0" * 5000),
    _Raw("NaN"),
    _Raw("-Infinity"),
    _Raw("1e999999999"),
    _Raw('"\\ud800"'),
    _Raw("[" * 3000 + "]" * 3000),
)

#: Keys whose values the rules must have county-level, with the place of the applicant first.
_APPLICANT_REGISTRATION = ("members", 0, "person", "registration", "jurisdiction")


def _households(document: dict[str, Any]) -> list[dict[str, Any]]:
    households: list[dict[str, Any]] = document["households"]
    return households


def _mutations() -> list[tuple[str, bool, Callable[[dict[str, Any], random.Random], Any]]]:  # noqa: PLR0915 - one table of mutations, each a few lines, reads best in one place
    """(class, must_refuse, mutate) — mutate edits the document or returns raw bytes."""

    def leaf(doc: dict[str, Any], rng: random.Random) -> None:
        places = [p for p, _ in _places(doc) if p]
        _set(doc, rng.choice(places), rng.choice(POOL))

    def delete_key(doc: dict[str, Any], rng: random.Random) -> None:
        places = [p for p, _ in _places(doc) if p and isinstance(p[-1], str)]
        path = rng.choice(places)
        node = doc
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    def duplicate_key(doc: dict[str, Any], rng: random.Random) -> None:
        objects = [p for p, v in _places(doc) if isinstance(v, dict) and v and p]
        path = rng.choice(objects)
        node = doc
        for step in path:
            node = node[step]
        pairs = list(node.items())
        key, value = rng.choice(pairs)
        _set(doc, path, _Dup([*pairs, (key, rng.choice([value, *POOL[:8]]))]))

    def typo_key(doc: dict[str, Any], rng: random.Random) -> None:
        objects = [p for p, v in _places(doc) if isinstance(v, dict) and v and p]
        path = rng.choice(objects)
        node = doc
        for step in path:
            node = node[step]
        key = rng.choice(list(node))
        at = rng.randrange(len(key))
        node[key[: at + 1] + key[at:]] = node.pop(key)  # a doubled letter: never a known key

    def households_empty(doc: dict[str, Any], _rng: random.Random) -> None:
        doc["households"] = []

    def members_empty(doc: dict[str, Any], rng: random.Random) -> None:
        rng.choice(_households(doc))["members"] = []

    def person(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        member = rng.choice(rng.choice(_households(doc))["members"])
        found: dict[str, Any] = member["person"]
        return found

    def born_too_early(doc: dict[str, Any], rng: random.Random) -> None:
        person(doc, rng)["birth_date"] = rng.choice(["1849-12-31", "1700-01-01", "0001-01-01"])

    def born_after_as_of(doc: dict[str, Any], rng: random.Random) -> None:
        found = person(doc, rng)
        found["birth_date"] = rng.choice(["2025-08-02", "2030-01-01", "9999-12-31"])
        found.pop("resident_id", None)  # so the as-of check, not the ID's birth date, refuses

    def applicant_above_county(doc: dict[str, Any], rng: random.Random) -> None:
        household = rng.choice(_households(doc))
        _set(household, _APPLICANT_REGISTRATION, rng.choice(["500000", "500100", "500200"]))

    def place_above_county(doc: dict[str, Any], rng: random.Random) -> None:
        doc["jurisdiction"] = rng.choice(["500000", "500100", "重庆市", "000000"])

    def money(doc: dict[str, Any], rng: random.Random) -> None:
        household = rng.choice(_households(doc))
        items = household.get("incomes") or household.get("assets") or []
        if not items:
            household["incomes"] = items = [{"type": "wages", "monthly": "0"}]
        item = rng.choice(items)
        field = "monthly" if "monthly" in item else "value"
        item[field] = rng.choice(
            [
                "1e999999999",
                "-1e999999999",
                "1E-999999",
                "NaN",
                "-Infinity",
                "sNaN",
                "1e12",
                _Raw("800.5"),
                _Raw("1e400"),
                _Raw("NaN"),
                "-5",
                "0.001",
            ]
        )

    def long_integer(doc: dict[str, Any], rng: random.Random) -> None:
        places = [p for p, _ in _places(doc) if p]
        _set(doc, rng.choice(places), _Raw("9" * rng.choice([41, 4301, 10000])))

    def deep(doc: dict[str, Any], rng: random.Random) -> None:
        places = [p for p, _ in _places(doc) if p]
        depth = rng.choice([33, 200, 5000, 100000])
        _set(doc, rng.choice(places), _Raw("[" * depth + "]" * depth))

    def surrogate(doc: dict[str, Any], rng: random.Random) -> None:
        places = [p for p, v in _places(doc) if p and isinstance(v, str)]
        _set(doc, rng.choice(places), _Raw(rng.choice(['"\\ud800"', '"a\\udfffb"'])))

    def control(doc: dict[str, Any], rng: random.Random) -> None:
        household = rng.choice(_households(doc))
        household["id"] = rng.choice(["\x1b[2J\x1b[H", "WL\x07\x1b]0;pwned\x07", "\u202eWL"])

    def utf16_bom(doc: dict[str, Any], _rng: random.Random) -> bytes:
        return codecs.BOM_UTF16_LE + _encode(doc).encode("utf-16-le")

    def utf16_no_bom(doc: dict[str, Any], _rng: random.Random) -> bytes:
        return _encode(doc).encode("utf-16-le")

    def gb18030(doc: dict[str, Any], _rng: random.Random) -> bytes:
        return _encode(doc).encode("gb18030")

    def flip_bytes(doc: dict[str, Any], rng: random.Random) -> bytes:
        data = bytearray(_encode(doc).encode("utf-8"))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)

    def truncate(doc: dict[str, Any], rng: random.Random) -> bytes:
        data = _encode(doc).encode("utf-8")
        return data[: rng.randrange(len(data) - 1)]

    def random_bytes(_doc: dict[str, Any], rng: random.Random) -> bytes:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))

    def empty_member(doc: dict[str, Any], rng: random.Random) -> None:
        household = rng.choice(_households(doc))
        items = household.setdefault("incomes", [])
        if not items:
            items.append({"type": "wages", "monthly": "100"})
        rng.choice(items)["member"] = ""

    def one_char_name(doc: dict[str, Any], rng: random.Random) -> None:
        person(doc, rng)["name"] = rng.choice(["陈", "A", "\x1b"])

    return [
        ("value", False, leaf),
        ("missing key", False, delete_key),
        ("duplicate key", True, duplicate_key),
        ("unknown key (typo)", True, typo_key),
        ("no households", True, households_empty),
        ("no members", True, members_empty),
        ("born before 1850", True, born_too_early),
        ("born after the as-of date", True, born_after_as_of),
        ("applicant registered above county level", True, applicant_above_county),
        ("decision place above county level", True, place_above_county),
        ("money out of domain", True, money),
        ("over-long integer", True, long_integer),
        ("deep nesting", True, deep),
        ("lone surrogate", True, surrogate),
        ("control characters in an id", False, control),
        ("UTF-16 with BOM", False, utf16_bom),
        ("UTF-16 without BOM", True, utf16_no_bom),
        ("GB18030", True, gb18030),
        ("flipped bytes", False, flip_bytes),
        ("truncated", True, truncate),
        ("random bytes", True, random_bytes),
        ("one-character name", False, one_char_name),
        ("empty member reference", True, empty_member),
    ]


MUTATIONS = _mutations()


def mutate(document: dict[str, Any], rng: random.Random) -> Mutant:
    """Return one mutant of ``document`` (a deep copy is mutated; the original is kept)."""
    kind, must_refuse, change = rng.choice(MUTATIONS)
    doc = json.loads(json.dumps(document))
    personal = _personal(doc)
    raw = change(doc, rng)
    data = raw if isinstance(raw, bytes) else _encode(doc).encode("utf-8")
    return Mutant(data, kind, must_refuse, (*personal, *_personal(doc)))


def run(mutant: Mutant, *, fmt: str = "text", lang: str = "zh") -> Outcome:
    """Feed one mutant to ``civaffairs assess -`` in-process and judge what happened."""
    stdin = io.TextIOWrapper(io.BytesIO(mutant.data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["assess", "-", "--format", fmt, "--lang", lang]
    try:
        status: int | str = cli.main(argv, stdin=stdin, stdout=out, stderr=err)
    except SystemExit as exc:  # argparse only: not expected with these arguments
        status = f"SystemExit({exc.code})"
    except Exception as exc:  # noqa: BLE001 - counting crashes is the point
        status = f"{type(exc).__name__}"
    text = out.getvalue() + err.getvalue()
    crashed = status not in {0, 2, 3} or "Traceback" in text
    leaked = any(value in text for value in mutant.personal)
    unescaped = bool(_CONTROL.search(text))
    detail = err.getvalue().strip().splitlines()[-1][:200] if err.getvalue().strip() else ""
    return Outcome(
        kind=mutant.kind,
        status=status,
        crashed=crashed,
        silently_accepted=mutant.must_refuse and status == 0,
        leaked=leaked,
        unescaped=unescaped,
        detail=detail,
    )


def campaign(count: int, seed: int) -> list[Outcome]:
    """Run ``count`` mutants drawn with ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not cryptography
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    outcomes = []
    for _ in range(count):
        mutant = mutate(document, rng)
        outcomes.append(
            run(mutant, fmt=rng.choice(["text", "json"]), lang=rng.choice(["zh", "en"]))
        )
    return outcomes


def report(outcomes: list[Outcome], seconds: float) -> str:
    """Return the counts, overall and per mutation class."""
    lines = [
        f"{len(outcomes)} documents in {seconds:.1f} s",
        f"  decided (exit 0): {sum(o.status == 0 for o in outcomes)}",
        f"  refused (exit 2): {sum(o.status == 2 for o in outcomes)}",
        f"  crashes: {sum(o.crashed for o in outcomes)}",
        f"  silent acceptances: {sum(o.silently_accepted for o in outcomes)}",
        f"  unmasked personal data: {sum(o.leaked for o in outcomes)}",
        f"  unescaped control characters: {sum(o.unescaped for o in outcomes)}",
        "",
        f"  {'class':42} {'runs':>5} {'exit 0':>6} {'exit 2':>6} {'bad':>4}",
    ]
    by_kind: dict[str, list[Outcome]] = collections.defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
    for kind, found in sorted(by_kind.items()):
        bad = sum(o.crashed or o.silently_accepted or o.leaked or o.unescaped for o in found)
        lines.append(
            f"  {kind:42} {len(found):>5} {sum(o.status == 0 for o in found):>6} "
            f"{sum(o.status == 2 for o in found):>6} {bad:>4}"
        )
    problems = [o for o in outcomes if o.crashed or o.silently_accepted or o.leaked or o.unescaped]
    if problems:
        lines.append("")
        lines.append("first problems:")
        lines.extend(f"  {o.kind}: status {o.status}: {o.detail}" for o in problems[:20])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the campaign and print the counts; exit 1 if anything went wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    outcomes = campaign(args.count, args.seed)
    print(report(outcomes, time.perf_counter() - start))  # noqa: T201 - a tool prints
    bad = any(o.crashed or o.silently_accepted or o.leaked or o.unescaped for o in outcomes)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
