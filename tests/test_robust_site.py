"""Manager's data refuses bad input at its root (issue 12).

A user's buttons and short codes, and a configuration's lists of stations, users, short codes
and hunt groups, refuse what they cannot hold when it is put in, edited in place or not.  What
gets in behind every check anyway (a field set with ``object.__setattr__``) is a problem that
``validate()`` lists, never an exception out of it.  A site file with a value of any wrong kind
anywhere is a :class:`~ipo_core.errors.ConfigFileError` that names the field and quotes at most
about 100 characters of the value, and a configuration that validates always loads back equal
from its saved file.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from sites_by_hand import tip_site_by_hand

import ipo_core as ipo

B = ipo.Button
SC = ipo.ShortCode

#: Longest a problem about a huge value may be: the sentence and ~100 characters quoted.
MAX_PROBLEM = 400


def agent() -> ipo.User:
    return ipo.User("Agent3000", extension="3000", force_login=True, login_code="1234")


# --- in-place edits are refused, and change nothing ---------------------------------------


IN_PLACE_EDITS: list = [
    pytest.param(lambda u: u.buttons.__setitem__(0, B.extn_logout()), id="button-0"),
    pytest.param(lambda u: u.buttons.__setitem__(25, B.extn_logout()), id="button-25"),
    pytest.param(lambda u: u.buttons.__setitem__("1", B.extn_logout()), id="button-text-key"),
    pytest.param(lambda u: u.buttons.__setitem__(True, B.extn_logout()), id="button-bool-key"),
    pytest.param(lambda u: u.buttons.__setitem__(2, "ExtnLogout"), id="button-as-text"),
    pytest.param(lambda u: u.buttons.update({3: None}), id="update-with-none"),
    pytest.param(lambda u: u.buttons.update([(0, B.extn_logout())]), id="update-pairs"),
    pytest.param(lambda u: u.buttons.update(x=B.extn_logout()), id="update-keyword"),
    pytest.param(lambda u: u.buttons.setdefault(99, B.extn_logout()), id="setdefault"),
    pytest.param(lambda u: u.buttons.__ior__({2: "*36"}), id="in-place-or"),
    pytest.param(lambda u: u.short_codes.append("*36"), id="short-code-as-text"),
    pytest.param(lambda u: u.short_codes.extend([SC("#2", "3001"), None]), id="extend"),
    pytest.param(lambda u: u.short_codes.insert(0, 36), id="insert"),
    pytest.param(lambda u: u.short_codes.__setitem__(0, "#1"), id="set-item"),
    pytest.param(lambda u: u.short_codes.__setitem__(slice(0, 0), ["#1"]), id="set-slice"),
    pytest.param(lambda u: u.short_codes.__iadd__(["#1"]), id="in-place-add"),
]


@pytest.mark.parametrize("edit", IN_PLACE_EDITS)
def test_editing_buttons_or_short_codes_in_place_is_refused_and_changes_nothing(edit) -> None:
    user = agent()
    user.buttons = {1: B.extn_logout()}
    user.short_codes = [SC("#1", "3001")]
    with pytest.raises(ipo.IpoError):
        edit(user)
    assert user.buttons == {1: B.extn_logout()}
    assert user.short_codes == [SC("#1", "3001")]


CONFIG_LIST_EDITS: list = [
    pytest.param(lambda c: c.users.append("Agent3009"), id="user-as-text"),
    pytest.param(lambda c: c.users.insert(0, None), id="user-none"),
    pytest.param(lambda c: c.extensions.append("3009"), id="station-as-text"),
    pytest.param(lambda c: c.short_codes.append("*36"), id="system-short-code-as-text"),
    pytest.param(lambda c: c.short_codes.extend(["*99"]), id="system-short-codes-extended"),
    pytest.param(lambda c: c.hunt_groups.append({"name": "Sales"}), id="hunt-group-as-dict"),
    pytest.param(lambda c: c.users.__setitem__(0, agent().label), id="user-replaced-by-text"),
]


@pytest.mark.parametrize("edit", CONFIG_LIST_EDITS)
def test_a_config_list_refuses_what_is_not_its_record(edit) -> None:
    cfg = tip_site_by_hand()
    before = cfg.copy()
    with pytest.raises(ipo.WrongType):
        edit(cfg)
    assert cfg == before
    assert cfg.validate() == ()


def test_the_checked_lists_act_as_lists_copy_and_keep_config_lookups_right() -> None:
    cfg = tip_site_by_hand()
    user = cfg.user("3000")
    user.buttons[3] = B.dial("*36")
    user.short_codes += [SC("#1", "3001")]
    copied = cfg.copy()
    copied.user("3000").buttons[4] = B.extn_logout()
    assert cfg.user("3000").buttons == {3: B.dial("*36")}
    assert copied.user("3000").short_codes == [SC("#1", "3001")]
    with pytest.raises(ipo.IpoError):
        copied.user("3000").buttons[0] = B.extn_logout()
    cfg.user("3002").name = "Renamed"
    cfg.user("Renamed").extension = "3005"
    with pytest.raises(ipo.ConfigError, match="clashes with user Renamed"):
        cfg.add_user(ipo.User("renamed", extension="3006"))
    with pytest.raises(ipo.ConfigError, match="clashes with user Renamed"):
        cfg.add_user(ipo.User("Other", extension="3005"))
    cfg.add_user(ipo.User("Desk3002", extension="3002"))
    removed = cfg.users.pop()
    cfg.users.append(removed)
    with pytest.raises(ipo.ConfigError, match="clashes with user Desk3002"):
        cfg.add_user(ipo.User("X", extension="3002"))
    assert cfg.user("desk3002") is removed
    assert cfg.find_user("3005") is cfg.user("Renamed")
    unpickled = pickle.loads(pickle.dumps(cfg))
    assert unpickled == cfg
    with pytest.raises(ipo.IpoError):
        unpickled.user("3000").buttons[0] = B.extn_logout()
    with pytest.raises(ipo.WrongType):
        unpickled.extensions.append("3009")


# --- validate() lists what got in behind the checks, and never raises -------------------


def _set(record: object, field: str, value: object) -> None:
    object.__setattr__(record, field, value)  # behind every check, as no public call can


BEHIND_THE_CHECKS: list = [
    pytest.param(lambda c: _set(c.user("3000"), "login_code", "12ab"), "Login Code", id="code"),
    pytest.param(lambda c: _set(c.user("3000"), "login_code", "１２３４"), "Login Code", id="fw"),
    pytest.param(lambda c: _set(c.user("3000"), "name", 5), "Name", id="name-int"),
    pytest.param(lambda c: _set(c.user("3000"), "name", ["A"]), "Name", id="name-list"),
    pytest.param(lambda c: _set(c.user("3000"), "extension", ["3000"]), "Extension", id="ext"),
    pytest.param(lambda c: _set(c.user("3000"), "extension", None), "Extension", id="ext-none"),
    pytest.param(lambda c: _set(c.user("3000"), "force_login", "yes"), "Force Login", id="fl"),
    pytest.param(lambda c: _set(c.user("3000"), "wrap_up_time", 10**5000), "Wrap-up", id="wrap"),
    pytest.param(lambda c: _set(c.user("3000"), "buttons", [1]), "Button", id="buttons-list"),
    pytest.param(
        lambda c: dict.__setitem__(c.user("3000").buttons, 0, "x"), "Button", id="button-0"
    ),
    pytest.param(lambda c: _set(c.user("3000"), "short_codes", None), "Short", id="codes-none"),
    pytest.param(lambda c: list.append(c.user("3000").short_codes, "*36"), "Short", id="code-text"),
    pytest.param(lambda c: list.append(c.users, "Agent3009"), "User", id="user-as-text"),
    pytest.param(lambda c: list.append(c.extensions, 3009), "Station", id="station-as-int"),
    pytest.param(lambda c: list.append(c.short_codes, [1]), "Short", id="system-code-list"),
    pytest.param(lambda c: list.append(c.hunt_groups, None), "Hunt", id="hunt-group-none"),
    pytest.param(
        lambda c: _set(c.hunt_group("Sales"), "members", [["3000"]]), "Members", id="members"
    ),
    pytest.param(lambda c: _set(c.hunt_group("Sales"), "name", {}), "Name", id="group-name"),
    pytest.param(lambda c: _set(c.hunt_group("Sales"), "mode", "Group"), "Hunt", id="mode"),
    pytest.param(
        lambda c: _set(c.hunt_group("Sales"), "no_answer_time", "15"), "No Answer", id="no-ans"
    ),
    pytest.param(
        lambda c: _set(c.hunt_group("Sales"), "no_answer_time", 10**5000),
        "No Answer|Hunt Group",
        id="no-ans-huge",
    ),
    pytest.param(
        lambda c: _set(c.hunt_group("Sales"), "members", 10**5000), "Members|Hunt Group", id="m-int"
    ),
    pytest.param(lambda c: _set(c.extension("3000"), "model", "9999"), "Model", id="model"),
    pytest.param(
        lambda c: _set(c.extension("3000"), "base_extension", 3000), "Base", id="base-int"
    ),
]


@pytest.mark.parametrize(("edit", "field"), BEHIND_THE_CHECKS)
def test_validate_lists_content_set_behind_the_checks_and_does_not_raise(edit, field) -> None:
    cfg = tip_site_by_hand()
    edit(cfg)
    problems = cfg.validate()
    assert problems, "validate() found nothing"
    assert all(isinstance(p, ipo.Problem) for p in problems)
    assert any(re.search(field, p.field) for p in problems), [(p.field, str(p)) for p in problems]
    assert all(len(str(p)) < MAX_PROBLEM for p in problems), problems
    text = " ".join(map(str, problems))
    for code in ("5678", "12ab", "１２３４"):  # a code never leaves (masking.py)
        assert code not in text
    with pytest.raises(ipo.ConfigError):
        ipo.System(cfg)


def test_validate_lists_one_problem_per_thing_wrong() -> None:
    cfg = tip_site_by_hand()
    _set(cfg.user("3000"), "login_code", "12ab")
    _set(cfg.user("3001"), "name", 7)
    list.append(cfg.users, "junk")
    fields = sorted(p.field for p in cfg.validate())
    assert fields == ["Name", "Telephony > Login Code", "User"], cfg.validate()


# --- names and labels a site file could not give back are refused ------------------------


UNSAVABLE = [
    pytest.param("A\x01", id="control"),
    pytest.param("A\x7f", id="delete"),
    pytest.param("A\tB", id="tab"),
    pytest.param("A\nB", id="newline"),
    pytest.param("A\x85B", id="next-line"),
    pytest.param("A\u2028B", id="line-separator"),
    pytest.param("A\ud800", id="lone-surrogate"),
]


@pytest.mark.parametrize("name", UNSAVABLE)
def test_a_name_a_site_file_could_not_give_back_is_refused(name: str) -> None:
    with pytest.raises(ipo.ConfigError, match="name"):
        ipo.User(name, extension="3000")
    with pytest.raises(ipo.ConfigError, match="name"):
        ipo.HuntGroup(name, "200")


@pytest.mark.parametrize("label", UNSAVABLE)
def test_a_button_label_a_site_file_could_not_give_back_is_refused(label: str) -> None:
    with pytest.raises(ipo.ConfigError, match="label"):
        B.extn_logout(label=label)


NAMES = ["Åsa Öberg", "李小龙", "O'Brien #2", "a=b [x]", "back\u00a0space", "🙂 Smile", "A\x7f"]


def test_every_config_that_validates_loads_back_equal(tmp_path: Path) -> None:
    for n, name in enumerate(NAMES + [u.values[0] for u in UNSAVABLE]):
        cfg = tip_site_by_hand()
        try:
            cfg.user("3002").name = name
            cfg.hunt_group("Sales").name = name[::-1].strip() or "S"
            cfg.set_button("3002", 1, B.dial("*36", label=name[:10].strip()))
        except ipo.ConfigError:
            assert name not in NAMES[:-1], name
            continue
        assert cfg.validate() == ()
        cfg.save(tmp_path / f"{n}.toml")
        assert ipo.Config.load(tmp_path / f"{n}.toml") == cfg, name


def test_a_login_code_longer_than_ip_office_takes_is_refused() -> None:
    with pytest.raises(ipo.ConfigError, match="at most 31 digits"):
        ipo.User("Agent3000", extension="3000", login_code="1" * 32)


def test_a_message_quotes_at_most_about_100_characters_of_a_huge_value() -> None:
    for field, value in [("name", "A" * 100_000), ("extension", "9" * 100_000)]:
        with pytest.raises(ipo.ConfigError) as caught:
            setattr(agent(), field, value)
        assert len(str(caught.value)) < MAX_PROBLEM
    with pytest.raises(ipo.ConfigError) as caught:
        B.dial("9" * 100_000 + "x")
    assert len(str(caught.value)) < MAX_PROBLEM


# --- site files: any value of a wrong kind, anywhere, is refused by field ----------------

USER = '[[user]]\nname = "Agent3000"\nextension = "3000"\n'
GROUP = '[[hunt_group]]\nname = "Sales"\nextension = "200"\n'
DIGITS = "9" * 5000

BAD_FILES = [
    pytest.param("x = " + "[" * 100_000 + "]" * 100_000, "x", id="nested-past-recursion"),
    pytest.param(USER + "wrap_up_time = " + "[" * 3000 + "]" * 3000, "user[1]", id="nested-in"),
    pytest.param(USER + f"wrap_up_time = {DIGITS}\n", "user[1].wrap_up_time", id="huge-int"),
    pytest.param(f'[[user]]\nname = {DIGITS}\nextension = "3000"\n', "user[1].name", id="big"),
    pytest.param(f'[[user]]\nname = "A"\nextension = {DIGITS}\n', "user[1].extension", id="e"),
    pytest.param(GROUP + f"no_answer_time = {DIGITS}\n", "hunt_group[1].no_answer_time", id="na"),
    pytest.param(GROUP + f"members = [{DIGITS}]\n", "hunt_group[1].members", id="member-int"),
    pytest.param(USER + 'buttons = { "²" = "ExtnLogout" }\n', "user[1].buttons", id="sup"),
    pytest.param(USER + 'buttons = { "１" = "ExtnLogout" }\n', "user[1].buttons", id="fw-button"),
    pytest.param(USER + 'buttons = { "٣" = "ExtnLogout" }\n', "user[1].buttons", id="arabic"),
    pytest.param(USER + f'buttons = {{ "{DIGITS}" = "ExtnLogout" }}\n', "user[1].buttons", id="b"),
    pytest.param(USER + 'buttons = { "1" = "Dial 1 \\"a\\u0001\\"" }\n', "user[1].buttons", id="l"),
    pytest.param('[[user]]\nname = "A"\nextension = ["3000"]\n', "user[1].extension", id="list"),
    pytest.param('[[user]]\nname = "A"\nextension = {a = 1}\n', "user[1].extension", id="table"),
    pytest.param('[[user]]\nname = "A\\u0001"\nextension = "3000"\n', "user[1].name", id="ctrl"),
    pytest.param(USER + f'login_code = "{DIGITS}"\n', "user[1].login_code", id="long-code"),
    pytest.param(f'[[user]]\nname = "{"A" * 100_000}"\nextension = "3000"\n', "name", id="long"),
    pytest.param(
        f'[[extension]]\nbase_extension = "3000"\nmodel = "{"x" * 10_000}"\n',
        "extension[1].model",
        id="long-model",
    ),
    pytest.param(f"{'y' * 10_000} = 1\n", "y", id="long-unknown-section"),
]


@pytest.mark.parametrize(("text", "field"), BAD_FILES)
def test_a_site_file_with_a_value_of_the_wrong_kind_names_the_field(text: str, field: str) -> None:
    with pytest.raises(ipo.ConfigFileError) as caught:
        ipo.Config.loads(text)
    problems = [str(p) for p in caught.value.problems]
    assert problems
    assert any(field in p for p in problems), problems
    assert all(len(p) < MAX_PROBLEM for p in problems), [p[:500] for p in problems]


def test_a_site_file_path_of_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ipo.WrongType):
        ipo.Config.load(3000)  # type: ignore[arg-type]
    with pytest.raises(ipo.ConfigFileError, match="cannot read it"):
        ipo.Config.load(str(tmp_path / "a\0b.toml"))
    with pytest.raises(ipo.WrongType):
        ipo.Config.loads(b"[system]")  # type: ignore[arg-type]


def test_many_problems_in_one_file_are_each_at_their_own_line() -> None:
    codes = "".join(f'    "{bad}",\n' for bad in ["bad1", "#" * 10_000, "bad3"])
    text = f"[system]\nshort_codes = [\n{codes}]\n"
    with pytest.raises(ipo.ConfigFileError) as caught:
        ipo.Config.loads(text)
    lines = [re.match(r"line (\d+)", str(p))[1] for p in caught.value.problems]  # type: ignore[index]
    assert lines == ["3", "4", "5"]
    assert all(len(str(p)) < MAX_PROBLEM for p in caught.value.problems)


# --- which mistakes load refuses, and which validate lists (docs/behaviour.md, section 4) ----

ONE_AGENT = """[system]
short_codes = []
[[extension]]
base_extension = "3000"
model = "4612"
[[user]]
name = "Agent3000"
extension = "3000"
force_login = true
"""


@pytest.mark.parametrize(
    ("extra", "refused_by_load", "field"),
    [
        pytest.param("", False, "Telephony > Login Code", id="force-login-without-a-code"),
        pytest.param(
            '[[user]]\nname = "Agent3000"\nextension = "3001"\n',
            True,
            "user[2].name",
            id="a-name-taken",
        ),
        pytest.param(
            '[[user]]\nname = "AGENT3000"\nextension = "3001"\n',
            True,
            "user[2].name",
            id="a-name-taken-in-another-case",
        ),
        pytest.param(
            '[[user]]\nname = "Agent3001"\nextension = "3000"\n',
            True,
            "user[2].extension",
            id="an-extension-taken",
        ),
        pytest.param(
            '[[hunt_group]]\nname = "Sales"\nextension = "200"\nmode = "Linear"\n'
            'members = ["3999"]\n',
            True,
            "hunt_group[1].members",
            id="a-member-who-is-no-user",
        ),
    ],
)
def test_load_refuses_what_adding_refuses_and_validate_lists_what_merge_refuses(
    extra: str, refused_by_load: bool, field: str
) -> None:
    if refused_by_load:
        with pytest.raises(ipo.ConfigFileError, match=re.escape(f"({field})")):
            ipo.Config.loads(ONE_AGENT + extra)
    else:
        config = ipo.Config.loads(ONE_AGENT + extra)
        assert [p.field for p in config.validate()] == [field]
