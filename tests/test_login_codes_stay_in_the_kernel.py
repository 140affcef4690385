"""Login codes never leave the kernel (ipo_core.masking): a planted code is found nowhere.

Agent3000 of the tech tip's site gets the distinctive code 8642 (and the tip's #3000
carries it).  The model keeps the digits (a phone compares them, a site file saves
them); what leaves it must not: Manager's widget state, an attempt's steps and hints,
the event log, reprs, error messages and the audit's findings.  Near misses (8643,
864) give a code away too, so no run of its first three digits may appear.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import ipywidgets as w
import pytest

import ipo_core as ipo
from ipo_core.training.actions import Action, Method
from ipo_core.training.checker import Checker
from ipo_core.training.exercises import Procedure
from trainer.records import AttemptRecord
from widgets.manager import Manager

CODE = "8642"
NEAR = "864"  # in every near miss below, and in the code: none of it may leave
WRONG = "8643"
MASK = ipo.CODE_MASK


def planted() -> ipo.Config:
    """The tech tip's site with Agent3000's code 8642, in the user and in #3000."""
    site = ipo.load_site("tech_tip_014")
    site.user("3000").login_code = CODE
    site.remove_short_code("#3000")
    site.add_short_code(ipo.ShortCode("#3000", f"3000*{CODE}", ipo.Feature.EXTN_LOGIN))
    return site


def assert_no_code(*texts: object) -> None:
    for text in texts:
        shown = text if isinstance(text, str) else repr(text)
        at = shown.find(NEAR)
        assert at < 0, shown[max(at - 300, 0) : at + 100]


# --- Manager's widget state ------------------------------------------------------------


def widgets_under(widget: w.Widget) -> Iterator[w.Widget]:
    """``widget`` and every widget its synced traits reach (children, layout, style ...)."""
    seen: set[int] = set()
    todo = [widget]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        for key in item.keys:
            value = getattr(item, key)
            values = value if isinstance(value, list | tuple) else (value,)
            todo.extend(v for v in values if isinstance(v, w.Widget))


def state_of(manager: Manager) -> str:
    """Every synced trait of every widget of ``manager``, as JSON text."""
    states: list[Any] = [item.get_state() for item in widgets_under(manager)]
    # Attributes too: a widget the view holds but has not (yet) laid out is state all the same.
    states += [v.get_state() for v in vars(manager).values() if isinstance(v, w.Widget)]
    text = json.dumps(states, default=str, ensure_ascii=False)
    return re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL", text)  # ids are hex: 864 may be in one


def test_managers_widget_state_never_holds_the_code() -> None:
    system = ipo.System(planted())
    manager = Manager(system, site="planted")
    assert_no_code(state_of(manager))
    manager.user_picker.value = "3000"
    manager.tabs.selected_index = 1  # Telephony
    assert manager.login_code.placeholder == f"{MASK * 4} (4 digits set)"
    assert_no_code(state_of(manager))
    manager.tabs.selected_index = 2  # Short Codes: #3000 holds the code
    assert f"<td>3000*{MASK * 4}</td>" in manager.short_code_table.value
    assert_no_code(state_of(manager))


def test_a_code_typed_into_manager_goes_to_the_draft_and_leaves_no_trace() -> None:
    system = ipo.System(planted())
    manager = Manager(system)
    manager.user_picker.value = "3001"
    manager.tabs.selected_index = 1
    manager.login_code.value = CODE
    assert manager.draft.user("3001").login_code == CODE
    assert manager.login_code.value == ""
    assert_no_code(state_of(manager), manager.status.text)
    manager.login_code.value = "86x2"  # refused: the message names the 'x', not the digits
    assert "'x' as its 3rd character" in manager.status.text
    assert_no_code(state_of(manager))
    manager.merge.click()
    assert system.user("3001").login_code == CODE
    assert_no_code(state_of(manager))


def test_short_codes_and_buttons_that_carry_the_code_are_masked_in_manager() -> None:
    manager = Manager(ipo.System(planted()))
    manager.short_code.value, manager.telephone_number.value = "#3001", f"3001*{CODE}"
    manager.feature.value = "ExtnLogin"
    manager.add_short_code.click()
    assert f"3001*{MASK * 4}" in manager.status.text
    assert_no_code(state_of(manager))
    manager.user_picker.value = "3002"
    manager.tabs.selected_index = 3  # Button Programming
    manager.buttons.value = 2
    manager.action.value = "Dial"
    manager.button_number.value = f"*35*{CODE}#"  # a code alone: Desk3002's phone logs it on
    manager.set_button.click()
    assert manager.draft.user("3002").buttons[2].number == f"*35*{CODE}#"
    manager.buttons.value = 1
    manager.buttons.value = 2  # choosing it again loads the form: not with the code
    assert manager.button_number.value == ""
    assert_no_code(state_of(manager))
    manager.short_code_to_remove.value = "#3001"
    manager.remove_short_code.click()
    assert_no_code(state_of(manager))


def test_a_handsets_widget_state_never_holds_a_code_a_button_carries() -> None:
    from widgets.handset import Handset

    site = planted()
    site.set_button("3000", 3, ipo.Button.dial(f"*35*3000*{CODE}#"))
    site.set_button("3000", 4, ipo.Button.dial(f"*35*3000*{CODE}#", label=f"On {CODE}"))
    system = ipo.System(site)
    system.log_in("3000", "3000", CODE)  # the buttons shown are those of the user logged on
    handset = Handset(system.phone("3000"))
    assert handset.line_keys[2].tooltip == f"Button 3: Dial *35*3000*{MASK * 4}#"
    assert handset.line_keys[3].description == f"On {MASK * 4}"
    assert_no_code(site.user("3000").buttons[4], site.user("3000").buttons[4].masked_text())
    states = [item.get_state() for item in widgets_under(handset)]
    assert_no_code(re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL", json.dumps(states, default=str)))


# --- attempts, hints and the event log ---------------------------------------------------

#: What a trainee does wrong first, then the tip's own steps: each time a wrong code.
WRONG_FIRST = {
    Method.LOGON_SHORT_CODE: f"config short code #3000/3000*{WRONG}/ExtnLogin/0",
    Method.LOGON_STAR_35: f"dial *35*3000*{WRONG}#; hang_up",
    Method.LOGON_MENU: (
        "key MENU; key MENU; key RIGHT; softkey Hdesk; softkey Logon; key 3; key 0; key 0; "
        f"key 0; softkey Next; {'; '.join(f'key {d}' for d in WRONG)}; softkey Done"
    ),
    Method.LOGOFF_BUTTON: f"dial *35*3000*{WRONG}#; hang_up",
    Method.LOGOFF_STAR_36: "; ".join(f"key {k}" for k in f"*35*3000*{WRONG}#") + "; hang_up",
    Method.LOGOFF_MENU: f"dial *35*{WRONG}#; hang_up",
}


def attempt_of(method: Method, wrong_first: bool) -> tuple[Checker, ipo.System, list[str]]:
    system = ipo.System(planted())
    procedure = Procedure.for_site(method, system.config, station="3000")
    procedure.prepare(system)
    checker = Checker(procedure, system)
    said = [checker.instruction]
    actions = [Action.parse(t) for t in WRONG_FIRST[method].split("; ")] if wrong_first else []
    for action in [*actions, *procedure.script]:
        verdict = checker.perform(action)
        said += [verdict.hint, checker.hint, checker.instruction]
    assert checker.is_complete
    assert checker.passed
    return checker, system, said


@pytest.mark.parametrize("wrong_first", [False, True], ids=["right", "wrong-code-first"])
@pytest.mark.parametrize("method", ipo.PHONE_METHODS, ids=[m.value for m in ipo.PHONE_METHODS])
def test_an_attempt_and_the_event_log_hold_no_code(method: Method, wrong_first: bool) -> None:
    checker, system, said = attempt_of(method, wrong_first)
    attempt = checker.attempt(seconds=30.0)
    assert_no_code(*attempt.steps, *attempt.hints, attempt, checker)
    assert_no_code(*(repr(event) for event in system.events), system)
    if wrong_first:
        assert attempt.mistakes >= 1
        assert attempt.hints
    if method.is_logon:  # in the kernel the actions are as pressed: they replay and check
        typed = "".join(a.value for a in checker.actions if a.is_dial_pad)
        assert CODE in typed or any(CODE in a.value for a in checker.actions)


def test_the_code_typed_key_by_key_is_masked_and_the_extension_is_not() -> None:
    checker, _, _ = attempt_of(Method.LOGON_STAR_35, wrong_first=True)
    steps = checker.attempt(seconds=1.0).steps
    assert steps[0] == f"dial *35*3000*{MASK * 4}#"
    typed = "".join(s.removeprefix("key ") for s in steps[2:])
    assert typed == f"*35*3000*{MASK * 4}#"


def test_the_code_alone_at_home_is_masked_whole() -> None:
    system = ipo.System(planted())
    procedure = Procedure.for_site(Method.LOGON_STAR_35, system.config, station="3000")
    procedure.prepare(system)
    checker = Checker(procedure, system)
    for text in ("key *", "key 3", "key 5", "key *", *(f"key {d}" for d in CODE), "key #"):
        checker.perform(Action.parse(text))
    assert checker.passed
    assert checker.attempt(seconds=1.0).steps == (
        "key *",
        "key 3",
        "key 5",
        "key *",
        *(f"key {MASK}",) * 4,
        "key #",
    )


def test_manager_edits_in_an_attempt_are_masked() -> None:
    system = ipo.System(planted())
    procedure = Procedure.for_site(Method.CONFIG_LOGON_AGENT, system.config, station="3000")
    procedure.prepare(system)
    checker = Checker(procedure, system)
    for text in (
        f"config user 3000 login code {NEAR}",  # too short: a hint
        "config user 3000 force login on",
        f"config user 3000 login code {CODE}",
        "config merge",
    ):
        checker.perform(Action.parse(text))
    attempt = checker.attempt(seconds=1.0)
    assert attempt.passed
    assert attempt.steps[2] == f"config user 3000 login code {MASK * 4}"
    assert_no_code(*attempt.steps, *attempt.hints)


def test_an_attempt_record_holds_no_code() -> None:
    for wrong_first in (False, True):
        checker, _, _ = attempt_of(Method.LOGON_MENU, wrong_first)
        record = AttemptRecord.from_attempt(
            checker.attempt(seconds=12.0),
            trainee="ana",
            model="4612",
            station="3000",
            started=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            uid="0" * 32,  # a random uid holds three of the code's digits now and then
        )
        assert_no_code(record.to_json(), record)


# --- reprs, messages, findings -------------------------------------------------------


def test_reprs_hold_no_code() -> None:
    site = planted()
    system = ipo.System(site)
    procedure = Procedure.for_site(Method.LOGON_MENU, site, station="3000")
    user = site.user("3000")
    user.buttons[3] = ipo.Button.dial(f"*35*3000*{CODE}#")
    assert f"login_code='{MASK * 4}'" in repr(user)
    assert_no_code(
        user,
        site,
        procedure,
        system,
        Checker(procedure, system),
        site.short_codes,
        user.buttons[3],
        user.buttons[3].masked_text(),
        user.buttons[3].masked_label,
    )


@pytest.mark.parametrize("bad", [f"{NEAR}x", f"{NEAR} 2", f"x{NEAR}", "８６４２"])
def test_a_bad_code_is_refused_without_quoting_it(bad: str) -> None:
    user = ipo.User("Agent3000", extension="3000")
    with pytest.raises(ipo.ConfigError, match="must be digits only") as info:
        user.login_code = bad
    assert_no_code(str(info.value), info.value.problems)
    assert bad not in str(info.value)


def test_a_site_file_with_a_bad_code_is_refused_without_quoting_it() -> None:
    for line in (f"login_code = {CODE}", f'login_code = "{NEAR}x"'):
        text = f'[[user]]\nname = "Agent3000"\nextension = "3000"\n{line}\n'
        with pytest.raises(ipo.ConfigFileError) as info:
            ipo.Config.loads(text)
        assert "line 4 (user[1].login_code)" in str(info.value)
        assert_no_code(str(info.value))


def test_other_refusals_do_not_quote_a_code() -> None:
    with pytest.raises(ipo.ShortCodeError) as info:
        ipo.ShortCode("#3000", f"3000*{NEAR}x", ipo.Feature.EXTN_LOGIN)
    assert_no_code(str(info.value), info.value.args)
    with pytest.raises(ipo.ShortCodeError) as info:
        ipo.ShortCode.parse(f"#3000/3000*{CODE}")  # no Feature
    assert_no_code(str(info.value))
    with pytest.raises(ipo.ConfigError) as info:
        Procedure.for_site(Method.LOGON_STAR_35, planted(), code=f"{NEAR}x")
    assert_no_code(str(info.value))


def test_a_login_refused_at_a_wrong_extension_does_not_log_the_digits() -> None:
    system = ipo.System(planted())
    system.phone("3001").dial(f"*35*{CODE}*3000#")  # code and extension swapped
    system.phone("3001").dial(f"*35*{WRONG}#")  # a wrong code alone
    refused = [e for e in system.events if e.kind is ipo.EventKind.LOGIN_REFUSED]
    assert len(refused) == 2
    assert_no_code(*(repr(e) for e in system.events))


def test_the_security_finding_names_the_short_code_and_its_user_not_the_digits() -> None:
    site = planted()
    site.user("3002").buttons[1] = ipo.Button.dial(f"*35*3000*{CODE}#")
    security = [f for f in ipo.audit(site) if f.kind is ipo.FindingKind.SECURITY]
    assert len(security) == 2
    text = [str(f) for f in security]
    assert "System short code #3000 holds Agent3000 (3000)'s login code" in text[0]
    assert f"in its Telephone Number '3000*{MASK * 4}' (ExtnLogin)" in text[0]
    assert "User Desk3002 (3002)'s button 1 holds Agent3000 (3000)'s login code" in text[1]
    assert_no_code(*text, *security)


def test_the_live_hint_tells_the_trainee_their_own_code_and_the_attempt_keeps_it_masked() -> None:
    # The trainee's own exercise gives their code in its steps, so its hint may name it; the
    # attempt (what leaves the kernel as a record) keeps the same hint masked.
    checker, _, said = attempt_of(Method.LOGON_STAR_35, wrong_first=True)
    assert f"The code is 4 digits: {CODE}. Hang up and dial again." in said
    assert checker.attempt(seconds=1.0).hints == (
        f"The code is 4 digits: {ipo.CODE_MASK * 4}. Hang up and dial again.",
    )


@pytest.mark.parametrize("method", ipo.PHONE_METHODS, ids=[m.value for m in ipo.PHONE_METHODS])
def test_the_stored_record_of_an_exercise_holds_no_code(method: Method, tmp_path) -> None:
    # The whole path a trainee's attempt takes: the exercise widget, the Recorder, the outbox
    # and the SQLite file itself, read byte for byte, wrong code first.
    import widgets
    from trainer.outbox import Outbox
    from trainer.recorder import Recorder

    store = tmp_path / "records.sqlite"
    outbox = Outbox(tmp_path / "outbox.jsonl")
    exercise = widgets.Exercise(
        ipo.System(planted()),
        method,
        station="3000",
        trainee="ana",
        recorder=Recorder(str(store), outbox=outbox),
    )
    actions = [Action.parse(t) for t in WRONG_FIRST[method].split("; ")]
    for action in [*actions, *exercise.procedure.script]:
        if exercise.attempt is not None:
            break
        exercise.command.value = str(action)
        exercise.do.click()
    assert exercise.receipt is not None
    assert exercise.receipt.saved, exercise.receipt.message
    # Every text the store holds, read back from the file with sqlite3 itself; only the
    # attempt's uid (random hex), its times and its seconds (digits of the clock) are left
    # out, since three digits of the code turn up in them by chance.
    stored = []
    with sqlite3.connect(store) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
            for row in db.execute(f"SELECT * FROM {table}"):
                stored += [
                    value
                    for column, value in zip(columns, row, strict=True)
                    if isinstance(value, str) and column not in ("uid", "started", "ended")
                ]
    assert_no_code(*stored)
    assert any(MASK in text for text in stored)  # the masked steps are there: it was written
    for line in (
        outbox.path.read_text(encoding="utf-8").splitlines() if outbox.path.exists() else ()
    ):
        record = json.loads(line)
        assert_no_code(
            *(v for k, v in record.items() if k not in ("uid", "started", "ended", "seconds"))
        )


def test_the_edits_a_merge_will_make_can_be_shown_without_a_code() -> None:
    # As actions the edits carry the digits (they replay); shown or kept, they are masked.
    before = ipo.load_site("tech_tip_014")
    after = planted()
    after.user("3002").buttons[2] = ipo.Button.dial(f"*35*3000*{CODE}#")
    shown = ipo.config_edits(before, after, masked=True)
    assert "user 3000 login code " + MASK * 4 in shown
    assert f"short code #3000/3000*{MASK * 4}/ExtnLogin/0" in shown
    assert_no_code(*shown)
    assert f"user 3000 login code {CODE}" in ipo.config_edits(before, after)


def test_keys_dialled_after_a_dead_end_are_reported_with_their_digits_masked():
    system = ipo.System(ipo.load_site("tech_tip_014"))
    shown = system.phone("3000").dial("9*35*3001*5678#")
    assert "did nothing" in shown.note
    assert "5678" not in shown.note


@pytest.mark.parametrize(
    "put_in",
    [
        lambda cfg: cfg.short_codes.append("#3000/3000*1234/ExtnLogin"),
        lambda cfg: cfg.users[0].short_codes.append("#3000/3000*1234/ExtnLogin"),
    ],
    ids=["system short codes", "a user's short codes"],
)
def test_a_short_code_put_in_as_text_is_refused_with_its_login_code_masked(put_in):
    cfg = ipo.load_site("tech_tip_014")
    with pytest.raises(ipo.WrongType) as refused:
        put_in(cfg)
    assert "#3000/3000*1234" not in str(refused.value)
    assert "'#3000/3000*••••/ExtnLogin'" in str(refused.value)


def test_a_site_file_s_short_codes_written_as_text_are_quoted_with_the_code_masked(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[system]\nshort_codes = "#3000/3000*1234/ExtnLogin"\n')
    with pytest.raises(ipo.ConfigFileError) as refused:
        ipo.Config.load(site)
    assert "1234" not in str(refused.value)


def test_a_code_given_as_a_number_is_kept_masked_in_the_error_itself():
    # The error object travels further than its message (a log's extra, a widget's status):
    # what it keeps of the value is the masked text.
    system = ipo.System(planted())
    with pytest.raises(ipo.WrongType) as refused:
        system.log_in("3000", "3000", int(CODE))  # type: ignore[arg-type]  # the mistake tried
    assert_no_code(str(refused.value), vars(refused.value), refused.value.args)
