"""A knowledge folder too large to hold in memory is refused at start-up and by /reload.

The files are valid YAML (the padding is a comment), so only their size is wrong: today's bot
reads them, and a 48 MB file grew it to 1.6 GB.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.assistant import Assistant, start_assistant
from bot.config import Settings
from bot.errors import KnowledgeError
from bot.knowledge import load_knowledge

PADDING_LINE = "# " + "x" * 98 + "\n"


def _pad(path: Path, megabytes: float) -> None:
    lines = int(megabytes * 1e6 / len(PADDING_LINE))
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + PADDING_LINE * lines)


def test_one_file_too_large_is_refused_naming_it_and_the_limit(knowledge_copy: Path) -> None:
    big = knowledge_copy / "entries" / "partners.yaml"
    _pad(big, 3)
    with pytest.raises(KnowledgeError) as raised:
        load_knowledge(knowledge_copy)
    message = str(raised.value)
    assert str(big) in message
    assert "3.0 MB" in message
    assert "at most 2.1 MB" in message


def test_a_folder_too_large_in_all_is_refused(knowledge_copy: Path) -> None:
    for path in sorted((knowledge_copy / "entries").glob("*.yaml"))[:5]:
        _pad(path, 1.9)
    with pytest.raises(
        KnowledgeError, match=r"knowledge folder's YAML is 9\.\d MB; at most 8\.4 MB"
    ):
        load_knowledge(knowledge_copy)


def test_start_up_refuses_it(knowledge_copy: Path, settings: Settings, tmp_path: Path) -> None:
    _pad(knowledge_copy / "entries" / "partners.yaml", 3)
    mine = replace(
        settings,
        knowledge_dir=knowledge_copy,
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    with pytest.raises(KnowledgeError, match="at most"):
        start_assistant(mine)


def test_reload_refuses_it_and_keeps_the_knowledge(
    knowledge_copy: Path, settings: Settings, tmp_path: Path
) -> None:
    mine = replace(
        settings,
        knowledge_dir=knowledge_copy,
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
    )
    assistant, registry = start_assistant(mine)
    try:
        before = assistant.brain
        _pad(knowledge_copy / "entries" / "partners.yaml", 3)
        with pytest.raises(KnowledgeError, match="at most"):
            assistant.reload_knowledge()
        assert assistant.brain is before
        assert assistant.ask("Od kiedy Gotha jest miastem partnerskim?", "pl").city == "gotha"
    finally:
        registry.close()


def test_the_shipped_knowledge_is_far_below_the_limits(assistant: Assistant) -> None:
    assert assistant.brain.knowledge.entries
