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


async def _subscribe(ws, sub_id: str, variables: dict | None = None) -> None:
    await ws.send(json.dumps({"id": sub_id, "type": "subscribe", "payload": {
        "query": UPDATED, "variables": variables or {}}}))


async def _open(url: str, token: str):
    ws = await websockets.connect(url.replace("http://", "ws://") + "/graphql",
                                  subprotocols=["graphql-transport-ws"])
    await ws.send(json.dumps({"type": "connection_init",
                              "payload": {"authorization": f"Bearer {token}"}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _next(ws, seconds: float = 10.0) -> dict[str, Any]:
    message = json.loads(await asyncio.wait_for(ws.recv(), seconds))
    assert message["type"] == "next", message
    return message


async def test_identical_subscriptions_share_a_stream_yet_come_and_go_alone(client, app,
                                                                            live_server,
                                                                            database):
    """Two sign-ins of one clerk (three subscriptions of one document) form one group
    on the server; each still gets its own id, and one leaving stops only itself."""
    version = await make_version()
    citizen = await new_citizen(client, app)
    clerk_a, clerk_b = (await staff_token(client, "clerk.xihu"),
                        await staff_token(client, "clerk.xihu"))
    application = await submitted(client, citizen, version)
    sid = staff_id(application["id"])
    async with live_server(REDIS_URL=shared_redis_url(database)) as server:
        first, second = await _open(server.url, clerk_a), await _open(server.url, clerk_b)
        mine = await _open(server.url, citizen.token)
        try:
            await _subscribe(first, "a1")
            await _subscribe(first, "a2")
            await _subscribe(second, "b1")
            await _subscribe(mine, "c1")
            await asyncio.sleep(1.0)
            moved = await _post(server.url, staff_mutation("applicationPreReviewStart"),
                                {"input": {"applicationId": sid}}, clerk_a)
            assert moved["applicationPreReviewStart"]["errors"] == []
            got = [await _next(first), await _next(first), await _next(second)]
            assert sorted(m["id"] for m in got) == ["a1", "a2", "b1"]
            staff_views = {json.dumps(m["payload"], sort_keys=True) for m in got}
            assert len(staff_views) == 1  # one result, three recipients
            assert got[0]["payload"]["data"]["applicationUpdated"]["staffApplication"][
                "id"] == sid
            citizens = await _next(mine)  # another identity: its own execution and shape
            assert citizens["id"] == "c1"
            update = citizens["payload"]["data"]["applicationUpdated"]
            assert update["staffApplication"] is None and update["application"]["id"] == \
                application["id"]

            await first.send(json.dumps({"id": "a2", "type": "complete"}))
            await asyncio.sleep(0.3)
            moved = await _post(server.url, staff_mutation("applicationAccept"),
                                {"input": {"applicationId": sid}}, clerk_a)
            assert moved["applicationAccept"]["errors"] == []
            assert (await _next(first))["id"] == "a1"
            assert (await _next(second))["id"] == "b1"
            with pytest.raises(asyncio.TimeoutError):  # a2 has left: nothing more for it
                await _next(first, 1.5)
            # a document that does not validate: an error shaped as over HTTP
            await second.send(json.dumps({"id": "bad", "type": "subscribe", "payload": {
                "query": "subscription { applicationUpdated { noSuchField } }"}}))
            refused = json.loads(await asyncio.wait_for(second.recv(), 10))
            assert refused["type"] == "error" and refused["id"] == "bad"
            assert refused["payload"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        finally:
            for ws in (first, second, mine):
                await ws.close()
