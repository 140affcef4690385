"""The tech tip's site built through the API, for tests that need it outside a fixture."""

from __future__ import annotations

import ipo_core as ipo


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
