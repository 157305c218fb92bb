"""The documents family registration rules cite, declared once.

The Civil Code is the one the assistance rules cite too
(:data:`civaffairs.assistance.laws.CIVIL_CODE`); it is the same document,
re-exported here so that a family rule need not reach into another area.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from civaffairs.assistance.laws import CIVIL_CODE
from civaffairs.decisions import Document

__all__ = ["CIVIL_CODE"]

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

__all__ += ["ADOPTION_REGISTRATION_MEASURES_2019", "ADOPTION_REGISTRATION_MEASURES_2023"]
