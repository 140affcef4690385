"""Each agent's quick reference card as print-ready PDF: one A4 page and one Letter page.

``ipo_core.agent_card`` writes the card's HTML from the model; this module prints it with
WeasyPrint (a kept PDF library, on Pango), once per paper size, and checks that each card
is one page, so nothing an agent needs falls onto a second sheet.  Files are named
``card-NAME-a4.pdf`` and ``card-NAME-letter.pdf``, one pair per agent.

WeasyPrint needs Pango from the system (Debian: ``apt-get install libpango-1.0-0
libpangoft2-1.0-0 fonts-dejavu-core``); without it :func:`card_pdf` raises TrainerError
saying so.  It is imported only when a card is printed, so the rest of the command works
without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ipo_core as ipo
from trainer.errors import TrainerError

__all__ = ["PAPER_SIZES", "card_pdf", "card_path", "write_cards"]

#: The paper sizes each card is printed on: the file name's word, and CSS's ``@page size``.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}

_PAGE = "@page {{ size: {size}; margin: 12mm 14mm; }}"


def _weasyprint() -> Any:
    """The WeasyPrint module, or TrainerError saying what to install."""
    try:
        import weasyprint  # here, not at the top: it loads Pango, needed only to print
    except ImportError:
        raise TrainerError(
            "Printing a card needs WeasyPrint: pip install 'ipo-logon-kit[trainer]'."
        ) from None
    except OSError as error:  # Pango missing: WeasyPrint cannot load its libraries
        raise TrainerError(
            f"WeasyPrint cannot load Pango ({error}): apt-get install libpango-1.0-0 "
            "libpangoft2-1.0-0 fonts-dejavu-core."
        ) from None
    return weasyprint


def card_pdf(page: str, size: str) -> bytes:
    """The HTML ``page`` as a PDF on paper ``size`` (a key of PAPER_SIZES), checked to be one page."""
    if size not in PAPER_SIZES:
        raise TrainerError(
            f"Paper size {size!r} is not one the cards are printed on: give a4 or letter."
        )
    weasyprint = _weasyprint()
    css = weasyprint.CSS(string=_PAGE.format(size=PAPER_SIZES[size]))
    document = weasyprint.HTML(string=page).render(stylesheets=[css])
    if len(document.pages) != 1:
        raise TrainerError(
            f"The card takes {len(document.pages)} {size} pages, not one: shorten what the site "
            "gives this agent (fewer buttons or short codes)."
        )
    pdf: bytes = document.write_pdf()
    return pdf


def card_path(folder: Path, agent: ipo.User, size: str) -> Path:
    """Where ``agent``'s card on paper ``size`` is written in ``folder``."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", agent.name)
    return folder / f"card-{name}-{size}.pdf"


def write_cards(
    site: ipo.Config, folder: Path, agent: str | None = None, *, with_code: bool = False
) -> list[Path]:
    """Write the cards of every agent of ``site`` (or of ``agent`` alone) into ``folder``.

    The login code is printed only with ``with_code``, and only on one agent's own card:
    a card for everyone carries a blank to write it in.
    """
    if with_code and agent is None:
        raise TrainerError(
            "A login code is printed only on one agent's own card: give --agent NAME with "
            "--with-code."
        )
    agents = ipo.card_agents(site)
    if agent is not None:
        agents = tuple(u for u in agents if agent in (u.name, u.extension))
        if not agents:
            names = ", ".join(f"{u.name} ({u.extension})" for u in ipo.card_agents(site))
            raise TrainerError(
                f"There is no agent {agent!r} at this site (one with Force Login and a login "
                f"code): give one of {names}."
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TrainerError(
            f"The folder {str(folder)!r} cannot be made ({error.strerror}): give one you can write."
        ) from None
    written = []
    for user in agents:
        page = ipo.agent_card(site, user.name, with_code=with_code)
        for size in PAPER_SIZES:
            path = card_path(folder, user, size)
            path.write_bytes(card_pdf(page, size))
            written.append(path)
    return written
