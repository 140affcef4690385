"""Config: Manager's offline copy of a site, its add_* refusals and validate() (rule R2)."""

from __future__ import annotations

import re

import pytest
from sites_by_hand import tip_site_by_hand

import ipo_core as ipo


def make_config() -> ipo.Config:
    """The tech tip's site built by hand, where Agent3000 also has a user short code ``#1``."""
    cfg = tip_site_by_hand()
    cfg.add_short_code(ipo.ShortCode("#1", "3001"), user="Agent3000")
    return cfg


@pytest.fixture
def cfg() -> ipo.Config:
    return make_config()


def test_the_hand_built_site_is_valid(cfg):
    assert cfg.validate() == ()
    assert cfg.is_valid()


def test_a_new_config_holds_the_default_system_short_codes():
    codes = {str(sc) for sc in ipo.Config().short_codes}
    assert {"*35*N#/N/ExtnLogin/0", "*36//ExtnLogout/0"} <= codes
    assert ipo.Config().short_codes == list(ipo.DEFAULT_SYSTEM_SHORT_CODES)


def test_a_config_can_start_without_the_default_short_codes():
    assert ipo.Config(default_short_codes=False).short_codes == []


# --- add_* refuse at once, and change nothing --------------------------------------------

REFUSED_ADDS = [
    pytest.param(
        lambda c: c.add_extension("3000", "4624"),
        r"already a station with base extension '3000': choose another number",
        id="station-with-a-taken-base-extension",
    ),
    pytest.param(
        lambda c: c.add_extension("30a0", "4612"),
        r"Extension '30a0' of a station must be digits only",
        id="station-with-letters",
    ),
    pytest.param(
        lambda c: c.add_extension("3005", "9999"),
        r"no handset model '9999'",
        id="station-with-an-unknown-model",
    ),
    pytest.param(
        lambda c: c.add_user(ipo.User("Agent3000", "3005")),
        r"name 'Agent3000' .* clashes with user Agent3000 \(3000\).*choose another",
        id="user-with-a-taken-name",
    ),
    pytest.param(
        lambda c: c.add_user(ipo.User("AGENT3000", "3005")),
        r"name 'AGENT3000' .* clashes with user Agent3000 \(3000\).*choose another",
        id="user-with-a-taken-name-in-other-case",
    ),
    pytest.param(
        lambda c: c.add_user(ipo.User("Agent3005", "3000")),
        r"extension '3000' clashes with user Agent3000 \(3000\).*choose another",
        id="user-with-a-taken-extension",
    ),
    pytest.param(
        lambda c: c.add_user(ipo.User("Agent3005", "200")),
        r"extension '200' clashes with hunt group Sales \(200\).*choose another",
        id="user-with-a-hunt-group-extension",
    ),
    pytest.param(
        lambda c: c.add_user(ipo.User("sales", "3005")),
        r"name 'sales' .* clashes with hunt group Sales \(200\).*choose another",
        id="user-with-a-hunt-group-name",
    ),
    pytest.param(
        lambda c: c.add_user("Agent3005"),
        r"add_user takes a User, not 'Agent3005'",
        id="user-that-is-not-a-User",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("SALES", "201")),
        r"name 'SALES' .* clashes with hunt group Sales \(200\).*choose another",
        id="group-with-a-taken-name",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("Support", "200")),
        r"extension '200' clashes with hunt group Sales \(200\)",
        id="group-with-a-taken-extension",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("Support", "3002")),
        r"extension '3002' clashes with user Desk3002 \(3002\)",
        id="group-with-a-user-extension",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("desk3002", "201")),
        r"name 'desk3002' .* clashes with user Desk3002 \(3002\)",
        id="group-with-a-user-name",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("Support", "201", members=("3000", "3009"))),
        r"lists member '3009', who is not a user: add user 3009 first, or remove them",
        id="group-with-a-member-who-is-not-a-user",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(ipo.HuntGroup("Support", "201", members=("3000", "3000"))),
        r"lists member '3000' 2 times: keep one",
        id="group-with-a-member-twice",
    ),
    pytest.param(
        lambda c: c.add_hunt_group(("Support", "201")),
        r"add_hunt_group takes a HuntGroup, not \('Support', '201'\)",
        id="group-that-is-not-a-HuntGroup",
    ),
    pytest.param(
        lambda c: c.add_short_code(ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT)),
        r"The system already has short code '\*36': edit or remove that one first",
        id="system-short-code-twice",
    ),
    pytest.param(
        lambda c: c.add_short_code(ipo.ShortCode("#1", "3002"), user="3000"),
        r"User Agent3000 \(3000\) already has short code '#1': edit or remove that one first",
        id="user-short-code-twice",
    ),
    pytest.param(
        lambda c: c.add_short_code("#3000/3000*1234/ExtnLogin"),
        r"add_short_code takes a ShortCode, not '#3000/3000\*1234/ExtnLogin'",
        id="short-code-that-is-not-a-ShortCode",
    ),
]


@pytest.mark.parametrize(("add", "message"), REFUSED_ADDS)
def test_add_refuses_at_once_and_changes_nothing(add, message):
    cfg = make_config()
    before = cfg.copy()
    with pytest.raises(ipo.ConfigError, match=message):
        add(cfg)
    assert cfg == before


def test_a_user_can_have_a_short_code_the_system_also_has(cfg):
    cfg.add_short_code(ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT), user="3000")
    assert cfg.user("3000").short_codes[-1] == ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT)
    assert cfg.is_valid()


def test_added_records_are_the_objects_later_edited(cfg):
    user = ipo.User("Agent3005", "3005")
    cfg.add_user(user)
    assert cfg.user("3005") is user


# --- validate() finds every R2 problem, also those made by editing after adding --------


def rename(cfg: ipo.Config, key: str, name: str) -> None:
    cfg.user(key).name = name


PROBLEMS = [
    pytest.param(
        lambda c: setattr(c.user("3000"), "login_code", ""),
        "Telephony > Login Code",
        r"User Agent3000 \(3000\) has Force Login ticked but no Login Code: enter a code of at least 4 digits",
        id="force-login-code-removed",
    ),
    pytest.param(
        lambda c: setattr(c.user("3002"), "force_login", True),
        "Telephony > Login Code",
        r"User Desk3002 \(3002\) has Force Login ticked but no Login Code.*or untick Force Login",
        id="force-login-ticked-without-code",
    ),
    pytest.param(
        lambda c: rename(c, "3001", "Agent3000"),
        "Name",
        r"The names 'Agent3000', 'Agent3000' are one name: names of users and hunt groups must be unique. Rename all but one",
        id="user-renamed-to-a-taken-name",
    ),
    pytest.param(
        lambda c: rename(c, "3001", "SALES"),
        "Name",
        r"The names 'SALES', 'Sales' are one name",
        id="user-renamed-to-a-group-name",
    ),
    pytest.param(
        lambda c: setattr(c.hunt_group("Sales"), "name", "desk3002"),
        "Name",
        r"The names 'Desk3002', 'desk3002' are one name",
        id="group-renamed-to-a-user-name",
    ),
    pytest.param(
        lambda c: setattr(c.user("3002"), "extension", "3001"),
        "Extension",
        r"Extension '3001' is used 2 times by users and hunt groups: each number must be unique, so change all but one",
        id="user-extension-changed-to-a-taken-one",
    ),
    pytest.param(
        lambda c: setattr(c.hunt_group("Sales"), "extension", "3002"),
        "Extension",
        r"Extension '3002' is used 2 times",
        id="group-extension-changed-to-a-user-one",
    ),
    pytest.param(
        lambda c: c.hunt_groups.append(ipo.HuntGroup("Support", "200")),
        "Extension",
        r"Extension '200' is used 2 times",
        id="group-appended-with-a-taken-extension",
    ),
    pytest.param(
        lambda c: c.remove_user("3001"),
        "Members",
        r"Hunt group 'Sales' lists member '3001', who is not a user: add user 3001 first, or remove them from the group",
        id="member-removed-as-a-user",
    ),
    pytest.param(
        lambda c: setattr(c.user("3001"), "extension", "3005"),
        "Members",
        r"lists member '3001', who is not a user",
        id="member-extension-changed",
    ),
    pytest.param(
        lambda c: setattr(c.hunt_group("Sales"), "members", ("3000", "3009")),
        "Members",
        r"lists member '3009', who is not a user",
        id="member-edited-to-a-non-user",
    ),
    pytest.param(
        lambda c: setattr(c.hunt_group("Sales"), "members", ("3000", "3001", "3000")),
        "Members",
        r"lists member '3000' 2 times: keep one",
        id="member-listed-twice",
    ),
    pytest.param(
        lambda c: c.short_codes.append(ipo.ShortCode("*35*N#", "N", ipo.Feature.EXTN_LOGIN)),
        "Short Codes",
        r"Short code '\*35\*N#' appears 2 times in the system: keep one",
        id="system-short-code-appended-twice",
    ),
    pytest.param(
        lambda c: c.user("3000").short_codes.append(ipo.ShortCode("#1", "3002")),
        "Short Codes",
        r"Short code '#1' appears 2 times in user Agent3000 \(3000\): keep one",
        id="user-short-code-appended-twice",
    ),
]


@pytest.mark.parametrize(("edit", "field", "message"), PROBLEMS)
def test_validate_finds_the_problem_an_edit_made(cfg, edit, field, message):
    edit(cfg)
    problems = cfg.validate()
    assert len(problems) == 1, problems
    (problem,) = problems
    assert re.search(message, str(problem)), str(problem)
    assert problem.field == field
    assert not cfg.is_valid()


def test_validate_lists_every_problem_at_once(cfg):
    cfg.user("3000").login_code = ""
    cfg.user("3000").name = "agent3001"
    cfg.user("3002").force_login = True
    cfg.user("3002").extension = "3001"
    cfg.hunt_group("Sales").members = ("3000", "3009")
    cfg.short_codes.append(ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT))
    assert [p.field for p in cfg.validate()] == [
        "Telephony > Login Code",
        "Telephony > Login Code",
        "Name",
        "Extension",
        "Members",
        "Short Codes",
    ]


def test_validate_is_a_pure_question(cfg):
    cfg.user("3002").force_login = True
    before = cfg.copy()
    assert [p.field for p in cfg.validate()] == ["Telephony > Login Code"]
    assert [p.field for p in cfg.validate()] == ["Telephony > Login Code"]
    assert cfg == before


def test_validate_finds_two_stations_with_one_base_extension(cfg):
    cfg.extensions.append(ipo.Extension("3000", "4624"))
    (problem,) = cfg.validate()
    assert (problem.field, str(problem)) == (
        "Base Extension",
        "Base extension '3000' is given to 2 stations: each station needs its own, so change "
        "or remove all but one.",
    )


def test_a_duplicate_name_problem_quotes_the_names_as_typed(cfg):
    cfg.user("3001").name = "AGENT3000"
    (problem,) = cfg.validate()
    assert "The names 'Agent3000', 'AGENT3000' are one name: they differ only in case" in str(
        problem
    )
    assert "Manager allows but Voicemail Pro and CCC's reports do not" in str(problem)


# --- lookups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lookup", "key", "found"),
    [
        ("user", "3000", "Agent3000"),
        ("user", "Agent3000", "Agent3000"),
        ("hunt_group", "Sales", "Sales"),
        ("hunt_group", "200", "Sales"),
    ],
)
def test_user_and_hunt_group_are_found_by_extension_or_name(cfg, lookup, key, found):
    assert getattr(cfg, lookup)(key).name == found


def test_extension_finds_a_station_by_base_extension(cfg):
    assert cfg.extension("3001") == ipo.Extension("3001", "6416D+")


@pytest.mark.parametrize(
    ("lookup", "key", "message"),
    [
        (
            "user",
            "3009",
            r"There is no user '3009'\. Known: Agent3000 \(3000\), Agent3001 \(3001\), Desk3002 \(3002\)\.",
        ),
        ("user", 3000, r"There is no user 3000\. Known: Agent3000 \(3000\)"),
        ("user", "Sales", r"There is no user 'Sales'\."),
        ("hunt_group", "Support", r"There is no hunt group 'Support'\. Known: Sales\."),
        ("hunt_group", "3000", r"There is no hunt group '3000'\. Known: Sales\."),
        ("extension", "3009", r"There is no station '3009'\. Known: 3000, 3001, 3002\."),
        ("remove_user", "3009", r"There is no user '3009'\. Known: Agent3000"),
        ("remove_short_code", "#9", r"There is no short code '#9'\. Known: \*00, \*01"),
    ],
)
def test_lookups_of_unknown_names_list_what_is_known(cfg, lookup, key, message):
    before = cfg.copy()
    with pytest.raises(ipo.UnknownName, match=message) as caught:
        getattr(cfg, lookup)(key)
    assert caught.value.name == key
    assert cfg == before


def test_an_unknown_name_is_also_a_lookup_error(cfg):
    with pytest.raises(LookupError):
        cfg.user("3009")


def test_find_user_returns_none_for_a_number_nobody_has(cfg):
    assert cfg.find_user("3009") is None
    assert cfg.find_user("3001").name == "Agent3001"


def test_find_user_does_not_find_hunt_groups(cfg):
    assert cfg.find_user("200") is None


# --- editing through the Config ---------------------------------------------------------


def test_set_extension_model_puts_another_phone_on_the_desk(cfg):
    cfg.set_extension_model("3002", "4624")
    assert cfg.extension("3002").model == "4624"
    assert [e.base_extension for e in cfg.extensions] == ["3000", "3001", "3002"]


@pytest.mark.parametrize(
    ("given", "canonical"), [("6416", "6416D+"), ("4412d+", "4412D+"), (" 4606 ", "4606")]
)
def test_handset_models_are_stored_by_their_canonical_name(cfg, given, canonical):
    cfg.add_extension("3005", given)
    assert cfg.extension("3005").model == canonical


@pytest.mark.parametrize(
    ("base", "model", "error", "message"),
    [
        (
            "3009",
            "4612",
            ipo.UnknownName,
            r"There is no station '3009'\. Known: 3000, 3001, 3002\.",
        ),
        ("3002", "4699", ipo.IpoError, r"no handset model '4699'"),
    ],
)
def test_set_extension_model_refuses_unknown_stations_and_models(cfg, base, model, error, message):
    before = cfg.copy()
    with pytest.raises(error, match=message):
        cfg.set_extension_model(base, model)
    assert cfg == before


def test_remove_user_returns_the_user_removed(cfg):
    removed = cfg.remove_user("Desk3002")
    assert removed.extension == "3002"
    assert cfg.find_user("3002") is None


def test_remove_short_code_returns_the_short_code_removed(cfg):
    assert cfg.remove_short_code("*36") == ipo.ShortCode("*36", "", ipo.Feature.EXTN_LOGOUT)
    assert all(sc.code != "*36" for sc in cfg.short_codes)


def test_set_button_programs_and_clears_a_button(cfg):
    cfg.set_button("3000", 3, ipo.Button.extn_logout())
    assert cfg.user("3000").buttons == {3: ipo.Button.extn_logout()}
    cfg.set_button("3000", 3, None)
    assert cfg.user("3000").buttons == {}


@pytest.mark.parametrize(
    ("position", "button", "message"),
    [
        (
            0,
            ipo.Button.extn_logout(),
            r"Button position 0 for user Agent3000 \(3000\) must be a whole number from 1 to 24",
        ),
        (25, ipo.Button.extn_logout(), r"Button position 25 .* from 1 to 24"),
        ("1", ipo.Button.extn_logout(), r"Button position '1' .* from 1 to 24"),
        (
            1,
            "*36",
            r"Button '\*36' is not a Button: use Button\.extn_logout\(\) or Button\.dial\('\*36'\)",
        ),
    ],
)
def test_set_button_refuses_bad_positions_and_buttons(cfg, position, button, message):
    before = cfg.copy()
    with pytest.raises(ipo.ConfigError, match=message):
        cfg.set_button("3000", position, button)
    assert cfg == before


# --- copies, equality, repr -------------------------------------------------------------

EDITS_OF_A_COPY = [
    pytest.param(lambda c: setattr(c.user("3000"), "login_code", "9999"), id="login-code"),
    pytest.param(lambda c: setattr(c.hunt_group("Sales"), "members", ("3000",)), id="members"),
    pytest.param(
        lambda c: c.user("3000").short_codes.append(ipo.ShortCode("#2", "3002")),
        id="user-short-codes",
    ),
    pytest.param(lambda c: c.set_button("3000", 1, ipo.Button.dial("*36")), id="buttons"),
    pytest.param(lambda c: c.short_codes.clear(), id="system-short-codes"),
    pytest.param(lambda c: c.add_extension("3005"), id="stations"),
    pytest.param(lambda c: c.remove_user("3002"), id="users"),
]


@pytest.mark.parametrize("edit", EDITS_OF_A_COPY)
def test_a_copy_is_equal_and_independent(cfg, edit):
    copy = cfg.copy()
    assert copy == cfg
    assert copy is not cfg
    edit(copy)
    assert copy != cfg
    assert cfg == make_config()


@pytest.mark.parametrize("edit", EDITS_OF_A_COPY)
def test_configs_built_alike_are_equal_until_one_is_edited(edit):
    a, b = make_config(), make_config()
    assert a == b
    edit(b)
    assert a != b


def test_a_config_is_not_equal_to_other_things_and_is_unhashable(cfg):
    assert cfg != "config"
    assert cfg != None  # noqa: E711
    with pytest.raises(TypeError):
        hash(cfg)


def test_repr_counts_the_records_and_holds_no_ids(cfg):
    assert repr(cfg) == "<Config: 3 stations, 3 users, 33 system short codes, 1 hunt groups>"
    assert repr(cfg) == repr(cfg.copy())
    assert "0x" not in repr(cfg.user("3000")) + repr(cfg.hunt_group("Sales")) + repr(
        cfg.extension("3000")
    )


def test_repr_of_records_is_stable_across_copies(cfg):
    copy = cfg.copy()
    for a, b in zip(
        cfg.users + cfg.hunt_groups + cfg.extensions,
        copy.users + copy.hunt_groups + copy.extensions,
        strict=True,
    ):
        assert repr(a) == repr(b)


def test_extension_is_frozen(cfg):
    with pytest.raises(AttributeError):
        cfg.extension("3000").model = "4624"
