"""Secrecy (Quy chế 08-QC/TW Art. 5.2–5.3), one test per level: what is and is not in the feed,
the exports and the webhook, and who sees content in the review screen."""

from __future__ import annotations

import io
import json
import time

import pytest
from api_helpers import pull_all, sample_bytes, upload, wait_until_extracted
from openpyxl import load_workbook
from test_webhooks import SECRET, receiver  # noqa: F401 (the fixture)

from api.services.auth import CLEARANCE_FOR

TASK_WORDS = "hệ thống theo dõi"  # words of one task of the sample
TITLE_WORDS = "theo dõi, đôn đốc"  # words of the sample's summary (trích yếu)


def _publish_sample(team, header_line, clearance, number):
    reviewer = team.user("reviewer", clearance=clearance)
    approver = team.user("approver", clearance=clearance)
    answer = upload(reviewer, sample_bytes(header_line=header_line, number=number))
    assert answer.status_code == 202, answer.text
    view = wait_until_extracted(reviewer, answer.json()["id"])
    assert reviewer.post(f"/api/v1/documents/{view['id']}/accept-all", json={"min_confidence": 0}).status_code == 200
    published = approver.post(f"/api/v1/documents/{view['id']}/publish")
    assert published.status_code == 200, published.text
    return view, published.json()["tasks"]


def _exports(client):
    csv_text = client.get("/api/v1/exports/tasks.csv").text
    book = load_workbook(io.BytesIO(client.get("/api/v1/exports/tasks.xlsx").content))
    xlsx_text = json.dumps([list(row) for row in book.active.iter_rows(values_only=True)], ensure_ascii=False)
    return csv_text, xlsx_text


@pytest.mark.parametrize(("level", "header_line"), [(None, None), ("Mật", "MẬT"), ("Tối mật", "TỐI MẬT")])
def test_secrecy_level_decides_what_leaves(team, receiver, level, header_line):  # noqa: F811
    tracker = team.key("tracker")
    tracker.post("/api/v1/webhooks", json={"url": receiver.url, "secret": SECRET})
    clearance = CLEARANCE_FOR.get(level or "", 0)
    view, tasks = _publish_sample(team, header_line, clearance, number=f"{40 + clearance}-KL/TW")
    assert view["metadata"]["secrecy"] == level
    items, _ = pull_all(tracker)
    assert len(items) == len(tasks) > 0
    hooks = [r["body"].decode() for r in receiver.wait_for(len(tasks))]
    assert len(hooks) == len(tasks)
    csv_text, xlsx_text = _exports(tracker)
    feed_text = json.dumps(items, ensure_ascii=False)
    outputs = {"feed": feed_text, "webhook": "\n".join(hooks), "csv": csv_text, "xlsx": xlsx_text}
    record = items[0]["record"]
    # Always there: the document's metadata, the number of tasks, the deadlines, the results.
    assert record["document"]["number"] == str(40 + clearance)
    assert record["document"]["task_count"] == len(tasks)
    assert any(i["record"]["deadline"]["date"] == "2026-06-25" for i in items)
    assert "status" in record and "results" in record and "evaluation" in record
    for name, text in outputs.items():
        assert f"{40 + clearance}" in text, name
        assert "2026-06-25" in text, name
    if level is None:
        assert record["content_withheld"] is False and record["document"]["summary"]
        assert record["task"]["content"] and record["lead"]
        for name, text in outputs.items():
            assert TASK_WORDS in text and TITLE_WORDS in text, name
    else:
        assert record["content_withheld"] is True and record["document"]["summary"] is None
        assert all(i["record"]["task"] is None and i["record"]["lead"] is None
                   and i["record"]["support"] is None and i["record"]["deadline"]["text"] is None for i in items)
        assert record["document"]["secrecy"] == level
        for name, text in outputs.items():
            assert TASK_WORDS not in text, f"task content in the {name}"
            assert TITLE_WORDS not in text, f"the summary in the {name}"
            assert "Văn phòng Trung ương Đảng" not in text, f"a lead body in the {name}"


@pytest.mark.parametrize(("level", "header_line"), [("Mật", "MẬT"), ("Tối mật", "TỐI MẬT")])
def test_secrecy_review_screen_needs_a_clearance(team, level, header_line):
    cleared = team.user("reviewer", clearance=CLEARANCE_FOR[level])
    answer = upload(cleared, sample_bytes(header_line=header_line, number=f"5{CLEARANCE_FOR[level]}-KL/TW"))
    view = wait_until_extracted(cleared, answer.json()["id"])
    assert any(TASK_WORDS in (p["text"] or "") for p in view["proposals"])
    uncleared = team.user("reviewer", clearance=CLEARANCE_FOR[level] - 1)
    withheld = uncleared.get(f"/api/v1/documents/{view['id']}").json()
    assert withheld["content_withheld"] and withheld["text"] is None
    assert withheld["metadata"]["title"] is None
    shown = json.dumps(withheld, ensure_ascii=False)
    assert TASK_WORDS not in shown and TITLE_WORDS not in shown
    assert all(p["product"] is None and p["spans"] is None and p["deadline"]["text"] is None
               for p in withheld["proposals"])
    listed = uncleared.get("/api/v1/documents").json()["items"]
    assert [d["metadata"]["title"] for d in listed] == [None]
    proposal = withheld["proposals"][0]
    refused = uncleared.patch(f"/api/v1/proposals/{proposal['id']}", json={"status": "accepted", "version": 1})
    assert refused.status_code == 403
    history = uncleared.get(f"/api/v1/documents/{view['id']}/history").json()
    assert all(h["before"] is None and h["after"] is None for h in history)


def test_secrecy_top_secret_is_refused_and_never_reaches_the_feed(team):
    tracker = team.key("tracker")
    answer = upload(team.reviewer, sample_bytes(header_line="TUYỆT MẬT", number="60-KL/TW"))
    assert answer.status_code == 422 and answer.json()["code"] == "E102"
    time.sleep(0.1)
    assert team.reviewer.get("/api/v1/documents").json()["total"] == 0
    assert pull_all(tracker)[0] == []
    assert tracker.get("/api/v1/exports/tasks.csv").text.count("\n") == 1  # the header only


@pytest.mark.parametrize("variant", ["non-breaking space", "zero-width space", "letter (A)",
                                     "same line as the party", "line 17 after addressees",
                                     "broken over two lines"])
def test_secrecy_top_secret_variants_refused_at_upload(team, variant):
    from secrecy_variants import VARIANTS

    answer = upload(team.reviewer, VARIANTS[variant].encode("utf-8"))
    assert answer.status_code == 422 and answer.json()["code"] == "E102", answer.text
    assert "Tuyệt mật" in answer.json()["detail"]
    assert team.reviewer.get("/api/v1/documents").json()["total"] == 0


def test_secrecy_ambiguous_mark_refused_and_says_why(team):
    from secrecy_variants import with_line

    answer = upload(team.reviewer, with_line("TUY MẬT").encode("utf-8"))
    assert answer.status_code == 422 and answer.json()["code"] == "E102"
    assert "highest level it could be" in answer.json()["detail"]


def test_secrecy_marks_that_disagree_give_the_higher_level_and_the_history_says_so(team):
    from secrecy_variants import with_line

    cleared = team.user("reviewer", clearance=CLEARANCE_FOR["Tối mật"])
    answer = upload(cleared, with_line("MẬT").replace("Nơi nhận:", "TỐI MẬT\nNơi nhận:").encode("utf-8"))
    view = wait_until_extracted(cleared, answer.json()["id"])
    assert view["metadata"]["secrecy"] == "Tối mật"
    [uploaded] = [h for h in cleared.get(f"/api/v1/documents/{view['id']}/history").json()
                  if h["action"] == "document.upload"]
    assert "different levels (Mật, Tối mật)" in uploaded["after"]["secrecy_note"]
