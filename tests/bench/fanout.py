"""Subscription fan-out: N subscribers on one worker, one update, time until all have it.

500 WebSocket connections (graphql-transport-ws) each hold 20 subscriptions (the
per-connection maximum) to ``applicationUpdated`` as a clerk of 西湖区, so the
worker's event hub has N local subscribers on the department's topic. The
update is published to Redis exactly as a mutation on another worker publishes
it; every subscriber then re-checks it against the application (one statement
per event per process) and receives its own GraphQL result. Measured from the
publish to the last delivery, for several updates."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import statistics
import time
from datetime import UTC, datetime

import httpx
import orjson
import redis.asyncio as redis_asyncio
from websockets.asyncio.client import connect

PER_CONNECTION = 20
SUBSCRIPTION = ("subscription { applicationUpdated { action status "
                "staffApplication { id status } } }")
QUEUE = """{ applicationQueue(first: 1) { edges { node { id status department { id } } } } }"""


def _key(global_id: str) -> str:
    padded = global_id + "=" * (-len(global_id) % 4)
    return base64.urlsafe_b64decode(padded).decode().split(":", 1)[1]


class Round:
    def __init__(self, expected: int) -> None:
        self.expected, self.started = expected, 0.0
        self.latencies: list[float] = []
        self.done = asyncio.Event()

    def delivered(self, _subscription: tuple[int, str]) -> None:
        self.latencies.append(time.perf_counter() - self.started)
        if len(self.latencies) >= self.expected:
            self.done.set()


class WarmUp(Round):
    """Subscriptions register on the server some time after they are sent: warm-up
    updates go out until every subscription has received one."""

    def __init__(self, expected: int) -> None:
        super().__init__(expected)
        self.seen: set[tuple[int, str]] = set()

    def delivered(self, subscription: tuple[int, str]) -> None:
        self.seen.add(subscription)
        if len(self.seen) >= self.expected:
            self.done.set()


async def _hold(index: int, url: str, token: str, ready: asyncio.Queue,
                rounds: dict[str, Round]) -> None:
    async with connect(url, subprotocols=["graphql-transport-ws"], max_queue=None,
                       open_timeout=60) as ws:
        await ws.send(json.dumps({"type": "connection_init",
                                  "payload": {"authorization": f"Bearer {token}"}}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        for n in range(PER_CONNECTION):
            await ws.send(json.dumps({"id": str(n), "type": "subscribe",
                                      "payload": {"query": SUBSCRIPTION}}))
        await ready.put(1)
        async for raw in ws:  # until the holder task is cancelled at the end
            message = orjson.loads(raw)
            if message["type"] == "ping":
                await ws.send(json.dumps({"type": "pong"}))
            elif message["type"] == "next":
                data = message["payload"]["data"]["applicationUpdated"]
                current = rounds.get(data["action"])
                if current is not None:
                    current.delivered((index, message["id"]))
            elif message["type"] == "error":
                raise AssertionError(message)


async def run_fanout(server_url: str, redis_url: str, token: str, subscribers: int = 10_000,
                     updates: int = 3, after_warm_up=None) -> dict:
    connections = subscribers // PER_CONNECTION
    async with httpx.AsyncClient(base_url=server_url) as client:
        answer = (await client.post("/graphql", json={"query": QUEUE}, headers={
            "Authorization": f"Bearer {token}"})).json()
    node = answer["data"]["applicationQueue"]["edges"][0]["node"]
    application_id, department = _key(node["id"]), _key(node["department"]["id"])
    ws_url = server_url.replace("http", "ws", 1) + "/graphql"
    rounds: dict[str, Round] = {}
    ready: asyncio.Queue = asyncio.Queue()
    holders = []
    for index in range(connections):  # connect steadily rather than all at once
        holders.append(asyncio.create_task(_hold(index, ws_url, token, ready, rounds)))
        await asyncio.sleep(0.002)
    for _ in range(connections):
        await asyncio.wait_for(ready.get(), 120)
    publisher = redis_asyncio.from_url(redis_url)
    try:
        async def send(action: str, current: Round) -> None:
            rounds[action] = current
            event = {"applicationId": application_id, "action": action,
                     "status": node["status"], "side": "ALL",
                     "occurredAt": datetime.now(UTC).isoformat()}
            current.started = time.perf_counter()
            await publisher.publish(f"ev:applications:department:{department}",
                                    json.dumps(event))

        async def publish(action: str) -> Round:
            current = Round(connections * PER_CONNECTION)
            await send(action, current)
            await asyncio.wait_for(current.done.wait(), 60)
            await asyncio.sleep(0.5)  # let the server go idle before the next one
            return current

        warm = WarmUp(connections * PER_CONNECTION)
        for n in range(120):
            await send(f"BENCH_WARMUP_{n}", warm)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(warm.done.wait(), 2)
                break
        assert warm.done.is_set(), f"only {len(warm.seen)} subscriptions registered"
        if after_warm_up is not None:
            after_warm_up()  # e.g. start a profiler
        await asyncio.sleep(1)
        measured = [await publish(f"BENCH_{n}") for n in range(updates)]
    finally:
        for holder in holders:
            holder.cancel()
        await asyncio.gather(*holders, return_exceptions=True)
        await publisher.aclose()
    everything = sorted(x for r in measured for x in r.latencies)
    worst_all = max(max(r.latencies) for r in measured)
    return {"name": f"subscription_fanout_{connections * PER_CONNECTION}",
            "rps": round(len(everything) / sum(max(r.latencies) for r in measured), 1),
            "p50_ms": round(statistics.median(everything) * 1000, 2),
            "p99_ms": round(everything[int(len(everything) * 0.99) - 1] * 1000, 2),
            "sql_per_request": None,
            "all_delivered_ms": round(worst_all * 1000, 2),
            "subscribers": connections * PER_CONNECTION, "updates": updates}
