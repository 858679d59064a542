"""The first start on a new SQLite database survives being killed at any moment.

A subprocess starts the registry on a fresh file and kills itself (SIGKILL, as the kernel's
OOM killer or a power cut would) right after the n-th statement creating the schema or seeding
it; the next start must create or finish what is missing and work.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.assistant import seed_data
from bot.config import PROJECT_ROOT
from bot.knowledge import load_knowledge
from bot.registry import RegistryDatabase

KNOWLEDGE = PROJECT_ROOT / "knowledge"

FIRST_START = """
import os, signal, sys
from pathlib import Path
from sqlalchemy import event
from bot.assistant import seed_data
from bot.knowledge import load_knowledge
from bot.registry import RegistryDatabase

url, kill_after, knowledge = sys.argv[1], int(sys.argv[2]), load_knowledge(Path(sys.argv[3]))
database = RegistryDatabase(url)
seen = 0

@event.listens_for(database.engine, "after_cursor_execute")
def count(*args):
    global seen
    statement = args[2].lstrip().upper()
    if statement.startswith(("CREATE", "INSERT", "ALTER", "UPDATE")):
        seen += 1
        if seen == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

database.ensure_seeded(lambda: seed_data(knowledge))
print(seen)
"""


def _first_start(url: str, kill_after: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", FIRST_START, url, str(kill_after), str(KNOWLEDGE)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many writing statements a whole first start makes."""
    url = f"sqlite:///{tmp_path_factory.mktemp('whole') / 'bot.sqlite3'}"
    done = _first_start(url, 0)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


@pytest.mark.parametrize("point", [0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
def test_a_first_start_killed_midway_is_finished_by_the_next(
    tmp_path: Path, statements: int, point: float
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    killed = _first_start(url, max(1, int(statements * point)))
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    database = RegistryDatabase(url)
    try:
        database.ensure_seeded(lambda: seed_data(load_knowledge(KNOWLEDGE)))
        database.check_schema()
        assert not database.is_empty()
        assert database.load().cities
    finally:
        database.close()
