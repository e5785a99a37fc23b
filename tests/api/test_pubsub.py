"""The event hub: publish on one hub, receive on another (as two workers would)."""

from __future__ import annotations

import asyncio

from api.pubsub import EventHub
from api.redis import connect


async def _next(iterator, seconds=5.0):
    return await asyncio.wait_for(anext(iterator), seconds)


async def test_an_event_published_by_one_hub_reaches_subscribers_of_another(base_settings):
    # Two hubs over two connections stand for two worker processes (with
    # REDIS_URL set this is the real Redis; embedded, the shared fake server).
    publisher_redis = connect(base_settings.redis_url)
    subscriber_redis = connect(base_settings.redis_url)
    publisher, subscriber = EventHub(publisher_redis), EventHub(subscriber_redis)
    try:
        mine = subscriber.subscribe(["application:A"])
        other = subscriber.subscribe(["application:B"])
        waiting = asyncio.ensure_future(_next(mine))
        waiting_other = asyncio.ensure_future(_next(other))
        await asyncio.sleep(0.05)  # let the subscriptions register
        await publisher.publish("application:B", {"n": 0})
        await publisher.publish("application:A", {"n": 1})
        assert (await waiting) == {"n": 1}
        assert (await waiting_other) == {"n": 0}
        assert subscriber.subscriber_count == 2
        await mine.aclose()
        await other.aclose()
        assert subscriber.subscriber_count == 0
    finally:
        await publisher.close()
        await subscriber.close()
        await publisher_redis.aclose()
        await subscriber_redis.aclose()


async def test_many_local_subscribers_share_one_redis_subscription(base_settings):
    redis = connect(base_settings.redis_url)
    hub = EventHub(redis)
    try:
        streams = [hub.subscribe(["queue:dept-1"]) for _ in range(500)]
        pending = [asyncio.ensure_future(_next(s)) for s in streams]
        await asyncio.sleep(0.05)
        await hub.publish("queue:dept-1", {"status": "ACCEPTED"})
        results = await asyncio.gather(*pending)
        assert all(r == {"status": "ACCEPTED"} for r in results)
        for stream in streams:
            await stream.aclose()
    finally:
        await hub.close()
        await redis.aclose()
