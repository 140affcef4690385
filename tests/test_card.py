"""``ipo-trainer card``: each agent's card as PDF, one A4 page and one Letter page, read back.

The PDFs are written once per site by the command itself; each test reads their text
back with pypdf and checks it, line by line, against what the model says: the steps of
``ipo_core.training.exercises`` for the agent's handset, the site's own short codes and the
agent's buttons, and what the model's phone displays after each.  Without Pango
(WeasyPrint's system library) the tests skip with the command that installs it, and
fail under CI, which installs it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from servers import under_ci

import ipo_core as ipo
from trainer import card, cli
from trainer.errors import TrainerError

SITES = ("tech_tip_014", "workshop_floor")
#: The page each paper size must be, in PDF points (1/72 inch), to a point.
PAGE_POINTS = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture(scope="module", autouse=True)
def pango() -> None:
    try:
        card.card_pdf("<p>x</p>", "a4")
    except TrainerError as missing:
        if under_ci():
            pytest.fail(str(missing))
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each shipped site's cards, as ``ipo-trainer card SITE --out FOLDER`` writes them."""
    folders = {}
    for site in SITES:
        folder = tmp_path_factory.mktemp(site)
        assert cli.main(["card", site, "--out", str(folder)]) == 0
        folders[site] = folder
    return folders


def text_of(path: Path) -> str:
    """The PDF's text with every run of white space one space (a wrapped line joins up)."""
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def display_after(site: ipo.Config, station: str, extension: str, logged_on: bool) -> str:
    """The display of ``station``'s phone once the agent is logged on there, or off."""
    system = ipo.System(site)
    where = system.location_of(extension)
    if where is not None:
        system.log_out(where)
    if logged_on:
        system.log_in(station, extension, system.user(extension).login_code)
    return flat(" ".join(system.phone(station).screen.lines))


def expected_lines(site: ipo.Config, user: ipo.User, *, with_code: bool) -> list[str]:
    """Every line the card must carry, from the model (each wrapped line joined up)."""
    station = site.home_station(user.name)
    assert station is not None
    model, ext, code = station.model, user.extension, user.login_code

    def shown(text: str) -> str:
        return flat(text if with_code else ipo.mask_text(text, codes=[code]))

    lines = [
        f"{user.name}: logging on and off",
        f"Extension {ext} at station {station.base_extension}, a {model}: the keys are named "
        "as printed on it.",
        f"Login code: {code if with_code else '____________'}",
        "The 4406D+ and 4606 have no Menu keys, so the Menu method does not work on them: log "
        "on with *35*Extn*Code# and off with *36.",
        "NoUser Nobody is logged on at this phone: it receives no calls.",
        "Invalid Wrong extension or login code.",
        "Incompatible The number matches nothing you can dial.",
    ]
    for method in ipo.PHONE_METHODS:
        if method in (ipo.Method.LOGON_SHORT_CODE, ipo.Method.LOGOFF_BUTTON):
            continue
        procedure = ipo.Procedure.for_site(method, site, station=station.base_extension)
        missing = procedure.unavailable_on(model)
        if missing is not None:
            lines.append(missing)
            continue
        lines.append(method.title)
        lines += [shown(step.text) for step in procedure.steps]
    for sc in site.short_codes:
        if sc.feature is ipo.Feature.EXTN_LOGIN and sc.number.startswith(f"{ext}*"):
            text = str(sc) if with_code else sc.masked_text()
            lines.append(f"Dial {sc.code} to log on (short code {text}).")
    for position, button in sorted(user.buttons.items()):
        lines.append(f"Press button {position} ({button}, labelled {button.label}) to log off.")
    lines.append(
        f"The display then shows: {display_after(site, station.base_extension, ext, True)}"
    )
    lines.append(
        f"The display then shows: {display_after(site, station.base_extension, ext, False)}"
    )
    return lines


def agents_of(site: str) -> list[tuple[str, str]]:
    return [(site, u.name) for u in ipo.card_agents(ipo.load_site(site))]


ALL_AGENTS = [pair for site in SITES for pair in agents_of(site)]


def test_the_agents_are_the_users_who_log_on_and_off():
    names = [u.name for u in ipo.card_agents(ipo.load_site("workshop_floor"))]
    assert names == ["Agent3000", "Agent3001", "Agent3003", "Agent3004", "Agent3006", "Agent3007"]


@pytest.mark.parametrize(("site", "agent"), ALL_AGENTS)
@pytest.mark.parametrize("size", card.PAPER_SIZES)
def test_each_agent_s_card_is_one_page_of_each_paper_size(printed, site, agent, size):
    pages = PdfReader(printed[site] / f"card-{agent}-{size}.pdf").pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == PAGE_POINTS[size]


@pytest.mark.parametrize(("site", "agent"), ALL_AGENTS)
@pytest.mark.parametrize("size", card.PAPER_SIZES)
def test_each_line_of_the_card_is_the_model_s(printed, site, agent, size):
    config = ipo.load_site(site)
    text = text_of(printed[site] / f"card-{agent}-{size}.pdf")
    for line in expected_lines(config, config.user(agent), with_code=False):
        assert flat(line) in text, line


@pytest.mark.parametrize(("site", "agent"), ALL_AGENTS)
def test_a_card_printed_for_everyone_masks_the_login_code(printed, site, agent):
    code = ipo.load_site(site).user(agent).login_code
    text = text_of(printed[site] / f"card-{agent}-a4.pdf")
    assert "Login code: ____________ (write your own here" in text
    assert re.search(rf"(?<![0-9]){code}(?![0-9])", text) is None
    assert ipo.mask_code(code) in text


def test_the_site_s_own_short_codes_and_buttons_are_on_their_agents_cards(printed):
    tip = text_of(printed["tech_tip_014"] / "card-Agent3000-letter.pdf")
    assert "Dial #3000 to log on (short code #3000/3000*••••/ExtnLogin/0)." in tip
    assert "Press button 1 (ExtnLogout, labelled Logout) to log off." in tip
    assert "Press button 2 (Dial *36, labelled Dial *36) to log off." in tip
    floor = text_of(printed["workshop_floor"] / "card-Agent3004-a4.pdf")
    assert "Dial 7004 to log on (short code 7004/3004*••••/ExtnLogin/0)." in floor
    assert "No logoff button is programmed for you: use *36." in floor
    assert "Dial #3000" not in floor
    other = text_of(printed["tech_tip_014"] / "card-Agent3001-a4.pdf")
    assert "This site has no logon short code of your own" in other


def test_the_4606_card_says_the_menu_method_is_not_on_it(printed):
    text = text_of(printed["workshop_floor"] / "card-Agent3004-a4.pdf")
    assert "The 4606 has no Menu keys: use *35*Extn*Code# instead." in text
    assert "The 4606 has no Menu keys: use *36 instead." in text
    assert "Press the Menu button twice." not in text


def test_the_keys_are_named_as_printed_on_the_agent_s_model(printed):
    marked = "Press the Right arrow once (marked Next on this phone)."
    assert marked in text_of(printed["workshop_floor"] / "card-Agent3003-a4.pdf")  # 6416D+
    plain = text_of(printed["workshop_floor"] / "card-Agent3006-a4.pdf")  # 4412D+
    assert "Press the Right arrow once." in plain
    assert "marked Next" not in plain


# --- the command ----------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_with_code_prints_the_code_on_the_one_agent_s_own_card(capsys, tmp_path):
    status, out, err = run(
        capsys, "card", "tech_tip_014", "--agent", "3000", "--with-code", "--out", str(tmp_path)
    )
    assert (status, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "card-Agent3000-a4.pdf",
        "card-Agent3000-letter.pdf",
    ]
    assert out.splitlines()[0] == "Wrote 1 card (one A4 page and one Letter page each):"
    site = ipo.load_site("tech_tip_014")
    text = text_of(tmp_path / "card-Agent3000-a4.pdf")
    assert "Login code: 1234 (yours alone" in text
    for line in expected_lines(site, site.user("Agent3000"), with_code=True):
        assert flat(line) in text, line


def test_help_names_each_option_with_a_sentence(capsys):
    status, out, err = run(capsys, "card", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: ipo-trainer card")
    for name in ("SITE", "--agent NAME", "--with-code", "--out FOLDER"):
        assert re.search(rf"^ +{re.escape(name)}\s+[A-Z]\w* ", out, re.M), (name, out)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["nowhere"], "There is no site file 'nowhere' and no shipped site by that name"),
        (
            ["workshop_floor", "--agent", "Temp3002"],
            "There is no agent 'Temp3002' at this site (one with Force Login and a login code): "
            "give one of Agent3000 (3000), Agent3001 (3001), Agent3003 (3003), Agent3004 (3004), "
            "Agent3006 (3006), Agent3007 (3007).",
        ),
        (["tech_tip_014", "--agent", "Nobody"], "give one of Agent3000 (3000), Agent3001 (3001)."),
        (["tech_tip_014", "--with-code"], "give --agent NAME with --with-code"),
    ],
)
def test_a_bad_site_or_agent_is_one_line_and_exit_2(capsys, tmp_path, argv, says):
    status, out, err = run(capsys, "card", *argv, "--out", str(tmp_path / "cards"))
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ipo-trainer: error: ")
    assert says in lines[0]
    assert not (tmp_path / "cards").exists()


def test_a_card_that_would_take_two_pages_is_refused():
    with pytest.raises(TrainerError, match="The card takes 2 a4 pages, not one"):
        card.card_pdf("<p style='break-after: page'>one</p><p>two</p>", "a4")
