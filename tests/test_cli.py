"""The command line, run as a person runs it: a subprocess of run_bot.py."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.config import PROJECT_ROOT


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "run_bot.py"), *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ask_json_gives_one_object_per_question(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "ask", "--json", "Jakie miasta partnerskie mają Kielce?", "pogoda")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["outcome"] == "answer"
    assert first["entry"] == "partner-cities"
    assert first["lang"] == "pl"
    assert "Gotha" in first["answer"]
    assert first["source"]["url"]
    assert second["outcome"] == "decline"
    assert second["entry"] is None


def test_ask_reads_standard_input_line_by_line(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "ask", "--json", "--lang", "en", stdin="Gotha\nwho visited kielce\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == ["Gotha", "who visited kielce"]
    assert records[0]["lang"] == "en"


def test_console_chats_and_ends_at_end_of_input(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "console", stdin="/help\nGotha\n/lang en\nOrange\n/history\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Gotha (Niemcy)" in out
    assert "Orange (France)" in out
    assert "1. Gotha\n2. Orange" in out
    assert out.rstrip().endswith("Goodbye!")


def test_no_token_explains_what_to_do(cli_env: dict[str, str]) -> None:
    result = run(cli_env)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "@BotFather" in result.stderr
    assert "console" in result.stderr


def test_db_seed_is_idempotent_and_export_writes_yaml_and_csv(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    def rows() -> dict[str, int]:
        with sqlite3.connect(tmp_path / "data" / "registry.sqlite3") as db:
            tables = [
                r[0] for r in db.execute("select name from sqlite_master where type='table'")
            ]
            # The audit log records each seeding: it is meant to grow.
            return {
                t: db.execute(f"select count(*) from {t}").fetchone()[0]
                for t in tables
                if t != "audit_log"
            }

    assert run(cli_env, "db", "seed").returncode == 0
    once = rows()
    assert run(cli_env, "db", "seed").returncode == 0
    assert rows() == once
    assert once["cities"] >= 10
    result = run(cli_env, "db", "export", "--out", str(tmp_path / "export"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "export" / "yaml" / "registry" / "cities.yaml").exists()
    csv_text = (tmp_path / "export" / "csv" / "cities.csv").read_text(encoding="utf-8-sig")
    assert "Winnica" in csv_text


def test_asking_writes_nothing_to_the_database(cli_env: dict[str, str], tmp_path: Path) -> None:
    assert run(cli_env, "db", "seed").returncode == 0
    database = tmp_path / "data" / "registry.sqlite3"
    before = database.read_bytes()
    hostile = "'; DROP TABLE cities; --\n<script>x</script>\n" + "a" * 10_000 + "\n"
    assert run(cli_env, "ask", stdin=hostile).returncode == 0
    assert database.read_bytes() == before


def test_console_number_picks_a_suggestion(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "console", stdin="umowy\n2\n")
    assert result.returncode == 0, result.stderr
    assert "Wpisz numer, aby wybrać." in result.stdout
    # The second suggestion's answer, in full, with its source.
    picked = result.stdout.split("Wpisz numer, aby wybrać.", 1)[1]
    assert "Źródło:" in picked


def test_console_reads_a_follow_up_against_the_last_question(cli_env: dict[str, str]) -> None:
    result = run(cli_env, "console", stdin="Gotha\na ile ma mieszkańców?\n")
    assert result.returncode == 0, result.stderr
    # Gotha's population, in the card and again in the follow-up, which alone names no city.
    assert result.stdout.count("46 019") == 2, result.stdout
