"""The usage report (``run_bot.py report``): one HTML file with its charts embedded as PNGs.

For the knowledge base's authors: how much the bot is asked, about which topics, and, above
all, what it could not answer (declined, or only "did you mean" suggestions), grouped by
similarity, largest group first: the answers to add next. The charts are drawn with
matplotlib's Agg renderer (no display needed) and embedded as ``data:`` URIs, so the file can
be mailed or opened anywhere on its own.

matplotlib (with numpy, pillow and fontTools, about 165 MB) is the optional ``report`` extra,
left out of the bot's lean image: without it the report is written with its tables and a note
where the charts would be (:data:`NO_CHARTS`), never a traceback.
"""

from __future__ import annotations

import base64
import importlib
import io
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..knowledge import KnowledgeBase
from .groups import QuestionGroup
from .stats import UNANSWERED, Usage

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "NO_CHARTS",
    "ReportSummary",
    "charts_available",
    "render_report",
    "topic_counts",
    "write_report",
]

DECLINED = "(declined)"
SUGGESTED = "(suggestions only)"
_GROUPS = 50  # unanswered groups listed; the rest are summed up
_COLOUR = "#1f5fa8"
_GREY = "#9a9a9a"  # questions without an answer
NO_CHARTS = (
    "Charts left out: matplotlib is not installed. Install the report extra "
    '(pip install ".[report]" in a checkout), or use the image built with '
    "--build-arg EXTRAS=postgres,report; see docs/deployment.md."
)


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    questions: int
    groups: int  # groups of unanswered questions
    charts: bool  # False: matplotlib is missing, the report has its tables only


def write_report(usage: Usage, knowledge: KnowledgeBase, out: Path) -> ReportSummary:
    """Write the report of ``usage`` to ``out`` (its folder is created)."""
    groups = usage.unanswered(UNANSWERED)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(usage, knowledge, groups), encoding="utf-8")
    return ReportSummary(out, len(usage.rows), len(groups), charts_available())


def charts_available() -> bool:
    """Whether matplotlib (the ``report`` extra) can be imported."""
    try:
        importlib.import_module("matplotlib")
    except ImportError:
        return False
    return True


def topic_counts(usage: Usage, knowledge: KnowledgeBase) -> list[tuple[str, int]]:
    """Questions per knowledge-base topic, most first; unanswered ones under their outcome."""
    counts: Counter[str] = Counter()
    for row in usage.rows:
        if row.outcome == "decline":
            counts[DECLINED] += 1
        elif row.outcome == "suggest":
            counts[SUGGESTED] += 1
        else:
            entry = knowledge.entries.get(row.entry or "")
            counts[entry.topic if entry else "(entry no longer in the knowledge base)"] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def render_report(
    usage: Usage, knowledge: KnowledgeBase, groups: list[QuestionGroup] | None = None
) -> str:
    groups = usage.unanswered(UNANSWERED) if groups is None else groups
    outcomes = usage.outcomes
    total = len(usage.rows)
    period = f"{usage.first_day.isoformat()} – {usage.last_day.isoformat()}"
    feedback = usage.feedback
    facts = [
        ("Period (UTC days)", period),
        ("Questions and commands answered", str(total)),
        ("Different people (pseudonyms)", str(usage.askers)),
        ("Answered", _share(outcomes.get("answer", 0), total)),
        ("Only suggestions (“did you mean”)", _share(outcomes.get("suggest", 0), total)),
        ("Declined", _share(outcomes.get("decline", 0), total)),
        (
            "Feedback",
            f"👍 {usage.up} · 👎 {usage.down}"
            + (f" ({feedback:.0%} positive)" if feedback is not None else ""),
        ),
        ("Rows lost while the database was away (ever)", str(usage.dropped)),
    ]
    if charts_available():
        topics = topic_counts(usage, knowledge)
        charts = [
            _image(
                _bar_chart(
                    [day.strftime("%m-%d") for day, _ in usage.per_day],
                    [n for _, n in usage.per_day],
                    title="Questions per day",
                    vertical=True,
                ),
                "Questions per day",
            ),
            _image(
                _bar_chart(
                    [name for name, _ in topics],
                    [n for _, n in topics],
                    title="Questions by topic",
                    vertical=False,
                    colours=[
                        _GREY if name in (DECLINED, SUGGESTED) else _COLOUR for name, _ in topics
                    ],
                ),
                "Questions by topic",
            ),
        ]
    else:
        charts = [f"<p class=note>{escape(NO_CHARTS)}</p>"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Kielce bot: usage report {escape(period)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Kielce international cooperation bot: usage {escape(period)}</h1>",
        f"<p class=note>Made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC from the question log. "
        "It holds no names or Telegram ids: people appear only as pseudonyms.</p>",
        "<table class=facts>",
        *(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts),
        "</table>",
        *charts,
        "<h2>Unanswered questions, grouped</h2>",
        "<p>Questions the bot declined or answered only with suggestions, similar wordings "
        "together, the largest group first: the answers worth adding next.</p>",
        _groups_table(groups),
        "<h2>Answers given most often</h2>",
        _entries_table(usage, knowledge),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else str(part)


def _groups_table(groups: list[QuestionGroup]) -> str:
    if not groups:
        return "<p>None: every question in this period was answered.</p>"
    rows = [
        f"<tr><td class=n>{g.count}</td><td>"
        + "<br>".join(f"„{escape(example)}”" for example in g.examples)
        + "</td></tr>"
        for g in groups[:_GROUPS]
    ]
    rest = groups[_GROUPS:]
    if rest:
        rows.append(
            f"<tr><td class=n>{sum(g.count for g in rest)}</td>"
            f"<td>… and {len(rest)} smaller groups</td></tr>"
        )
    return (
        "<table class=groups><tr><th>Questions</th><th>Examples</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _entries_table(usage: Usage, knowledge: KnowledgeBase) -> str:
    top = usage.top_entries(20)
    if not top:
        return "<p>None in this period.</p>"
    rows = []
    for entry_id, count in top:
        entry = knowledge.entries.get(entry_id)
        title = entry.title.pl if entry else "(no longer in the knowledge base)"
        topic = entry.topic if entry else ""
        rows.append(
            f"<tr><td class=n>{count}</td><td><code>{escape(entry_id)}</code></td>"
            f"<td>{escape(title)}</td><td>{escape(topic)}</td></tr>"
        )
    return (
        "<table><tr><th>Answers</th><th>Entry</th><th>Title</th><th>Topic</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{escape(alt)}"></p>'


def _bar_chart(
    labels: list[str],
    values: list[int],
    *,
    title: str,
    vertical: bool,
    colours: list[str] | None = None,
) -> bytes:
    """A bar chart as PNG bytes, drawn without pyplot (no global state, no display)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    height = 3.2 if vertical else max(2.0, 0.45 * len(labels) + 1.0)
    figure: Figure = Figure(figsize=(9, height), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title)
    if not labels:
        axes.text(0.5, 0.5, "no questions in this period", ha="center", va="center")
        axes.set_axis_off()
    elif vertical:
        axes.bar(range(len(values)), values, color=_COLOUR)
        step = max(1, len(labels) // 20)  # at most about 20 readable dates
        axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        positions = range(len(values))
        axes.barh(positions, values, color=colours or _COLOUR)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()  # the largest on top
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #666; } img { max-width: 100%; }
"""
