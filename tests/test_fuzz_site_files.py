"""Fuzzing site files: generated configurations, generated documents and mutated files.

The promises checked, for thousands of files under ``make fuzz``:

* every Config that validates saves and loads back equal (``load(save(c)) == c``), and its
  text saves back byte for byte;
* any text at all, from a well-formed site with one value changed (the wrong kind, a huge
  number, deep nesting, digits that are not ASCII digits) to a file cut short or shuffled,
  either loads or raises :class:`ipo_core.ConfigFileError`, never anything else, and its
  message quotes no value at length;
* a file that loads and validates saves back to a file that loads back equal.

``test_site_file.py`` and ``test_robust_site.py`` hold the hand-picked cases; this builds
the files at random.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import hypothesis.strategies as st
import pytest
from fuzzing import (
    COUNTS,
    MODELS,
    NON_ASCII_DIGITS,
    check_message,
    fuzz_settings,
    report_counts,
)
from hypothesis import assume, given

import ipo_core as ipo
from ipo_core.site.site_file import dumps

FILES = "site files"
CONFIGS = "generated configs"
#: make fuzz promises at least this many files, loaded or refused, in all.
MIN_FILES = 3_000

FIELDS = {
    "system": ["short_codes"],
    "extension": ["base_extension", "model"],
    "user": [
        "name",
        "extension",
        "force_login",
        "login_code",
        "wrap_up_time",
        "short_codes",
        "buttons",
    ],
    "hunt_group": ["name", "extension", "mode", "members", "no_answer_time", "queuing"],
}
SHORT_CODES = [
    "*35*N#/N/ExtnLogin/0",
    "*36/ExtnLogout",
    "*08/DoNotDisturbOn",
    "#3000/3000*1234/ExtnLogin",
    "*9?/9N/Dial/1",
    "*1//Dial",
    "*35/*35/nonsense",
    "/",
    "",
]
BUTTONS = ["ExtnLogout", "ExtnLogin", "Dial *36", "Dial", "Dial 3000 Hello", "Wave", ""]
MODES = ["Group", "Linear", "Circular", "Most Idle", "Sequential", "Rotary", "Idle", "group"]


# --- generated configurations --------------------------------------------------------------


def _attempt(build):  # type: ignore[no-untyped-def]
    """``build()``, or None when Manager refuses it as typed (an IpoError, and only that)."""
    try:
        return build()
    except ipo.IpoError as error:
        str(error)
        return None


names = st.one_of(
    st.sampled_from(["Agent3000", "Desk 3002", "O'Brien", "Åsa Öberg", "李小龙", 'Q"uote']),
    st.text(min_size=1, max_size=16),
)
numbers = st.one_of(
    st.sampled_from(["3000", "3001", "3002", "200", "201", "40", "123456789"]),
    st.text(alphabet="0123456789", min_size=1, max_size=10),
    st.text(alphabet=NON_ASCII_DIGITS, min_size=2, max_size=4),
)
codes = st.one_of(
    st.sampled_from(["", "1234", "0000", "12", "9" * 31]), st.text(alphabet="0123456789")
)


@st.composite
def configs(draw: st.DrawFn) -> ipo.Config:
    """A configuration built through the API, field by field; what Manager refuses is left out."""
    cfg = ipo.Config()
    if draw(st.booleans()):
        cfg.short_codes = [
            sc
            for text in draw(st.lists(st.sampled_from(SHORT_CODES), max_size=4))
            if (sc := _attempt(lambda t=text: ipo.ShortCode.parse(t))) is not None
        ]
    for _ in range(draw(st.integers(0, 4))):
        _attempt(lambda: cfg.add_extension(draw(numbers), draw(st.sampled_from(MODELS))))
    for _ in range(draw(st.integers(0, 5))):
        user = _attempt(
            lambda: ipo.User(
                draw(names),
                draw(numbers),
                force_login=draw(st.booleans()),
                login_code=draw(codes),
                wrap_up_time=draw(st.integers(0, 99999) | st.integers(-5, 10**6)),
            )
        )
        if user is None:
            continue
        for text in draw(st.lists(st.sampled_from(SHORT_CODES), max_size=2)):
            sc = _attempt(lambda t=text: ipo.ShortCode.parse(t))
            if sc is not None:
                _attempt(lambda s=sc, u=user: u.short_codes.append(s))
        for position, text in draw(
            st.dictionaries(st.integers(0, 25), st.sampled_from(BUTTONS), max_size=3)
        ).items():
            button = _attempt(lambda t=text: ipo.Button.parse(t))
            if button is not None:
                _attempt(lambda p=position, b=button, u=user: u.buttons.__setitem__(p, b))
        _attempt(lambda u=user: cfg.add_user(u))
    users = [u.extension for u in cfg.users]
    for _ in range(draw(st.integers(0, 2))):
        members = draw(st.lists(st.sampled_from(users), unique=True)) if users else []
        group = _attempt(
            lambda m=members: ipo.HuntGroup(
                draw(names),
                draw(numbers),
                mode=draw(st.sampled_from(list(ipo.HuntMode))),
                members=tuple(m),
                no_answer_time=draw(st.integers(-1, 700)),
                queuing=draw(st.booleans()),
            )
        )
        if group is not None:
            _attempt(lambda g=group: cfg.add_hunt_group(g))
    return cfg


@fuzz_settings(modest=60, thorough=1500)
@given(config=configs())
def test_every_config_that_validates_loads_back_equal(config: ipo.Config) -> None:
    COUNTS[CONFIGS] += 1
    assume(not config.validate())
    COUNTS[FILES] += 1
    text = dumps(config)
    again = ipo.Config.loads(text)
    assert again == config
    assert dumps(again) == text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.toml"
        config.save(path)
        assert ipo.Config.load(path) == config


# --- generated and mutated documents -------------------------------------------------------


def toml_text(value: str) -> str:
    """``value`` as a TOML basic string (control characters escaped, the rest as it is)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class Raw(str):
    """TOML text written as it is: numbers too long for ``str(int)`` to write, say."""

    __slots__ = ()


def toml_value(value: object) -> str:
    """``value`` written as TOML."""
    if isinstance(value, Raw):
        return str.__str__(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml_text(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def deep(depth: int, inner: str, table: bool) -> str:
    """A value nested ``depth`` deep, in arrays or inline tables."""
    if table:
        return "{ a = " * depth + inner + " }" * depth
    return "[" * depth + inner + "]" * depth


huge_ints = st.one_of(
    st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**100]),
    st.builds(
        lambda sign, digits: Raw(sign + "1" + "0" * digits),
        st.sampled_from(["", "-", "+"]),
        st.sampled_from([19, 300, 4299, 4300, 4301, 10_000]),
    ),
    st.sampled_from(["0x" + "f" * 5000, "1e999999", "0b" + "1" * 70, "1_000_000"]).map(Raw),
)
scalars = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    huge_ints,
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(alphabet=NON_ASCII_DIGITS, min_size=1, max_size=5),
    st.just("9" * 5000),
    st.sampled_from(SHORT_CODES + BUTTONS + MODES + list(MODELS)),
)
toml_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["1", "2", "25", "0", "x", "٣"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def field_values(key: str) -> st.SearchStrategy[str]:
    """TOML text for one field: mostly a value of its kind, often something else entirely."""
    good = {
        "short_codes": st.lists(st.sampled_from(SHORT_CODES), max_size=3),
        "buttons": st.dictionaries(
            st.sampled_from(["1", "2", "24", "25", "0", "-1", "٢"]), st.sampled_from(BUTTONS)
        ),
        "members": st.lists(numbers, max_size=3),
        "model": st.sampled_from(MODELS),
        "mode": st.sampled_from(MODES),
        "force_login": st.booleans(),
        "queuing": st.booleans(),
        "wrap_up_time": st.integers(-2, 100_000),
        "no_answer_time": st.integers(-2, 100_000),
        "login_code": codes,
        "name": names,
        "extension": numbers,
        "base_extension": numbers,
    }[key]
    written = st.one_of(good, toml_values).map(toml_value)
    nested = st.builds(deep, st.integers(1, 3000), written, st.booleans())
    return st.one_of(written, written, written, nested)


@st.composite
def site_documents(draw: st.DrawFn) -> str:
    """A TOML document shaped like a site file, with values of every kind in its fields."""
    out = []
    for kind in draw(st.lists(st.sampled_from([*FIELDS, "trunk"]), max_size=6)):
        keys = FIELDS.get(kind, ["name"])
        if kind == "system":
            out.append(draw(st.sampled_from(["[system]", "[[system]]"])))
        else:
            out.append(draw(st.sampled_from([f"[[{kind}]]", f"[[{kind}]]", f"[{kind}]"])))
        chosen = draw(st.lists(st.sampled_from([*keys, "colour"]), unique=True))
        for key in chosen:
            value = draw(field_values(key if key in keys else "name"))
            out.append(f"{key} = {value}")
        out.append("")
    return "\n".join(out)


@st.composite
def mutated_sites(draw: st.DrawFn) -> str:
    """A well-formed site file with a few lines changed: a value swapped, a line lost ..."""
    config = draw(configs())
    lines = dumps(config).splitlines()
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        how = draw(
            st.sampled_from(["value", "value", "value", "drop", "copy", "cut", "insert", "swap"])
        )
        if how == "value" and " = " in line:
            key = line.split(" = ")[0]
            lines[at] = f"{key} = {draw(field_values(key if key in _ALL_KEYS else 'name'))}"
        elif how == "drop":
            del lines[at]
        elif how == "copy":
            lines.insert(at, line)
        elif how == "cut":
            lines = lines[:at] + [line[: draw(st.integers(0, len(line)))]]
        elif how == "insert":
            where = draw(st.integers(0, len(line)))
            lines[at] = line[:where] + draw(st.text(max_size=3)) + line[where:]
        elif how == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "\n".join(lines) + "\n"


_ALL_KEYS = {k for keys in FIELDS.values() for k in keys}


def loads_or_refuses(text: str) -> None:
    """``Config.loads(text)`` gives a Config or ConfigFileError; one that validates saves back."""
    COUNTS[FILES] += 1
    try:
        config = ipo.Config.loads(text, "fuzz.toml")
    except ipo.ConfigFileError as error:
        check_refusal(error, "fuzz.toml")
        return
    assert isinstance(config, ipo.Config)
    if not config.validate():
        assert ipo.Config.loads(dumps(config)) == config


def check_refusal(error: ipo.ConfigFileError, path: str) -> None:
    """A refused file's error names the file and at least one problem, none quoting at length."""
    assert str(error).startswith(f"Cannot load site file {path!r}")
    assert error.problems, "a ConfigFileError that names no problem"
    check_message(error)


@fuzz_settings(modest=80, thorough=2000)
@given(text=site_documents())
def test_a_generated_site_document_loads_or_is_refused_with_config_file_error(text: str) -> None:
    loads_or_refuses(text)


@fuzz_settings(modest=80, thorough=2000)
@given(text=mutated_sites())
def test_a_mutated_site_file_loads_or_is_refused_with_config_file_error(text: str) -> None:
    loads_or_refuses(text)


@fuzz_settings(modest=20, thorough=300)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_on_disk_load_or_are_refused_with_config_file_error(data: bytes) -> None:
    COUNTS[FILES] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.toml"
        path.write_bytes(data)
        try:
            config = ipo.Config.load(path)
        except ipo.ConfigFileError as error:
            check_refusal(error, str(path))
            return
        assert isinstance(config, ipo.Config)


@pytest.fixture(scope="module", autouse=True)
def _count(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    yield
    report_counts(request, {FILES: MIN_FILES, CONFIGS: 0})
