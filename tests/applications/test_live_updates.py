"""Live progress across real server processes: a move on one reaches a WebSocket
subscriber on another through Redis pub/sub, and only the people allowed to see it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import websockets

from tests.applications.support import (
    make_version,
    new_citizen,
    staff_id,
    staff_mutation,
    staff_token,
    submitted,
)
from tests.conftest import shared_redis_url

pytestmark = pytest.mark.live

UPDATED = """subscription($id: ID) { applicationUpdated(applicationId: $id) {
  action status application { id status } staffApplication { id status side } } }"""


class Subscriber:
    """A graphql-transport-ws client holding one subscription."""

    def __init__(self, url: str, token: str, variables: dict[str, Any] | None = None) -> None:
        self.url = url.replace("http://", "ws://") + "/graphql"
        self.token = token
        self.variables = variables or {}

    async def __aenter__(self) -> Subscriber:
        self.ws = await websockets.connect(self.url, subprotocols=["graphql-transport-ws"])
        await self.ws.send(json.dumps({"type": "connection_init",
                                       "payload": {"authorization": f"Bearer {self.token}"}}))
        ack = json.loads(await self.ws.recv())
        assert ack["type"] == "connection_ack", ack
        await self.ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
            "query": UPDATED, "variables": self.variables}}))
        return self

    async def next(self, seconds: float = 10.0) -> dict[str, Any]:
        message = json.loads(await asyncio.wait_for(self.ws.recv(), seconds))
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        return message["payload"]["data"]["applicationUpdated"]

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()


async def _post(url: str, query: str, variables: dict, token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        response = await http.post("/graphql", json={"query": query, "variables": variables},
                                   headers={"Authorization": f"Bearer {token}"})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def test_a_move_on_one_process_reaches_subscribers_on_another(client, app, live_server,
                                                                    database):
    redis_url = shared_redis_url(database)
    version = await make_version()
    citizen, stranger = await new_citizen(client, app), await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    other_department = await staff_token(client, "clerk.yinzhou")
    application = await submitted(client, citizen, version)
    sid = staff_id(application["id"])
    async with live_server(REDIS_URL=redis_url) as first, \
            live_server(REDIS_URL=redis_url) as second:
        async with Subscriber(second.url, citizen.token) as mine, \
                Subscriber(second.url, clerk) as queue, \
                Subscriber(second.url, stranger.token, {"id": application["id"]}) as nosy, \
                Subscriber(second.url, other_department) as elsewhere:
            await asyncio.sleep(1.0)  # let the second process register the subscriptions
            moved = await _post(first.url, staff_mutation("applicationPreReviewStart"),
                                {"input": {"applicationId": sid}}, clerk)
            assert moved["applicationPreReviewStart"]["errors"] == []

            update = await mine.next()
            assert update["action"] == "START_PRE_REVIEW" and update["status"] == "PRE_REVIEW"
            assert update["application"]["id"] == application["id"]
            assert update["staffApplication"] is None
            staff_update = await queue.next()
            assert staff_update["staffApplication"] == {"id": sid, "status": "PRE_REVIEW",
                                                        "side": "HANDLING"}
            assert staff_update["application"] is None
            # another citizen, even naming the application, and another department hear nothing
            for silent in (nosy, elsewhere):
                with pytest.raises(asyncio.TimeoutError):
                    await silent.next(1.5)
