"""Quoting a value in a message: ``repr`` cut to a length a status line can show.

Every message of the kit quotes the value it refuses (``errors``), but a value may be a
10 MB string or a number of thousands of digits; a message quotes at most about
:data:`LIMIT` characters of it, keeping its start and end and saying how much was left out.

>>> print(quote("3000"))
'3000'
>>> print(quote("9" * 5000))
'9999999999999999999999999999999999999999999999 … (4,916 characters left out) … 99999999999999999999999999999999999999'
>>> len(quote(10**5000)) <= LIMIT + 40
True
"""

from __future__ import annotations

__all__ = ["LIMIT", "cut", "quote"]

LIMIT = 100
"""About how many characters of a value a message quotes."""


def quote(value: object, limit: int = LIMIT) -> str:
    """``repr(value)``, cut in the middle when it is longer than ``limit`` characters.

    Safe on any value: an ``int`` too long for ``repr`` (Python refuses above 4,300 digits) is
    described by its digit count, and a ``repr`` that raises is replaced by the type's name.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 14_000:
        return f"<an integer of about {int(value.bit_length() * 0.30103):,} digits>"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a quote must never fail: say what it is instead
        return f"<a {type(value).__name__}>"
    return cut(text, limit)


def cut(text: str, limit: int = LIMIT) -> str:
    """``text`` itself, or cut in the middle to about ``limit`` characters, saying how much
    was left out: for a message that shows text as it is (a dialled action, a TOML error).

    >>> print(cut("wait " + "9" * 200, 60))
    wait 9999999999999999999999 … (159 characters left out) … 9999999999999999999
    """
    if len(text) <= limit:
        return text
    head = limit // 2 - 3
    tail = max(limit - head - 14, 10)
    left_out = len(text) - head - tail
    return f"{text[:head]} … ({left_out:,} characters left out) … {text[-tail:]}"
