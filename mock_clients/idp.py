"""A mock identity provider (统一身份认证) for the host-platform ticket sign-in.

A real HTTP server, run on its own:

    python -m mock_clients.idp --port 8001

It plays both sides of the host platform:

- ``POST /api/v1/tickets`` {idNumber, name, phone, enterprises?} → 201
  {ticket, expiresIn}: what the host app does after the user signs in to it;
  the mini-program gets the ticket. (Development only: a real provider has no
  such endpoint.)
- ``POST /api/v1/tickets/exchange`` {appId, appSecret, ticket} → 200 {idNumber,
  name, phone, enterprises: [{creditCode, name, role}]}; 401 for a wrong app;
  400 {"error": "invalid_ticket"} for an unknown, expired or used ticket. This is
  the server-to-server call the gateway makes. Tickets are single-use.
- ``GET /healthz``.

It imports nothing from the gateway: it is another system.
"""

from __future__ import annotations

import argparse
import secrets
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TICKET_LIFETIME_SECONDS = 300
IDENTITY_FIELDS = ("idNumber", "name", "phone")


def create_app(app_id: str = "zhengwu-gateway", app_secret: str = "dev-idp-app-secret"  # noqa: S107 - dev value
               ) -> Starlette:
    tickets: dict[str, tuple[float, dict[str, Any]]] = {}

    async def issue(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid_json"}, status_code=400)
        if not isinstance(body, dict) or not all(isinstance(body.get(f), str)
                                                 for f in ("idNumber", "name")):
            return JSONResponse({"error": "identity_required"}, status_code=400)
        identity = {f: body.get(f) for f in IDENTITY_FIELDS}
        identity["enterprises"] = list(body.get("enterprises") or [])
        ticket = secrets.token_urlsafe(24)
        tickets[ticket] = (time.monotonic() + TICKET_LIFETIME_SECONDS, identity)
        return JSONResponse({"ticket": ticket, "expiresIn": TICKET_LIFETIME_SECONDS},
                            status_code=201)

    async def exchange(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "invalid_json"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        if body.get("appId") != app_id or not secrets.compare_digest(
                str(body.get("appSecret", "")), app_secret):
            return JSONResponse({"error": "invalid_app"}, status_code=401)
        entry = tickets.pop(str(body.get("ticket", "")), None)  # single use
        if entry is None or entry[0] < time.monotonic():
            return JSONResponse({"error": "invalid_ticket"}, status_code=400)
        return JSONResponse(entry[1])

    async def healthz(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[
        Route("/api/v1/tickets", issue, methods=["POST"]),
        Route("/api/v1/tickets/exchange", exchange, methods=["POST"]),
        Route("/healthz", healthz),
    ])


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m mock_clients.idp")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--app-id", default="zhengwu-gateway")
    parser.add_argument("--app-secret", default="dev-idp-app-secret")
    args = parser.parse_args(argv)
    uvicorn.run(create_app(args.app_id, args.app_secret), host=args.host, port=args.port,
                log_level="warning")


if __name__ == "__main__":
    main()
