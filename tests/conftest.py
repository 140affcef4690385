"""Shared fixtures: the tech tip's site, a system booted on it, and one-station systems."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ipo_core as ipo


@pytest.fixture
def site() -> ipo.Config:
    """The tech tip's site: Force Login agents 3000 (4612) and 3001 (6416D+), desk 3002 (4606)."""
    return ipo.load_site("tech_tip_014")


@pytest.fixture
def system(site: ipo.Config) -> ipo.System:
    """The tech tip's site, booted: 3000 and 3001 show NoUser, Desk3002 is at home."""
    return ipo.System(site)


def tip_site_by_hand() -> ipo.Config:
    """The tech tip's site built through the API: two logon agents, a shared desk, Linear Sales.

    Unlike the shipped site it has no custom short code and no programmed buttons.
    """
    cfg = ipo.Config()
    cfg.add_extension("3000", model="4612")
    cfg.add_extension("3001", model="6416D+")
    cfg.add_extension("3002", model="4606")
    cfg.add_user(ipo.User("Agent3000", extension="3000", force_login=True, login_code="1234"))
    cfg.add_user(ipo.User("Agent3001", extension="3001", force_login=True, login_code="5678"))
    cfg.add_user(ipo.User("Desk3002", extension="3002"))
    cfg.add_hunt_group(ipo.HuntGroup("Sales", "200", ipo.HuntMode.LINEAR, ("3000", "3001")))
    return cfg


@pytest.fixture
def by_hand() -> Callable[[], ipo.Config]:
    """``by_hand()``: a fresh copy of the tech tip's site built through the API."""
    return tip_site_by_hand


def build_one_station(model: str, user: ipo.User | None = None) -> ipo.System:
    """A booted system with one station of ``model`` whose default user is ``user``.

    By default the user is Agent3000 at 3000, not Force Login, with login code 1234,
    so after boot the user is logged on at the station (rule R4).
    """
    if user is None:
        user = ipo.User("Agent3000", extension="3000", login_code="1234")
    config = ipo.Config()
    config.add_extension(user.extension, model=model)
    config.add_user(user)
    return ipo.System(config)


@pytest.fixture
def one_station() -> Callable[..., ipo.System]:
    """``one_station("4606")``: a booted one-station system (see ``build_one_station``)."""
    return build_one_station
