"""/stats names the channels questions came from: Telegram and the website's chat apart."""

from __future__ import annotations

from bot.conversation.stats import _channels
from bot.sentences import t


def test_channels_are_named_in_the_staffs_language() -> None:
    counts: list[tuple[str | None, int]] = [("telegram", 5), ("web", 2), (None, 1)]
    assert _channels(counts, "pl") == ", ".join(
        [
            f"{t('pl', 'tg.stats.channel.telegram')} 5",
            f"{t('pl', 'tg.stats.channel.web')} 2",
            f"{t('pl', 'tg.stats.channel.unknown')} 1",
        ]
    )
    assert _channels(counts, "en") == "Telegram 5, website chat 2, no channel (older rows) 1"


def test_a_channel_this_version_does_not_know_goes_by_its_own_name() -> None:
    assert _channels([("matrix", 3)], "en") == "matrix 3"
