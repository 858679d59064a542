"""The entries, sources and office items the code itself names by id, declared once, checked
at load.

Commands, buttons, inline answers and the staff preview open these entries by id, the composer
cites these sources and reads these items of the office's contact sheet (and the missions'
summary) by id; each must exist
(an entry showing the registry view the code expects of it), or a command or an answer would
fail, or say less, only when somebody asks for it. :func:`bot.knowledge.load_knowledge` (so
``kb validate``, start-up and ``/reload``) refuses a knowledge base that breaks this, naming the
file and line to fix; :func:`bot.registry.files.load_registry_files` (``kb validate`` and
seeding) does the same for the office's items.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .views import View

if TYPE_CHECKING:
    from .knowledge import Entry

__all__ = [
    "ABOUT_BOT",
    "CITED",
    "CITIES_BY_COUNTRY",
    "CITY_CARD",
    "CITY_PAGE",
    "CONTACT_ITEMS",
    "DIPLOMATIC_CONTACTS",
    "ENTRIES",
    "MISSIONS",
    "MISSIONS_SUMMARY",
    "OFFICE_CONTACT",
    "OFFICE_PAGE",
    "PARTNERSHIP_EVENTS",
    "PARTNER_CITIES",
    "SOURCES",
    "Required",
    "required_mission_problems",
    "required_office_problems",
    "required_problems",
    "required_source_problems",
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
PARTNERSHIP_EVENTS = "partnership-events"

ENTRIES: Mapping[str, Required] = {
    ABOUT_BOT: Required(View.HELP, 'the console\'s /help and "what can you do?"'),
    PARTNER_CITIES: Required(View.PARTNERS_BY_STATUS, "/partners and inline answers"),
    CITY_CARD: Required(View.CITY_CARD, "/city, city buttons, deep links and the staff preview"),
    CITIES_BY_COUNTRY: Required(View.CITIES_BY_COUNTRY, "/country and country buttons"),
    DIPLOMATIC_CONTACTS: Required(View.VISITS, "/visits and the staff preview"),
    MISSIONS: Required(View.MISSIONS, "/missions and the staff preview"),
    OFFICE_CONTACT: Required(View.CONTACT, "/contact"),
    SOURCES: Required(View.SOURCES, "/sources"),
    PARTNERSHIP_EVENTS: Required(View.EVENTS, "questions about events that name no city"),
}

# The sources the composer cites by id, and for what.
CITY_PAGE = "um-kielce-en"
OFFICE_PAGE = "bip-wspolpraca"
CITED: Mapping[str, str] = {
    CITY_PAGE: "the list of partner cities (who is and who is not a partner)",
    OFFICE_PAGE: "/sources and /help",
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


# The items of the office's contact sheet (knowledge/registry/office.yaml) that answer each
# focus of a contact question, in order; "overview" answers the rest.
CONTACT_ITEMS: Mapping[str, tuple[str, ...]] = {
    "email": ("coi-email",),
    "phone": ("phone",),
    "fax": ("fax",),
    "address": ("address",),
    "investor_centre": ("coi-phone", "coi-email"),
    "who": ("content-owner", "page-editor"),
    "overview": ("office-name", "address", "phone"),
}


# The mission the missions answer opens with: the office's own summary of them (undated, so
# the registry's order cannot pick it). In knowledge/registry/organisations.yaml.
MISSIONS_SUMMARY = "economic-missions-several"


def required_mission_problems(missions: Collection[str], path: Path) -> list[Problem]:
    """What the missions (their ids, read from ``path``) lack of :data:`MISSIONS_SUMMARY`."""
    if MISSIONS_SUMMARY in missions:
        return []
    need = f"the missions answer opens with the mission {MISSIONS_SUMMARY!r}, and there is none"
    return [Problem(path, None, need)]


def required_office_problems(items: Collection[str], path: Path) -> list[Problem]:
    """What the office's items (their ids, read from ``path``) lack of :data:`CONTACT_ITEMS`."""
    wanted = dict.fromkeys(i for ids in CONTACT_ITEMS.values() for i in ids)
    return [
        Problem(
            path,
            None,
            f"the bot answers contact questions with the item {ident!r}, and there is none",
        )
        for ident in wanted
        if ident not in items
    ]


def required_source_problems(sources: Mapping[str, object], path: Path) -> list[Problem]:
    """What ``sources.yaml`` (at ``path``) lacks of :data:`CITED`."""
    return [
        Problem(path, None, f"the bot cites the source {ident!r} for {used_by}, and there is none")
        for ident, used_by in CITED.items()
        if ident not in sources
    ]


def _named(view: View | None) -> str:
    return f"'{view}'" if view else "no view"
