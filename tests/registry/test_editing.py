"""Staff edits of single records, on SQLite and PostgreSQL: written with their audit rows in one
transaction, equal to the same edit made in memory, refused whole when they cannot be made."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.errors import RegistryError
from bot.languages import Bilingual
from bot.provenance import Source
from bot.registry import RegistryData, RegistryDatabase
from bot.registry.editing import (
    ContactEdit,
    Edit,
    EditConflict,
    FactEdit,
    MissionEdit,
    apply_edit,
    free_id,
    save_edit,
)
from bot.registry.export import export_yaml
from bot.registry.importing import read_export
from bot.registry.snapshot import CityFact, Contact, Mission

WHO = "telegram:4242"
NEW_SOURCE = Source("kielce-eu-ambasador-2024", "Ambasador w Kielcach", "kielce.eu", None, None)
CONTACT = Contact(
    source="bip-wspolpraca",
    confidence="high",
    id="fr-jean-dupont",
    country="FR",
    kind="foreign-visit",
    person="Jean Dupont",
    role=Bilingual("Ambasador Francji", "Ambassador of France"),
    date="2024-05-17",
    date_note=None,
    text=Bilingual("Odwiedził Kielce.", "He visited Kielce."),
)
MISSION = Mission(
    source="bip-wspolpraca",
    confidence="medium",
    id="mission-2023-zmp",
    organiser="zmp",
    date="2023-10",
    text=Bilingual("Misja gospodarcza ZMP do Chin.", "A ZMP economic mission to China."),
)
MILESTONE = CityFact(
    "bip-wspolpraca",
    "high",
    "milestone",
    "2024",
    Bilingual("Odnowienie umowy.", "The agreement was renewed."),
)


@pytest.fixture
def seeded(database: RegistryDatabase, seed: RegistryData) -> RegistryDatabase:
    database.seed(seed, who="test")
    return database


def _saved(database: RegistryDatabase, data: RegistryData, edit: Edit) -> RegistryData:
    """Save ``edit``; check the database then holds exactly what the same edit makes in memory."""
    expected = apply_edit(data, edit)
    save_edit(database, edit, who=WHO)
    loaded = database.load()
    assert loaded == expected
    assert list(loaded.cities) == list(expected.cities)
    return loaded


def test_adding_a_contact_with_a_new_source(seeded: RegistryDatabase, seed: RegistryData) -> None:
    edit = ContactEdit(replace(CONTACT, source=NEW_SOURCE.id), new_source=NEW_SOURCE)
    loaded = _saved(seeded, seed, edit)
    assert loaded.contacts[-1].id == CONTACT.id
    assert loaded.sources[NEW_SOURCE.id] == NEW_SOURCE
    contact_row, source_row = seeded.audit_log(limit=2)
    assert (source_row.who, source_row.action, source_row.entity) == (WHO, "create", "sources")
    assert source_row.after["title"] == NEW_SOURCE.title
    assert (contact_row.action, contact_row.entity, contact_row.record_id) == (
        "create",
        "contacts",
        CONTACT.id,
    )
    assert contact_row.before is None
    assert contact_row.after["text"] == {"pl": "Odwiedził Kielce.", "en": "He visited Kielce."}


def test_correcting_a_contact_keeps_its_place(
    seeded: RegistryDatabase, seed: RegistryData
) -> None:
    before = seed.contacts[1]
    after = replace(before, date="2019-03", date_note=None, confidence="high")
    loaded = _saved(seeded, seed, ContactEdit(after, before))
    assert loaded.contacts[1] == after
    [entry] = seeded.audit_log(limit=1)
    assert (entry.action, entry.record_id) == ("update", before.id)
    assert entry.before["date"] is None
    assert entry.after["date"] == "2019-03"


def test_adding_and_correcting_a_mission(seeded: RegistryDatabase, seed: RegistryData) -> None:
    data = _saved(seeded, seed, MissionEdit(MISSION))
    corrected = replace(MISSION, organiser=None, text=Bilingual("Misja.", "A mission."))
    data = _saved(seeded, data, MissionEdit(corrected, MISSION))
    assert data.missions[-1] == corrected
    assert [e.action for e in seeded.audit_log(limit=2)] == ["update", "create"]


def test_adding_and_correcting_a_city_fact(seeded: RegistryDatabase, seed: RegistryData) -> None:
    data = _saved(seeded, seed, FactEdit("gotha", MILESTONE))
    # After the city's other milestones, before its areas: the seed files' order.
    milestones = data.cities["gotha"].of_kind("milestone")
    assert milestones[-1] == MILESTONE
    assert data.cities["gotha"].facts[len(milestones)].kind == "area"
    index = 1
    before = data.cities["gotha"].facts[index]
    after = replace(before, date="1998-05-01")
    data = _saved(seeded, data, FactEdit("gotha", after, before, index))
    assert data.cities["gotha"].facts[index] == after
    assert len(data.cities["gotha"].facts) == len(seed.cities["gotha"].facts) + 1
    entry = seeded.audit_log(limit=1)[0]
    assert (entry.entity, entry.before["city"], entry.after["date"]) == (
        "facts",
        "gotha",
        "1998-05-01",
    )


def test_a_fact_of_another_kind_moves_to_its_group(
    seeded: RegistryDatabase, seed: RegistryData
) -> None:
    facts = seed.cities["gotha"].facts
    before = facts[0]
    after = replace(before, kind="fact", date=None)
    data = _saved(seeded, seed, FactEdit("gotha", after, before, 0))
    assert data.cities["gotha"].of_kind("fact")[0] == after
    assert data.cities["gotha"].facts[0] == facts[1]


def test_a_correction_of_a_record_changed_meanwhile_is_refused(
    seeded: RegistryDatabase, seed: RegistryData
) -> None:
    before = seed.contacts[0]
    save_edit(seeded, ContactEdit(replace(before, person="Someone Else"), before), who="other")
    logged = len(seeded.audit_log())
    stale = ContactEdit(replace(before, confidence="low"), before)
    with pytest.raises(EditConflict):
        save_edit(seeded, stale, who=WHO)
    assert seeded.load().contacts[0].person == "Someone Else"
    assert len(seeded.audit_log()) == logged


def test_a_fact_moved_by_a_reseed_is_refused(seeded: RegistryDatabase, seed: RegistryData) -> None:
    facts = seed.cities["gotha"].facts
    with pytest.raises(EditConflict):
        save_edit(seeded, FactEdit("gotha", MILESTONE, facts[0], 1), who=WHO)
    assert seeded.load() == seed


def test_adding_an_existing_id_is_refused(seeded: RegistryDatabase, seed: RegistryData) -> None:
    taken = replace(CONTACT, id=seed.contacts[0].id)
    with pytest.raises(EditConflict):
        apply_edit(seed, ContactEdit(taken))
    with pytest.raises(EditConflict):
        save_edit(seeded, ContactEdit(taken), who=WHO)
    assert seeded.load() == seed


def test_a_failed_write_leaves_nothing_not_even_the_new_source(
    seeded: RegistryDatabase, seed: RegistryData
) -> None:
    """The new source is written first; the contact then breaks a foreign key."""
    logged = len(seeded.audit_log())
    edit = ContactEdit(replace(CONTACT, country="ZZ", source=NEW_SOURCE.id), new_source=NEW_SOURCE)
    with pytest.raises(RegistryError) as failed:
        save_edit(seeded, edit, who=WHO)
    assert not isinstance(failed.value, EditConflict)
    assert seeded.load() == seed
    assert len(seeded.audit_log()) == logged


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(ContactEdit(replace(CONTACT, source="no-such-source")), id="source"),
        pytest.param(ContactEdit(replace(CONTACT, country="ZZ")), id="country"),
        pytest.param(ContactEdit(replace(CONTACT, date="2024-13")), id="date"),
        pytest.param(ContactEdit(replace(CONTACT, text=Bilingual(" ", "x"))), id="empty-text"),
        pytest.param(ContactEdit(replace(CONTACT, id="Jean Dupont")), id="id"),
        pytest.param(MissionEdit(replace(MISSION, organiser="nobody")), id="organiser"),
        pytest.param(FactEdit("atlantis", MILESTONE), id="city"),
        pytest.param(FactEdit("gotha", replace(MILESTONE, kind="area")), id="dated-area"),
        pytest.param(
            ContactEdit(CONTACT, new_source=replace(NEW_SOURCE, id="Bad Id")), id="source-id"
        ),
    ],
)
def test_an_impossible_edit_is_refused_before_writing(seed: RegistryData, edit: Edit) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails its own rule
        apply_edit(seed, edit)


def test_an_export_with_staff_edits_reads_back_without_loss(
    seeded: RegistryDatabase, seed: RegistryData, tmp_path: Path
) -> None:
    data = _saved(
        seeded,
        seed,
        ContactEdit(replace(CONTACT, source=NEW_SOURCE.id), new_source=NEW_SOURCE),
    )
    data = _saved(seeded, data, FactEdit("orange", MILESTONE))
    export_yaml(seeded.load(), tmp_path)
    assert read_export(tmp_path) == data


def test_free_ids_are_readable_and_unique() -> None:
    assert free_id("Konsul Generalny Łotwy — wizyta", ()) == "konsul-generalny-lotwy-wizyta"
    assert free_id("Ambasador", {"ambasador", "ambasador-2"}) == "ambasador-3"
    assert free_id("大使", (), fallback="contact") == "contact"
    assert len(free_id("słowo " * 40, ())) <= 60
