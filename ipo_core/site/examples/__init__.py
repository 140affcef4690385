"""Example sites shipped with the kit, as site files (see ``ipo_core.site.site_file``).

``TECH_TIP_014`` is the tech tip's own example: agent 3000 with login code 1234,
a colleague 3001, a shared desk 3002, and the Linear hunt group Sales.
"""

from __future__ import annotations

from pathlib import Path

from ipo_core.errors import UnknownName, WrongType
from ipo_core.site.config import Config

__all__ = ["TECH_TIP_014", "load_site", "site_path"]

HERE = Path(__file__).parent
#: The tech tip's example site.
TECH_TIP_014 = HERE / "tech_tip_014.toml"


def site_path(name: str) -> Path:
    """The file of the shipped site called ``name``, looked up now (a site saved since counts).

    UnknownName for a name no shipped site has; WrongType for what is not a name at all.
    """
    if not isinstance(name, str):
        raise WrongType("site name", "the name of a shipped site, such as 'tech_tip_014'", name)
    sites = {p.stem: p for p in sorted(HERE.glob("*.toml"))}
    if name not in sites:
        raise UnknownName("shipped site", name, sites)
    return sites[name]


def load_site(name: str) -> Config:
    """Load the shipped site called ``name`` (``'tech_tip_014'``)."""
    return Config.load(site_path(name))
