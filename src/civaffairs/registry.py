"""The programme registry: one static list of every programme civaffairs decides.

Each :class:`Entry` ties together, under one dotted name, everything the
faces of the library need to know about a programme:

- its **code** — also its module path below ``civaffairs`` (a module that
  holds two programmes, such as the two disability subsidies, names them
  ``<module>.<part>``), its parameter prefix and its reason-code prefix;
- its Chinese and English **names**;
- its **entry point**: the function that decides one request, and the
  **facts type** that function takes;
- its **parameter schema** (``<area>/<module>.schema.toml`` beside the
  module, with the legal relations its parameters obey);
- its **docs page** and its **glossary terms**.

The list is explicit: nothing is discovered by importing modules and
guessing.  The case-file runner, the decision catalogue, the docs generator,
the CLI and the batch faces read it.  Modules are imported only when an
entry point is asked for (:meth:`Entry.load`), so reading the registry costs
nothing.

>>> entry("assistance.dibao").zh
'最低生活保障'
>>> entry("assistance.dibao").module
'civaffairs.assistance.dibao'
>>> [e.code for e in entries("funeral")]
['funeral.subsidy', 'funeral.waiver']

Adding a programme is: its module, its schema file, its data values, its
tests, its docs page — and one :class:`Entry` here (see
``docs/howto/add-a-programme.md``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import typing
from collections.abc import Callable
from importlib import resources
from typing import Any

import attrs

from civaffairs.errors import InvalidInputError
from civaffairs.labels import Worded

__all__ = [
    "ENTRIES",
    "FACES",
    "SHARED_SCHEMAS",
    "Entry",
    "assess",
    "columnar",
    "entries",
    "entry",
    "find",
    "import_all",
    "owner",
    "read_schema",
    "schema_files",
]


@attrs.frozen
class Entry(Worded):
    """One programme: its name, entry point, facts type, schema, docs page and glossary terms.

    ``entry_point`` and ``facts`` are ``"module:attribute"`` strings, resolved
    on demand by :meth:`load` and :meth:`facts_type`.  ``schema`` is the
    resource path of the parameter schema inside the package (``None`` when
    the programme has no parameters of its own); ``docs`` is the docs page
    (without suffix) and ``glossary`` the Chinese terms the glossary must define.
    ``parts`` names further modules of the programme that declare reason codes
    (the 低保 adjustments, for instance); ``columnar`` is the ``"module:function"``
    of its columnar form (:mod:`civaffairs.batch`), where it has one.

    .. versionadded:: 0.1.0
    """

    code: str
    zh: str
    en: str
    entry_point: str
    facts: str
    docs: str
    glossary: tuple[str, ...] = ()
    schema: str | None = None
    parts: tuple[str, ...] = ()
    columnar: str | None = None

    @property
    def area(self) -> str:
        """The area: ``assistance``, ``eldercare``, ``family`` or ``funeral``."""
        return self.code.split(".", 1)[0]

    @property
    def module(self) -> str:
        """The module that implements the programme, e.g. ``civaffairs.assistance.dibao``."""
        return self.entry_point.partition(":")[0]

    def load(self) -> Callable[..., Any]:
        """Import the module and return the entry point (the function deciding one request)."""
        found = _resolve(self.entry_point)
        if not callable(found):  # pragma: no cover - guarded by the registry test
            raise TypeError(f"{self.entry_point} is not callable")
        return typing.cast("Callable[..., Any]", found)

    def facts_type(self) -> type:
        """Import and return the type of the request the entry point takes."""
        found = _resolve(self.facts)
        if not isinstance(found, type):  # pragma: no cover - guarded by the registry test
            raise TypeError(f"{self.facts} is not a class")
        return found


def _resolve(spec: str) -> object:
    module, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module), attribute)


def _programme(  # noqa: PLR0917 - the columns of the table below, in order
    code: str,
    zh: str,
    en: str,
    entry_point: str,
    facts: str,
    docs: str,
    glossary: tuple[str, ...],
    *,
    schema: str | None = "",
    parts: tuple[str, ...] = (),
    columnar: str | None = None,
) -> Entry:
    """Build an entry, filling the module path and schema file from the code by convention."""
    path = code.split(".")
    module = "civaffairs." + ".".join(path[:2])
    if schema == "":
        schema = f"{path[0]}/{path[1]}.schema.toml"
    return Entry(
        code,
        zh,
        en,
        f"{module}:{entry_point}",
        facts if ":" in facts else f"{module}:{facts}",
        docs,
        glossary,
        schema,
        tuple(f"civaffairs.{part}" for part in parts),
        columnar,
    )


_HOUSEHOLD = "civaffairs.entities:Household"
_PERSON = "civaffairs.entities:Person"
_OLDER = "civaffairs.eldercare.groups:OlderPerson"
_FUNERAL = "civaffairs.funeral.facts:FuneralCase"

#: Every programme, in the order the docs and the CLI list them.
ENTRIES: tuple[Entry, ...] = (
    _programme(
        "assistance.dibao",
        "最低生活保障",
        "minimum living allowance (dibao)",
        "assess",
        _HOUSEHOLD,
        "howto/dibao",
        ("最低生活保障", "低保"),
        parts=("assistance.dibao_adjustments",),
        columnar="civaffairs.batch.dibao:assess_table",
    ),
    _programme(
        "assistance.extreme_poverty",
        "特困人员救助供养",
        "support for persons in extreme poverty",
        "assess_application",
        "ExtremePovertyApplication",
        "howto/extreme-poverty",
        ("特困人员救助供养", "特困人员"),
        columnar="civaffairs.batch.extreme_poverty:assess_table",
    ),
    _programme(
        "assistance.marginal",
        "低保边缘家庭",
        "marginal low-income household",
        "assess",
        _HOUSEHOLD,
        "howto/marginal",
        ("低保边缘家庭",),
        columnar="civaffairs.batch.marginal:assess_table",
    ),
    _programme(
        "assistance.rigid_expenditure",
        "刚性支出困难家庭",
        "household in hardship from rigid expenditure",
        "assess",
        _HOUSEHOLD,
        "howto/rigid-expenditure",
        ("刚性支出困难家庭",),
        columnar="civaffairs.batch.rigid_expenditure:assess_table",
    ),
    _programme(
        "assistance.temporary",
        "临时救助",
        "temporary assistance",
        "assess_application",
        "TemporaryAssistanceApplication",
        "howto/temporary",
        ("临时救助",),
    ),
    _programme(
        "assistance.children",
        "孤儿和事实无人抚养儿童基本生活保障",
        "basic living allowance for orphans and children without de-facto care",
        "assess_application",
        "ChildApplication",
        "howto/children",
        ("孤儿", "事实无人抚养儿童", "孤儿基本生活保障"),
        columnar="civaffairs.batch.children:assess_table",
    ),
    _programme(
        "assistance.disability_subsidies.living",
        "困难残疾人生活补贴",
        "living subsidy for disabled people in hardship",
        "assess_living_application",
        "DisabilitySubsidyApplication",
        "howto/disability-subsidies",
        ("残疾人两项补贴",),
        columnar="civaffairs.batch.disability_subsidies:assess_table",
    ),
    _programme(
        "assistance.disability_subsidies.care",
        "重度残疾人护理补贴",
        "care subsidy for severely disabled people",
        "assess_care_application",
        "DisabilitySubsidyApplication",
        "howto/disability-subsidies",
        ("残疾人两项补贴",),
        columnar="civaffairs.batch.disability_subsidies:assess_table",
    ),
    _programme(
        "assistance.vagrancy",
        "生活无着的流浪乞讨人员救助管理",
        "relief for people living rough and begging (station relief)",
        "assess",
        "VagrancyCase",
        "howto/vagrancy",
        ("流浪乞讨人员", "救助管理站", "救助期限"),
    ),
    _programme(
        "assistance.children_in_difficulty",
        "困境儿童分类保障",
        "classified support for children in difficulty",
        "assess_application",
        "ChildInDifficultyApplication",
        "howto/children-in-difficulty",
        ("困境儿童", "残疾儿童康复救助", "临时监护"),
    ),
    _programme(
        "assistance.layers",
        "分层分类社会救助",
        "the layered picture of social assistance",
        "assess_request",
        "LayeredRequest",
        "howto/layers",
        ("分层分类社会救助", "低收入人口"),
        columnar="civaffairs.batch.layers:assess_table",
        schema=None,
    ),
    _programme(
        "eldercare.assessment",
        "老年人能力评估",
        "older-person ability assessment (GB/T 42195-2022)",
        "grade",
        "AbilityAssessment",
        "howto/eldercare-assessment",
        ("老年人能力评估",),
    ),
    _programme(
        "eldercare.longevity",
        "高龄津贴",
        "longevity allowance",
        "assess",
        _PERSON,
        "howto/eldercare-longevity",
        ("高龄津贴", "高龄"),
        columnar="civaffairs.batch.longevity:assess_table",
    ),
    _programme(
        "eldercare.entitlements",
        "基本养老服务",
        "basic eldercare services",
        "assess",
        _OLDER,
        "howto/eldercare-entitlements",
        ("养老服务",),
        schema=None,
    ),
    _programme(
        "eldercare.home_adaptation",
        "居家适老化改造",
        "home adaptation for older persons",
        "assess",
        _OLDER,
        "howto/eldercare-home-adaptation",
        ("居家适老化改造",),
    ),
    _programme(
        "eldercare.meal_aid",
        "老年助餐补贴",
        "meal-aid subsidy for older persons",
        "assess",
        _OLDER,
        "howto/eldercare-meal-aid",
        ("老年助餐补贴",),
    ),
    _programme(
        "eldercare.institution_rating",
        "养老机构等级评定",
        "eldercare institution rating (GB/T 37276-2018)",
        "rate",
        "ScoreSheet",
        "howto/eldercare-institution-rating",
        ("养老机构等级评定",),
    ),
    _programme(
        "eldercare.subsidies",
        "经济困难老年人养老服务补贴和护理补贴",
        "service and care subsidies for older persons in economic difficulty",
        "assess",
        "SubsidyRequest",
        "howto/eldercare-subsidies",
        ("养老服务补贴", "护理补贴", "家庭养老床位", "集中照护"),
    ),
    _programme(
        "funeral.subsidy",
        "惠民殡葬奖补",
        "one-off funeral incentives",
        "assess",
        _FUNERAL,
        "howto/funeral",
        ("殡葬",),
    ),
    _programme(
        "funeral.waiver",
        "基本殡葬服务费用减免",
        "basic funeral service fee waiver",
        "decide",
        _FUNERAL,
        "howto/funeral",
        ("殡葬",),
        schema=None,
    ),
    _programme(
        "family.marriage.registration",
        "结婚登记",
        "marriage registration",
        "assess_registration",
        "MarriageApplication",
        "howto/marriage",
        ("结婚登记", "婚姻登记"),
    ),
    _programme(
        "family.marriage.divorce",
        "协议离婚登记期间",
        "divorce-by-agreement timeline",
        "assess_divorce",
        "DivorceApplication",
        "howto/marriage",
        ("离婚冷静期", "婚姻登记"),
    ),
    # -- family.adoption (收养登记) --------------------------------------------------------
    _programme(
        "family.adoption",
        "收养登记",
        "adoption registration",
        "assess_application",
        "civaffairs.family.adoption_facts:AdoptionApplication",
        "howto/adoption",
        ("收养", "送养人", "收养人", "被收养人"),
    ),
)

#: Parameter schemas that belong to no one programme: the shared means test, the
#: eldercare target groups, cross-county funeral settlement, and the funeral zones.
SHARED_SCHEMAS: tuple[str, ...] = (
    "assistance/means.schema.toml",
    "eldercare/groups.schema.toml",
    "funeral/settlement.schema.toml",
    "funeral/zones.schema.toml",
)

#: Modules of the faces (not programmes) that declare reason codes of their own.  A face
#: whose optional dependencies are not installed declares nothing, and is skipped.
FACES: tuple[str, ...] = ("civaffairs.batch._common",)

_BY_CODE = {e.code: e for e in ENTRIES}


def entry(code: str) -> Entry:
    """Return the entry of the programme ``code``.

    Raises :class:`~civaffairs.errors.InvalidInputError` naming the code and the
    closest known codes.

    .. versionadded:: 0.1.0
    """
    found = _BY_CODE.get(code)
    if found is None:
        close = difflib.get_close_matches(code, _BY_CODE, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InvalidInputError(
            "$.programme", code, f"a programme code ({', '.join(_BY_CODE)}){hint}"
        )
    return found


def columnar() -> tuple[Entry, ...]:
    """Return the entries with a columnar form (``civaffairs screen --programme``).

    .. versionadded:: 0.1.0
    """
    return tuple(e for e in ENTRIES if e.columnar is not None)


def find(code: str) -> Entry | None:
    """Return the entry of the programme ``code``, or ``None`` when it is not registered.

    .. versionadded:: 0.1.0
    """
    return _BY_CODE.get(code)


def owner(name: str) -> Entry | None:
    """Return the programme a dotted name belongs to: the entry whose code prefixes it longest.

    A parameter, a reason code or a schema name is named below its programme's code
    (``assistance.dibao.standard.urban`` belongs to ``assistance.dibao``, and
    ``assistance.disability_subsidies.care.rate`` to the care subsidy, not to a
    shorter code); a name under no programme (the shared means test's
    ``assistance.means.*``) gives ``None``.

    >>> owner("assistance.dibao.standard.urban").code
    'assistance.dibao'
    >>> owner("assistance.means.ignored") is None
    True

    .. versionadded:: 0.1.0
    """
    found = [e for e in ENTRIES if name.startswith(e.code + ".")]
    return max(found, key=lambda e: len(e.code)) if found else None


def entries(area: str | None = None) -> tuple[Entry, ...]:
    """Return every entry, or those of one ``area`` (``assistance``, ``family`` …).

    .. versionadded:: 0.1.0
    """
    return tuple(e for e in ENTRIES if area is None or e.area == area)


def assess(code: str, request: object, on: dt.date, **options: Any) -> Any:
    """Decide one request under the programme ``code``, on the date ``on``.

    ``request`` is the programme's facts type (:meth:`Entry.facts_type`: a
    household for 低保, a :class:`~civaffairs.eldercare.groups.OlderPerson` for
    meal aid …); ``options`` go to the entry point as keywords (``book=``,
    ``jurisdiction=`` …).  Returns what the entry point returns: a
    :class:`~civaffairs.decisions.Decision` for most programmes.

    >>> import datetime as dt
    >>> from civaffairs.conversion import loads
    >>> from civaffairs.entities import Household
    >>> household = loads('''{"id": "H1", "members": [{"relationship": "applicant",
    ...     "lives_together": true, "person": {"id": "a", "birth_date": "1960-01-01",
    ...     "sex": "female", "registration": {"jurisdiction": "500156", "kind": "urban"}}}],
    ...     "incomes": [{"type": "transfer", "monthly": "720", "member": "a"}]}''', Household)
    >>> decision = assess("assistance.dibao", household, dt.date(2025, 8, 1))
    >>> decision.outcome.value, decision.amount.total
    ('eligible', Decimal('50.00'))

    Raises :class:`~civaffairs.errors.InvalidInputError` for an unknown code or a
    request of the wrong type.

    .. versionadded:: 0.1.0
    """
    found = entry(code)
    expected = found.facts_type()
    if not isinstance(request, expected):
        raise InvalidInputError(
            "$", type(request).__name__, f"a {expected.__name__} for {code} ({found.facts})"
        )
    return found.load()(request, on, **options)


def schema_files() -> tuple[str, ...]:
    """Return every parameter schema's resource path, the programmes' then the shared ones.

    .. versionadded:: 0.1.0
    """
    own = dict.fromkeys(e.schema for e in ENTRIES if e.schema is not None)
    return (*own, *SHARED_SCHEMAS)


def read_schema(path: str) -> str:
    """Return the text of the schema file at resource ``path`` inside the package.

    .. versionadded:: 0.1.0
    """
    return resources.files("civaffairs").joinpath(path).read_text(encoding="utf-8")


def import_all() -> tuple[str, ...]:
    """Import every registered programme's modules and the faces'; return their names.

    The reason-code catalogue is complete once every module that declares
    codes is imported: this is the one place that imports them.  A face whose
    optional dependency (numpy, pyarrow) is missing is skipped.

    .. versionadded:: 0.1.0
    """
    names = [*(e.module for e in ENTRIES), *(p for e in ENTRIES for p in e.parts)]
    modules = tuple(dict.fromkeys(names))
    for name in modules:
        importlib.import_module(name)
    faces = []
    for name in FACES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] == "civaffairs":
                raise
            continue
        faces.append(name)
    return (*modules, *faces)
