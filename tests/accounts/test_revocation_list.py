"""The per-process revocation list: Redis is asked once per token, announcements
reach other processes, and a broken subscription makes every check ask Redis."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from api.pubsub import EventHub
from api.redis import connect
from auth.revocation import RevocationList, revoked_key


class CountingRedis:
    """Counts EXISTS calls on a real client (the round trips the list saves)."""

    def __init__(self, redis) -> None:
        self._redis = redis
        self.exists_calls = 0

    async def exists(self, *keys):
        self.exists_calls += 1
        return await self._redis.exists(*keys)

    def __getattr__(self, name):
        return getattr(self._redis, name)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def two_processes(base_settings):
    """Two revocation lists over separate connections and hubs: two workers."""
    opened = []

    async def worker():
        redis = CountingRedis(connect(base_settings.redis_url))
        hub = EventHub(redis)
        await hub.start()
        opened.append((hub, redis))
        return RevocationList(redis, hub), redis, hub

    yield worker
    for hub, redis in opened:
        await hub.close()
        await redis.aclose()


async def _eventually(predicate, seconds: float = 3.0) -> bool:
    for _ in range(int(seconds / 0.01)):
        if await predicate():
            return True
        await asyncio.sleep(0.01)
    return False


async def test_a_token_in_use_is_checked_against_redis_once(two_processes):
    revocations, redis, _hub = await two_processes()
    key = revoked_key(uuid.uuid4().hex)
    until = revocations.clock() + 600
    for _ in range(5):
        assert await revocations.any_revoked([key], until) is False
    assert redis.exists_calls == 1


async def test_a_revocation_on_one_worker_reaches_the_other(two_processes):
    first, _, _ = await two_processes()
    second, second_redis, _ = await two_processes()
    key = revoked_key(uuid.uuid4().hex)
    until = first.clock() + 600
    assert await second.any_revoked([key], until) is False  # remembered as clear
    await first.revoke(key, 600)
    assert await first.any_revoked([key], until) is True  # at once where it happened
    assert await _eventually(lambda: second.any_revoked([key], until))
    assert second_redis.exists_calls == 1  # the announcement, not a new round trip


async def test_a_broken_subscription_makes_every_check_ask_redis(two_processes):
    revocations, redis, hub = await two_processes()
    key = revoked_key(uuid.uuid4().hex)
    until = revocations.clock() + 600
    assert await revocations.any_revoked([key], until) is False
    await hub.close()  # the subscription is gone: announcements could be missed
    # a revocation whose announcement this process never receives
    await redis.set(key, 1, ex=600)
    assert await revocations.any_revoked([key], until) is True
    assert redis.exists_calls == 2


async def test_re_subscribing_forgets_what_was_remembered(two_processes):
    revocations, redis, hub = await two_processes()
    key = revoked_key(uuid.uuid4().hex)
    until = revocations.clock() + 600
    assert await revocations.any_revoked([key], until) is False
    await hub.close()
    await hub.start()  # a new subscription: a new epoch
    assert hub.connected
    assert await revocations.any_revoked([key], until) is False
    assert redis.exists_calls == 2


async def test_clear_answers_expire_with_the_token_and_revocations_with_their_ttl(
        base_settings):
    redis = CountingRedis(connect(base_settings.redis_url))
    hub = EventHub(redis)
    clock = Clock()
    revocations = RevocationList(redis, hub, clock=clock)
    try:
        await hub.start()
        key = revoked_key(uuid.uuid4().hex)
        assert await revocations.any_revoked([key], clock.now + 60) is False
        clock.now += 61  # past the token's expiry: nothing to remember
        assert await revocations.any_revoked([key], clock.now + 60) is False
        assert redis.exists_calls == 2
        await revocations.revoke(key, 30)
        assert await revocations.any_revoked([key], clock.now + 60) is True
        assert redis.exists_calls == 2  # answered from the local list
        clock.now += 31  # the local entry lapses; Redis has the final word
        await redis.delete(key)
        assert await revocations.any_revoked([key], clock.now + 60) is False
        assert redis.exists_calls == 3
    finally:
        await hub.close()
        await redis.aclose()


async def test_nothing_is_revoked_for_zero_seconds(two_processes):
    revocations, redis, _ = await two_processes()
    key = revoked_key(uuid.uuid4().hex)
    await revocations.revoke(key, 0)
    assert not await redis.exists(key)
