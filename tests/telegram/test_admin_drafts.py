"""A staff edit in progress lives in the database: it survives JSON, a restart of the bot, a
database that goes away for a moment, and answers that reach different copies of the bot."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from html import escape

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.assistant import Assistant
from bot.config import Settings
from bot.forms.staff import (
    KINDS,
    Action,
    Ask,
    Draft,
    KindName,
    Mode,
    Preview,
    begin,
    dump_draft,
    load_draft,
    pressed,
    typed,
)
from bot.registry import RegistryDatabase
from bot.sentences import t
from bot.state import DraftGone, DraftStore, DraftsUnavailable
from tests.postgres import fresh_schema
from tests.telegram.admin_harness import ADMIN, Staff, staff_bot, texts
from tests.telegram.fake_bot_api import FakeBotApi

MISSION_PL = "Misja gospodarcza ZMP do Wilna."
# The source bip-wspolpraca, as its button names it.
SOURCE_TITLE = "Współpraca z zagranicą"


def _pl(key: str, **values: str) -> str:
    return t("pl", key, **values)


# The draft as JSON -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["add", "correct"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_draft_read_back_from_json_at_every_step_goes_on_alike(
    assistant: Assistant, mode: Mode, kind: KindName
) -> None:
    """Each answer is given to the draft as read back from its JSON, as another copy would."""
    draft = Draft("pl", mode)
    outcome = begin(draft, assistant.brain, kind)
    typed_answers = {"date": "2024-05", "source_date": "2024", "source_url": "https://x.pl/a"}
    steps = 0
    while isinstance(outcome, Ask) and steps < 30:
        stored = dump_draft(draft)
        draft = load_draft(stored)
        assert dump_draft(draft) == stored
        steps += 1
        values = [o.value for o in draft.options]
        if draft.step == "source":
            outcome = pressed(draft, assistant.brain, values.index(Action.NEW_SOURCE))
        elif draft.step == "text_en":
            outcome = typed(draft, assistant.brain, "Read back «from JSON».")
        elif Action.KEEP in values and draft.step != "date":
            outcome = pressed(draft, assistant.brain, values.index(Action.KEEP))
        elif any(not isinstance(v, Action) for v in values):
            first = next(i for i, v in enumerate(values) if not isinstance(v, Action))
            outcome = pressed(draft, assistant.brain, first)
        else:
            outcome = typed(draft, assistant.brain, typed_answers.get(draft.step, "Tekst."))
    assert isinstance(outcome, Preview), outcome
    again = load_draft(dump_draft(draft))
    assert again == draft
    assert (again.original is None) == (mode == "add")
    confirm = [o.value for o in again.options].index(Action.CONFIRM)
    assert pressed(again, assistant.brain, confirm) == pressed(draft, assistant.brain, confirm)


# The store -------------------------------------------------------------------------------------


@pytest.fixture
def database(migrated_registry: RegistryDatabase) -> RegistryDatabase:
    return migrated_registry


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_write_from_an_older_revision_is_refused(database: RegistryDatabase) -> None:
    drafts = DraftStore(database.engine, timeout=60)
    assert drafts.load(1) is None
    first, replaced = drafts.start(1, '{"n": 1}', "kind")
    assert not replaced
    second = drafts.save(1, '{"n": 2}', "country", revision=first)
    assert second is not None
    # Another copy read the first revision too: its write is refused, the newer one stays.
    assert drafts.save(1, '{"n": 3}', "country", revision=first) is None
    assert drafts.delete(1, revision=first) is False
    stored = drafts.load(1)
    assert stored is not None
    assert (stored.draft, stored.revision, stored.expired) == ('{"n": 2}', second, False)
    with pytest.raises(DraftGone), database.session() as session:
        drafts.discard(session, 1, first)
    with database.session() as session:
        drafts.discard(session, 1, second)
    assert drafts.load(1) is None
    assert drafts.delete(1) is False


def test_an_expired_draft_is_reported_once_and_purged(database: RegistryDatabase) -> None:
    clock = Clock()
    drafts = DraftStore(database.engine, timeout=60, clock=clock)
    drafts.start(1, "{}", "kind")
    drafts.start(2, "{}", "kind")
    clock.now += 30
    assert drafts.start(2, '{"again": true}', "kind")[1], "replaced one that had not expired"
    clock.now += 45  # the first is 75 s old, the second 45 s
    stored = drafts.load(1)
    assert stored is not None
    assert stored.expired
    assert drafts.load(1) is None, "reading an expired draft deletes it"
    assert drafts.purge() == 0
    clock.now += 30
    assert drafts.start(2, "{}", "kind")[1] is False, "an expired draft is not 'replaced'"
    clock.now += 61
    assert drafts.purge() == 1
    assert drafts.load(2) is None


def test_an_unreachable_database_reads_and_writes_nothing() -> None:
    database = RegistryDatabase("postgresql+psycopg://bot@127.0.0.1:1/x", retry_delay=0)
    try:
        drafts = DraftStore(database.engine, timeout=60)
        with pytest.raises(DraftsUnavailable):
            drafts.load(1)
        assert not drafts.health.up
        # While it is away, the store does not even try (until retry_after has passed).
        with pytest.raises(DraftsUnavailable):
            drafts.start(1, "{}", "kind")
        assert drafts.purge() is None
    finally:
        database.close()


# The bot ---------------------------------------------------------------------------------------


async def test_an_edit_goes_on_after_the_bot_restarts(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with staff_bot(api, assistant, bot_settings) as bot:
        staff = Staff(bot)
        await staff.say("/add mission")
        await staff.press("ZMP")
        await staff.say("2025-03")
    # A new Application on the same database file: the prompt's buttons and the answers so far
    # are still there.
    async with staff_bot(api, assistant, bot_settings) as bot:
        staff.bot = bot
        await staff.say(MISSION_PL)
        await staff.say("A ZMP economic mission to Vilnius.")
        await staff.press(SOURCE_TITLE)
        [preview] = texts(await staff.press(_pl("admin.confidence.high")))
        assert escape(MISSION_PL) in preview
        assert "marzec 2025" in preview
        assert texts(await staff.press(_pl("admin.option.confirm"))) == [_pl("admin.save.done")]
        assert MISSION_PL in "\n".join(texts(await bot.send(api.message("/missions"))))
        [entry] = [e for e in staff.database.audit_log() if e.who == "telegram:4242"]
        assert (entry.action, entry.entity, entry.after["date"]) == (
            "create",
            "missions",
            "2025-03",
        )


async def test_while_the_database_is_away_the_admin_is_told_and_nothing_changes(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    unavailable = _pl("admin.draft.unavailable")
    async with staff_bot(api, assistant, bot_settings) as bot:
        bot.store.health.retry_after = 0
        staff = Staff(bot)
        await staff.say("/add mission")
        await staff.press("ZMP")
        prompt = staff.prompt
        database = make_url(bot_settings.database_url).database
        assert database is not None
        with sqlite3.connect(database) as connection:
            connection.execute("ALTER TABLE staff_draft RENAME TO staff_draft_away")

        # Typed text may be a question: answered as one, with a word on the edit.
        replies = texts(await staff.say("2025-03"))
        assert replies[0] == _pl("admin.draft.unchecked")
        assert len(replies) == 2
        assert texts(await staff.say("/add contact")) == [unavailable]
        assert texts(await staff.say("/cancel")) == [unavailable]
        calls = await staff.press(_pl("admin.option.no_date"), on=prompt)
        assert [(c.method, c.params.get("text")) for c in calls] == [
            ("answerCallbackQuery", unavailable)
        ]

        with sqlite3.connect(database) as connection:
            connection.execute("ALTER TABLE staff_draft_away RENAME TO staff_draft")
        # The edit is where it was: the date is still asked, and the old prompt's buttons work.
        [step] = texts(await staff.press(_pl("admin.option.no_date"), on=prompt))
        assert escape(_pl("admin.ask.text_pl")) in step


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with fresh_schema() as server:
        yield server.url


@pytest.mark.postgres
async def test_the_answers_of_one_edit_may_reach_either_copy_of_the_bot(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, postgres_url: str
) -> None:
    settings = replace(bot_settings, database_url=postgres_url)
    async with (
        staff_bot(api, assistant, settings, webhook=True) as a,
        staff_bot(api, assistant, settings, webhook=True) as b,
    ):
        assert a.webhook_port != b.webhook_port
        staff = Staff(a)
        await staff.say("/add mission")
        # Each answer through the other copy than the one before; each asks the next step.
        staff.bot = b
        assert escape(_pl("admin.ask.date")) in texts(await staff.press("ZMP"))[0]
        staff.bot = a
        assert escape(_pl("admin.ask.text_pl")) in texts(await staff.say("2025-03"))[0]
        staff.bot = b
        assert escape(_pl("admin.ask.text_en")) in texts(await staff.say(MISSION_PL))[0]
        staff.bot = a
        [source] = texts(await staff.say("A ZMP economic mission to Vilnius."))
        assert escape(_pl("admin.ask.source")) in source
        staff.bot = b
        [confidence] = texts(await staff.press(SOURCE_TITLE))
        assert escape(_pl("admin.ask.confidence")) in confidence
        staff.bot = a
        [preview_text] = texts(await staff.press(_pl("admin.confidence.high")))
        assert escape(MISSION_PL) in preview_text
        assert "marzec 2025" in preview_text
        preview = staff.prompt
        assert preview is not None

        staff.bot = b
        assert texts(await staff.press(_pl("admin.option.confirm"))) == [_pl("admin.save.done")]
        assert MISSION_PL in "\n".join(texts(await b.send(api.message("/missions"))))
        # Confirm pressed again, through the other copy: the edit has ended there too.
        staff.bot = a
        calls = await staff.press(_pl("admin.option.confirm"), on=preview)
        assert [(c.method, c.params.get("text")) for c in calls] == [
            ("answerCallbackQuery", _pl("tg.expired"))
        ]
        saved = [e for e in staff.database.audit_log() if e.who == f"telegram:{ADMIN['id']}"]
        assert [(e.action, e.entity) for e in saved] == [("create", "missions")]
        assert [m.text.pl for m in staff.database.load().missions].count(MISSION_PL) == 1
    engine = create_engine(postgres_url, poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM staff_draft")) == 0
    engine.dispose()
