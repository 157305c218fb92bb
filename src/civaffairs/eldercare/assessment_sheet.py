"""The GB/T 42195-2022 item sheet: 26 items in four indicators, each on its own scale.

Appendix B of 《老年人能力评估规范》 (GB/T 42195-2022), as :mod:`civaffairs.eldercare.assessment`
grades it: 26 second-level indicators (二级指标) in four first-level indicators (一级指标),
each scored on its own scale —

- B.1 自理能力 (self-care), 8 items of 0–4: 进食, 修饰, 洗澡, 穿/脱上衣, 穿/脱裤子和鞋袜,
  小便控制, 大便控制, 如厕 — at most **32**;
- B.2 基础运动能力 (basic mobility): 床上体位转移, 床椅转移, 平地行走 (0–4) and 上下楼梯
  (0–3) — at most **15**;
- B.3 精神状态 (mental state): 时间定向, 空间定向, 人物定向, 记忆, 理解能力, 表达能力 (0–4),
  攻击行为 and 抑郁症状 (1 = not seen in the last month, 0 = seen), 意识水平 (2 清醒,
  1 嗜睡/意识模糊, 0 昏睡 or 昏迷) — at most **28**;
- B.4 感知觉与社会参与 (perception and social participation): 视力 and 听力 (0–2), 执行日常事务
  (0–4), 使用交通工具外出 (0–3), 社会交往能力 (0–4) — at most **15**.

Most 0–4 items use the five-step assistance scale: 4 独立完成; 3 在他人指导或提示下完成;
2 需要他人协助, 但以自身完成为主; 1 主要依靠他人协助, 自身能给予配合; 0 完全依赖他人协助,
且不能给予配合.  Each first-level score is the sum of its items; the total is 0–90
(:data:`TOTAL_MAXIMUM`).
An item is declared once, as a validated field of its indicator's score class with its
clause, names and scale; :data:`ITEMS` lists them in Appendix B order, and
:class:`ItemScores` reads a filled-in sheet (by field, key or clause) and sums it.

The items were read in two public transcriptions of the standard, not in its own text.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from civaffairs.errors import InvalidDocumentError, InvalidInputError
from civaffairs.labels import Labelled

__all__ = [
    "ITEMS",
    "TOTAL_MAXIMUM",
    "Indicator",
    "IndicatorScores",
    "Item",
    "ItemScores",
    "MentalState",
    "Mobility",
    "PerceptionSocial",
    "SelfCare",
]

#: The highest possible total score: 32 + 15 + 28 + 15.
TOTAL_MAXIMUM = 90


class Indicator(Labelled):
    """The four first-level indicators (一级指标) of GB/T 42195-2022.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    SELF_CARE = "self_care", "自理能力", "self-care"  #: B.1
    MOBILITY = "mobility", "基础运动能力", "basic mobility"  #: B.2
    MENTAL_STATE = "mental_state", "精神状态", "mental state"  #: B.3
    #: B.4
    PERCEPTION_SOCIAL = (
        "perception_social",
        "感知觉与社会参与",
        "perception and social participation",
    )

    @property
    def maximum(self) -> int:
        """The highest score: the sum of its items' maxima."""
        return sum(item.maximum for item in ITEMS if item.indicator is self)


@attrs.frozen
class Item:
    """One second-level indicator (二级指标): where it sits, its names and its highest score.

    ``key`` is ``"<indicator>.<field>"`` (``"self_care.eating"``); ``clause`` the number in
    Appendix B (``"B.1.1"``).

    .. versionadded:: 0.1.0
    """

    key: str
    clause: str
    zh: str
    en: str
    indicator: Indicator
    maximum: int

    @property
    def field(self) -> str:
        """The attribute name in its indicator's score class (``"eating"``)."""
        return self.key.split(".", 1)[1]

    @property
    def allowed(self) -> str:
        """The allowed values in words, as error messages show them."""
        return f"an integer 0–{self.maximum} ({self.clause} {self.zh}, {self.en})"


_META = "civaffairs.eldercare.item"


def instance_of(kind: type, expected: str) -> Any:
    """Return an attrs validator: the field holds a ``kind``, else an error naming the field.

    .. versionadded:: 0.1.0
    """

    def check(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInputError(f"$.{attribute.name}", type(value).__name__, expected)

    return check


def _item(clause: str, zh: str, en: str, maximum: int) -> Any:
    """Declare one item's field, validated against its own scale."""
    expected = f"an integer 0–{maximum} ({clause} {zh}, {en})"

    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if type(value) is not int or not 0 <= value <= maximum:
            raise InvalidInputError(f"$.{attribute.name}", value, expected)

    return attrs.field(
        validator=check, metadata={_META: {"clause": clause, "zh": zh, "en": en, "max": maximum}}
    )


@attrs.frozen
class SelfCare:
    """B.1 自理能力 (self-care): eight items of 0–4, at most 32.

    .. versionadded:: 0.1.0
    """

    eating: int = _item("B.1.1", "进食", "eating", 4)
    grooming: int = _item("B.1.2", "修饰", "grooming", 4)
    bathing: int = _item("B.1.3", "洗澡", "bathing", 4)
    dressing_upper: int = _item("B.1.4", "穿/脱上衣", "dressing the upper body", 4)
    dressing_lower: int = _item("B.1.5", "穿/脱裤子和鞋袜", "dressing the lower body", 4)
    urinary_control: int = _item("B.1.6", "小便控制", "urinary control", 4)
    bowel_control: int = _item("B.1.7", "大便控制", "bowel control", 4)
    toileting: int = _item("B.1.8", "如厕", "toileting", 4)

    indicator: ClassVar[Indicator] = Indicator.SELF_CARE


@attrs.frozen
class Mobility:
    """B.2 基础运动能力 (basic mobility): three items of 0–4 and stairs 0–3, at most 15.

    .. versionadded:: 0.1.0
    """

    bed_mobility: int = _item("B.2.1", "床上体位转移", "turning and sitting up in bed", 4)
    transfer: int = _item("B.2.2", "床椅转移", "bed–chair transfer", 4)
    walking: int = _item("B.2.3", "平地行走", "walking on level ground", 4)
    stairs: int = _item("B.2.4", "上下楼梯", "climbing stairs", 3)

    indicator: ClassVar[Indicator] = Indicator.MOBILITY


@attrs.frozen
class MentalState:
    """B.3 精神状态 (mental state): at most 28.

    ``aggression`` and ``depression`` score 1 when the behaviour or symptom was **not**
    seen in the last month and 0 when it was.  ``consciousness`` is 意识水平: 2 清醒,
    1 嗜睡 or 意识模糊, 0 昏睡 or 昏迷.  Since 昏睡 and 昏迷 both score 0, ``coma`` records
    which: it may be true only with a consciousness score of 0, and it makes the final
    grade 能力完全丧失.

    .. versionadded:: 0.1.0
    """

    time_orientation: int = _item("B.3.1", "时间定向", "orientation in time", 4)
    place_orientation: int = _item("B.3.2", "空间定向", "orientation in place", 4)
    person_orientation: int = _item("B.3.3", "人物定向", "orientation to people", 4)
    memory: int = _item("B.3.4", "记忆", "memory", 4)
    comprehension: int = _item("B.3.5", "理解能力", "comprehension", 4)
    expression: int = _item("B.3.6", "表达能力", "expression", 4)
    aggression: int = _item("B.3.7", "攻击行为", "aggressive behaviour (1 = none)", 1)
    depression: int = _item("B.3.8", "抑郁症状", "depressive symptoms (1 = none)", 1)
    consciousness: int = _item("B.3.9", "意识水平", "level of consciousness", 2)
    coma: bool = attrs.field(default=False)

    indicator: ClassVar[Indicator] = Indicator.MENTAL_STATE

    @coma.validator
    def _check_coma(self, _attribute: attrs.Attribute[bool], value: object) -> None:
        if type(value) is not bool:
            raise InvalidInputError("$.coma", value, "true or false (B.3.9 昏迷)")
        if value and self.consciousness != 0:
            raise InvalidInputError(
                "$.coma",
                value,
                "false unless consciousness is 0 (B.3.9: 昏迷 scores 0)",
                detail=f"consciousness is {self.consciousness}",
            )


@attrs.frozen
class PerceptionSocial:
    """B.4 感知觉与社会参与 (perception and social participation): at most 15.

    .. versionadded:: 0.1.0
    """

    vision: int = _item("B.4.1", "视力", "vision", 2)
    hearing: int = _item("B.4.2", "听力", "hearing", 2)
    daily_affairs: int = _item("B.4.3", "执行日常事务", "managing daily affairs", 4)
    transport: int = _item("B.4.4", "使用交通工具外出", "going out by transport", 3)
    social_interaction: int = _item("B.4.5", "社会交往能力", "social interaction", 4)

    indicator: ClassVar[Indicator] = Indicator.PERCEPTION_SOCIAL


_SCORE_CLASSES: tuple[type[Any], ...] = (SelfCare, Mobility, MentalState, PerceptionSocial)


def _build_items() -> tuple[Item, ...]:
    items = []
    for cls in _SCORE_CLASSES:
        indicator: Indicator = cls.indicator
        for attribute in attrs.fields(cls):
            meta = attribute.metadata.get(_META)
            if meta is not None:
                items.append(
                    Item(
                        key=f"{indicator.value}.{attribute.name}",
                        clause=meta["clause"],
                        zh=meta["zh"],
                        en=meta["en"],
                        indicator=indicator,
                        maximum=meta["max"],
                    )
                )
    return tuple(items)


#: The 26 second-level indicators in Appendix B order.
ITEMS: tuple[Item, ...] = _build_items()
_BY_NAME: dict[str, Item] = {
    name: item for item in ITEMS for name in (item.key, item.field, item.clause)
}
_ITEM_NAMES = (
    "one of the 26 GB/T 42195 items by name ('eating', 'self_care.eating') or clause ('B.1.1')"
)


def _in_scale(value: object, item: Item) -> bool:
    return type(value) is int and 0 <= value <= item.maximum


@attrs.frozen
class ItemScores:
    """The 26 item scores of one assessment, by first-level indicator.

    Build it from the four score classes, or from a flat mapping of item names or
    clause numbers with :meth:`from_mapping`.

    .. versionadded:: 0.1.0
    """

    self_care: SelfCare = attrs.field(validator=instance_of(SelfCare, "B.1 自理能力 scores"))
    mobility: Mobility = attrs.field(validator=instance_of(Mobility, "B.2 基础运动能力 scores"))
    mental_state: MentalState = attrs.field(
        validator=instance_of(MentalState, "B.3 精神状态 scores")
    )
    perception_social: PerceptionSocial = attrs.field(
        validator=instance_of(PerceptionSocial, "B.4 感知觉与社会参与 scores")
    )

    @classmethod
    def from_mapping(cls, scores: Mapping[str, object], *, coma: bool = False) -> ItemScores:
        """Build the scores from ``{item: score}``, items named by field, key or clause.

        ``{"eating": 4, "B.1.2": 3, "mobility.stairs": 2, ...}``: all 26 items exactly once.
        Raises :class:`~civaffairs.errors.InvalidDocumentError` listing every unknown,
        repeated, missing or out-of-range item, each by path (``$.self_care.eating``).

        .. versionadded:: 0.1.0
        """
        errors: list[InvalidInputError] = []
        found: dict[Item, object] = {}
        for name, value in scores.items():
            item = _BY_NAME.get(name)
            if item is None:
                errors.append(InvalidInputError(f"$.{name}", name, _ITEM_NAMES))
            elif item in found:
                errors.append(
                    InvalidInputError(f"$.{item.key}", name, f"{item.clause} given only once")
                )
            else:
                found[item] = value
        errors.extend(
            InvalidInputError(f"$.{item.key}", "(missing)", item.allowed)
            for item in ITEMS
            if item not in found
        )
        parts: dict[str, object] = {}
        for part in _SCORE_CLASSES:
            indicator: Indicator = part.indicator
            fields = {i.field: found[i] for i in ITEMS if i.indicator is indicator and i in found}
            if part is MentalState:
                fields["coma"] = coma
            for item in ITEMS:
                value = fields.get(item.field)
                if item.indicator is indicator and item in found and not _in_scale(value, item):
                    errors.append(InvalidInputError(f"$.{item.key}", value, item.allowed))
            if not errors:
                try:
                    parts[indicator.value] = part(**fields)
                except InvalidInputError as exc:
                    errors.append(exc.at(f"$.{indicator.value}"))
        if errors:
            raise InvalidDocumentError(errors, what="ability assessment items")
        return cls(**parts)  # type: ignore[arg-type]

    def score(self, item: Item | str) -> int:
        """Return the score of one item, by :class:`Item`, name or clause."""
        found = item if isinstance(item, Item) else _BY_NAME.get(item)
        if found is None:
            raise InvalidInputError("$.item", item, _ITEM_NAMES)
        value: int = getattr(getattr(self, found.indicator.value), found.field)
        return value

    def items(self) -> tuple[tuple[Item, int], ...]:
        """Return every item with its score, in Appendix B order."""
        return tuple((item, self.score(item)) for item in ITEMS)

    def indicator_scores(self) -> IndicatorScores:
        """Return the four first-level scores."""
        sums = dict.fromkeys(Indicator, 0)
        for item, value in self.items():
            sums[item.indicator] += value
        return IndicatorScores(
            self_care=sums[Indicator.SELF_CARE],
            mobility=sums[Indicator.MOBILITY],
            mental_state=sums[Indicator.MENTAL_STATE],
            perception_social=sums[Indicator.PERCEPTION_SOCIAL],
        )

    @property
    def coma(self) -> bool:
        """Whether B.3.9 records 昏迷 (coma)."""
        return self.mental_state.coma


@attrs.frozen
class IndicatorScores:
    """The four first-level scores (一级指标得分) and their total.

    .. versionadded:: 0.1.0
    """

    self_care: int
    mobility: int
    mental_state: int
    perception_social: int

    @property
    def total(self) -> int:
        """The total score, 0–90."""
        return self.self_care + self.mobility + self.mental_state + self.perception_social
