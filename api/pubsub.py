"""Event fan-out through Redis pub/sub: one Redis subscription per process.

A mutation on any worker publishes to Redis; every worker's hub receives it once
and hands it to its local subscribers' queues, so a WebSocket subscriber
connected to one process sees changes made on another, and ten thousand
subscribers on one worker cost one Redis connection.

Besides subscribers (async iterators, one per WebSocket subscription) the hub
calls in-process listeners (plain callbacks, e.g. the token revocation cache and
the response cache). Whoever caches on the strength of announcements reads
``epoch``: it changes whenever the subscription is lost or re-made, because
announcements may have been missed in between; ``connected`` is False while
there is no live subscription."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

log = logging.getLogger("gateway.pubsub")
PREFIX = "ev:"
QUEUE_SIZE = 256
RETRY_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)

Listener = Callable[[str, dict[str, Any]], None]


class EventHub:
    def __init__(self, redis) -> None:
        self.redis = redis
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._listeners: list[tuple[str, Listener]] = []
        self._task: asyncio.Task | None = None
        self._ready = asyncio.Event()
        self.connected = False
        self.epoch = 0

    async def publish(self, topic: str, event: dict[str, Any]) -> None:
        await self.redis.publish(PREFIX + topic, json.dumps(event, ensure_ascii=False,
                                                            default=str))

    async def announce(self, topic: str, event: dict[str, Any]) -> None:
        """Publish, and call this process's listeners at once rather than when the
        message comes back from Redis: the process that made a change reads its
        own writes on the very next request. (Listeners see it twice; they must
        be idempotent.)"""
        self._notify(topic, event)
        await self.publish(topic, event)

    def listen(self, topic_prefix: str, callback: Listener) -> None:
        """Call ``callback(topic, event)`` for every event whose topic starts with
        ``topic_prefix``, in this process, for the hub's lifetime. Callbacks run
        on the listener task and must not block."""
        self._listeners.append((topic_prefix, callback))

    async def start(self) -> None:
        """Subscribe now (at start-up) rather than at the first subscriber."""
        await self._ensure_listener()

    async def subscribe(self, topics: Iterable[str]) -> AsyncIterator[dict[str, Any]]:
        """Yield events published to any of ``topics`` until the consumer stops."""
        queue: asyncio.Queue = asyncio.Queue(QUEUE_SIZE)
        topics = list(dict.fromkeys(topics))
        for topic in topics:
            self._queues[topic].add(queue)
        try:
            await self._ensure_listener()
            while True:
                yield await queue.get()
        finally:
            for topic in topics:
                self._queues[topic].discard(queue)
                if not self._queues[topic]:
                    del self._queues[topic]

    @property
    def subscriber_count(self) -> int:
        return len({id(q) for queues in self._queues.values() for q in queues})

    async def _ensure_listener(self) -> None:
        if self._task is None or self._task.done():
            self._ready.clear()
            self._task = asyncio.create_task(self._run(), name="event-hub")
        await self._ready.wait()

    async def _run(self) -> None:
        """Keep one subscription alive, re-subscribing after a lost connection."""
        failures = 0
        while True:
            try:
                await self._listen()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("event hub subscription lost; re-subscribing")
            self._set_connected(False)
            self._ready.set()  # waiting subscribers go on; events resume on reconnect
            await asyncio.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
            failures += 1

    async def _listen(self) -> None:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.psubscribe(PREFIX + "*")
            self._set_connected(True)
            self._ready.set()
            while True:
                message = await pubsub.get_message(timeout=1.0)
                if message is None or message.get("type") != "pmessage":
                    continue
                channel = message["channel"]
                channel = channel.decode() if isinstance(channel, bytes) else channel
                try:
                    event = json.loads(message["data"])
                except (TypeError, ValueError):
                    continue
                self._dispatch(channel.removeprefix(PREFIX), event)
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()

    def _set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self.epoch += 1

    def _notify(self, topic: str, event: dict[str, Any]) -> None:
        for prefix, callback in self._listeners:
            if topic.startswith(prefix):
                try:
                    callback(topic, event)
                except Exception:
                    log.exception("event listener failed on %s", topic)

    def _dispatch(self, topic: str, event: dict[str, Any]) -> None:
        self._notify(topic, event)
        for queue in list(self._queues.get(topic, ())):
            if queue.full():  # a stalled consumer loses its oldest event, not everyone's
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(event)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        self._set_connected(False)
