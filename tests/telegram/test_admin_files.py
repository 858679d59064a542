"""/export sends the registry as files that import back without loss; /reload reads the knowledge
again, and keeps the knowledge it had when the new one is invalid."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from html import escape
from pathlib import Path

from bot.assistant import Assistant
from bot.config import Settings
from bot.languages import Bilingual
from bot.provenance import Source
from bot.registry import RegistryDatabase
from bot.registry.editing import ContactEdit, save_edit
from bot.registry.importing import import_registry, read_export
from bot.sentences import t
from tests.telegram.admin_harness import FileBotApi, Staff, staff_bot, texts

SCOPE = "Co obejmują umowy partnerskie Kielc?"
OLD_ANSWER = "Treść umów o współpracy partnerskiej"


async def test_an_export_imports_back_with_nothing_lost(
    api: FileBotApi, assistant: Assistant, bot_settings: Settings, tmp_path: Path
) -> None:
    async with staff_bot(api, assistant, bot_settings) as bot:
        staff = Staff(bot)
        # A staff edit with a source of its own, without address or date, goes out too.
        source = Source("staff-note", "Notatka biura", "Urząd Miasta Kielce", None, None)
        visit = replace(
            staff.assistant.brain.registry.contacts[0],
            id="staff-visit",
            source=source.id,
            text=Bilingual("Wizyta „robocza” – 2 dni.", 'A "working" visit: 2 days.'),
        )
        save_edit(staff.database, ContactEdit(visit, new_source=source), who="test")
        registry = staff.database.load()

        calls = await staff.say("/export")

    [sent] = [c for c in calls if c.method == "sendDocument"]
    assert sent.params["caption"] == t(
        "pl",
        "admin.export.done",
        contacts=str(len(registry.contacts)),
        missions=str(len(registry.missions)),
        cities=str(len(registry.cities)),
        facts=str(sum(len(c.facts) for c in registry.cities.values())),
        sources=str(len(registry.sources)),
    )
    [upload] = api.uploads
    assert upload.filename.startswith("kielce-registry-")
    assert upload.filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(upload.body)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "export")
    assert "yaml/sources.yaml" in names
    assert "csv/contacts.csv" in names
    assert "csv/city_facts.csv" in names

    assert read_export(tmp_path / "export") == registry
    fresh = RegistryDatabase(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        import_registry(fresh, tmp_path / "export", who="test")
        assert fresh.load() == registry
    finally:
        fresh.close()


async def test_reload_keeps_the_old_knowledge_when_the_new_is_invalid(
    api: FileBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    knowledge_copy: Path,
) -> None:
    entries = knowledge_copy / "entries" / "agreements.yaml"
    good = entries.read_text(encoding="utf-8")
    assert OLD_ANSWER in good
    async with staff_bot(api, assistant, bot_settings, knowledge_dir=knowledge_copy) as bot:
        staff = Staff(bot)
        # Broken twice: an unknown source, and an entry without questions.
        broken = good.replace("source: bip-wspolpraca", "source: <no-such-source>", 1)
        entries.write_text(broken + "  - id: lonely\n    topic: x\n", encoding="utf-8")
        replies = texts(await staff.say("/reload"))
        report = "\n".join(replies)
        count = str(report.count("\n• "))
        assert report.startswith(f"<b>{escape(t('pl', 'admin.reload.failed', count=count))}</b>")
        assert "• entries/agreements.yaml:" in report
        assert "&lt;no-such-source&gt;" in report, "the errors are escaped"
        assert all(len(r) <= 4096 for r in replies)
        answer = "\n".join(texts(await bot.send(api.message(SCOPE))))
        assert OLD_ANSWER in answer, "the bot keeps the knowledge it had"

        entries.write_text(
            good.replace(OLD_ANSWER, "Umowy partnerskie Kielc", 1), encoding="utf-8"
        )
        [done] = texts(await staff.say("/reload"))
        data = staff.assistant.brain.registry
        assert done == t(
            "pl",
            "admin.reload.done",
            entries=str(len(staff.assistant.brain.knowledge.entries)),
            contacts=str(len(data.contacts)),
            missions=str(len(data.missions)),
            cities=str(len(data.cities)),
            sources=str(len(data.sources)),
        )
        answer = "\n".join(texts(await bot.send(api.message(SCOPE))))
        assert "Umowy partnerskie Kielc" in answer
        assert OLD_ANSWER not in answer


async def test_reload_reads_an_import_into_the_running_bot(
    api: FileBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    """``db import`` writes the database; /reload makes the running bot answer from it."""
    async with staff_bot(api, assistant, bot_settings) as bot:
        staff = Staff(bot)
        registry = staff.assistant.brain.registry
        renamed = replace(registry.contacts[0], person="Jan Importowany")
        staff.database.seed(
            replace(registry, contacts=(renamed, *registry.contacts[1:])), who="test"
        )
        assert "Jan Importowany" not in "\n".join(texts(await bot.send(api.message("/visits"))))
        await staff.say("/reload")
        assert "Jan Importowany" in "\n".join(texts(await bot.send(api.message("/visits"))))


async def test_reload_refuses_knowledge_without_an_entry_the_bot_opens(
    api: FileBotApi,
    assistant: Assistant,
    bot_settings: Settings,
    knowledge_copy: Path,
) -> None:
    """Renaming ``about-bot`` used to pass /reload, then /help failed with KeyError."""
    path = knowledge_copy / "entries" / "bot.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("  - id: about-bot") + 1
    async with staff_bot(api, assistant, bot_settings, knowledge_dir=knowledge_copy) as bot:
        staff = Staff(bot)
        path.write_text(text.replace("about-bot", "about-the-bot"), encoding="utf-8")
        report = "\n".join(texts(await staff.say("/reload")))
        assert report.startswith(f"<b>{escape(t('pl', 'admin.reload.failed', count='1'))}</b>")
        assert f"• entries/bot.yaml:{line}: " in report
        assert "&#x27;about-bot&#x27;" in report
        [help_text] = texts(await staff.say("/help"))
        assert help_text != t("pl", "tg.error"), "the bot keeps the knowledge it had"
        assert "/partners" in help_text
