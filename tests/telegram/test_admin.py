"""Staff editing end to end: guided additions and corrections, cancel, timeout, a failed write."""

from __future__ import annotations

import asyncio
import sqlite3
from html import escape

import pytest
from sqlalchemy.engine import make_url

from bot.assistant import Assistant
from bot.config import Settings
from bot.sentences import t
from bot.telegram.commands import MENU, STAFF_MENU, set_staff_commands
from tests.telegram.admin_harness import ADMIN, FileBotApi, Staff, staff_bot, texts
from tests.telegram.fake_bot_api import PL_USER

VISITS = "wizyty dyplomatów"


def _pl(key: str, **values: str) -> str:
    return t("pl", key, **values)


async def _answer(staff: Staff, question: str) -> str:
    """What a resident is answered, with its sources (behind their button when it fits one
    message)."""
    api = staff.bot.api
    calls = await staff.bot.send(api.message(question, user=PL_USER))
    sources = t("pl", "tg.view.sources")
    for call in calls:
        button = next((b for b in call.buttons() if b["text"] == sources), None)
        if call.method == "sendMessage" and button:
            pressed = await staff.bot.send(
                api.press(button["callback_data"], on=call, user=PL_USER)
            )
            return "\n".join(c.text for c in pressed if c.method == "editMessageText")
    return "\n".join(texts(calls))


async def test_an_added_contact_is_saved_audited_and_answered_at_once(staff: Staff) -> None:
    assert "Jean Dupont" not in await _answer(staff, VISITS)
    [menu] = texts(await staff.say("/add"))
    assert _pl("admin.ask.kind") in menu
    await staff.press(_pl("admin.kind.contact"))
    await staff.say("Francja")
    await staff.press(_pl("admin.contact_kind.foreign-visit"))
    await staff.say("Jean Dupont")
    await staff.say("Ambasador Francji")
    await staff.say("Ambassador of France")
    [again] = texts(await staff.say("17.05.2024"))
    assert again.startswith(escape(_pl("admin.problem.date")))
    await staff.say("2024-05-17")
    await staff.say("Ambasador Francji Jean Dupont odwiedził Kielce <i>oficjalnie</i>.")
    await staff.say("French Ambassador Jean Dupont visited Kielce.")
    await staff.press(_pl("admin.option.new_source"))
    await staff.say("Ambasador Francji w Kielcach")
    await staff.say("Miasto Kielce (kielce.eu)")
    await staff.press(_pl("kind.city"))
    await staff.say("-")
    await staff.say("2024-05-18")
    [preview] = texts(await staff.press(_pl("admin.confidence.high")))
    assert "Jean Dupont" in preview
    assert "&lt;i&gt;oficjalnie&lt;/i&gt;" in preview, "typed text is shown escaped"
    assert _pl("visits.foreign") in preview, "rendered as the visits answer renders it"
    assert "17 maja 2024 r." in preview
    assert "Ambasador Francji w Kielcach" in preview
    assert staff.labels() == [
        _pl("admin.option.confirm"),
        _pl("admin.option.cancel"),
    ]
    assert staff.database.audit_log(limit=1)[0].who == "test", "nothing saved before Confirm"

    assert texts(await staff.press(_pl("admin.option.confirm"))) == [_pl("admin.save.done")]

    answer = await _answer(staff, VISITS)
    assert "Ambasador Francji Jean Dupont odwiedził Kielce" in answer
    assert "17 maja 2024 r." in answer
    assert "Ambasador Francji w Kielcach" in answer, "the new source is cited"
    contact, source = staff.database.audit_log(limit=2)
    assert (contact.who, contact.action, contact.entity) == ("telegram:4242", "create", "contacts")
    assert contact.after["person"] == "Jean Dupont"
    assert contact.after["country"] == "FR"
    assert (source.entity, source.after["url"], source.after["date"], source.after["kind"]) == (
        "sources",
        None,
        "2024-05-18",
        "city",
    )
    assert staff.database.load() == staff.assistant.brain.registry


async def test_cancel_at_any_step_changes_nothing(staff: Staff) -> None:
    before = staff.assistant.brain
    await staff.say("/add contact")
    await staff.say("Niemcy")
    old_prompt = staff.prompt
    assert texts(await staff.say("/cancel")) == [_pl("admin.cancelled")]
    assert "Ambasador" in await _answer(staff, VISITS)
    # Typed text is a question again, and the old prompt's buttons have expired.
    assert _pl("visits.title") in "\n".join(texts(await staff.say(VISITS)))
    assert old_prompt is not None
    [expired] = await staff.press(_pl("admin.contact_kind.foreign-visit"), on=old_prompt)
    assert expired.params["text"] == t("pl", "tg.expired")
    assert texts(await staff.say("/cancel")) == [_pl("admin.nothing_to_cancel")]
    assert staff.assistant.brain is before
    assert [e.who for e in staff.database.audit_log()] == ["test"]


async def test_correcting_a_city_milestone(staff: Staff) -> None:
    await staff.say("/correct")
    await staff.press(_pl("admin.kind.fact"))
    await staff.say("gotha")
    [button] = [label for label in staff.labels() if "2022-06-25" in label]
    [kind] = texts(await staff.press(button))
    assert escape(_pl("admin.now", value=_pl("admin.fact_kind.milestone"))) in kind
    await staff.press(_pl("admin.option.keep"))
    await staff.say("2022-06")
    await staff.say("-")
    await staff.press(_pl("admin.option.keep"))
    await staff.press(_pl("admin.option.keep"))
    [preview] = texts(await staff.press(_pl("admin.confidence.medium")))
    assert f"✏️ {_pl('admin.field.date')}" in preview
    assert "czerwiec 2022" in preview, "shown on the city's card, as the bot will show it"

    assert texts(await staff.press(_pl("admin.option.confirm"))) == [_pl("admin.save.done")]

    card = "\n".join(texts(await staff.bot.send(staff.bot.api.message("/city gotha"))))
    assert "• czerwiec 2022: 25 czerwca 2022 r., w 25-lecie partnerstwa" in card
    [entry] = staff.database.audit_log(limit=1)
    assert (entry.action, entry.entity) == ("update", "facts")
    assert (entry.before["date"], entry.after["date"]) == ("2022-06-25", "2022-06")
    assert (entry.before["confidence"], entry.after["confidence"]) == ("high", "medium")


async def test_a_correction_that_changes_nothing_saves_nothing(staff: Staff) -> None:
    await staff.say("/correct mission")
    await staff.press(staff.labels()[0])
    for _ in range(5):  # organiser, date, text (pl, en), source
        await staff.say("-")
    assert texts(await staff.say("-")) == [_pl("admin.unchanged")]
    assert [e.who for e in staff.database.audit_log()] == ["test"]


async def test_a_failed_write_saves_nothing_and_can_be_retried(
    staff: Staff, bot_settings: Settings
) -> None:
    before = staff.assistant.brain
    await staff.say("/add mission")
    await staff.press("ZMP")
    await staff.say("2025-03")
    await staff.say("Misja gospodarcza ZMP do Wilna.")
    await staff.say("A ZMP economic mission to Vilnius.")
    await staff.press("Współpraca z zagranicą")  # bip-wspolpraca, by its title
    [preview] = texts(await staff.press(_pl("admin.confidence.high")))
    assert "Wilna" in preview
    # A real fault: the table the mission goes to is gone when Confirm is pressed.
    database = make_url(bot_settings.database_url).database
    assert database is not None
    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE missions RENAME TO missions_away")

    [failed] = texts(await staff.press(_pl("admin.option.confirm")))
    assert failed == _pl("admin.save.failed")
    assert staff.assistant.brain is before, "the bot answers as before"
    assert "Wilna" not in await _answer(staff, "/missions")
    assert [e.who for e in staff.database.audit_log()] == ["test"]

    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE missions_away RENAME TO missions")
    assert texts(await staff.press(_pl("admin.option.confirm"))) == [_pl("admin.save.done")]
    assert "Wilna" in await _answer(staff, "/missions")
    assert staff.database.audit_log(limit=1)[0].entity == "missions"


async def test_an_unanswered_edit_times_out_unsaved(
    api: FileBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with staff_bot(api, assistant, bot_settings, edit_timeout=0.2) as bot:
        staff = Staff(bot)
        await staff.say("/add contact")
        await staff.say("Węgry")
        await asyncio.sleep(0.3)
        # No timer: the admin's next answer hears, once, that the edit has ended; it is not taken.
        calls = await staff.press(_pl("admin.contact_kind.foreign-visit"))
        assert [(c.method, c.params.get("text")) for c in calls] == [
            ("answerCallbackQuery", t("pl", "tg.expired")),
            ("sendMessage", _pl("admin.timeout", minutes="1")),
        ]
        # The edit is over: typed text is a question again.
        assert _pl("visits.title") in "\n".join(texts(await staff.say(VISITS)))
        assert [e.who for e in staff.database.audit_log()] == ["test"]


async def test_a_new_edit_replaces_an_unfinished_one(staff: Staff) -> None:
    await staff.say("/add contact")
    replies = texts(await staff.say("/add mission"))
    assert replies[0] == _pl("admin.replaced")
    assert escape(_pl("admin.title.add.mission")) in replies[1]


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        pytest.param("/add", "admin.refused", id="add"),
        pytest.param("/dodaj kontakt", "admin.refused", id="dodaj"),
        pytest.param("/correct fact", "admin.refused", id="correct"),
        pytest.param("/cancel", "admin.refused", id="cancel"),
        pytest.param("/export", "admin.refused", id="export"),
        pytest.param("/reload", "admin.refused", id="reload"),
        pytest.param("/admin", "admin.refused", id="admin"),
    ],
)
async def test_staff_commands_are_refused_to_everyone_else(
    staff: Staff, api: FileBotApi, command: str, reply: str
) -> None:
    brain = staff.assistant.brain
    calls = await staff.bot.send(api.message(command, user=PL_USER))
    assert texts(calls) == [_pl(reply)]
    assert not api.uploads
    assert staff.assistant.brain is brain
    # And it starts nothing: the next message is a question.
    assert _pl("visits.title") in "\n".join(texts(await staff.bot.send(api.message(VISITS))))
    assert [e.who for e in staff.database.audit_log()] == ["test"]


async def test_an_edit_button_is_refused_to_everyone_else(staff: Staff, api: FileBotApi) -> None:
    await staff.say("/add")
    assert staff.prompt is not None
    data = staff.prompt.buttons()[0]["callback_data"]
    calls = await staff.bot.send(api.press(data, on=staff.prompt, user=PL_USER))
    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", _pl("admin.refused"))
    ]
    # The admin's edit goes on, untouched.
    [step] = texts(await staff.press(_pl("admin.kind.mission")))
    assert escape(_pl("admin.ask.organiser")) in step


async def test_staff_commands_work_in_private_chats_only(staff: Staff, api: FileBotApi) -> None:
    group = {"id": -1001234567890, "type": "supergroup", "title": "Kielce journalists"}
    calls = await staff.bot.send(api.message("/export", user=ADMIN, chat=group))
    assert texts(calls) == [_pl("admin.private_only")]
    assert not api.uploads


async def test_admin_lists_the_staff_commands(staff: Staff) -> None:
    [listing] = texts(await staff.say("/admin"))
    assert "/add - " in listing
    assert "/export - " in listing


async def test_each_admin_gets_a_menu_with_the_staff_commands(
    staff: Staff, api: FileBotApi
) -> None:
    mark = len(api.calls)
    await set_staff_commands(staff.bot.application.bot, {ADMIN["id"]})
    menus = [c for c in api.calls[mark:] if c.method == "setMyCommands"]
    assert [(c.json("scope"), c.params.get("language_code")) for c in menus] == [
        ({"type": "chat", "chat_id": ADMIN["id"]}, None),
        ({"type": "chat", "chat_id": ADMIN["id"]}, "pl"),
    ]
    names = [c["command"] for c in menus[1].json("commands")]
    assert names[: len(MENU)] == list(MENU)
    assert names[len(MENU) :] == list(STAFF_MENU)
    # An admin who never started the bot has no chat: skipped, not fatal.
    api.fail("setMyCommands", 400)
    await set_staff_commands(staff.bot.application.bot, {ADMIN["id"]})
