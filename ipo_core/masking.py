"""Login codes stay in the kernel: the masked forms of what may carry one.

A login code is what makes an agent an agent: whoever knows it logs on as them,
and CCC credits that agent with every call and minute.  The model needs the
real digits (a phone compares them, a site file saves them), but nothing that
leaves it does: an attempt's steps and hints, the event log, reprs, error
messages, the audit's findings and Manager's widgets show :data:`CODE_MASK`
in place of each digit of a code.  This is the kit's own choice
(``docs/behaviour.md``), not the tech tip's.

>>> mask_code("1234")
'••••'
>>> mask_dialled("*35*3000*1234#"), mask_dialled("*35*1234#"), mask_dialled("*36")
('*35*3000*••••#', '*35*••••#', '*36')
>>> mask_number("3000*1234", login=True), mask_number("1234", login=True)
('3000*••••', '••••')
>>> mask_text("You dialled *35*3000*12, but the code is 1234.", codes=["1234"])
'You dialled *35*3000*••, but the code is ••••.'

Digits dialled after ``*35*`` with no second ``*`` yet may be an extension or a
code alone (at the user's own phone), so they are masked until a ``*`` says
which: a mask too many is safe, a digit too few is not.  Short codes and
buttons give their own masked text (``ShortCode.masked_text()``,
``Button.masked_text()``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "CODE_MASK",
    "LOGIN_PREFIXES",
    "mask_code",
    "mask_dialled",
    "mask_number",
    "mask_text",
]

#: What stands for each digit of a login code wherever one would leave the model.
CODE_MASK = "•"
#: What is dialled before ``Extn*Code`` (or a code alone) in the default ExtnLogin
#: short code ``*35*N#`` (reference section 2).
LOGIN_PREFIXES = ("*35*",)

_DIGIT = re.compile(r"[0-9]")


def mask_code(code: str) -> str:
    """``code`` with every character masked: ``'1234'`` -> ``'••••'`` (the length is kept)."""
    return CODE_MASK * len(code)


def mask_digits(text: str) -> str:
    """``text`` with every digit masked, for text that may hold a code anywhere.

    >>> mask_digits("#3000/3000*1234/ExtnLogin/0")
    '#••••/••••*••••/ExtnLogin/•'
    """
    return _DIGIT.sub(CODE_MASK, text)


def mask_dialled(digits: str, prefixes: Iterable[str] = LOGIN_PREFIXES) -> str:
    """``digits`` as dialled, with the login code of an ExtnLogin dial masked.

    ``*35*3000*1234#`` becomes ``*35*3000*••••#`` and ``*35*1234#`` becomes
    ``*35*••••#``; ``prefixes`` are what ExtnLogin short codes with ``N`` dial
    before it (default the system's ``*35*``).  Anything else is returned as it is.
    """
    for prefix in sorted(prefixes, key=len, reverse=True):
        if prefix and digits.startswith(prefix) and len(digits) > len(prefix):
            body, hash_, tail = digits[len(prefix) :].partition("#")
            return f"{prefix}{mask_number(body, login=True)}{hash_}{mask_digits(tail)}"
    return digits


def mask_number(number: str, *, login: bool) -> str:
    """A Telephone Number with its login code masked.

    ``login``: the number is an ExtnLogin's ``Extn*Code`` or code alone
    (``3000*1234`` -> ``3000*••••``); otherwise it is a number that is dialled
    (a Dial's ``*35*3000*1234#``), masked as :func:`mask_dialled` does.
    """
    if not login:
        return mask_dialled(number)
    extension, star, code = number.partition("*")
    return f"{extension}*{mask_digits(code)}" if star else mask_digits(number)


def mask_text(
    text: str, codes: Iterable[str] = (), prefixes: Iterable[str] = LOGIN_PREFIXES
) -> str:
    """Free text (a hint, a note) with every ExtnLogin dial in it and each of ``codes`` masked.

    A dial is masked as :func:`mask_dialled` does; a code only where it stands as a
    number of its own (``1234`` in ``'code 1234.'``, not in ``'12345'``).
    """
    prefixes = tuple(p for p in prefixes if p)
    for prefix in prefixes:
        text = re.sub(re.escape(prefix) + r"[0-9*#]*", lambda m: mask_dialled(m[0], prefixes), text)
    for code in sorted({c for c in codes if c}, key=len, reverse=True):
        text = re.sub(rf"(?<![0-9]){re.escape(code)}(?![0-9])", mask_code(code), text)
    return text
