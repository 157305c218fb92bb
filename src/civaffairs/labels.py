"""Labels: the Chinese and English names that enum members carry on themselves.

Every enum whose members a decision, a table or a report names in words
derives from :class:`Labelled`: each member is written ``NAME = value, zh, en``
and carries its own :attr:`~Labelled.zh` and :attr:`~Labelled.en` labels, so
no module keeps a side dictionary of labels that can drift from the enum.

>>> class Colour(Labelled):
...     RED = "red", "红", "red"
>>> Colour("red").zh, Colour.RED.label("en"), Colour.RED.value
('红', 'red', 'red')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Literal

__all__ = ["Labelled", "Language", "Worded"]

#: The languages decisions, labels and reports render in.
Language = Literal["zh", "en"]


class Worded:
    """A value named in two languages: a ``zh`` and an ``en`` text, and :meth:`label` to pick.

    A mixin for the values and enums that carry both texts (:class:`Labelled`,
    :class:`~civaffairs.decisions.Programme`, :class:`~civaffairs.decisions.AmountLine`), so
    the choice of language is made in one place.

    .. versionadded:: 0.1.0
    """

    __slots__ = ()

    zh: str
    en: str

    def label(self, lang: Language = "zh") -> str:
        """Return the text in ``lang``."""
        return self.zh if lang == "zh" else self.en


class Labelled(Worded, enum.Enum):
    """An enum whose members carry a value, a Chinese label and an English label.

    Members are declared as ``NAME = value, zh, en``; ``Member.value`` is the
    value alone (what JSON and the columnar files hold).

    .. versionadded:: 0.1.0
    """

    _value_: str
    zh: str  #: The member's Chinese label.
    en: str  #: The member's English label.

    if TYPE_CHECKING:  # the value alone, not the declaration's tuple

        @property
        def value(self) -> str:
            """The member's value."""
            ...

    else:  # members are looked up by value alone: ``Outcome("eligible")``

        def __new__(cls, value, zh, en):
            """Create a member from its value and its two labels."""
            member = object.__new__(cls)
            member._value_ = value
            member.zh = zh
            member.en = en
            return member

    # Members are equal only to themselves (``enum.Enum`` defines no ``__eq__``), so hashing by
    # identity agrees with equality; it runs in C, where ``Enum.__hash__`` (the hash of the
    # member's name) runs in Python, and members are hashed on every set and dict look-up
    # of a decision's hot path (income, asset and status types).
    __hash__ = object.__hash__
