"""The feed's cursor under concurrent publishing: a reader that pages while others publish and
correct never misses or repeats a revision (see ``api.services.feed`` for why)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

from api_helpers import pull_all, seed_reviewed_document

from api.services import auth, feed, review
from api.services.feed import FeedContext

PUBLISHERS = 4
DOCUMENTS_EACH = 5


def _approver(team):
    user = auth.add_user(team.app.state.db, username=f"approver-{team.org}", password="mat-khau-rat-dai",
                         org=team.org, role="approver", now=datetime.now(UTC), actor="test")
    return auth.Principal(kind="user", id=user.id, name=user.username, org_id=user.org_id, role="approver")


def test_feed_cursor_under_concurrent_publishing(team):
    app = team.app
    principal = _approver(team)
    documents = [[seed_reviewed_document(app, team.org, tasks=1 + (i + j) % 3) for j in range(DOCUMENTS_EACH)]
                 for i in range(PUBLISHERS)]
    context: FeedContext = app.state.feed_context
    errors: list[BaseException] = []
    corrected: list[int] = []

    def publish_all(ids: list[int]) -> None:
        try:
            for document_id in ids:
                result = review.publish(app.state.db, principal, document_id, now=datetime.now(UTC),
                                        feed_context=context)
                # Correct the first task of every other document right away: a new revision.
                if document_id % 2:
                    feed.correct_task(app.state.db, principal, result["tasks"][0], changes={"status": "in_progress"},
                                      expected_revision=None, reason=None, now=datetime.now(UTC), context=context)
                    corrected.append(result["tasks"][0])
        except BaseException as error:  # handed to the main thread, which fails the test
            errors.append(error)

    threads = [threading.Thread(target=publish_all, args=(ids,)) for ids in documents]
    tracker = team.key("tracker")
    seen: list[tuple[int, int]] = []
    cursor = None
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        items, cursor = pull_all(tracker, cursor, limit=3)  # small pages: many reads mid-publish
        seen.extend((i["task_id"], i["revision"]) for i in items)
        time.sleep(0.002)
    for thread in threads:
        thread.join()
    assert not errors, errors
    items, cursor = pull_all(tracker, cursor, limit=3)
    seen.extend((i["task_id"], i["revision"]) for i in items)

    with app.state.db.session(read_only=True) as session:
        from sqlalchemy import select

        from api.db.tables import TaskRevision

        published = set(session.execute(select(TaskRevision.task_id, TaskRevision.revision)
                                        .where(TaskRevision.org_id == principal.org_id)).all())
    assert len(seen) == len(set(seen)), "a revision came twice"
    assert set(seen) == published, "a revision was missed"
    assert sum(1 for _, revision in seen if revision == 2) == len(corrected) > 0
    # Every task's revisions come in order: a correction never overtakes its publication.
    order = {key: index for index, key in enumerate(seen)}
    assert all(order[(task, 1)] < order[(task, 2)] for task in corrected)


def test_feed_a_slow_publish_holds_back_later_ones_instead_of_being_skipped(team):
    """The out-of-order commit the feed is built against: A draws its positions and stays open;
    B publishes meanwhile. A reader must never see B's revisions before A's are visible."""
    app = team.app
    principal = _approver(team)
    slow, fast = (seed_reviewed_document(app, team.org, tasks=2) for _ in range(2))
    context: FeedContext = app.state.feed_context
    tracker = team.key("tracker")
    _, cursor = pull_all(tracker)
    a_drew = threading.Event()
    a_may_commit = threading.Event()
    errors: list[BaseException] = []

    def publish_slowly() -> None:
        try:
            notify_context = FeedContext(signer=context.signer, monitoring_body=context.monitoring_body)
            from sqlalchemy import select

            from api.db.tables import DocumentRow, ProposalRow

            with app.state.db.session() as session:
                document = session.get(DocumentRow, slow)
                tasks = session.scalars(select(ProposalRow).where(ProposalRow.document_id == slow)).all()
                document.status = "published"
                feed.publish_tasks(session, document=document, tasks=list(tasks), actor=principal.actor,
                                   now=datetime.now(UTC), context=notify_context)
                a_drew.set()
                a_may_commit.wait(10)
        except BaseException as error:
            errors.append(error)

    def publish_fast() -> None:
        try:
            review.publish(app.state.db, principal, fast, now=datetime.now(UTC), feed_context=context)
        except BaseException as error:
            errors.append(error)

    a = threading.Thread(target=publish_slowly)
    a.start()
    assert a_drew.wait(10)
    b = threading.Thread(target=publish_fast)
    b.start()
    time.sleep(0.5)
    assert b.is_alive(), "B must wait for A's positions to be committed"
    assert pull_all(tracker, cursor)[0] == []  # nothing is visible yet, so nothing can be skipped
    a_may_commit.set()
    a.join(10)
    b.join(10)
    assert not errors, errors
    items, _ = pull_all(tracker, cursor)
    assert [i["record"]["document"]["id"] for i in items] == [slow, slow, fast, fast]
