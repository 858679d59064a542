"""Loading and validating the knowledge folder: every kind of error names its file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.errors import KnowledgeError
from bot.knowledge import MIN_QUESTIONS, load_knowledge
from bot.registry.files import load_registry_files
from bot.views import VIEWS

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def load_all(folder: Path) -> None:
    knowledge = load_knowledge(folder)
    load_registry_files(folder / "registry", knowledge.sources)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_all(folder)
    return [str(p) for p in caught.value.problems]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_knowledge_is_valid() -> None:
    knowledge = load_knowledge(KNOWLEDGE)
    registry = load_registry_files(KNOWLEDGE / "registry", knowledge.sources)
    assert len(knowledge.entries) >= 20
    for entry in knowledge.entries.values():
        assert len(entry.questions["pl"]) >= MIN_QUESTIONS
        assert len(entry.questions["en"]) >= MIN_QUESTIONS
        assert (entry.view is None) == (entry.answer is not None)
    assert {"vinnytsia", "gotha", "orange", "budapest-csepel"} <= set(registry.cities)


def test_every_registry_fact_cites_a_known_source() -> None:
    knowledge = load_knowledge(KNOWLEDGE)
    registry = load_registry_files(KNOWLEDGE / "registry", knowledge.sources)
    for city in registry.cities.values():
        assert city.status_source in knowledge.sources
        for fact in city.facts:
            assert fact.source in knowledge.sources
            assert fact.confidence in ("high", "medium", "low")


def test_bad_yaml_names_file_and_line(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "bot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  - id: [unclosed")
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = problems_of(knowledge_copy)
    assert any(p.startswith(f"{path}:") and "invalid YAML" in p for p in problems), problems


def test_missing_language_is_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "page.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    answer:")
    en = text.index("      en:", start)
    end = text.index("\n    source:", en)
    path.write_text(text[:en] + text[end + 1 :], encoding="utf-8")
    problems = problems_of(knowledge_copy)
    assert any(str(path) in p and "'en' is missing" in p for p in problems), problems


def test_duplicate_id_is_reported_with_both_places(knowledge_copy: Path) -> None:
    replace_in(knowledge_copy / "entries" / "bot.yaml", "id: about-bot", "id: sources")
    problems = problems_of(knowledge_copy)
    assert any("duplicate id 'sources'" in p and "first at" in p for p in problems), problems


def test_unknown_related_id_is_reported(knowledge_copy: Path) -> None:
    replace_in(knowledge_copy / "entries" / "bot.yaml", "related: [about-bot", "related: [no-such")
    problems = problems_of(knowledge_copy)
    assert any("unknown entry 'no-such'" in p for p in problems), problems


def test_unknown_view_is_reported(knowledge_copy: Path) -> None:
    replace_in(knowledge_copy / "entries" / "bot.yaml", "view: sources", "view: horoscope")
    problems = problems_of(knowledge_copy)
    assert any("unknown registry view 'horoscope'" in p for p in problems), problems


def test_unknown_source_in_registry_is_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "registry" / "cities.yaml"
    replace_in(path, "status_source: um-kielce-en", "status_source: rumour")
    problems = problems_of(knowledge_copy)
    assert any(p.startswith(f"{path}:") and "'rumour'" in p for p in problems), problems


def test_too_few_phrasings_are_reported(knowledge_copy: Path) -> None:
    path = knowledge_copy / "entries" / "extra.yaml"
    path.write_text(
        "entries:\n  - id: tiny\n    topic: t\n    title: {pl: a, en: b}\n"
        "    questions: {pl: [jedno], en: [one]}\n    answer: {pl: a, en: b}\n"
        "    source: bip-wspolpraca\n",
        encoding="utf-8",
    )
    problems = problems_of(knowledge_copy)
    assert any(f"{path}:" in p and f"at least {MIN_QUESTIONS}" in p for p in problems), problems


def test_kb_validate_command_exit_codes(knowledge_copy: Path) -> None:
    def validate(folder: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(PROJECT_ROOT / "run_bot.py"), "kb", "validate"],
            env={"KNOWLEDGE_DIR": str(folder), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )

    good = validate(KNOWLEDGE)
    assert good.returncode == 0, good.stderr
    assert "OK" in good.stdout
    replace_in(knowledge_copy / "entries" / "bot.yaml", "view: sources", "view: horoscope")
    bad = validate(knowledge_copy)
    assert bad.returncode == 1
    assert str(knowledge_copy / "entries" / "bot.yaml") + ":" in bad.stderr


def test_every_view_the_loader_accepts_has_one_method_of_the_composer() -> None:
    from bot.answers import _COMPOSERS

    # bot.answers refuses to import otherwise; this says why.
    assert set(_COMPOSERS) == set(VIEWS.values())
