"""The knowledge base's entries that the code itself opens by id, declared once, checked at load.

Commands, buttons, inline answers and the staff preview open these entries by id; each must
exist and show the registry view the code expects of it, or a command would fail only when
somebody sends it. :func:`bot.knowledge.load_knowledge` (so ``kb validate``, start-up and
``/reload``) refuses a knowledge base that breaks this, naming the file and line to fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .views import View

if TYPE_CHECKING:
    from .knowledge import Entry

__all__ = [
    "ABOUT_BOT",
    "CITIES_BY_COUNTRY",
    "CITY_CARD",
    "DIPLOMATIC_CONTACTS",
    "ENTRIES",
    "MISSIONS",
    "OFFICE_CONTACT",
    "PARTNER_CITIES",
    "SOURCES",
    "Required",
    "required_problems",
]


@dataclass(frozen=True)
class Required:
    """An entry the code opens: the view it must show, and what opens it (for the message)."""

    view: View
    used_by: str


ABOUT_BOT = "about-bot"
PARTNER_CITIES = "partner-cities"
CITY_CARD = "city-card"
CITIES_BY_COUNTRY = "cities-by-country"
DIPLOMATIC_CONTACTS = "diplomatic-contacts"
MISSIONS = "missions-record"
OFFICE_CONTACT = "office-contact"
SOURCES = "sources"

ENTRIES: Mapping[str, Required] = {
    ABOUT_BOT: Required(View.HELP, "/help in Telegram and the console"),
    PARTNER_CITIES: Required(View.PARTNERS_BY_STATUS, "/partners and inline answers"),
    CITY_CARD: Required(View.CITY_CARD, "/city, city buttons, deep links and the staff preview"),
    CITIES_BY_COUNTRY: Required(View.CITIES_BY_COUNTRY, "/country and country buttons"),
    DIPLOMATIC_CONTACTS: Required(View.VISITS, "/visits and the staff preview"),
    MISSIONS: Required(View.MISSIONS, "/missions and the staff preview"),
    OFFICE_CONTACT: Required(View.CONTACT, "/contact"),
    SOURCES: Required(View.SOURCES, "/sources"),
}


def required_problems(entries: Mapping[str, Entry], folder: Path) -> list[Problem]:
    """What the entries in ``folder`` lack of :data:`ENTRIES`, each with its file and line.

    A missing entry is pointed at the entry that shows its view instead, if one does (it was
    most likely renamed), else at the entries folder.
    """
    problems = []
    for ident, required in ENTRIES.items():
        entry = entries.get(ident)
        if entry is not None:
            if entry.view != required.view:
                problems.append(
                    Problem(
                        entry.file,
                        entry.line,
                        f"entry {ident!r} must show the view '{required.view}', which "
                        f"{required.used_by} expect, not {_named(entry.view)}",
                    )
                )
            continue
        namesake = next((e for e in entries.values() if e.view == required.view), None)
        need = f"the bot opens the entry {ident!r} for {required.used_by}"
        if namesake is not None:
            problems.append(
                Problem(
                    namesake.file,
                    namesake.line,
                    f"{need}, and there is none; this entry {namesake.id!r} shows its view "
                    f"'{required.view}': give it the id {ident!r}",
                )
            )
        else:
            problems.append(
                Problem(folder, None, f"{need}, and there is none (with view '{required.view}')")
            )
    return problems


def _named(view: View | None) -> str:
    return f"'{view}'" if view else "no view"
