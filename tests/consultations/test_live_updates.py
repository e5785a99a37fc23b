"""Real-time: the sender follows a consultation over the WebSocket while staff handle it."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets

from tests.consultations.support import REPLY, citizen, staff, submitted

SUBSCRIBE = """subscription($id: ID!) { consultationUpdated(id: $id) {
  id status reply timeline { action } } }"""
QUEUE_SUBSCRIBE = """subscription { consultationQueueUpdated {
  consultationId status consultation { id status } } }"""


async def _open(url: str, token: str):
    ws = await websockets.connect(url.replace("http://", "ws://") + "/graphql",
                                  subprotocols=["graphql-transport-ws"])
    await ws.send(json.dumps({"type": "connection_init",
                              "payload": {"authorization": f"Bearer {token}"}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _next(ws) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), 10))


@pytest.mark.live
async def test_the_sender_and_the_department_see_the_reply_as_it_happens(client, app,
                                                                         live_server):
    sender = await citizen(client, app)
    made = await submitted(client, sender, kind="COMPLAINT",
                           content="商场促销价格欺诈，标示原价虚高。")
    clerk = await staff(client, ["CLERK"])
    stranger = await citizen(client, app)
    async with live_server() as server:
        follower = await _open(server.url, sender)
        queue = await _open(server.url, clerk)
        outsider = await _open(server.url, stranger)
        try:
            await follower.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": SUBSCRIBE, "variables": {"id": made["id"]}}}))
            await queue.send(json.dumps({"id": "q", "type": "subscribe",
                                         "payload": {"query": QUEUE_SUBSCRIBE}}))
            await outsider.send(json.dumps({"id": "x", "type": "subscribe", "payload": {
                "query": SUBSCRIBE, "variables": {"id": made["id"]}}}))
            refused = await _next(outsider)
            errors = refused["payload"] if refused["type"] == "error" else \
                refused["payload"]["errors"]
            assert errors[0]["message"] == "诉求不存在"
            assert errors[0]["extensions"]["code"] == "NOT_FOUND"  # as over HTTP
            await asyncio.sleep(0.3)  # let both subscriptions register
            async with httpx.AsyncClient(base_url=server.url) as http:
                response = await http.post("/graphql", json={"query": REPLY, "variables": {
                    "input": {"id": made["id"], "reply": "已责令商场整改并立案调查。"}}},
                    headers={"Authorization": f"Bearer {clerk}"})
                assert response.json()["data"]["consultationReply"]["errors"] == []
            update = await _next(follower)
            assert update["type"] == "next", update
            seen = update["payload"]["data"]["consultationUpdated"]
            assert seen["status"] == "REPLIED" and seen["reply"] == "已责令商场整改并立案调查。"
            assert [e["action"] for e in seen["timeline"]][-1] == "REPLY"
            queued = (await _next(queue))["payload"]["data"]["consultationQueueUpdated"]
            assert queued["consultationId"] == made["id"] and queued["status"] == "REPLIED"
        finally:
            for ws in (follower, queue, outsider):
                await ws.close()
