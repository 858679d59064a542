"""The one set of rules: what loads can be shown, and the YAML checker and staff edits agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answers import format_date
from bot.errors import KnowledgeError, Problem
from bot.knowledge import load_knowledge
from bot.languages import LANGUAGES
from bot.registry.files import load_registry_files
from bot.rules import FIRST_YEAR, LAST_YEAR, is_date, is_id, is_url
from bot.validation import Checker


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        pytest.param("2024", True, id="year"),
        pytest.param("2024-02", True, id="month"),
        pytest.param("2024-02-29", True, id="leap-day"),
        pytest.param("2023-02-29", False, id="no-leap-day"),
        pytest.param("2024-13", False, id="month-13"),
        pytest.param("2023-13-40", False, id="month-13-day-40"),
        pytest.param("2023-00", False, id="month-0"),
        pytest.param("24-02-01", False, id="short-year"),
        pytest.param("17.05.2024", False, id="dotted"),
        pytest.param("3024", False, id="far-future"),
        pytest.param("", False, id="empty"),
    ],
)
def test_dates(text: str, valid: bool) -> None:
    assert is_date(text) is valid


def _checked(value: object) -> tuple[str | None, list[Problem]]:
    problems: list[Problem] = []
    return Checker(Path("x.yaml"), problems).date({"date": value}), problems


def _every_accepted_date() -> list[str]:
    """Every year, month and day of the range the rules allow, in each precision."""
    texts = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        texts.append(f"{year}")
        for month in range(1, 13):
            texts.append(f"{year}-{month:02d}")
    day = dt.date(FIRST_YEAR, 1, 1)
    while day.year <= LAST_YEAR:
        texts.append(day.isoformat())
        day += dt.timedelta(days=1)
    return texts


def test_every_date_the_loader_accepts_formats_in_both_languages() -> None:
    for text in _every_accepted_date():
        accepted, problems = _checked(text)
        assert accepted == text, problems
        for lang in LANGUAGES:
            assert format_date(text, lang), (text, lang)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2023-13-40", id="month-13-day-40"),
        pytest.param("2023-02-30", id="february-30"),
        pytest.param("0999", id="year-999"),
        pytest.param(dt.date(1700, 1, 1), id="yaml-date-too-early"),
        pytest.param(20230101, id="number"),
    ],
)
def test_the_yaml_checker_refuses_what_cannot_be_shown(value: object) -> None:
    accepted, problems = _checked(value)
    assert accepted is None
    assert len(problems) == 1
    assert "real date" in problems[0].message


def test_an_impossible_date_in_a_seed_file_is_refused_with_file_and_line(
    knowledge_copy: Path,
) -> None:
    path = knowledge_copy / "registry" / "cities.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if 'date: "1958"' in line)
    lines[number] = lines[number].replace('"1958"', '"2023-13-40"')
    path.write_text("".join(lines), encoding="utf-8")
    sources = load_knowledge(knowledge_copy).sources
    with pytest.raises(KnowledgeError) as raised:
        load_registry_files(knowledge_copy / "registry", sources)
    [problem] = raised.value.problems
    assert problem.path == path
    assert problem.line == number + 1
    assert "'date'" in problem.message
    assert "2023-13-40" in problem.message


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        pytest.param("gotha", True, id="word"),
        pytest.param("fr-jean-dupont-2", True, id="hyphens"),
        pytest.param("-gotha", False, id="leading-hyphen"),
        pytest.param("Gotha", False, id="capital"),
        pytest.param("a" * 101, False, id="too-long"),
    ],
)
def test_ids(text: str, valid: bool) -> None:
    assert is_id(text) is valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        pytest.param("https://www.kielce.eu/", True, id="https"),
        pytest.param("ftp://kielce.eu/file", False, id="ftp"),
        pytest.param("https://kielce.eu/a b", False, id="space"),
        pytest.param("https://x", False, id="too-short"),
    ],
)
def test_urls(text: str, valid: bool) -> None:
    assert is_url(text) is valid
