"""Masking of personal data (names and resident ID numbers).

Names and resident identity numbers are personal data.  Every ``repr``, ``str``,
log line, error message and decision explanation in civaffairs shows only the
masked forms produced here.  The full value is available only through an
explicit call (``ResidentId.reveal()``, or the unmasked JSON of the input
itself, which the caller already holds).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import unicodedata

__all__ = ["mask_identifier", "mask_name", "printable"]

#: Unicode categories shown as escapes: controls, format characters (bidi overrides),
#: lone surrogates, private use, unassigned, and line/paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def mask_name(name: str) -> str:
    """Mask a personal name, keeping only its first character: ``张三丰`` → ``张**``.

    A one-character name is masked entirely (keeping its only character would
    show all of it):

    >>> mask_name("张三丰"), mask_name("琳")
    ('张**', '*')

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       One-character names are masked entirely.
    """
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def mask_identifier(text: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """Mask the middle of an identifier: ``421302199001011234`` → ``4213**********1234``.

    Short strings are masked entirely, so no more than a third of a value is shown.

    .. versionadded:: 0.1.0
    """
    if len(text) < 3 * (keep_start + keep_end) // 2:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]


def printable(text: str, *, keep: str = "") -> str:
    r"""Escape what a terminal would act on instead of showing: controls, bidi overrides, ....

    Every character of the Unicode categories Cc, Cf, Cs, Co, Cn, Zl and Zp
    (an ESC starting a terminal sequence, a right-to-left override, a lone
    surrogate, ...) is shown as a Python-style escape, so that an id or a
    value echoed in a message or a decision's text cannot rewrite the screen
    or fail to encode.  Characters in ``keep`` (say ``"\n"``) stay as they are.

    >>> printable("WL\x1b[2J-1")
    'WL\\x1b[2J-1'

    .. versionadded:: 0.1.0
    """
    if text.isprintable() and not keep:
        return text
    return "".join(
        char
        if char in keep or unicodedata.category(char) not in _HIDDEN_CATEGORIES
        else _escape(ord(char))
        for char in text
    )


def _escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
