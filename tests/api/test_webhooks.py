"""``/api/v1/webhooks``: registration, signed deliveries to a local server, retries with
back-off, bounded attempts and the delivery log. Webhooks only ever go to 127.0.0.1 here."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from api_helpers import seed_reviewed_document

from api.services import webhooks

SECRET = "s3cret-of-the-tracker"


@dataclass
class Receiver:
    """A local HTTP server that records every POST and answers the statuses it is told to."""

    url: str
    failures_each: int = 0  # the first attempts of every delivery answer 500
    received: list[dict[str, Any]] = field(default_factory=list)

    def wait_for(self, n: int, timeout: float = 15) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.received) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append({"headers": dict(self.headers), "body": body, "at": time.monotonic()})
            delivery = self.headers["X-Giaoviec-Delivery"]
            tries = sum(1 for r in state.received if r["headers"]["X-Giaoviec-Delivery"] == delivery)
            status = 500 if tries <= state.failures_each else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _deliveries(client, hook_id, *, until: str, timeout: float = 15) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        log = client.get(f"/api/v1/webhooks/{hook_id}/deliveries").json()
        if (log and all(d["status"] == until for d in log)) or time.monotonic() > deadline:
            return log
        time.sleep(0.05)


def test_webhooks_publish_is_posted_signed_and_retried(team, receiver):
    tracker = team.key("tracker")
    receiver.failures_each = 2  # every delivery fails twice, then succeeds
    answer = tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": SECRET})
    assert answer.status_code == 201, answer.text
    hook = answer.json()
    assert "secret" not in hook and tracker.get("/api/v1/webhooks").json() == [hook]
    document_id = seed_reviewed_document(team.app, team.org, tasks=2)
    assert team.approver.post(f"/api/v1/documents/{document_id}/publish").status_code == 200
    got = receiver.wait_for(6)  # 2 tasks, each on its third attempt
    assert len(got) == 6
    for request in got:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        assert webhooks.check_signature(SECRET, headers["x-giaoviec-timestamp"], request["body"],
                                        headers["x-giaoviec-signature"])
        assert headers["x-giaoviec-event"] == "task.published"
    bodies = [json.loads(r["body"]) for r in got]
    assert {b["item"]["record"]["document"]["id"] for b in bodies} == {document_id}
    retried = [r for r in got if r["headers"]["X-Giaoviec-Delivery"] == got[0]["headers"]["X-Giaoviec-Delivery"]]
    assert len(retried) == 3
    backoff = team.app.state.settings.webhook_backoff_seconds
    assert retried[1]["at"] - retried[0]["at"] >= backoff * 0.9  # then backoff·2
    assert retried[2]["at"] - retried[1]["at"] >= backoff * 2 * 0.9
    log = _deliveries(tracker, hook["id"], until="delivered")
    assert [d["attempts"] for d in log] == [3, 3]
    assert all(d["status"] == "delivered" and d["last_status_code"] == 200 for d in log)

    # A correction is delivered too, as task.corrected.
    task_id = bodies[0]["item"]["task_id"]
    team.approver.patch(f"/api/v1/tasks/{task_id}", json={"status": "in_progress"})
    receiver.failures_each = 0
    corrected = json.loads(receiver.wait_for(7)[6]["body"])
    assert corrected["event"] == "task.corrected" and corrected["item"]["revision"] == 2


def test_webhooks_give_up_after_the_last_attempt(team, receiver):
    tracker = team.key("tracker")
    max_attempts = team.app.state.settings.webhook_max_attempts
    receiver.failures_each = 100
    hook = tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": SECRET}).json()
    document_id = seed_reviewed_document(team.app, team.org, tasks=1)
    team.approver.post(f"/api/v1/documents/{document_id}/publish")
    [delivery] = _deliveries(tracker, hook["id"], until="failed")
    assert delivery["status"] == "failed" and delivery["attempts"] == max_attempts
    assert delivery["last_status_code"] == 500 and delivery["last_error"] == "http_status"
    time.sleep(0.3)
    assert len(receiver.received) == max_attempts  # bounded: no more tries
    gaps = [b["at"] - a["at"] for a, b in zip(receiver.received, receiver.received[1:], strict=False)]
    backoff = team.app.state.settings.webhook_backoff_seconds
    assert all(gap >= backoff * 2**n * 0.9 for n, gap in enumerate(gaps))  # exponential back-off


def test_webhooks_deleted_get_nothing_and_bad_urls_are_refused(team, receiver, other_team):
    tracker = team.key("tracker")
    hook = tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": SECRET}).json()
    assert other_team.key("tracker").delete(f"/api/v1/webhooks/{hook['id']}").status_code == 404
    assert tracker.delete(f"/api/v1/webhooks/{hook['id']}").status_code == 204
    assert tracker.get("/api/v1/webhooks").json() == []
    document_id = seed_reviewed_document(team.app, team.org, tasks=1)
    team.approver.post(f"/api/v1/documents/{document_id}/publish")
    time.sleep(0.3)
    assert receiver.received == []
    for url in ("ftp://127.0.0.1/x", "http://example.org/hook", "not a url"):
        answer = tracker.post("/api/v1/webhooks", json={"url": url, "secret": SECRET})
        assert answer.status_code == 422, url
    short = tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": "short"})
    assert short.status_code == 422
    assert team.reviewer.post("/api/v1/webhooks", json={"url": receiver.url, "secret": SECRET}).status_code == 403
