"""Who may import whom: the import-linter contracts in pyproject.toml hold for the code.

The second test runs the same contracts, renamed onto a synthetic package that breaks each of
them once, to show that every contract can fail (and one with no breach, that none fails by
mistake).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import tidings

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(tidings.__file__).resolve().parents[1]
LINT = ("import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())")


def lint(config: Path, *, path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(path), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", LINT, str(config), "--no-cache", "--no-logo"],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )


def contracts() -> list[dict[str, Any]]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def test_the_code_keeps_every_import_contract():
    result = lint(ROOT / "pyproject.toml", path=SRC, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


# One import that breaks each contract, in the synthetic package `fake` (a renamed `tidings`).
BREACHES = {
    "model and config import nothing of the project": ("model", "store"),
    "Stages never import storage, the pipeline, readers, the worker or an interface":
        ("enrich", "store"),
    "Storage, search, the pipeline and readers never import the worker or an interface":
        ("readers", "web"),
    "The worker never imports an interface": ("worker", "cli"),
    "Web, API and CLI never import each other": ("web", "api"),
}


def fake_package(root: Path, breach: tuple[str, str] | None) -> None:
    """Every module the contracts name, as empty modules of `fake`, plus one breaching import."""
    names = {"server"}
    for contract in contracts():
        for key in ("source_modules", "forbidden_modules", "modules"):
            names.update(name.removeprefix("tidings.") for name in contract.get(key, ()))
    (root / "fake").mkdir()
    (root / "fake" / "__init__.py").write_text("")
    for name in names:
        (root / "fake" / name).mkdir()
        (root / "fake" / name / "__init__.py").write_text("")
    for name in ("system", "demo"):  # the CLI modules the independence contract lets serve
        (root / "fake" / "cli" / f"{name}.py").write_text("import fake.server\n")
    if breach:
        source, target = breach
        (root / "fake" / source / "__init__.py").write_text(f"import fake.{target}\n")


def renamed_config(root: Path) -> Path:
    text = (ROOT / "pyproject.toml").read_text()
    start = text.index("[tool.importlinter]")
    config = root / "contracts.toml"
    config.write_text(text[start:].replace("tidings", "fake"))
    return config


@pytest.mark.parametrize("contract", [None, *BREACHES])
def test_each_contract_fails_on_a_breach(tmp_path: Path, contract: str | None):
    assert set(BREACHES) == {c["name"] for c in contracts()}  # one breach per contract
    fake_package(tmp_path, BREACHES[contract] if contract else None)
    result = lint(renamed_config(tmp_path), path=tmp_path, cwd=tmp_path)
    output = " ".join(result.stdout.split())
    if contract is None:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "0 broken" in output
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"{' '.join(contract.split())} BROKEN" in output
        assert f"{len(BREACHES) - 1} kept, 1 broken" in output
