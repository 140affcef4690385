"""Handset models: what each desk phone of the tech tip has on its face.

The tech tip covers the 44xx, 46xx and 64xx series.  What matters to a logon
agent is the display (two lines, 16 or 24 characters), the four softkeys under
it, the Menu / Exit / arrow keys, and the programmable buttons (reference
section 6).  The 4406D+ and 4606 have no softkeys and no Menu keys, so the
Menu method of the tip is not available on them.

>>> handset_model("4612").keys[-8:]
('MENU', 'EXIT', 'LEFT', 'RIGHT', 'SOFTKEY1', 'SOFTKEY2', 'SOFTKEY3', 'SOFTKEY4')
>>> handset_model("4606").has_menu_keys
False
>>> handset_model("6416").name
'6416D+'
"""

from __future__ import annotations

from dataclasses import dataclass

from ipo_core.errors import UnknownName

__all__ = ["DIAL_KEYS", "HANDSET_MODELS", "MENU_KEYS", "SOFTKEYS", "HandsetModel", "handset_model"]

#: The twelve keys of the dial pad.
DIAL_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
MENU_KEYS = ("MENU", "EXIT", "LEFT", "RIGHT")
SOFTKEYS = ("SOFTKEY1", "SOFTKEY2", "SOFTKEY3", "SOFTKEY4")


@dataclass(frozen=True)
class HandsetModel:
    """One handset model: its display, its keys and its programmable buttons."""

    name: str
    """The model as Manager and the phone's label name it: ``'4612'``, ``'6416D+'``."""
    series: str
    """``'44xx'``, ``'46xx'`` or ``'64xx'``."""
    display_width: int
    """Characters per display line."""
    display_lines: int
    """Lines on the display."""
    softkey_count: int
    """Softkeys under the display: 4, or 0 on the 4406D+ and 4606."""
    has_menu_keys: bool
    """Whether it has Menu, Exit and the two arrow keys."""
    button_count: int
    """Programmable (line/feature) buttons."""
    left_label: str = ""
    """What is printed on the left arrow key of this model (``'Previous'`` on a 4612)."""
    right_label: str = ""
    """What is printed on the right arrow key (``'Next'`` on a 4612)."""
    width_confirmed: bool = True
    """False where no source gives the display width and the kit chose one."""
    shows_not_logged_on: bool = False
    """True where a hot-desk-only station shows ``NOT LOGGED ON`` between logons.

    IP Office 3.0 Manager help, hotdesking.htm [A]: "When using 4412, 4424 or 6400 series
    display telephones, you can set the extension to have no extension number. It then
    displays NOT LOGGED ON between log on's."  The others (4406D+, 4606, 4612, 4624) show
    NoUser and the base extension, as a station whose user is logged off does: the source
    leaves them out.
    """

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key name ``Phone.press`` accepts on this model."""
        menu = MENU_KEYS if self.has_menu_keys else ()
        return DIAL_KEYS + menu + SOFTKEYS[: self.softkey_count]

    def has_key(self, key: str) -> bool:
        """True when this model has the key called ``key``."""
        return key in self.keys

    def key_label(self, key: str) -> str:
        """What is printed on ``key`` on this model: ``'Next'`` for RIGHT on a 4612."""
        printed = {
            "MENU": "Menu",
            "EXIT": "Exit",
            "LEFT": self.left_label,
            "RIGHT": self.right_label,
        }
        return printed.get(key, key)

    def key_name(self, key: str) -> str:
        """``key`` in a trainee's words, as this model prints it.

        The tip's arrows are named by their side and by what is printed on them, where a
        word is (the 46xx and 64xx print Next and Previous or Prev; the 44xx arrows)::

            >>> handset_model("4612").key_name("RIGHT")
            'the Right arrow (marked Next)'
            >>> handset_model("6416D+").key_name("LEFT")
            'the Left arrow (marked Prev)'
            >>> handset_model("4412D+").key_name("RIGHT"), handset_model("4612").key_name("MENU")
            ('the Right arrow', 'Menu')
        """
        if key not in ("LEFT", "RIGHT"):
            return self.key_label(key)
        label, side = self.key_label(key), key.capitalize()
        return f"the {side} arrow (marked {label})" if label.isalpha() else f"the {side} arrow"

    def __str__(self) -> str:
        return self.name


def _model(name: str, width: int, softkeys: bool, buttons: int, **kw: object) -> HandsetModel:
    series = name[:2] + "xx"
    arrows = {
        "44xx": ("\u25c4", "\u25ba"),  # printed arrows
        "46xx": ("Previous", "Next"),
        "64xx": ("Prev", "Next"),
    }[series]
    left, right = arrows if softkeys else ("", "")
    return HandsetModel(
        name,
        series,
        width,
        2,
        4 if softkeys else 0,
        softkeys,
        buttons,
        left,
        right,
        **kw,  # type: ignore[arg-type]
    )


#: Every model the kit draws, by name (reference section 6).
HANDSET_MODELS: dict[str, HandsetModel] = {
    m.name: m
    for m in (
        _model("4406D+", 16, False, 6, width_confirmed=False),
        _model("4412D+", 24, True, 12, shows_not_logged_on=True),
        _model("4424D+", 24, True, 24, shows_not_logged_on=True),
        _model("4606", 16, False, 6),
        _model("4612", 24, True, 12),
        _model("4624", 24, True, 24),
        _model("6408D+", 24, True, 8, shows_not_logged_on=True),
        _model("6416D+", 24, True, 16, shows_not_logged_on=True),
        _model("6424D+", 24, True, 24, shows_not_logged_on=True),
    )
}


#: Each model under every name it is found by: its own, upper-cased, and without its D+.
_BY_NAME: dict[str, HandsetModel] = {
    spelt: model
    for model in HANDSET_MODELS.values()
    for spelt in (model.name.upper(), model.name.upper().removesuffix("D+"))
}


def handset_model(name: object) -> HandsetModel:
    """The model called ``name``; ``'4412'`` finds the 4412D+ and ``'6416d+'`` the 6416D+."""
    if isinstance(name, HandsetModel):
        return name
    if isinstance(name, str):
        model = HANDSET_MODELS.get(name) or _BY_NAME.get(name.strip().upper())
        if model is not None:
            return model
    raise UnknownName("handset model", name, HANDSET_MODELS)
