"""The documents social-assistance rules cite, declared once.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.decisions import Document

__all__ = [
    "CIVIL_CODE",
    "DIBAO_REVIEW_MEASURES",
    "DISABILITY_SUBSIDIES_OPINION",
    "EXTREME_POVERTY_MEASURES",
    "EXTREME_POVERTY_MEASURES_2016",
    "EXTREME_POVERTY_OPINION",
    "HUBEI_DISABILITY_SUBSIDIES_2016",
    "ORPHAN_OPINION",
    "SOCIAL_ASSISTANCE_MEASURES",
    "SOCIAL_ASSISTANCE_REFORM_OPINION",
    "UNSUPPORTED_CHILDREN_OPINION",
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

#: 《特困人员认定办法》 (2021, in force 2021-07-01 by its art. 29), which replaced the 2016 measures
#: (issued 2016-10-10, art. 29).  Articles read in the full text (Comet-law department/1.2.md,
#: also jianbiaoku.com book 172078); the number 民发〔2021〕43号 is recalled: that text omits it.
EXTREME_POVERTY_MEASURES = Document(
    "特困人员认定办法",
    "民发〔2021〕43号",
    en="Measures for Recognising Persons in Extreme Poverty (2021)",
)

#: The 2016 《特困人员认定办法》 (text read at dawa.gov.cn, 2019-08-30 repost).
EXTREME_POVERTY_MEASURES_2016 = Document(
    "特困人员认定办法",
    "民发〔2016〕178号",
    en="Measures for Recognising Persons in Extreme Poverty (2016)",
)

#: 《关于改革完善社会救助制度的意见》 (中共中央办公厅、国务院办公厅, 2020; text read in Comet-law
#: policy/2.1.md, which prints neither number nor date): 特困 minors covered to 18 (二(二)5).
SOCIAL_ASSISTANCE_REFORM_OPINION = Document(
    "关于改革完善社会救助制度的意见",
    None,
    en="Opinion on reforming and improving the social assistance system (2020)",
)

#: 《国务院关于进一步健全特困人员救助供养制度的意见》: basic living + care standards.
EXTREME_POVERTY_OPINION = Document(
    "国务院关于进一步健全特困人员救助供养制度的意见",
    "国发〔2016〕14号",
    en="State Council opinion on support for persons in extreme poverty",
)

#: 《国务院办公厅关于加强孤儿保障工作的意见》 (number recalled): orphans' basic living allowance.
ORPHAN_OPINION = Document(
    "国务院办公厅关于加强孤儿保障工作的意见",
    "国办发〔2010〕54号",
    en="General Office of the State Council opinion on protecting orphans",
)

#: 《关于进一步加强事实无人抚养儿童保障工作的意见》 (民政部等12部门), implemented from 2020-01-01.
UNSUPPORTED_CHILDREN_OPINION = Document(
    "关于进一步加强事实无人抚养儿童保障工作的意见",
    "民发〔2019〕62号",
    en="Opinion on protecting children without de-facto care",
)

#: 《中华人民共和国民法典》 (in force 2021-01-01): adulthood, "以上" includes the number, periods.
CIVIL_CODE = Document(
    "中华人民共和国民法典", None, en="Civil Code of the People's Republic of China"
)
