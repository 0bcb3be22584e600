"""Extraction jobs: crashes, shutdowns, poison documents and limits, on SQLite (the embedded
engine) and on PostgreSQL (procrastinate), with real web and worker processes.

Jobs are made slow on purpose with GIAOVIEC_JOB_TEST_DELAY_SECONDS (a worker in the test
environment waits that long before extracting), so a test can act while a job runs.
"""

from __future__ import annotations

import json
import signal
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from api_helpers import sample_bytes, upload, wait_until_extracted
from cluster import Cluster, worker_pid

from api.db.session import Database, upgrade
from api.db.tables import JobRow
from api.services import jobs

SLOW = "4"  # seconds a slow job waits before extracting


@pytest.fixture(params=[pytest.param("sqlite", marks=pytest.mark.integration),
                        pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database of its own for each test: a new SQLite file or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    return str(request.getfixturevalue("postgres_server").create_database(f"jobs_{uuid.uuid4().hex[:10]}"))


@pytest.fixture
def make_cluster(fresh_url: str, tmp_path: Path) -> Iterator[type[Cluster]]:
    made: list[Cluster] = []

    def make(**settings: str) -> Cluster:
        cluster = Cluster(fresh_url, tmp_path, **settings)
        made.append(cluster)
        return cluster

    yield make  # type: ignore[misc]
    for cluster in made:
        cluster.close()


def test_jobs_worker_killed_mid_job_is_extracted_once_by_the_other(make_cluster):
    cluster = make_cluster(GIAOVIEC_JOB_LEASE_SECONDS="3", GIAOVIEC_JOB_TEST_DELAY_SECONDS=SLOW)
    cluster.start_web("--no-worker")
    workers = {p.pid: p for p in (cluster.start_worker(), cluster.start_worker())}
    document_id = cluster.upload(sample_bytes())
    cluster.wait_for(lambda: cluster.job(document_id)["stage"] == "extracting", what="the job to run")
    first = cluster.job(document_id)
    victim = workers[worker_pid(first)]
    cluster.kill9(victim)
    took = cluster.wait_for(lambda: cluster.job(document_id)["state"] == "done", timeout=60,
                            what="the other worker to take the job over")
    job, document = cluster.job(document_id), cluster.document(document_id)
    assert took < 60
    assert worker_pid(job) != victim.pid and worker_pid(job) in workers
    assert job["attempts"] == 2 and not job["payload"]
    assert document["status"] == "extracted" and document["task_count"] >= 1
    assert document["proposals"] == document["task_count"] == document["distinct_ordinals"]


def test_jobs_killed_service_runs_its_job_at_once_on_restart(make_cluster, fresh_url):
    # SQLite: the lease is long (60 s), so only the restart itself can pick the job up in time.
    # PostgreSQL: other machines may hold leases, so a lapsed lease (3 s here) frees the job.
    lease = "60" if fresh_url.startswith("sqlite") else "3"
    cluster = make_cluster(GIAOVIEC_JOB_LEASE_SECONDS=lease, GIAOVIEC_WORKER_PROCESSES="1")
    service = cluster.start_web(GIAOVIEC_JOB_TEST_DELAY_SECONDS="60")
    document_id = cluster.upload(sample_bytes())
    cluster.wait_for(lambda: cluster.job(document_id)["stage"] == "extracting", what="the job to run")
    cluster.kill9(service, group=True)  # the web process, its worker and the job's process
    assert cluster.job(document_id)["state"] == "running"
    restarted = time.monotonic()
    cluster.start_web()
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "done", timeout=45,
                     what="the restarted service to run the job")
    assert time.monotonic() - restarted < 45
    assert cluster.document(document_id)["status"] == "extracted"
    assert cluster.job(document_id)["attempts"] == 2


def test_jobs_sigterm_hands_the_job_back_within_the_grace_period(make_cluster):
    cluster = make_cluster(GIAOVIEC_SHUTDOWN_GRACE_SECONDS="2", GIAOVIEC_JOB_LEASE_SECONDS="3")
    cluster.start_web("--no-worker")
    stopping = cluster.start_worker(GIAOVIEC_JOB_TEST_DELAY_SECONDS="60")
    document_id = cluster.upload(sample_bytes())
    cluster.wait_for(lambda: cluster.job(document_id)["stage"] == "extracting", what="the job to run")
    sent = time.monotonic()
    stopping.send_signal(signal.SIGTERM)
    stopping.wait(timeout=30)
    exited = time.monotonic() - sent
    assert exited < 2 + 3, exited  # the grace period and a margin to hand back and unregister
    assert stopping.returncode == 0, cluster.log(stopping)
    job = cluster.job(document_id)
    assert job["state"] == "queued" and job["attempts"] == 0  # handed back, the try not counted
    cluster.start_worker()
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "done", timeout=60,
                     what="another worker to run the handed-back job")
    assert cluster.document(document_id)["proposals"] == cluster.document(document_id)["task_count"]


def test_jobs_sigterm_lets_a_short_job_finish(make_cluster):
    cluster = make_cluster(GIAOVIEC_SHUTDOWN_GRACE_SECONDS="20")
    cluster.start_web("--no-worker")
    worker = cluster.start_worker(GIAOVIEC_JOB_TEST_DELAY_SECONDS="2")
    document_id = cluster.upload(sample_bytes())
    cluster.wait_for(lambda: cluster.job(document_id)["stage"] == "extracting", what="the job to run")
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    assert cluster.job(document_id)["state"] == "done"
    assert cluster.document(document_id)["status"] == "extracted"


def test_jobs_poison_document_fails_after_three_tries_and_requeue_works(make_cluster):
    cluster = make_cluster(GIAOVIEC_JOB_TIME_LIMIT_SECONDS="1", GIAOVIEC_JOB_MAX_ATTEMPTS="3")
    cluster.start_web("--no-worker")
    timing_out = cluster.start_worker(GIAOVIEC_JOB_TEST_DELAY_SECONDS="3")
    document_id = cluster.upload(sample_bytes())
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "failed", timeout=60,
                     what="three tries to time out")
    job, document = cluster.job(document_id), cluster.document(document_id)
    assert job["attempts"] == 3 and job["error_code"] == "E130" and job["payload"]
    assert document["status"] == "failed" and document["error_code"] == "E130"
    view = cluster.view(document_id)
    assert view["status"] == "failed" and view["job"]["state"] == "failed"
    assert view["job"]["error_code"] == "E130" and view["job"]["attempts"] == 3
    listed = cluster.cli("jobs", "list", "--state", "failed", "--format", "json")
    assert listed.returncode == 0 and [j["id"] for j in json.loads(listed.stdout)] == [job["id"]]

    # The administrator lifts the cause (a worker with the normal time limit) and re-queues.
    timing_out.send_signal(signal.SIGTERM)
    timing_out.wait(timeout=30)
    cluster.start_worker(GIAOVIEC_JOB_TIME_LIMIT_SECONDS="300")
    retried = cluster.cli("jobs", "retry", str(job["id"]))
    assert retried.returncode == 0, retried.stderr
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "done", timeout=60, what="the re-queued job")
    assert cluster.document(document_id)["status"] == "extracted"
    assert cluster.cli("jobs", "retry", str(job["id"])).returncode != 0  # a done job is not re-queued


def test_jobs_memory_limit_fails_the_job_not_the_worker(make_cluster):
    cluster = make_cluster(GIAOVIEC_JOB_MEMORY_LIMIT_MB="16", GIAOVIEC_JOB_MAX_ATTEMPTS="1",
                           GIAOVIEC_MAX_UPLOAD_MB="5")
    cluster.start_web("--no-worker")
    worker = cluster.start_worker()
    big = sample_bytes(extra="\n".join(["Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát "
                                        f"kinh phí đợt {n}, báo cáo trước ngày 30/6/2026."
                                        for n in range(8000)]))
    document_id = cluster.upload(big)
    cluster.wait_for(lambda: cluster.job(document_id)["state"] == "failed", timeout=180, what="the job to fail")
    assert cluster.job(document_id)["error_code"] in ("E131", "E132")  # MemoryError, or killed by a signal
    assert worker.poll() is None  # the worker goes on
    small = cluster.upload(sample_bytes(number="321-KL/TW"))
    cluster.wait_for(lambda: cluster.job(small)["state"] in ("done", "failed"), timeout=60, what="the next job")
    assert cluster.job(small)["state"] == "done" and worker_pid(cluster.job(small)) == worker.pid


def test_jobs_cancel_then_retry_from_the_command_line(make_cluster):
    cluster = make_cluster()
    cluster.start_web("--no-worker")
    document_id = cluster.upload(sample_bytes())
    job_id = cluster.job(document_id)["id"]
    cancelled = cluster.cli("jobs", "cancel", str(job_id))
    assert cancelled.returncode == 0, cancelled.stderr
    assert cluster.job(document_id)["state"] == "cancelled" and not cluster.job(document_id)["payload"]
    assert cluster.document(document_id)["error_code"] == "E133"
    again = cluster.cli("jobs", "retry", str(job_id))
    assert again.returncode != 0 and "upload the file again" in again.stderr


def _jobs_listed(cluster: Cluster) -> list[dict]:
    listed = cluster.cli("jobs", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


def test_jobs_training_runs_as_a_job_and_records_its_version(make_cluster, tmp_path, shared_dir):
    """Issue 16: training runs are jobs too. A worker trains the queued run into the models
    folder and the job says which version it made; a corpus without documents fails (M002),
    not retried; activating stays a person's step."""
    corpus, empty, models = tmp_path / "corpus", tmp_path / "empty", tmp_path / "models"
    for folder in (corpus, empty, models):
        folder.mkdir()
    for name in ("party-01", "party-02", "tb-03"):
        for suffix in (".txt", ".gold.json"):
            source = shared_dir / "corpus" / "dev" / f"{name}{suffix}"
            (corpus / source.name).write_bytes(source.read_bytes())
    cluster = make_cluster(GIAOVIEC_MODELS_DIR=str(models), GIAOVIEC_JOB_MAX_ATTEMPTS="2")
    queued = cluster.cli("train", "--as-job", "--corpus", str(corpus), "--epochs", "2", "--held-out", "0")
    assert queued.returncode == 0, queued.stderr
    assert "queued as job" in queued.stdout and not list(models.iterdir())  # nothing trained here
    bad = cluster.cli("train", "--as-job", "--corpus", str(empty))
    assert bad.returncode == 0, bad.stderr
    cluster.start_worker()
    cluster.wait_for(lambda: all(j["state"] in ("done", "failed") for j in _jobs_listed(cluster)),
                     timeout=240, what="both training jobs to end")
    failed, done = _jobs_listed(cluster)  # newest first
    assert (done["kind"], done["state"], done["result"]) == ("train", "done", "v001")
    meta = json.loads((models / "v001" / "meta.json").read_text(encoding="utf-8"))
    assert sorted(meta["train_documents"]) == ["party-01", "party-02", "tb-03"]
    assert not (models / "ACTIVE").exists()
    assert (failed["state"], failed["error_code"], failed["attempts"]) == ("failed", "M002", 1)


# --- the state machine on the session's app (both backends) ----------------------------------


def test_jobs_a_worker_that_lost_its_lease_stores_nothing(fresh_url):
    """Fencing: after a takeover, the first holder can neither renew, fail nor finish."""
    upgrade(fresh_url)
    db = Database(fresh_url)
    policy = jobs.JobPolicy(max_attempts=3, backoff_seconds=0, lease_seconds=30)
    now = datetime.now(UTC)
    with db.session() as session:
        job = JobRow(kind=jobs.EXTRACT, document_id=None, state="running", stage="extracting", attempts=1,
                     max_attempts=3, run_after=now, lease_until=now - timedelta(seconds=1), worker="gone:1",
                     token="old", params={}, payload=b"x", created_at=now, updated_at=now)
        session.add(job)
        session.flush()
        job_id = job.id
    stale = jobs.Claim(job_id, "old", jobs.EXTRACT, None, 1)
    taken = jobs.claim(db, worker="new:2", policy=policy, now=datetime.now(UTC))
    assert taken is not None and taken.job_id == job_id and taken.attempt == 2 and taken.token != "old"
    assert jobs.claim(db, worker="third:3", policy=policy, now=datetime.now(UTC)) is None  # leased now
    assert not jobs.renew(db, stale, lease_seconds=30, now=datetime.now(UTC))
    with db.session() as session:
        assert not jobs.finish(session, stale, now=datetime.now(UTC))
    assert jobs.fail(db, stale, code="E130", message="late", retry=True, policy=policy, now=datetime.now(UTC)) == "lost"
    assert jobs.renew(db, taken, lease_seconds=30, now=datetime.now(UTC))
    with db.session() as session:
        assert jobs.finish(session, taken, now=datetime.now(UTC))
    assert jobs.list_jobs(db)[0]["state"] == "done"
    db.dispose()


def test_jobs_a_lapsed_job_out_of_tries_ends_failed(fresh_url):
    upgrade(fresh_url)
    db = Database(fresh_url)
    now = datetime.now(UTC)
    with db.session() as session:
        session.add(JobRow(kind=jobs.EXTRACT, document_id=None, state="running", stage="extracting", attempts=3,
                           max_attempts=3, run_after=now, lease_until=now - timedelta(seconds=1), worker="gone:1",
                           token="old", params={}, payload=b"x", created_at=now, updated_at=now))
    assert jobs.claim(db, worker="w:1", policy=jobs.JobPolicy(), now=datetime.now(UTC)) is None
    failed = jobs.list_jobs(db)[0]
    assert failed["state"] == "failed" and failed["error_code"] == "E132"
    db.dispose()


def test_jobs_progress_is_in_the_document_view(team):
    answer = upload(team.reviewer, sample_bytes(number=f"{uuid.uuid4().int % 900 + 100}-KL/TW"))
    document_id = answer.json()["id"]
    first = team.reviewer.get(f"/api/v1/documents/{document_id}").json()["job"]
    assert first["state"] in ("queued", "running", "done") and first["max_attempts"] >= 1
    view = wait_until_extracted(team.reviewer, document_id)
    assert view["job"]["state"] == "done" and view["job"]["stage"] == "done" and view["job"]["attempts"] == 1


def test_jobs_admin_requeues_a_failed_document_through_the_api(app, team):
    """A document whose job failed (as a worker leaves it) is extracted by the session's worker
    once an administrator re-queues it; reviewers may not, and a second re-queue is refused."""
    from api.db.tables import DocumentRow
    from api.services.auth import get_or_create_org

    now = datetime.now(UTC)
    data = sample_bytes(number=f"{uuid.uuid4().int % 900 + 100}-KL/TW")
    with app.state.db.session() as session:
        org_id = get_or_create_org(session, team.org, now=now).id
        document = DocumentRow(org_id=org_id, filename="ket-luan.txt", media_type="text/plain",
                               sha256=uuid.uuid4().hex * 2, size=len(data), status="failed", error_code="E130",
                               review_due=now.date(), uploaded_by="test", created_at=now, updated_at=now)
        session.add(document)
        session.flush()
        session.add(JobRow(kind=jobs.EXTRACT, document_id=document.id, state="failed", stage="failed", attempts=3,
                           max_attempts=3, run_after=now, params={"filename": "ket-luan.txt", "media_type": "text/plain",
                                                                   "pages": None, "issued": None},
                           payload=data, error_code="E130", error="too slow", created_at=now, updated_at=now))
        document_id = document.id
    refused = team.reviewer.post(f"/api/v1/documents/{document_id}/extract")
    assert refused.status_code == 403 and refused.json()["code"] == "E104"
    admin = team.user("admin")
    answer = admin.post(f"/api/v1/documents/{document_id}/extract")
    assert answer.status_code == 202 and answer.json()["state"] == "queued" and answer.json()["attempts"] == 0
    view = wait_until_extracted(admin, document_id)
    assert view["status"] == "extracted" and view["job"]["state"] == "done" and view["proposals"]
    again = admin.post(f"/api/v1/documents/{document_id}/extract")
    assert again.status_code == 409 and again.json()["code"] == "E109"
    actions = [entry["action"] for entry in admin.get(f"/api/v1/documents/{document_id}/history").json()]
    assert "document.requeue" in actions
