"""The vocabulary of funeral services: what a funeral home (殡仪馆) provides, and in which units.

The **basic funeral services** (基本殡葬服务) are defined nationally as four:
遗体接运 (transport of the body, including carrying and disinfection on the
way), 遗体存放 (storage, including refrigeration), 遗体火化 (cremation) and
骨灰寄存 (keeping the ashes) — 《关于进一步加强殡葬服务收费管理有关问题的指导意见》
(国家发展改革委 民政部, 2012; 发改价格〔2012〕673号, number recalled).  They are
priced by government (政府定价); other services (整容, 告别厅 …) are 延伸服务 at
government-guided or market prices.  Jurisdictions add items to what they
waive: Hangzhou's six (六项, from 2023-08-01) add 守灵(告别) and 骨灰盒;
五华 waives seven, 岳阳 adds a paper coffin for hardship groups.

Every service is sold in one of a few :class:`Unit` s (a trip or a kilometre,
a day or an hour, a body, a year …).  Quantities in compatible units convert
exactly (a day is 24 hours, a year 12 months); no other conversion is ever
guessed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from fractions import Fraction

from civaffairs.labels import Labelled

__all__ = ["Service", "Unit", "conversion"]


class Unit(Labelled):
    """A unit in which a funeral service is priced and counted.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    TRIP = "trip", "次", "trip"  #: 次 (one transport of the body)
    KM = "km", "公里", "km"  #: 公里 (distance driven)
    DAY = "day", "天", "day"
    HOUR = "hour", "小时", "hour"
    BODY = "body", "具", "body"  #: 具 (per body)
    YEAR = "year", "年", "year"
    MONTH = "month", "月", "month"
    PIECE = "piece", "个", "piece"  #: 个/只 (an urn, a coffin)
    SESSION = "session", "场", "session"  #: 场/间次 (one use of a hall)
    CASE = "case", "例", "case"  #: 例 (one burial)

    @property
    def is_whole(self) -> bool:
        """Whether quantities in this unit are whole numbers (bodies, pieces, trips ...)."""
        return self in _WHOLE_UNITS


_WHOLE_UNITS = frozenset({Unit.TRIP, Unit.BODY, Unit.PIECE, Unit.SESSION, Unit.CASE})

#: How many of the second unit make one of the first (exact, both ways).
_FACTORS = {
    (Unit.DAY, Unit.HOUR): Fraction(24),
    (Unit.YEAR, Unit.MONTH): Fraction(12),
}


def conversion(source: Unit, target: Unit) -> Fraction | None:
    """Return how many ``target`` units make one ``source`` unit, or ``None`` if none do.

    >>> conversion(Unit.DAY, Unit.HOUR), conversion(Unit.HOUR, Unit.DAY)
    (Fraction(24, 1), Fraction(1, 24))
    >>> conversion(Unit.KM, Unit.TRIP) is None
    True

    .. versionadded:: 0.1.0
    """
    if source is target:
        return Fraction(1)
    factor = _FACTORS.get((source, target))
    if factor is not None:
        return factor
    inverse = _FACTORS.get((target, source))
    return None if inverse is None else 1 / inverse


class Service(Labelled):
    """A funeral service, with the units it may be priced in.

    The first four are the national basic services (:attr:`is_basic`).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0 Members carry their labels (:class:`~civaffairs.labels.Labelled`).
    """

    TRANSPORT = "transport", "遗体接运", "transport of the body"
    STORAGE = "storage", "遗体存放(冷藏)", "storage of the body (refrigerated)"
    CREMATION = "cremation", "遗体火化", "cremation"  #: 遗体火化 (普通火化炉)
    ASH_STORAGE = "ash_storage", "骨灰寄存", "keeping of the ashes"
    DISINFECTION = "disinfection", "遗体消毒", "disinfection of the body"
    COSMETIC = "cosmetic", "遗体整容", "cosmetic care of the body"  #: 遗体整容(化妆)
    URN = "urn", "普通骨灰盒", "standard urn"
    COFFIN = "coffin", "普通卫生纸棺", "standard paper coffin"
    #: 守灵(告别) (Hangzhou's sixth item: a room for the vigil or farewell)
    VIGIL = "vigil", "守灵(告别)", "vigil or farewell room"
    #: 告别厅(悼念厅)租用
    FAREWELL_HALL = "farewell_hall", "告别厅租用", "farewell hall"
    #: 生态安葬 (树葬、海葬、撒散 ... as a service sold)
    ECO_BURIAL = "eco_burial", "生态安葬", "ecological burial"

    @property
    def units(self) -> tuple[Unit, ...]:
        """The units this service may be priced and counted in."""
        return _SERVICE_UNITS[self]

    @property
    def is_basic(self) -> bool:
        """Whether it is one of the four national basic funeral services (基本殡葬服务)."""
        return self in _BASIC


_SERVICE_UNITS = {
    Service.TRANSPORT: (Unit.TRIP, Unit.KM),
    Service.STORAGE: (Unit.DAY, Unit.HOUR),
    Service.CREMATION: (Unit.BODY,),
    Service.ASH_STORAGE: (Unit.YEAR, Unit.MONTH),
    Service.DISINFECTION: (Unit.BODY,),
    Service.COSMETIC: (Unit.BODY,),
    Service.URN: (Unit.PIECE,),
    Service.COFFIN: (Unit.PIECE,),
    Service.VIGIL: (Unit.DAY, Unit.HOUR, Unit.SESSION),
    Service.FAREWELL_HALL: (Unit.SESSION, Unit.HOUR),
    Service.ECO_BURIAL: (Unit.CASE,),
}
_BASIC = frozenset({Service.TRANSPORT, Service.STORAGE, Service.CREMATION, Service.ASH_STORAGE})
