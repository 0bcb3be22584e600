"""The request body cap at the edge (issue 14, finding 4): chunked bodies too, before login.

The anonymous 50 MB chunked body goes to a real uvicorn server in its own process, so the
test sees what the server reads and how much memory that costs (its peak RSS, reset first).
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_helpers import sample_bytes, upload

MB = 2**20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int]]:
    """A uvicorn process of the service on a free port: (pid, port)."""
    port = _free_port()
    env = {**os.environ, "GIAOVIEC_DATA_DIR": str(tmp_path_factory.mktemp("edge")), "GIAOVIEC_LOG_LEVEL": "WARNING",
           "GIAOVIEC_ENVIRONMENT": "development"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_environment",
                                "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the service did not start")
        yield process.pid, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _send_chunked(port: int, path: str, total: int, headers: str = "") -> tuple[bytes, float]:
    """POST ``total`` bytes as 64 KB chunks; stop when the server answers. (answer, seconds)."""
    chunk = b"x" * (64 * 1024)
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                     f"Content-Type: multipart/form-data; boundary=b\r\n{headers}\r\n".encode())
        part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        sock.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        sent, answer = 0, b""
        while sent < total and not answer:
            if select.select([sock], [], [], 0)[0]:  # the server answered before the end
                answer = sock.recv(65536)
                break
            try:
                sock.sendall(frame)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        while b"\r\n\r\n" not in answer:
            more = sock.recv(65536)
            if not more:
                break
            answer += more
    return answer, time.monotonic() - started


def test_request_limits_anonymous_chunked_50_mb_is_refused_fast_and_cheaply(server):
    pid, port = server
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset the peak RSS to the current RSS
    before = _peak_rss_mb(pid)
    answer, seconds = _send_chunked(port, "/api/v1/documents", 50 * MB)
    growth = _peak_rss_mb(pid) - before
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer
    assert seconds < 1, seconds
    assert growth < 20, f"the server's peak memory grew {growth:.1f} MB"


def test_request_limits_chunked_body_with_credentials_is_capped_at_the_upload_limit(server):
    _, port = server
    # A forged header buys the upload cap (20 MB by default), never an unbounded read.
    answer, seconds = _send_chunked(port, "/api/v1/documents", 50 * MB, headers="Authorization: Bearer nope\r\n")
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def test_request_limits_declared_length_over_the_cap_is_refused_unread(anonymous):
    answer = anonymous.post("/api/v1/session", content=b"{}", headers={"Content-Length": str(10 * MB)})
    assert answer.status_code == 413
    body = answer.json()
    assert body["code"] == "E101" and body["detail_vi"]
    assert answer.headers["content-type"] == "application/problem+json"


def test_request_limits_chunked_upload_over_the_limit_is_413_and_stores_nothing(team):
    # The test app's limit is 1 MB; a generator body goes as chunks, without a Content-Length.
    def chunks() -> Iterator[bytes]:
        boundary = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
        yield boundary
        for _ in range(40):
            yield "Ủy ban nhân dân tỉnh giao nhiệm vụ\n".encode() * 2000
        yield b"\r\n--b--\r\n"

    answer = team.reviewer.post("/api/v1/documents", content=chunks(),
                                headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 413, answer.text
    assert answer.json()["code"] == "E101"
    assert team.reviewer.get("/api/v1/documents").json()["total"] == 0


def test_request_limits_uploads_under_the_limit_still_work(team):
    answer = upload(team.reviewer, sample_bytes(number="801-KL/TW"))
    assert answer.status_code == 202, answer.text
