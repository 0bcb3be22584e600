"""The request body cap at the edge: every body, with a Content-Length or chunked, is counted
as it arrives, before authentication and before any handler reads it.

    Content-Length over the cap        → 413 at once, nothing read
    chunked (or any) body past the cap → reading stops there, 413

A request without credentials (no ``Authorization`` header, no session cookie) can only log
in, so its cap is ``ANONYMOUS_MAX_BYTES``: an anonymous 50 MB body costs 64 KB, not 50 MB.
Having credentials is only looked at, not checked, here: a forged header buys the upload cap
and no more; the handler still refuses it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import problems
from api.errors import UploadTooLarge

# A login body is under 1 KB; nothing else can be sent without credentials.
ANONYMOUS_MAX_BYTES = 64 * 1024
_SESSION_COOKIE = b"giaoviec_session="


class BodyLimitMiddleware:
    """413 for a request whose body is (or would be) over the cap; must be the outermost
    middleware, so nothing before it reads the body."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, anonymous_max_bytes: int = ANONYMOUS_MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.anonymous_max_bytes = min(anonymous_max_bytes, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        limit = self.max_bytes if _has_credentials(headers) else self.anonymous_max_bytes
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(scope, receive, send, limit)
            return
        await _LimitedRequest(self.app, limit).run(scope, receive, send)


class _LimitedRequest:
    """One request whose body is counted; past the cap the app sees the client disconnect, its
    own answer is dropped, and the caller gets the 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.received = 0
        self.over = False
        self.started = False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def limited_receive() -> Message:
            if self.over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if self.over and not self.started:
                return  # the app's answer to a "disconnect" (400 or 500): the 413 replaces it
            if message["type"] == "http.response.start":
                self.started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)
        if self.over and not self.started:
            await _too_large(scope, receive, send, self.limit)


def _has_credentials(headers: dict[bytes, bytes]) -> bool:
    return b"authorization" in headers or _SESSION_COOKIE in headers.get(b"cookie", b"")


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    error = UploadTooLarge(
        f"the request body is over the limit of {limit / 1024 / 1024:.2f} MB (without credentials "
        f"only {ANONYMOUS_MAX_BYTES // 1024} KB may be sent); split the file or ask the administrator to "
        "raise GIAOVIEC_MAX_UPLOAD_MB")
    response = problems.problem(413, error.code, "Request body too large", error.message,
                                instance=scope.get("path"), headers={"Connection": "close"},
                                max_bytes=limit)
    await response(scope, receive, send)
