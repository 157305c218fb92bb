"""The documents funeral rules cite, declared once.

Local schemes (Hangzhou's, 汉川's, 五华's …) are cited from the sources of
their data records (see :mod:`civaffairs.funeral.policy`); this module holds
the national texts the rules in code apply.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.decisions import Citation, Document

__all__ = [
    "BASIC_SERVICES",
    "BASIC_SERVICE_PRICING_OPINION",
    "CREMATION_ZONE",
    "EXTREME_POVERTY_FUNERAL",
    "FUNERAL_REFORM_OPINION_2012",
    "FUNERAL_REFORM_OPINION_2018",
    "FUNERAL_REGULATION",
    "SOCIAL_ASSISTANCE_MEASURES",
]

#: 《殡葬管理条例》 (State Council, 1997; amended 2012): 火葬区 and 土葬改革区.
FUNERAL_REGULATION = Document(
    "殡葬管理条例", "国务院令第225号", en="Regulation on Funeral and Interment Administration"
)

#: The 2012 pricing opinion: the four basic services, priced by government (政府定价).
BASIC_SERVICE_PRICING_OPINION = Document(
    "关于进一步加强殡葬服务收费管理有关问题的指导意见",
    "发改价格〔2012〕673号",
    en="Guiding opinion on the pricing of funeral services (NDRC, Ministry of Civil Affairs, 2012)",
)

#: 民政部 2012 guiding opinion on 惠民殡葬: fee waivers for hardship groups and unidentified bodies.
#: Its content was read in a repost; its title and number are recalled.
FUNERAL_REFORM_OPINION_2012 = Document(
    "关于全面推行惠民殡葬政策的指导意见",
    "民发〔2012〕211号",
    en="Guiding opinion on funeral benefits for the people (Ministry of Civil Affairs, 2012)",
)

#: 民政部等16部门 2018: a basic funeral service system; waive or subsidise basic fees.
FUNERAL_REFORM_OPINION_2018 = Document(
    "关于进一步推动殡葬改革促进殡葬事业发展的指导意见",
    "民发〔2018〕5号",
    en="Guiding opinion on furthering funeral reform (16 departments, 2018)",
)

#: 《社会救助暂行办法》: 特困人员 support includes handling the funeral (办理丧葬事宜).
SOCIAL_ASSISTANCE_MEASURES = Document(
    "社会救助暂行办法", "国务院令第649号", en="Interim Measures on Social Assistance"
)

#: The citation of the four basic services' definition.
BASIC_SERVICES = Citation(
    BASIC_SERVICE_PRICING_OPINION,
    "基本殡葬服务",
    note="document number recalled; text read in public reposts",
)

#: 火葬区 / 土葬改革区 are designated under the regulation (article recalled, not re-read).
CREMATION_ZONE = Citation(FUNERAL_REGULATION, "第四条", note="article number recalled")

#: 特困人员 support covers the funeral: 社会救助暂行办法 art. 15 (四) "办理丧葬事宜" (read).
EXTREME_POVERTY_FUNERAL = Citation(SOCIAL_ASSISTANCE_MEASURES, "第十五条(四) 办理丧葬事宜")
