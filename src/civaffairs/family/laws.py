"""The documents family registration rules cite, declared once.

The Civil Code is the one the assistance rules cite too
(:data:`civaffairs.assistance.laws.CIVIL_CODE`); it is the same document,
re-exported here so that a family rule need not reach into another area.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.assistance.laws import CIVIL_CODE
from civaffairs.decisions import Document

__all__ = [
    "ADOPTION_REGISTRATION_MEASURES_2019",
    "ADOPTION_REGISTRATION_MEASURES_2023",
    "CIVIL_CODE",
    "MARRIAGE_REGULATION_2003",
    "MARRIAGE_REGULATION_2024",
    "MARRIAGE_REGULATION_2025",
]

# -- marriage registration (family.marriage) ---------------------------------------------------

#: 《婚姻登记条例》 as issued in 2003 (国务院令第387号, in force 2003-10-01); its art. 4 sends
#: a couple to the office where one party's household is registered, art. 6 lists five grounds
#: of refusal.  Text read: LawRefBook/Laws ``行政法规/婚姻登记条例(2003-08-08).md``.
MARRIAGE_REGULATION_2003 = Document(
    "婚姻登记条例", "国务院令第387号", en="Regulation on Marriage Registration (2003)"
)
#: The first revision, by 《国务院关于修改和废止部分行政法规的决定》 of 2024-12-06: art. 6 loses
#: its fifth ground (疾病), bringing the text in line with the Civil Code, which prevailed from
#: 2021-01-01 (:mod:`civaffairs.family.marriage` asks no illness fact on any date).  Text
#: read in a copy of the 国家法律法规数据库 text (Theonefkguy/Chinese-Laws
#: ``婚姻登记条例(2024-12-06).md``); the number 国务院令第797号 and the date in force,
#: 2025-01-20, were read in a repost only.
MARRIAGE_REGULATION_2024 = Document(
    "婚姻登记条例(2024年修订)",
    "国务院令第797号",
    en="Regulation on Marriage Registration, as revised on 2024-12-06",
)
#: The second revision (国务院令第804号, in force 2025-05-10): registration at any office
#: (art. 7, "全国通办"), four grounds of refusal (art. 9).  Text read in a copy of the
#: 国家法律法规数据库 text (Theonefkguy/Chinese-Laws ``婚姻登记条例(2025-04-06).md``).
MARRIAGE_REGULATION_2025 = Document(
    "婚姻登记条例", "国务院令第804号", en="Regulation on Marriage Registration (2025)"
)

# -- family.adoption (收养登记) -----------------------------------------------------------------
# 《中国公民收养子女登记办法》 (国务院批准, 民政部令第14号, 1999), as revised on 2019-03-02 and on
# 2023-07-20 (《国务院关于修改和废止部分行政法规的决定》).  The dates are the texts' headers;
# that each revision took effect on that day (the State Council decisions' "自公布之日起施行") is
# recalled, not read.  Both texts were read in LawRefBook/Laws; they differ in their article
# numbers (the 2023 text inserts a new 第三条) and in the documents required (the 2019 text asks
# birth parents for a family-planning agreement and some adopters for a 无子女 certificate).

#: The registration measures as revised on 2019-03-02 (in force until 2023-07-19).
ADOPTION_REGISTRATION_MEASURES_2019 = Document(
    "中国公民收养子女登记办法",
    "民政部令第14号, 2019年3月2日修订",
    en="Measures for the Registration of Adoption by Chinese Citizens (2019 revision)",
)
#: The registration measures as revised on 2023-07-20 (in force from that day).
ADOPTION_REGISTRATION_MEASURES_2023 = Document(
    "中国公民收养子女登记办法",
    "民政部令第14号, 2023年7月20日修订",
    en="Measures for the Registration of Adoption by Chinese Citizens (2023 revision)",
)
