"""``api.settings.Settings``: defaults, the environment, and unsafe values refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.settings import PLACEHOLDER_SECRET, Settings


def test_settings_default_is_sqlite_in_the_data_dir(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.url == f"sqlite:///{tmp_path.resolve() / 'giaoviec.sqlite3'}"
    assert settings.should_migrate and settings.max_upload_bytes == 20 * 1024 * 1024
    assert settings.review_window_days == 3 and not settings.secure_cookies


def test_settings_read_the_environment(monkeypatch):
    monkeypatch.setenv("GIAOVIEC_DATABASE_URL", "postgresql+psycopg://u@db/giaoviec")
    monkeypatch.setenv("GIAOVIEC_MAX_UPLOAD_MB", "5")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not settings.is_sqlite and not settings.should_migrate
    assert settings.max_upload_bytes == 5 * 1024 * 1024


@pytest.mark.parametrize("key", [PLACEHOLDER_SECRET, "short"])
def test_settings_refuse_a_weak_secret_outside_development(key):
    with pytest.raises(ValidationError, match="GIAOVIEC_SECRET_KEY"):
        Settings(_env_file=None, environment="production", secret_key=key)  # type: ignore[call-arg]
    assert Settings(_env_file=None, environment="production", secret_key="s" * 40).secure_cookies  # type: ignore[call-arg]
