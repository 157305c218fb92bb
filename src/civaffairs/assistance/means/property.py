"""Family property (家庭财产), 民发〔2021〕57号 art. 14: a property test parameterised by programme.

A programme's :class:`AssetRules` under its ``<prefix>.assets.*`` parameters
(:func:`assess_assets`), over the family's non-exempt assets (:func:`property_test`) or one
person's own (:func:`own_property_test`), explained with the programme's own reason codes
(:func:`property_reasons`, :class:`PropertyReasons`).

Part of :mod:`civaffairs.assistance.means`, which re-exports every name.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from civaffairs.assistance.means.income import owned_by
from civaffairs.decisions import Citation, Reason, ReasonCode
from civaffairs.entities import (
    Asset,
    AssetType,
    Household,
)
from civaffairs.money import fen_to_yuan, format_yuan, yuan_to_fen
from civaffairs.parameters import ParameterBook, ParameterValue

__all__ = [
    "DISQUALIFYING_ASSETS",
    "HOUSEHOLD_PROPERTY",
    "AssetRules",
    "OwnPropertyTest",
    "PropertyReasons",
    "PropertyTest",
    "assess_assets",
    "counted_assets",
    "disqualifying_flag",
    "own_property_test",
    "owned_asset_words",
    "property_reasons",
    "property_test",
]


# -- Property (家庭财产), 民发〔2021〕57号 art. 14 ------------------------------------------------

#: The owned assets a programme's property rules may disqualify outright, each where the
#: jurisdiction's dated flag ``<prefix>.assets.<asset>_disqualifies`` says so
#: (:func:`disqualifying_flag`).  民发〔2021〕57号 art. 14: "家庭财产指共同生活的家庭成员拥有的
#: 全部动产和不动产。动产主要包括银行存款、证券、基金、商业保险、债权、互联网金融资产以及车辆等。
#: 不动产主要包括房屋、林木等定着物。" — which of them fails the test is the province's rule.
#: 低保 and 特困 read all four flags; the household tests of :func:`property_test` read the
#: first two and value business entities against a limit instead.
#:
#: .. versionadded:: 0.1.0
DISQUALIFYING_ASSETS: tuple[AssetType, ...] = (
    AssetType.VEHICLE,
    AssetType.NON_RESIDENTIAL_PROPERTY,
    AssetType.BUSINESS_ENTITY,
    AssetType.MACHINERY,
)


@attrs.frozen
class AssetRules:
    """What a programme's property test holds, under its ``<prefix>.assets.*`` parameters.

    Financial assets must stay strictly below ``<prefix>.assets.<financial_months>``
    months of the dibao standard (per counted member); each kind in
    ``disqualifying`` fails where its flag (:func:`disqualifying_flag`) says so;
    with ``business_limit``, business entities must be worth strictly less than
    ``<prefix>.assets.business_entity_value_limit``.

    .. versionadded:: 0.1.0
    """

    financial_months: str = "financial_months_per_capita"
    disqualifying: tuple[AssetType, ...] = DISQUALIFYING_ASSETS[:2]
    business_limit: bool = True


#: The household property rules of 低保边缘, 刚性支出 and 支出型临时救助: a financial limit per
#: counted member, a vehicle or non-residential property failing by flag, business entities
#: valued against a limit.
HOUSEHOLD_PROPERTY = AssetRules()


def disqualifying_flag(prefix: str, asset: AssetType) -> str:
    """Return the name of the flag by which ``asset`` fails ``prefix``'s property test.

    >>> disqualifying_flag("assistance.dibao", AssetType.VEHICLE)
    'assistance.dibao.assets.vehicle_disqualifies'

    .. versionadded:: 0.1.0
    """
    return f"{prefix}.assets.{asset.value}_disqualifies"


def owned_asset_words(asset: AssetType) -> tuple[str, str]:
    """Return how a property reason names an owned asset that fails the test (zh, en).

    The asset's labels; a vehicle is named 非豁免 ("a non-exempt motor vehicle"): 57号
    art. 14 "对于维持家庭生产生活的必需财产，可以在认定家庭财产状况时予以豁免", and exempt
    assets are not counted at all (:func:`counted_assets`).

    >>> owned_asset_words(AssetType.VEHICLE)
    ('非豁免机动车', 'a non-exempt motor vehicle')

    .. versionadded:: 0.1.0
    """
    if asset is AssetType.VEHICLE:
        return f"非豁免{asset.zh}", f"a non-exempt {asset.en}"
    if asset is AssetType.BUSINESS_ENTITY:
        return asset.zh, f"an {asset.en}"
    return asset.zh, asset.en


@attrs.frozen
class PropertyTest:
    """The result of a programme's property test (家庭财产), amounts in yuan.

    ``disqualifying`` lists the owned asset kinds that fail the test, each
    with the flag used; ``business`` is the value of
    non-exempt business entities, compared with ``business_limit`` (strictly
    below) when there are any.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``disqualifying`` holds asset types (their words are
       :func:`owned_asset_words`), not labels.
    """

    financial: Decimal
    months: int
    financial_limit: Decimal
    months_used: ParameterValue
    disqualifying: tuple[tuple[AssetType, ParameterValue], ...]
    business: Decimal
    business_limit: Decimal | None
    business_used: ParameterValue | None

    @property
    def financial_ok(self) -> bool:
        """Financial assets strictly below the limit."""
        return self.financial < self.financial_limit

    @property
    def business_ok(self) -> bool:
        """No business entity, or their value strictly below the limit."""
        return self.business_limit is None or self.business < self.business_limit

    @property
    def passed(self) -> bool:
        """Whether the household passes the whole property test."""
        return self.financial_ok and self.business_ok and not self.disqualifying


def counted_assets(household: Household, counted_ids: Iterable[str] | None) -> list[Asset]:
    """Return the non-exempt assets of the counted members (民发〔2021〕57号 art. 14).

    Art. 14: "家庭财产指共同生活的家庭成员拥有的全部动产和不动产。" — an asset whose
    ``owner`` names a member who is not counted (serving a sentence, supported as
    特困, …) is not the family's property; one without an owner is the
    household's.  ``counted_ids`` ``None`` keeps every asset.  "对于维持家庭生产
    生活的必需财产，可以在认定家庭财产状况时予以豁免": exempt assets are left out.

    .. versionadded:: 0.1.0
    """
    ids = None if counted_ids is None else set(counted_ids)
    return [
        a
        for a in household.assets
        if not a.exempt and (ids is None or a.owner is None or a.owner in ids)
    ]


def property_test(
    household: Household,
    *,
    prefix: str,
    count: int,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    counted_ids: Iterable[str] | None = None,
) -> PropertyTest:
    """Apply the ``<prefix>.assets.*`` household property rules to the non-exempt assets.

    Only the assets of the members in ``counted_ids`` (and those with no owner)
    count, 57号 art. 14 (see :func:`counted_assets`); ``None`` counts every asset.

    Financial assets must be strictly below ``months`` of the dibao standard
    per counted member; a non-exempt vehicle or non-residential property fails
    where the jurisdiction says so; business entities (valued at subscribed
    capital) must be worth strictly less than the limit
    (:data:`HOUSEHOLD_PROPERTY`, applied by :func:`assess_assets`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 ``counted_ids``.
    """
    return assess_assets(
        counted_assets(household, counted_ids),
        prefix=prefix,
        count=count,
        standard=standard,
        book=book,
        where=where,
        on=on,
    )


def assess_assets(
    held: Sequence[Asset],
    *,
    prefix: str,
    count: int,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    rules: AssetRules = HOUSEHOLD_PROPERTY,
) -> PropertyTest:
    """Apply a programme's property ``rules`` to the assets ``held`` (exempt ones already out).

    The financial limit is ``months`` × the dibao ``standard`` × ``count``; a
    flag and the business limit are read only when ``held`` has such an asset.

    .. versionadded:: 0.1.0
    """
    months, months_used = book.count(f"{prefix}.assets.{rules.financial_months}", where, on)
    financial = sum((a.value for a in held if a.type.is_financial), Decimal(0))
    present = {a.type for a in held}
    disqualifying = []
    for asset_type in rules.disqualifying:
        if asset_type in present:
            fails, used = book.flag(disqualifying_flag(prefix, asset_type), where, on)
            if fails:
                disqualifying.append((asset_type, used))
    business = sum((a.value for a in held if a.type is AssetType.BUSINESS_ENTITY), Decimal(0))
    business_limit: Decimal | None = None
    business_used: ParameterValue | None = None
    if rules.business_limit and AssetType.BUSINESS_ENTITY in present:
        business_limit, business_used = book.money(
            f"{prefix}.assets.business_entity_value_limit", where, on
        )
    return PropertyTest(
        financial=financial,
        months=months,
        financial_limit=fen_to_yuan(yuan_to_fen(standard) * months * count),
        months_used=months_used,
        disqualifying=tuple(disqualifying),
        business=business,
        business_limit=business_limit,
        business_used=business_used,
    )


@attrs.frozen
class OwnPropertyTest:
    """One person's own property test (本人财产), with the assets that name no member.

    ``own`` tests the person's own assets; ``with_unattributed`` the same with
    every asset naming no member counted as theirs; ``unattributed`` those
    assets with their index.  Attributing them matters only where the two
    results could differ (:attr:`deciding`).

    .. versionadded:: 0.1.0
    """

    own: PropertyTest
    with_unattributed: PropertyTest
    unattributed: tuple[tuple[int, Asset], ...]
    path: str = "$"

    @property
    def deciding(self) -> tuple[str, ...]:
        """The owner paths of the unattributed assets whose owner could change the answer.

        An asset of a kind that fails, or a financial asset when the financial
        limit is reached counting them all.
        """
        failing = {asset for asset, _used in self.with_unattributed.disqualifying}
        over = not self.with_unattributed.financial_ok
        return tuple(
            f"{self.path}.assets[{index}].owner"
            for index, asset in self.unattributed
            if asset.type in failing or (asset.type.is_financial and over)
        )


def own_property_test(
    household: Household,
    person_id: str,
    *,
    prefix: str,
    rules: AssetRules,
    standard: Decimal,
    book: ParameterBook,
    where: str,
    on: dt.date,
    path: str = "$",
) -> OwnPropertyTest:
    """Apply a programme's property ``rules`` to one person's own non-exempt assets.

    Assets are the person's by :func:`owned_by`; another member's are left
    out, and those naming no member in a household of several are tested both
    ways (:class:`OwnPropertyTest`).  ``path`` is the household's path.

    .. versionadded:: 0.1.0
    """
    held: list[Asset] = []
    unattributed: list[tuple[int, Asset]] = []
    for index, asset in enumerate(household.assets):
        mine = owned_by(asset.owner, person_id, household)
        if asset.exempt or mine is False:
            continue
        if mine:
            held.append(asset)
        else:
            unattributed.append((index, asset))
    test = functools.partial(
        assess_assets, prefix=prefix, count=1, standard=standard, book=book, where=where, on=on
    )
    return OwnPropertyTest(
        test(held, rules=rules),
        test([*held, *(asset for _, asset in unattributed)], rules=rules),
        tuple(unattributed),
        path,
    )


def property_reasons(
    assets: PropertyTest,
    count: int,
    *,
    financial: ReasonCode,
    disqualifies: ReasonCode,
    business: ReasonCode,
) -> list[Reason]:
    """Explain a property test with a programme's own reason codes, one reason per rule applied.

    .. versionadded:: 0.1.0
    """
    ok = assets.financial_ok
    reasons = [
        financial.reason(
            ok,
            (assets.months_used,),
            assets=format_yuan(assets.financial, "fen"),
            relation="低于" if ok else "不低于",
            relation_en="below" if ok else "not below",
            months=str(assets.months),
            count=str(count),
            limit=format_yuan(assets.financial_limit, "fen"),
        )
    ]
    for asset, used in assets.disqualifying:
        zh, en = owned_asset_words(asset)
        reasons.append(disqualifies.reason(False, (used,), asset=zh, asset_en=en))
    if assets.business_limit is not None and assets.business_used is not None:
        ok = assets.business_ok
        reasons.append(
            business.reason(
                ok,
                (assets.business_used,),
                value=format_yuan(assets.business, "fen"),
                relation="低于" if ok else "不低于",
                relation_en="below" if ok else "not below",
                limit=format_yuan(assets.business_limit, "fen"),
            )
        )
    return reasons


@attrs.frozen
class PropertyReasons:
    """A programme's property test: its parameter prefix and the reason codes it explains with.

    Declared once per programme; :meth:`apply` runs :func:`property_test` and
    :func:`property_reasons` together.

    .. versionadded:: 0.1.0
    """

    prefix: str
    financial: ReasonCode
    disqualifies: ReasonCode
    business: ReasonCode

    @classmethod
    def define(
        cls,
        code_prefix: str,
        citation: Citation,
        *,
        fails: tuple[str, str],
        prefix: str | None = None,
        lead: tuple[str, str] = ("", ""),
        standard_en: str = "the dibao standard",
    ) -> PropertyReasons:
        """Declare the codes of a household property test (:data:`HOUSEHOLD_PROPERTY`).

        ``<code_prefix>.financial_assets``, ``.asset_disqualifies`` and
        ``.business_entities``, citing ``citation``: the same three sentences for every
        programme, but for the words of a failing asset (``fails``, zh and en), a ``lead``
        before each (zh, en) and how the English names the standard.  ``prefix`` is the
        parameters' prefix (``<prefix>.assets.*``), by default ``code_prefix``.

        .. versionadded:: 0.1.0
        """
        zh, en = lead
        return cls(
            code_prefix if prefix is None else prefix,
            ReasonCode.define(
                f"{code_prefix}.financial_assets",
                f"{zh}金融资产合计 {{assets}} 元, {{relation}}上限 {{months}} 个月低保标准 × "
                "{count} 人 = {limit} 元",
                f"{en}financial assets {{assets}} yuan are {{relation_en}} the limit of "
                f"{{months}} months of {standard_en} × {{count}} = {{limit}} yuan",
                citation,
            ),
            ReasonCode.define(
                f"{code_prefix}.asset_disqualifies",
                f"{zh}拥有{{asset}}, {fails[0]}",
                f"{en}the household owns {{asset_en}}, which fails {fails[1]}",
                citation,
            ),
            ReasonCode.define(
                f"{code_prefix}.business_entities",
                f"{zh}经营主体出资额 {{value}} 元, {{relation}}上限 {{limit}} 元",
                f"{en}business entities worth {{value}} yuan are {{relation_en}} the limit of "
                "{limit} yuan",
                citation,
            ),
        )

    def apply(
        self,
        household: Household,
        count: int,
        standard: Decimal,
        place: tuple[ParameterBook, str, dt.date],
        counted_ids: Iterable[str] | None,
    ) -> tuple[PropertyTest, list[Reason]]:
        """Test the property of ``counted_ids`` (``place`` is the book, jurisdiction and date).

        .. versionadded:: 0.1.0
        """
        book, where, on = place
        assets = property_test(
            household,
            prefix=self.prefix,
            count=count,
            standard=standard,
            book=book,
            where=where,
            on=on,
            counted_ids=counted_ids,
        )
        reasons = property_reasons(
            assets,
            count,
            financial=self.financial,
            disqualifies=self.disqualifies,
            business=self.business,
        )
        return assets, reasons
