"""/stats: the question log's figures for the office's staff, a refusal for everyone else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import unescape

import pytest

from bot.assistant import Assistant
from bot.config import Settings
from bot.sentences import t
from tests.telegram.fake_bot_api import EN_USER, PL_USER, Call, FakeBotApi
from tests.telegram.harness import running_bot

STAFF = frozenset({PL_USER["id"]})


def _answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


def _texts(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.ok]


@pytest.mark.parametrize("command", ["/stats", "/statystyki"])
async def test_staff_see_the_figures(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings, command: str
) -> None:
    async with running_bot(api, assistant, bot_settings, admin_ids=STAFF) as bot:
        (gotha,) = [
            c
            for c in await bot.send(api.message("Od kiedy Gotha jest miastem partnerskim?"))
            if c.method == "sendMessage"
        ]
        for question in ("jaka jest pogoda w kielcach", "pogoda w kielcach jutro", "/contact"):
            (last,) = _answers(await bot.send(api.message(question, user=EN_USER)))
        up = next(b["callback_data"] for b in gotha.buttons() if b["text"] == "👍")
        their_up = next(b["callback_data"] for b in last.buttons() if b["text"] == "👍")
        await bot.send(
            api.press(up, on=gotha),
            api.press(up, on=gotha, user=EN_USER),  # not their answer: refused
            api.press(their_up, on=last, user=EN_USER),
        )
        (html,) = _texts(await bot.send(api.message(command)))
    assert html.startswith("<pre>")
    assert html.endswith("</pre>")
    lines = unescape(html.removeprefix("<pre>").removesuffix("</pre>")).splitlines()
    today = datetime.now(UTC).date()
    first = (today - timedelta(days=13)).isoformat()
    assert lines[0] == t("pl", "tg.stats.title", days="14", first=first, last=today.isoformat())
    assert t("pl", "tg.stats.total", questions="4", people="2") in lines
    telegram = t("pl", "tg.stats.channel.telegram")
    assert lines[lines.index(t("pl", "tg.stats.total", questions="4", people="2")) + 1] == t(
        "pl", "tg.stats.channels", channels=f"{telegram} 4"
    )
    per_day = lines[lines.index(t("pl", "tg.stats.per_day")) + 1 :]
    per_day = per_day[: per_day.index("")]
    assert [line.split()[:2] for line in per_day] == [[f"{today:%m-%d}", "4"]], "no empty days"
    top = lines[lines.index(t("pl", "tg.stats.top")) + 1 :]
    titles = assistant.brain.knowledge.entries
    assert top[0].split(maxsplit=1) == ["1", titles["city-card"].title.pl]
    unanswered = lines[lines.index(t("pl", "tg.stats.unanswered")) + 1]
    assert unanswered.split(maxsplit=1)[0] == "2"
    assert "pogoda" in unanswered
    assert t("pl", "tg.stats.feedback", up="2", down="0", share="100%") in lines
    assert lines[-1] == t("pl", "tg.stats.log", pending="0", dropped="0")


async def test_everyone_else_is_refused(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings, admin_ids=STAFF) as bot:
        assert _texts(await bot.send(api.message("/stats", user=EN_USER))) == [
            t("en", "admin.refused")
        ]


async def test_without_staff_configured_nobody_sees_them(
    api: FakeBotApi, assistant: Assistant, bot_settings: Settings
) -> None:
    async with running_bot(api, assistant, bot_settings) as bot:
        assert _texts(await bot.send(api.message("/stats"))) == [t("pl", "admin.refused")]
