"""What the registry and the record books list, as data: programmes and parameter values.

The command line (``civaffairs programmes``, ``civaffairs params``) and the HTTP
service (``GET /v1/programmes``, ``GET /v1/params/{jurisdiction}``) both show
these lists; this module builds them once, so the two faces cannot drift.

>>> rows = programmes()
>>> rows[0]["code"], rows[0]["zh"]
('assistance.dibao', '最低生活保障')
>>> import datetime as dt
>>> found = parameters("500156", on=dt.date(2025, 8, 1), match="dibao.standard.urban")
>>> found.place.code, sorted({v.name for v in found.values})
('500156', ['assistance.dibao.standard.urban'])

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from typing import Any

import attrs

from civaffairs import jurisdictions, registry
from civaffairs.decisions import Citation, reason_codes
from civaffairs.errors import InvalidInputError
from civaffairs.parameters import ParameterBook, ParameterValue, default_book

__all__ = ["Parameters", "citations", "cited", "matching", "parameters", "programmes"]


def citations(code: str) -> list[Citation]:
    """Return the citations of a programme's reason codes, in the order they are declared.

    .. versionadded:: 0.1.0
    """
    return [r.citation for name, r in reason_codes().items() if name.startswith(code + ".")]


def cited(code: str) -> dict[str, list[str]]:
    """Return the documents a programme cites, each with its articles (each named once).

    .. versionadded:: 0.1.0
    """
    found: dict[str, list[str]] = {}
    for citation in citations(code):
        articles = found.setdefault(Citation(citation.document).cite(), [])
        for article in (citation.article or "").split("、"):
            if article.strip() and article.strip() not in articles:
                articles.append(article.strip())
    return found


def programmes() -> list[dict[str, Any]]:
    """List the registry's programmes as JSON-ready rows, in registry order.

    Each row has ``code``, ``zh``, ``en``, ``module``, ``facts``, ``columnar`` (whether
    the columnar engine decides it) and ``cites`` (``[{"document", "articles"}]``).

    .. versionadded:: 0.1.0
    """
    return [
        {
            "code": entry.code,
            "zh": entry.zh,
            "en": entry.en,
            "module": entry.module,
            "facts": entry.facts,
            "columnar": entry.columnar is not None,
            "cites": [{"document": d, "articles": a} for d, a in cited(entry.code).items()],
        }
        for entry in registry.ENTRIES
    ]


def matching(names: list[str], pattern: str | None, *, path: str = "--match") -> list[str]:
    """Keep the names containing ``pattern`` (or matching it, if a glob); all for ``None``.

    A pattern that keeps nothing is bad input (an
    :class:`~civaffairs.errors.InvalidInputError` at ``path``), with the closest
    names suggested.

    .. versionadded:: 0.1.0
    """
    if pattern is None:
        return names
    if any(c in pattern for c in "*?["):
        kept = [n for n in names if fnmatch.fnmatchcase(n, pattern)]
    else:
        kept = [n for n in names if pattern in n]
    if not kept:
        # Suggest the dotted prefixes spelled alike: 'dibo' -> assistance.dibao.
        prefixes = {".".join(n.split(".")[:k]) for n in names for k in range(1, n.count(".") + 2)}
        by_last = {p.rsplit(".", 1)[-1]: p for p in sorted(prefixes, key=len, reverse=True)}
        close = [
            by_last.get(c, c)
            for c in difflib.get_close_matches(pattern, [*by_last, *prefixes], n=3, cutoff=0.6)
        ]
        close = list(dict.fromkeys(close))
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InvalidInputError(
            path, pattern, f"a part of a parameter name or a glob over them{hint}"
        )
    return kept


@attrs.frozen
class Parameters:
    """The parameter values shown for a place: in force on a date, or their whole history.

    ``names`` are the parameter names asked for (after ``match``); ``values`` the
    values found for them.

    .. versionadded:: 0.1.0
    """

    place: jurisdictions.Jurisdiction
    on: dt.date | None
    names: tuple[str, ...]
    values: tuple[ParameterValue, ...]


def parameters(
    jurisdiction: str,
    *,
    on: dt.date | None = None,
    match: str | None = None,
    book: ParameterBook | None = None,
    match_path: str = "--match",
) -> Parameters:
    """Return the values in force at a place on ``on`` (or, without it, their whole history).

    Without ``on``: every value of the place and of its parents (up to the national
    book), by name, place and start date.  ``jurisdiction`` is a GB/T 2260 code or a
    Chinese name (an unknown one raises
    :class:`~civaffairs.errors.UnknownJurisdictionError` with suggestions);
    ``match`` keeps names as :func:`matching` does.

    .. versionadded:: 0.1.0
    """
    book = book or default_book()
    place = jurisdictions.get(jurisdiction)
    names = matching(sorted(book.specs), match, path=match_path)
    if on is not None:
        kept = set(names)
        values = [v for v in book.in_force(place.code, on) if v.name in kept]
    else:
        codes = {j.code for j in jurisdictions.chain(place.code)} | {jurisdictions.NATIONAL}
        values = [v for name in names for code in sorted(codes) for v in book.series(name, code)]
        values.sort(key=lambda v: (v.name, v.jurisdiction, v.effective_from))
    return Parameters(place, on, tuple(names), tuple(values))
