"""widgets.Manager: the tech tip's Manager screens, driven headless as a trainee would.

Every test presses buttons with ``Button.click()`` and types by setting ``.value``,
then checks the draft, the running System, and what the view shows.
"""

from __future__ import annotations

import html
import logging
from typing import Any

import ipywidgets as w
import pytest

import ipo_core as ipo
from widgets.base import plain_text
from widgets.manager import FEATURES, HELP, Manager

LOGOUT = "Advanced > Extn > ExtnLogout"


@pytest.fixture
def tip_system() -> ipo.System:
    """The tech tip's own site, booted: 3000 and 3001 are logon agents, Sales is Linear."""
    return ipo.System(ipo.load_site("tech_tip_014"))


@pytest.fixture
def new_site() -> ipo.System:
    """A site before the tip: 3000 is not a logon agent, no #3000, no buttons, Sales in Group."""
    config = ipo.Config()
    config.add_extension("3000", model="4612")
    config.add_extension("3001", model="6416D+")
    config.add_extension("3002", model="4606")
    config.add_user(ipo.User("Agent3000", extension="3000"))
    config.add_user(ipo.User("Agent3001", extension="3001", force_login=True, login_code="5678"))
    config.add_user(ipo.User("Desk3002", extension="3002"))
    config.add_hunt_group(ipo.HuntGroup("Sales", "200", ipo.HuntMode.GROUP, ("3000", "3001")))
    return ipo.System(config)


def findings_text(manager: Manager) -> str:
    return manager.findings.value.replace("&#x27;", "'").replace("&gt;", ">")


def make_3000_a_logon_agent(manager: Manager) -> None:
    """The tip's edits, as a trainee makes them on Manager's forms."""
    manager.tree.value = "User"
    manager.user_picker.value = "3000"
    manager.tabs.selected_index = 1  # Telephony
    manager.force_login.value = True
    manager.login_code.value = "1234"

    manager.tree.value = "Short Code"
    manager.short_code.value = "#3000"
    manager.telephone_number.value = "3000*1234"
    manager.feature.value = "ExtnLogin"
    manager.add_short_code.click()

    manager.tabs.selected_index = 3  # Button Programming
    manager.buttons.value = 1
    manager.action.value = LOGOUT
    manager.set_button.click()
    manager.buttons.value = 2
    manager.action.value = "Dial"
    manager.button_number.value = "*36"
    manager.set_button.click()

    manager.tree.value = "Hunt Group"
    manager.group_picker.value = "200"
    manager.hunt_type.value = ipo.HuntMode.LINEAR


# --- the screens ----------------------------------------------------------------------


def test_the_title_bar_names_ip_office_manager_and_the_site(tip_system: ipo.System) -> None:
    manager = Manager(tip_system, site="tech_tip_014")
    assert "IP Office Manager - tech_tip_014" in manager.title.value


def test_the_tree_opens_the_form_of_each_node_and_follows_the_tabs(
    tip_system: ipo.System,
) -> None:
    manager = Manager(tip_system)
    manager.tree.value = "Short Code"
    assert manager.tabs.titles[manager.tabs.selected_index] == "Short Codes"
    manager.tree.value = "Hunt Group"
    assert manager.tabs.titles[manager.tabs.selected_index] == "Hunt Group"
    manager.tabs.selected_index = 3
    assert manager.tree.value == "User"
    assert manager.tabs.titles == (
        "User",
        "Telephony",
        "Short Codes",
        "Button Programming",
        "Hunt Group",
    )


def test_the_user_picker_lists_users_as_manager_names_them(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    assert manager.user_picker.options == (
        ("Agent3000 (3000)", "3000"),
        ("Agent3001 (3001)", "3001"),
        ("Desk3002 (3002)", "3002"),
    )
    manager.user_picker.value = "3002"
    assert (manager.user_name.value, manager.user_extension.value) == ("Desk3002", "3002")
    assert manager.user_name.disabled
    assert manager.user_extension.disabled


def test_the_telephony_tab_shows_force_login_and_a_masked_login_code(
    tip_system: ipo.System,
) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    assert manager.force_login.value is True
    assert isinstance(manager.login_code, w.Password)
    assert manager.login_code.value == ""  # the code never sits in widget state
    assert manager.login_code.placeholder == "•••• (4 digits set)"
    assert "is a logon agent" in manager.agent_note.value


def test_the_short_code_table_shows_every_system_short_code(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    table = manager.short_code_table.value
    for header in ("Short Code", "Telephone Number", "Feature"):
        assert header in table
    for short_code in tip_system.config.short_codes:
        assert f"<td>{short_code.code}</td>" in table
    assert "<td>3000*••••</td><td>ExtnLogin</td>" in table  # the code in it masked


def test_the_feature_field_is_a_drop_down_of_every_feature_by_managers_name(
    tip_system: ipo.System,
) -> None:
    manager = Manager(tip_system)
    assert isinstance(manager.feature, w.Dropdown)  # picked from a list, never typed
    assert manager.feature.options == FEATURES == tuple(f.value for f in ipo.Feature)
    assert {"Dial", "ExtnLogin", "ExtnLogout"} <= set(manager.feature.options)
    assert manager.feature.value == "Dial"  # Manager's own first choice: the form stays neutral


def test_after_add_the_feature_field_is_back_on_dial(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    manager.short_code.value, manager.telephone_number.value = "#3001", "3001*5678"
    manager.feature.value = "ExtnLogin"
    manager.add_short_code.click()
    added = {sc.code: sc for sc in manager.draft.short_codes}["#3001"]
    assert added.feature is ipo.Feature.EXTN_LOGIN
    assert manager.feature.value == "Dial"


def texts_under(widget: w.Widget) -> list[str]:
    """The plain text of every HTML widget in ``widget``'s tree, in order."""
    found = [plain_text(widget.value)] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        found += texts_under(child)
    return found


@pytest.mark.parametrize(
    ("tab", "words"),
    [
        (None, ["Merge"]),
        ("Telephony", ["Force Login", "Login Code"]),
        ("Short Codes", ["Short Code", "Telephone Number", "Feature"]),
        ("Button Programming", ["DSS key", "Action", "Dial number"]),
        ("Hunt Group", ["Hunt Type", "Members"]),
    ],
)
def test_each_manager_word_the_exercises_use_has_a_help_line_on_its_form(
    tip_system: ipo.System, tab: str | None, words: list[str]
) -> None:
    manager = Manager(tip_system)
    page = manager if tab is None else manager.tabs.children[manager.tabs.titles.index(tab)]
    shown = texts_under(page)
    for word in words:
        assert HELP[word] in shown


def test_every_help_line_is_one_sentence_that_starts_with_its_word(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    shown = texts_under(manager)
    for word, line in HELP.items():
        assert shown.count(line) == 1
        assert line.endswith(".")
        assert ". " not in line
        assert "\n" not in line
        assert len(line) <= 90  # one line under a field at 1024x768
        assert line.startswith(word if word != "Dial number" else "Telephone Number")


def test_the_help_lines_take_their_rules_from_the_core(tip_system: ipo.System) -> None:
    assert f"{ipo.MIN_AGENT_LOGIN_CODE} or more" in HELP["Login Code"]
    for mode in ipo.HuntMode.monitorable():
        assert mode.value in HELP["Hunt Type"]
    assert ipo.HuntMode.GROUP.value not in HELP["Hunt Type"]


def test_the_button_list_shows_every_position_and_its_label(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    labels = [label for label, _ in manager.buttons.options]
    assert len(labels) == 24
    assert "Logout" in labels[0]
    assert LOGOUT in labels[0]
    assert "Dial *36" in labels[1]
    assert "(free)" in labels[2]
    assert "4612 with buttons 1 to 12" in manager.button_note.value


def test_choosing_a_programmed_button_shows_its_action_and_number(
    tip_system: ipo.System,
) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    manager.buttons.value = 2
    assert (manager.action.value, manager.button_number.value) == ("Dial", "*36")
    assert not manager.button_number.disabled
    manager.buttons.value = 1
    assert (manager.action.value, manager.button_number.value) == (LOGOUT, "")
    assert manager.button_number.disabled  # only Dial takes a Telephone Number


@pytest.mark.parametrize(
    ("mode", "shown"),
    [
        (ipo.HuntMode.GROUP, "Group (Collective)"),
        (ipo.HuntMode.LINEAR, "Linear (Sequential)"),
        (ipo.HuntMode.CIRCULAR, "Circular (Rotary)"),
        (ipo.HuntMode.MOST_IDLE, "Most Idle (Longest Waiting)"),
    ],
)
def test_the_hunt_type_dropdown_shows_the_1_3_name_and_the_4_0_name(
    tip_system: ipo.System, mode: ipo.HuntMode, shown: str
) -> None:
    manager = Manager(tip_system)
    assert (shown, mode) in manager.hunt_type.options


# --- editing the draft ----------------------------------------------------------------


def test_manager_edits_a_copy_received_from_the_system(new_site: ipo.System) -> None:
    manager = Manager(new_site)
    assert manager.draft == new_site.config
    make_3000_a_logon_agent(manager)
    assert manager.draft != new_site.config
    assert not new_site.config.user("3000").force_login
    assert "differs from the running system" in manager.pending.value


def test_ticking_force_login_and_entering_a_code_makes_3000_a_logon_agent(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    manager.user_picker.value = "3000"
    manager.force_login.value = True
    manager.login_code.value = "1234"
    assert manager.draft.user("3000").is_logon_agent
    assert manager.draft.user("3000").login_code == "1234"
    assert manager.login_code.value == ""  # applied to the draft, and the field emptied
    assert manager.login_code.placeholder == "•••• (4 digits set)"
    assert "is a logon agent" in manager.agent_note.value


def test_a_login_code_with_letters_is_shown_in_the_status_line_and_the_draft_keeps_the_old_code(
    tip_system: ipo.System,
) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    before = manager.draft.copy()
    manager.login_code.value = "12ab"
    assert "Login code of user 'Agent3000'" in manager.status.text
    assert "digits only" in manager.status.text
    assert "it has 'a' as its 3rd character" in manager.status.text  # not the code typed
    assert "12ab" not in manager.status.text
    assert "ipo-error" in manager.status.value
    assert manager.draft == before
    assert manager.login_code.value == ""  # emptied: the draft keeps its code, masked
    assert manager.login_code.placeholder == "•••• (4 digits set)"


def test_remove_takes_the_login_code_away(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    manager.remove_login_code.click()
    assert manager.draft.user("3000").login_code == ""
    assert manager.login_code.placeholder == "no code set: type one"
    assert manager.remove_login_code.disabled
    assert "Login Code of Agent3000 (3000) removed" in manager.status.text


def test_adding_the_tips_short_code_puts_it_in_the_draft_and_the_table(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    manager.short_code.value = "#3000"
    manager.telephone_number.value = "3000*1234"
    manager.feature.value = "ExtnLogin"
    manager.add_short_code.click()
    assert ipo.ShortCode("#3000", "3000*1234", ipo.Feature.EXTN_LOGIN) in (
        manager.draft.short_codes
    )
    assert "<td>#3000</td><td>3000*••••</td><td>ExtnLogin</td>" in manager.short_code_table.value
    assert (manager.short_code.value, manager.telephone_number.value) == ("", "")
    assert "Short code #3000 (#3000/3000*••••/ExtnLogin/0) added" in manager.status.text


@pytest.mark.parametrize(
    ("code", "number", "feature", "says"),
    [
        ("#3000", "3000*1234", "ExtnLogin", "already has short code '#3000'"),
        ("#30a0", "3000*1234", "ExtnLogin", "'#30a0'"),
        ("#3001", "", "ExtnLogin", "ExtnLogin"),
    ],
)
def test_a_short_code_manager_refuses_is_shown_and_the_form_keeps_what_was_typed(
    tip_system: ipo.System, code: str, number: str, feature: str, says: str
) -> None:
    manager = Manager(tip_system)
    before = manager.draft.copy()
    manager.short_code.value, manager.telephone_number.value = code, number
    manager.feature.value = feature
    manager.add_short_code.click()
    assert says in manager.status.text
    assert manager.draft == before
    assert manager.short_code.value == code


def test_removing_a_short_code_takes_it_out_of_the_draft(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    manager.short_code_to_remove.value = "#3000"
    manager.remove_short_code.click()
    assert "#3000" not in [sc.code for sc in manager.draft.short_codes]
    assert "<td>#3000</td>" not in manager.short_code_table.value
    assert "#3000" not in [code for _, code in manager.short_code_to_remove.options]


def test_programming_a_free_button_as_extn_logout_and_another_as_dial_star_36(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    manager.user_picker.value = "3000"
    manager.buttons.value = 1
    manager.action.value = LOGOUT
    manager.set_button.click()
    manager.buttons.value = 2
    manager.action.value = "Dial"
    manager.button_number.value = "*36"
    manager.set_button.click()
    assert manager.draft.user("3000").buttons == {
        1: ipo.Button.extn_logout(),
        2: ipo.Button.dial("*36"),
    }
    assert manager.draft.user("3000").buttons[1].manager_path == ("Advanced", "Extn", "ExtnLogout")
    assert "Dial *36" in manager.buttons.options[1][0]


def test_a_dial_button_without_a_number_is_refused_and_the_key_stays_free(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    manager.user_picker.value = "3000"
    manager.buttons.value = 3
    manager.action.value = "Dial"
    manager.set_button.click()
    assert "Dial button number ''" in manager.status.text
    assert manager.draft.user("3000").buttons == {}


def test_clearing_a_button_frees_the_key(tip_system: ipo.System) -> None:
    manager = Manager(tip_system)
    manager.user_picker.value = "3000"
    manager.buttons.value = 2
    manager.clear_button.click()
    assert 2 not in manager.draft.user("3000").buttons
    assert "(free)" in manager.buttons.options[1][0]


@pytest.mark.parametrize(
    "mode", [ipo.HuntMode.LINEAR, ipo.HuntMode.CIRCULAR, ipo.HuntMode.MOST_IDLE]
)
def test_sales_can_be_put_in_each_mode_ccc_monitors(
    new_site: ipo.System, mode: ipo.HuntMode
) -> None:
    manager = Manager(new_site)
    manager.group_picker.value = "200"
    manager.hunt_type.value = mode
    assert manager.draft.hunt_group("Sales").mode is mode
    assert "CCC can monitor Sales" in manager.group_note.value


def test_members_are_listed_in_hunt_order_and_can_be_moved_removed_and_added(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    assert manager.members.options == (
        ("1. Agent3000 (3000)", "3000"),
        ("2. Agent3001 (3001)", "3001"),
    )
    manager.members.value = "3001"
    manager.member_up.click()
    assert manager.draft.hunt_group("Sales").members == ("3001", "3000")
    assert manager.members.value == "3001"
    manager.member_up.click()  # first already: it stays first
    assert manager.draft.hunt_group("Sales").members == ("3001", "3000")
    assert "ipo-error" not in manager.status.value
    manager.member_down.click()
    assert manager.draft.hunt_group("Sales").members == ("3000", "3001")
    manager.member_remove.click()
    assert manager.draft.hunt_group("Sales").members == ("3000",)
    assert manager.member_to_add.options == (
        ("Agent3001 (3001)", "3001"),
        ("Desk3002 (3002)", "3002"),
    )
    manager.member_to_add.value = "3002"
    manager.member_add.click()
    assert manager.draft.hunt_group("Sales").members == ("3000", "3002")


# --- the findings ---------------------------------------------------------------------


def test_the_findings_update_as_the_draft_is_edited(new_site: ipo.System) -> None:
    manager = Manager(new_site)
    text = findings_text(manager)
    assert "Hunt group Sales (200) is in Group mode" in text
    assert "User Agent3000 (3000) in hunt group Sales is not a logon agent" in text

    manager.hunt_type.value = ipo.HuntMode.CIRCULAR
    assert "Group mode" not in findings_text(manager)

    manager.user_picker.value = "3000"
    manager.force_login.value = True
    assert "has Force Login ticked but no Login Code" in findings_text(manager)  # a refusal
    manager.login_code.value = "1234"
    text = findings_text(manager)
    assert "<b>Readiness</b>" not in text
    assert "Merge refuses" not in text
    assert "<b>Advice</b> Station 3002's default user Desk3002 (3002) is not Force Login" in text

    manager.user_picker.value = "3002"  # CCC's advice for the shared desk, then nothing is left
    manager.force_login.value = True
    manager.login_code.value = "2580"
    assert "Ready for CCC" in findings_text(manager)


def test_each_finding_says_what_to_change_and_is_marked_readiness_or_security(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    make_3000_a_logon_agent(manager)
    manager.hunt_type.value = ipo.HuntMode.GROUP
    text = findings_text(manager)
    assert "<b>Readiness</b> Hunt group Sales (200) is in Group mode" in text
    assert "Set Hunt Group > Hunt Type to Linear, Circular or Most Idle." in text
    assert "<b>Security</b> System short code #3000 holds Agent3000 (3000)'s login code" in text
    for finding in ipo.audit(manager.draft):
        assert str(finding).replace("'", "&#x27;") in manager.findings.value.replace("&gt;", ">")


# --- Merge ----------------------------------------------------------------------------


def test_merge_applies_every_edit_to_the_system(new_site: ipo.System) -> None:
    phone = new_site.phone("3000")
    assert phone.dial("#3000").lines[1].strip() == "Incompatible"
    phone.hang_up()
    manager = Manager(new_site)
    make_3000_a_logon_agent(manager)
    assert new_site.config.user("3000").force_login is False  # nothing changes before Merge

    manager.merge.click()

    assert new_site.config == manager.draft
    assert new_site.user("3000").is_logon_agent
    assert new_site.config.hunt_group("Sales").mode is ipo.HuntMode.LINEAR
    assert new_site.config.user("3000").buttons == {
        1: ipo.Button.extn_logout(),
        2: ipo.Button.dial("*36"),
    }
    assert new_site.location_of("3000") == "3000"
    phone.press_button(1)  # the programmed ExtnLogout
    phone.hang_up()
    assert new_site.location_of("3000") is None
    assert phone.dial("#3000").lines[1].strip() == "Logged on"
    phone.hang_up()
    assert new_site.location_of("3000") == "3000"
    phone.press_button(2)  # Dial *36
    phone.hang_up()
    assert new_site.location_of("3000") is None
    assert "Merged" in manager.status.text
    assert "is what the system runs" in manager.pending.value


def test_after_merge_the_manager_edits_a_fresh_copy(new_site: ipo.System) -> None:
    manager = Manager(new_site)
    merged = manager.draft
    make_3000_a_logon_agent(manager)
    manager.merge.click()
    assert manager.draft is not merged
    manager.hunt_type.value = ipo.HuntMode.MOST_IDLE
    assert new_site.config.hunt_group("Sales").mode is ipo.HuntMode.LINEAR


def test_a_refused_merge_shows_every_problem_and_changes_nothing(tip_system: ipo.System) -> None:
    running = tip_system.config
    events = len(tip_system.events)
    manager = Manager(tip_system)
    for extension in ("3000", "3002"):
        manager.user_picker.value = extension
        manager.force_login.value = True
        if manager.draft.user(extension).login_code:
            manager.remove_login_code.click()

    manager.merge.click()

    problems = manager.draft.validate()
    assert len(problems) == 2
    assert "2 problems" in manager.status.text
    for problem in problems:
        assert str(problem) in manager.status.text
    assert tip_system.config == running
    assert len(tip_system.events) == events
    assert tip_system.location_of("3002") == "3002"  # Desk3002 is still at home


def test_dialling_3000_works_only_after_merge_on_a_site_edited_by_manager(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site)
    make_3000_a_logon_agent(manager)
    phone = new_site.phone("3001")  # the tip's code works from any phone: hot desking
    assert phone.dial("#3000").lines[1].strip() == "Incompatible"
    phone.hang_up()
    manager.merge.click()
    assert phone.dial("#3000").lines[1].strip() == "Logged on"
    assert new_site.location_of("3000") == "3001"


# --- errors ---------------------------------------------------------------------------


def test_an_error_that_is_not_an_ipo_error_stays_loud(
    tip_system: ipo.System, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = Manager(tip_system)

    def broken(self: ipo.User, name: str, value: object) -> None:
        raise RuntimeError("a bug in the model")

    monkeypatch.setattr(ipo.User, "__setattr__", broken)
    with pytest.raises(RuntimeError, match="a bug in the model"):
        manager.force_login.value = False
    assert "a bug" not in manager.status.text


def test_a_button_handler_bug_reaches_ipywidgets_which_logs_its_traceback(
    tip_system: ipo.System, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    manager = Manager(tip_system)

    def broken(draft: ipo.Config) -> None:
        raise RuntimeError("merge is broken")

    monkeypatch.setattr(tip_system, "merge", broken)
    with caplog.at_level(logging.WARNING):
        manager.merge.click()
    assert any(
        record.exc_info and isinstance(record.exc_info[1], RuntimeError)
        for record in caplog.records
    )
    assert "merge is broken" not in manager.status.text


def test_creating_and_using_the_manager_writes_nothing_to_stderr(
    new_site: ipo.System, capsys: pytest.CaptureFixture[str], recwarn: pytest.WarningsRecorder
) -> None:
    manager = Manager(new_site, site="training")
    make_3000_a_logon_agent(manager)
    manager.login_code.value = "x"
    manager.merge.click()
    assert capsys.readouterr().err == ""
    assert len(recwarn) == 0


# --- no widget holds domain state ----------------------------------------------------

#: What the trainee is looking at, and what they typed into a form before Add or Set.
VIEW_INPUTS = (
    ("tabs", "selected_index"),
    ("user_picker", "value"),
    ("buttons", "value"),
    ("action", "value"),
    ("button_number", "value"),
    ("group_picker", "value"),
    ("members", "value"),
    ("member_to_add", "value"),
    ("short_code", "value"),
    ("telephone_number", "value"),
    ("feature", "value"),
    ("short_code_to_remove", "value"),
)


def snapshot(widget: w.Widget) -> Any:
    """Everything a widget tree shows, without model ids (a fresh tree has new ones)."""
    state = {
        key: value
        for key, value in widget.get_state().items()
        if not (isinstance(value, str) and value.startswith("IPY_MODEL_"))
        and key not in ("children", "layout", "style")
    }
    layout = widget.layout.get_state() if hasattr(widget, "layout") else {}
    parts = [snapshot(child) for child in getattr(widget, "children", ())]
    return type(widget).__name__, state, {k: v for k, v in layout.items()}, parts


def fresh_render_of(manager: Manager) -> Manager:
    """A new Manager on the same draft, looking where ``manager`` looks, with its form input."""
    fresh = Manager(manager.system, site=manager.site, draft=manager.draft.copy())
    for name, trait in VIEW_INPUTS:
        setattr(getattr(fresh, name), trait, getattr(getattr(manager, name), trait))
    return fresh


def shown(manager: Manager) -> Any:
    manager.status.clear()  # the last message is news, not state
    return snapshot(manager)


def test_after_any_edits_the_children_equal_a_fresh_render_of_the_same_draft(
    new_site: ipo.System,
) -> None:
    manager = Manager(new_site, site="training")
    assert shown(manager) == shown(fresh_render_of(manager))

    make_3000_a_logon_agent(manager)
    manager.login_code.value = "12ab"  # refused
    manager.short_code.value = "#3000"  # refused: already there, and left in the form
    manager.add_short_code.click()
    manager.members.value = "3001"
    manager.member_up.click()
    manager.user_picker.value = "3002"
    manager.force_login.value = True  # Merge would refuse this
    assert shown(manager) == shown(fresh_render_of(manager))

    manager.merge.click()  # refused
    assert shown(manager) == shown(fresh_render_of(manager))

    manager.force_login.value = False
    manager.merge.click()
    assert shown(manager) == shown(fresh_render_of(manager))


def test_a_fresh_render_of_another_draft_differs(new_site: ipo.System) -> None:
    manager = Manager(new_site)
    other = fresh_render_of(manager)
    other.draft.hunt_group("Sales").mode = ipo.HuntMode.LINEAR  # behind the view's back
    assert shown(fresh_render_of(other)) != shown(manager)


def test_the_telephony_tab_says_what_a_user_still_needs_to_be_a_logon_agent() -> None:
    config = ipo.Config()
    for station in ("3000", "3001"):
        config.add_extension(station, "4612")
    config.add_user(ipo.User("Agent3000", "3000", force_login=True, login_code="123"))
    config.add_user(ipo.User("Desk3001", "3001"))
    manager = Manager(ipo.System(config))
    manager.user_picker.value = "3000"  # Force Login ticked, a 3-digit code: the code only
    assert "is not a logon agent: agents need at least 4 digits" in html.unescape(
        manager.agent_note.value
    )
    assert "tick User > Telephony > Force Login" not in html.unescape(manager.agent_note.value)
    manager.user_picker.value = "3001"  # neither: both halves
    assert (
        "is not a logon agent: tick User > Telephony > Force Login and give a Login Code of at "
        "least 4 digits" in html.unescape(manager.agent_note.value)
    )
