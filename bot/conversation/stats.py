"""The statistics staff read (Telegram's ``/stats``), as plain text: what the question log says."""

from __future__ import annotations

from ..insights import QuestionLog, Usage
from ..knowledge import KnowledgeBase
from ..sentences import t

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
    names = (t(lang, "tg.stats.channel." + (channel or "unknown")) for channel, _ in counts)
    return ", ".join(f"{name} {count}" for name, (_, count) in zip(names, counts, strict=True))


def _cut(text: str) -> str:
    return text if len(text) <= _EXAMPLE else text[: _EXAMPLE - 1] + "…"
