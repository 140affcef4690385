"""Users and hunt groups: Manager's field checks, logon agents, and the hunt modes (R1)."""

from __future__ import annotations

import pytest

import ipo_core as ipo


def agent() -> ipo.User:
    return ipo.User("Agent3000", "3000", force_login=True, login_code="1234")


# --- User field checks: at construction and at assignment ------------------------------

BAD_USER_FIELDS = [
    pytest.param(
        "login_code",
        "12ab",
        r"Login code of user 'Agent3000' must be digits only, such as '1234': it has 'a' as its "
        r"3rd character",
        id="code-with-letters",
    ),
    pytest.param(
        "login_code",
        "12 34",
        r"Login code of .* must be digits only, .*: it has ' ' as its 3rd",
        id="code-with-a-space",
    ),
    pytest.param(
        "login_code",
        "*1234",
        r"Login code of .* must be digits only, .*: it has '\*' as its 1st",
        id="code-with-a-star",
    ),
    pytest.param(
        "login_code",
        "\u0661\u0662\u0663\u0664",
        r"Login code of .* digits only, .*: it has a digit other than 0-9 as its 1st",
        id="code-in-arabic-digits",
    ),
    pytest.param(
        "login_code",
        1234,
        r"Login code of user 'Agent3000' must be text of digits, such as '1234', not int",
        id="code-not-a-str",
    ),
    pytest.param(
        "login_code",
        None,
        r"Login code of .* must be text of digits, .* not NoneType",
        id="code-none",
    ),
    pytest.param(
        "extension",
        "3",
        r"Extension '3' of user 'Agent3000' has 1 digits; IP Office takes 2 to 9",
        id="extension-of-1-digit",
    ),
    pytest.param(
        "extension",
        "1234567890",
        r"Extension '1234567890' .* has 10 digits; IP Office takes 2 to 9",
        id="extension-of-10-digits",
    ),
    pytest.param(
        "extension",
        "30a0",
        r"Extension '30a0' of user 'Agent3000' must be digits only, such as '3000'",
        id="extension-with-letters",
    ),
    pytest.param("extension", "", r"Extension '' .* must be digits only", id="extension-empty"),
    pytest.param(
        "extension",
        3000,
        r"Extension 3000 .* must be digits only, such as '3000'",
        id="extension-not-a-str",
    ),
    pytest.param(
        "name",
        "A" * 16,
        r"User name 'A{16}' has 16 characters; Manager allows at most 15",
        id="name-of-16-characters",
    ),
    pytest.param("name", "", r"User name '' must be text, such as 'Agent3000'", id="name-empty"),
    pytest.param("name", "   ", r"User name '   ' must be text", id="name-of-spaces"),
    pytest.param(
        "name",
        " Agent",
        r"User name ' Agent' starts or ends with a space: remove it",
        id="name-with-a-leading-space",
    ),
    pytest.param(
        "name",
        "Agent ",
        r"User name 'Agent ' starts or ends with a space: remove it",
        id="name-with-a-trailing-space",
    ),
    pytest.param(
        "name",
        'Ag"ent',
        r"User name 'Ag\"ent' holds a quote or slash: remove it",
        id="name-with-a-quote",
    ),
    pytest.param("name", None, r"User name None must be text", id="name-none"),
    pytest.param(
        "force_login", "yes", r"Force Login 'yes' must be True or False", id="force-login-text"
    ),
    pytest.param("force_login", 1, r"Force Login 1 must be True or False", id="force-login-1"),
    pytest.param(
        "force_login", None, r"Force Login None must be True or False", id="force-login-none"
    ),
    pytest.param(
        "wrap_up_time",
        -1,
        r"Wrap-up Time -1 must be whole seconds, 0 or more",
        id="wrap-up-negative",
    ),
    pytest.param(
        "wrap_up_time", 2.5, r"Wrap-up Time 2\.5 must be whole seconds", id="wrap-up-fraction"
    ),
    pytest.param(
        "wrap_up_time", True, r"Wrap-up Time True must be whole seconds", id="wrap-up-bool"
    ),
    pytest.param(
        "short_codes",
        ["*36"],
        r"Short codes of user 'Agent3000' must be a list of ShortCode values",
        id="short-codes-as-text",
    ),
    pytest.param(
        "short_codes",
        (),
        r"Short codes of user 'Agent3000' must be a list",
        id="short-codes-as-tuple",
    ),
    pytest.param(
        "buttons",
        [ipo.Button.extn_logout()],
        r"Buttons of user 'Agent3000' must be a dict of position to Button",
        id="buttons-as-list",
    ),
    pytest.param(
        "buttons",
        {0: ipo.Button.extn_logout()},
        r"Button position 0 for user 'Agent3000' must be a whole number from 1 to 24",
        id="button-position-0",
    ),
    pytest.param(
        "buttons",
        {1: "*36"},
        r"Button 1 of user 'Agent3000' must be a Button, not '\*36'",
        id="button-as-text",
    ),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_USER_FIELDS)
def test_assigning_a_bad_field_is_refused_and_keeps_the_old_value(field, value, message):
    user = agent()
    user.buttons = {1: ipo.Button.extn_logout()}
    old = getattr(user, field)
    with pytest.raises(ipo.ConfigError, match=message) as caught:
        setattr(user, field, value)
    assert getattr(user, field) == old
    assert len(caught.value.problems) == 1


@pytest.mark.parametrize(("field", "value", "message"), BAD_USER_FIELDS)
def test_constructing_with_a_bad_field_is_refused(field, value, message):
    fields = {
        "name": "Agent3000",
        "extension": "3000",
        "force_login": True,
        "login_code": "1234",
        field: value,
    }
    with pytest.raises(ipo.ConfigError, match=message):
        ipo.User(**fields)


def test_a_field_problem_names_the_form_field_to_change():
    with pytest.raises(ipo.ConfigError) as caught:
        agent().login_code = "12ab"
    (problem,) = caught.value.problems
    assert problem.field == "Telephony > Login Code"
    assert problem.subject == "user 'Agent3000'"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("extension", "30"),
        ("extension", "123456789"),
        ("name", "A" * 15),
        ("name", "Agent 3000"),
        ("login_code", ""),
        ("login_code", "0000"),
        ("wrap_up_time", 0),
        ("force_login", False),
    ],
)
def test_values_at_the_edges_are_accepted(field, value):
    user = agent()
    setattr(user, field, value)
    assert getattr(user, field) == value


def test_a_new_user_has_manager_defaults():
    user = ipo.User("Desk3002", "3002")
    assert (
        user.force_login,
        user.login_code,
        user.wrap_up_time,
        user.short_codes,
        user.buttons,
    ) == (
        False,
        "",
        2,
        [],
        {},
    )


def test_users_do_not_share_default_lists():
    a, b = ipo.User("A1", "31"), ipo.User("B1", "32")
    a.short_codes.append(ipo.ShortCode("#1", "31"))
    a.buttons[1] = ipo.Button.extn_logout()
    assert b.short_codes == []
    assert b.buttons == {}


# --- Logon agents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("force_login", "code", "is_agent"),
    [
        (True, "1234", True),
        (True, "12345678", True),
        (True, "123", False),  # the tech tip: at least 4 digits
        (True, "", False),
        (False, "1234", False),  # Force Login is what makes a logon user
        (False, "", False),
    ],
)
def test_a_logon_agent_has_force_login_and_a_code_of_at_least_4_digits(force_login, code, is_agent):
    assert (
        ipo.User("A1", "3000", force_login=force_login, login_code=code).is_logon_agent is is_agent
    )


@pytest.mark.parametrize(("code", "can"), [("1234", True), ("1", True), ("", False)])
def test_only_a_user_with_a_login_code_can_log_off(code, can):
    assert ipo.User("A1", "3000", login_code=code).can_log_off is can


def test_a_user_is_labelled_as_in_managers_tree():
    assert agent().label == "Agent3000 (3000)"


# --- Hunt modes (R1) --------------------------------------------------------------------


def test_the_modes_are_the_1_3_names():
    assert [m.value for m in ipo.HuntMode] == ["Group", "Linear", "Circular", "Most Idle"]


@pytest.mark.parametrize(
    ("later", "old"),
    [
        (ipo.HuntMode.COLLECTIVE, ipo.HuntMode.GROUP),
        (ipo.HuntMode.SEQUENTIAL, ipo.HuntMode.LINEAR),
        (ipo.HuntMode.ROTARY, ipo.HuntMode.CIRCULAR),
        (ipo.HuntMode.LONGEST_WAITING, ipo.HuntMode.MOST_IDLE),
    ],
)
def test_the_4_0_names_are_aliases_of_the_1_3_modes(later, old):
    assert later is old


@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("Group", ipo.HuntMode.GROUP),
        ("Collective", ipo.HuntMode.GROUP),
        ("Linear", ipo.HuntMode.LINEAR),
        ("Hunt", ipo.HuntMode.LINEAR),
        ("Sequential", ipo.HuntMode.LINEAR),
        ("Circular", ipo.HuntMode.CIRCULAR),
        ("Rotary", ipo.HuntMode.CIRCULAR),
        ("Most Idle", ipo.HuntMode.MOST_IDLE),
        ("Idle", ipo.HuntMode.MOST_IDLE),
        ("Longest Waiting", ipo.HuntMode.MOST_IDLE),
        ("LONGEST_WAITING", ipo.HuntMode.MOST_IDLE),
        ("  rotary ", ipo.HuntMode.CIRCULAR),
        (ipo.HuntMode.LINEAR, ipo.HuntMode.LINEAR),
    ],
)
def test_from_name_knows_the_1_3_names_the_4_0_names_and_the_old_short_forms(name, mode):
    assert ipo.HuntMode.from_name(name) is mode


@pytest.mark.parametrize("name", ["Random", "", "Round Robin", None, 2, "Linear Hunt"])
def test_from_name_refuses_a_mode_ip_office_does_not_have(name):
    with pytest.raises(
        ipo.ConfigError,
        match=rf"Hunt mode {name!r} is not one IP Office has: choose Group, Linear, Circular or Most Idle",
    ):
        ipo.HuntMode.from_name(name)


@pytest.mark.parametrize(
    ("mode", "monitored", "later", "text"),
    [
        (ipo.HuntMode.GROUP, False, "Collective", "Group (Collective)"),
        (ipo.HuntMode.LINEAR, True, "Sequential", "Linear (Sequential)"),
        (ipo.HuntMode.CIRCULAR, True, "Rotary", "Circular (Rotary)"),
        (ipo.HuntMode.MOST_IDLE, True, "Longest Waiting", "Most Idle (Longest Waiting)"),
    ],
)
def test_each_mode_knows_whether_ccc_can_monitor_it_and_its_later_name(
    mode, monitored, later, text
):
    assert mode.can_be_monitored is monitored
    assert mode.later_name == later
    assert str(mode) == text


# --- Hunt groups ------------------------------------------------------------------------


def sales() -> ipo.HuntGroup:
    return ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, ("3000", "3001"))


def test_a_new_hunt_group_has_manager_defaults():
    group = ipo.HuntGroup("Sales", "200")
    assert (group.mode, group.members, group.no_answer_time, group.queuing) == (
        ipo.HuntMode.LINEAR,  # Manager's "Default = Sequential" (hunt_groups.DEFAULT_HUNT_MODE)
        (),
        15,
        True,
    )


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (["3000", "3001"], ("3000", "3001")),
        (("3001",), ("3001",)),
        (iter(["3000"]), ("3000",)),
        ((), ()),
    ],
)
def test_members_are_stored_as_a_tuple_in_hunt_order(given, stored):
    group = sales()
    group.members = given
    assert group.members == stored


@pytest.mark.parametrize(
    ("given", "mode"), [("Rotary", ipo.HuntMode.CIRCULAR), ("Hunt", ipo.HuntMode.LINEAR)]
)
def test_a_mode_may_be_given_by_name(given, mode):
    group = sales()
    group.mode = given
    assert group.mode is mode


BAD_GROUP_FIELDS = [
    pytest.param(
        "members",
        "3000",
        r"Members '3000' of hunt group 'Sales' must be a list of user extensions, such as \('3000', '3001'\)",
        id="members-as-one-string",
    ),
    pytest.param(
        "members",
        None,
        r"Members None of hunt group 'Sales' must be a list of user extensions",
        id="members-none",
    ),
    pytest.param(
        "members",
        ("3000", "x1"),
        r"Extension 'x1' of a member of hunt group 'Sales' must be digits only",
        id="member-with-letters",
    ),
    pytest.param(
        "members",
        ("3000", 3001),
        r"Extension 3001 of a member of hunt group 'Sales' must be digits only",
        id="member-not-a-str",
    ),
    pytest.param(
        "members",
        ("3",),
        r"Extension '3' of a member of hunt group 'Sales' has 1 digits",
        id="member-of-1-digit",
    ),
    pytest.param(
        "mode", "Random", r"Hunt mode 'Random' is not one IP Office has", id="mode-unknown"
    ),
    pytest.param(
        "name",
        "S" * 16,
        r"Hunt group name 'S{16}' has 16 characters; Manager allows at most 15",
        id="name-too-long",
    ),
    pytest.param("name", "", r"Hunt group name '' must be text", id="name-empty"),
    pytest.param(
        "name",
        "Sales ",
        r"Hunt group name 'Sales ' starts or ends with a space: remove it",
        id="name-with-a-space",
    ),
    pytest.param(
        "extension",
        "2",
        r"Extension '2' of hunt group 'Sales' has 1 digits; IP Office takes 2 to 9",
        id="extension-of-1-digit",
    ),
    pytest.param(
        "extension",
        "2OO",
        r"Extension '2OO' of hunt group 'Sales' must be digits only",
        id="extension-with-letters",
    ),
    pytest.param(
        "no_answer_time",
        0,
        r"No Answer Time 0 must be whole seconds, 1 or more \(default 15\)",
        id="no-answer-time-0",
    ),
    pytest.param(
        "no_answer_time",
        7.5,
        r"No Answer Time 7\.5 must be whole seconds",
        id="no-answer-time-fraction",
    ),
    pytest.param("queuing", "yes", r"Queuing 'yes' must be True or False", id="queuing-text"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_GROUP_FIELDS)
def test_assigning_a_bad_hunt_group_field_is_refused_and_keeps_the_old_value(field, value, message):
    group = sales()
    old = getattr(group, field)
    with pytest.raises(ipo.ConfigError, match=message):
        setattr(group, field, value)
    assert getattr(group, field) == old


@pytest.mark.parametrize(("field", "value", "message"), BAD_GROUP_FIELDS)
def test_constructing_a_hunt_group_with_a_bad_field_is_refused(field, value, message):
    fields = {
        "name": "Sales",
        "extension": "200",
        "mode": ipo.HuntMode.LINEAR,
        "members": ("3000",),
        field: value,
    }
    with pytest.raises(ipo.ConfigError, match=message):
        ipo.HuntGroup(**fields)


def test_a_hunt_group_alone_does_not_know_who_is_a_user():
    # Whether members are users, and listed once, is the Config's question (R2).
    group = ipo.HuntGroup("Sales", "200", members=("3000", "3000", "3999"))
    assert group.members == ("3000", "3000", "3999")
