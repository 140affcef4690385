"""Guided exercises: a checker that watches every action of a trainee at an exercise.

An exercise is a :class:`Procedure`: one of the tip's three logon or three logoff
methods, or one of its two Manager tasks, as numbered steps in the tip's own words
for one station, extension and login code.  A :class:`Checker` watches a trainee
carry it out on a running :class:`~ipo_core.switch.system.System`.  It is fed each
:class:`Action` as it happens, reads what the phone and the configuration show
afterwards, and answers a :class:`Verdict` whose hint names what happened and
what to do.  When the goal is reached (agent 3000 logged on at 3000, say) it hands
out an :class:`Attempt`, the flat record a lesson keeps.

>>> from ipo_core.site.examples import load_site
>>> from ipo_core.switch.system import System
>>> site = load_site("tech_tip_014")
>>> procedure = Procedure.for_site(Method.LOGON_MENU, site, station="3000")
>>> for number, step in enumerate(procedure.steps, 1):
...     print(number, step.text)
1 Press the Menu button twice.
2 Press the Right arrow once (marked Next on this phone).
3 Select Hdesk.
4 Select Logon.
5 Enter the extension number, 3000, at the prompt and press the Next softkey.
6 Enter the login code, 1234, at the prompt and press Done.
>>> system = System(site)
>>> procedure.prepare(system)                    # Agent3000 starts logged off
>>> checker = Checker(procedure, system)
>>> checker.perform(Action.key("MENU")).ok
True
>>> print(checker.perform(Action.key("RIGHT")).hint)
Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).
>>> for action in procedure.script[1:]:          # the rest of the tip's steps
...     verdict = checker.perform(action)
>>> checker.is_complete, checker.mistakes, system.location_of("3000")
(True, 1, '3000')
>>> attempt = checker.attempt(seconds=42.0)
>>> attempt.passed, attempt.mistakes, attempt.steps[:3]
(True, 1, ('key MENU', 'key RIGHT', 'key MENU'))
>>> attempt.steps[-5:]                           # the login code never leaves the checker
('key •', 'key •', 'key •', 'key •', 'softkey Done')
>>> attempt.hints
('Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).',)
>>> procedure.unavailable_on("4606")
'The 4606 has no Menu keys: use *35*Extn*Code# instead.'

Actions have a text form that parses back (``Action.parse(str(a)) == a``), so a
whole attempt can be written down and replayed.  Manager edits are ``config``
actions: ``config short code #3000/3000*1234/ExtnLogin/0``, ``config user 3000
force login on``, ``config user 3000 login code 1234``, ``config user 3000 button 3
ExtnLogout``, ``config hunt group Sales mode Linear`` and ``config merge``
(:meth:`Checker.perform` carries them out on Manager's draft).  The checker keeps
no wall clock: whoever times the attempt passes its ``seconds`` in.

Model time is an action too: ``wait 4`` lets 4 s pass (``System.advance``).  A
trainee who stops dialling ``*35*3000*1234`` without its ``#`` is told what is
missing as soon as the Dial Delay Time runs out (rule R7), not at the hang-up:
whoever moves the model's clock calls :meth:`Checker.check_time` afterwards, and
the checker records the wait when the phone changed meanwhile.

>>> star35 = Procedure.for_site(Method.LOGON_STAR_35, site, station="3000")
>>> system = System(site)
>>> star35.prepare(system)
>>> checker = Checker(star35, system)
>>> checker.perform(Action.dial("*35*3000*1234")).ok
True
>>> system.advance(4)
>>> print(checker.check_time().hint)
*35*3000*1234 needs # at the end: without it the phone waited the dial delay (4 s) and says Incompatible. Hang up and dial *35*3000*1234#.

Steps and hints name each key as the station's handset prints it: the tip's Right
arrow is printed Next on the 46xx and 64xx sets, whose Logon prompt also shows a
Next softkey, so there the steps say "the Right arrow once (marked Next on this
phone)" and "the Next softkey" (reference section 6).

A login code stays in the kernel (``ipo_core.masking``): the checker's
:attr:`~Checker.actions` hold what was really pressed, so an attempt can be
checked and replayed here, but an :class:`Attempt`, every hint and every
instruction show each digit of a code as a mask: a key typed at the login code
prompt is ``key •``, ``*35*3000*1234#`` is ``dial *35*3000*••••#`` (also typed
key by key, and also when the code is wrong: a near miss gives a code away), and
``config user 3000 login code 1234`` is ``config user 3000 login code ••••``.
Only the steps' own text quotes the code: a trainee must be told their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from ipo_core.masking import CODE_MASK, mask_code, mask_dialled, mask_text
from ipo_core.site.buttons import ButtonAction
from ipo_core.site.config import Config
from ipo_core.site.handsets import SOFTKEYS
from ipo_core.site.shortcodes import (
    DIAL_DELAY_TIME,
)
from ipo_core.switch.display import Display, PhoneState
from ipo_core.switch.events import EventKind
from ipo_core.switch.phone import KEY_EVENTS, MENU_STATES, TRANSITIONS, Phone
from ipo_core.switch.system import System
from ipo_core.training.actions import Action, Method
from ipo_core.training.exercises import (
    Attempt,
    Procedure,
    Verdict,
    arrow_name,
    menu_start,
    softkey_name,
)
from ipo_core.training.manager_edits import (
    BEFORE_MERGE,
    EDITS,
    apply_edit,
    config_edits,
    login_prefixes,
    login_short_codes,
    logout_buttons,
    masked_edits,
)

__all__ = ["Checker"]

_PROMPTS = (PhoneState.LOGON_EXTENSION, PhoneState.LOGON_CODE)
_OFF_HOOK = (PhoneState.DIALLING, PhoneState.RESULT)  # a feature dialled, the handset up
_TYPING = (*_OFF_HOOK, *_PROMPTS)  # states where what was typed still matters
_ON_HOOK = (PhoneState.IDLE, PhoneState.NOTICE)
# The on-hook states past the first Menu page: the other pages, Hdesk and the Logon prompt.
_PAST_THE_FIRST_PAGE = (*MENU_STATES[1:], *_PROMPTS)
_NOT_BY_DIALLING = "This exercise uses the Menu keys, not dialling: {next}."


# --- the checker -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Position:
    """Where the trainee stands: the step, the action it asks for, and what to do in words."""

    step: int
    expected: Action | None  # None: any Manager edit that fixes the step, or nothing left
    on_path: bool  # False when the trainee must first undo something (hang up, Bksp, Exit)
    next: str


# Mistakes at the Menu keys: (phone state before, action pattern, hint), first match wins.
# The pattern is matched against the action's text form; SOFTKEYn is read as its label.
# {right} and {left} are the arrows as the station's handset prints them ("the Right arrow
# (Next)" on a 4612), {Right} and {Left} the same at the start of a sentence, {start} how the
# Menu methods start, {next} what to do now.
_MENU_HINTS: tuple[tuple[tuple[PhoneState, ...], str, str], ...] = (
    (_ON_HOOK, "key [0-9*#]", _NOT_BY_DIALLING),
    (_ON_HOOK, "dial *", _NOT_BY_DIALLING),
    (_ON_HOOK, "lift", "The Menu keys need no handset: {next}."),
    (_ON_HOOK, "key *", "Start with Menu: {start}."),
    ((PhoneState.MENU_1,), "key EXIT", "Exit closed the menu: {start}."),
    (
        (PhoneState.MENU_1, *_PAST_THE_FIRST_PAGE),
        "lift",
        "Lifting the handset closed the menu: hang up, then press Menu twice.",
    ),
    ((PhoneState.MENU_1,), "*", "Menu was pressed once: press Menu a second time, then {right}."),
    (
        (PhoneState.MENU_2,),
        "key MENU",
        "Menu was pressed three times: the third press closes the menu. {Start}.",
    ),
    (
        (PhoneState.MENU_2,),
        "key LEFT",
        "{Left} does nothing on the second Menu page: Hdesk is one page to the right, so press "
        "{right} once.",
    ),
    (
        (PhoneState.MENU_2,),
        "softkey *",
        "{label} is on the second Menu page, not Hdesk: Hdesk is one page to the right. "
        "Next: {next}.",
    ),
    (
        (PhoneState.MENU_3,),
        "key RIGHT",
        "{Right} was pressed twice: Hdesk is one page to the right of the second Menu page, so "
        "once is enough. Hdesk is shown now: select it.",
    ),
    (
        (PhoneState.MENU_3,),
        "key LEFT",
        "{Left} went back to the second Menu page: press {right} once for Hdesk.",
    ),
    ((PhoneState.MENU_3, PhoneState.HDESK), "key MENU", "Menu closed the menu: {start}."),
    ((PhoneState.MENU_3,), "softkey *", "{label} is not Hdesk: select Hdesk, the first softkey."),
    (
        (PhoneState.HDESK,),
        "softkey LogOff",
        "That was LogOff; to log on select Logon. Next: {next}.",
    ),
    (
        (PhoneState.HDESK,),
        "softkey Logon",
        "That was Logon; to log off select LogOff. Press Exit to start again.",
    ),
    (
        (PhoneState.HDESK,),
        "key LEFT",
        "{Left} went back to the page with Hdesk: select Hdesk again.",
    ),
    ((PhoneState.HDESK,), "softkey *", "Select {goal} on the Hdesk screen."),
    (
        _PAST_THE_FIRST_PAGE,
        "key EXIT",
        "Exit closed the menu: start again with Menu twice, then {right} once.",
    ),
    (
        (PhoneState.LOGON_CODE,),
        "softkey Done",
        "Done tried a logon and closed the Logon prompt: to log off, {next}.",
    ),
    (
        _PROMPTS,
        "*",
        "This is the Logon prompt: press Exit to start again.",
    ),
    (
        _OFF_HOOK,
        "*",
        "Hang up first: the Menu keys work with the handset down.",
    ),
)


class Checker:
    """Watches one attempt at a :class:`Procedure` on ``system``, action by action.

    Feed it every action the trainee takes, after the phone or Manager has done it,
    with :meth:`check` (or let :meth:`perform` do the action and check it).  Where
    the trainee stands is worked out from the model after each action (the phone's
    state, what was typed at it, the draft and the running configuration), so a
    trainee who goes wrong and puts it right is back on the path at once.  A
    mistake is counted each time the trainee leaves the path.
    """

    def __init__(self, procedure: Procedure, system: System) -> None:
        self.procedure = procedure
        """The exercise."""
        self.system = system
        """The running system the trainee works on."""
        self.draft: Config = system.receive_config()
        """Manager's copy: :meth:`perform` edits it; :meth:`check_edits` adopts Manager's own."""
        self.mistakes = 0
        """Times the trainee has left the tip's path."""
        self.hint = ""
        """The hint of the last action ('' after a right one)."""
        self.typed = ""
        """What was typed since the phone last started dialling or showed a prompt."""
        self.entered: str | None = None
        """The extension typed at the Logon prompt before Next (None before Next)."""
        self.is_complete = False
        """True once the goal is reached (by the method or not)."""
        self.passed = False
        """True when the goal was reached by the method practised."""
        self._actions: list[Action] = []
        # For each action, what was typed after it where it typed a digit: ("dial", digits)
        # in a dial, ("extension"/"code", entry) at a Logon prompt; None otherwise.  The
        # Attempt masks the login code from these (masking.py).
        self._typed_log: list[tuple[str, str] | None] = []
        self._hints: list[str] = []  # each hint given, once, in order (for the Attempt)
        self._prefixes = login_prefixes(system.config)
        self._initial = system.config
        self._seen_draft = self.draft.copy()
        self._seen_running = system.config
        self._seen_merges = _merges(system)
        self._edits_done = self._edits(self._seen_draft)
        self._merged = self._edits(self._seen_running)
        phone = self._phone
        self._state = phone.state
        self._softkeys = phone.softkeys
        self._buttons = phone.buttons
        self._time_seen = system.time  # model time of the last action checked
        self._position = self._where()
        # The step a refused Menu logon went wrong at (R6: "Invalid", the phone back at
        # idle): the checklist keeps the trainee's place there while they go round again.
        self._kept = 0

    # --- what the trainee sees --------------------------------------------------------------

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action checked so far, in order; a softkey pressed by position under its label."""
        return tuple(self._actions)

    @property
    def step(self) -> int:
        """The step the trainee is on (0 = first); ``len(steps)`` once complete."""
        if self.is_complete:
            return len(self.procedure.steps)
        return max(self._position.step, self._kept)

    @property
    def expected(self) -> Action | None:
        """The action the tip asks for next, or None (a Manager edit, or nothing left)."""
        return None if self.is_complete else self._position.expected

    @property
    def instruction(self) -> str:
        """What to do next, in words, with the trainee's own login code where a step needs it."""
        return "" if self.is_complete else self._position.next

    @property
    def steps_done(self) -> tuple[bool, ...]:
        """For each step, whether it is done (Manager edits may be done in any order)."""
        steps = self.procedure.steps
        if self.is_complete:
            return (True,) * len(steps)
        edits, merged = self._edits_done, all(self._merged)
        here = self.step
        done = [*edits, merged] if edits else []
        return tuple(done + [i < here for i in range(len(done), len(steps))])

    def attempt(self, seconds: float) -> Attempt:
        """The record of this attempt, taken ``seconds`` of wall-clock time."""
        return Attempt(
            self.procedure.title,
            self.procedure.method,
            self._masked_steps(),
            self.mistakes,
            float(seconds),
            self.passed,
            tuple(self._hints),
        )

    # --- what the trainee does ------------------------------------------------------------

    def perform(self, action: Action, draft: Config | None = None) -> Verdict:
        """Carry out ``action`` on the station's phone or on Manager's ``draft``, then check it.

        An action the model refuses raises its IpoError and is not counted: it did not
        happen (a softkey label that is not shown, a login code with letters).
        """
        draft = self.draft if draft is None else draft
        phone = self._phone
        screen: Display | None = None
        if action.kind == "key":
            screen = phone.press(action.value)
        elif action.kind == "softkey":
            screen = phone.press_softkey(action.value)
        elif action.kind == "button":
            screen = phone.press_button(int(action.value))
        elif action.kind == "dial":
            screen = phone.dial(action.value)
        elif action.kind == "lift":
            screen = phone.lift()
        elif action.kind == "hang_up":
            screen = phone.hang_up()
        elif action.kind == "wait":
            self.system.advance(float(action.value))
            screen = phone.screen
        else:
            apply_edit(self.system, draft, action.value)
        return self.check(action, screen, draft)

    def check_time(self) -> Verdict | None:
        """Check what the model's clock did at the phone since the last action; None if nothing.

        Call it whenever model time has moved (after ``system.advance``, from a timer): when
        the phone changed on its own meanwhile (the Dial Delay Time ran out on ``*35*3000*1234``
        and it now says Incompatible, rule R7), the wait is checked as an action,
        ``wait <seconds since the last action>``, and its verdict returned.  A clock that moved
        while the phone stayed as it was is no action: nothing is recorded.
        """
        if self.is_complete or self._phone.state == self._state:
            return None
        return self.check(Action.wait(self.system.time - self._time_seen), self._phone.screen)

    def check_edits(self, draft: Config) -> tuple[Verdict, ...]:
        """Check what Manager changed since the last action: each edit of ``draft``, then a Merge.

        For a Manager view that edits its own draft: call it after each of its events
        (those that changed nothing give nothing).  ``draft`` becomes :attr:`draft`.
        """
        actions = []
        edits = config_edits(self._seen_draft, draft)
        if edits:  # one Manager event, one action, however many fields it touched
            actions.append(Action.config("; ".join(edits)))
        if _merges(self.system) != self._seen_merges:  # even one that changed nothing
            actions.append(Action.config("merge"))
        self.draft = draft
        return tuple(self.check(action, None, draft) for action in actions)

    def check(
        self, action: Action, screen: Display | None = None, draft: Config | None = None
    ) -> Verdict:
        """Check ``action``, which the trainee has just taken; ``screen`` is what it returned.

        Call it after the phone or Manager did the action; ``draft`` is Manager's copy
        (default :attr:`draft`).  Once the exercise is complete, nothing more is checked.
        """
        if self.is_complete:
            return Verdict(True, self.step)
        draft = self.draft if draft is None else draft
        before, was = self._position, (self._state, self.typed, self.entered)
        pressed = self._as_pressed(action)
        self._actions.append(pressed)
        self._time_seen = self.system.time
        self._follow(pressed)
        self._typed_log.append(self._typed_by(pressed, was[0]))
        problems = self._problems(self._seen_draft)
        if action.kind == "config":
            old_edits = self._edits_done
            self._seen_draft, self._seen_running = draft.copy(), self.system.config
            self._seen_merges = _merges(self.system)
            self._edits_done = self._edits(self._seen_draft)
            self._merged = self._edits(self._seen_running)
            grew = _grew(old_edits, self._edits_done)
        else:
            grew = None
        self._position = after = self._where()
        ok = self._is_right(pressed, before, after, was[0], grew)
        self._keep_place(pressed, before, was)
        hint = "" if ok else self._hint(pressed, before, after, was, screen, problems)
        if not ok and before.on_path:
            self.mistakes += 1
        if self.procedure.is_goal_reached(self.system):
            self.is_complete, self.passed = True, ok
            if not ok:
                # The last of several keys dialled is not how it was done: the digits are.
                how = (
                    f"dialling {self.typed}"
                    if pressed.is_dial_pad and self.typed
                    else pressed.describe()
                )
                hint = (
                    f"{self._goal_text()} by {how}, not "
                    f"{self.procedure.method.way}: start the exercise again to practise it."
                )
        # The trainee reads the hint on their own exercise, beside steps that already give
        # their code, so it may name it ("The code is 4 digits: 1234."); what is kept for the
        # Attempt is masked, and so reads the same for every trainee on the board.
        self.hint = hint
        kept = self._masked(hint)
        if kept and kept not in self._hints:
            self._hints.append(kept)
        return Verdict(ok, self.step, hint)

    def _keep_place(
        self, pressed: Action, before: _Position, was: tuple[str, str, str | None]
    ) -> None:
        """Keep the checklist's place after a refused Menu logon; let it go once back there.

        Done with a wrong code (or after a wrong extension) gets "Invalid" and leaves the
        Logon prompt (rule R6, docs/behaviour.md), so the phone is back at idle; the steps
        up to the one that went wrong were done right, and stay ticked while the trainee
        goes round the menu again.  Reaching that step again, or finishing, lets it go.
        """
        p = self.procedure
        if (
            p.method is Method.LOGON_MENU
            and was[0] == PhoneState.LOGON_CODE
            and pressed == Action.softkey("Done")
            and not p.is_goal_reached(self.system)
        ):
            wrong = _EXTENSION_STEP if not _extension_right(p, was[2]) else _CODE_STEP
            self._kept = p.manager_steps + wrong
        elif self._position.step >= self._kept:
            self._kept = 0

    # --- what leaves the checker: no login code (masking.py) ---------------------------------

    def _masked(self, text: str) -> str:
        """``text`` with every ExtnLogin dial and the agent's login code in it masked."""
        return mask_text(text, (self.procedure.code,), self._prefixes)

    def _typed_by(self, pressed: Action, was: str) -> tuple[str, str] | None:
        """What ``pressed`` typed, as ``_typed_log`` keeps it."""
        if pressed.kind == "dial":
            return ("dial", self.typed)
        if not pressed.is_dial_pad or self._phone.state not in _TYPING:
            return None
        if was == PhoneState.LOGON_CODE:
            return ("code", self.typed)
        if was == PhoneState.LOGON_EXTENSION:
            return ("extension", self.typed)
        return ("dial", self.typed)

    def _masked_steps(self) -> tuple[str, ...]:
        """Every action's text form, each digit of a login code masked.

        Digits are masked by what the trainee went on to type (a run of typing ends where
        the next typed text does not grow from it): after ``*35*3000`` the digits are the
        extension only once a ``*`` follows.  At the Logon prompts every digit of the code
        is masked, and the extension's too unless it is (the start of) the right one.
        """
        p, shown = self.procedure, []
        runs = self._typed_log
        for i, action in enumerate(self._actions):
            typing = runs[i]
            if action.kind == "config":
                shown.append(f"config {masked_edits(action.value, p.code, self._prefixes)}")
                continue
            if typing is None:
                shown.append(self._masked(str(action)))
                continue
            where, final = typing
            for later in runs[i + 1 :]:
                if later is None:
                    continue
                if later[0] != where or not later[1].startswith(final):
                    break
                final = later[1]
            if where == "code" or (where == "extension" and not p.extension.startswith(final)):
                masked = mask_code(final)
            else:
                masked = self._masked(final)
            if action.kind == "dial":
                value = action.value
                text = masked[: len(value)] if final.startswith(value) else self._masked(value)
                shown.append(f"dial {text}")
            else:
                at = len(typing[1]) - 1
                key = masked[at] if 0 <= at < len(masked) else action.value
                shown.append(f"key {key if key == CODE_MASK else action.value}")
        return tuple(shown)

    # --- where the trainee stands -----------------------------------------------------------

    @property
    def _phone(self) -> Phone:
        return self.system.phone(self.procedure.station)

    def _edits(self, config: Config) -> tuple[bool, ...]:
        checks = EDITS.get(self.procedure.method, ())
        return tuple(not check(self.procedure, config, self._initial) for check in checks)

    def _problems(self, config: Config) -> list[str]:
        checks = EDITS.get(self.procedure.method, ())
        return [check(self.procedure, config, self._initial) for check in checks]

    def _where(self) -> _Position:
        p = self.procedure
        if p.manager_steps and not all(self._merged):
            at_rest = self._state in _ON_HOOK
            if all(self._edits_done):
                return _Position(len(self._edits_done), Action.config("merge"), at_rest, "Merge")
            first = self._edits_done.index(False)
            return _Position(first, None, at_rest, p.steps[first].text)
        base = p.manager_steps
        if p.method.is_config:
            return _Position(base - 1, None, True, "")
        if p.method.needs_menu_keys:
            return self._menu_position(base)
        if p.method is Method.LOGOFF_BUTTON:
            target = logout_buttons(p, self._seen_running)[0]
            return _Position(base, Action.button(target), True, f"press button {target}")
        return self._dial_position(base)

    def _targets(self) -> tuple[str, ...]:
        p = self.procedure
        if p.method is Method.LOGON_SHORT_CODE:
            return login_short_codes(p, self._seen_running) or (f"#{p.extension}",)
        if p.method is Method.LOGOFF_STAR_36:
            return ("*36",)
        own = (f"*35*{p.code}#",) if p.station == p.extension else ()  # code alone at home
        return (f"*35*{p.extension}*{p.code}#", *own)

    def _dial_position(self, step: int) -> _Position:
        targets, state, typed = self._targets(), self._state, self.typed
        target = targets[0]
        if state in _ON_HOOK:
            return _Position(step, Action.key(target[0]), True, f"dial {target}")
        if state == PhoneState.DIALLING:
            for t in targets:
                if t.startswith(typed) and len(typed) < len(t):
                    shown = mask_dialled(t, self._prefixes)  # the rest of a code is a code
                    rest = f"go on with {shown[len(typed) :]}" if typed else f"dial {t}"
                    return _Position(step, Action.key(t[len(typed)]), True, rest)
            return _Position(step, Action.hang_up(), False, f"hang up, then dial {target}")
        if state == PhoneState.RESULT:
            return _Position(step, Action.hang_up(), False, f"hang up, then dial {target}")
        if state in (*MENU_STATES, *_PROMPTS):
            return _Position(step, Action.key("EXIT"), False, f"press Exit, then dial {target}")
        return _Position(step, None, False, "")

    def _menu_position(self, base: int) -> _Position:
        p, state = self.procedure, self._state
        logon = p.method.is_logon
        goal = "Logon" if logon else "LogOff"
        start = menu_start(p)
        exit_ = Action.key("EXIT")
        if state in _ON_HOOK:
            return _Position(base, Action.key("MENU"), True, start)
        if state == PhoneState.MENU_1:
            return _Position(base, Action.key("MENU"), True, "press Menu a second time")
        if state == PhoneState.MENU_2:
            right = arrow_name(p, "RIGHT")
            return _Position(base + 1, Action.key("RIGHT"), True, f"press {right} once")
        if state == PhoneState.MENU_3:
            return _Position(base + 2, Action.softkey("Hdesk"), True, "select Hdesk")
        if state == PhoneState.HDESK:
            return _Position(base + 3, Action.softkey(goal), True, f"select {goal}")
        if state in _PROMPTS and not logon:
            return _Position(base + 3, exit_, False, "press Exit, then start again")
        if state == PhoneState.LOGON_EXTENSION:
            return self._typing(base + _EXTENSION_STEP, p.extension, "Next")
        if state == PhoneState.LOGON_CODE:
            if not _extension_right(p, self.entered):
                return _Position(base + _CODE_STEP, exit_, False, "press Exit, then start again")
            return self._typing(base + _CODE_STEP, p.code, "Done")
        if state in _OFF_HOOK:
            return _Position(base, Action.hang_up(), False, f"hang up, then {start}")
        return _Position(base, None, False, "")

    def _typing(self, step: int, wanted: str, then: str) -> _Position:
        typed, name = self.typed, softkey_name(self.procedure, then)
        if typed == wanted:
            return _Position(step, Action.softkey(then), True, f"press {name}")
        if wanted.startswith(typed):
            rest = wanted[len(typed) :]
            shown = mask_code(rest) if wanted == self.procedure.code else rest
            return _Position(step, Action.key(rest[0]), True, f"type {shown}, then {name}")
        return _Position(step, Action.softkey("Bksp"), False, "press Bksp to correct it")

    # --- following the phone --------------------------------------------------------------

    def _as_pressed(self, action: Action) -> Action:
        """A softkey pressed by position, read as the label it had (what the trainee saw)."""
        if action.kind == "key" and action.value in SOFTKEYS:
            label = dict(zip(SOFTKEYS, self._softkeys, strict=False)).get(action.value, "")
            if label:
                return Action.softkey(label)
        return action

    def _follow(self, pressed: Action) -> None:
        """Bring what the checker knows of the phone up to date after ``pressed``."""
        phone, before = self._phone, self._state
        typed, entered = self.typed, self.entered
        event = _event(pressed)
        if event is not None and event not in TRANSITIONS[before]:
            pass  # a key that means nothing here: nothing changed
        elif pressed.is_dial_pad:
            typed = pressed.value if before in _ON_HOOK else typed + pressed.value
        elif pressed.kind == "dial":
            typed = pressed.value
        elif pressed.kind == "button":
            position = int(pressed.value)
            button = self._buttons[position - 1] if position <= len(self._buttons) else None
            if button is not None:
                typed = button.number if button.action is ButtonAction.DIAL else ""
        elif pressed == Action.softkey("Bksp") and before in _PROMPTS:
            typed = typed[:-1]
        elif pressed == Action.softkey("Next") and before == PhoneState.LOGON_EXTENSION:
            entered, typed = typed, ""
        elif pressed.kind == "config":
            pass  # Merge leaves a phone part-way through dialling with its digits
        elif pressed.kind == "wait":
            pass  # the dial delay may have run out: what was dialled is still what was dialled
        else:
            typed = ""  # lift, Menu, Logon ...: whatever comes next starts afresh
        state = phone.state
        if state not in _TYPING:
            typed, entered = "", None
        elif state == PhoneState.LOGON_EXTENSION:
            entered = None
        self._state, self.typed, self.entered = state, typed, entered
        self._softkeys, self._buttons = phone.softkeys, phone.buttons

    def _is_right(
        self, pressed: Action, before: _Position, after: _Position, was: str, grew: bool | None
    ) -> bool:
        """Whether ``pressed`` was right, from where the trainee stood (``was``: phone state)."""
        if pressed.kind == "wait":
            return after.on_path  # waiting is right unless the phone went off the path meanwhile
        if (
            was == PhoneState.LOGON_CODE
            and pressed == Action.softkey("Done")
            and not self.procedure.is_goal_reached(self.system)
        ):
            return False  # "Invalid" (rule R6) closes the prompt: back at the start, not put right
        if not before.on_path and after.on_path and pressed.kind != "config":
            return True  # put right what went wrong (hung up, Bksp, Exit)
        if before.expected is None:
            return bool(grew)  # a Manager edit step: right when it fixes something, breaks nothing
        if pressed == before.expected:
            return True
        p = self.procedure
        if p.manager_steps and before.step < p.manager_steps:
            return False
        if p.method is Method.LOGOFF_BUTTON and pressed.kind == "button":
            return int(pressed.value) in logout_buttons(p, self._seen_running)
        if not p.method.needs_menu_keys:  # a dialling step: any right code, key by key or whole
            if pressed.kind == "dial":
                return any(t.startswith(pressed.value) for t in self._targets())
            if pressed.is_dial_pad and before.expected.is_dial_pad and before.on_path:
                return any(t.startswith(self.typed) for t in self._targets())
        if pressed == Action.lift():
            return before.expected.is_dial_pad  # lifting before dialling does no harm
        return pressed == Action.hang_up() and was in _ON_HOOK  # it did nothing

    # --- hints ------------------------------------------------------------------------------

    def _hint(
        self,
        pressed: Action,
        before: _Position,
        after: _Position,
        was: tuple[str, str, str | None],
        screen: Display | None,
        problems: list[str],
    ) -> str:
        p = self.procedure
        if p.manager_steps and before.step < p.manager_steps:
            return self._manager_hint(pressed, before, problems)
        if pressed.kind == "config":
            done = "Manager's part is done" if p.manager_steps else "This needs no Manager"
            return f"{done}: at the phone, {after.next}."
        hint = None
        if p.method.needs_menu_keys:
            hint = self._menu_hint(pressed, after, was)
        elif p.method is Method.LOGOFF_BUTTON:
            target = logout_buttons(p, self._seen_running)[0]
            hint = (
                f"Button {pressed.value} is not the logoff button you programmed: press button "
                f"{target}."
                if pressed.kind == "button"
                else None
            )
        else:
            hint = self._dial_hint(pressed, was[1])
        if hint is None:  # what the phone said happened, and what this exercise asks instead
            what = screen.note if screen is not None and screen.note else ""
            what = what or f"{_capital(self._describe(pressed))} is not the step."
            task = p.method.title[:1].lower() + p.method.title[1:]
            hint = f"{what} This exercise is to {task}: {after.next}."
        return hint

    def _manager_hint(self, pressed: Action, before: _Position, was: list[str]) -> str:
        """A mistake before Merge; ``was`` holds each edit's problem before the action."""
        p = self.procedure
        now = self._problems(self._seen_draft)
        # The edit the trainee just touched first: its problem is the one that changed.
        changed = [text for text, old in zip(now, was, strict=True) if text and text != old]
        problems = changed + [text for text in now if text and text not in changed]
        if pressed.kind != "config":
            if before.expected is not None:  # all edited, not merged
                return BEFORE_MERGE.get(
                    p.method, "Nothing edited in Manager reaches a phone before Merge."
                )
            return f"Start in Manager. {problems[0] if problems else p.steps[before.step].text}"
        if pressed.value.lower() == "merge":
            missing = problems[0] if problems else "the change is not complete."
            return f"Merged before the change was complete. {missing}"
        if before.expected is not None:
            return f"{problems[0]} Then Merge." if problems else "Everything is edited: Merge now."
        return problems[0] if problems else f"Next: {p.steps[before.step].text}"

    def _dial_hint(self, pressed: Action, typed_before: str) -> str | None:
        targets, typed = self._targets(), self.typed
        if (pressed.is_dial_pad or pressed.kind == "dial") and typed:
            misdial = _misdial(self.procedure, targets, typed)
            if misdial is not None:
                again = " Hang up and dial again." if self._state in _OFF_HOOK else ""
                return misdial + again
        if pressed.kind == "wait" and typed_before:
            return self._dial_delay_hint(typed_before)
        if pressed == Action.hang_up() and typed_before:
            target = targets[0]
            if target.endswith("#") and typed_before == target[:-1]:
                return f"{typed_before} needs # at the end: dial {target}."
            return f"You hung up after {typed_before}: dial all of {target}."
        return None

    def _dial_delay_hint(self, typed: str) -> str:
        """The Dial Delay Time ran out after ``typed`` (rule R7): what was missing."""
        targets, said = self._targets(), self._phone.display[-1]
        target = next((t for t in targets if t.startswith(typed)), None)
        if target is None:  # a misdial, already named when it was typed
            misdial = _misdial(self.procedure, targets, typed)
            return (
                f"{misdial} Hang up and dial again."
                if misdial
                else f"Hang up and dial {targets[0]}."
            )
        delay = f"the dial delay ({DIAL_DELAY_TIME:g} s)"
        if target.endswith("#") and typed == target[:-1]:
            return (
                f"{typed} needs # at the end: without it the phone waited {delay} and says "
                f"{said}. Hang up and dial {target}."
            )
        return (
            f"{_capital(delay)} ran out after {typed}: the phone took that as all you dialled "
            f"and says {said}. Hang up and dial all of {target}."
        )

    def _menu_hint(
        self, pressed: Action, after: _Position, was: tuple[str, str, str | None]
    ) -> str:
        state, typed, entered = was
        p = self.procedure
        if p.method.is_logon and state in _PROMPTS:
            prompt = _prompt_hint(p, pressed, state, typed, entered, self.typed, after)
            if prompt is not None:
                return prompt
        right, left = arrow_name(p, "RIGHT"), arrow_name(p, "LEFT")
        fields = {
            "label": pressed.value,
            "next": after.next,
            "goal": "Logon" if p.method.is_logon else "LogOff",
            "right": right,
            "Right": _capital(right),
            "left": left,
            "Left": _capital(left),
            "start": menu_start(p),
            "Start": _capital(menu_start(p)),
        }
        for states, pattern, text in _MENU_HINTS:
            if state in states and fnmatchcase(str(pressed), pattern):
                return text.format(**fields)
        return f"{_capital(self._describe(pressed))} is not the step: {after.next}."

    def _describe(self, pressed: Action) -> str:
        """``pressed`` in a trainee's words, an arrow key named as this handset prints it."""
        if pressed.kind == "key" and pressed.value in ("LEFT", "RIGHT"):
            return arrow_name(self.procedure, pressed.value)
        return pressed.describe()

    def _goal_text(self) -> str:
        p = self.procedure
        if p.method.is_logon:
            return f"{p.user} is logged on"
        if p.method.is_logoff:
            return f"{p.user} is logged off"
        return "The change is merged"

    def __repr__(self) -> str:
        state = "complete" if self.is_complete else f"step {self.step + 1}"
        return (
            f"<Checker {self.procedure.method.value} at {self.procedure.station}: {state}, "
            f"{len(self._actions)} actions, {self.mistakes} mistakes>"
        )


def _extension_right(p: Procedure, entered: str | None) -> bool:
    """Whether ``entered``, typed at the Logon prompt before Next, is the agent's extension.

    Next with nothing typed is the station's own extension, right only at the agent's desk.
    """
    return entered in (p.extension, "" if p.station == p.extension else None)


#: Where the Menu logon's prompts stand among its phone steps (after Manager's, if any):
#: the extension is typed at the fifth, the login code at the sixth (``steps_of``).
_EXTENSION_STEP, _CODE_STEP = 4, 5


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _merges(system: System) -> int:
    """How many times Manager has merged into ``system``."""
    return sum(1 for event in system.events if event.kind is EventKind.MERGE)


def _grew(before: tuple[bool, ...], after: tuple[bool, ...]) -> bool:
    """True when ``after`` satisfies more of the edits than ``before`` and breaks none."""
    return all(a or not b for a, b in zip(after, before, strict=True)) and sum(after) > sum(before)


def _event(pressed: Action) -> str | None:
    """The phone's event for ``pressed`` (see ``phone.TRANSITIONS``); None for dial and config."""
    if pressed.kind == "key":
        return "digit" if pressed.is_dial_pad else KEY_EVENTS.get(pressed.value)
    return {"softkey": "softkey", "button": "button", "lift": "lift", "hang_up": "hang_up"}.get(
        pressed.kind
    )


def _segments(p: Procedure, target: str) -> list[tuple[str, str]]:
    """``target`` cut into the parts a trainee dials: short code, extension, *, code, #."""
    if target == f"*35*{p.extension}*{p.code}#":
        return [
            ("*35*", "code"),
            (p.extension, "extension"),
            ("*", "star"),
            (p.code, "pin"),
            ("#", "end"),
        ]
    if target == f"*35*{p.code}#":
        return [("*35*", "code"), (p.code, "pin"), ("#", "end")]
    return [(target, "code")]


def _misdial(p: Procedure, targets: tuple[str, ...], typed: str) -> str | None:
    """What went wrong in ``typed``, or None while it is still the start of a target."""
    if any(t.startswith(typed) for t in targets):
        return None
    if p.method.is_logon and typed.startswith("*36"):
        return f"That was *36 (log off); to log on dial {targets[0]}."
    if p.method.is_logoff and typed.startswith("*35"):
        return f"That was *35 (log on); to log off dial {targets[0]}."

    def agree(t: str) -> int:
        return next((i for i, (a, b) in enumerate(zip(t, typed, strict=False)) if a != b), len(t))

    best = max(targets, key=agree)  # the first of those typed furthest
    at, start = agree(best), 0
    text, role = "", "end"  # unless the wrong key falls in a part of the code:
    for part_text, part_role in _segments(p, best):
        if at < start + len(part_text):
            text, role = part_text, part_role
            break
        start += len(part_text)
    wrong, part = typed[at], typed[start:]
    e, c = p.extension, p.code
    if role == "code":
        if wrong == "#" and text.startswith("*"):
            return f"Default short codes start with *, not #: dial {best}."
        if wrong == "*" and text.startswith("#"):
            return f"This short code starts with #: dial {best}."
        return f"You dialled {typed}, but the short code is {best}."
    if role == "extension":
        if c.startswith(part) and not e.startswith(part):
            return f"Extension first, then the code: dial {best}."
        return f"The extension is {e}: dial {best}."
    if role == "star":
        if wrong == "#":
            return f"That has no code: after the extension dial *, then the code {c}, then #."
        return f"The extension is {e} ({len(e)} digits), then *: dial {best}."
    if role == "pin" or wrong.isdigit():
        return f"The code is {len(c)} digits: {c}."
    return f"End with #: dial {best}."


def _prompt_hint(
    p: Procedure,
    pressed: Action,
    state: str,
    typed: str,
    entered: str | None,
    now: str,
    after: _Position,
) -> str | None:
    """A mistake at the Logon prompts: ``typed`` before the action, ``now`` after it."""
    e, c, s = p.extension, p.code, p.station
    if pressed.kind == "key" and pressed.value in ("LEFT", "RIGHT"):
        arrow = _capital(arrow_name(p, pressed.value))
        if state == PhoneState.LOGON_EXTENSION and softkey_name(p, "Next") != "Next":
            return (  # the arrow printed Next is the likely slip: the step's Next is a softkey
                f"{arrow} is not the Next of this step: that is the softkey under the display. "
                f"{_capital(after.next)}."
            )
        return f"{arrow} does nothing at the Logon prompt: {after.next}."
    if state == PhoneState.LOGON_EXTENSION:
        then = softkey_name(p, "Next")
        if pressed == Action.softkey("Next"):
            if not typed and s == e:
                return (
                    "You pressed Next before typing the extension: the phone takes its own "
                    f"extension, {s}, this time, but type it as the tip does: {e}, then {then}."
                )
            if not typed:
                return (
                    "You pressed Next before typing the extension: the phone now wants the code "
                    f"of {s}'s own user, not of {e}. Press Exit to start again."
                )
            return (
                f"You pressed Next after {typed}: the extension is {e}. Press Exit to start again."
            )
        if pressed.is_dial_pad:
            if c.startswith(now) and not e.startswith(now):
                return (
                    f"That is the login code: this prompt asks for the extension, {e}. Press Bksp "
                    "to correct it."
                )
            return f"The extension is {e}: press Bksp to correct it."
        if pressed == Action.softkey("Bksp"):
            return f"Bksp removed a right digit: {after.next}."
        return None
    if pressed == Action.softkey("Done"):
        # Rule R6: "Invalid", and the phone leaves the prompt (the kit's choice, docs/behaviour.md),
        # so the trainee is told how to get back to the step that went wrong, which the
        # checklist keeps (Checker._keep_place), not left to find it.
        wrong_extension = not _extension_right(p, entered)
        back = p.manager_steps + (_EXTENSION_STEP if wrong_extension else _CODE_STEP)
        again = (
            f"The phone has left the Logon prompt: go round again ({after.next}, then Hdesk, "
            f"Logon, {e} and {softkey_name(p, 'Next')}), and the checklist has kept your place "
            f"at step {back + 1}."
        )
        if wrong_extension:
            return f"Invalid: the extension typed was {entered or 'none'}, not {e}. {again}"
        if c.startswith(typed):
            return (
                f"Invalid: you pressed Done after {len(typed)} digits, and the code is {len(c)} "
                f"digits: {c}. {again}"
            )
        return f"Invalid: the code is {len(c)} digits: {c}. {again}"
    if not _extension_right(p, entered):
        return f"The extension typed was {entered or 'none'}, not {e}: press Exit to start again."
    if pressed.is_dial_pad:
        return f"The code is {len(c)} digits: {c}. Press Bksp to correct it."
    if pressed == Action.softkey("Bksp"):
        return f"Bksp removed a right digit: {after.next}."
    return None
