"""Settings of the giaoviec service, from the environment (``GIAOVIEC_*``) and a ``.env`` file.

    GIAOVIEC_DATABASE_URL=postgresql+psycopg://giaoviec@db/giaoviec giaoviec serve

``create_app`` and the CLI build one ``Settings`` and pass it down; nothing reads the
environment anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me"  # noqa: S105 (the value refused outside development)

Environment = Literal["development", "test", "production"]


class Settings(BaseSettings):
    """Typed configuration; validators refuse values that are unsafe outside development."""

    model_config = SettingsConfigDict(
        env_prefix="GIAOVIEC_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_nested_delimiter="__",
        extra="ignore",
    )

    environment: Environment = Field(
        default="development",
        description="development allows the placeholder secret and plain-HTTP cookies.",
    )
    data_dir: Path = Field(default=Path("data"), description="Folder of the embedded SQLite database.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: sqlite file giaoviec.sqlite3 in data_dir."
    )
    auto_migrate: bool | None = Field(
        default=None, description="Run migrations at start; default: yes for SQLite, no for others."
    )
    secret_key: SecretStr = Field(
        default=SecretStr(PLACEHOLDER_SECRET), description="Signs session cookies."
    )
    max_upload_mb: float = Field(default=20, gt=0, description="Largest accepted upload, in MB.")
    session_max_age: int = Field(default=8 * 3600, gt=0, description="Seconds a login stays valid.")
    review_window_days: int = Field(default=3, ge=0, description="Working days to review (QC 08).")
    accept_all_threshold: float = Field(
        default=0.9, ge=0, le=1, description="Default confidence for accept-all."
    )
    worker_processes: int = Field(
        default=2, ge=0, description="Worker processes `giaoviec serve` starts (0: web only, as --no-worker)."
    )
    job_max_attempts: int = Field(default=3, ge=1, description="Tries per job before it ends failed.")
    job_backoff_seconds: float = Field(
        default=5, ge=0, description="Wait before a failed job's next try; doubled after each failure."
    )
    job_lease_seconds: float = Field(
        default=30, ge=1, le=60,
        description="A running job's lease, renewed every third of it; a job whose worker died is "
        "taken over once its lease runs out.",
    )
    job_time_limit_seconds: float = Field(default=300, gt=0, description="Wall time one job may take.")
    job_memory_limit_mb: int = Field(
        default=2048, ge=16, description="Memory a job's process may add to the worker's (address space)."
    )
    shutdown_grace_seconds: float = Field(
        default=30, ge=0, description="On SIGTERM, how long a worker lets its job finish before handing it back."
    )
    worker_poll_seconds: float = Field(
        default=1, gt=0, description="How often an embedded (SQLite) worker looks for due jobs."
    )
    job_test_delay_seconds: float = Field(
        default=0, ge=0, description="Tests only (environment=test): each job waits this long before extracting."
    )
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed logins per user name or client address within login_window_minutes "
        "before each next try must wait (1 s, doubling with each failure)."
    )
    login_window_minutes: int = Field(default=15, ge=1, description="Window of the login throttle.")
    login_max_delay_seconds: float = Field(
        default=60, gt=0, le=3600, description="Longest wait the login throttle imposes (never a lockout)."
    )
    monitoring_body: str | None = Field(
        default=None,
        description="Body that monitors published tasks (QC 08 Art. 5.1.d); default: the organisation.",
    )
    signing_key_file: Path | None = Field(
        default=None,
        description="PEM Ed25519 private key that signs task records; default: data_dir/signing/ed25519.pem, "
        "made on first start (mode 0600).",
    )
    content_key: SecretStr | None = Field(
        default=None,
        description="Base64 of 32 random bytes that seal secret documents' content and webhook secrets; "
        "default: the key file content_key_file.",
    )
    content_key_file: Path | None = Field(
        default=None,
        description="File of the content key; default: data_dir/keys/content.key, made on first start (mode 0600).",
    )
    audit_key: SecretStr | None = Field(
        default=None, description="HMAC key of the audit chain (32+ characters); default: the key file."
    )
    audit_key_file: Path | None = Field(
        default=None,
        description="File of the audit chain's HMAC key, kept outside the database; default: "
        "data_dir/keys/audit.key, made on first start (mode 0600).",
    )
    webhook_max_attempts: int = Field(default=8, ge=1, description="Tries per webhook delivery.")
    webhook_backoff_seconds: float = Field(
        default=5, gt=0, description="Wait before the first retry; doubled after each failure."
    )
    webhook_timeout_seconds: float = Field(default=10, gt=0, description="Timeout of one webhook POST.")
    webhook_poll_seconds: float = Field(default=1, gt=0, description="How often the dispatcher looks for work.")
    webhook_allowed_hosts: list[str] | None = Field(
        default=None, description="Closed-network mode: the only host names webhooks may point to, internal ones "
        "included; default: any host whose every address is public (never loopback, private, link-local, "
        "metadata)."
    )
    log_level: str = Field(default="INFO", description="Level of the service's log.")
    log_format: Literal["json", "text"] = Field(default="json", description="Log lines as JSON or text.")

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.database_url is None:
            path = (self.data_dir / "giaoviec.sqlite3").resolve()
            self.database_url = f"sqlite:///{path}"
        if self.environment != "development":
            key = self.secret_key.get_secret_value()
            if key == PLACEHOLDER_SECRET or len(key) < 32:
                raise ValueError(
                    "GIAOVIEC_SECRET_KEY must be set to a random value of 32 characters or more "
                    'outside development (python -c "import secrets; print(secrets.token_urlsafe(48))")'
                )
        return self

    @property
    def url(self) -> str:
        assert self.database_url is not None  # filled by the validator
        return self.database_url

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def should_migrate(self) -> bool:
        return self.is_sqlite if self.auto_migrate is None else self.auto_migrate

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def signing_key_path(self) -> Path:
        return self.signing_key_file or self.data_dir / "signing" / "ed25519.pem"

    @property
    def content_key_path(self) -> Path:
        return self.content_key_file or self.data_dir / "keys" / "content.key"

    @property
    def audit_key_path(self) -> Path:
        return self.audit_key_file or self.data_dir / "keys" / "audit.key"

    @property
    def audit_secret(self) -> str | None:
        return self.audit_key.get_secret_value() if self.audit_key else None

    @property
    def secure_cookies(self) -> bool:
        return self.environment != "development"
