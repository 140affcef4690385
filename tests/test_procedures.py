"""The guided exercises: every method of the tech tip as steps, and the checker's verdicts.

Every case runs on the tech tip's site (agent 3000 on a 4612 with login code 1234,
agent 3001 on a 6416D+ with 5678, Desk3002 on a 4606, the Linear hunt group Sales),
prepared where the exercise starts.  An action script is a line of action texts
separated by ``;``, as ``Action.parse`` reads them: ``key MENU; softkey Hdesk;
dial *36; hang_up; config merge``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ipo_core as ipo
from ipo_core.training.actions import ACTION_KINDS, Action, Method
from ipo_core.training.checker import Checker
from ipo_core.training.exercises import Attempt, Procedure, Verdict
from ipo_core.training.manager_edits import config_edits

HANDSET_METHODS = [m for m in Method if not m.is_config]
MENU_TO_HDESK = "key MENU; key MENU; key RIGHT; softkey Hdesk"
AT_CODE = f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 0; softkey Next"


def start(
    method: Method, station: str = "3000", site: ipo.Config | None = None, **kw: str
) -> Checker:
    """A checker on a fresh system, prepared where ``method`` starts."""
    site = site or ipo.load_site("tech_tip_014")
    procedure = Procedure.for_site(method, site, station, **kw)
    system = ipo.System(site)
    procedure.prepare(system)
    return Checker(procedure, system)


def run(checker: Checker, script: str) -> Verdict:
    """Perform each action of ``script``; the last verdict."""
    verdict = Verdict(True, checker.step)
    for text in script.split(";"):
        if text.strip():
            verdict = checker.perform(Action.parse(text))
    return verdict


def model_answer(checker: Checker) -> str:
    return "; ".join(str(a) for a in checker.procedure.script)


# --- actions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "key MENU",
        "key 5",
        "key *",
        "key #",
        "key SOFTKEY2",
        "softkey Hdesk",
        "button 3",
        "dial *35*3000*1234#",
        "lift",
        "hang_up",
        "wait 4",
        "wait 4.5",
        "config merge",
        "config short code #3000/3000*1234/ExtnLogin/0",
        "config user 3000 force login on",
    ],
)
def test_an_action_text_parses_back_to_the_same_text(text: str) -> None:
    action = Action.parse(text)
    assert str(action) == text
    assert Action.parse(str(action)) == action


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("key menu", Action.key("MENU")),
        ("  softkey   Hdesk ", Action.softkey("Hdesk")),
        ("button 03", Action.button(3)),
        ("lift", Action.lift()),
        ("hang_up", Action.hang_up()),
        ("dial *36", Action.dial("*36")),
        ("wait 4.0", Action.wait(4)),
        ("wait 0.0004", Action.wait(0)),  # model time to the millisecond
        ("config merge", Action.config("merge")),
    ],
)
def test_action_texts_are_read_as_the_constructors_make_them(text: str, action: Action) -> None:
    assert Action.parse(text) == action


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("jump", "There is no kind of action 'jump'"),
        ("button one", "There is no programmable button 'one'"),
        ("lift 5", "There is no lift action 'lift 5'"),
        ("softkey", "There is no softkey action"),
        ("wait", "There is no wait action"),
        ("wait soon", "There is no wait action 'wait soon'"),
        ("wait -1", "There is no wait action 'wait -1'"),
        ("wait nan", "There is no wait action 'wait nan'"),
        ("", "There is no kind of action ''"),
    ],
)
def test_an_action_that_cannot_be_read_raises_unknown_name(text: str, match: str) -> None:
    with pytest.raises(ipo.UnknownName, match=match):
        Action.parse(text)


def test_the_kinds_of_action_are_the_trainees_hands_and_manager() -> None:
    assert ACTION_KINDS == (
        "key",
        "softkey",
        "button",
        "dial",
        "lift",
        "hang_up",
        "wait",
        "config",
    )


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (Action.key("MENU"), "Menu"),
        (Action.key("RIGHT"), "Right"),
        (Action.key("7"), "key 7"),
        (Action.key("SOFTKEY2"), "softkey 2"),
        (Action.softkey("Hdesk"), "Hdesk"),
        (Action.button(1), "button 1"),
        (Action.dial("*36"), "dialling *36"),
        (Action.hang_up(), "hanging up"),
        (Action.wait(4), "waiting 4 s"),
    ],
)
def test_an_action_is_described_in_a_trainees_words(action: Action, words: str) -> None:
    assert action.describe() == words


# --- the procedures: the tip's steps ----------------------------------------------------

TIP_STEPS = {
    Method.LOGON_SHORT_CODE: [
        "In Manager, create a short code starting with * or #: Short Code #3000, Telephone "
        "Number 3000*1234, Feature ExtnLogin.",
        "Merge the configuration to the system.",
        "Press #3000 to log on.",
    ],
    Method.LOGON_STAR_35: ["Enter *35*Extn*Code#: *35*3000*1234#."],
    Method.LOGON_MENU: [
        "Press the Menu button twice.",
        "Press the Right arrow once (marked Next on this phone).",
        "Select Hdesk.",
        "Select Logon.",
        "Enter the extension number, 3000, at the prompt and press the Next softkey.",
        "Enter the login code, 1234, at the prompt and press Done.",
    ],
    Method.LOGOFF_BUTTON: [
        "In Manager, on Agent3000's Button Programming tab, choose a free button and select "
        "Advanced > Extn > ExtnLogout (or Dial, Telephone Number *36).",
        "Merge the configuration to the system.",
        "Press the button to log off.",
    ],
    Method.LOGOFF_STAR_36: ["Enter *36 to log off."],
    Method.LOGOFF_MENU: [
        "Press the Menu button twice.",
        "Press the Right arrow once (marked Next on this phone).",
        "Select Hdesk.",
        "Select LogOff.",
    ],
    Method.CONFIG_LOGON_AGENT: [
        "In Manager, open Agent3000's Telephony tab and check the Force Login checkbox.",
        "Assign a Login Code (Pin Code) of at least 4 digits: 1234.",
        "Merge the configuration to the system.",
    ],
    Method.CONFIG_HUNT_MODE: [
        "In Manager, open hunt group Sales: Set Hunt Group > Hunt Type to Linear, Circular or "
        "Most Idle.",
        "Merge the configuration to the system.",
    ],
}


#: Steps done in Manager, all before any at the phone; the other methods have none.
MANAGER_STEPS = {
    Method.LOGON_SHORT_CODE: 2,
    Method.LOGOFF_BUTTON: 2,
    Method.CONFIG_LOGON_AGENT: 3,
    Method.CONFIG_HUNT_MODE: 2,
}


@pytest.mark.parametrize("method", list(Method))
def test_each_exercise_has_the_tips_steps_with_the_sites_numbers(method: Method) -> None:
    procedure = Procedure.for_site(method, ipo.load_site("tech_tip_014"))
    assert [step.text for step in procedure.steps] == TIP_STEPS[method]
    manager = MANAGER_STEPS.get(method, 0)
    assert procedure.manager_steps == manager
    assert [s.place for s in procedure.steps] == ["manager"] * manager + ["handset"] * (
        len(procedure.steps) - manager
    )


def test_the_procedure_knows_its_station_agent_and_model() -> None:
    procedure = Procedure.for_site(Method.LOGON_STAR_35, ipo.load_site("tech_tip_014"), "3001")
    assert (procedure.station, procedure.model, procedure.extension, procedure.user) == (
        "3001",
        "6416D+",
        "3001",
        "Agent3001",
    )
    assert procedure.code == "5678"
    assert procedure.title == "Log on with *35*Extn*Code#: Agent3001 at station 3001 (6416D+)"
    assert [str(a) for a in procedure.script][:4] == ["key *", "key 3", "key 5", "key *"]


def test_a_method_may_be_named_by_its_value() -> None:
    procedure = Procedure.for_site("logoff-star-36", ipo.load_site("tech_tip_014"))  # type: ignore[arg-type]
    assert procedure.method is Method.LOGOFF_STAR_36


def test_the_handset_methods_need_a_logon_agent() -> None:
    with pytest.raises(ipo.ConfigError, match=r"User Desk3002 \(3002\) is not a logon agent"):
        Procedure.for_site(Method.LOGON_STAR_35, ipo.load_site("tech_tip_014"), "3002")


def test_an_unknown_station_or_group_is_an_unknown_name() -> None:
    site = ipo.load_site("tech_tip_014")
    with pytest.raises(ipo.UnknownName, match="There is no station '4000'"):
        Procedure.for_site(Method.LOGON_MENU, site, "4000")
    with pytest.raises(ipo.UnknownName, match="There is no hunt group 'Support'"):
        Procedure.for_site(Method.CONFIG_HUNT_MODE, site, group="Support")


def test_a_login_code_must_be_digits() -> None:
    with pytest.raises(
        ipo.ConfigError,
        match="must be digits only, such as '1234': it has 'a' as its 3rd character",
    ):
        Procedure.for_site(Method.CONFIG_LOGON_AGENT, ipo.load_site("tech_tip_014"), code="12ab")


def test_the_logon_agent_task_suggests_the_tips_code_when_the_user_has_none() -> None:
    procedure = Procedure.for_site(Method.CONFIG_LOGON_AGENT, ipo.load_site("tech_tip_014"), "3002")
    assert procedure.code == "1234"
    assert procedure.title == "Make a user a logon agent: Desk3002 (3002)"


# --- where each exercise starts ---------------------------------------------------------


def test_the_logon_exercises_start_logged_off() -> None:
    for method in (Method.LOGON_SHORT_CODE, Method.LOGON_STAR_35, Method.LOGON_MENU):
        checker = start(method)
        assert checker.system.location_of("3000") is None
        assert checker.system.phone("3000").display[0].startswith("NoUser")


def test_the_logoff_exercises_start_logged_on_at_the_station() -> None:
    for method in (Method.LOGOFF_BUTTON, Method.LOGOFF_STAR_36, Method.LOGOFF_MENU):
        assert start(method).system.location_of("3000") == "3000"


def test_the_custom_short_code_exercise_starts_without_the_agents_short_code() -> None:
    checker = start(Method.LOGON_SHORT_CODE)
    assert "#3000" not in [sc.code for sc in checker.system.config.short_codes]
    assert ipo.load_site("tech_tip_014").short_codes[-1].code == "#3000"  # the site keeps it


def test_the_button_exercise_starts_without_a_logoff_button() -> None:
    assert start(Method.LOGOFF_BUTTON).system.user("3000").buttons == {}


def test_the_manager_tasks_start_before_the_tip() -> None:
    agent = start(Method.CONFIG_LOGON_AGENT).system.user("3000")
    assert (agent.force_login, agent.login_code) == (False, "")
    group = start(Method.CONFIG_HUNT_MODE).system.config.hunt_group("Sales")
    assert group.mode is ipo.HuntMode.GROUP


# --- every method, done as the tip says -------------------------------------------------


@pytest.mark.parametrize("method", list(Method))
def test_the_model_answer_completes_each_exercise_without_a_mistake(method: Method) -> None:
    checker = start(method)
    verdicts = [checker.perform(action) for action in checker.procedure.script]
    assert all(v.ok and not v.hint for v in verdicts)
    assert checker.is_complete
    assert checker.passed
    assert checker.mistakes == 0
    assert checker.steps_done == (True,) * len(checker.procedure.steps)
    assert verdicts[-1].step == len(checker.procedure.steps)


@pytest.mark.parametrize(
    "method", [Method.LOGON_STAR_35, Method.LOGON_MENU, Method.LOGOFF_STAR_36, Method.LOGOFF_MENU]
)
def test_the_model_answer_works_on_a_6416_too(method: Method) -> None:
    checker = start(method, "3001")
    run(checker, model_answer(checker))
    assert checker.passed


def test_the_goal_of_each_kind_of_exercise() -> None:
    logon = start(Method.LOGON_STAR_35)
    run(logon, "dial *35*3000*1234#")
    assert logon.system.location_of("3000") == "3000"
    logoff = start(Method.LOGOFF_STAR_36)
    run(logoff, "dial *36")
    assert logoff.system.location_of("3000") is None
    task = start(Method.CONFIG_HUNT_MODE)
    run(task, "config hunt group Sales mode Circular; config merge")
    assert not [f for f in ipo.audit(task.system.config) if "Sales" in f.subject]


def test_advice_left_on_the_record_does_not_keep_a_manager_exercise_from_its_goal() -> None:
    # "Desk_3002" is a name Manager's help does not support: the audit advises a plain one,
    # but making the user a logon agent is what the exercise asks, and it is done.
    site = ipo.load_site("tech_tip_014")
    site.user("3002").name = "Desk_3002"
    checker = start(Method.CONFIG_LOGON_AGENT, "3002", site=site)
    run(checker, model_answer(checker))
    kinds = {f.kind for f in ipo.audit(checker.system.config) if "Desk_3002" in f.subject}
    assert kinds == {ipo.FindingKind.ADVICE}
    assert checker.procedure.is_goal_reached(checker.system)
    assert checker.passed


def test_a_hot_desking_agent_logs_on_at_another_station() -> None:
    checker = start(Method.LOGON_MENU, "3001", extension="3000")
    assert checker.procedure.steps[4].text.startswith("Enter the extension number, 3000")
    run(checker, model_answer(checker))
    assert checker.passed
    assert checker.system.location_of("3000") == "3001"


@pytest.mark.parametrize(
    ("method", "script"),
    [
        (Method.LOGON_STAR_35, "lift; dial *35*3000*1234#"),  # lifting first does no harm
        (Method.LOGON_STAR_35, "dial *35*1234#"),  # the code alone at the agent's own phone
        (Method.LOGON_STAR_35, "key *; key 3; key 5; key *; key 1; key 2; key 3; key 4; key #"),
        (Method.LOGOFF_STAR_36, "lift; key *; key 3; key 6"),
        (Method.LOGOFF_STAR_36, "hang_up; dial *36"),  # hanging up on-hook does nothing
        (
            Method.LOGON_SHORT_CODE,
            "config short code *4000/3000*1234/ExtnLogin; config merge; dial *4000",
        ),
        (Method.LOGOFF_BUTTON, "config user 3000 button 5 Dial *36; config merge; button 5"),
        (
            Method.CONFIG_LOGON_AGENT,
            "config user 3000 login code 98765; config user 3000 force login on; config merge",
        ),
        (Method.CONFIG_HUNT_MODE, "config hunt group Sales mode Most Idle; config merge"),
    ],
)
def test_other_right_ways_of_doing_a_step_are_right(method: Method, script: str) -> None:
    checker = start(method)
    run(checker, script)
    assert checker.passed
    assert checker.mistakes == 0


def test_a_softkey_pressed_by_position_is_read_as_its_label() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, "key MENU; key MENU; key RIGHT; key SOFTKEY1")
    assert checker.mistakes == 0
    assert checker.step == 3
    assert str(checker.actions[-1]) == "softkey Hdesk"


# --- the typical mistakes, and the hint each gets ---------------------------------------

# fmt: off
MISTAKES = [
    # method, script (the last action is the mistake), the hint, and where the checklist
    # stands after it: Checker.step (0 = step 1) and steps_done (x done, . not yet)
    (Method.LOGON_MENU, "key RIGHT",
     "Start with Menu: press Menu twice, then the Right arrow (marked Next) once.",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; key RIGHT",
     "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; softkey Pick",
     "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; key MENU; key MENU",
     "Menu was pressed three times: the third press closes the menu. Press Menu twice, then the "
     "Right arrow (marked Next) once.",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; key MENU; softkey DND",
     "DND is on the second Menu page, not Hdesk: Hdesk is one page to the right. Next: press Menu "
     "twice, then the Right arrow (marked Next) once.",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; key MENU; key LEFT",
     "The Left arrow (marked Previous) does nothing on the second Menu page: Hdesk is one page to the "
     "right, so press the Right arrow (marked Next) once.",
     1, "x....."),
    (Method.LOGON_MENU, "key MENU; key MENU; key RIGHT; key RIGHT",
     "The Right arrow (marked Next) was pressed twice: Hdesk is one page to the right of the second Menu "
     "page, so once is enough. Hdesk is shown now: select it.",
     2, "xx...."),
    (Method.LOGON_MENU, "key MENU; key MENU; key RIGHT; softkey Vmail",
     "Vmail is not Hdesk: select Hdesk, the first softkey.",
     2, "xx...."),
    (Method.LOGON_MENU, "key MENU; key MENU; key RIGHT; key LEFT",
     "The Left arrow (marked Previous) went back to the second Menu page: press the Right arrow (marked Next) "
     "once for Hdesk.",
     1, "x....."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey LogOff",
     "That was LogOff; to log on select Logon. Next: press Menu twice, then the Right arrow (marked Next) "
     "once.",
     0, "......"),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; softkey Next",
     "You pressed Next before typing the extension: the phone takes its own extension, 3000, this "
     "time, but type it as the tip does: 3000, then the Next softkey.",
     5, "xxxxx."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; softkey Next",
     "You pressed Next after 30: the extension is 3000. Press Exit to start again.",
     5, "xxxxx."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; key 1",
     "That is the login code: this prompt asks for the extension, 3000. Press Bksp to correct it.",
     4, "xxxx.."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; key 3; key 1",
     "The extension is 3000: press Bksp to correct it.",
     4, "xxxx.."),
    (Method.LOGON_MENU,
     f"{AT_CODE}; key 1; key 3",
     "The code is 4 digits: 1234. Press Bksp to correct it.",
     5, "xxxxx."),
    (Method.LOGON_MENU,
     f"{AT_CODE}; key 1; key 2; softkey Done",
     "Invalid: you pressed Done after 2 digits, and the code is 4 digits: 1234. "
     "The phone has left the Logon prompt: go round again (press Menu twice, then the Right "
     "arrow (marked Next) once, then Hdesk, Logon, 3000 and the Next softkey), and the "
     "checklist has kept your place at step 6.",
     5, "xxxxx."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; key EXIT",
     "Exit closed the menu: start again with Menu twice, then the Right arrow (marked Next) once.",
     0, "......"),
    (Method.LOGON_MENU, "dial *35*3000*1234",
     "This exercise uses the Menu keys, not dialling: hang up, then press Menu twice, then the "
     "Right arrow (marked Next) once.",
     0, "......"),
    (Method.LOGON_MENU, "key MENU; lift",
     "Lifting the handset closed the menu: hang up, then press Menu twice.",
     0, "......"),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; lift",
     "Lifting the handset closed the menu: hang up, then press Menu twice.",
     0, "......"),
    (Method.LOGOFF_MENU, f"{MENU_TO_HDESK}; softkey Logon",
     "That was Logon; to log off select LogOff. Press Exit to start again.",
     3, "xxx."),
    (Method.LOGOFF_MENU, "key MENU; key RIGHT",
     "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).",
     0, "...."),
    (Method.LOGON_STAR_35, "dial *36",
     "That was *36 (log off); to log on dial *35*3000*1234#. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "key *; key 3; key 6",
     "That was *36 (log off); to log on dial *35*3000*1234#. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*3000*1235",
     "The code is 4 digits: 1234. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*3000*12345",
     "The code is 4 digits: 1234. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*3000#",
     "That has no code: after the extension dial *, then the code 1234, then #. Hang up and dial "
     "again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*30001",
     "The extension is 3000 (4 digits), then *: dial *35*3000*1234#. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*31",
     "The extension is 3000: dial *35*3000*1234#. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial #35",
     "Default short codes start with *, not #: dial *35*3000*1234#. Hang up and dial again.",
     0, "."),
    (Method.LOGON_STAR_35, "dial *35*3000*1234; hang_up",
     "*35*3000*1234 needs # at the end: dial *35*3000*1234#.",
     0, "."),
    (Method.LOGON_STAR_35, "key *; key 3; hang_up",
     "You hung up after *3: dial all of *35*3000*1234#.",
     0, "."),
    (Method.LOGON_STAR_35, "key MENU",
     "Menu is not the step. This exercise is to log on with *35*Extn*Code#: press Exit, then dial "
     "*35*3000*1234#.",
     0, "."),
    (Method.LOGOFF_STAR_36, "dial *35*3000*1234#",
     "That was *35 (log on); to log off dial *36. Hang up and dial again.",
     0, "."),
    (Method.LOGOFF_STAR_36, "dial *37",
     "You dialled *37, but the short code is *36. Hang up and dial again.",
     0, "."),
    (Method.LOGOFF_STAR_36, "dial #36",
     "Default short codes start with *, not #: dial *36. Hang up and dial again.",
     0, "."),
    (Method.LOGON_SHORT_CODE, "dial #3000",
     "Start in Manager. There is no login short code for Agent3000 yet: Short Code #3000, "
     "Telephone Number 3000*1234, Feature ExtnLogin.",
     0, "..."),
    (Method.LOGON_SHORT_CODE, "config short code #3000/3000*1234/ExtnLogin; dial #3000",
     "The short code works only after Merge.",
     1, "x.."),
    (Method.LOGON_SHORT_CODE, "config short code 3000/3000*1234/ExtnLogin",
     "Short code '3000' does not start with * or #: a custom login short code does, such as #3000.",
     0, "..."),
    (Method.LOGON_SHORT_CODE, "config short code #3000/1234/ExtnLogin",
     "The Telephone Number is Extn*Code: 3000*1234, not the code alone.",
     0, "..."),
    (Method.LOGON_SHORT_CODE, "config short code #3000/3000*4321/ExtnLogin",
     "The code after 3000* in the Telephone Number is not Agent3000's login code: enter 3000*1234, "
     "the number of step 1.",
     0, "..."),
    (Method.LOGON_SHORT_CODE, "config short code #3000/3000*1234/Dial",
     "Short code #3000 has Feature Dial: choose ExtnLogin.",
     0, "..."),
    (Method.LOGON_SHORT_CODE, "config short code #3N/3000*1234/ExtnLogin",
     "Short code '#3N' holds match characters: give the agent a short code of their own, such as "
     "#3000.",
     0, "..."),
    (Method.LOGON_SHORT_CODE,
     "config short code #3000/3000*1234/ExtnLogin; config merge; dial #3001",
     "You dialled #3001, but the short code is #3000. Hang up and dial again.",
     2, "xx."),
    (Method.LOGON_SHORT_CODE, "config merge",
     "Merged before the change was complete. There is no login short code for Agent3000 yet: Short "
     "Code #3000, Telephone Number 3000*1234, Feature ExtnLogin.",
     0, "..."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 1 ExtnLogin",
     "Button 1 is ExtnLogin: for logoff choose Advanced > Extn > ExtnLogout.",
     0, "..."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 1 Dial *35",
     "Button 1 dials *35: a logoff button dials *36 (or choose Advanced > Extn > ExtnLogout).",
     0, "..."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 13 ExtnLogout",
     "The 4612 has buttons 1 to 12: button 13 is not on it. Program one from 1 to 12.",
     0, "..."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 1 ExtnLogout; button 1",
     "The button works only after Merge.",
     1, "x.."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 1 ExtnLogout; config merge; button 2",
     "Button 2 is not the logoff button you programmed: press button 1.",
     2, "xx."),
    (Method.LOGOFF_BUTTON, "config user 3000 button 1 ExtnLogout; config merge; config merge",
     "Manager's part is done: at the phone, press button 1.",
     2, "xx."),
    (Method.CONFIG_LOGON_AGENT, "config user 3000 login code 12",
     "A Login Code of 2 digits is too short: the tip asks for at least 4, such as 1234.",
     0, "..."),
    (Method.CONFIG_LOGON_AGENT, "config user 3000 login code 1234; config merge",
     "Merged before the change was complete. Force Login is not ticked for Agent3000: tick it on "
     "User > Telephony.",
     0, ".x."),
    (Method.CONFIG_LOGON_AGENT, "config user 3000 force login on; config user 3000 force login off",
     "Force Login is not ticked for Agent3000: tick it on User > Telephony.",
     0, "..."),
    (Method.CONFIG_LOGON_AGENT,
     "config user 3000 force login on; config user 3000 login code 1234; key MENU",
     "Nothing edited in Manager reaches a phone before Merge.",
     2, "xx."),
    (Method.CONFIG_HUNT_MODE, "config hunt group Sales mode Group",
     "Hunt group Sales is in Group mode: CCC, CCV and CBC report it wrongly. Set Hunt Group > "
     "Hunt Type to Linear, Circular or Most Idle.",
     0, ".."),
    (Method.CONFIG_HUNT_MODE, "config merge",
     "Merged before the change was complete. Hunt group Sales is in Group mode: CCC, CCV and CBC "
     "report it wrongly. Set Hunt Group > Hunt Type to Linear, Circular or Most Idle.",
     0, ".."),
    (Method.LOGON_MENU, f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 0; key RIGHT",
     "The Right arrow (marked Next) is not the Next of this step: that is the softkey under the display. "
     "Press the Next softkey.",
     4, "xxxx.."),
    (Method.LOGON_MENU,
     f"{AT_CODE}; key LEFT",
     "The Left arrow (marked Previous) does nothing at the Logon prompt: type ••••, then Done.",
     5, "xxxxx."),
    (Method.LOGON_MENU,
     f"{AT_CODE}; key 1; key 2; key 3; key 5; softkey Done",
     "Invalid: the code is 4 digits: 1234. "
     "The phone has left the Logon prompt: go round again (press Menu twice, then the Right "
     "arrow (marked Next) once, then Hdesk, Logon, 3000 and the Next softkey), and the "
     "checklist has kept your place at step 6.",
     5, "xxxxx."),
    (Method.LOGON_MENU,
     f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 1; softkey Next; key 1; key 2; "
     "key 3; key 4; softkey Done",
     "Invalid: the extension typed was 3001, not 3000. "
     "The phone has left the Logon prompt: go round again (press Menu twice, then the Right "
     "arrow (marked Next) once, then Hdesk, Logon, 3000 and the Next softkey), and the "
     "checklist has kept your place at step 5.",
     4, "xxxx.."),
    (Method.LOGOFF_MENU,
     f"{AT_CODE}; key 1; key 2; key 3; key 4; softkey Done",
     "Done tried a logon and closed the Logon prompt: to log off, press Menu twice, then the Right "
     "arrow (marked Next) once.",
     0, "...."),
    (Method.LOGON_STAR_35, "dial *35*3000*1234; wait 4",
     "*35*3000*1234 needs # at the end: without it the phone waited the dial delay (4 s) and says "
     "Incompatible. Hang up and dial *35*3000*1234#.",
     0, "."),
    (Method.LOGON_STAR_35, "key *; key 3; key 5; key *; key 3; key 0; wait 4",
     "The dial delay (4 s) ran out after *35*30: the phone took that as all you dialled and says "
     "Incompatible. Hang up and dial all of *35*3000*1234#.",
     0, "."),
    (Method.LOGOFF_STAR_36, "key *; key 3; wait 4",
     "The dial delay (4 s) ran out after *3: the phone took that as all you dialled and says "
     "Incompatible. Hang up and dial all of *36.",
     0, "."),
    (Method.LOGON_SHORT_CODE,
     "config short code #3000/3000*1234/ExtnLogin; config merge; dial #300; wait 4",
     "The dial delay (4 s) ran out after #300: the phone took that as all you dialled and says "
     "Incompatible. Hang up and dial all of #3000.",
     2, "xx."),

]
# fmt: on


@pytest.mark.parametrize(
    ("method", "script", "hint", "step", "done"),
    MISTAKES,
    ids=[f"{m.value}: {s}" for m, s, *_ in MISTAKES],
)
def test_each_typical_mistake_gets_a_hint_that_names_what_happened(
    method: Method, script: str, hint: str, step: int, done: str
) -> None:
    checker = start(method)
    verdict = run(checker, script)
    assert (verdict.ok, verdict.hint) == (False, hint)
    assert checker.hint == hint
    assert checker.mistakes == 1
    assert not checker.is_complete
    assert (verdict.step, checker.step) == (step, step)  # where the checklist stands
    assert "".join("x" if d else "." for d in checker.steps_done) == done


def test_every_method_has_typical_mistakes_in_the_table() -> None:
    assert {m for m, *_ in MISTAKES} == set(Method)


# --- after a mistake --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "script", "mistakes"),
    [
        # Off the path, further wrong keys are not counted again until the trainee is back.
        (Method.LOGON_STAR_35, "dial *36; key 1; key 2; hang_up; dial *35*3000*1234#", 1),
        (Method.LOGON_STAR_35, "dial *35*3000*1235; key #; hang_up; dial *35*3000*1234#", 1),
        (
            Method.LOGON_MENU,
            "key MENU; key RIGHT; key MENU; key RIGHT; key RIGHT; softkey Hdesk; "
            "softkey Logon; key 3; key 1; softkey Bksp; key 0; key 0; key 0; softkey Next; "
            "key 1; key 2; key 3; key 4; softkey Done",
            3,
        ),
        (
            Method.LOGON_MENU,
            f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; softkey Next; key EXIT; "
            f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 0; softkey Next; key 1; "
            "key 2; key 3; key 4; softkey Done",
            1,
        ),
        (
            Method.LOGON_SHORT_CODE,
            "config short code #3000/3000*1234/ExtnLogin; key #; key 3; "
            "hang_up; config merge; dial #3000",
            1,
        ),
        (
            Method.LOGOFF_BUTTON,
            "button 1; config user 3000 button 1 ExtnLogout; config merge; button 1",
            1,
        ),
        (
            Method.CONFIG_LOGON_AGENT,
            "config user 3000 login code 12; config user 3000 force "
            "login on; config user 3000 login code 1234; config merge",
            1,
        ),
        # "Invalid" at the Menu logon: the wrong digit is the mistake, then the tip again.
        (
            Method.LOGON_MENU,
            f"{AT_CODE}; key 1; key 2; key 3; key 5; softkey Done; {MENU_TO_HDESK}; "
            "softkey Logon; key 3; key 0; key 0; key 0; softkey Next; key 1; key 2; key 3; "
            "key 4; softkey Done",
            1,
        ),
        (
            Method.LOGON_MENU,
            f"{AT_CODE}; key 1; key 2; softkey Done; {MENU_TO_HDESK}; softkey Logon; key 3; "
            "key 0; key 0; key 0; softkey Next; key 1; key 2; key 3; key 4; softkey Done",
            1,
        ),
        # The Next arrow at the extension prompt does nothing: then the Next softkey.
        (
            Method.LOGON_MENU,
            f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 0; key RIGHT; "
            "softkey Next; key 1; key 2; key 3; key 4; softkey Done",
            1,
        ),
        # The dial delay ran out without the #: hang up and dial it all.
        (Method.LOGON_STAR_35, "dial *35*3000*1234; wait 4; hang_up; dial *35*3000*1234#", 1),
    ],
)
def test_a_trainee_who_puts_it_right_still_completes_the_exercise(
    method: Method, script: str, mistakes: int
) -> None:
    checker = start(method)
    run(checker, script)
    assert checker.is_complete
    assert checker.passed
    assert checker.mistakes == mistakes


def test_after_a_mistake_the_checker_says_what_to_do_next() -> None:
    checker = start(Method.LOGON_STAR_35)
    run(checker, "dial *36")
    assert checker.expected == Action.hang_up()
    assert checker.instruction == "hang up, then dial *35*3000*1234#"
    assert checker.perform(Action.hang_up()) == Verdict(True, 0, "")
    assert checker.expected == Action.key("*")


def test_reaching_the_goal_another_way_completes_the_exercise_without_passing_it() -> None:
    checker = start(Method.LOGOFF_MENU)
    verdict = run(checker, "dial *36")
    assert checker.is_complete
    assert not checker.passed
    assert verdict.hint == (
        "Agent3000 is logged off by dialling *36, not with the Menu keys: start the exercise "
        "again to practise it."
    )
    button = start(Method.LOGON_SHORT_CODE)
    run(button, "config short code #3000/3000*1234/ExtnLogin; config merge; dial *35*3000*1234#")
    assert button.is_complete
    assert not button.passed


def test_after_completion_nothing_more_is_checked() -> None:
    checker = start(Method.LOGOFF_STAR_36)
    run(checker, "dial *36")
    assert checker.check(Action.key("MENU")) == Verdict(True, 1, "")
    assert len(checker.actions) == 1


def test_an_action_the_model_refuses_raises_and_is_not_recorded() -> None:
    checker = start(Method.LOGON_MENU)
    with pytest.raises(ipo.SoftkeyNotShown, match="No softkey 'Logoff' is shown now"):
        checker.perform(Action.softkey("Logoff"))
    with pytest.raises(ipo.UnknownName, match="There is no Manager edit 'reboot'"):
        checker.perform(Action.config("reboot"))
    task = start(Method.CONFIG_LOGON_AGENT)
    with pytest.raises(ipo.ConfigError, match="must be digits only"):
        task.perform(Action.config("user 3000 login code 12ab"))
    with pytest.raises(ipo.ConfigError, match="has Force Login ticked but no Login Code"):
        run(task, "config user 3000 force login on; config merge")
    assert (checker.actions, checker.mistakes) == ((), 0)
    assert [str(a) for a in task.actions] == ["config user 3000 force login on"]


GO_ROUND = (
    "The phone has left the Logon prompt: go round again (press Menu twice, then the Right arrow "
    "(marked Next) once, then Hdesk, Logon, 3000 and the Next softkey), and the checklist has "
    "kept your place at step 6."
)


def test_after_invalid_at_the_menu_logon_the_checklist_keeps_the_trainee_s_place() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, f"{AT_CODE}; key 1; key 2; key 3")
    assert (checker.step, checker.mistakes) == (5, 0)  # at the code step, on the path
    verdict = run(checker, "key 5; softkey Done")
    assert checker.system.phone("3000").display[1] == "Invalid"
    assert verdict == Verdict(False, 5, f"Invalid: the code is 4 digits: 1234. {GO_ROUND}")
    # The phone is back at idle (R6), so the next key is Menu; the checklist stays at step 6.
    assert checker.steps_done == (True,) * 5 + (False,)
    assert (checker.expected, checker.mistakes) == (Action.key("MENU"), 1)
    assert checker.attempt(seconds=1).hints == (
        "The code is 4 digits: ••••. Press Bksp to correct it.",
        f"Invalid: the code is 4 digits: ••••. {GO_ROUND}",
    )
    # Going round again is on the path and keeps the place; the code then logs on.
    for action in ("key MENU", "key MENU", "key RIGHT", "softkey Hdesk", "softkey Logon"):
        assert run(checker, action) == Verdict(True, 5, "")
        assert checker.steps_done == (True,) * 5 + (False,)
    run(checker, "key 3; key 0; key 0; key 0; softkey Next; key 1; key 2; key 3; key 4")
    assert (checker.step, checker.is_complete) == (5, False)
    assert run(checker, "softkey Done") == Verdict(True, 6, "")
    assert (checker.passed, checker.mistakes) == (True, 1)


def test_a_wrong_turn_while_going_round_again_is_a_mistake_and_the_place_is_still_kept() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, f"{AT_CODE}; key 9; key 9; key 9; key 9; softkey Done")
    verdict = run(checker, "key MENU; key MENU; key MENU")
    assert verdict.ok is False
    assert verdict.step == 5
    assert verdict.hint.startswith("Menu was pressed three times")


# --- the dial delay: what a trainee who stops dialling is told (rule R7) ----------------


def test_the_dial_delay_running_out_without_the_hash_gets_a_hint_at_once() -> None:
    checker = start(Method.LOGON_STAR_35)
    run(checker, "dial *35*3000*1234")
    assert checker.check_time() is None  # no model time has passed
    checker.system.advance(3.5)
    assert checker.check_time() is None  # the phone still waits for more digits
    assert len(checker.actions) == 1
    checker.system.advance(0.5)  # 4 s after the last digit: the Dial Delay Time is over
    hint = (
        "*35*3000*1234 needs # at the end: without it the phone waited the dial delay (4 s) "
        "and says Incompatible. Hang up and dial *35*3000*1234#."
    )
    assert checker.check_time() == Verdict(False, 0, hint)
    assert checker.system.phone("3000").display[1] == "Incompatible"
    assert (checker.hint, checker.mistakes, checker.steps_done) == (hint, 1, (False,))
    assert checker.expected == Action.hang_up()
    assert str(checker.actions[-1]) == "wait 4"
    assert checker.check_time() is None  # told once
    run(checker, "hang_up; dial *35*3000*1234#")
    attempt = checker.attempt(seconds=9)
    assert (attempt.passed, attempt.mistakes) == (True, 1)
    assert attempt.steps == ("dial *35*3000*••••", "wait 4", "hang_up", "dial *35*3000*••••#")
    assert attempt.hints == (hint.replace("1234", "••••"),)


def test_a_replay_of_the_actions_waits_as_the_trainee_did() -> None:
    checker = start(Method.LOGON_STAR_35)
    run(checker, "key *; key 3; key 5; key *; key 3; key 0; key 0; key 0; key *; key 1; key 2")
    checker.system.advance(2)
    run(checker, "key 3; key 4")  # each digit starts the dial delay again
    checker.system.advance(6)
    assert checker.check_time() is not None
    run(checker, "hang_up; dial *35*3000*1234#")
    replay = start(Method.LOGON_STAR_35)
    for action in checker.actions:
        replay.perform(action)
    assert replay.attempt(seconds=1) == checker.attempt(seconds=1)
    assert "1234" not in "".join(checker.attempt(seconds=1).steps)


def test_model_time_passing_while_the_phone_stays_as_it_was_is_no_action() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, "key MENU")
    checker.system.advance(60)  # menus have no timer in the kit (docs/behaviour.md)
    assert checker.check_time() is None
    assert (len(checker.actions), checker.mistakes, checker.step) == (1, 0, 0)
    assert checker.perform(Action.wait(1)) == Verdict(True, 0, "")  # waiting did no harm


def test_a_complete_exercise_ignores_the_clock() -> None:
    checker = start(Method.LOGOFF_STAR_36)
    run(checker, "dial *36")
    checker.system.advance(10)
    assert checker.check_time() is None


# --- the keys as printed on the trainee's handset ---------------------------------------

# fmt: off
PRINTED_KEYS = [
    # model at station 3000, step 2, step 5, hint after Menu then the Right arrow
    ("4612", "Press the Right arrow once (marked Next on this phone).",
     "Enter the extension number, 3000, at the prompt and press the Next softkey.",
     "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next)."),
    ("6416D+", "Press the Right arrow once (marked Next on this phone).",
     "Enter the extension number, 3000, at the prompt and press the Next softkey.",
     "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next)."),
    ("4412D+", "Press the Right arrow once.",
     "Enter the extension number, 3000, at the prompt and press Next.",
     "Menu was pressed once: press Menu a second time, then the Right arrow."),
]
# fmt: on


@pytest.mark.parametrize(("model", "arrow_step", "next_step", "hint"), PRINTED_KEYS)
def test_steps_and_hints_name_the_keys_as_printed_on_the_model(
    model: str, arrow_step: str, next_step: str, hint: str
) -> None:
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", model)
    checker = start(Method.LOGON_MENU, site=site)
    steps = [step.text for step in checker.procedure.steps]
    assert (steps[1], steps[4]) == (arrow_step, next_step)
    assert run(checker, "key MENU; key RIGHT").hint == hint


# fmt: off
ARROW_MISTAKES = [
    # model, script (the last action is the mistake), the hint
    ("6416D+", "key MENU; key MENU; key LEFT",
     "The Left arrow (marked Prev) does nothing on the second Menu page: Hdesk is one page to the "
     "right, so press the Right arrow (marked Next) once."),
    ("4412D+", "key MENU; key MENU; key LEFT",
     "The Left arrow does nothing on the second Menu page: Hdesk is one page to the right, so "
     "press the Right arrow once."),
    ("6416D+", f"{MENU_TO_HDESK}; softkey Logon; key 3; key RIGHT",
     "The Right arrow (marked Next) is not the Next of this step: that is the softkey under the "
     "display. Type 000, then the Next softkey."),
    ("4412D+", f"{MENU_TO_HDESK}; softkey Logon; key 3; key 0; key 0; key 0; key RIGHT",
     "The Right arrow does nothing at the Logon prompt: press Next."),
]
# fmt: on


@pytest.mark.parametrize(("model", "script", "hint"), ARROW_MISTAKES)
def test_an_arrow_pressed_by_mistake_is_named_as_printed_on_the_model(
    model: str, script: str, hint: str
) -> None:
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", model)
    checker = start(Method.LOGON_MENU, site=site)
    verdict = run(checker, script)
    assert (verdict.ok, verdict.hint, checker.mistakes) == (False, hint, 1)


# --- handsets that cannot do a method ---------------------------------------------------


@pytest.mark.parametrize("model", ["4406D+", "4606"])
@pytest.mark.parametrize("method", [Method.LOGON_MENU, Method.LOGOFF_MENU])
def test_the_menu_methods_cannot_run_on_the_4406_and_4606(model: str, method: Method) -> None:
    procedure = Procedure.for_site(method, ipo.load_site("tech_tip_014"))
    assert not procedure.can_run_on(model)
    instead = "*35*Extn*Code#" if method.is_logon else "*36"
    assert (
        procedure.unavailable_on(model) == f"The {model} has no Menu keys: use {instead} instead."
    )


@pytest.mark.parametrize("model", sorted(ipo.HANDSET_MODELS))
@pytest.mark.parametrize("method", [m for m in HANDSET_METHODS if not m.needs_menu_keys])
def test_the_other_methods_run_on_every_handset(model: str, method: Method) -> None:
    procedure = Procedure.for_site(method, ipo.load_site("tech_tip_014"))
    assert procedure.can_run_on(model)
    assert procedure.unavailable_on(model) is None


def test_on_a_4606_the_menu_key_itself_is_refused_and_dialling_works() -> None:
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", "4606")
    checker = start(Method.LOGON_MENU, site=site)
    assert checker.procedure.unavailable_on(checker.procedure.model) is not None
    with pytest.raises(ipo.KeyNotOnHandset, match="The 4606 has no key 'MENU'"):
        checker.perform(Action.key("MENU"))
    dialled = start(Method.LOGON_STAR_35, site=site)
    run(dialled, "dial *35*3000*1234#")
    assert dialled.passed


# --- the record of an attempt -----------------------------------------------------------


def test_an_attempt_records_the_exercise_the_actions_the_mistakes_and_the_time() -> None:
    checker = start(Method.LOGOFF_STAR_36)
    run(checker, "key *; key 3; key 7; hang_up; key *; key 3; key 6")
    attempt = checker.attempt(seconds=12.5)
    assert attempt == Attempt(
        "Log off with *36: Agent3000 at station 3000 (4612)",
        Method.LOGOFF_STAR_36,
        ("key *", "key 3", "key 7", "hang_up", "key *", "key 3", "key 6"),
        1,
        12.5,
        True,
        ("You dialled *37, but the short code is *36. Hang up and dial again.",),
    )


def test_an_attempt_keeps_each_hint_once_in_the_order_it_was_first_given() -> None:
    checker = start(Method.LOGON_MENU)
    # Right too early, then Menu three times (the third closes the menu), then right.
    run(checker, "key MENU; key RIGHT; key MENU; key MENU; key MENU; key MENU")
    run(checker, "key RIGHT; softkey Hdesk; softkey Logon; key 3; key 0; key 0; key 0")
    run(checker, "softkey Next; key 1; key 2; key 3; key 4; softkey Done")
    assert checker.attempt(seconds=1).hints == (
        "Menu was pressed once: press Menu a second time, then the Right arrow (marked Next).",
        "Menu was pressed three times: the third press closes the menu. Press Menu twice, "
        "then the Right arrow (marked Next) once.",
    )


def test_a_hint_repeated_while_off_the_path_is_kept_once() -> None:
    checker = start(Method.LOGOFF_STAR_36)
    run(checker, "key *; key 3; key 9; key 9; key 9")
    assert checker.hint == "You dialled *39, but the short code is *36. Hang up and dial again."
    assert checker.attempt(seconds=1).hints == (checker.hint,)


def test_an_attempt_without_a_slip_has_no_hints() -> None:
    checker = start(Method.LOGOFF_STAR_36)
    run(checker, "key *; key 3; key 6")
    assert checker.attempt(seconds=1).hints == ()


def test_an_unfinished_attempt_has_not_passed() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, "key MENU")
    assert checker.attempt(seconds=3).passed is False


def test_the_steps_done_follow_the_trainee() -> None:
    checker = start(Method.CONFIG_LOGON_AGENT)
    assert checker.steps_done == (False, False, False)
    run(checker, "config user 3000 login code 1234")  # either edit may come first
    assert checker.steps_done == (False, True, False)
    assert checker.step == 0
    run(checker, "config user 3000 force login on")
    assert checker.steps_done == (True, True, False)
    assert checker.step == 2
    menu = start(Method.LOGON_MENU)
    run(menu, "key MENU; key MENU; key RIGHT")
    assert menu.steps_done == (True, True, False, False, False, False)


def test_the_checker_shows_its_state() -> None:
    checker = start(Method.LOGON_MENU)
    run(checker, "key MENU; key RIGHT")
    assert repr(checker) == "<Checker logon-menu at 3000: step 1, 2 actions, 1 mistakes>"


# --- Manager's own draft ----------------------------------------------------------------


def test_config_edits_name_each_change_as_a_config_action() -> None:
    before = ipo.load_site("tech_tip_014")
    after = before.copy()
    after.user("3000").force_login = False
    after.user("3000").login_code = "98765"
    after.set_button("3000", 1, None)
    after.set_button("3000", 3, ipo.Button.dial("*36"))
    after.remove_short_code("#3000")
    after.add_short_code(ipo.ShortCode("*3000", "3000*1234", ipo.Feature.EXTN_LOGIN))
    after.hunt_group("Sales").mode = ipo.HuntMode.CIRCULAR
    assert config_edits(before, after) == (
        "remove short code #3000",
        "short code *3000/3000*1234/ExtnLogin/0",
        "user 3000 force login off",
        "user 3000 login code 98765",
        "user 3000 button 1 clear",
        "user 3000 button 3 Dial *36",
        "hunt group Sales mode Circular",
    )
    assert config_edits(before, before.copy()) == ()


def test_edits_made_on_managers_own_draft_are_checked_as_they_come() -> None:
    checker = start(Method.CONFIG_LOGON_AGENT)
    draft = checker.system.receive_config()  # as a Manager view holds its own
    draft.user("3000").login_code = "12"
    assert checker.check_edits(draft) == (
        Verdict(
            False,
            0,
            "A Login Code of 2 digits is too short: the tip asks for at least 4, such as 1234.",
        ),
    )
    assert checker.check_edits(draft) == ()  # nothing changed since
    draft.user("3000").force_login = True
    draft.user("3000").login_code = "1234"
    assert [v.ok for v in checker.check_edits(draft)] == [True]
    checker.system.merge(draft)
    assert checker.check_edits(checker.system.receive_config()) == (Verdict(True, 3, ""),)
    assert checker.passed
    assert checker.draft is not draft
    assert [str(a) for a in checker.actions] == [
        "config user 3000 login code 12",
        "config user 3000 force login on; user 3000 login code 1234",
        "config merge",
    ]


ROOT = Path(__file__).resolve().parent.parent


def test_the_hint_the_readme_quotes_is_the_one_the_checker_gives() -> None:
    checker = start(Method.LOGON_MENU)
    checker.perform(Action.key("MENU"))
    hint = checker.perform(Action.key("RIGHT")).hint
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = re.search(r'into a hint \("([^"]+)"', readme)
    assert quoted is not None, "the README quotes a hint after 'into a hint ('"
    assert hint.rstrip(".") == quoted[1]
