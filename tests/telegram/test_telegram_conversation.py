"""Questions, buttons, feedback, inline mode, groups and non-text messages, end to end."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest

from bot.assistant import Assistant
from bot.render import telegram_length
from bot.sentences import t
from tests.telegram.fake_bot_api import BOT, EN_USER, GROUP, PL_USER, Call
from tests.telegram.harness import Bot

# Questions the engine may find unclear; the first it answers with suggestions is used, so the
# test keeps working while the matcher is tuned.
VAGUE = ["Kielce współpraca zagraniczna", "miasta", "umowy", "współpraca Kielc", "Kielce info"]


def _messages(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _button(call: Call, text: str) -> str:
    return str(next(b["callback_data"] for b in call.buttons() if b["text"] == text))


@pytest.mark.parametrize(
    ("question", "user", "title"),
    [
        pytest.param(
            "Jakie miasta partnerskie mają Kielce?", PL_USER, t("pl", "partners.title"), id="pl"
        ),
        pytest.param(
            "Which are Kielce's partner cities?", EN_USER, t("en", "partners.title"), id="en"
        ),
        pytest.param("Od kiedy Gotha jest miastem partnerskim?", PL_USER, "Gotha", id="pl-city"),
    ],
)
async def test_free_text_is_answered_in_its_language(
    bot: Bot, question: str, user: dict[str, Any], title: str
) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(question, user=user)))
    assert reply.text.startswith(f"<b>{escape(title)}")
    assert reply.params["parse_mode"] == "HTML"
    assert "reply_parameters" not in reply.params, "private answers are not quoted"


async def test_user_text_is_escaped(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("<b>pogoda</b> & <script>")))
    assert "<script>" not in reply.text
    assert "<b>pogoda" not in reply.text


async def test_a_suggestion_button_opens_its_answer(bot: Bot, assistant: Assistant) -> None:
    question = next((q for q in VAGUE if assistant.ask(q, "pl").outcome == "suggest"), None)
    assert question, f"none of {VAGUE} gets suggestions any more: add a question that does"
    expected = assistant.ask(question, "pl")
    (reply,) = _messages(await bot.send(bot.api.message(question)))
    buttons = reply.buttons()
    assert [b["text"] for b in buttons[: len(expected.suggestions)]] == [
        s.title for s in expected.suggestions
    ]
    first = expected.suggestions[0]
    calls = await bot.send(bot.api.press(buttons[0]["callback_data"], on=reply))
    assert calls[0].method == "answerCallbackQuery"
    opened = assistant.open(first.entry, "pl", city=first.city, country=first.country)
    # The "did you mean" message becomes the answer chosen.
    edited = next(c for c in calls if c.method == "editMessageText")
    assert int(edited.params["message_id"]) == reply.result["message_id"]
    assert edited.text.startswith(f"<b>{escape(opened.title or '')}")


async def test_related_questions_are_buttons(bot: Bot, assistant: Assistant) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/city gotha")))
    related = assistant.open("city-card", "pl", city="gotha").related
    assert related
    assert {f"→ {r.title}" for r in related} <= {b["text"] for b in reply.buttons()}


async def test_votes_are_stored_and_shown(bot: Bot) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/contact")))
    up, down = _button(reply, "👍"), _button(reply, "👎")
    answer_id = int(up.split("|")[1])

    calls = await bot.send(bot.api.press(up, on=reply))
    assert calls[0].method == "answerCallbackQuery"
    assert calls[0].params["text"] == t("pl", "tg.feedback.thanks")
    edited = next(c for c in calls if c.method == "editMessageReplyMarkup")
    labels = [b["text"] for row in edited.json("reply_markup")["inline_keyboard"] for b in row]
    assert "👍 ✓" in labels
    assert "👎" in labels
    voter = bot.store.pseudonyms.of
    assert bot.store.votes(answer_id) == {voter(f"telegram:{PL_USER['id']}"): 1}

    await bot.send(bot.api.press(down, on=reply))
    assert bot.store.votes(answer_id) == {voter(f"telegram:{PL_USER['id']}"): -1}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("o|pl|no-such-entry|", id="unknown-entry"),
        pytest.param("o|pl|city-card|atlantis", id="unknown-city"),
        pytest.param("f|999999|+", id="unknown-answer"),
        pytest.param("f|1|x", id="forged-vote"),
        pytest.param("v1:open:gotha", id="old-format"),
    ],
)
async def test_a_stale_or_forged_button_has_expired_and_changes_nothing(
    bot: Bot, data: str
) -> None:
    (reply,) = _messages(await bot.send(bot.api.message("/contact")))
    calls = await bot.send(bot.api.press(data, on=reply))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == t("pl", "tg.expired")
    assert bot.store.votes(999999) == {}


async def test_an_edited_question_is_answered_again(bot: Bot) -> None:
    update = bot.api.message("Od kiedy Gotha jest miastem partnerskim?", edited=True)
    replies = _messages(await bot.send(update))
    assert "Gotha" in replies[0].text
    quoted = replies[0].json("reply_parameters")
    assert quoted["message_id"] == update["edited_message"]["message_id"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            id="sticker",
        ),
        pytest.param(
            {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]},
            id="photo",
        ),
        pytest.param(
            {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}}, id="voice"
        ),
        pytest.param({"document": {"file_id": "d", "file_unique_id": "d"}}, id="file"),
        pytest.param({"location": {"latitude": 50.87, "longitude": 20.63}}, id="location"),
    ],
)
async def test_non_text_messages_get_a_short_note(bot: Bot, content: dict[str, Any]) -> None:
    (reply,) = _messages(await bot.send(bot.api.message(**content)))
    assert reply.text == t("pl", "tg.text_only")
    assert await bot.send(bot.api.message(chat=GROUP, **content)) == [], "silent in groups"


# Groups --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Od kiedy Gotha jest miastem partnerskim?", id="chatter"),
        pytest.param("/partners@SomeOtherBot", id="another-bots-command"),
        pytest.param("@SomeoneElse gotha", id="another-mention"),
    ],
)
async def test_groups_hear_silence_unless_the_bot_is_addressed(bot: Bot, text: str) -> None:
    assert await bot.send(bot.api.message(text, chat=GROUP)) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("/city Gotha", id="command"),
        pytest.param("/city@KielceTestBot Gotha", id="addressed-command"),
        pytest.param("@KielceTestBot Od kiedy Gotha jest miastem partnerskim?", id="mention"),
        pytest.param("@kielcetestbot gotha", id="mention-any-case"),
    ],
)
async def test_groups_get_answers_when_the_bot_is_addressed(bot: Bot, text: str) -> None:
    update = bot.api.message(text, chat=GROUP)
    calls = await bot.send(update)
    (reply,) = _messages(calls)
    assert "Gotha" in reply.text
    assert reply.json("reply_parameters")["message_id"] == update["message"]["message_id"]
    assert not any(c.method == "sendVenue" for c in calls), "the pin waits for its button"
    assert t("pl", "tg.map") in [b["text"] for b in reply.buttons()]


async def test_groups_get_answers_to_replies_to_the_bots_messages(bot: Bot) -> None:
    bots_message = {"message_id": 1, "date": 0, "chat": GROUP, "from": BOT, "text": "…"}
    update = bot.api.message(
        "Od kiedy Gotha jest miastem partnerskim?", chat=GROUP, reply_to_message=bots_message
    )
    (reply,) = _messages(await bot.send(update))
    assert "Gotha" in reply.text


# Inline mode ---------------------------------------------------------------------------------


def _results(calls: list[Call]) -> list[dict[str, Any]]:
    (answered,) = [c for c in calls if c.method == "answerInlineQuery"]
    results: list[dict[str, Any]] = answered.json("results")
    return results


async def test_inline_mode_offers_a_city_card_to_share(bot: Bot) -> None:
    results = _results(await bot.send(bot.api.inline("gotha", user=EN_USER)))
    card = next(r for r in results if r["id"] == "city-card|gotha|en")
    assert card["type"] == "article"
    assert card["title"] == "Gotha (Germany)"
    assert card["input_message_content"]["parse_mode"] == "HTML"
    assert "<b>Gotha (Germany)</b>" in card["input_message_content"]["message_text"]
    (link,) = [b for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert link["url"] == "https://t.me/KielceTestBot?start=city_gotha"


async def test_inline_mode_completes_city_names_as_they_are_typed(bot: Bot) -> None:
    results = _results(await bot.send(bot.api.inline("sandv")))
    assert "city-card|sandviken|pl" in [r["id"] for r in results]


async def test_inline_mode_with_nothing_typed_offers_the_partner_list(bot: Bot) -> None:
    results = _results(await bot.send(bot.api.inline("")))
    assert results[0]["id"] == "partner-cities||pl"
    assert "city-card|gotha|pl" in [r["id"] for r in results]
    texts = [r["input_message_content"]["message_text"] for r in results]
    assert all(telegram_length(text) <= 4096 for text in texts)
