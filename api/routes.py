"""Operational routes: liveness, readiness, metrics, JWKS."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api import metrics


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Ready only when both the database and Redis answer, within a second."""
    checks: dict[str, str] = {}
    try:
        from tortoise import connections

        await asyncio.wait_for(connections.get("default").execute_query("SELECT 1"), 1)
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - readiness reports, it does not raise
        checks["database"] = "unavailable"
    try:
        await asyncio.wait_for(request.app.state.redis.ping(), 1)
        checks["redis"] = "ok"
    except Exception:  # noqa: BLE001
        checks["redis"] = "unavailable"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                        status_code=200 if ready else 503)


async def metrics_endpoint(_request: Request) -> Response:
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)


async def jwks(request: Request) -> Response:
    return JSONResponse(request.app.state.keyring.jwks(),
                        headers={"Cache-Control": "public, max-age=300"})
