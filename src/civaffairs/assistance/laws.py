"""The documents social-assistance rules cite, declared once.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.decisions import Document

__all__ = [
    "DIBAO_REVIEW_MEASURES",
    "DISABILITY_SUBSIDIES_OPINION",
    "HUBEI_DISABILITY_SUBSIDIES_2016",
    "SOCIAL_ASSISTANCE_MEASURES",
]

#: 《社会救助暂行办法》, the State Council's top-level regulation (2014-05-01; amended 2019).
SOCIAL_ASSISTANCE_MEASURES = Document(
    "社会救助暂行办法", "国务院令第649号", en="Interim Measures on Social Assistance"
)

#: 《最低生活保障审核确认办法》, the Ministry's procedure for dibao (replaces the 2012 trial rules).
DIBAO_REVIEW_MEASURES = Document(
    "最低生活保障审核确认办法",
    "民发〔2021〕57号",
    en="Measures for the Review and Confirmation of the Minimum Living Allowance",
)

#: 《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》 (from 2016-01-01).
DISABILITY_SUBSIDIES_OPINION = Document(
    "国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见",
    "国发〔2015〕52号",
    en="Opinion on the living subsidy for disabled people in hardship and the care subsidy",
)

#: Hubei's 2016 implementing opinion, which states that the two subsidies are not dibao income.
HUBEI_DISABILITY_SUBSIDIES_2016 = Document(
    "湖北省人民政府办公厅关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的实施意见",
    None,
    en="Hubei implementing opinion on the two disability subsidies (2016)",
)
