"""The API reference's autodoc hooks (docs/_ext/civaffairs_api.py), without a Sphinx build.

The parts that format signatures need Sphinx (the docs extra); the rest does not.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import attrs
import civaffairs_api as api
import pytest

from civaffairs.assistance.children import ChildApplication
from civaffairs.entities import Household


@attrs.frozen
class _Box:
    label: str
    items: tuple[int, ...] = attrs.field(factory=tuple)
    made: list[str] = attrs.field(factory=list)
    size: int | None = None
    _hidden: int = 0
    parts: tuple[str, ...] = attrs.field(factory=lambda: ("a",))
    kind: str = attrs.field(kw_only=True, default="box")


def test_defaults_are_shown_as_values_and_factories_as_calls() -> None:
    shown = {f.name: repr(api.default_text(f)) for f in attrs.fields(_Box)}
    assert shown == {
        "label": repr(inspect.Parameter.empty),
        "items": "()",
        "made": "[]",
        "size": "None",
        "_hidden": "0",
        "parts": "<factory>",
        "kind": "'box'",
    }


def test_attrs_signatures_show_real_defaults_aliases_and_keyword_only() -> None:
    pytest.importorskip("sphinx")
    assert api.attrs_signature(_Box) == (
        "(label: str, items: tuple[int, ...] = (), made: list[str] = [], "
        "size: int | None = None, hidden: int = 0, parts: tuple[str, ...] = <factory>, "
        "*, kind: str = 'box')"
    )
    household = api.attrs_signature(Household)
    assert household is not None
    assert "attr_dict" not in household
    assert "NOTHING" not in household
    # Sphinx's short form: "~" shows the last component only
    assert "members: ~collections.abc.Iterable[~civaffairs.entities.Member]," in household
    assert "incomes: ~collections.abc.Iterable[~civaffairs.entities.Income] = ()" in household
    application = api.attrs_signature(ChildApplication)
    assert application is not None
    assert application.endswith("facts: ~civaffairs.assistance.children.ChildFacts = ChildFacts())")


def test_classes_that_are_not_attrs_or_write_their_own_init_keep_autodoc_s_signature() -> None:
    class Plain:
        def __init__(self, x: int = 1) -> None:
            self.x = x

    @attrs.define(init=False)
    class Own:
        x: int = 1

        def __init__(self) -> None:
            self.x = 2

    assert api.attrs_signature(Plain) is None
    assert api.attrs_signature(Own) is None


def test_documented_modules_are_those_automodule_documents_with_members(tmp_path: Path) -> None:
    page = tmp_path / "core.md"
    page.write_text(
        "```{eval-rst}\n"
        ".. automodule:: civaffairs\n"
        "   :no-members:\n"
        ".. automodule:: civaffairs.entities\n"
        ".. automodule:: civaffairs.identity\n"
        "   :show-inheritance:\n"
        ".. autodata:: civaffairs.identity.EARLIEST_BIRTH_DATE\n"
        ".. automodule:: civaffairs.money\n"
        "```\n",
        encoding="utf-8",
    )
    assert api.documented_modules([page]) == {
        "civaffairs.entities",
        "civaffairs.identity",
        "civaffairs.money",
    }


def test_a_re_exported_name_points_to_where_it_is_defined() -> None:
    assert api.canonical_name("civaffairs.entities.Sex") == "civaffairs.identity.Sex"
    assert (
        api.canonical_name("civaffairs.parameters.Status") == "civaffairs.parameters.records.Status"
    )
    assert api.canonical_name("civaffairs.identity.Sex") is None
    assert api.canonical_name("civaffairs.money.YUAN") is None  # a constant names no home
    assert api.canonical_name("civaffairs.nowhere.Thing") is None
    assert api.canonical_name("civaffairs.entities.Nothing") is None
