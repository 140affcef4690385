"""The agents' quick reference card is written by the model, so it says what the model does."""

from __future__ import annotations

import html

import pytest

import ipo_core as ipo

SITE = ipo.load_site("tech_tip_014")
CARD = html.unescape(ipo.quick_reference(SITE))


@pytest.mark.parametrize("method", ipo.PHONE_METHODS, ids=lambda m: m.name)
def test_the_card_lists_every_step_of_each_of_the_tips_six_methods(method):
    procedure = ipo.Procedure.for_site(method, SITE, station="3000")
    assert method.title in CARD
    for step in procedure.steps:
        assert step.text in CARD


def test_the_card_shows_the_display_each_method_leaves():
    assert CARD.count("Logged on") == 3
    assert CARD.count("Logged off") == 3
    assert "Agent3000           3000" in CARD
    assert "NoUser              3000" in CARD


def test_the_card_says_where_the_menu_methods_do_not_work():
    assert "The 4606 has no Menu keys: use *35*Extn*Code# instead." in CARD
    assert "The 4606 has no Menu keys: use *36 instead." in CARD


def test_the_card_explains_the_display_words_as_the_phone_shows_them():
    for word in ("NoUser", "Invalid", "Incompatible"):
        assert f"'lcd'>{word}<" in ipo.quick_reference(SITE)


@pytest.mark.parametrize("code", ["9999", "99999", "1234"])
def test_the_wrong_code_the_card_tries_is_never_the_agents_own(code):
    site = ipo.load_site("tech_tip_014")
    site.user("3000").login_code = code
    assert "'lcd'>Invalid<" in ipo.quick_reference(site)
    assert "'lcd'>Logged on<" not in ipo.quick_reference(site)


def test_the_card_lists_every_default_short_code():
    for short_code in ipo.DEFAULT_SYSTEM_SHORT_CODES:
        assert f"<code>{short_code.code}</code>" in CARD


def test_the_card_follows_the_site_it_is_made_for():
    site = ipo.load_site("tech_tip_014")
    site.user("3000").login_code = "4321"
    site.remove_short_code("#3000")
    site.add_short_code(ipo.ShortCode("#3000", "3000*4321", ipo.Feature.EXTN_LOGIN))
    card = html.unescape(ipo.quick_reference(site))
    assert "*35*3000*4321#" in card
    assert "*35*3000*1234#" not in card


@pytest.mark.parametrize(
    ("model", "printed", "not_printed"),
    [
        ("4612", "Press the Right arrow once (marked Next on this phone).", "press Next."),
        ("6416D+", "Press the Right arrow once (marked Next on this phone).", "press Next."),
        ("4412D+", "Press the Right arrow once.", "marked Next"),
    ],
)
def test_the_card_names_the_keys_as_printed_on_the_stations_model(model, printed, not_printed):
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", model)
    card = html.unescape(ipo.quick_reference(site))
    assert f"at station 3000, a {model}: the keys are named as printed on it." in card
    assert printed in card
    assert not_printed not in card


# --- one card per agent ---------------------------------------------------------------------


def test_an_agent_s_card_masks_the_login_code_unless_asked_for_it():
    masked = html.unescape(ipo.agent_card(SITE, "Agent3000"))
    assert f"Login code: {ipo.CODE_FIELD} (write your own here" in masked
    assert "*35*3000*••••#" in masked
    assert "Enter the login code, ••••, at the prompt and press Done." in masked
    assert "1234" not in masked
    own = html.unescape(ipo.agent_card(SITE, "3000", with_code=True))
    assert "Login code: 1234 (yours alone" in own
    assert "*35*3000*1234#" in own


def test_an_agent_s_card_follows_their_station_s_model():
    site = ipo.load_site("tech_tip_014")
    site.set_extension_model("3000", "4406D+")
    card = html.unescape(ipo.agent_card(site, "Agent3000"))
    assert "a 4406D+: the keys are named as printed on it." in card
    assert "The 4406D+ has no Menu keys: use *35*Extn*Code# instead." in card
    assert "Press the Menu button twice." not in card


def test_every_card_names_the_models_without_the_menu_method():
    assert ipo.no_menu_models().startswith("The 4406D+ and 4606 have no Menu keys")
    assert ipo.no_menu_models() in html.unescape(ipo.agent_card(SITE, "Agent3001"))


def test_a_user_who_does_not_log_on_has_no_card():
    assert [u.name for u in ipo.card_agents(SITE)] == ["Agent3000", "Agent3001"]
    with pytest.raises(ipo.ConfigError, match=r"User Desk3002 \(3002\) does not log on"):
        ipo.agent_card(SITE, "Desk3002")
