"""Masking of personal data (names and resident ID numbers).

Names and resident identity numbers are personal data.  Every ``repr``, ``str``,
log line, error message and decision explanation in civaffairs shows only the
masked forms produced here.  The full value is available only through an
explicit call (``ResidentId.reveal()``, or the unmasked JSON of the input
itself, which the caller already holds).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__all__ = ["mask_identifier", "mask_name"]


def mask_name(name: str) -> str:
    """Mask a personal name, keeping only its first character: ``张三丰`` → ``张**``.

    >>> mask_name("张三丰")
    '张**'

    .. versionadded:: 0.1.0
    """
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


def mask_identifier(text: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """Mask the middle of an identifier: ``421302199001011234`` → ``4213**********1234``.

    Short strings are masked entirely, so no more than a third of a value is shown.

    .. versionadded:: 0.1.0
    """
    if len(text) < 3 * (keep_start + keep_end) // 2:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]
