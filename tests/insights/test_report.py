"""``run_bot.py report``: an HTML file with PNG charts, made from a seeded question log."""

from __future__ import annotations

import base64
import io
import re
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine

from bot.cli import main
from bot.config import PROJECT_ROOT
from tests.insights.logdata import seed_log

PNG = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs)["src"] or "")
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def report_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(PROJECT_ROOT / "knowledge"))


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _pngs(page: _Page) -> list[Image.Image]:
    images = []
    for src in page.images:
        prefix = "data:image/png;base64,"
        assert src.startswith(prefix)
        data = base64.b64decode(src.removeprefix(prefix), validate=True)
        assert data.startswith(PNG)
        image = Image.open(io.BytesIO(data))
        image.verify()
        images.append(Image.open(io.BytesIO(data)))
    return images


@pytest.mark.usefixtures("report_env")
def test_the_report_groups_unanswered_questions_and_charts_the_log(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    day = timedelta(days=1)
    seed_log(
        engine,
        [
            (now - 40 * day, "pogoda dawno temu", "decline", None),
            (now - 3 * day, "miasta partnerskie kielc", "answer", "partner-cities"),
            (now - 3 * day, "gotha", "answer", "city-card"),
            (now - 2 * day, "pogoda w kielcach", "decline", None),
            (now - 2 * day, "Jaka jest pogoda w Kielcach?", "decline", None),
            (now - day, "pogoda kielce <jutro>", "decline", None),
            (now - day, "rozkład autobusów", "suggest", None),
            (now - day, "autobusy w kielcach", "decline", None),
            (now, "kontakt z biurem", "answer", "office-contact"),
            (now, "godziny otwarcia urzędu", "suggest", None),
        ],
        votes={1: [1, 1, -1]},
        asker="pseudonym-of-someone",
    )
    out = tmp_path / "reports" / "usage.html"
    assert main(["report", "--out", str(out), "--days", "14"]) == 0
    printed = capsys.readouterr().out
    assert f"Wrote {out}: 9 questions" in printed
    assert "3 groups of unanswered questions" in printed

    html = out.read_text(encoding="utf-8")
    page = _read(out)
    groups = [
        (int(page.cells[i]), page.cells[i + 1])
        for i in range(len(page.cells) - 1)
        if page.cells[i].isdigit() and "„" in page.cells[i + 1]
    ]
    assert [count for count, _ in groups] == [3, 2, 1]
    assert "„pogoda w kielcach”" in groups[0][1]
    assert "„pogoda kielce <jutro>”" in groups[0][1], "escaped in the HTML, intact on the page"
    assert "&lt;jutro&gt;" in html
    assert "autobus" in groups[1][1]
    assert groups[2][1] == "„godziny otwarcia urzędu”"
    assert "pogoda dawno temu" not in html, "older than --days"
    assert "pseudonym-of-someone" not in html
    assert "👍 2 · 👎 1 (67% positive)" in html

    charts = _pngs(page)
    assert len(charts) == 2
    assert all(chart.width >= 600 and chart.height >= 150 for chart in charts)


@pytest.mark.usefixtures("report_env")
def test_the_report_of_an_empty_log_is_still_a_report(engine: Engine, tmp_path: Path) -> None:
    out = tmp_path / "empty.html"
    assert main(["report", "--out", str(out)]) == 0
    page = _read(out)
    assert len(_pngs(page)) == 2
    assert "every question in this period was answered" in out.read_text(encoding="utf-8")


@pytest.mark.usefixtures("report_env")
def test_the_report_refuses_a_database_without_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--out", str(tmp_path / "r.html")]) == 1
    assert "python run_bot.py db upgrade" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("days", ["0", "-3", "x"])
def test_days_must_be_a_positive_number(days: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--days", days])
    assert re.search(r"a number of days, 1 or more", capsys.readouterr().err)


@pytest.mark.usefixtures("report_env")
def test_without_matplotlib_the_report_keeps_its_tables_and_says_why_charts_are_missing(
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As in the default image, which leaves the ``report`` extra out."""
    seed_log(engine, [(datetime.now(UTC), "pogoda w kielcach", "decline", None)])
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib: ImportError
    out = tmp_path / "tables-only.html"
    assert main(["report", "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert f"Wrote {out}: 1 questions" in printed.out
    assert "Warning: Charts left out: matplotlib is not installed" in printed.err
    assert 'pip install ".[report]"' in printed.err
    page = _read(out)
    assert page.images == []
    assert "„pogoda w kielcach”" in page.cells
    assert "Charts left out: matplotlib is not installed" in out.read_text(encoding="utf-8")
