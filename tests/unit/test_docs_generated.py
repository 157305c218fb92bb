"""The generated documentation (docs/_ext/civaffairs_docs.py) and its glossary (docs/glossary.toml).

The glossary must hold the Chinese name of every programme and every parameter, and the label
of every enumeration member of civaffairs.entities, each with hand-written pinyin: a new
programme or parameter without a glossary entry fails here.  Names in code follow the
registry's scheme (the dotted name below civaffairs) and a member is named by its own label.
"""

from __future__ import annotations

import re
from pathlib import Path

import civaffairs_docs as _docs
import pytest

import civaffairs.entities
from civaffairs.decisions import Outcome, programmes, reason_codes
from civaffairs.labels import Labelled
from civaffairs.parameters import Status, default_book

DOCS = Path(__file__).parents[2] / "docs"
GLOSSARY = DOCS / "glossary.toml"


def entity_labels() -> list[tuple[str, str]]:
    """Every enumeration member of civaffairs.entities: its name in code and its Chinese label."""
    enums = (
        value
        for value in vars(civaffairs.entities).values()
        if isinstance(value, type) and issubclass(value, Labelled) and value is not Labelled
    )
    return sorted(
        {(f"{enum.__name__}.{member.name}", member.zh) for enum in enums for member in enum}
    )


@pytest.fixture(scope="module")
def glossary() -> _docs.Glossary:
    return _docs.load_glossary(GLOSSARY)


def test_the_glossary_holds_every_programme_and_parameter_name(glossary: _docs.Glossary) -> None:
    assert _docs.glossary_problems(glossary) == []


def test_the_glossary_holds_every_entity_label_and_outcome(glossary: _docs.Glossary) -> None:
    """Each member's own label is a glossary term: one member, one Chinese name."""
    listed = {term.zh for term in glossary.terms}
    labels = [*entity_labels(), *((f"Outcome.{o.name}", o.label("zh")) for o in Outcome)]
    assert len(labels) > 50
    assert [(code, zh) for code, zh in labels if zh not in listed] == []


def test_glossary_codes_follow_the_registry_scheme_and_name_members_by_their_label(
    glossary: _docs.Glossary,
) -> None:
    """Every name in code is a dotted name below civaffairs; a member is named by its label."""
    codes = [term.code for term in glossary.terms if term.code]
    assert len(codes) > 100
    assert {_docs.code_kind(code) for code in codes} == {
        "programme",
        "parameter",
        "reason code",
        "python",
    }
    wages = next(term for term in glossary.terms if term.code == "entities.IncomeType.WAGES")
    assert wages.zh == "工资性收入"
    broken = _docs.Glossary(
        glossary.categories,
        (
            _docs.Term("城镇", "chéngzhèn", "people", "urban", "entities.RegistrationKind.URBAN"),
            _docs.Term("工资", "gōngzī", "income", "wages", "IncomeType.WAGES"),
        ),
    )
    problems = [p for p in _docs.glossary_problems(broken) if "code" in p]
    assert problems == [
        (
            "城镇: code 'entities.RegistrationKind.URBAN' is labelled '城市': a term naming an "
            "enum member is its label (put other wording in 'note')"
        ),
        (
            "工资: code 'IncomeType.WAGES' names nothing: write the dotted name below civaffairs "
            "of a programme, parameter, reason code or Python object (entities.IncomeType.WAGES)"
        ),
    ]


def test_glossary_pinyin_is_latin_with_tone_marks(glossary: _docs.Glossary) -> None:
    for term in glossary.terms:
        assert not re.search(r"[\u4e00-\u9fff]", term.pinyin), term.zh
        assert re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", term.pinyin), term.zh


def test_a_malformed_glossary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(
        '[categories]\na = "A"\n'
        '[[term]]\nzh = "低保"\npinyin = "低保"\ncategory = "b"\nextra = 1\n'
        '[[term]]\nzh = "低保"\npinyin = "dībǎo"\ncategory = "a"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown keys") as info:
        _docs.load_glossary(path)
    message = str(info.value)
    assert "is not under [categories]" in message
    assert "not pinyin" in message
    assert "listed twice" in message


def test_the_glossary_page_lists_terms_by_category(glossary: _docs.Glossary) -> None:
    text = _docs.glossary_markdown(DOCS)
    for _, title in glossary.categories:
        assert f"## {_docs.md(title)}" in text
    assert "| 最低生活保障 | zuìdī shēnghuó bǎozhàng |" in text
    # names in code link to their reference entries; every table wraps its code column
    assert (
        "| 工资性收入 | gōngzīxìng shōurù | wages | "
        "{py:obj}`entities.IncomeType.WAGES <civaffairs.entities.IncomeType.WAGES>` |"
    ) in text
    assert text.count(":::{container} civaffairs-glossary\n") == len(glossary.categories)


def test_names_in_code_in_glossary_notes_are_links_too(glossary: _docs.Glossary) -> None:
    """A note naming an enum member whose label is other wording links it like the code column."""
    text = _docs.glossary_markdown(DOCS)
    route = "assistance.children_in_difficulty.Route.REVOCATION"
    assert f"{{py:obj}}`{route} <civaffairs.{route}>`" in text
    for term in glossary.terms:
        for name in _docs._DOTTED.findall(term.note or ""):
            if re.search(r"\.[A-Z]", name):  # a class or member: it must name something
                assert _docs.code_kind(name) is not None, (term.zh, name)


def test_markdown_escaping() -> None:
    assert _docs.md("a|b *c* [d](e) `f`") == r"a\|b \*c\* \[d\]\(e\) \`f\`"
    assert _docs.code("x `y` z") == "``x `y` z``"
    assert _docs.code("`") == "`` ` ``"
    assert _docs.template("共 {count} 人(x)") == r"共 `{count}` 人\(x\)"


def test_every_parameter_value_is_on_its_jurisdictions_page() -> None:
    """One page per jurisdiction, one table per programme, a row per dated value."""
    book = default_book()
    overview = _docs.parameters_markdown(DOCS)
    examples = 0
    for place in book.jurisdictions():
        assert f"(parameters/{place}.md)" in overview
        text = _docs.parameter_page_markdown(place)
        assert text.startswith(f"# Parameters of {_docs.md(_docs._place(place))}\n")
        for name, where in sorted(book.keys()):
            if where != place:
                continue
            assert _docs._breakable_code(name) in text
            assert re.sub(r"<[^>]+>", "", _docs._breakable_code(name)) == name
            for value in book.series(name, place):
                dates = f"| {value.effective_from.isoformat()} | "
                assert f"| {_docs.md(_docs.value_with_unit(value))} {dates}" in text
                examples += value.status is Status.EXAMPLE
        assert "| Parameter | Value | From | To | Source |" in text
        assert text.count("⚠ EXAMPLE DATA, not law") == _docs.coverage(place).examples
    assert examples == _docs.coverage().examples


def test_parameter_pages_are_headed_by_the_registrys_programme_names() -> None:
    text = _docs.parameter_page_markdown("000000")
    assert "## 最低生活保障 · minimum living allowance \\(dibao\\)\n" in text
    assert "## 家庭经济状况 · household means\n" in text  # a shared module: named like one
    assert not re.search(r"^## [^·\n]+$", text, re.MULTILINE), "every heading is 中文 · English"
    assert not re.search(r"^## [a-z_.]+$", text, re.MULTILINE), "no heading is a raw key"


def test_every_shared_schema_module_has_a_heading() -> None:
    from civaffairs.registry import SHARED_SCHEMAS  # noqa: PLC0415 - only here

    modules = {path.removesuffix(".schema.toml").replace("/", ".") for path in SHARED_SCHEMAS}
    assert modules <= set(_docs.SHARED_TITLES)


def test_per_year_amounts_say_per_year() -> None:
    book = default_book()
    (value,) = book.series("assistance.extreme_poverty.care_standard.concentrated.full", "000000")
    assert _docs.value_with_unit(value) == "12,360 元 per person per year"


def test_units_read_as_words_and_a_count_of_one_is_singular() -> None:
    """A unit is read by people: no Python name (``AbilityGrade.severity``), no ``1 children``."""
    book = default_book()
    values = [v for name, place in sorted(book.keys()) for v in book.series(name, place)]
    for value in values:
        assert not re.search(r"\b[A-Z][a-z]+[A-Z]\w*\.\w", value.unit), value.name
        shown = _docs.value_with_unit(value)
        assert not re.match(r"1 (children|days|months|years|generations)\b", shown), shown
    (one,) = book.series("family.adoption.max_children_with_child", "000000")
    assert _docs.value_with_unit(one) == "1 child"


def test_the_example_share_is_counted_from_the_books() -> None:
    counted = _docs.coverage()
    book = default_book()
    values = [v for name, place in sorted(book.keys()) for v in book.series(name, place)]
    assert counted.values == len(values)
    assert counted.examples == sum(v.status is Status.EXAMPLE for v in values)
    assert f"({counted.example_share}) are example data" in _docs.coverage_markdown(DOCS)


def test_a_page_stub_is_written_per_jurisdiction(tmp_path: Path) -> None:
    folder = tmp_path / _docs.PARAMETER_PAGES
    folder.mkdir(parents=True)
    (folder / "999999.md").write_text("stale", encoding="utf-8")
    places = _docs.parameter_pages(tmp_path)
    assert sorted(p.stem for p in folder.glob("*.md")) == sorted(places)
    page = "# T\n\n" + (folder / "500000.md").read_text(encoding="utf-8")
    assert "# Parameters of 重庆市" in _docs._generate(tmp_path, "p", page)


def test_every_reason_code_is_on_the_reason_code_page_once() -> None:
    text = _docs.reason_codes_markdown(DOCS)
    for entry in reason_codes().values():
        assert (
            text.count(f"\n{_docs.code(entry.code)}\n") + text.startswith(_docs.code(entry.code))
            == 1
        ), entry.code
    groups = _docs.reason_code_groups()
    assert sum(len(group.codes) for group in groups) == len(reason_codes())
    dibao = next(group for group in groups if group.key == "assistance.dibao")
    assert all(entry.code.startswith("assistance.dibao.") for entry in dibao.codes)


def test_every_programme_is_in_the_programme_table() -> None:
    text = _docs.programmes_markdown(DOCS)
    for programme in programmes().values():
        assert f"| {_docs.code(programme.code)} | {_docs.md(programme.zh)} |" in text


def test_the_allowance_chart_is_drawn_from_the_calculator() -> None:
    text = _docs.dibao_allowance_markdown(DOCS)
    assert text.count("<svg ") == 2
    assert text == _docs.dibao_allowance_markdown(DOCS), "charts must be deterministic"
    # rural 630 × 3 = 1,890 yuan: the threshold of a family of three in 2025 (渝民规〔2025〕6号)
    assert "| 3 | 1\\,890 元 | 1\\,890 元 |" in text


def test_standards_history_charts_cover_every_money_parameter_with_values() -> None:
    text = _docs.standards_history_markdown(DOCS)
    assert "Urban minimum living allowance standard" in text
    assert 'stroke-dasharray="6 4"' in text, "example values are dashed"


def test_generate_markers_are_replaced() -> None:
    page = "# T\n\n```{civaffairs-generate} programmes\n```\n\nafter\n"
    text = _docs._generate(DOCS, "page", page)
    assert "civaffairs-generate" not in text
    assert "| Code | 中文 | English | Module |" in text
    assert text.endswith("\n\nafter\n")
    with pytest.raises(ValueError, match="unknown civaffairs-generate 'nope'"):
        _docs._generate(DOCS, "page", "```{civaffairs-generate} nope\n```\n")
