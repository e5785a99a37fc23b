"""Event fan-out through Redis pub/sub: one Redis subscription per process.

A mutation on any worker publishes to Redis; every worker's hub receives it once
and hands it to its local subscribers' queues, so a WebSocket subscriber
connected to one process sees changes made on another, and ten thousand
subscribers on one worker cost one Redis connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from typing import Any

log = logging.getLogger("gateway.pubsub")
PREFIX = "ev:"
QUEUE_SIZE = 256


class EventHub:
    def __init__(self, redis) -> None:
        self.redis = redis
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._task: asyncio.Task | None = None
        self._ready = asyncio.Event()

    async def publish(self, topic: str, event: dict[str, Any]) -> None:
        await self.redis.publish(PREFIX + topic, json.dumps(event, ensure_ascii=False,
                                                            default=str))

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
            self._task = asyncio.create_task(self._listen(), name="event-hub")
        await self._ready.wait()

    async def _listen(self) -> None:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.psubscribe(PREFIX + "*")
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
        except asyncio.CancelledError:
            raise
        except Exception:  # a broken connection: the next subscriber restarts it
            log.exception("event hub listener stopped")
            self._ready.set()
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()

    def _dispatch(self, topic: str, event: dict[str, Any]) -> None:
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
