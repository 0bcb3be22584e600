"""The review screen's HTML pages: login, the queue, and one document.

The pages are shells: they carry the layout, the Vietnamese labels and the message catalogue;
the scripts in ``static/`` fetch the data from ``/api/v1`` with the session cookie, so every
access rule stays in the API. The backend mounts :data:`STATIC_DIR` at :data:`STATIC_URL`.

Templates are rendered with autoescape on, and every page is sent with a Content-Security-Policy
that allows only the service's own scripts and styles: document text that contains HTML is
shown as text and can never run.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from review_ui.messages_vi import UI, client_messages

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_URL = "/static/review"

# Only the service's own files; no inline script, no CDN, no framing (clickjacking).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

router = APIRouter(prefix="/review", include_in_schema=False)


@cache
def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


@cache
def _asset_version() -> str:
    """Changes whenever a static file changes, so browsers never run a stale script."""
    newest = max((p.stat().st_mtime_ns for p in STATIC_DIR.rglob("*") if p.is_file()), default=0)
    return format(newest, "x")


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    page = _templates().TemplateResponse(
        request,
        template,
        {
            "ui": UI,
            "messages": client_messages(),
            "static": STATIC_URL,
            "version": _asset_version(),
            **context,
        },
    )
    page.headers.update(PAGE_HEADERS)
    return page


@router.get("", response_class=RedirectResponse)
def review_root() -> RedirectResponse:
    return RedirectResponse("/review/", status_code=307)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return _render(request, "login.html", page="login")


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request) -> HTMLResponse:
    return _render(request, "queue.html", page="queue")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    return _render(request, "document.html", page="document", document_id=document_id)
