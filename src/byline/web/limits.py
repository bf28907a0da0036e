"""ASGI middleware for the web server's limits and security headers.

Kept as plain ASGI (not Starlette's ``BaseHTTPMiddleware``) so a request body
is counted as it streams in: a client that lies about, or omits,
``Content-Length`` is still cut off at the limit with a 413.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from byline import errors as messages

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The page's policy: nothing but this server's own scripts, styles and API.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
#: Swagger UI (at /docs) sets inline styles; it shows no article text.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def error_body(status: int, message: str) -> bytes:
    """The JSON every error answer carries: ``{"error": {"status", "message"}}``."""
    return json.dumps({"error": {"status": status, "message": message}}).encode("utf-8")


async def send_error(send: Send, status: int, message: str) -> None:
    body = error_body(status, message)
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


class SizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413 and a JSON message."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await send_error(send, 400, messages.BAD_CONTENT_LENGTH)
                    return
                if declared > limit:
                    await send_error(send, 413, messages.request_too_large(declared, limit))
                    return
        seen = 0
        started = rejected = False

        async def counting_receive() -> Message:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # Answer 413 now; the app sees the client go away and its
                    # own answer (if any) is dropped.
                    rejected = True
                    if not started:
                        await send_error(send, 413, messages.request_too_large(seen - 1, limit, streamed=True))
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)


class SecurityHeaders:
    """Add a strict Content-Security-Policy and friends to every answer."""

    def __init__(self, app: ASGIApp, docs_paths: tuple[str, ...] = ("/docs",)):
        self.app = app
        self.docs_paths = docs_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path in self.docs_paths else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp.encode()))
                headers.extend(SECURITY_HEADERS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
