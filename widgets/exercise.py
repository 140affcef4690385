"""A guided exercise: the tech tip's steps beside the phone or the Manager screens they are done on.

``Exercise(system, method, station="3000")`` shows one method of the tip as
numbered steps (done ones ticked, the current one highlighted), embeds the
desk phone (:class:`widgets.handset.Handset`) and, where the method has Manager
steps, the Manager screens (:class:`widgets.manager.Manager`), and checks every
action as it happens with an :class:`ipo_core.training.checker.Checker`.  After a
wrong step it shows the checker's hint; it says when the method cannot work on
the station's handset (the Menu methods on a 4406D+ or 4606); on completion it
keeps an :class:`~ipo_core.training.exercises.Attempt` in ``exercise.attempt``.

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
  ``dial *36``, ``config merge``), for a keyboard or a script.  It is for engineers and
  tests: on an agent's page (a lesson served by Voila, which names itself in the kernel's
  ``SERVER_SOFTWARE``) it is hidden unless ``engineer=True``; ``engineer=False`` hides it
  anywhere.  Hidden, it still works from code (``exercise.command``, ``exercise.do``).

>>> import ipo_core as ipo
>>> from ipo_core.training.actions import Method
>>> exercise = Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36)
>>> for key in "*36":
...     exercise.handset.keypad[key].click()
>>> exercise.attempt.passed, exercise.attempt.steps
(True, ('key *', 'key 3', 'key 6'))

Who is training, and where their attempts go:

- every completed attempt becomes a :class:`trainer.AttemptRecord` under the trainee's
  name (``trainee=``, else :func:`trainer.current_trainee`) and is saved through a
  :class:`trainer.Recorder` (``recorder=``, else one on the default store, made
  when first needed).  Its receipt says, in the status line, whether the attempt was
  saved or kept on this computer until the store can be reached; the start of every
  attempt (and **Try again**) first writes what waits;
- on one computer a **Your name** field takes the trainee's name once
  (:func:`trainer.remember_trainee`); under JupyterHub it shows the Hub's name, read-only.
  A name typed in an exercise is that exercise's from then on, and the name of this
  kernel's other exercises not given one; another page (another kernel, on a server
  several trainees share) never changes it;
- :meth:`Exercise.for_trainee` gives the trainee a desk of their own
  (:class:`ipo_core.Desk`): a station chosen from their name and a login code of their
  own (:func:`trainer.desk_rng`), which the line above the steps and the steps
  tell them.
"""

from __future__ import annotations

import asyncio
import html
import os
import random
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import ipywidgets as w

import ipo_core as ipo
import trainer
from ipo_core.training.actions import Action, Method
from ipo_core.training.checker import Checker
from ipo_core.training.exercises import Attempt, Procedure
from trainer import Receipt, Recorder, desk_rng
from widgets.base import StatusLine, View, guarded
from widgets.browser_records import browser_records

__all__ = ["Exercise", "is_agents_page"]

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
.ipo-who { margin: 0; }
</style>
"""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Exercise(View):
    """One method of the tech tip, step by step, checked as the trainee does it, and recorded."""

    def __init__(
        self,
        system: ipo.System,
        method: Method | str,
        station: str | None = None,
        *,
        extension: str | None = None,
        code: str | None = None,
        group: str | None = None,
        trainee: str | None = None,
        recorder: Recorder | None = None,
        desk: ipo.Desk | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utc_now,
        engineer: bool | None = None,
        **kwargs: Any,
    ) -> None:
        """The exercise ``method`` at ``station`` (default 3000) of ``system``'s site (see ``Procedure.for_site``).

        ``trainee`` names who trains (default: :func:`trainer.current_trainee`, which
        the Your name field can change); ``recorder`` saves each attempt (default: a
        :class:`trainer.Recorder` on the default store, made when first
        needed).  With a ``desk`` the exercise runs at the desk's station, with the
        desk's login code (``station`` and ``extension`` must then be left out or be
        the desk's).  ``clock`` gives the seconds an attempt takes and ``now`` when it
        started, in UTC (tests and lessons pass their own).  ``engineer`` shows the Action
        box (default: shown, except on an agent's page in Voila; see :func:`is_agents_page`).
        """
        if desk is not None and (
            station not in (None, desk.station) or extension not in (None, desk.extension)
        ):
            raise ipo.ConfigError(
                [
                    f"The exercise is at desk {desk.station}, not at station {station!r} or "
                    f"extension {extension!r}: leave station and extension out with a desk."
                ]
            )
        self.office = system.config
        """The site as given, before any desk (a copy of ``system``'s configuration)."""
        self.method = Method(method)
        """The method practised."""
        self._asked = (station or "3000", extension, code, group)  # where, without a desk
        self.desk: ipo.Desk | None = None
        """The trainee's own desk, or None (the exercise runs at ``station`` as given)."""
        self.site: ipo.Config
        """The configuration every attempt boots from: the office, with the desk's code if any."""
        self.procedure: Procedure
        """The exercise: its method, station, agent and steps."""
        self._place(desk)
        self.trainee = trainee if trainee is not None else trainer.current_trainee()
        """Who trains: every attempt is saved under this name."""
        self.is_name_fixed = trainee is not None or trainer.is_name_fixed()
        """True when the name is given (by the lesson, or the Hub) and the trainee cannot change it."""
        self.recorder = recorder
        """Where attempts are saved; None until the default one is first needed."""
        self.clock = clock
        """Where the seconds of an attempt come from."""
        self.now = now
        """When an attempt starts, as a UTC datetime."""
        self.heading = w.HTML()
        """The exercise's title."""
        self.who = w.HTML()
        """Who trains, and at which desk."""
        self.name = w.Text(
            description="Your name",
            placeholder="Ana Lima",
            layout=w.Layout(width="320px"),
        )
        """The trainee's name: typed once on this computer, read-only under the Hub."""
        self.remember = w.Button(
            description="That's me",
            tooltip="Keep this name on this computer: your attempts are saved under it",
        )
        """Keeps the name typed in ``name`` as the trainee's."""
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
        self.engineer = not is_agents_page() if engineer is None else bool(engineer)
        """True when the Action box is shown (engineers, tests); False on an agent's page."""
        self.action = w.HBox([self.command, self.do])
        """The Action box and its Do button: hidden unless ``engineer``."""
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
        self.record: trainer.AttemptRecord | None = None
        """The last completed attempt as the training records keep it, or None."""
        self.receipt: Receipt | None = None
        """What the recorder answered last (``saved``, ``pending``, ``message``), or None."""
        self._attempts: list[Attempt] = []
        self._started = 0.0
        self._dial_delay: asyncio.TimerHandle | None = None
        self._started_at = now()
        self._rng: random.Random | None = None
        self._draws_desks = False  # for_trainee: a new name gets a desk of its own
        self._desk_of = ""  # whose desk it is, when it is drawn for them
        self._typed = ""  # the name typed in this exercise: it keeps it, whatever else is typed
        self.keeper = browser_records()
        """On a browser-only page, what keeps the attempts in the browser; None elsewhere."""
        if self.keeper is not None:
            self.keeper.on_restored(self._on_restored)
        super().__init__(**kwargs)
        self.add_class("ipo-exercise")
        self.hint.add_class("ipo-hint")
        self.action.add_class("ipo-action")
        self.action.layout.display = None if self.engineer else "none"
        self.do.on_click(self._on_do_click)
        self.again.on_click(self._on_again_click)
        self.remember.on_click(self._on_remember_click)
        self.children = (
            w.HTML(_CSS),
            self.heading,
            w.HBox([self.who, self.name, self.remember]),
            self.unavailable,
            self.steps,
            self.views,
            self.hint,
            w.HBox([self.action, self.again]),
            self.result,
            self.status,
        )
        with self._guarded():  # a store that cannot be opened is a sentence, not a traceback
            self._start()

    @classmethod
    def for_trainee(
        cls,
        system: ipo.System,
        method: Method | str,
        *,
        trainee: str | None = None,
        rng: random.Random | None = None,
        recorder: Recorder | None = None,
        **kwargs: Any,
    ) -> Exercise:
        """The exercise at ``trainee``'s own desk on ``system``'s site (see :meth:`ipo_core.Desk.draw`).

        The desk's station comes from the trainee's name; its login code from ``rng``,
        by default :func:`trainer.desk_rng`: seeded from the trainee's name and a
        secret kept in the trainer's folder, so a trainee keeps their code on this
        computer, session after session, and a colleague cannot work it out.  Other
        keywords are the constructor's (``clock``, ``now``, ``group`` ...).
        """
        name = trainee if trainee is not None else trainer.current_trainee()
        desk = ipo.Desk.draw(system.config, name, rng if rng is not None else desk_rng(name))
        exercise = cls(system, method, trainee=trainee, recorder=recorder, desk=desk, **kwargs)
        exercise._rng, exercise._draws_desks, exercise._desk_of = rng, True, name
        return exercise

    @property
    def attempts(self) -> tuple[Attempt, ...]:
        """Every completed attempt since the exercise was made, oldest first."""
        return tuple(self._attempts)

    # --- handlers: one call into the core each, then _render -------------------------------

    @guarded
    def _on_do_click(self, _: w.Button) -> None:
        self.checker.perform(Action.parse(self.command.value), self._draft())
        self._after_action()
        self._run_dial_delay()  # digits typed as actions wait the dial delay too
        if self.handset is not None:
            self.handset.refresh()  # the phone changed behind the handset's back

    @guarded
    def _on_again_click(self, _: w.Button) -> None:
        self._start()

    @guarded
    def _on_remember_click(self, _: w.Button) -> None:
        self._typed = trainer.remember_trainee(self.name.value)
        self._sit_down(self._typed)
        if self.keeper is not None:
            self.keeper.keep()  # the next page knows the name too

    @guarded
    def _on_restored(self) -> None:
        """The browser gave back the name kept by an earlier page: it trains here now."""
        self._sit_down(self._name_now())

    def _on_phone_action(self, action: Action, screen: ipo.Display) -> None:
        """The embedded handset did ``action`` (its own handler shows any IpoError)."""
        self.checker.check(action, screen)
        self._after_action()
        self._run_dial_delay()
        self._render()

    @guarded
    def _on_dial_delay(self) -> None:
        """The Dial Delay Time ran out in real time: the phone gives up, the checker says why."""
        self._dial_delay = None
        due = self.system.phone(self.procedure.station).timer_due
        if due is None or self.checker.is_complete:  # a key since then stopped the timer
            return
        self.system.advance(max(due - self.system.time, 0.0))
        self.checker.check_time()
        self._after_action()
        if self.handset is not None:
            self.handset.refresh()

    def close(self) -> None:
        """Stop the dial-delay timer, close the phone and Manager views, then the widget."""
        self._cancel_dial_delay()
        views = getattr(self, "views", None)  # ipywidgets closes a half-built one too
        for view in views.children if views is not None else ():
            view.close()
        super().close()

    def _cancel_dial_delay(self) -> None:
        timer = getattr(self, "_dial_delay", None)
        if timer is not None:
            timer.cancel()
        self._dial_delay = None

    def _run_dial_delay(self) -> None:
        """Let the phone's Dial Delay Time (rule R7) pass in real time while digits wait.

        Model time moves only when told, so on its own a phone left with ``*35*3000*1234``
        would wait for ever; a real one gives up after the delay and says Incompatible, and
        the trainee should hear why ("needs # at the end") without hanging up.  Without an
        event loop (a script, a test) nothing is scheduled: ``system.advance`` or a ``wait``
        action moves the clock there.
        """
        self._cancel_dial_delay()
        due = self.system.phone(self.procedure.station).timer_due
        if due is None or self.checker.is_complete:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._dial_delay = loop.call_later(max(due - self.system.time, 0.0), self._on_dial_delay)

    @guarded
    def _on_manager_event(self, *_: object) -> None:
        """Something happened in the Manager screens: check what it changed, if anything."""
        self.checker.check_edits(self._draft())
        self._after_action()

    # --- attempts ---------------------------------------------------------------------------

    def _place(self, desk: ipo.Desk | None) -> None:
        """Set the exercise at ``desk`` (or at the station as given, for None)."""
        station, extension, code, group = self._asked
        self.desk = desk
        self.site = self.office
        if desk is not None:
            self.site = desk.apply(self.office)
            station, extension, code = desk.station, desk.extension, None  # the desk's own code
        self.procedure = Procedure.for_site(
            self.method, self.site, station, extension=extension, code=code, group=group
        )

    def _sit_down(self, name: str) -> None:
        """``name`` trains here from now on; at a desk of one's own, theirs is drawn and started."""
        if self._take_seat(name):
            self._start()

    def _take_seat(self, name: str) -> bool:
        """``name`` trains here; True when that gives them a desk of their own to start at."""
        self.trainee = name
        if not self._draws_desks or name == self._desk_of:
            return False
        rng = self._rng if self._rng is not None else desk_rng(name)
        self._place(ipo.Desk.draw(self.office, name, rng))
        self._desk_of = name
        return True

    def _name_now(self) -> str:
        """Who trains now: the name given or fixed, else the one typed here, else this kernel's.

        A name typed into another exercise of this kernel is this one's too, unless a name
        was typed here: the trainee gives their name once on a page.  A name typed on another
        page (another kernel) never is (:func:`trainer.current_trainee`).
        """
        if self.is_name_fixed:
            return self.trainee
        return self._typed or trainer.current_trainee()

    def _start(self) -> None:
        """A fresh system booted from the site, put where the exercise starts, and new views.

        The recorder writes first whatever waits from earlier attempts, and says so.
        """
        self._take_seat(self._name_now())  # named elsewhere since: their desk, from now on
        self._cancel_dial_delay()  # the last attempt's phone is going away
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
            self.manager = _manager(
                system, self.checker.draft, self._on_manager_event, self.procedure
            )
            views.append(
                _missing("widgets.manager", "config merge")
                if self.manager is None
                else self.manager
            )
        self.views.children = views
        self.status.clear()
        self._started, self._started_at = self.clock(), self.now()
        self._hear(lambda recorder: recorder.start())

    def _after_action(self) -> None:
        self.trainee = self._name_now()  # the attempt is theirs even if named mid-way
        if self.checker.is_complete and self.attempt is None:
            self.attempt = self.checker.attempt(seconds=self.clock() - self._started)
            self._attempts.append(self.attempt)
            record = self.record = trainer.AttemptRecord.from_attempt(
                self.attempt,
                trainee=self.trainee,
                model=self.procedure.model,
                station=self.procedure.station,
                started=self._started_at,
            )
            self._hear(lambda recorder: recorder.save(record))

    def _hear(self, call: Callable[[Recorder], Receipt]) -> None:
        """Ask the recorder (made now if it is the default) and show its receipt's message.

        The recorder never raises for a store that is down (the attempt waits in the
        outbox); an IpoError here is a store it cannot open at all, shown in the status
        line whichever widget's handler we are in.
        """
        try:
            if self.recorder is None:
                self.recorder = Recorder()
            receipt = self.receipt = call(self.recorder)
        except ipo.IpoError as error:
            self.status.show_error(error)
        else:
            if receipt.message:
                self.status.show_ok(receipt.message)
            if self.keeper is not None:
                self.keeper.keep()  # into the browser's storage, for the next page

    def _draft(self) -> ipo.Config:
        """Manager's draft: the embedded Manager's own, or the checker's."""
        return self.manager.draft if self.manager is not None else self.checker.draft

    # --- drawing ----------------------------------------------------------------------------

    def _describe(self) -> str:
        return self.procedure.title

    def _render(self) -> None:
        """Write every child from the procedure, the checker and who trains."""
        checker, procedure = self.checker, self.procedure
        self.heading.value = f"<h3>{html.escape(procedure.title)}</h3>"
        desk = self.desk
        where = (
            ""
            if desk is None
            else f" at desk {desk.station} ({desk.model}): your extension is {desk.extension}, "
            f"your login code {desk.login_code}"  # the trainee's own, on their own page
        )
        self.who.value = (
            f'<p class="ipo-who">You are <b>{html.escape(self.trainee)}</b>'
            f"{html.escape(where)}.</p>"
        )
        self.name.value = self.trainee
        self.name.disabled = self.is_name_fixed
        self.name.layout.display = "none" if self.is_name_fixed else None
        self.remember.layout.display = "none" if self.is_name_fixed else None
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


#: Set (to any value) in a kernel that renders an agent's page some other way: the static
#: site's agents' lessons (``make docs``) are run with it.
AGENTS_PAGE_VARIABLE = "IPO_AGENTS_PAGE"


def is_agents_page(environ: Mapping[str, str] | None = None) -> bool:
    """True in a kernel rendering a page for agents.

    Voila sets ``SERVER_SOFTWARE=voila/<version>`` for every page's kernel; the static
    site's build sets :data:`AGENTS_PAGE_VARIABLE` for the agents' lessons.

    >>> is_agents_page({"SERVER_SOFTWARE": "voila/0.5.8"}), is_agents_page({})
    (True, False)
    >>> is_agents_page({"IPO_AGENTS_PAGE": "1"})
    True
    """
    environ = os.environ if environ is None else environ
    return environ.get("SERVER_SOFTWARE", "").startswith("voila/") or bool(
        environ.get(AGENTS_PAGE_VARIABLE)
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


def _manager(
    system: ipo.System,
    draft: ipo.Config,
    on_event: Callable[..., None],
    procedure: Procedure,
) -> Any:
    """Manager over ``draft``, open on the trainee's own user (and the task's hunt group)."""
    try:
        from widgets.manager import Manager
    except ImportError:
        return None
    manager = Manager(system, site="exercise", draft=draft)
    # Chosen before listening: opening on the trainee's records is not one of their actions.
    if draft.find_user(procedure.extension) is not None:
        manager.user_picker.value = procedure.extension
    if procedure.group:
        manager.group_picker.value = draft.hunt_group(procedure.group).extension
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
