"""``giaoviec db upgrade``, ``users add``, ``users add-key`` and ``serve`` as an operator runs them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
GIAOVIEC = str(Path(sys.executable).parent / "giaoviec")


def _run(*args: str, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run([GIAOVIEC, *args], capture_output=True, text=True, input=stdin, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_cli_users_add_and_add_key_on_the_embedded_default(tmp_path):
    assert _run("db", "upgrade", cwd=tmp_path).returncode == 0
    assert (tmp_path / "data" / "giaoviec.sqlite3").exists()
    added = _run("users", "add", "lan", "--org", "Văn phòng Tỉnh ủy", "--role", "approver",
                 "--password-stdin", cwd=tmp_path, stdin="mat-khau-dai-lam\n")
    assert added.returncode == 0, added.stderr
    again = _run("users", "add", "lan", "--org", "X", "--role", "reviewer", "--password-stdin",
                 cwd=tmp_path, stdin="mat-khau-dai-lam\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    short = _run("users", "add", "binh", "--org", "X", "--role", "reviewer", "--password-stdin",
                 cwd=tmp_path, stdin="ngan\n")
    assert short.returncode == 2 and "8 characters" in short.stderr
    key = _run("users", "add-key", "scanner", "--org", "Văn phòng Tỉnh ủy", "--role", "uploader", cwd=tmp_path)
    assert key.returncode == 0 and key.stdout.strip().startswith("gv_")
    bad_role = _run("users", "add-key", "x", "--org", "X", "--role", "admin", cwd=tmp_path)
    assert bad_role.returncode == 2
    verified = _run("audit", "verify", cwd=tmp_path)
    assert verified.returncode == 0 and "OK: 2 entries" in verified.stdout


def test_cli_serve_answers_on_loopback(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([GIAOVIEC, "serve", "--port", str(port)], cwd=tmp_path,
                              stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not answer in 60 s"
                time.sleep(0.2)
        assert answer.status_code == 200 and answer.json()["database"] == "ok"
        assert (tmp_path / "data" / "giaoviec.sqlite3").exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_cli_serve_refuses_the_placeholder_secret_in_production(tmp_path):
    result = _run("serve", cwd=tmp_path, env={"GIAOVIEC_ENVIRONMENT": "production"})
    assert result.returncode == 2 and "GIAOVIEC_SECRET_KEY" in result.stderr
