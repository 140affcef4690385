"""Site files as a specification: TOML a person can read, that loads back equal or not at all.

``Config.save`` writes every field in a fixed order, so a saved file loads back
equal and saves back byte for byte.  A hand-written file may leave out any field
that has a default.  Every mistake in a file is reported at once, each with its
line and field and the value quoted, and nothing is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import ipo_core as ipo
from ipo_core.site import site_file

F = ipo.Feature
SC = ipo.ShortCode


def quoted(value: object) -> str:
    """A ``match=`` pattern for a message that quotes ``value`` with ``!r``."""
    return re.escape(repr(value))


# --- the shipped site ----------------------------------------------------------------------


def test_the_shipped_site_saves_back_byte_for_byte(tmp_path: Path) -> None:
    shipped = ipo.sites.TECH_TIP_014
    saved = tmp_path / "copy.toml"
    ipo.Config.load(shipped).save(saved)
    assert saved.read_bytes() == shipped.read_bytes()


def test_the_shipped_site_text_loads_and_dumps_back_unchanged() -> None:
    text = ipo.sites.TECH_TIP_014.read_text(encoding="utf-8")
    assert site_file.dumps(ipo.Config.loads(text)) == text


def test_the_shipped_site_is_the_tech_tips_example() -> None:
    cfg = ipo.load_site("tech_tip_014")
    assert [(e.base_extension, e.model) for e in cfg.extensions] == [
        ("3000", "4612"),
        ("3001", "6416D+"),
        ("3002", "4606"),
    ]
    assert [(u.name, u.force_login, u.login_code) for u in cfg.users] == [
        ("Agent3000", True, "1234"),
        ("Agent3001", True, "5678"),
        ("Desk3002", False, ""),
    ]
    assert cfg.user("3000").buttons == {1: ipo.Button.extn_logout(), 2: ipo.Button.dial("*36")}
    assert cfg.short_codes == [
        *ipo.DEFAULT_SYSTEM_SHORT_CODES,
        SC("#3000", "3000*1234", F.EXTN_LOGIN),
    ]
    sales = cfg.hunt_group("Sales")
    assert (sales.extension, sales.mode, sales.members) == (
        "200",
        ipo.HuntMode.LINEAR,
        ("3000", "3001"),
    )


# --- save and load round trip --------------------------------------------------------------


def empty_site() -> ipo.Config:
    return ipo.Config()


def no_short_codes_at_all() -> ipo.Config:
    cfg = ipo.Config(default_short_codes=False)
    cfg.add_extension("3000", "4606")
    return cfg


def agents_with_buttons() -> ipo.Config:
    cfg = ipo.Config()
    for number, model in [("3000", "4612"), ("3001", "6424D+"), ("3002", "4406D+")]:
        cfg.add_extension(number, model)
    cfg.add_user(ipo.User("Agent3000", "3000", force_login=True, login_code="1234"))
    cfg.add_user(ipo.User("Agent3001", "3001", force_login=True, login_code="0000", wrap_up_time=0))
    cfg.add_user(ipo.User("Desk3002", "3002"))
    cfg.set_button("3000", 1, ipo.Button.extn_logout())
    cfg.set_button("3000", 2, ipo.Button.dial("*36", label="LogOff"))
    cfg.set_button("3000", 12, ipo.Button.extn_login())
    cfg.set_button("3001", 24, ipo.Button.dial("*35*3001*0000#"))
    return cfg


def user_short_codes() -> ipo.Config:
    cfg = ipo.Config()
    cfg.add_extension("3000", "4612")
    cfg.add_user(ipo.User("Agent3000", "3000", force_login=True, login_code="1234"))
    for short_code in [
        SC("#3000", "3000*1234", F.EXTN_LOGIN),
        SC("#9N", "3000*N", F.EXTN_LOGIN),
        SC("*5X;", "E*N", F.DIAL, 2),
        SC("*7", "U", F.VOICEMAIL_COLLECT),
    ]:
        cfg.add_short_code(short_code, user="3000")
    cfg.add_short_code(SC("?", "3000"))
    cfg.remove_short_code("*17")
    return cfg


def every_hunt_mode() -> ipo.Config:
    cfg = ipo.Config()
    for n in range(3000, 3004):
        cfg.add_user(ipo.User(f"Agent{n}", str(n), force_login=True, login_code=f"{n}"))
    groups = [
        ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, ("3000", "3001")),
        ipo.HuntGroup("Support", "201", ipo.HuntMode.CIRCULAR, ("3003", "3002", "3001")),
        ipo.HuntGroup("Billing", "202", ipo.HuntMode.MOST_IDLE, ("3002",), 30, False),
        ipo.HuntGroup("Everyone", "203", ipo.HuntMode.GROUP, ("3000", "3001", "3002", "3003")),
        ipo.HuntGroup("Empty", "204"),
    ]
    for group in groups:
        cfg.add_hunt_group(group)
    return cfg


def names_outside_ascii() -> ipo.Config:
    cfg = ipo.Config()
    cfg.add_extension("3000", "4612")
    cfg.add_user(ipo.User("Zoë Ångström", "3000", login_code="1234"))
    cfg.add_hunt_group(ipo.HuntGroup("Ventes-Café", "200", ipo.HuntMode.LINEAR, ("3000",)))
    cfg.set_button("3000", 3, ipo.Button.dial("*36", label="Aus\\Weg"))
    return cfg


def the_shipped_site() -> ipo.Config:
    return ipo.load_site("tech_tip_014")


SITES = [
    empty_site,
    no_short_codes_at_all,
    agents_with_buttons,
    user_short_codes,
    every_hunt_mode,
    names_outside_ascii,
    the_shipped_site,
]


@pytest.mark.parametrize("build", SITES, ids=lambda f: f.__name__.replace("_", " "))
def test_a_saved_config_loads_back_equal(tmp_path: Path, build: Callable[[], ipo.Config]) -> None:
    cfg = build()
    path = tmp_path / "site.toml"
    cfg.save(path)
    loaded = ipo.Config.load(path)
    assert loaded == cfg
    again = tmp_path / "again.toml"
    loaded.save(again)
    assert again.read_bytes() == path.read_bytes()


def test_a_config_that_loads_back_different_is_noticed(tmp_path: Path) -> None:
    cfg = agents_with_buttons()
    path = tmp_path / "site.toml"
    cfg.save(path)
    loaded = ipo.Config.load(path)
    loaded.set_button("3000", 2, ipo.Button.dial("*36"))  # only the label differs
    assert loaded != cfg


def test_a_saved_file_is_readable_toml_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    agents_with_buttons().save(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# IP Office site")
    assert '[[user]]\nname = "Agent3000"\nextension = "3000"\nforce_login = true\n' in text


# --- hand-written files --------------------------------------------------------------------

MINIMAL = """\
# A site typed by hand: only what has no default.
[[extension]]
base_extension = "3000"
model = "4612"

[[user]]
name = "Agent3000"
extension = "3000"

[[hunt_group]]
name = "Sales"
extension = "200"
"""


def test_a_minimal_hand_written_file_loads_with_every_default() -> None:
    cfg = ipo.Config.loads(MINIMAL)
    assert cfg.short_codes == list(ipo.DEFAULT_SYSTEM_SHORT_CODES)
    assert [(e.base_extension, e.model) for e in cfg.extensions] == [("3000", "4612")]
    user = cfg.user("3000")
    assert user == ipo.User("Agent3000", "3000")
    assert (user.force_login, user.login_code, user.wrap_up_time) == (False, "", 2)
    assert (user.short_codes, user.buttons) == ([], {})
    group = cfg.hunt_group("Sales")
    assert group == ipo.HuntGroup("Sales", "200")
    assert (group.mode, group.members, group.no_answer_time, group.queuing) == (
        ipo.HuntMode.LINEAR,  # a group without a mode is new: Manager's default, Sequential
        (),
        15,
        True,
    )


def test_an_empty_file_is_an_empty_site_with_the_default_short_codes() -> None:
    assert ipo.Config.loads("") == ipo.Config()


def test_a_system_table_without_short_codes_keeps_the_defaults() -> None:
    cfg = ipo.Config.loads('[system]\n\n[[user]]\nname = "Agent3000"\nextension = "3000"\n')
    assert cfg.short_codes == list(ipo.DEFAULT_SYSTEM_SHORT_CODES)


def test_an_empty_short_code_list_means_no_system_short_codes() -> None:
    assert ipo.Config.loads("[system]\nshort_codes = []\n").short_codes == []


def test_a_hand_written_file_may_use_later_names_and_loose_spacing() -> None:
    cfg = ipo.Config.loads(
        "[ system ]\n"
        'short_codes = [ "*35*N# / N / Extn Login" ]\n'
        "[[ user ]]\n"
        'name = "Agent3000"  # the agent\n'
        'extension = "3000"\n'
        'buttons = { "1" = "extnlogout" }\n'
        "[[hunt_group]]\n"
        'name = "Sales"\n'
        'extension = "200"\n'
        'mode = "Sequential"\n'
        'members = ["3000"]\n'
    )
    assert cfg.short_codes == [SC("*35*N#", "N", F.EXTN_LOGIN)]
    assert cfg.user("3000").buttons == {1: ipo.Button.extn_logout()}
    assert cfg.hunt_group("Sales").mode is ipo.HuntMode.LINEAR


# --- malformed files -----------------------------------------------------------------------

USER = '[[user]]\nname = "Agent3000"\nextension = "3000"\n'  # lines 1-3
AGENT = USER + 'force_login = true\nlogin_code = "1234"\n'  # lines 1-5

BAD_FILES = [
    pytest.param(
        '[[user]]\nname = "Agent3000\nextension = "3000"\n',
        "line 2",
        "not valid TOML",
        id="invalid TOML syntax",
    ),
    pytest.param(
        USER + "forse_login = true\n",
        "line 4 (user[1].forse_login)",
        "'forse_login'",
        id="unknown field: a typo",
    ),
    pytest.param(
        "[system]\ndial_delay = 4\n",
        "line 2 (system.dial_delay)",
        "'dial_delay'",
        id="unknown field in [system]",
    ),
    pytest.param(
        '[[user]]\nname = "Agent3000"\n',
        "line 1 (user[1])",
        "missing field 'extension'",
        id="missing user extension",
    ),
    pytest.param(
        '[[extension]]\nbase_extension = "3000"\n',
        "line 1 (extension[1])",
        "missing field 'model'",
        id="missing station model",
    ),
    pytest.param(
        USER + '\n[[hunt_group]]\nextension = "200"\n',
        "line 5 (hunt_group[1])",
        "missing field 'name'",
        id="missing hunt group name",
    ),
    pytest.param(
        '[[user]]\nname = "Agent3000"\nextension = 3000\n',
        "line 3 (user[1].extension)",
        "3000 must be written in double quotes",
        id="a number where text is expected",
    ),
    pytest.param(
        '[[user]]\nname = 3000\nextension = "3000"\n',
        "line 2 (user[1].name)",
        "3000 must be written in double quotes",
        id="a number as a name",
    ),
    pytest.param(
        USER + 'force_login = "yes"\n',
        "line 4 (user[1].force_login)",
        "'yes'",
        id="a string for force_login",
    ),
    pytest.param(
        USER + 'wrap_up_time = "2"\n',
        "line 4 (user[1].wrap_up_time)",
        "'2'",
        id="a string for wrap_up_time",
    ),
    pytest.param(
        USER + "login_code = 8642\n",  # the message says what is wrong, not the digits
        "line 4 (user[1].login_code)",
        'must be written in double quotes, such as "1234"',
        id="a number as a login code",
    ),
    pytest.param(
        USER + 'login_code = "12ab"\n',
        "line 4 (user[1].login_code)",
        "it has 'a' as its 3rd character",
        id="a login code with letters",
    ),
    pytest.param(
        USER + 'short_codes = ["*3a/1/Dial/0"]\n',
        "line 4 (user[1].short_codes)",
        "'*3a'",
        id="a bad user short code",
    ),
    pytest.param(
        USER + 'short_codes = "*36//ExtnLogout/0"\n',
        "line 4 (user[1].short_codes)",
        "'*36//ExtnLogout/0'",
        id="user short codes not a list",
    ),
    pytest.param(
        '[system]\nshort_codes = ["*35*N#/N/Login/0"]\n',
        "line 2 (system.short_codes)",
        "'Login'",
        id="a bad system short code feature",
    ),
    pytest.param(
        '[system]\nshort_codes = ["*35*N#"]\n',
        "line 2 (system.short_codes)",
        "'*35*N#'",
        id="a system short code with one field",
    ),
    pytest.param(
        USER + 'buttons = { "1" = "Flash" }\n',
        "line 4 (user[1].buttons)",
        "'Flash'",
        id="a bad button action",
    ),
    pytest.param(
        USER + 'buttons = { "1" = "Dial" }\n',
        "line 4 (user[1].buttons)",
        "''",
        id="a Dial button with no number",
    ),
    pytest.param(
        USER + 'buttons = { "one" = "ExtnLogout" }\n',
        "line 4 (user[1].buttons)",
        "'one'",
        id="a button position that is not a number",
    ),
    pytest.param(
        USER + 'buttons = { "25" = "ExtnLogout" }\n',
        "line 4 (user[1].buttons)",
        "25",
        id="a button position past 24",
    ),
    pytest.param(
        USER + 'buttons = ["ExtnLogout"]\n',
        "line 4 (user[1].buttons)",
        "['ExtnLogout']",
        id="buttons not a table",
    ),
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nmode = "Ring all"\n',
        "line 10 (hunt_group[1].mode)",
        "'Ring all'",
        id="a bad hunt mode",
    ),
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nmembers = "3000"\n',
        "line 10 (hunt_group[1].members)",
        "'3000'",
        id="members as one string",
    ),
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nno_answer_time = 0\n',
        "line 10 (hunt_group[1].no_answer_time)",
        "0",
        id="a no answer time of 0",
    ),
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nqueuing = "on"\n',
        "line 10 (hunt_group[1].queuing)",
        "'on'",
        id="a string for queuing",
    ),
    pytest.param(
        '[[extension]]\nbase_extension = "3000"\nmodel = "4612"\n\n'
        '[[extension]]\nbase_extension = "3000"\nmodel = "4606"\n',
        "line 6 (extension[2].base_extension)",
        "'3000'",
        id="a duplicate station",
    ),
    pytest.param(
        '[[extension]]\nbase_extension = "3"\nmodel = "4612"\n',
        "line 2 (extension[1].base_extension)",
        "'3'",
        id="a one-digit station",
    ),
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nmembers = ["3000", "3009"]\n',
        "hunt_group[1]",
        "'3009'",
        id="a member who is not a user",
    ),
    pytest.param(
        AGENT + '\n[[user]]\nname = "Agent3001"\nextension = "3000"\n',
        "user[2]",
        "clashes with user Agent3000",
        id="a duplicate extension",
    ),
    pytest.param(
        AGENT + '\n[[user]]\nname = "agent3000"\nextension = "3001"\n',
        "user[2]",
        "clashes with user Agent3000",
        id="a duplicate name in another case",
    ),
    pytest.param(
        '[[extension]]\nbase_extension = "3000"\nmodel = "9999"\n',
        "extension[1]",
        "'9999'",
        id="an unknown handset model",
    ),
]


@pytest.mark.parametrize(("text", "where", "quote"), BAD_FILES)
def test_a_malformed_file_names_the_line_and_field_and_quotes_the_value(
    tmp_path: Path, text: str, where: str, quote: str
) -> None:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    loaded = None
    with pytest.raises(ipo.ConfigFileError, match=re.escape(where)) as info:
        loaded = ipo.Config.load(path)
    assert loaded is None  # nothing half-loaded comes back
    message = str(info.value)
    assert quote in message
    assert message.startswith(f"Cannot load site file {str(path)!r}:")
    assert info.value.path == str(path)
    assert len(info.value.problems) == 1


# Problems that are about one field: the message names that field's own line.
PLACES = [
    pytest.param(
        AGENT + '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nmembers = ["3000", "3009"]\n',
        "line 10 (hunt_group[1].members)",
        "'3009'",
        id="a member who is not a user names the members line",
    ),
    pytest.param(
        AGENT + '\n[[user]]\nname = "Agent3001"\nextension = "3000"\n',
        "line 9 (user[2].extension)",
        "'3000'",
        id="a duplicate extension names the extension line and quotes it",
    ),
    pytest.param(
        '[[extension]]\nbase_extension = "3000"\nmodel = "9999"\n',
        "line 3 (extension[1].model)",
        "'9999'",
        id="an unknown handset model names the model line",
    ),
    pytest.param(
        '[users]\nname = "Agent3000"\n',
        "line 1",
        "'users'",
        id="an unknown section names its line",
    ),
    pytest.param(
        '[user]\nname = "Agent3000"\nextension = "3000"\n',
        "line 1 (user)",
        "[[user]]",
        id="a single [user] table names its line",
    ),
    pytest.param(
        '[[user]]  # the agent\nname = "Agent3000"\nextension = "3000"\nlogin_code = "12ab"\n',
        "line 4 (user[1].login_code)",
        "it has 'a' as its 3rd character",
        id="a header with a comment still gives line numbers",
    ),
]


@pytest.mark.parametrize(("text", "where", "quote"), PLACES)
def test_a_malformed_file_names_the_line_and_field_the_problem_is_about(
    text: str, where: str, quote: str
) -> None:
    with pytest.raises(ipo.ConfigFileError) as info:
        ipo.Config.loads(text)
    message = str(info.value)
    assert where in message
    assert quote in message


def test_an_unknown_section_is_refused_naming_it() -> None:
    with pytest.raises(ipo.ConfigFileError, match=quoted("users")) as info:
        ipo.Config.loads('[users]\nname = "Agent3000"\n')
    assert "[[user]]" in str(info.value)  # it says what the sections are called


def test_a_single_user_table_is_refused_with_a_hint() -> None:
    with pytest.raises(ipo.ConfigFileError, match=re.escape("[[user]]")):
        ipo.Config.loads('[user]\nname = "Agent3000"\nextension = "3000"\n')


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    text = (
        '[[user]]\nname = "Agent3000"\nextension = "3000"\nlogin_code = "12ab"\n'  # 1-4
        '\n[[user]]\nname = "Agent3001"\nextension = "3001"\nforse_login = true\n'  # 5-9
        '\n[[hunt_group]]\nname = "Sales"\nextension = "200"\nmode = "Ring all"\n'  # 10-14
        "\n[tenant]\n"
    )
    with pytest.raises(ipo.ConfigFileError) as info:
        ipo.Config.loads(text)
    message = str(info.value)
    for where in [
        "line 4 (user[1].login_code)",
        "line 9 (user[2].forse_login)",
        "line 14 (hunt_group[1].mode)",
        "unknown section 'tenant'",
    ]:
        assert where in message
    assert len(info.value.problems) == 4


@pytest.mark.parametrize(
    ("kind", "table", "named"),
    [
        ("user", 'name = "Agent with a far too long name"\nextension = "3x"\n', "user"),
        ("hunt_group", 'name = "Sales with a far too long name"\nextension = "2x"\n', "hunt group"),
    ],
)
def test_a_refused_name_still_names_the_record_in_its_other_problems(
    kind: str, table: str, named: str
) -> None:
    with pytest.raises(ipo.ConfigFileError) as info:
        ipo.Config.loads(f"[[{kind}]]\n{table}")
    name = table.split('"')[1]
    assert info.value.problems[1].endswith(
        f"Extension '{table.split(chr(34))[3]}' of {named} '{name}' must be digits only, such as "
        "'3000'."
    )


def test_every_bad_short_code_in_one_list_is_reported() -> None:
    text = '[system]\nshort_codes = [\n    "*3a//Dial/0",\n    "*36//Logoff/0",\n]\n'
    with pytest.raises(ipo.ConfigFileError) as info:
        ipo.Config.loads(text)
    message = str(info.value)
    assert "'*3a'" in message
    assert "'Logoff'" in message


def test_a_good_record_before_a_bad_one_is_not_loaded_either() -> None:
    text = MINIMAL + 'members = ["3000", "3009"]\n'
    result = None
    with pytest.raises(ipo.ConfigFileError, match=quoted("3009")):
        result = ipo.Config.loads(text)
    assert result is None
    assert ipo.Config.loads(MINIMAL).users == [ipo.User("Agent3000", "3000")]


def test_config_file_error_is_a_config_error_an_ipo_error_and_a_value_error() -> None:
    assert issubclass(ipo.ConfigFileError, ipo.ConfigError)
    assert issubclass(ipo.ConfigFileError, ipo.IpoError)
    assert issubclass(ipo.ConfigFileError, ValueError)


# --- files that cannot be read -------------------------------------------------------------


def test_a_missing_file_is_a_clear_config_file_error(tmp_path: Path) -> None:
    path = tmp_path / "no_such_site.toml"
    with pytest.raises(ipo.ConfigFileError, match=quoted(str(path))) as info:
        ipo.Config.load(path)
    assert "cannot read it" in str(info.value)
    assert "No such file" in str(info.value)
    assert info.value.path == str(path)


def test_a_directory_is_a_clear_config_file_error(tmp_path: Path) -> None:
    with pytest.raises(ipo.ConfigFileError, match="cannot read it"):
        ipo.Config.load(tmp_path)


def test_a_file_that_is_not_utf8_is_a_clear_config_file_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[user]]\nname = "Zoë"\nextension = "3000"\n'.encode("latin-1"))
    with pytest.raises(ipo.ConfigFileError, match=quoted(str(path))) as info:
        ipo.Config.load(path)
    assert "not UTF-8" in str(info.value)


def test_an_unknown_shipped_site_is_an_unknown_name() -> None:
    with pytest.raises(ipo.UnknownName, match=quoted("tech_tip_999")):
        ipo.load_site("tech_tip_999")
