"""widgets.Exercise: every exercise done headless, by clicking the embedded phone and Manager.

The trainee's hands are the embedded widgets' own children: the Handset's keys
(``Button.click()``) and the Manager's fields (setting ``.value``) and buttons.  A
click script is the checker's action texts separated by ``;`` (see
``tests/test_procedures.py``); :func:`click` turns each into the click a trainee
would make.  The site is the tech tip's: agent 3000 on a 4612 with login code 1234.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import ipywidgets as w
import pytest

import ipo_core as ipo
import trainer
from ipo_core.site.shortcodes import DIAL_DELAY_TIME
from ipo_core.training.actions import Action, Method
from ipo_core.training.checker import Checker
from ipo_core.training.exercises import Attempt
from trainer.identity import DESK_SECRET_VARIABLE, desk_rng
from trainer.outbox import Outbox
from trainer.recorder import Recorder
from trainer.store import Store
from widgets.base import plain_text
from widgets.exercise import Exercise

LOGOUT = "Advanced > Extn > ExtnLogout"
CODE = "1234"  # Agent3000's own code: the live hint may name it, the attempt keeps it masked


class Clock:
    """Wall-clock seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tip_system() -> ipo.System:
    return ipo.System(ipo.load_site("tech_tip_014"))


def make(method: Method, clock: Clock | None = None, system: ipo.System | None = None) -> Exercise:
    system = system or ipo.System(ipo.load_site("tech_tip_014"))
    return Exercise(system, method, clock=clock or Clock())


def click(exercise: Exercise, script: str) -> None:
    """Do each action of ``script`` the way a trainee does it: on the embedded widgets."""
    for text in script.split(";"):
        if text.strip():
            click_one(exercise, Action.parse(text))


def click_one(exercise: Exercise, action: Action) -> None:
    handset, manager = exercise.handset, exercise.manager
    if action.kind == "key" and action.value in handset.keypad:
        handset.keypad[action.value].click()
    elif action.kind == "key":
        handset.menu_keys[action.value].click()
    elif action.kind == "softkey":
        labels = [key.description for key in handset.softkeys]
        handset.softkeys[labels.index(action.value)].click()
    elif action.kind == "button":
        handset.line_keys[int(action.value) - 1].click()
    elif action.kind in ("lift", "hang_up"):
        assert handset.hook.description == ("Lift handset" if action.kind == "lift" else "Hang up")
        handset.hook.click()
    else:
        edit(manager, action.value)


def edit(manager: w.Widget, text: str) -> None:
    """One Manager edit, as the trainee makes it on Manager's forms."""
    words = text.split()
    if text == "merge":
        manager.merge.click()
    elif text.startswith("short code "):
        code, number, feature = words[2].split("/")[:3]
        manager.tree.value = "Short Code"
        manager.short_code.value = code
        manager.telephone_number.value = number
        manager.feature.value = feature
        manager.add_short_code.click()
    elif words[2:4] == ["force", "login"]:
        manager.tree.value = "User"
        manager.user_picker.value = words[1]
        manager.tabs.selected_index = 1  # Telephony
        manager.force_login.value = words[4] == "on"
    elif words[2:4] == ["login", "code"]:
        manager.user_picker.value = words[1]
        manager.tabs.selected_index = 1
        manager.login_code.value = words[4] if len(words) > 4 else ""
    elif words[2] == "button":
        manager.user_picker.value = words[1]
        manager.tabs.selected_index = 3  # Button Programming
        manager.buttons.value = int(words[3])
        if words[4] == "Dial":
            manager.action.value = "Dial"
            manager.button_number.value = words[5]
        else:
            manager.action.value = (
                LOGOUT if words[4] == "ExtnLogout" else "Advanced > Extn > ExtnLogin"
            )
        manager.set_button.click()
    elif words[:2] == ["hunt", "group"]:
        manager.tree.value = "Hunt Group"
        manager.group_picker.value = manager.draft.hunt_group(words[2]).extension
        manager.hunt_type.value = ipo.HuntMode.from_name(" ".join(words[4:]))
    else:
        raise AssertionError(f"no click for {text!r}")


def model_answer(exercise: Exercise) -> str:
    return "; ".join(str(a) for a in exercise.procedure.script)


def step_classes(exercise: Exercise) -> list[str]:
    """Each step's mark as drawn: done, current or todo."""
    value = exercise.steps.value
    return [part.split('"')[0] for part in value.split('class="ipo-step ipo-')[1:]]


# --- every exercise, clicked through ----------------------------------------------------


@pytest.mark.parametrize("method", list(Method))
def test_every_exercise_can_be_completed_by_clicking_the_embedded_widgets(
    method: Method, clock: Clock
) -> None:
    exercise = make(method, clock)
    clock.now += 42
    click(exercise, model_answer(exercise))
    attempt = exercise.attempt
    assert isinstance(attempt, Attempt)
    assert attempt.passed
    assert attempt.mistakes == 0
    assert attempt.method is method
    assert attempt.seconds == 42
    assert attempt.exercise == exercise.procedure.title
    assert step_classes(exercise) == ["done"] * len(exercise.procedure.steps)
    assert "Passed" in exercise.result.value
    assert exercise.hint.text == ""
    assert exercise.status.text == "Saved to your training record."  # the default store


@pytest.mark.parametrize(
    ("method", "views"),
    [
        (Method.LOGON_STAR_35, ["Handset"]),
        (Method.LOGON_MENU, ["Handset"]),
        (Method.LOGOFF_STAR_36, ["Handset"]),
        (Method.LOGON_SHORT_CODE, ["Handset", "Manager"]),
        (Method.LOGOFF_BUTTON, ["Handset", "Manager"]),
        (Method.CONFIG_LOGON_AGENT, ["Manager"]),
        (Method.CONFIG_HUNT_MODE, ["Manager"]),
    ],
)
def test_each_exercise_embeds_the_phone_and_or_manager_its_steps_use(
    method: Method, views: list[str]
) -> None:
    exercise = make(method)
    assert [type(v).__name__ for v in exercise.views.children] == views
    assert (exercise.handset is not None) == ("Handset" in views)
    assert (exercise.manager is not None) == ("Manager" in views)


def test_the_steps_are_numbered_with_the_current_one_highlighted(clock: Clock) -> None:
    exercise = make(Method.LOGON_MENU, clock)
    assert (
        exercise.heading.value
        == "<h3>Log on with the Menu keys: Agent3000 at station 3000 (4612)</h3>"
    )
    assert "<ol" in exercise.steps.value
    assert step_classes(exercise) == ["current", "todo", "todo", "todo", "todo", "todo"]
    click(exercise, "key MENU; key MENU; key RIGHT")
    assert step_classes(exercise) == ["done", "done", "current", "todo", "todo", "todo"]
    assert "Select Hdesk." in exercise.steps.value


def test_after_a_wrong_code_at_the_menu_keys_the_checklist_stays_at_the_code_step() -> None:
    exercise = make(Method.LOGON_MENU)
    to_code = "key MENU; key MENU; key RIGHT; softkey Hdesk; softkey Logon; "
    to_code += "key 3; key 0; key 0; key 0; softkey Next"
    click(exercise, f"{to_code}; key 9; key 9; key 9; key 9; softkey Done")
    assert exercise.handset.phone.display[1] == "Invalid"
    assert step_classes(exercise) == ["done"] * 5 + ["current"]
    assert "kept your place at step 6" in exercise.hint.text
    click(exercise, "key MENU; key MENU")  # going round again: the place is kept, no hint
    assert step_classes(exercise) == ["done"] * 5 + ["current"]
    assert exercise.hint.text == ""
    click(exercise, f"{to_code.split('; ', 2)[2]}; key 1; key 2; key 3; key 4; softkey Done")
    assert exercise.attempt is not None
    assert exercise.attempt.passed


# --- hints after a wrong step -----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "script", "hint"),
    [
        (
            Method.LOGON_MENU,
            "key MENU; key MENU; key RIGHT; key RIGHT",
            "The Right arrow (marked Next) was pressed twice: Hdesk is one page to the right of the "
            "second Menu page, so once is enough. Hdesk is shown now: select it.",
        ),
        (
            Method.LOGON_MENU,
            "key MENU; key RIGHT",
            "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).",
        ),
        (
            Method.LOGON_MENU,
            "key MENU; key MENU; key RIGHT; softkey Hdesk; softkey Logon; softkey Next",
            "You pressed Next before typing the extension: the phone takes its own extension, "
            "3000, this time, but type it as the tip does: 3000, then the Next softkey.",
        ),
        (
            Method.LOGON_MENU,
            "key MENU; key MENU; key RIGHT; softkey Hdesk; softkey Logon; key 3; key 0; key 0; "
            "key 0; softkey Next; key 1; key 2; key 3; key 5; softkey Done",
            f"Invalid: the code is 4 digits: {CODE}. The phone has left the Logon prompt: go "
            "round again (press Menu twice, then the Right arrow (marked Next) once, then Hdesk, "
            "Logon, 3000 and the Next softkey), and the checklist has kept your place at step 6.",
        ),
        (
            Method.LOGON_STAR_35,
            "key *; key 3; key 5; key *; key 3; key 0; key 0; key 0; key *; key 1; key 2; key 5",
            f"The code is 4 digits: {CODE}. Hang up and dial again.",
        ),
        (
            Method.LOGON_STAR_35,
            "key *; key 3; key 6",
            f"That was *36 (log off); to log on dial *35*3000*{CODE}#. Hang up and dial again.",
        ),
        (
            Method.LOGON_SHORT_CODE,
            "config short code #3000/3000*1234/ExtnLogin; key #",
            "The short code works only after Merge.",
        ),
        (
            Method.LOGOFF_BUTTON,
            "config user 3000 button 2 ExtnLogout; config merge; button 3",
            "Button 3 is not the logoff button you programmed: press button 2.",
        ),
        (
            Method.CONFIG_LOGON_AGENT,
            "config user 3000 login code 12",
            f"A Login Code of 2 digits is too short: the tip asks for at least 4, such as {CODE}.",
        ),
        (
            Method.CONFIG_HUNT_MODE,
            "config merge",
            "Merged before the change was complete. Hunt group Sales is in Group mode: CCC, CCV "
            "and CBC report it wrongly. Set Hunt Group > Hunt Type to Linear, Circular or Most "
            "Idle.",
        ),
    ],
)
def test_a_wrong_step_shows_a_hint_that_names_what_happened(
    method: Method, script: str, hint: str
) -> None:
    exercise = make(method)
    click(exercise, script)
    assert exercise.hint.text == hint
    assert exercise.checker.mistakes == 1
    assert exercise.attempt is None


def test_a_right_step_after_a_wrong_one_clears_the_hint_and_mistakes_are_counted(
    clock: Clock,
) -> None:
    exercise = make(Method.LOGON_MENU, clock)
    click(exercise, "key MENU; key RIGHT")
    assert exercise.hint.text.startswith("Menu was pressed once")
    click(exercise, "key MENU")
    assert exercise.hint.text == ""
    click(exercise, "key RIGHT; key RIGHT; softkey Hdesk; softkey Logon")
    click(exercise, "key 3; key 0; key 0; key 0; softkey Next; key 1; key 2; key 3; key 4")
    clock.now += 30
    click(exercise, "softkey Done")
    attempt = exercise.attempt
    assert attempt is not None
    assert (attempt.passed, attempt.mistakes, attempt.seconds) == (True, 2, 30)
    assert attempt.steps[:6] == (
        "key MENU",
        "key RIGHT",
        "key MENU",
        "key RIGHT",
        "key RIGHT",
        "softkey Hdesk",
    )
    assert "Passed" in exercise.result.value
    assert "2 mistakes" in exercise.result.value


def test_a_goal_reached_another_way_is_recorded_as_not_passed() -> None:
    exercise = make(Method.LOGOFF_MENU)
    click(exercise, "key *; key 3; key 6")
    assert exercise.attempt is not None
    assert not exercise.attempt.passed
    assert exercise.hint.text == (
        "Agent3000 is logged off by dialling *36, not with the Menu keys: start the exercise "
        "again to practise it."
    )
    assert "Not passed" in exercise.result.value


# --- a method that cannot work on this handset ------------------------------------------


@pytest.fixture
def site_with_a_4606() -> ipo.System:
    """The tech tip's site with a 4606 on agent 3000's desk."""
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", "4606")
    return ipo.System(site)


def test_the_exercise_says_when_the_method_cannot_work_on_this_handset(
    site_with_a_4606: ipo.System,
) -> None:
    exercise = Exercise(site_with_a_4606, Method.LOGON_MENU)
    assert "The 4606 has no Menu keys: use *35*Extn*Code# instead." in exercise.unavailable.value
    assert exercise.handset.menu_keys == {}
    assert exercise.handset.softkeys == ()
    dial = Exercise(site_with_a_4606, Method.LOGON_STAR_35)
    assert dial.unavailable.value == ""
    click(dial, model_answer(dial))
    assert dial.attempt is not None
    assert dial.attempt.passed


def test_a_menu_key_typed_on_a_4606_is_an_ipo_error_in_the_status_line(
    site_with_a_4606: ipo.System,
) -> None:
    exercise = Exercise(site_with_a_4606, Method.LOGOFF_MENU)
    assert "use *36 instead" in exercise.unavailable.value
    exercise.command.value = "key MENU"
    exercise.do.click()
    assert exercise.status.text.startswith("The 4606 has no key 'MENU'.")
    assert "ipo-error" in exercise.status.value
    assert exercise.checker.actions == ()


# --- the Action box ---------------------------------------------------------------------


def test_actions_typed_in_the_action_box_are_done_and_checked(clock: Clock) -> None:
    exercise = make(Method.LOGON_SHORT_CODE, clock)
    for text in ("config short code #3000/3000*1234/ExtnLogin", "config merge", "dial #3000"):
        exercise.command.value = text
        exercise.do.click()
    assert exercise.attempt is not None
    assert exercise.attempt.passed
    assert exercise.handset.text[1].strip() == "Logged on"  # the handset was drawn again
    assert "#3000" in exercise.manager.draft.short_codes[-1].code  # in Manager's own draft


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("softkey Logoff", "No softkey 'Logoff' is shown now (shown: none)."),
        ("jump", "There is no kind of action 'jump'."),
        ("button 30", "The 4612 has no key 30."),
    ],
)
def test_an_ipo_error_is_shown_in_the_status_line_never_a_traceback(
    text: str, message: str
) -> None:
    exercise = make(Method.LOGON_MENU)
    exercise.command.value = text
    exercise.do.click()
    assert exercise.status.text.startswith(message)
    assert "ipo-error" in exercise.status.value
    assert exercise.checker.mistakes == 0


def test_an_ipo_error_in_the_manager_stays_in_the_managers_status_line() -> None:
    exercise = make(Method.CONFIG_LOGON_AGENT)
    click(exercise, "config user 3000 force login on; config merge")
    assert "Force Login ticked but no Login Code" in exercise.manager.status.text
    assert exercise.checker.mistakes == 0
    assert exercise.status.text == ""


# --- other exceptions stay loud ---------------------------------------------------------


@pytest.fixture
def broken_checker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def broken(self: Checker, *args: object, **kwargs: object) -> None:
        raise RuntimeError("the checker is broken")

    monkeypatch.setattr(Checker, "check", broken)
    return


@pytest.mark.usefixtures("broken_checker")
def test_a_bug_behind_a_click_reaches_ipywidgets_which_logs_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    exercise = make(Method.LOGON_STAR_35)
    for button in (exercise.handset.keypad["*"], exercise.do):
        exercise.command.value = "key *"
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            button.click()
        assert any(
            record.exc_info and isinstance(record.exc_info[1], RuntimeError)
            for record in caplog.records
        )
    assert "broken" not in exercise.status.text
    assert "broken" not in exercise.handset.status.text


@pytest.mark.usefixtures("broken_checker")
def test_a_bug_behind_a_manager_field_raises() -> None:
    exercise = make(Method.CONFIG_LOGON_AGENT)
    exercise.manager.user_picker.value = "3000"
    with pytest.raises(RuntimeError, match="the checker is broken"):
        exercise.manager.force_login.value = True
    assert "broken" not in exercise.status.text


# --- try again --------------------------------------------------------------------------


def test_try_again_starts_afresh_on_a_new_system(tip_system: ipo.System, clock: Clock) -> None:
    exercise = Exercise(tip_system, Method.LOGOFF_STAR_36, clock=clock)
    first = exercise.system
    assert first is not tip_system
    click(exercise, "key *; key 3; key 7; hang_up; key *; key 3; key 6")
    assert exercise.attempt is not None
    assert exercise.attempt.mistakes == 1
    exercise.again.click()
    assert exercise.attempt is None
    assert exercise.system is not first
    assert exercise.system.location_of("3000") == "3000"  # logged on again, ready to log off
    assert exercise.hint.text == ""
    assert exercise.result.value == ""
    assert step_classes(exercise) == ["current"]
    click(exercise, "key *; key 3; key 6")
    assert [a.mistakes for a in exercise.attempts] == [1, 0]
    assert tip_system.location_of("3000") is None  # the trainee's own system is untouched


def test_try_again_gives_the_manager_a_fresh_draft() -> None:
    exercise = make(Method.CONFIG_HUNT_MODE)
    click(exercise, model_answer(exercise))
    exercise.again.click()
    assert exercise.manager.draft.hunt_group("Sales").mode is ipo.HuntMode.GROUP
    click(exercise, "config hunt group Sales mode Circular; config merge")
    assert [a.passed for a in exercise.attempts] == [True, True]


# --- without the handset and Manager views ----------------------------------------------


def test_without_the_handset_and_manager_widgets_the_action_box_does_every_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "widgets.handset", None)  # import fails
    monkeypatch.setitem(sys.modules, "widgets.manager", None)
    exercise = make(Method.LOGOFF_BUTTON)
    assert exercise.handset is None
    assert exercise.manager is None
    notes = [child.value for child in exercise.views.children]
    assert "widgets.handset is not installed" in notes[0]
    assert "widgets.manager is not installed" in notes[1]
    for action in exercise.procedure.script:
        exercise.command.value = str(action)
        exercise.do.click()
    assert exercise.attempt is not None
    assert exercise.attempt.passed


# --- quiet --------------------------------------------------------------------------------


def test_doing_an_exercise_writes_nothing_to_stderr(
    capsys: pytest.CaptureFixture[str], recwarn: pytest.WarningsRecorder
) -> None:
    exercise = make(Method.LOGOFF_BUTTON)
    click(exercise, "button 1; config user 3000 button 1 ExtnLogout; config merge; button 1")
    exercise.command.value = "softkey Nothing"
    exercise.do.click()
    exercise.again.click()
    assert capsys.readouterr().err == ""
    assert len(recwarn) == 0


def test_the_view_is_a_drawing_of_the_checker_and_nothing_else(clock: Clock) -> None:
    """Drawing again from the model changes nothing: the widget keeps no state of its own."""
    exercise = make(Method.LOGON_MENU, clock)
    click(exercise, "key MENU; key RIGHT")  # one wrong step: a hint is showing

    def drawn() -> tuple[str, ...]:
        parts = (exercise.heading, exercise.unavailable, exercise.steps, exercise.hint)
        return tuple(w.value for w in (*parts, exercise.result, exercise.status))

    before = drawn()
    assert exercise.hint.text
    exercise._render()
    assert drawn() == before


# --- who trains, and where their attempts go ---------------------------------------------


@dataclass(frozen=True)
class Receipt:
    """What a recorder answers, as trainer.recorder.Receipt does."""

    saved: bool
    pending: int
    message: str


class FakeRecorder:
    """A recorder whose store is up or down as the test says; attempts wait in a list meanwhile."""

    def __init__(self, *, down: bool = False) -> None:
        self.down = down
        self.stored: list[trainer.AttemptRecord] = []
        self.outbox: list[trainer.AttemptRecord] = []
        self.starts = 0
        self.where = "fake"

    def save(self, record: trainer.AttemptRecord) -> Receipt:
        self.outbox.append(record)
        return self._flush("Your attempt is saved in the training records.")

    def start(self) -> Receipt:
        self.starts += 1
        return self._flush("")

    def _flush(self, said: str) -> Receipt:
        if self.down:
            return Receipt(
                False,
                len(self.outbox),
                "The training records cannot be reached just now: your attempt is kept on "
                "this computer and saved next time.",
            )
        waited = [r for r in self.outbox if r.uid not in {s.uid for s in self.stored}]
        self.stored.extend(waited)
        self.outbox.clear()
        if not said and waited:
            said = f"{len(waited)} earlier attempt(s) kept on this computer are now saved."
        return Receipt(True, 0, said)


START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def trainer_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its records in a folder of its own: never the developer's store."""
    home = tmp_path / "trainer"
    monkeypatch.setenv("IPO_TRAINER_HOME", str(home))
    monkeypatch.setenv("IPO_TRAINER_DB", str(home / "records.sqlite"))
    monkeypatch.setenv("IPO_TRAINER_TRAINEE", "tester")
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return home


def test_a_completed_exercise_saves_one_record_of_the_trainee_and_the_station(
    clock: Clock,
) -> None:
    recorder = FakeRecorder()
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        Method.LOGON_STAR_35,
        station="3001",
        trainee="Ana",
        recorder=recorder,
        clock=clock,
        now=lambda: START,
    )
    clock.now += 30
    click(exercise, "key *; key 3; key 5; key *; key 3; key 0; key 0; key 1; key *; key 1")
    click(exercise, "key #; hang_up")  # a wrong code: a hint, then the tip's steps
    click(exercise, model_answer(exercise))
    assert len(recorder.stored) == 1
    record = recorder.stored[0]
    assert record == exercise.record
    assert (record.trainee, record.method, record.model, record.station) == (
        "Ana",
        "logon-star-35",
        "6416D+",
        "3001",
    )
    assert record.passed
    assert record.mistakes == exercise.attempt.mistakes == 1
    assert record.hints == exercise.attempt.hints
    assert len(record.hints) == 1
    assert record.steps == exercise.attempt.steps
    assert "5678" not in "".join(record.steps)  # login codes are masked
    assert "5678" not in "".join(record.hints)
    assert (record.started, record.seconds) == (START, 30)
    assert record.ended == START + timedelta(seconds=30)
    assert exercise.status.text == "Your attempt is saved in the training records."


def test_the_trainee_is_the_current_one_unless_given() -> None:
    recorder = FakeRecorder()
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36, recorder=recorder
    )
    click(exercise, "key *; key 3; key 6")
    assert recorder.stored[0].trainee == "tester"
    assert plain_text(exercise.who.value) == "You are tester."


def test_each_attempt_is_its_own_record_and_try_again_flushes_first(clock: Clock) -> None:
    recorder = FakeRecorder()
    exercise = make_recorded(Method.LOGOFF_STAR_36, recorder, clock)
    assert recorder.starts == 1
    click(exercise, "key *; key 3; key 6")
    exercise.again.click()
    assert recorder.starts == 2
    assert exercise.status.text == ""  # nothing waited
    click(exercise, "key *; key 3; key 7; hang_up; key *; key 3; key 6")
    assert [r.mistakes for r in recorder.stored] == [0, 1]
    assert len({r.uid for r in recorder.stored}) == 2


def make_recorded(method: Method, recorder: object, clock: Clock | None = None) -> Exercise:
    return Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        method,
        trainee="Ana",
        recorder=recorder,  # type: ignore[arg-type]
        clock=clock or Clock(),
        now=lambda: START,
    )


def test_a_store_that_is_down_is_said_in_plain_words_and_the_attempt_waits() -> None:
    recorder = FakeRecorder(down=True)
    exercise = make_recorded(Method.LOGOFF_STAR_36, recorder)
    click(exercise, "key *; key 3; key 6")
    assert recorder.stored == []
    assert [r.trainee for r in recorder.outbox] == ["Ana"]
    said = exercise.status.text
    assert "kept on this computer" in said
    assert "Traceback" not in said
    assert "Passed" in exercise.result.value  # the attempt itself is not lost
    recorder.down = False
    exercise.again.click()  # the next start writes what waited
    assert [r.uid for r in recorder.stored] == [exercise.record.uid]
    assert exercise.status.text == "1 earlier attempt(s) kept on this computer are now saved."


def test_an_exercise_started_with_attempts_waiting_says_they_are_saved_now() -> None:
    recorder = FakeRecorder(down=True)
    make_recorded(Method.LOGOFF_STAR_36, recorder)
    click(make_recorded(Method.LOGOFF_STAR_36, recorder), "key *; key 3; key 6")
    recorder.down = False
    later = make_recorded(Method.LOGON_MENU, recorder)
    assert len(recorder.stored) == 1
    assert "now saved" in later.status.text


def test_a_store_address_that_cannot_be_used_is_a_sentence_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IPO_TRAINER_DB", "mysql://nobody@nowhere/records")
    exercise = Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36)
    assert "IPO_TRAINER_DB" in exercise.status.text
    click(exercise, "key *; key 3; key 6")
    assert exercise.attempt is not None
    assert exercise.attempt.passed
    assert "IPO_TRAINER_DB" in exercise.status.text


# --- the real recorder, on a SQLite file of the test's own ------------------------------


def test_with_the_real_recorder_the_attempt_is_in_the_store(tmp_path: Path) -> None:
    url = str(tmp_path / "class.sqlite")
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        Method.LOGOFF_STAR_36,
        trainee="Ana",
        recorder=Recorder(url),
        now=lambda: START,
    )
    click(exercise, "key *; key 3; key 6")
    assert exercise.receipt.saved
    with Store(url) as store:
        assert store.records() == (exercise.record,)
    assert exercise.status.text == exercise.receipt.message


def test_with_the_real_recorder_a_locked_store_keeps_the_attempt_until_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "class.sqlite"
    Store(str(path)).close()
    recorder = Recorder(str(path), outbox=Outbox(tmp_path / "outbox.jsonl"), timeout=0.2)
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        Method.LOGOFF_STAR_36,
        trainee="Ana",
        recorder=recorder,
        now=lambda: START,
    )
    lock = sqlite3.connect(path, isolation_level=None)  # another kernel holds the write lock
    lock.execute("BEGIN EXCLUSIVE")
    try:
        click(exercise, "key *; key 3; key 6")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    receipt = exercise.receipt
    assert not receipt.saved
    assert receipt.pending == 1
    assert exercise.status.text == receipt.message
    assert "kept on this computer" in receipt.message
    assert [r.uid for r in recorder.outbox.pending()] == [exercise.record.uid]
    exercise.again.click()  # the next start writes it
    assert "now saved" in exercise.status.text
    assert len(recorder.outbox) == 0
    with Store(str(path)) as store:
        assert [r.uid for r in store.records()] == [exercise.record.uid]


def test_by_default_the_attempt_goes_to_the_store_named_by_ipo_trainer_db(
    trainer_home: Path,
) -> None:
    exercise = Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36)
    click(exercise, "key *; key 3; key 6")
    with Store(str(trainer_home / "records.sqlite")) as store:
        assert [r.trainee for r in store.records()] == ["tester"]


# --- the trainee's name ------------------------------------------------------------------


def test_on_one_computer_the_trainee_gives_their_name_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    recorder = FakeRecorder()
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36, recorder=recorder
    )
    assert not exercise.is_name_fixed
    assert not exercise.name.disabled
    assert exercise.remember.layout.display is None
    exercise.name.value = "  Ana   Lima "
    exercise.remember.click()
    assert exercise.trainee == "Ana Lima"
    assert exercise.name.value == "Ana Lima"
    assert plain_text(exercise.who.value) == "You are Ana Lima."
    assert trainer.current_trainee() == "Ana Lima"  # remembered on this computer
    click(exercise, "key *; key 3; key 6")
    assert recorder.stored[0].trainee == "Ana Lima"
    again = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")), Method.LOGON_MENU, recorder=recorder
    )
    assert again.trainee == "Ana Lima"


def test_a_name_that_cannot_be_one_is_refused_in_the_status_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    exercise = make_recorded(Method.LOGOFF_STAR_36, FakeRecorder())
    exercise.is_name_fixed = False
    exercise.name.value = "   "
    exercise.remember.click()
    assert exercise.status.text == "Type your name first: your attempts are kept under it."
    assert exercise.trainee == "Ana"


def test_under_the_hub_the_name_is_the_hubs_and_read_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    exercise = Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        Method.LOGOFF_STAR_36,
        recorder=FakeRecorder(),
    )
    assert exercise.is_name_fixed
    assert exercise.trainee == "ana"
    assert exercise.name.disabled
    assert exercise.remember.layout.display == "none"
    assert plain_text(exercise.who.value) == "You are ana."


# --- a desk of one's own ----------------------------------------------------------------


def test_for_trainee_runs_the_exercise_at_the_trainees_own_desk() -> None:
    office = ipo.System(ipo.load_site("workshop_floor"))
    recorder = FakeRecorder()
    exercise = Exercise.for_trainee(
        office, Method.LOGON_STAR_35, trainee="Ana", rng=random.Random(1), recorder=recorder
    )
    desk = ipo.Desk.draw(office.config, "Ana", random.Random(1))
    assert exercise.desk == desk
    assert exercise.procedure.station == desk.station
    assert exercise.procedure.code == desk.login_code
    assert plain_text(exercise.who.value) == (
        f"You are Ana at desk {desk.station} ({desk.model}): your extension is "
        f"{desk.extension}, your login code {desk.login_code}."
    )
    assert desk.login_code in exercise.steps.value  # the steps tell the trainee their code
    assert desk.login_code not in repr(exercise)
    assert office.user(desk.extension).login_code != desk.login_code  # the office is untouched
    for action in exercise.procedure.script:
        click_one(exercise, action)
    assert (recorder.stored[0].station, recorder.stored[0].model) == (desk.station, desk.model)
    assert desk.login_code not in "".join(recorder.stored[0].steps)


@pytest.mark.parametrize("method", [Method.CONFIG_LOGON_AGENT, Method.LOGOFF_BUTTON])
def test_the_exercise_s_manager_opens_on_the_trainee_s_own_user(method: Method) -> None:
    office = ipo.System(ipo.load_site("training_room"))
    exercise = Exercise.for_trainee(
        office, method, trainee="Bo", rng=random.Random(7), recorder=FakeRecorder()
    )
    assert exercise.desk is not None
    assert exercise.desk.extension != office.config.users[0].extension  # not the first user
    assert exercise.manager.user_picker.value == exercise.desk.extension
    assert exercise.checker.actions == ()  # opening there was not the trainee's action


def test_the_hunt_mode_task_s_manager_opens_on_its_hunt_group() -> None:
    floor = ipo.System(ipo.load_site("workshop_floor"))  # Sales first, then Support
    exercise = Exercise(floor, Method.CONFIG_HUNT_MODE, "3004", recorder=FakeRecorder())
    assert exercise.procedure.group == "Support"  # the agent's own group, not the first
    group = exercise.manager.draft.hunt_group("Support")
    assert exercise.manager.group_picker.value == group.extension
    assert exercise.manager.user_picker.value == "3004"
    assert exercise.checker.actions == ()


#: A class of thirty, as many as the training room has desks.
CLASS = [f"Trainee {i:02d}" for i in range(1, 31)]


def desks_of(names: list[str]) -> list[ipo.Desk]:
    """Each trainee's desk in the training room, as their exercise draws it (the default rng)."""
    office = ipo.System(ipo.load_site("training_room"))
    desks = []
    for name in names:
        exercise = Exercise.for_trainee(
            office, Method.LOGON_MENU, trainee=name, recorder=FakeRecorder()
        )
        assert exercise.desk is not None
        desks.append(exercise.desk)
    return desks


def test_every_trainee_of_a_class_gets_a_code_of_their_own_and_keeps_their_desk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    room = ipo.load_site("training_room")
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "the-first-computer's-secret")
    desks = desks_of(CLASS)
    assert desks_of(CLASS) == desks  # the same name, the same desk and code, every session
    assert desks == [ipo.Desk.draw(room, name, desk_rng(name)) for name in CLASS]
    assert len({d.login_code for d in desks}) == 30  # nobody learns a colleague's code
    assert not {d.login_code for d in desks} & {u.login_code for u in room.users}
    assert {d.station for d in desks} <= {e.base_extension for e in room.extensions}
    assert len({d.station for d in desks}) >= 15  # spread over the room's thirty desks
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "another computer's own secret")
    elsewhere = desks_of(CLASS)
    assert [d.station for d in elsewhere] == [d.station for d in desks]  # from the name
    assert all(a.login_code != b.login_code for a, b in zip(elsewhere, desks, strict=True))


def test_try_again_keeps_the_desk() -> None:
    exercise = Exercise.for_trainee(
        ipo.System(ipo.load_site("workshop_floor")),
        Method.LOGOFF_STAR_36,
        trainee="Ana",
        rng=random.Random(3),
        recorder=FakeRecorder(),
    )
    desk = exercise.desk
    exercise.again.click()
    assert exercise.desk == desk


def test_a_trainee_who_gives_their_name_sits_at_their_own_desk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    office = ipo.System(ipo.load_site("workshop_floor"))
    exercise = Exercise.for_trainee(office, Method.LOGON_MENU, recorder=FakeRecorder())
    exercise.name.value = "Ben"
    exercise.remember.click()
    mine = Exercise.for_trainee(office, Method.LOGON_MENU, recorder=FakeRecorder())
    assert exercise.desk == mine.desk
    assert exercise.procedure.station == mine.desk.station


def test_a_desk_and_another_station_cannot_both_be_given() -> None:
    desk = ipo.Desk("3000", "3000", "Agent3000", "4612", "5820")
    with pytest.raises(ipo.ConfigError, match="leave station and extension out"):
        Exercise(
            ipo.System(ipo.load_site("tech_tip_014")),
            Method.LOGON_MENU,
            station="3001",
            desk=desk,
            recorder=FakeRecorder(),
        )


def test_a_name_given_in_one_exercise_is_the_name_of_the_others_already_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Voila runs every cell before the trainee types: each exercise is made under the
    # computer's user name, and the name given in the first is the one all of them keep.
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    monkeypatch.setattr("getpass.getuser", lambda: "jovyan")
    recorder = FakeRecorder()
    first = make_open(Method.LOGOFF_STAR_36, recorder)
    second = make_open(Method.LOGOFF_STAR_36, recorder)
    desk = Exercise.for_trainee(
        ipo.System(ipo.load_site("workshop_floor")), Method.LOGOFF_STAR_36, recorder=recorder
    )
    assert desk.trainee == second.trainee == "jovyan"
    first.name.value = "Ana Lima"
    first.remember.click()
    click(second, "key *; key 3; key 6")
    assert recorder.stored[-1].trainee == "Ana Lima"
    assert plain_text(second.who.value) == "You are Ana Lima."
    desk.again.click()  # the next attempt is at Ana's own desk
    assert desk.trainee == "Ana Lima"
    assert desk.desk == ipo.Desk.draw(desk.office, "Ana Lima", desk_rng("Ana Lima"))


def test_two_pages_in_one_process_keep_the_names_typed_in_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One `ipo-trainer app` server, one trainer folder: Ana's page and Bo's, each named there.
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    monkeypatch.setattr("getpass.getuser", lambda: "jovyan")
    recorder = FakeRecorder()
    anas, bos = (
        make_open(Method.LOGOFF_STAR_36, recorder),
        make_open(Method.LOGOFF_STAR_36, recorder),
    )
    anas.name.value = "Ana Lima"
    anas.remember.click()
    bos.name.value = "Bo Chen"
    bos.remember.click()
    click(anas, "key *; key 3; key 6")
    click(bos, "key *; key 3; key 6")
    anas.again.click()
    click(anas, "key *; key 3; key 6")
    assert [r.trainee for r in recorder.stored] == ["Ana Lima", "Bo Chen", "Ana Lima"]
    assert plain_text(anas.who.value) == "You are Ana Lima."
    assert plain_text(bos.who.value) == "You are Bo Chen."


def test_a_name_typed_on_another_page_does_not_rename_a_page_already_open(
    monkeypatch: pytest.MonkeyPatch, trainer_home: Path
) -> None:
    monkeypatch.delenv("IPO_TRAINER_TRAINEE")
    monkeypatch.setattr("getpass.getuser", lambda: "jovyan")
    recorder = FakeRecorder()
    mine = make_open(Method.LOGOFF_STAR_36, recorder)
    desk = Exercise.for_trainee(
        ipo.System(ipo.load_site("training_room")), Method.LOGOFF_STAR_36, recorder=recorder
    )
    (trainer_home / "trainee.txt").write_text("Bo Chen\n", encoding="utf-8")  # Bo's kernel
    click(mine, "key *; key 3; key 6")
    desk.again.click()
    assert recorder.stored[-1].trainee == "jovyan"
    assert desk.trainee == "jovyan"
    assert desk.desk == ipo.Desk.draw(desk.office, "jovyan", desk_rng("jovyan"))  # not Bo's


def make_open(method: Method, recorder: object) -> Exercise:
    """An exercise with no trainee given: the name is the trainee's to give."""
    return Exercise(
        ipo.System(ipo.load_site("tech_tip_014")),
        method,
        recorder=recorder,  # type: ignore[arg-type]
    )


def test_forgetting_the_hash_gets_its_hint_when_the_dial_delay_runs_out_in_real_time() -> None:
    # In a kernel (an event loop runs) the phone gives up after the Dial Delay Time (R7) as a
    # real one does, and the checker says what is missing without waiting for a hang-up.
    async def dial_without_the_hash() -> Exercise:
        exercise = make(Method.LOGON_STAR_35)
        for key in "*35*3000*1234":
            exercise.handset.keypad[key].click()
        assert exercise.hint.text == ""  # still dialling: nothing wrong yet
        await asyncio.sleep(DIAL_DELAY_TIME + 0.5)
        return exercise

    exercise = asyncio.run(dial_without_the_hash())
    assert exercise.hint.text == (
        "*35*3000*1234 needs # at the end: without it the phone waited the dial delay (4 s) "
        "and says Incompatible. Hang up and dial *35*3000*1234#."
    )
    assert exercise.checker.actions[-1] == Action.wait(4)
    assert exercise.system.phone("3000").display[1].strip() == "Incompatible"


def test_a_key_before_the_dial_delay_runs_out_keeps_the_phone_dialling() -> None:
    async def dial_slowly() -> Exercise:
        exercise = make(Method.LOGON_STAR_35)
        for key in "*35*3000*123":
            exercise.handset.keypad[key].click()
        await asyncio.sleep(2)
        exercise.handset.keypad["4"].click()  # the delay starts again from this key
        await asyncio.sleep(2.5)
        return exercise

    exercise = asyncio.run(dial_slowly())
    assert exercise.hint.text == ""
    assert "wait" not in {a.kind for a in exercise.checker.actions}


def test_a_closed_exercise_s_dial_delay_never_fires() -> None:
    # Closed while digits wait (the cell run again, the page left): the timer goes with it,
    # so no model time moves, no hint is written and nothing is checked behind the page.
    async def dial_then_close() -> Exercise:
        exercise = make(Method.LOGON_STAR_35)
        for key in "*35*3000*1234":
            exercise.handset.keypad[key].click()
        exercise.close()
        await asyncio.sleep(DIAL_DELAY_TIME + 0.5)
        return exercise

    exercise = asyncio.run(dial_then_close())
    assert exercise.system.phone("3000").state == "dialling"
    assert exercise.system.time == 0
    assert "wait" not in {a.kind for a in exercise.checker.actions}


def test_digits_done_in_the_action_box_wait_the_dial_delay_too() -> None:
    async def do_without_the_hash() -> Exercise:
        exercise = make(Method.LOGON_STAR_35)
        exercise.command.value = "dial *35*3000*1234"
        exercise.do.click()
        await asyncio.sleep(DIAL_DELAY_TIME + 0.5)
        return exercise

    exercise = asyncio.run(do_without_the_hash())
    assert exercise.hint.text.startswith("*35*3000*1234 needs # at the end")
    assert exercise.checker.actions[-1] == Action.wait(4)
