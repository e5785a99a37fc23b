"""WebSocket sign-in: the token and the handheld's device id go in connection_init."""

from __future__ import annotations

import json
import uuid

import pytest
import websockets

from schema.node import to_global_id
from tests.accounts.support import make_staff
from tests.helpers import gql, staff_token

ISSUE = """mutation($input: DeviceActivationCodeIssueInput!) {
  deviceActivationCodeIssue(input: $input) { code } }"""
ACTIVATE = """mutation($input: DeviceActivateInput!) {
  deviceActivate(input: $input) { accessToken errors { code } } }"""


async def _connect(url: str, payload: dict) -> dict | int:
    """The server's answer to connection_init: the ack, or the close code."""
    ws_url = url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        try:
            return json.loads(await ws.recv())
        except websockets.ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else -1


@pytest.mark.live
async def test_a_handheld_token_opens_a_websocket_only_from_its_own_device(client,
                                                                          live_server):
    inspector = await make_staff(["INSPECTOR"])
    admin = await staff_token(client, "admin.xihu")
    code = (await gql(client, ISSUE, {"input": {"accountId": to_global_id(
        "Account", inspector.id)}}, token=admin))["deviceActivationCodeIssue"]["code"]
    device = f"HH-{uuid.uuid4().hex[:12]}"
    token = (await gql(client, ACTIVATE, {"input": {"code": code, "deviceId": device}})
             )["deviceActivate"]["accessToken"]
    async with live_server() as server:
        ack = await _connect(server.url, {"authorization": f"Bearer {token}",
                                          "deviceId": device})
        assert ack == {"type": "connection_ack", "payload": {"viewer": "STAFF"}}
        refused = await _connect(server.url, {"authorization": f"Bearer {token}",
                                              "deviceId": "HH-someone-elses"})
        assert refused == 4403
        missing_device = await _connect(server.url, {"authorization": f"Bearer {token}"})
        assert missing_device == 4403
