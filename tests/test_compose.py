"""compose.yaml and the Dockerfile say only what Tidings understands: every TIDINGS_* they set
is a setting (and is in the README's "Running on several machines"), every command they run is
a tidings command, and the layout is whole (PostgreSQL, Redis, the schema first, web,
scheduler, workers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tidings.cli import app
from tidings.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
README = (ROOT / "README.md").read_text()
SEVERAL = README[README.index("## Running on several machines"):]
SEVERAL = SEVERAL[: SEVERAL.index("\n## ", 1)]


def tidings_variables() -> set[str]:
    found = {name for service in COMPOSE["services"].values()
             for name in service.get("environment", {})}
    found |= set(re.findall(r"\b(TIDINGS_[A-Z_]+)=", DOCKERFILE))
    return {name for name in found if name.startswith("TIDINGS_")}


def test_the_layout_is_whole():
    services = COMPOSE["services"]
    assert {"postgres", "redis", "migrate", "web", "scheduler", "worker"} <= set(services)
    assert services["worker"]["deploy"]["replicas"] >= 2
    for name in ("web", "scheduler", "worker"):  # the schema is there before they start
        after = services[name]["depends_on"]
        assert after["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["web"]["environment"]["TIDINGS_BROKER_URL"].startswith("redis://redis:")


@pytest.mark.parametrize("name", sorted(tidings_variables()))
def test_every_variable_is_a_setting_and_documented(name: str):
    assert name.removeprefix("TIDINGS_").lower() in Settings.model_fields
    assert name in SEVERAL


@pytest.mark.parametrize("service", ["migrate", "web", "scheduler", "worker"])
def test_every_command_is_a_tidings_command(service: str):
    command = COMPOSE["services"][service]["command"]
    assert command[0] == "tidings"
    options = [word for word in command[2:] if word.startswith("--")]
    result = CliRunner().invoke(app, [command[1], "--help"])
    assert result.exit_code == 0, result.output
    assert all(option in result.output for option in options)
