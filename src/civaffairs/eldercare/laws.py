"""The documents eldercare rules cite, declared once.

Where a title or number was read only in a third-party copy, or recalled, the
constant's comment says so; decisions carry the same caveat in their citations.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.decisions import Document

__all__ = [
    "ABILITY_ASSESSMENT_STANDARD",
    "BASIC_ELDERCARE_OPINION",
    "DISABILITY_SUBSIDIES_OPINION",
    "ELDERCARE_DEVELOPMENT_OPINION",
    "ELDER_SUBSIDIES_NOTICE",
    "GUANGZHOU_DISABILITY_SUBSIDIES_2021",
    "INSTITUTION_RATING_STANDARD",
    "MEAL_AID_PLAN",
    "OLDER_PERSONS_LAW",
    "SHENZHEN_LONGEVITY_ALLOWANCE",
    "SOCIAL_ASSISTANCE_MEASURES",
    "SUIZHOU_WORK_PLAN_2025",
    "VISITING_CARE_OPINION",
]

#: GB/T 42195-2022 《老年人能力评估规范》: 26 items, 90 points, five ability grades.
ABILITY_ASSESSMENT_STANDARD = Document(
    "老年人能力评估规范",
    "GB/T 42195-2022",
    en="Specification for ability assessment of older people",
)

#: GB/T 37276-2018 《养老机构等级划分与评定》: 1 000 points, levels 一级 to 五级.
INSTITUTION_RATING_STANDARD = Document(
    "养老机构等级划分与评定",
    "GB/T 37276-2018",
    en="Classification and accreditation for senior care organizations",
)

#: 《中华人民共和国老年人权益保障法》; art. 2: older persons are citizens aged 60 or more.
OLDER_PERSONS_LAW = Document(
    "中华人民共和国老年人权益保障法",
    None,
    en="Law on the Protection of the Rights and Interests of Older Persons",
)

#: 民政部等10部门 《关于开展特殊困难老年人探访关爱服务的指导意见》 (reported 2022-10-28,
#: 人民日报); its 文号 was not found.
VISITING_CARE_OPINION = Document(
    "关于开展特殊困难老年人探访关爱服务的指导意见",
    None,
    en="Guiding opinion on visits and care for older persons in special hardship (10 ministries)",
)

#: 民政部等11部门 《积极发展老年助餐服务行动方案》 (民政部网站 2023-10-23).
MEAL_AID_PLAN = Document(
    "积极发展老年助餐服务行动方案",
    "民发〔2023〕58号",
    en="Action plan for developing meal aid for older persons",
)

#: 《国务院办公厅关于推进养老服务发展的意见》, including the home-adaptation programme.
ELDERCARE_DEVELOPMENT_OPINION = Document(
    "国务院办公厅关于推进养老服务发展的意见",
    "国办发〔2019〕5号",
    en="General Office of the State Council opinion on promoting eldercare services",
)

#: 中办 国办 《关于推进基本养老服务体系建设的意见》 (2023-05) and its 国家基本养老服务清单;
#: the list's items were not read in an official copy (recalled).
BASIC_ELDERCARE_OPINION = Document(
    "关于推进基本养老服务体系建设的意见",
    None,
    en="Opinion on building the basic eldercare service system, with the national service list",
)

#: Shenzhen's longevity-allowance rule from 2019-10-01; the title is not verified, the number
#: and the amounts were read in a mirror of the 深圳市民政局 page (2024-07-01).
SHENZHEN_LONGEVITY_ALLOWANCE = Document(
    "深圳市高龄老人津贴发放规定 (title not verified)",
    "深民规〔2019〕2号",
    en="Shenzhen longevity allowance rule",
)

#: 财政部 民政部 全国老龄办 《关于建立健全经济困难的高龄 失能等老年人补贴制度的通知》
#: (财社〔2014〕113号).  Its text was NOT read (not on disk; not found by search): the title and
#: number are as the project brief gives them, and nothing is encoded from its content.
ELDER_SUBSIDIES_NOTICE = Document(
    "关于建立健全经济困难的高龄 失能等老年人补贴制度的通知",
    "财社〔2014〕113号",
    en="Notice on subsidies for very old and disabled older persons in economic difficulty",
)

#: 国发〔2015〕52号, the two disability subsidies; the same document as
#: ``civaffairs.assistance.laws.DISABILITY_SUBSIDIES_OPINION``, declared here because eldercare
#: does not import assistance.  Its 衔接 clause was read only as restated by local rules.
DISABILITY_SUBSIDIES_OPINION = Document(
    "国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见",
    "国发〔2015〕52号",
    en="Opinion on the living subsidy for disabled people in hardship and the care subsidy",
)

#: Guangzhou's 2021 rules for the two disability subsidies, read in a report of 2021-11-25
#: (news.xiangyang.net) that restates how they meet eldercare subsidies.
GUANGZHOU_DISABILITY_SUBSIDIES_2021 = Document(
    "广州市困难残疾人生活补贴和重度残疾人护理补贴实施办法",
    None,
    en="Guangzhou rules on the two disability subsidies (2021), as reported",
)

#: 《社会救助暂行办法》; art. 15 (二): 特困人员供养 includes care for those unable to care for
#: themselves ("对生活不能自理的给予照料", read).  Declared here as in ``civaffairs.funeral.laws``.
SOCIAL_ASSISTANCE_MEASURES = Document(
    "社会救助暂行办法", "国务院令第649号", en="Interim Measures on Social Assistance"
)

#: 随州市民政局 《2025年全市民政工作要点》 (seed 000): 二(二) directs the concentrated care of
#: completely disabled older persons of 低保 households, "按照'预评估、先入住、后补助'的原则".
SUIZHOU_WORK_PLAN_2025 = Document(
    "随州市2025年全市民政工作要点",
    None,
    en="Suizhou civil-affairs work plan 2025",
)
