"""The Dockerfile and .dockerignore, checked without a Docker engine."""

from __future__ import annotations

import re
import tomllib

import pytest

from bot.config import PROJECT_ROOT
from tests.deployment.dockerfile import dockerignore_excludes, stages

FINAL = stages()[-1]


def test_the_image_runs_as_an_unprivileged_user() -> None:
    user = FINAL.last("USER")
    assert user is not None, "the final stage must set USER"
    name = user.arguments.split(":")[0]
    assert name not in ("root", "0"), user.arguments
    # The user is made in this stage, with a fixed uid that volumes can be chowned to.
    assert any(
        "useradd --system --uid 10001 --gid bot" in " ".join(r.arguments.split())
        for r in FINAL.all("RUN")
    ), "the user bot (uid 10001) is created"
    assert name == "bot"


def test_every_stage_starts_from_a_pinned_debian_release() -> None:
    for stage in stages():
        assert re.fullmatch(
            r"python:3\.11-slim-(bookworm|trixie)(@sha256:[0-9a-f]{64})?", stage.base
        ), f"{stage.base}: name the Debian release, so that a new one is a decision"


def test_the_image_exposes_the_http_port_and_is_labelled() -> None:
    exposed = {port for e in FINAL.all("EXPOSE") for port in e.arguments.split()}
    assert {"8080", "8000"} <= exposed, "the webhook's port and the web chat's"
    labels = " ".join(label.arguments for label in FINAL.all("LABEL"))
    for key in ("title", "description", "version", "revision", "licenses", "base.name"):
        assert f"org.opencontainers.image.{key}=" in labels


def test_the_health_check_is_the_bots_own_liveness_command() -> None:
    health = FINAL.last("HEALTHCHECK")
    assert health is not None
    options, _, command = health.arguments.partition("CMD")
    assert "--interval=" in options
    assert "--timeout=" in options
    assert command.strip().startswith("[")  # exec form: no shell needed in the image
    assert re.search(r'"run_bot.py",\s*"health"', command)


def test_dependencies_are_installed_before_the_code_is_copied() -> None:
    build = stages()[0]
    copies = [i.arguments for i in build.all("COPY")]
    assert copies == ["pyproject.toml ./"], "only pyproject.toml reaches the dependency layer"
    install = build.last("RUN")
    assert install is not None
    assert "--mount=type=cache,target=/root/.cache/pip" in install.arguments
    assert "pip uninstall --yes pip setuptools" in install.arguments
    final_copies = [i.arguments for i in FINAL.all("COPY")]
    assert final_copies.index("--from=build /opt/venv /opt/venv") < final_copies.index("bot ./bot")


def test_the_default_image_leaves_the_report_charts_out() -> None:
    build = stages()[0]
    extras = next(i.arguments for i in build.all("ARG") if i.arguments.startswith("EXTRAS="))
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    optional = project["project"]["optional-dependencies"]
    chosen = [r for name in extras.removeprefix("EXTRAS=").split(",") for r in optional[name]]
    heavy = ("matplotlib", "numpy", "pillow", "fonttools")
    for requirement in [*project["project"]["dependencies"], *chosen]:
        assert not requirement.lower().startswith(heavy), requirement
    assert any(r.startswith("matplotlib") for r in optional["report"])
    assert any("report" in r for r in optional["dev"]), "CI (.[dev]) runs the report's tests"


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "run_bot.py",
        "bot/cli.py",
        "bot/registry/migrations/script.py.mako",
        "knowledge/sources.yaml",
        "knowledge/entries/agreements.yaml",
    ],
)
def test_the_build_context_has_what_the_image_needs(path: str) -> None:
    assert not dockerignore_excludes(path)


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        "data/registry.sqlite3",
        "registry.sqlite3",
        "backup-2026-01-01.sqlite3",
        "venv/bin/python",
        ".venv/lib/x.py",
        ".git/config",
        "bot/__pycache__/cli.cpython-311.pyc",
        "tests/test_cli.py",
        "export/csv/cities.csv",
        "report.html",
        "README.md",
    ],
)
def test_the_build_context_leaves_out_everything_else(path: str) -> None:
    assert dockerignore_excludes(path)


def test_every_file_the_dockerfile_copies_is_in_the_build_context() -> None:
    for stage in stages():
        for copy in stage.all("COPY"):
            if copy.arguments.startswith("--from="):
                continue
            *sources, _target = copy.arguments.split()
            for source in sources:
                assert (PROJECT_ROOT / source).exists(), source
                assert not dockerignore_excludes(source), (
                    f"{source} is not in .dockerignore's list"
                )
