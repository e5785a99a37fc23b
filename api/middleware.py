"""ASGI middleware: request id, JSON access log and HTTP metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid

from api import metrics

log = logging.getLogger("gateway.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives every request an id (kept from X-Request-Id if it is sane), echoes it,
    and writes one access-log line. Logs the path only: query strings may carry
    variables, which must never reach a log."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or ()).get(b"x-request-id", b"").decode(
            "latin-1")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_holder = {"status": 0}

        async def send_with_id(message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"x-request-id" for k, _ in headers):
                    headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if scope["type"] == "http":
                elapsed = (time.perf_counter() - started) * 1000
                route = scope.get("path", "")
                route = route if route in _KNOWN_ROUTES else "other"
                metrics.HTTP_REQUESTS.labels(route, str(status_holder["status"])).inc()
                log.info("request", extra={
                    "request_id": request_id, "method": scope.get("method"),
                    "path": scope.get("path"), "status": status_holder["status"],
                    "ms": round(elapsed, 2)})


_KNOWN_ROUTES = {"/graphql", "/healthz", "/readyz", "/metrics", "/.well-known/jwks.json"}
