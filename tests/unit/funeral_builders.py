"""Small builders for the funeral tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from civaffairs.entities import AssistanceLayer, Person, Registration, RegistrationKind, Sex
from civaffairs.funeral.facts import Burial, Ceremony, Deceased, FuneralCase, ServiceUse
from civaffairs.funeral.services import Service, Unit

ZENGDU = "421303"  # 曾都区, 随州市
GUANGSHUI = "421381"  # 广水市, 随州市
XIAONAN = "420902"  # 孝南区, 孝感市
WULONG = "500156"  # 武隆区, 重庆市
QINGSHEN = "511425"  # 青神县, 眉山市
SHANGCHENG = "330102"  # 上城区, 杭州市
WUCHENG = "330702"  # 婺城区, 金华市
WUHUA = "441424"  # 五华县, 梅州市
MEIJIANG = "441402"  # 梅江区, 梅州市
HAIYAN = "330424"  # 海盐县, 嘉兴市
XIANTAO = "429004"  # 仙桃市
HANCHUAN = "420984"  # 汉川市, 孝感市
YUELOU = "430602"  # 岳阳楼区, 岳阳市


def person(where: str, *, pid: str = "p1", name: str | None = "张三丰") -> Person:
    return Person(
        pid,
        dt.date(1940, 5, 1),
        Sex.MALE,
        Registration(where, RegistrationKind.URBAN),
        name=name,
    )


def use(service: Service, quantity: str | int, unit: Unit, price: str | None = None) -> ServiceUse:
    return ServiceUse(service, quantity, unit, price)


#: The four basic services: 30 km of transport, 5 days' storage, cremation, a year of ash storage.
BASIC = (
    use(Service.TRANSPORT, 30, Unit.KM),
    use(Service.STORAGE, 5, Unit.DAY),
    use(Service.CREMATION, 1, Unit.BODY),
    use(Service.ASH_STORAGE, 1, Unit.YEAR),
)


def case(
    registered: str,
    cremated_in: str,
    died: dt.date,
    *,
    died_in: str | None = None,
    services: Sequence[ServiceUse] = BASIC,
    layer: AssistanceLayer = AssistanceLayer.NONE,
    priority_entitled: bool = False,
    cremated: bool = True,
    cremation_date: dt.date | None = None,
    burial: Burial | None = None,
    ceremony: Ceremony | None = None,
    case_id: str = "C1",
) -> FuneralCase:
    deceased = Deceased(
        person(registered),
        died,
        died_in or cremated_in,
        layer=layer,
        priority_entitled=priority_entitled,
    )
    return FuneralCase(
        case_id,
        deceased,
        cremated_in,
        services,
        cremated=cremated,
        cremation_date=cremation_date,
        burial=burial,
        ceremony=ceremony,
    )
