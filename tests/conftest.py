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
