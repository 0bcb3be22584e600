"""``examples/tracker_client.py`` against the service running in uvicorn on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from api_helpers import ROOT, seed_reviewed_document
from fastapi import FastAPI

CLIENT = ROOT / "examples" / "tracker_client.py"


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    """The test's app (its lifespan already runs) behind a real uvicorn server."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def _client(url, key, state, *extra):
    return subprocess.run([sys.executable, str(CLIENT), "--url", url, "--key", key, "--state", str(state),
                           "--limit", "2", *extra], capture_output=True, text=True, timeout=60)


def test_tracker_client_pulls_verifies_and_keeps_its_cursor(team, served, tmp_path):
    from datetime import UTC, datetime

    from api.services import auth

    _, key = auth.add_api_key(team.app.state.db, name="tracker-example", org=team.org, role="tracker",
                              now=datetime.now(UTC), actor="test")
    first = seed_reviewed_document(team.app, team.org, tasks=3, number="70-KL/TW")
    assert team.approver.post(f"/api/v1/documents/{first}/publish").status_code == 200
    state = tmp_path / "state.json"
    run = _client(served, key, state)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("[Kết luận 70-KL/TW] task ") for line in lines)
    assert "Nhiệm vụ số 1 của văn bản 70-KL/TW — chủ trì: Văn phòng Trung ương Đảng" in lines[0]
    assert json.loads(state.read_text())["cursor"]

    again = _client(served, key, state)
    assert again.returncode == 0 and again.stdout == ""  # nothing new, nothing repeated

    second = seed_reviewed_document(team.app, team.org, tasks=1, number="71-KL/TW", secrecy="Mật")
    assert team.user("approver", clearance=1).post(f"/api/v1/documents/{second}/publish").status_code == 200
    task = int(lines[0].split(" task ")[1].split()[0])
    team.approver.patch(f"/api/v1/tasks/{task}", json={"status": "in_progress"})
    more = _client(served, key, state)
    assert more.returncode == 0, more.stderr
    assert more.stdout.splitlines() == [
        more.stdout.splitlines()[0],
        f"[Kết luận 70-KL/TW] task {task} r2 hạn 2030-06-30 in_progress: Nhiệm vụ số 1 của văn bản 70-KL/TW"
        " — chủ trì: Văn phòng Trung ương Đảng",
    ]
    assert "(văn bản Mật: không có nội dung)" in more.stdout.splitlines()[0]


def test_tracker_client_refuses_records_signed_by_another_key(team, served, tmp_path):
    from datetime import UTC, datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from api.services import auth, signing

    _, key = auth.add_api_key(team.app.state.db, name="tracker-example", org=team.org, role="tracker",
                              now=datetime.now(UTC), actor="test")
    document = seed_reviewed_document(team.app, team.org, tasks=1)
    assert team.approver.post(f"/api/v1/documents/{document}/publish").status_code == 200
    other = tmp_path / "other.pem"
    other.write_text(signing.public_pem(Ed25519PrivateKey.generate().public_key()), encoding="ascii")
    run = _client(served, key, tmp_path / "state.json", "--public-key", str(other))
    assert run.returncode == 1 and run.stdout.startswith("BAD SIGNATURE")
