"""Every setting is typed, documented in its field and in the README, and read from TIDINGS_*."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tidings.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_has_help_text_and_is_in_the_readme(name):
    field = Settings.model_fields[name]
    assert field.description and len(field.description) > 10
    assert f"TIDINGS_{name.upper()}" in README or name.upper() in README


def test_environment_variables_are_read(monkeypatch):
    monkeypatch.setenv("TIDINGS_DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_ADDRESSES", "1")
    monkeypatch.setenv("TIDINGS_MAX_BODY_BYTES", "1234")
    settings = Settings()
    assert settings.database_url == "sqlite:////tmp/elsewhere.db"
    assert settings.allow_private_addresses is True
    assert settings.max_body_bytes == 1234


def test_default_database_is_sqlite_in_the_user_data_directory(monkeypatch):
    monkeypatch.delenv("TIDINGS_DATABASE_URL", raising=False)
    assert Settings().database_url.startswith("sqlite:///")
    assert Settings().database_url.endswith("tidings.db")


def test_bad_values_are_refused(monkeypatch):
    monkeypatch.setenv("TIDINGS_PORT", "99999")
    with pytest.raises(ValidationError):
        Settings()
