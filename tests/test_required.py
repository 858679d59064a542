"""The entries the code opens by id are declared once, and a knowledge base without one is
refused at load (``kb validate``, start-up, ``/reload``) with the file and line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.config import PROJECT_ROOT
from bot.errors import KnowledgeError
from bot.knowledge import load_knowledge
from bot.registry.files import load_registry_files
from bot.required import CITED, CONTACT_ITEMS, ENTRIES, MISSIONS, MISSIONS_SUMMARY

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [str(p) for p in caught.value.problems]


def test_the_shipped_knowledge_has_every_required_entry() -> None:
    entries = load_knowledge(KNOWLEDGE).entries
    assert {ident: entries[ident].view for ident in ENTRIES} == {
        ident: required.view for ident, required in ENTRIES.items()
    }


def test_a_renamed_required_entry_is_refused_at_its_file_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "bot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip() == "- id: about-bot")
    renamed = "".join(lines).replace("about-bot", "about-the-bot")
    path.write_text(renamed, encoding="utf-8")
    [problem] = _problems(knowledge_copy)
    assert problem.startswith(f"{path}:{number + 1}: ")
    assert "'about-bot'" in problem
    assert "/help" in problem


def test_a_required_entry_with_another_view_is_refused(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "bot.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("view: help", "view: sources", 1), encoding="utf-8")
    [problem] = _problems(knowledge_copy)
    assert str(path) in problem
    assert "'about-bot' must show the view 'help'" in problem


def test_a_missing_entry_with_no_namesake_names_the_entries_folder(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "bot.yaml"
    text = path.read_text(encoding="utf-8")
    renamed = text.replace("about-bot", "about-the-bot").replace("view: help", "", 1)
    path.write_text(renamed, encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert any(
        p.startswith(f"{knowledge_copy / 'entries'}: ") and "'about-bot'" in p for p in problems
    ), problems


def test_a_source_the_composer_cites_is_required_in_sources_yaml(knowledge_copy: Path) -> None:
    path = knowledge_copy / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: bip-wspolpraca", "id: bip-cooperation"), encoding="utf-8")
    problems = _problems(knowledge_copy)
    cited = [p for p in problems if "cites the source 'bip-wspolpraca'" in p]
    assert len(cited) == 1, problems
    assert cited[0].startswith(f"{path}: ")


def test_every_source_the_composer_cites_is_shipped() -> None:
    sources = load_knowledge(KNOWLEDGE).sources
    assert set(CITED) <= set(sources)


def test_an_office_item_the_contact_answers_name_is_required(knowledge_copy: Path) -> None:
    path = knowledge_copy / "registry" / "office.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: coi-email", "id: investor-email"), encoding="utf-8")
    knowledge = load_knowledge(knowledge_copy)
    with pytest.raises(KnowledgeError) as caught:
        load_registry_files(knowledge_copy / "registry", knowledge.sources)
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}: ")
    assert "'coi-email'" in problem


def test_every_office_item_the_contact_answers_name_is_shipped() -> None:
    knowledge = load_knowledge(KNOWLEDGE)
    office = load_registry_files(KNOWLEDGE / "registry", knowledge.sources).office
    assert {i for ids in CONTACT_ITEMS.values() for i in ids} <= {item.id for item in office}


def test_a_registry_without_the_missions_summary_is_refused_naming_its_file(
    knowledge_copy: Path,
) -> None:
    path = knowledge_copy / "registry" / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"id: {MISSIONS_SUMMARY}", "id: missions-summary"), "utf-8")
    knowledge = load_knowledge(knowledge_copy)
    with pytest.raises(KnowledgeError) as caught:
        load_registry_files(knowledge_copy / "registry", knowledge.sources)
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}: ")
    assert repr(MISSIONS_SUMMARY) in problem


def test_the_missions_answer_opens_with_the_summary(assistant: Assistant) -> None:
    answer = assistant.open(MISSIONS, "pl")
    summary = next(m for m in assistant.brain.registry.missions if m.id == MISSIONS_SUMMARY)
    assert answer.summary.startswith(summary.text.pl[:40])
