"""A real Label Studio server for the bridge tests, started once per session.

Per ``shared/notes/label-studio.md``: Label Studio lives in its own venv (``.venv-ls``, made by
``scripts/setup``), listens on a free 127.0.0.1 port with a temporary data dir, a user and a
legacy token created from the environment, and is stopped by its PID at the end.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
LS_BIN = Path(os.environ.get("GIAOVIEC_LS_BIN", ROOT / ".venv-ls" / "bin" / "label-studio"))
START_TIMEOUT_S = 120


def pytest_configure(config: pytest.Config) -> None:
    # Declared here until pyproject.toml lists it (the lead owns that file).
    config.addinivalue_line("markers", "labelstudio: against a real local Label Studio server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not LS_BIN.exists():
        pytest.fail(
            f"{LS_BIN} is missing; run scripts/setup (python3 -m venv .venv-ls && "
            ".venv-ls/bin/pip install label-studio==1.23.2)"
        )
    data = tmp_path_factory.mktemp("ls-data")
    port, token = _free_port(), secrets.token_hex(20)
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data),
        "LABEL_STUDIO_USERNAME": "annotator@example.com",
        "LABEL_STUDIO_PASSWORD": secrets.token_hex(8),
        "LABEL_STUDIO_USER_TOKEN": token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
        "LABEL_STUDIO_COLLECT_ANALYTICS": "false",
    }
    for key in ("HOST", "PORT", "USERNAME", "PASSWORD", "USER_TOKEN", "DEBUG"):
        env.pop(key, None)
    log_path = data.parent / "label-studio.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                str(LS_BIN),
                "start",
                "--no-browser",
                "--internal-host",
                "127.0.0.1",
                "--port",
                str(port),
                "--data-dir",
                str(data),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None or "is in use" in log_path.read_text(errors="replace"):
                pytest.fail(f"Label Studio did not start:\n{log_path.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"Label Studio not up after {START_TIMEOUT_S} s; see {log_path}")
            time.sleep(0.5)
        yield Server(url, token)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture
def ls_env(label_studio: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The bridge's environment pointed at the test server."""
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("GIAOVIEC_LABEL_STUDIO_TOKEN", label_studio.token)
    monkeypatch.delenv("GIAOVIEC_LABEL_STUDIO_OFFSETS", raising=False)
    return label_studio
