"""``db reseed`` brings a revised seed in without losing staff edits, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from bot.errors import RegistryError
from bot.knowledge import KnowledgeBase
from bot.languages import Bilingual
from bot.provenance import Source
from bot.registry import RegistryData, RegistryDatabase
from bot.registry.audit import AuditRow
from bot.registry.editing import ContactEdit, save_edit
from bot.registry.reseed import reseed
from bot.registry.snapshot import OfficeItem

STAFF = "telegram:4242"


def _before_the_revision(seed: RegistryData) -> RegistryData:
    """The seed as an earlier version shipped it: a fact-base source, the office head's name,
    an older Gotha record and Peltier's and the ambassador's older texts, no source kinds."""
    sources = {k: replace(s, kind="city") for k, s in seed.sources.items()}
    sources["facts-file"] = Source("facts-file", "checked facts", "project", None, None)
    head = OfficeItem(
        "facts-file", "medium", "office-head", Bilingual("Kierownik", "Head"), Bilingual("X", "X")
    )
    gotha = seed.cities["gotha"]
    contacts = tuple(
        replace(c, text=Bilingual("stary tekst", "old text")) if c.person else c
        for c in seed.contacts
    )
    return replace(
        seed,
        sources=sources,
        office=(*seed.office, head),
        cities={**seed.cities, "gotha": replace(gotha, facts=gotha.facts[:1], cases=())},
        contacts=contacts,
    )


def _as_logged_by_the_previous_version(database: RegistryDatabase) -> None:
    """Strip the fields this version added from the logged seed, as the old version wrote it."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("kind", "cases", "topic")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    with database.session() as session:
        row = session.scalars(select(AuditRow).where(AuditRow.action == "seed")).one()
        registry = dict(row.after)
        # Contacts have a "kind" of their own (foreign-visit), which the old version wrote.
        contacts = registry.pop("contacts")
        row.after = {**strip(registry), "contacts": contacts}


@pytest.fixture
def database(database_url: str) -> RegistryDatabase:
    database = RegistryDatabase(database_url)
    yield database  # type: ignore[misc]
    database.close()


def test_reseed_applies_the_revision_and_keeps_staff_edits(
    database: RegistryDatabase, assistant: Any
) -> None:
    knowledge: KnowledgeBase = assistant.brain.knowledge
    from bot.assistant import seed_data

    seed = seed_data(knowledge)
    database.seed(_before_the_revision(seed), who="cli:test")
    _as_logged_by_the_previous_version(database)
    hungary = next(c for c in database.load().contacts if c.id == "hungary-ambassador-ijgyarto")
    edited = replace(hungary, text=Bilingual("tekst biura", "the office's text"))
    save_edit(database, ContactEdit(edited, hungary), who=STAFF)

    report = reseed(database, seed, who="cli:test")

    data = database.load()
    assert "office.office/office-head" in report.removed
    assert "office-head" not in {o.id for o in data.office}
    assert "facts-file" not in data.sources
    assert data.cities["gotha"] == seed.cities["gotha"], "untouched: the new seed's version"
    assert data.sources["wikipedia-pt-mirror"].kind == "encyclopedia-mirror"
    peltier = next(c for c in data.contacts if c.id == "france-consul-general-peltier")
    assert peltier.text == next(c.text for c in seed.contacts if c.id == peltier.id)
    assert next(c for c in data.contacts if c.id == hungary.id).text == edited.text
    assert report.kept_edits == ["contacts.contacts/hungary-ambassador-ijgyarto"]
    assert "cities.cities/gotha" in report.updated

    again = reseed(database, seed, who="cli:test")
    assert (again.added, again.updated, again.removed, again.kept_edits) == ([], [], [], [])
    assert next(c for c in database.load().contacts if c.id == hungary.id).text == edited.text
    actions = [e.action for e in database.audit_log(limit=4)]
    assert actions == ["baseline", "reseed", "baseline", "reseed"]


def test_a_source_a_kept_edit_cites_stays(database: RegistryDatabase, assistant: Any) -> None:
    from bot.assistant import seed_data

    seed = seed_data(assistant.brain.knowledge)
    database.seed(_before_the_revision(seed), who="cli:test")
    hungary = next(c for c in database.load().contacts if c.id == "hungary-ambassador-ijgyarto")
    save_edit(database, ContactEdit(replace(hungary, source="facts-file"), hungary), who=STAFF)
    report = reseed(database, seed, who="cli:test")
    assert "facts-file" in database.load().sources
    assert "sources.sources/facts-file" in report.kept_edits


def test_reseed_without_a_logged_seed_refuses_and_changes_nothing(
    database: RegistryDatabase, assistant: Any
) -> None:
    from bot.assistant import seed_data

    seed = seed_data(assistant.brain.knowledge)
    database.seed(seed, who="cli:test")
    with database.session() as session:
        for row in session.scalars(select(AuditRow)):
            session.delete(row)
    before = database.load()
    with pytest.raises(RegistryError, match="db seed"):
        reseed(database, seed, who="cli:test")
    assert database.load() == before


def test_the_command_reports_and_a_dry_run_writes_nothing(cli_env: dict[str, str]) -> None:
    from tests.test_cli import run

    assert run(cli_env, "db", "seed").returncode == 0
    dry = run(cli_env, "db", "reseed", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("Would reseed: 0 added, 0 updated, 0 removed"), dry.stdout
    done = run(cli_env, "db", "reseed")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Reseeded: ")
