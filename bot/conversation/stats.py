"""The statistics staff read (Telegram's ``/stats``), as plain text: what the question log says."""

from __future__ import annotations

from ..insights import QuestionLog, Usage
from ..knowledge import KnowledgeBase
from ..sentences import t
from .people import CHANNELS

__all__ = ["STATS_DAYS", "stats_text"]

STATS_DAYS = 14
_TOP = 5
_EXAMPLE = 80  # characters of an unanswered question shown


def stats_text(usage: Usage, knowledge: KnowledgeBase, questions: QuestionLog, lang: str) -> str:
    """Questions (per channel and per day), the answers given most, top unanswered questions,
    feedback."""
    entries = knowledge.entries
    none = "  " + t(lang, "tg.stats.none")
    lines = [
        t(
            lang,
            "tg.stats.title",
            days=str(STATS_DAYS),
            first=usage.first_day.isoformat(),
            last=usage.last_day.isoformat(),
        ),
        t(lang, "tg.stats.total", questions=str(len(usage.rows)), people=str(usage.askers)),
        # Where they were asked: the website's chat and Telegram are told apart.
        *(
            [t(lang, "tg.stats.channels", channels=_channels(usage.per_channel, lang))]
            if usage.rows
            else []
        ),
        "",
        t(lang, "tg.stats.per_day"),
        # Days without a question are left out: a fortnight of zeros says nothing.
        *(
            f"  {day:%m-%d}  {count:>4}  {'▇' * min(count, 30)}"
            for day, count in usage.per_day
            if count
        ),
        "",
        t(lang, "tg.stats.top"),
    ]
    top = usage.top_entries(_TOP)
    lines += [
        f"  {count:>4}  {entries[entry].title.get(lang) if entry in entries else entry}"
        for entry, count in top
    ] or [none]
    lines += ["", t(lang, "tg.stats.unanswered")]
    groups = usage.unanswered(("decline",))[:_TOP]
    lines += [f"  {g.count:>4}  „{_cut(g.examples[0])}”" for g in groups] or [none]
    lines.append("")
    if usage.feedback is None:
        lines.append(t(lang, "tg.stats.no_feedback"))
    else:
        share = f"{usage.feedback:.0%}"
        lines.append(
            t(lang, "tg.stats.feedback", up=str(usage.up), down=str(usage.down), share=share)
        )
    lines.append(
        t(
            lang,
            "tg.stats.log",
            pending=str(questions.pending),
            dropped=str(usage.dropped + questions.unsaved_drops),
        )
    )
    return "\n".join(lines)


def _channels(counts: list[tuple[str | None, int]], lang: str) -> str:
    return ", ".join(f"{_channel_name(channel, lang)} {count}" for channel, count in counts)


def _channel_name(channel: str | None, lang: str) -> str:
    if channel is None:
        return t(lang, "tg.stats.channel.unknown")
    # A channel this version does not know (a later one's rows) goes by its own name.
    return t(lang, f"tg.stats.channel.{channel}") if channel in CHANNELS else channel


def _cut(text: str) -> str:
    return text if len(text) <= _EXAMPLE else text[: _EXAMPLE - 1] + "…"
