"""The staff form as an admin sees it in Telegram: typed text always belongs to the edit, staff
commands work in private chats only, one prompt message edited in place, buttons two or three to
a row, sources named by their titles."""

from __future__ import annotations

from html import escape

import pytest

from bot.sentences import t
from tests.telegram.admin_harness import ADMIN, FileBotApi, Staff, texts
from tests.telegram.fake_bot_api import GROUP, Call

MISSION_PL = "Misja gospodarcza ZMP do Wilna."
MISSION_EN = "A ZMP economic mission to Vilnius."


def _pl(key: str, **values: str) -> str:
    return t("pl", key, **values)


async def _to_the_preview(staff: Staff) -> list[Call]:
    """Add a mission up to its preview; every call the bot made on the way."""
    calls = await staff.say("/add mission")
    calls += await staff.press("ZMP")
    calls += await staff.say("2025-03")
    calls += await staff.say(MISSION_PL)
    calls += await staff.say(MISSION_EN)
    calls += await staff.say("bip-wspolpraca")  # a source's id, typed
    calls += await staff.press(_pl("admin.confidence.high"))
    return calls


def _nothing_but_the_prompt(calls: list[Call]) -> None:
    """The bot showed nothing but the edit's prompt: no answer, no apology."""
    shown = texts(calls)
    assert len(shown) == 1, shown
    assert _pl("tg.error") not in shown
    assert all(c.method != "sendMessage" for c in calls), "no new message, no answer"


async def test_text_typed_at_the_preview_asks_for_confirm_or_cancel(staff: Staff) -> None:
    """It raised KeyError 'admin.ask.preview', apologised, and answered the text as a question."""
    await _to_the_preview(staff)
    calls = await staff.say("wizyty dyplomatów")
    _nothing_but_the_prompt(calls)
    [shown] = texts(calls)
    assert shown.startswith(escape(_pl("admin.problem.preview")))
    assert escape(MISSION_PL) in shown, "the preview is shown again"
    assert staff.labels() == [_pl("admin.option.confirm"), _pl("admin.option.cancel")]
    # Its buttons still work, and so does typing one of them.
    assert texts(await staff.say("zatwierdź")) == [_pl("admin.save.done")]
    assert staff.database.audit_log(limit=1)[0].entity == "missions"


@pytest.mark.parametrize(
    ("answers", "typed", "problem"),
    [
        pytest.param(["/add"], "kontakty z Francją", "admin.problem.buttons", id="kind"),
        pytest.param(["/add contact"], "Atlantyda", "admin.problem.country", id="country"),
        pytest.param(["/add fact"], "Paryż", "admin.problem.city", id="city"),
        pytest.param(["/add mission", "-"], "w marcu", "admin.problem.date", id="date"),
    ],
)
async def test_text_typed_at_any_step_is_the_edits(
    staff: Staff, answers: list[str], typed: str, problem: str
) -> None:
    for answer in answers:
        await staff.say(answer)
    before = staff.prompt
    calls = await staff.say(typed)
    _nothing_but_the_prompt(calls)
    [shown] = texts(calls)
    assert shown.startswith(escape(_pl(problem)))
    assert before is not None
    assert staff.labels() == [b["text"] for b in before.buttons()], "the same step again"


@pytest.mark.parametrize(
    "command",
    ["/stats", "/statystyki", "/export", "/reload", "/add", "/correct", "/cancel", "/admin"],
)
async def test_staff_commands_in_a_group_say_so_and_show_nothing(
    staff: Staff, api: FileBotApi, command: str
) -> None:
    """/stats in a group posted the statistics there, with the public's unanswered questions."""
    brain = staff.assistant.brain
    calls = await staff.bot.send(api.message(command, user=ADMIN, chat=GROUP))
    assert texts(calls) == [_pl("admin.private_only")]
    assert all(c.chat_id == GROUP["id"] for c in calls if c.method == "sendMessage")
    assert not api.uploads
    assert staff.assistant.brain is brain


async def test_stats_still_reach_an_admin_in_private(staff: Staff) -> None:
    [figures] = texts(await staff.say("/stats"))
    assert _pl("tg.stats.per_day") in figures


async def test_the_edit_is_one_prompt_message_edited_in_place(staff: Staff) -> None:
    calls = await _to_the_preview(staff)
    sent = [c for c in calls if c.method == "sendMessage"]
    edited = [c for c in calls if c.method == "editMessageText"]
    assert len(sent) == 1, [c.text for c in sent]
    assert len(edited) == 6  # organiser, date, text (pl, en), source, confidence -> preview
    prompt = sent[0].result["message_id"]
    assert {int(c.params["message_id"]) for c in edited} == {prompt}
    done = await staff.press(_pl("admin.option.confirm"))
    assert texts(done) == [_pl("admin.save.done")]
    # The prompt keeps the preview, without its buttons.
    [retired] = [c for c in done if c.method == "editMessageReplyMarkup"]
    assert int(retired.params["message_id"]) == prompt
    assert "reply_markup" not in retired.params or not retired.buttons()


async def test_buttons_go_two_or_three_to_a_row(staff: Staff) -> None:
    prompts: list[Call] = []

    def seen(calls: list[Call]) -> None:
        prompts.extend(c for c in calls if c.buttons())

    seen(await staff.say("/add"))
    seen(await staff.press(_pl("admin.kind.contact")))
    seen(await staff.say("Francja"))
    seen(await staff.press(_pl("admin.contact_kind.foreign-visit")))
    seen(await staff.say("/correct fact"))
    seen(await staff.say("Gotha"))
    assert len(prompts) == 6  # kind, country, contact kind, person, city, the city's facts
    actions = {
        _pl(f"admin.option.{key}")
        for key in ("keep", "cancel", "new_source", "no_country", "no_person", "no_date")
    }
    for prompt in prompts:
        rows = [[b["text"] for b in row] for row in prompt.json("reply_markup")["inline_keyboard"]]
        choices = [len(row) for row in rows if not set(row) <= actions]
        # Every row of choices has two or three, but the last, which may have one left over.
        assert all(2 <= n <= 3 for n in choices[:-1]), (prompt.text, rows)
        assert all(len(row) <= 3 for row in rows), (prompt.text, rows)


async def test_sources_are_named_by_their_titles(staff: Staff) -> None:
    await staff.say("/add mission")
    await staff.press("ZMP")
    await staff.say("2025-03")
    await staff.say(MISSION_PL)
    [asked] = texts(await staff.say(MISSION_EN))
    sources = staff.assistant.brain.registry.sources
    labels = staff.labels()
    assert "Współpraca z zagranicą" in labels
    assert not set(labels) & set(sources), "no button shows an id"
    assert "bip-wspolpraca" not in asked
    # A search's results are titles too: cut short on their buttons, whole in the prompt.
    [found] = texts(await staff.say("gotha"))
    choices = [label for label in staff.labels() if label != _pl("admin.option.new_source")][:-1]
    titles = [source.title for source in sources.values()]
    assert len(choices) == 2
    assert all(any(t.startswith(label.rstrip("…")) for t in titles) for label in choices)
    assert escape("Ćwierć wieku współpracy Kielc z Gotha") in found
