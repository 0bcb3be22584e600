"""Every error as one JSON problem (RFC 9457, ``application/problem+json``).

    {"type": "https://giaoviec.vn/problems/E106", "title": "Not found", "status": 404,
     "detail": "no document 12 in your organisation", "code": "E106",
     "detail_vi": "Không tìm thấy văn bản hoặc nhiệm vụ này.", "instance": "/api/v1/documents/12"}

The map from exception class to HTTP status lives here. Only ``CatchAllMiddleware`` catches
``Exception``: it logs the error and answers 500 with the code ``internal``, never a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors
from api.logging import fields
from api.messages_vi import message_vi
from extraction.errors import (
    CorruptFile,
    EmptyInput,
    EncryptedFile,
    FileTooLarge,
    GiaoviecError,
    InputError,
    NoTextLayer,
    NotVietnamese,
    OcrFailed,
    UnsupportedType,
)

log = logging.getLogger(__name__)

TYPE_BASE = "https://giaoviec.vn/problems/"
MEDIA_TYPE = "application/problem+json"

# Most specific class first.
STATUS: tuple[tuple[type[GiaoviecError], int, str], ...] = (
    (UnsupportedType, 415, "Unsupported file type"),
    (EmptyInput, 422, "Empty file"),
    (CorruptFile, 422, "Corrupt file"),
    (EncryptedFile, 422, "Encrypted file"),
    (NoTextLayer, 422, "No text layer"),
    (NotVietnamese, 422, "Not Vietnamese"),
    (OcrFailed, 422, "OCR failed"),
    (FileTooLarge, 422, "File refused by the sanity checks"),
    (InputError, 422, "Invalid input"),
    (errors.UploadTooLarge, 413, "Upload too large"),
    (errors.SecrecyRefused, 422, "Tuyệt mật document refused"),
    (errors.NotAuthenticated, 401, "Not authenticated"),
    (errors.Forbidden, 403, "Forbidden"),
    (errors.CsrfFailed, 403, "CSRF check failed"),
    (errors.NotFound, 404, "Not found"),
    (errors.VersionConflict, 409, "Version conflict"),
    (errors.UndecidedProposals, 409, "Undecided proposals"),
    (errors.WrongState, 409, "Wrong state"),
    (errors.InvalidDeadline, 422, "Inconsistent deadline"),
    (errors.InvalidRequest, 422, "Invalid request"),
    (errors.LoginFailed, 401, "Login failed"),
    (errors.TooManyLogins, 429, "Too many failed logins"),
    (errors.IdempotencyConflict, 422, "Idempotency key reused"),
)


def problem(status: int, code: str, title: str, detail: str, *, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        "detail_vi": message_vi(code),
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_of(error: GiaoviecError) -> tuple[int, str]:
    for cls, status, title in STATUS:
        if isinstance(error, cls):
            return status, title
    return 400, "Bad request"


async def _giaoviec_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, GiaoviecError)
    status, title = status_of(error)
    extra = getattr(error, "extra", {})
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if status == 429 and "retry_after" in extra:
        headers = {"Retry-After": str(extra["retry_after"])}
    log.info("request_refused", extra=fields(code=error.code, status=status, path=request.url.path))
    return problem(status, error.code, title, error.message, instance=request.url.path,
                   headers=headers, **extra)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [_error_entry(e) for e in error.errors()]
    if any(e["type"] == "json_invalid" for e in details):
        detail = "the request body is not valid JSON: " + "; ".join(
            e["msg"] for e in details if e["type"] == "json_invalid"
        )
    else:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in details)
    return problem(422, errors.InvalidRequest.code, "Invalid request", detail,
                   instance=request.url.path, errors=details)


def _error_entry(entry: Any) -> dict[str, Any]:
    # Only JSON-safe parts: the input may hold bytes or a document's text.
    return {"loc": list(entry.get("loc", ())), "msg": str(entry.get("msg", "")),
            "type": str(entry.get("type", ""))}


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 404:
        code, detail = "E112", f"no such path: {request.url.path}"
    elif error.status_code == 405:
        code, detail = "E112", f"{request.method} is not allowed on {request.url.path}"
    else:
        code, detail = "E110", str(error.detail)
    return problem(error.status_code, code, _reason(error.status_code), detail,
                   instance=request.url.path, headers=getattr(error, "headers", None))


def _reason(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase


def install(app: FastAPI) -> None:
    """Register the handlers and the catch-all middleware on ``app``."""
    app.add_exception_handler(GiaoviecError, _giaoviec_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(CatchAllMiddleware)


class CatchAllMiddleware:
    """Turns an unexpected exception into a 500 problem, logged with its traceback."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:  # the top-level handler: log, answer 500, never a traceback
            log.exception("internal_error", extra=fields(path=scope.get("path")))
            if started:
                raise
            body = {
                "type": TYPE_BASE + "internal",
                "title": "Internal Server Error",
                "status": 500,
                "detail": "an unexpected error happened; it has been logged",
                "code": "internal",
                "detail_vi": message_vi("internal"),
            }
            data = json.dumps(body, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", MEDIA_TYPE.encode()),
                                    (b"content-length", str(len(data)).encode())]})
            await send({"type": "http.response.body", "body": data})
