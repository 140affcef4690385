"""A guided exercise: the tech tip's steps beside the phone or the Manager screens they are done on.

``Exercise(system, method, station="3000")`` shows one method of the tip as
numbered steps (done ones ticked, the current one highlighted), embeds the
desk phone (:class:`widgets.handset.Handset`) and, where the method has Manager
steps, the Manager screens (:class:`widgets.manager.Manager`), and checks every
action as it happens with an :class:`ipo_core.procedures.Checker`.  After a
wrong step it shows the checker's hint; it says when the method cannot work on
the station's handset (the Menu methods on a 4406D+ or 4606); on completion it
keeps an :class:`~ipo_core.procedures.Attempt` in ``exercise.attempt``.

Every attempt runs on a System of its own, booted from ``system``'s running
configuration and put where the exercise starts, so the trainee's own system
is never changed; **Try again** boots a fresh one.

How the exercise sees what the trainee does:

- the Handset drives a stand-in for the station's phone that passes every call
  (``press``, ``press_button``, ``lift``, ``hang_up`` ...) to the real phone and
  then hands the action and the display it returned to the checker;
- the Manager edits the checker's draft; the exercise listens to every one of
  its controls, after Manager's own handlers, and asks the checker what changed
  (``Checker.check_edits``): an edit, a Merge, or nothing (navigation);
- the **Action** box takes an action in its text form (``softkey Hdesk``,
  ``dial *36``, ``config merge``), for a keyboard or a script.

>>> import ipo_core as ipo
>>> from ipo_core.procedures import Method
>>> exercise = Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36)
>>> for key in "*36":
...     exercise.handset.keypad[key].click()
>>> exercise.attempt.passed, exercise.attempt.steps
(True, ('key *', 'key 3', 'key 6'))
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any

import ipywidgets as w

import ipo_core as ipo
from ipo_core.procedures import Action, Attempt, Checker, Method, Procedure
from widgets.base import StatusLine, View, guarded

__all__ = ["Exercise"]

_CSS = """
<style>
.ipo-exercise { gap: 6px; }
.ipo-exercise .widget-html-content { white-space: normal; line-height: 1.4; }
.ipo-exercise h3 { margin: 0 0 4px 0; }
.ipo-steps { margin: 0; padding-left: 1.6em; }
.ipo-steps li { margin: 2px 0; color: var(--jp-ui-font-color1, #333); }
.ipo-steps li.ipo-done { color: var(--jp-ui-font-color2, #777); }
.ipo-steps li.ipo-done::marker { content: "\\2713  "; color: #2e7d32; }
.ipo-steps li.ipo-current { font-weight: bold; background: rgba(255, 213, 79, 0.35);
  border-radius: 3px; padding: 0 4px; }
.ipo-unavailable { color: var(--jp-error-color1, #c62828); font-weight: bold; }
.ipo-hint .ipo-status { display: block; padding: 4px 8px; border-left: 4px solid #f9a825;
  background: rgba(249, 168, 37, 0.12); }
.ipo-result { font-weight: bold; }
.ipo-result .ipo-passed { color: #2e7d32; }
.ipo-result .ipo-failed { color: var(--jp-error-color1, #c62828); }
</style>
"""


class Exercise(View):
    """One method of the tech tip, step by step, checked as the trainee does it."""

    def __init__(
        self,
        system: ipo.System,
        method: Method | str,
        station: str = "3000",
        *,
        extension: str | None = None,
        code: str | None = None,
        group: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        """The exercise ``method`` at ``station`` of ``system``'s site (see ``Procedure.for_site``).

        ``clock`` gives the wall-clock seconds an attempt takes (tests pass their own).
        """
        self.site = system.config
        """The configuration every attempt boots from (a copy of ``system``'s)."""
        self.procedure = Procedure.for_site(
            Method(method), self.site, station, extension=extension, code=code, group=group
        )
        """The exercise: its method, station, agent and steps."""
        self.clock = clock
        """Where the seconds of an attempt come from."""
        self.heading = w.HTML()
        """The exercise's title."""
        self.unavailable = w.HTML()
        """Why the method cannot work on this handset, if it cannot."""
        self.steps = w.HTML()
        """The numbered steps: done ones ticked, the current one highlighted."""
        self.views = w.HBox()
        """The handset and/or the Manager screens the steps are done on."""
        self.hint = StatusLine()
        """The checker's hint after a wrong step."""
        self.command = w.Text(
            description="Action",
            placeholder="key MENU · softkey Hdesk · dial *36 · config merge",
            layout=w.Layout(width="420px"),
        )
        """An action in its text form, done with the Do button."""
        self.do = w.Button(description="Do", tooltip="Do the action typed on the left")
        """Does the action typed in ``command``."""
        self.again = w.Button(description="Try again", tooltip="Start afresh on a new system")
        """Boots a fresh system from the same site and starts the exercise again."""
        self.result = w.HTML()
        """The attempt's outcome, once complete."""
        self.handset: Any = None
        """The embedded ``widgets.handset.Handset``, or None (no handset steps, or not installed)."""
        self.manager: Any = None
        """The embedded ``widgets.manager.Manager``, or None (no Manager steps, or not installed)."""
        self.system: ipo.System = system
        """The system of the current attempt (set by ``_start``)."""
        self.checker: Checker
        """The checker of the current attempt."""
        self.attempt: Attempt | None = None
        """The record of the current attempt, once it is complete."""
        self._attempts: list[Attempt] = []
        self._started = 0.0
        super().__init__(**kwargs)
        self.add_class("ipo-exercise")
        self.hint.add_class("ipo-hint")
        self.do.on_click(self._on_do_click)
        self.again.on_click(self._on_again_click)
        self.children = (
            w.HTML(_CSS),
            self.heading,
            self.unavailable,
            self.steps,
            self.views,
            self.hint,
            w.HBox([self.command, self.do, self.again]),
            self.result,
            self.status,
        )
        self._start()
        self._render()

    @property
    def attempts(self) -> tuple[Attempt, ...]:
        """Every completed attempt since the exercise was made, oldest first."""
        return tuple(self._attempts)

    # --- handlers: one call into the core each, then _render -------------------------------

    @guarded
    def _on_do_click(self, _: w.Button) -> None:
        self.checker.perform(Action.parse(self.command.value), self._draft())
        self._after_action()
        if self.handset is not None:
            self.handset.refresh()  # the phone changed behind the handset's back

    @guarded
    def _on_again_click(self, _: w.Button) -> None:
        self._start()

    def _on_phone_action(self, action: Action, screen: ipo.Display) -> None:
        """The embedded handset did ``action`` (its own handler shows any IpoError)."""
        self.checker.check(action, screen)
        self._after_action()
        self._render()

    @guarded
    def _on_manager_event(self, *_: object) -> None:
        """Something happened in the Manager screens: check what it changed, if anything."""
        self.checker.check_edits(self._draft())
        self._after_action()

    # --- attempts ---------------------------------------------------------------------------

    def _start(self) -> None:
        """A fresh system booted from the site, put where the exercise starts, and new views."""
        system = ipo.System(self.site)
        self.procedure.prepare(system)
        self.system, self.checker = system, Checker(self.procedure, system)
        self.attempt = None
        for old in self.views.children:
            old.close()
        places = {step.place for step in self.procedure.steps}
        views: list[w.Widget] = []
        self.handset = self.manager = None
        if "handset" in places:
            phone = _ObservedPhone(system.phone(self.procedure.station), self._on_phone_action)
            self.handset = _handset(phone)
            views.append(
                _missing("widgets.handset", "key MENU, dial *36")
                if self.handset is None
                else self.handset
            )
        if "manager" in places:
            self.manager = _manager(system, self.checker.draft, self._on_manager_event)
            views.append(
                _missing("widgets.manager", "config merge")
                if self.manager is None
                else self.manager
            )
        self.views.children = views
        self.status.clear()
        self._started = self.clock()

    def _after_action(self) -> None:
        if self.checker.is_complete and self.attempt is None:
            self.attempt = self.checker.attempt(seconds=self.clock() - self._started)
            self._attempts.append(self.attempt)

    def _draft(self) -> ipo.Config:
        """Manager's draft: the embedded Manager's own, or the checker's."""
        return self.manager.draft if self.manager is not None else self.checker.draft

    # --- drawing ----------------------------------------------------------------------------

    def _describe(self) -> str:
        return self.procedure.title

    def _render(self) -> None:
        """Write every child from the procedure and the checker."""
        checker, procedure = self.checker, self.procedure
        self.heading.value = f"<h3>{html.escape(procedure.title)}</h3>"
        reason = procedure.unavailable_on(procedure.model)
        self.unavailable.value = (
            f'<div class="ipo-unavailable">&#9888; {html.escape(reason)}</div>' if reason else ""
        )
        done, here = checker.steps_done, checker.step
        items = []
        for i, (step, is_done) in enumerate(zip(procedure.steps, done, strict=True)):
            kind = "ipo-done" if is_done else "ipo-current" if i == here else "ipo-todo"
            items.append(f'<li class="ipo-step {kind}">{html.escape(step.text)}</li>')
        self.steps.value = f'<ol class="ipo-steps">{"".join(items)}</ol>'
        if checker.hint:
            self.hint.show_ok(checker.hint)
        else:
            self.hint.clear()
        attempt = self.attempt
        if attempt is None:
            self.result.value = ""
        else:
            mistakes = f"{attempt.mistakes} mistake{'' if attempt.mistakes == 1 else 's'}"
            outcome = (
                '<span class="ipo-passed">Passed</span>'
                if attempt.passed
                else '<span class="ipo-failed">Not passed</span>'
            )
            self.result.value = (
                f'<div class="ipo-result">{outcome}: {len(attempt.steps)} actions, {mistakes}, '
                f"{attempt.seconds:.0f} s. Try again for another go.</div>"
            )


class _ObservedPhone:
    """The station's phone as the embedded Handset drives it: each call goes through, then is reported.

    Everything else (``screen``, ``handset``, ``buttons``, ``answer`` ...) is the real
    phone's.  A call the phone refuses raises before anything is reported.
    """

    def __init__(self, phone: ipo.Phone, report: Callable[[Action, ipo.Display], None]) -> None:
        self._phone = phone
        self._report = report

    def __getattr__(self, name: str) -> Any:
        return getattr(self._phone, name)

    def press(self, key: str) -> ipo.Display:
        return self._seen(Action.key(key), self._phone.press(key))  # softkeys too: SOFTKEYn

    def press_button(self, position: int) -> ipo.Display:
        return self._seen(Action.button(position), self._phone.press_button(position))

    def lift(self) -> ipo.Display:
        return self._seen(Action.lift(), self._phone.lift())

    def hang_up(self) -> ipo.Display:
        return self._seen(Action.hang_up(), self._phone.hang_up())

    def _seen(self, action: Action, screen: ipo.Display) -> ipo.Display:
        self._report(action, screen)
        return screen


def _handset(phone: _ObservedPhone) -> w.Widget | None:
    try:
        from widgets.handset import Handset
    except ImportError:
        return None
    return Handset(phone)  # type: ignore[arg-type]  # it drives the phone through its methods


def _manager(system: ipo.System, draft: ipo.Config, on_event: Callable[..., None]) -> Any:
    try:
        from widgets.manager import Manager
    except ImportError:
        return None
    manager = Manager(system, site="exercise", draft=draft)
    _listen(manager, on_event)
    return manager


def _listen(widget: w.Widget, on_event: Callable[..., None]) -> None:
    """Call ``on_event`` after every click and every edited value in ``widget``'s tree.

    Registered after the widget's own handlers, so they have run by then.
    """
    if isinstance(widget, w.Button):
        widget.on_click(on_event)
    elif isinstance(widget, w.ValueWidget) and not isinstance(
        widget, w.HTML | w.HTMLMath | w.Label
    ):
        widget.observe(on_event, names="value")
    for child in getattr(widget, "children", ()):
        _listen(child, on_event)


def _missing(module: str, example: str) -> w.HTML:
    return w.HTML(
        f"<i>{module} is not installed: do these steps by typing actions in the Action box "
        f"below, such as {html.escape(example)}.</i>"
    )
