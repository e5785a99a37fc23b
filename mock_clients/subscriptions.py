"""GraphQL subscriptions over WebSocket (``graphql-transport-ws``), authenticated in
``connection_init`` with ``{"authorization": "Bearer …", "deviceId": …}`` as the
gateway expects."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection, connect

from mock_clients.errors import UnexpectedAnswer


class Subscription:
    """One ``graphql-transport-ws`` connection holding one subscription."""

    def __init__(self, url: str, document: str, variables: dict[str, Any], token: str | None,
                 device_id: str | None) -> None:
        self.url, self.document, self.variables = url, document, variables
        self.params: dict[str, Any] = {}
        if token:
            self.params["authorization"] = f"Bearer {token}"
        if device_id:
            self.params["deviceId"] = device_id
        self.ws: ClientConnection | None = None

    async def __aenter__(self) -> Subscription:
        self.ws = await connect(self.url, subprotocols=["graphql-transport-ws"])
        await self.ws.send(json.dumps({"type": "connection_init", "payload": self.params}))
        ack = json.loads(await asyncio.wait_for(self.ws.recv(), 10))
        if ack.get("type") != "connection_ack":
            raise UnexpectedAnswer(f"WebSocket 连接未被接受：{ack}")
        await self.ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
            "query": self.document, "variables": self.variables}}))
        return self

    async def next(self, seconds: float = 15.0) -> dict[str, Any]:
        """The data of the next event (pings answered on the way)."""
        assert self.ws is not None
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), seconds))
            kind = message.get("type")
            if kind == "ping":
                await self.ws.send(json.dumps({"type": "pong"}))
                continue
            if kind == "next":
                payload = message.get("payload") or {}
                if payload.get("errors"):
                    raise UnexpectedAnswer(f"订阅推送出错：{payload['errors']}")
                return payload["data"]
            raise UnexpectedAnswer(f"订阅意外结束：{message}")

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            # the connection may already be gone; closing is all that is left to do
            with contextlib.suppress(ConnectionError, websockets.ConnectionClosed):
                await self.ws.send(json.dumps({"id": "1", "type": "complete"}))
            await self.ws.close()
