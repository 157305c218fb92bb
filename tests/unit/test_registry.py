"""The programme registry holds the house together: one name, one entry, one place for each part.

These tests read the registry and check every programme the same way, so a programme added to
it is checked without a test of its own: its module and entry point import, its facts type is
what the entry point takes, its schema declares only parameters under its name, its reason codes
are catalogued, cited and named after it, its docs page exists, and the README lists it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import tomllib
import typing
from pathlib import Path

import pytest

from civaffairs import registry
from civaffairs.decisions import ReasonCode, programmes, reason_codes
from civaffairs.errors import InvalidInputError

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "civaffairs"
ENTRIES = registry.ENTRIES
IDS = [e.code for e in ENTRIES]


def _module_name(entry: registry.Entry) -> str:
    return entry.module.removeprefix("civaffairs.")


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_one_name_module_path_and_programme_code(entry: registry.Entry) -> None:
    """A programme's code is its module path below civaffairs (or that path and one part)."""
    module = _module_name(entry)
    assert entry.code == module or (
        entry.code.startswith(module + ".") and entry.code.count(".") == module.count(".") + 1
    )
    assert entry.area in {"assistance", "eldercare", "funeral"}


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_entry_point_and_facts_type_resolve(entry: registry.Entry) -> None:
    function = entry.load()
    facts = entry.facts_type()
    first = next(iter(inspect.signature(function).parameters.values()))
    assert typing.get_type_hints(function)[first.name] is facts
    assert function.__module__.startswith(entry.module)
    if entry.columnar is not None:  # the columnar form needs the batch extra
        pytest.importorskip("pyarrow")
        module, _, name = entry.columnar.partition(":")
        assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_names_have_one_home(entry: registry.Entry) -> None:
    """The catalogue's names are the registry's (``programme()`` refuses any others)."""
    entry.load()
    known = programmes()[entry.code]
    assert (known.zh, known.en) == (entry.zh, entry.en)


def _schema_names(path: str) -> list[str]:
    return list(tomllib.loads(registry.read_schema(path)).get("parameters", {}))


@pytest.mark.parametrize("path", registry.schema_files())
def test_every_schema_sits_beside_its_module_and_declares_only_its_own_names(path: str) -> None:
    area, _, file = path.partition("/")
    stem = file.removesuffix(".schema.toml")
    assert (SRC / area / f"{stem}.py").exists() or (SRC / area / stem).is_dir()
    names = _schema_names(path)
    assert names, f"{path} declares no parameters"
    assert all(name.startswith(f"{area}.{stem}.") for name in names), names


def test_schema_files_are_exactly_those_on_disk() -> None:
    on_disk = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.schema.toml"))
    assert sorted(registry.schema_files()) == on_disk


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_docs_page_exists(entry: registry.Entry) -> None:
    assert (ROOT / "docs" / f"{entry.docs}.md").is_file()
    assert entry.glossary, "every programme names its glossary terms"


def _calls(name: str, *, skip: tuple[str, ...] = ()) -> list[tuple[Path, ast.Call]]:
    """Return every call of the plain name ``name`` in the package's source, with its file."""
    return [
        (path.relative_to(SRC), node)
        for path in sorted(SRC.rglob("*.py"))
        if not str(path.relative_to(SRC)).startswith(skip)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name
    ]


def test_every_declared_programme_is_registered() -> None:
    """No module declares a programme the registry does not list (a static list, no guessing)."""
    declared = [
        (where, node.args[0].value)
        for where, node in _calls("programme")
        if node.args and isinstance(node.args[0], ast.Constant)
    ]
    assert declared
    assert [(where, code) for where, code in declared if code not in set(IDS)] == []


def test_every_reason_code_is_named_after_its_programme_and_cited() -> None:
    """One test over every programme: each catalogued code is under a registered name, cited.

    It replaces a copy of "every reason is catalogued and cited" in each programme's tests:
    reasons are only made from catalogued codes (next test), so checking the catalogue checks
    every reason any decision can give.
    """
    modules = {_module_name(e) for e in ENTRIES}
    faces = {face.split(".")[1] for face in registry.FACES}
    catalogue = reason_codes()
    assert len(catalogue) > 200
    for code, entry in catalogue.items():
        assert isinstance(entry, ReasonCode)
        assert any(code.startswith(f"{name}.") for name in {*IDS, *modules, *faces}), code
        assert entry.citation.document.title, code
        assert entry.zh.strip(), code
        assert entry.en.strip(), code
    for programme_code in IDS:
        assert any(code.startswith(programme_code + ".") for code in catalogue), programme_code


def test_reasons_are_only_made_from_catalogued_codes() -> None:
    """No module builds a ``Reason`` by hand: every reason comes from ``ReasonCode.reason``."""
    made = _calls("Reason", skip=("decisions.py", "testing"))
    assert [f"{where}:{node.lineno}" for where, node in made] == []


def test_unknown_codes_are_refused_with_suggestions() -> None:
    with pytest.raises(InvalidInputError, match=r"did you mean assistance\.dibao") as caught:
        registry.entry("assistance.diabo")
    assert caught.value.path == "$.programme"
    assert registry.find("assistance.diabo") is None


def test_the_readme_programme_table_is_the_registry() -> None:
    """README's programme table lists every registered programme, in order, with its names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("<!-- programmes -->", 2)[1]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| `")
    ]
    assert rows == [[f"`{e.code}`", e.zh, e.en, f"`{e.module}`"] for e in ENTRIES]


@pytest.mark.parametrize(
    "package", ["civaffairs", "civaffairs.assistance", "civaffairs.eldercare", "civaffairs.funeral"]
)
def test_every_exported_name_resolves(package: str) -> None:
    """The packages export their programmes' names lazily; each name in ``__all__`` is there."""
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute"):
        module.no_such_name  # noqa: B018 - the attribute look-up is the test


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_every_programme_module_is_exported_by_its_area(entry: registry.Entry) -> None:
    """Each area package names its programmes' modules (``civaffairs.eldercare.meal_aid``)."""
    area = importlib.import_module(f"civaffairs.{entry.area}")
    name = entry.module.rsplit(".", 1)[1]
    assert name in area.__all__
    assert getattr(area, name) is importlib.import_module(entry.module)
