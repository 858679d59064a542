"""docker-compose.yml and .env.example, checked without a Docker engine."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from bot.config import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
EXAMPLE = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}; $$ escapes.
_REFERENCE = re.compile(r"(?<!\$)\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?P<how>:?[-?])?[^}]*\}")


def _references(value: Any) -> list[tuple[str, str | None]]:
    """Every variable compose interpolates into ``value``, with how (None: plain, required)."""
    if isinstance(value, dict):
        return [r for k, v in value.items() for r in _references(k) + _references(v)]
    if isinstance(value, list):
        return [r for item in value for r in _references(item)]
    if isinstance(value, str):
        return [(m["name"], m["how"]) for m in _REFERENCE.finditer(value)]
    return []


def _required(service: dict[str, Any]) -> set[str]:
    return {name for name, how in _references(service) if how in (None, "?", ":?")}


def _environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment", {})
    assert isinstance(environment, dict), "environment as a mapping, each variable named"
    return {str(k): str(v) for k, v in environment.items()}


def test_the_stack_is_db_then_migrate_then_bot_and_web() -> None:
    assert set(SERVICES) >= {"db", "migrate", "bot", "web"}
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    bot = SERVICES["bot"]["depends_on"]
    assert bot["migrate"]["condition"] == "service_completed_successfully"
    assert bot["db"]["condition"] == "service_healthy"


def test_the_database_counts_as_healthy_only_when_it_answers_over_tcp() -> None:
    test = " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert "pg_isready" in test
    assert re.search(r"-h\s+(127\.0\.0\.1|localhost)\b", test), test


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_required_variable_is_in_env_example(name: str) -> None:
    for variable in sorted(_required(SERVICES[name])):
        assert re.search(rf"^{variable}=", EXAMPLE, re.MULTILINE), (
            f"{name} needs {variable}: add '{variable}=' to .env.example"
        )


def test_every_variable_compose_reads_is_explained_in_env_example() -> None:
    for variable, _ in _references(COMPOSE):
        assert re.search(rf"^#?\s*{variable}=", EXAMPLE, re.MULTILINE), variable


def test_no_service_gets_the_whole_env_file() -> None:
    for name, service in SERVICES.items():
        assert "env_file" not in service, f"{name}: name the variables it needs instead"


def test_secrets_reach_only_the_services_that_use_them() -> None:
    holders = {
        name: {variable for variable, _ in _references(service)}
        for name, service in SERVICES.items()
    }
    assert {n for n, refs in holders.items() if "TELEGRAM_BOT_TOKEN" in refs} == {"bot"}
    assert {n for n, refs in holders.items() if "WEBHOOK_SECRET" in refs} == {"bot"}
    assert {n for n, refs in holders.items() if "POSTGRES_PASSWORD" in refs} <= {
        "db",
        "migrate",
        "bot",
        "web",
    }
    assert set(_environment(SERVICES["migrate"])) == {"DATABASE_URL", "LOG_LEVEL"}


# Read by a library, not by bot/config.py: uvicorn's trusted proxies.
_LIBRARY_SETTINGS = {"FORWARDED_ALLOW_IPS"}


def test_the_bot_is_given_only_settings_it_reads() -> None:
    config = (PROJECT_ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    for name in ("migrate", "bot", "web"):
        for variable in set(_environment(SERVICES[name])) - _LIBRARY_SETTINGS:
            assert f'"{variable}"' in config, f"{name}: {variable} is no setting of bot/config.py"


def test_the_web_chat_is_served_on_its_port_without_the_telegram_token() -> None:
    web = SERVICES["web"]
    assert web["command"] == ["python", "run_bot.py", "web"]
    environment = _environment(web)
    assert environment["WEB_LISTEN"] == "0.0.0.0"
    assert environment["WEB_PORT"] == "8000"
    assert "127.0.0.1:8000:8000" in web["ports"]
    assert not any(variable.startswith(("TELEGRAM_", "WEBHOOK_")) for variable in environment)
    assert "healthcheck" not in web, "the image's own: run_bot.py health asks its /healthz"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_service_rotates_its_logs_and_says_how_it_restarts() -> None:
    for name, service in SERVICES.items():
        logging = service.get("logging", {})
        assert logging.get("driver") == "json-file", name
        assert logging["options"]["max-size"], name
        assert int(logging["options"]["max-file"]) >= 1, name
        assert service.get("restart") in ("no", "unless-stopped", "always", "on-failure"), name
    assert SERVICES["migrate"]["restart"] == "no", "a failed migration must stop the bot starting"
    assert SERVICES["migrate"]["healthcheck"] == {"disable": True}


def test_every_setting_of_the_bot_reaches_the_bot_container() -> None:
    """A new setting in bot/config.py must be passed by compose and explained in .env.example."""
    config = (PROJECT_ROOT / "bot" / "config.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env(?:\.get\(|, )"([A-Z][A-Z0-9_]+)"', config))
    assert {"TELEGRAM_BOT_TOKEN", "WEBHOOK_PORT", "DATABASE_URL"} <= read, (
        "the pattern still works"
    )
    set_by_the_image = {"KNOWLEDGE_DIR", "DATA_DIR", "CACHE_DIR"}
    passed = set(_environment(SERVICES["bot"])) | set(_environment(SERVICES["web"]))
    assert read - set_by_the_image - passed == set(), "add them to the bot's or web's environment"
    for variable in read:
        assert re.search(rf"^#?\s*{variable}=", EXAMPLE, re.MULTILINE), variable
