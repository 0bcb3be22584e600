"""How long the review screen takes for a 20-task document, driven by keyboard (issue 13).

    .venv/bin/python bench/review_bench.py [--document ../shared/corpus/dev/gov-12.txt]
                                           [--gold ../shared/corpus/dev/gov-12.gold.json]

Starts the service on a temporary SQLite database, uploads the document, and drives the review
screen in Debian's Chromium (Playwright, headless) the way an officer with the keyboard would:
``j`` to the next card; ``a`` when the proposal matches the gold task (same lead, same
deadline date); when it does not, ``e``, corrections typed into the fields (the lead typed
until the autocomplete offers it first, then ArrowDown+Enter; the date typed dd/mm/yyyy) and
``Ctrl+Enter``; ``r`` for a proposal that is no task of the gold. Every key pressed is
counted (a typed character is one key). It prints the keystrokes and seconds per task, against
the office's anchor: typing a 20-task document into a tracker by hand takes about an hour
(180 s a task).

Gold tasks the extractor missed are counted but not added: adding one needs a text selection
with the mouse.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.db.session import Database  # noqa: E402
from api.services.auth import add_user  # noqa: E402
from api.settings import Settings  # noqa: E402

DEV = ROOT.parent / "shared" / "corpus" / "dev"
CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "bench-approver", "mat-khau-bench-rat-dai"
MANUAL_SECONDS_PER_TASK = 3600 / 20  # the office's anchor: an hour for a 20-task document
MATCH = 0.5  # share of shared words for a proposal to be the same task as a gold one


@dataclass
class Keys:
    """The keyboard, counting every key pressed (a typed character counts one)."""

    page: Page
    count: int = 0
    by_action: dict[str, int] = field(default_factory=dict)

    def press(self, key: str, *, why: str) -> None:
        self.page.keyboard.press(key)
        self._add(why, 1)

    def type(self, text: str, *, why: str) -> None:
        self.page.keyboard.type(text, delay=5)
        self._add(why, len(text))

    def _add(self, why: str, n: int) -> None:
        self.count += n
        self.by_action[why] = self.by_action.get(why, 0) + n


def serve(data_dir: Path) -> tuple[str, uvicorn.Server, threading.Thread]:
    settings = Settings(_env_file=None, environment="development", data_dir=data_dir,
                        log_level="WARNING", log_format="text")
    app = create_app(settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    db = Database(settings.url)
    add_user(db, username=USER, password=PASSWORD, org="Văn phòng bench", role="approver",
             now=datetime.now(UTC))
    db.dispose()
    host, port = sock.getsockname()
    return f"http://{host}:{port}", server, thread


def upload(url: str, path: Path) -> int:
    with httpx.Client(base_url=url, timeout=120) as client:
        client.post("/api/v1/session", json={"username": USER, "password": PASSWORD}).raise_for_status()
        client.headers["X-CSRF-Token"] = client.cookies["giaoviec_csrf"]
        answer = client.post("/api/v1/documents", files={"file": (path.name, path.read_bytes())})
        answer.raise_for_status()
        document_id = int(answer.json()["id"])
        while client.get(f"/api/v1/documents/{document_id}").json()["status"] == "received":
            time.sleep(0.2)
    return document_id


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def match(proposals: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Proposal id → its gold task, one to one, the closest pairs first."""
    pairs = []
    for p in proposals:
        for i, g in enumerate(gold):
            a, b = words(p["text"] or ""), words(g["text"])
            share = len(a & b) / max(1, min(len(a), len(b)))
            if share >= MATCH:
                pairs.append((share, p["id"], i))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    out = {}
    for _, pid, gi in sorted(pairs, reverse=True):
        if pid not in taken_p and gi not in taken_g:
            out[pid] = gold[gi]
            taken_p.add(pid)
            taken_g.add(gi)
    return out


def shortest_prefixes(url: str, names: set[str]) -> dict[str, str | None]:
    """For each name, the shortest prefix (3 characters or more) for which the autocomplete
    offers the name first; None when only the whole name typed out gets it in."""
    out: dict[str, str | None] = {}
    with httpx.Client(base_url=url, timeout=30) as client:
        client.post("/api/v1/session", json={"username": USER, "password": PASSWORD}).raise_for_status()
        for name in names:
            out[name] = None
            for k in range(3, len(name) + 1):
                options = client.get("/api/v1/bodies", params={"q": name[:k]}).json()
                if options and options[0]["name"] == name:
                    out[name] = name[:k]
                    break
    return out


def pick_body(page: Page, keys: Keys, card: Any, name: str, prefix: str | None) -> None:
    """Type the prefix, wait for the name to be offered first, ArrowDown+Enter; the whole name
    and Enter when the directory does not know it."""
    if prefix is None:
        keys.type(name, why="lead")
        keys.press("Enter", why="lead")
        return
    keys.type(prefix, why="lead")
    card.locator(".combo-option .option-name").first.filter(has_text=name).wait_for()
    keys.press("ArrowDown", why="lead")
    keys.press("Enter", why="lead")


def correct(page: Page, keys: Keys, proposal: dict[str, Any], gold: dict[str, Any],
            prefixes: dict[str, str | None]) -> None:
    """``e``, then the lead and the date fixed by keyboard, then Ctrl+Enter."""
    keys.press("e", why="edit")
    card = page.locator(f'#cards .card[data-id="{proposal["id"]}"]')
    card.locator(".combo-input").first.wait_for()
    if proposal["lead"] != gold["lead"]:
        for _ in proposal["lead"]:
            keys.press("Backspace", why="lead")
        for name in gold["lead"]:
            pick_body(page, keys, card, name, prefixes[name])
    if (proposal["deadline"] or {}).get("date") != gold["deadline"]["date"]:
        while not page.evaluate("() => document.activeElement?.classList.contains('deadline-date')"):
            keys.press("Tab", why="move to date")
        page.keyboard.press("Control+a")
        keys._add("date", 1)
        if gold["deadline"]["date"]:
            y, m, d = gold["deadline"]["date"].split("-")
            keys.type(f"{d}/{m}/{y}", why="date")
        else:
            keys.press("Delete", why="date")
            while not page.evaluate("() => document.activeElement?.classList.contains('deadline-kind')"):
                keys.press("Tab", why="move to kind")
            page.select_option(f'#cards .card[data-id="{proposal["id"]}"] .deadline-kind', "none")
            keys._add("kind", 2)
    keys.press("Control+Enter", why="save")
    card.locator(".card-message").wait_for()


def review(page: Page, keys: Keys, document_id: int, gold: list[dict[str, Any]], url: str,
           prefixes: dict[str, str | None]) -> dict[str, int]:
    page.goto(f"{url}/review/documents/{document_id}")
    page.locator("#cards .card").first.wait_for()
    data = page.evaluate(f"() => fetch('/api/v1/documents/{document_id}').then(r => r.json())")
    proposals = sorted(data["proposals"], key=lambda p: (p["start"] if p["start"] is not None else 10**9, p["id"]))
    matched = match(proposals, gold)
    tally = {"accepted": 0, "corrected": 0, "rejected": 0}
    for index, proposal in enumerate(proposals):
        card = page.locator(f'#cards .card[data-id="{proposal["id"]}"]')
        if "selected" not in (card.get_attribute("class") or ""):
            keys.press("j", why="next")
        g = matched.get(proposal["id"])
        if g is None:
            keys.press("r", why="reject")
            tally["rejected"] += 1
        elif proposal["lead"] == g["lead"] and (proposal["deadline"] or {}).get("date") == g["deadline"]["date"]:
            keys.press("a", why="accept")
            tally["accepted"] += 1
        else:
            card.focus()
            correct(page, keys, proposal, g, prefixes)
            tally["corrected"] += 1
        card.wait_for(state="attached")
        page.wait_for_function(f"() => document.querySelector('#cards .card[data-id=\"{proposal['id']}\"]')"
                               "?.dataset.status !== 'proposed'")
        if index + 1 < len(proposals):
            page.locator(f'#cards .card[data-id="{proposals[index + 1]["id"]}"]').focus()
    page.locator("#publish").focus()
    keys.press("Enter", why="publish")
    page.locator("#publish-confirm").focus()
    keys.press("Enter", why="publish")
    page.locator("#doc-status", has_text="Đã công bố").wait_for()
    tally["missed"] = len(gold) - len(matched)
    tally["proposals"] = len(proposals)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--document", type=Path, default=DEV / "gov-12.txt")
    parser.add_argument("--gold", type=Path, default=None, help="default: the document's .gold.json")
    args = parser.parse_args()
    gold_path = args.gold or args.document.with_name(args.document.stem + ".gold.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["tasks"]
    with tempfile.TemporaryDirectory() as tmp:
        url, server, thread = serve(Path(tmp))
        document_id = upload(url, args.document)
        prefixes = shortest_prefixes(url, {name for task in gold for name in task["lead"]})
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768}).new_page()
            keys = Keys(page)
            started = time.perf_counter()
            page.goto(f"{url}/review/login")
            page.locator("#username").focus()
            keys.type(USER, why="login")
            keys.press("Tab", why="login")
            keys.type(PASSWORD, why="login")
            keys.press("Enter", why="login")
            page.wait_for_url("**/review/")
            tally = review(page, keys, document_id, gold, url, prefixes)
            seconds = time.perf_counter() - started
            browser.close()
        server.should_exit = True
        thread.join(timeout=30)
    tasks = len(gold)
    print(f"document: {args.document.name}, gold tasks: {tasks}, proposals: {tally['proposals']}")
    print(f"  accepted as proposed: {tally['accepted']}, corrected: {tally['corrected']}, "
          f"rejected: {tally['rejected']}, missed by the extractor (not added here): {tally['missed']}")
    print(f"keystrokes: {keys.count} in all, {keys.count / tasks:.1f} per task "
          f"(login {keys.by_action.get('login', 0)}: the user name and password typed)")
    print("  by action: " + ", ".join(f"{k} {v}" for k, v in sorted(keys.by_action.items())))
    print(f"seconds (the screen's own time, the machine typing): {seconds:.1f} in all, "
          f"{seconds / tasks:.2f} per task")
    print(f"anchor: typing the document into a tracker by hand, about {MANUAL_SECONDS_PER_TASK:.0f} s per task")


if __name__ == "__main__":
    main()
