"""A desk phone on screen: ``Handset(phone)`` draws an :class:`ipo_core.Phone` and drives it.

The face is drawn after the handset model: the display at the model's width in
an LCD panel, the softkeys under it, Menu, Exit and the arrow keys where the
model has them (with the labels printed on them), the dial pad, the
programmable buttons with the labels of the user logged on, the hook and an
Answer key.  Every click is one call into ``ipo_core`` followed by one
``_render`` that writes every child from ``phone.screen``; the widget keeps no
domain state (STYLE 12-13).  After every key the status line under the phone says
what the model did (:meth:`ipo_core.Display.explain`).  The tones the phone plays are
heard through :mod:`widgets.tones` once the speaker is switched on.

The phone can be used without a mouse: Tab reaches the phone and then its keys in
the order they sit (softkeys, Menu row, dial pad row by row, programmable buttons,
speaker, hook, Answer), each with a visible focus ring; while the phone or one of its
keys has the focus, the computer keyboard's digits, ``*`` and ``#`` press those keys,
the arrows Left and Right, Escape Exit, and Enter what :meth:`ipo_core.Phone.key_for`
says (the softkey that confirms a prompt).  Stock ipywidgets have no key events, so a
small anywidget (``_Keyboard``) listens for them in the page and sends each key's name.

>>> import ipo_core as ipo
>>> phone = ipo.System(ipo.load_site("tech_tip_014")).phone("3000")
>>> handset = Handset(phone)
>>> for key in "*35*3000*1234#":
...     handset.keypad[key].click()
>>> handset.text
('Agent3000           3000', 'Logged on               ')
>>> handset.hook.description
'Hang up'
>>> handset.status.text
'Logged on as Agent3000 at 3000.'
>>> handset.line_keys[0].click()  # button 1: ExtnLogout
>>> handset.text[1].strip()
'Logged off'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

import anywidget
import ipywidgets as w
import traitlets

import ipo_core as ipo
from ipo_core.site.handsets import DIAL_KEYS, MENU_KEYS
from widgets.base import View, guarded
from widgets.tones import tone_wav

__all__ = ["Handset"]

_LINE = re.compile(r'<div class="ipo-lcd-line">(.*?)</div>')
_BUTTONS_PER_COLUMN = 12  # a 24-button phone has two columns of paper strips

# Scoped by .ipo-handset; the phone body carries its own colours, so it reads the same in
# JupyterLab's light and dark themes, and only the note and the status line follow the theme.
_CSS = """
<style>
.ipo-handset { gap: 6px; flex: 0 0 auto; width: min-content; }  /* the phone's width */
.ipo-handset, .ipo-handset .widget-box { overflow: visible; }  /* shadows and glows */
.ipo-handset .ipo-body {
  background: linear-gradient(175deg, #55595f 0%, #35383c 45%, #2a2c2f 100%);
  border: 1px solid #17181a; border-radius: 26px 26px 34px 34px;
  padding: 12px 18px 20px 18px; margin: 2px 10px 14px 2px; width: max-content; gap: 10px;
  box-shadow: 0 8px 22px rgba(0, 0, 0, 0.35), 0 0 0 1px rgba(255, 255, 255, 0.07),
    inset 0 1px 0 rgba(255, 255, 255, 0.18);
}
.ipo-handset .ipo-top { align-items: center; gap: 10px; }
.ipo-handset .ipo-main { gap: 18px; align-items: flex-start; }
.ipo-handset .ipo-left { gap: 8px; align-items: stretch; }
.ipo-handset .widget-html, .ipo-handset .widget-html-content { width: auto; height: auto; }
.ipo-handset .ipo-brand-text {
  color: #d4d7dc; font: 600 11px/1.2 "Helvetica Neue", Arial, sans-serif;
  letter-spacing: 0.22em; text-transform: uppercase;
}
.ipo-handset .ipo-brand-text b { color: #fff; letter-spacing: 0.1em; }
.ipo-handset .ipo-lamp {
  display: inline-block; width: 12px; height: 12px; border-radius: 50%;
  background: #4a1d1d; box-shadow: inset 0 1px 2px rgba(0, 0, 0, 0.6); vertical-align: middle;
}
.ipo-handset .ipo-lamp.ipo-lit {
  background: #ff453a; box-shadow: 0 0 10px 2px rgba(255, 69, 58, 0.8);
  animation: ipo-blink 0.9s steps(2, jump-none) infinite;
}
.ipo-handset .ipo-lamp-text { color: #ffb4ae; font: 600 11px/1 Arial, sans-serif; margin-left: 6px; }
@keyframes ipo-blink { 50% { opacity: 0.25; } }
.ipo-handset .ipo-bezel {
  display: flex; justify-content: center; padding: 6px; border-radius: 8px;
  background: linear-gradient(#101113, #1e2023); box-shadow: 0 0 0 1px #6b6f75;
}
.ipo-handset .ipo-lcd {
  font-family: "DejaVu Sans Mono", "Menlo", "Consolas", monospace; font-size: 16px;
  line-height: 1.45; white-space: pre; color: #1b2a0e; padding: 6px 10px; border-radius: 4px;
  background: radial-gradient(ellipse at 50% 40%, #d6e8ae 0%, #b7cf86 70%, #a4bd72 100%);
  box-shadow: inset 0 0 12px rgba(35, 60, 5, 0.45); flex: 1 1 auto; max-width: max-content;
}
.ipo-handset .ipo-lcd.ipo-dark { background: #3a4034; color: transparent; box-shadow: none; }
.ipo-handset .ipo-row { gap: 6px; }
.ipo-handset .ipo-softkeys { margin-top: -2px; }
.ipo-handset .jupyter-button.ipo-key {
  border: none; color: #1d1e20; margin: 0; padding: 0 6px; height: 30px;
  font: 600 13px/1 "Helvetica Neue", Arial, sans-serif;
  background: linear-gradient(#f7f7f5, #d3d5d1);
  box-shadow: 0 2px 0 #111214, 0 3px 4px rgba(0, 0, 0, 0.4), inset 0 1px 0 #fff;
}
.ipo-handset .jupyter-button.ipo-key:active,
.ipo-handset .jupyter-button.ipo-key.mod-active {
  transform: translateY(1px); box-shadow: 0 1px 0 #111214, inset 0 1px 2px rgba(0, 0, 0, 0.3);
}
/* Keys of a row share it equally, but none is narrower than its label: a label the browser
   cut ("Previ...") would not be what is printed on the phone. */
.ipo-handset .jupyter-button.ipo-softkey {
  flex: 1 1 0; min-width: max-content; width: auto; height: 20px;
  border-radius: 3px 3px 8px 8px; font-size: 11px;
  background: linear-gradient(#8b9096, #62666c); color: #f1f3e8;
}
.ipo-handset .jupyter-button.ipo-nav {
  flex: 1 1 0; min-width: max-content; width: auto; height: 26px;
  border-radius: 13px; font-size: 11px;
  background: linear-gradient(#6e7379, #484b50); color: #f0f1f3;
}
.ipo-handset .ipo-keypad { grid-template-columns: repeat(3, 54px); gap: 9px 12px; }
.ipo-handset .jupyter-button.ipo-dial {
  width: 54px; height: 36px; border-radius: 16px / 14px; font-size: 17px;
}
.ipo-handset .ipo-controls { gap: 9px; }
.ipo-handset .ipo-right { gap: 16px; }
.ipo-handset .jupyter-button.ipo-hook {
  width: 110px; height: 40px; border-radius: 20px 20px 8px 8px; font-size: 13px;
  background: linear-gradient(#3b3e42, #1b1c1f); color: #e9eaec;
  box-shadow: 0 2px 0 #000, inset 0 1px 0 rgba(255, 255, 255, 0.2);
}
.ipo-handset .jupyter-button.ipo-hook.ipo-off-hook {
  background: linear-gradient(#ffcf6e, #e2a233); color: #2a1b00;
}
.ipo-handset .jupyter-button.ipo-answer {
  width: 110px; background: linear-gradient(#74d37a, #2f9a3a); color: #06200a;
}
.ipo-handset .jupyter-button.ipo-answer.ipo-ringing {
  animation: ipo-pulse 0.9s ease-in-out infinite; box-shadow: 0 0 12px 3px rgba(116, 211, 122, 0.75);
}
@keyframes ipo-pulse { 50% { filter: brightness(1.25); } }
.ipo-handset .jupyter-button.ipo-answer:disabled {
  background: linear-gradient(#6a6e73, #54575c); color: #9a9da1; opacity: 1;
}
.ipo-handset .jupyter-button.ipo-speaker {
  width: 110px; height: 26px; border-radius: 13px; font-size: 11px;
  background: linear-gradient(#6e7379, #484b50); color: #f0f1f3;
}
.ipo-handset .jupyter-button.ipo-speaker.mod-active {
  background: linear-gradient(#bfe7a0, #86c25c); color: #12230a;
}
.ipo-handset .ipo-lines { gap: 10px; }
.ipo-handset .ipo-line-column { gap: 6px; }
.ipo-handset .jupyter-button.ipo-line {
  width: 118px; height: 24px; border-radius: 3px; padding: 0 6px 0 8px; text-align: left;
  font: 12px/1 "DejaVu Sans Mono", "Menlo", "Consolas", monospace; color: #202124;
  background: #f6f2e4; border-left: 16px solid #8e9399;
  box-shadow: 0 1px 0 #111214, inset 0 -1px 0 #d8d2bd;
}
.ipo-handset .jupyter-button.ipo-key:focus-visible,
.ipo-handset .jupyter-button.ipo-key:focus:enabled:focus-visible {
  outline: 3px solid #4da3ff; outline-offset: 2px; z-index: 1;  /* where the keyboard is */
}
.ipo-handset:focus-visible { outline: 3px solid #4da3ff; outline-offset: 2px; border-radius: 28px; }
.ipo-handset .ipo-keyboard { display: none; }
.ipo-handset .ipo-note-text {
  color: var(--jp-ui-font-color2, #666); font-size: 12px; font-style: italic;
  white-space: normal; line-height: 1.4; padding: 0 8px;
}
.ipo-handset .ipo-status.ipo-error { color: var(--jp-error-color1, #c62828); }
.ipo-handset .ipo-status.ipo-ok { color: var(--jp-ui-font-color1, #333); }
</style>
"""


#: Sends the name of each key typed while the phone (or one of its keys) has the focus.  The
#: phone itself is made focusable (tabindex 0) so that Tab reaches it before its first key.
#: Enter and Space on a focused key are that key's own click; modifiers are the browser's.
_KEYBOARD_ESM = """
const TYPED = /^([0-9*#]|Enter|Escape|ArrowLeft|ArrowRight)$/;
function render({ model, el }) {
  const phone = () => el.closest(".ipo-handset");
  const onKey = (event) => {
    const here = phone();
    if (!here || !here.contains(event.target) || !TYPED.test(event.key)) return;
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "Enter" && event.target !== here && event.target.closest("button")) return;
    event.preventDefault();
    model.send({ key: event.key });
  };
  document.addEventListener("keydown", onKey);
  let tries = 0;
  const focusable = () => {
    const here = phone();
    if (here) {
      here.tabIndex = 0;
      here.setAttribute("data-lm-suppress-shortcuts", "true");  // JupyterLab's 1, Enter, Esc
      here.setAttribute("role", "group");
      here.setAttribute("aria-label", model.get("label"));
      here.title = model.get("label");
    }
    else if (tries++ < 600) requestAnimationFrame(focusable);  // not in the page yet
  };
  focusable();
  return () => document.removeEventListener("keydown", onKey);
}
export default { render };
"""


class _Keyboard(anywidget.AnyWidget):
    """The computer keyboard while the phone has the focus: sends ``{"key": name}`` per key."""

    _esm = traitlets.Unicode(_KEYBOARD_ESM).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    """The phone's name for a screen reader (a Box's own tooltip breaks its view in Voila 0.5)."""


#: A keyboard key by what is printed on it, for the trainee (the page sends the DOM's names).
_TYPED_NAMES = {"ArrowLeft": "The left arrow", "ArrowRight": "The right arrow", "Escape": "Esc"}

#: What the system logs that changes a phone without a click on it.
_WATCHED = (
    ipo.EventKind.CALL_OFFERED,
    ipo.EventKind.CALL_NOT_ANSWERED,
    ipo.EventKind.CALL_ANSWERED,
    ipo.EventKind.CALL_ENDED,
    ipo.EventKind.LOGON,
    ipo.EventKind.LOGOFF,
    ipo.EventKind.LOGOFF_PENDING,
)


class Handset(View):
    """A desk phone drawn after its handset model; each click is one call into the ``phone``."""

    def __init__(self, phone: ipo.Phone, **kwargs: object) -> None:
        self.phone = phone
        """The phone this view draws and drives."""
        self.display = w.HTML()
        """The LCD: the display lines padded to the model's width."""
        self.note = w.HTML()
        """The kit's explanation of the display, shown under the phone (a real phone has none)."""
        self.lamp = w.HTML()
        """The ringer lamp: lit and flashing while a call rings."""
        self.hook = w.Button(tooltip="Lift the handset or hang it up")
        """Lift the handset, or hang it up while it is lifted."""
        self.answer = w.Button(description="Answer", tooltip="Answer the ringing call")
        """Answer the call ringing here (only enabled while one rings)."""
        self.speaker = w.ToggleButton(value=False, tooltip="Hear the phone's tones")
        """Off by default; on, the phone's current tone plays."""
        self.audio = w.Audio(value=b"", format="wav", autoplay=True, loop=False, controls=False)
        """The tone of the display as a WAV clip, while the speaker is on; empty otherwise."""
        self.softkeys: tuple[w.Button, ...] = ()
        """The four softkeys under the display, left to right; () on a 4606 or 4406D+."""
        self.menu_keys: dict[str, w.Button] = {}
        """MENU, EXIT, LEFT and RIGHT where the model has them, with the labels printed on them."""
        self.keypad: dict[str, w.Button] = {}
        """The twelve dial-pad keys, '1' to '#'."""
        self.line_keys: tuple[w.Button, ...] = ()
        """Programmable buttons 1 to the model's count, with the labels of the user here."""
        self.brand = w.HTML()
        """The strip at the top: the maker and the model's name, as printed on the phone."""
        self.keyboard = _Keyboard()
        """Listens in the page for the computer keyboard's keys while the phone has the focus."""
        self._style = w.HTML(_CSS)
        self._face: ipo.HandsetModel | None = None  # the model the keys were built for
        self._shown: ipo.Display | None = None  # the display last drawn: a key's "before"
        super().__init__(**kwargs)
        self.add_class("ipo-handset")
        self.keyboard.add_class("ipo-keyboard")
        self.keyboard.label = (
            f"The phone at {phone.extension}: Tab to a key, or type digits, * and #"
        )
        self.keyboard.on_msg(self._on_keyboard_msg)
        for child, name in (
            (self.hook, "ipo-hook"),
            (self.answer, "ipo-answer"),
            (self.speaker, "ipo-speaker"),
        ):
            child.add_class("ipo-key")
            child.add_class(name)
        self.hook.on_click(self._on_hook_click)
        self.answer.on_click(self._on_answer_click)
        self.speaker.observe(self._on_speaker_value, "value")
        # The system changes this phone without a click too (a call rings, moves on, or a
        # colleague's logon displaces the user): its log says when, so the view follows.
        system = getattr(phone, "system", None)
        self._unwatch = (
            [system.watch(kind, self._on_system_event) for kind in _WATCHED]
            if isinstance(system, ipo.System)
            else []
        )
        self._render()

    @property
    def text(self) -> tuple[str, ...]:
        """The LCD as drawn, one string a line (for tests and screen readers)."""
        return tuple(html.unescape(line) for line in _LINE.findall(self.display.value))

    def _describe(self) -> str:
        return f"station {self.phone.extension}, a {self.phone.model}"

    def refresh(self) -> None:
        """Draw the phone again from the model (the view also follows the system's log).

        When the phone changed without a key here (the dial delay ran out, a call rang), the
        status line's sentence about the last key is out of date, so it goes; the phone's own
        note, drawn from the model, says what happened.
        """
        if not self.phone.is_retired and self.phone.screen != self._shown:
            self.status.clear()
        self._render()

    def close(self) -> None:
        """Stop following the system's log, then close the widget."""
        for unwatch in self._unwatch:
            unwatch()
        self._unwatch = []
        super().close()

    def _on_system_event(self, event: ipo.Event) -> None:
        if event.station == self.phone.extension and not self.phone.is_retired:
            self.refresh()

    # --- handlers: one call into the core each, then _render (by guarded) ----------------------
    # The status line then says what the key did (Display.explain, from the display the
    # trainee saw before the key and the one the core returned), or what the core refused.
    # A key that did nothing also says why in the phone's own note, which _render draws.

    @guarded
    def _on_keypad_click(self, button: w.Button) -> None:
        key = _key_of(self.keypad, button)
        self._say(key, self._shown, self.phone.press(key))

    @guarded
    def _on_softkeys_click(self, button: w.Button) -> None:
        # By position: a softkey whose label is blank is a real key that does nothing now.
        position = self.softkeys.index(button) + 1
        self._say(
            button.description or f"Softkey {position}",
            self._shown,
            self.phone.press(f"SOFTKEY{position}"),
        )

    @guarded
    def _on_menu_keys_click(self, button: w.Button) -> None:
        # Named as printed on the phone ('Previous'), or as the key is ('Left') under an arrow.
        what = button.description if button.description.isalpha() else button.tooltip
        self._say(what, self._shown, self.phone.press(_key_of(self.menu_keys, button)))

    @guarded
    def _on_line_keys_click(self, button: w.Button) -> None:
        position = self.line_keys.index(button) + 1
        self._say(
            button.description or f"Button {position}",
            self._shown,
            self.phone.press_button(position),
        )

    @guarded
    def _on_hook_click(self, _: w.Button) -> None:
        what = self.hook.description
        self._say(
            what, self._shown, self.phone.hang_up() if self.phone.is_off_hook else self.phone.lift()
        )

    @guarded
    def _on_answer_click(self, _: w.Button) -> None:
        self._say("Answer", self._shown, self.phone.answer())

    def _on_keyboard_msg(self, _: object, content: object, buffers: object = None) -> None:
        # A typed key clicks the drawn key it stands for, so it runs that key's own handler.
        name = content.get("key") if isinstance(content, dict) else None
        if not isinstance(name, str):
            return
        key = name if name in self.keypad else None
        if key is None and not self.phone.is_retired:
            key = self.phone.key_for(name)
        button = self._button_for(key) if key else None
        if button is None:
            typed = _TYPED_NAMES.get(name, name)  # as printed on the keyboard, not the DOM's name
            self.status.show_ok(
                f"{typed} on the keyboard presses no key of the {self.phone.model} now."
            )
        else:
            button.click()

    def _button_for(self, key: str) -> w.Button | None:
        if key.startswith("SOFTKEY"):
            position = int(key.removeprefix("SOFTKEY"))
            return self.softkeys[position - 1] if position <= len(self.softkeys) else None
        return self.keypad.get(key) or self.menu_keys.get(key)

    def _say(self, what: str, before: ipo.Display | None, after: ipo.Display) -> None:
        # ``before`` is read before the call into the core (the arguments' order): the call
        # may have redrawn the phone already, through the system's log (a call ending).
        self.status.show_ok(after.explain(what, before or after))

    def _on_speaker_value(self, _: object) -> None:
        self._render()  # the speaker is the trainee's, not the phone's: nothing to ask the core

    # --- drawing ------------------------------------------------------------------------------

    def _render(self) -> None:
        """Write every child from the model (the keys themselves when Merge changed the model)."""
        handset = self.phone.handset
        if handset != self._face:
            self._build(handset)
        retired = self.phone.is_retired  # the station was removed at Merge: a dead phone
        screen = None if retired else self.phone.screen
        self._shown = screen
        buttons = (None,) * handset.button_count if retired else self.phone.buttons
        width = handset.display_width
        lines = list(screen.lines if screen else ())
        lines += [""] * (handset.display_lines - len(lines))
        self.display.value = (
            f'<div class="ipo-bezel"><div class="ipo-lcd{"" if screen else " ipo-dark"}">'
            + "".join(
                f'<div class="ipo-lcd-line">{html.escape(line.ljust(width))}</div>'
                for line in lines
            )
            + "</div></div>"
        )
        labels = screen.softkeys if screen else ("",) * len(self.softkeys)
        for position, (key, label) in enumerate(zip(self.softkeys, labels, strict=True), 1):
            _label(key, label, f"Softkey {position}: {label or 'no label now'}")
        for position, (key, button) in enumerate(zip(self.line_keys, buttons, strict=True), 1):
            # Masked (ipo_core.masking): a Dial button may carry a login code, a colleague's too.
            label = button.masked_label if button else ""
            action = button.masked_text() if button else "not programmed"
            _label(key, label, f"Button {position}: {action}")
        ringing = screen is not None and screen.tone is ipo.Tone.RINGING
        self.lamp.value = (
            f'<span class="ipo-lamp{" ipo-lit" if ringing else ""}" title="Ringer lamp"></span>'
            + ('<span class="ipo-lamp-text">Ringing</span>' if ringing else "")
        )
        off_hook = screen is not None and screen.off_hook
        self.hook.description = "Hang up" if off_hook else "Lift handset"
        _set_class(self.hook, "ipo-off-hook", off_hook)
        self.answer.disabled = retired or not self.phone.can_answer
        _set_class(self.answer, "ipo-ringing", ringing)
        note = screen.note if screen else _retired_note(self.phone.extension)
        self.note.value = f'<div class="ipo-note-text">{html.escape(note)}</div>' if note else ""
        speaker_on = self.speaker.value
        self.speaker.description = "Speaker on" if speaker_on else "Speaker off"
        self.speaker.icon = "volume-up" if speaker_on else "volume-off"
        tone = screen.tone if screen and speaker_on else None
        wav = tone_wav(tone) if tone else b""
        if wav and self.audio.value == wav:
            self.audio.value = b""  # the same tone again: a new value makes the browser replay it
        self.audio.value = wav

    def _build(self, handset: ipo.HandsetModel) -> None:
        """Make the keys of ``handset`` (once, and again if Merge puts another model here)."""
        for old in (*self.softkeys, *self.menu_keys.values(), *self.keypad.values()):
            old.close()
        for old in self.line_keys:
            old.close()
        self._face = handset
        self.softkeys = tuple(
            _key(f"Softkey {i}", "ipo-softkey", self._on_softkeys_click)
            for i in range(1, handset.softkey_count + 1)
        )
        self.menu_keys = {
            key: _key(handset.key_label(key), "ipo-nav", self._on_menu_keys_click, key.title())
            for key in MENU_KEYS
            if handset.has_key(key)
        }
        self.keypad = {
            key: _key(key, "ipo-dial", self._on_keypad_click, f"Key {key}") for key in DIAL_KEYS
        }
        self.line_keys = tuple(
            _key("", "ipo-line", self._on_line_keys_click) for _ in range(handset.button_count)
        )
        self.brand.value = (
            f'<span class="ipo-brand-text">Avaya&nbsp;&nbsp;<b>{html.escape(handset.name)}</b>'
            "</span>"
        )
        top = _box(w.HBox, "ipo-top", [self.brand, self.lamp, self.audio])
        left = [self.display]
        if self.softkeys:
            left.append(_box(w.HBox, "ipo-row ipo-softkeys", self.softkeys))
        if self.menu_keys:
            left.append(_box(w.HBox, "ipo-row", self.menu_keys.values()))
        # The page's order is the Tab order: display and softkeys, the Menu row, the dial pad
        # row by row (a grid of three), then the paper strips and, under them, the hook.
        keypad = w.GridBox(list(self.keypad.values()))
        keypad.add_class("ipo-keypad")
        left.append(keypad)
        columns = max(1, -(-len(self.line_keys) // _BUTTONS_PER_COLUMN))
        size = max(1, -(-len(self.line_keys) // columns))
        strips = [
            _box(w.VBox, "ipo-line-column", self.line_keys[i : i + size])
            for i in range(0, len(self.line_keys), size)
        ]
        controls = _box(w.VBox, "ipo-controls", [self.speaker, self.hook, self.answer])
        right = _box(w.VBox, "ipo-right", [_box(w.HBox, "ipo-lines", strips), controls])
        main = _box(w.HBox, "ipo-main", [_box(w.VBox, "ipo-left", left), right])
        body = _box(w.VBox, "ipo-body", [top, main])
        self.children = (self._style, body, self.note, self.status, self.keyboard)


def _retired_note(extension: str) -> str:
    return f"Merge removed station {extension}: this phone no longer reaches the system."


def _key(
    description: str, kind: str, handler: Callable[[w.Button], object], tooltip: str = ""
) -> w.Button:
    button = w.Button(description=description, tooltip=tooltip or description)
    button.add_class("ipo-key")
    button.add_class(kind)
    button.on_click(handler)
    return button


def _label(key: w.Button, label: str, tooltip: str) -> None:
    """Write a softkey's or a programmable button's label, blank ones too.

    ipywidgets' Button view redraws its text only when the description or the icon is not
    empty, so a label set to '' would stay on the key in the browser (Menu 3 of 3 showing
    Grp and Acct from page 2).  A blank key gets the icon ``fw``, Font Awesome's fixed
    width with no glyph: the view then empties the key, which keeps its size and its click.
    """
    with key.hold_sync():
        key.description = label
        key.icon = "" if label else "fw"
        key.tooltip = tooltip
    _set_class(key, "ipo-blank", not label)


def _box(cls: type[w.Box], classes: str, children: Iterable[w.Widget]) -> w.Box:
    box = cls(list(children))
    for name in classes.split():
        box.add_class(name)
    return box


def _key_of(keys: dict[str, w.Button], button: w.Button) -> str:
    return next(name for name, key in keys.items() if key is button)


def _set_class(widget: w.DOMWidget, name: str, on: bool) -> None:
    if on:
        widget.add_class(name)
    else:
        widget.remove_class(name)
