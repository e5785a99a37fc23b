"""The leaky bucket with per-worker leases: exact for small budgets, cheap for large."""

from __future__ import annotations

import fakeredis

from api.ratelimit import RateLimiter


class CountingScript:
    def __init__(self, script) -> None:
        self.script = script
        self.calls = 0

    async def __call__(self, **kwargs):
        self.calls += 1
        return await self.script(**kwargs)


def limiter(capacity: int, redis=None) -> tuple[RateLimiter, CountingScript]:
    made = RateLimiter(redis or fakeredis.FakeAsyncRedis(), capacity, window_seconds=3600)
    counting = CountingScript(made._script)
    made._script = counting
    return made, counting


async def test_small_budget_is_charged_exactly():
    rl, _ = limiter(50)
    results = [await rl.charge("ip:a", 10, now_ms=1_000) for _ in range(6)]
    assert [r.allowed for r in results] == [True] * 5 + [False]
    assert [r.remaining for r in results[:5]] == [40, 30, 20, 10, 0]


async def test_large_budget_leases_points_and_skips_most_round_trips():
    rl, script = limiter(20_000)
    for _ in range(150):
        assert (await rl.charge("account:x", 1)).allowed
    assert script.calls <= 2  # one lease of 200 points covers 150 one-point requests


async def test_two_workers_cannot_overspend_by_more_than_one_lease_each():
    redis = fakeredis.FakeAsyncRedis()
    first, _ = limiter(2_000, redis)
    second, _ = limiter(2_000, redis)
    admitted = 0
    for _ in range(2_400):
        for worker in (first, second):
            if (await worker.charge("client:c", 1, now_ms=5_000)).allowed:
                admitted += 1
    assert 2_000 - 2 * 20 <= admitted <= 2_000 + 2 * 20


async def test_a_request_larger_than_a_lease_goes_to_redis():
    rl, script = limiter(20_000)
    await rl.charge("ip:b", 1)
    calls = script.calls
    result = await rl.charge("ip:b", 5_000)
    assert result.allowed and script.calls == calls + 1
    assert result.remaining <= 20_000 - 5_001


async def test_concurrent_requests_share_one_lease_instead_of_each_taking_one():
    import asyncio

    rl, script = limiter(100_000)
    results = await asyncio.gather(*(rl.charge("ip:burst", 1) for _ in range(64)))
    assert all(r.allowed for r in results)
    assert script.calls <= 2
    # only one lease (1,000 points) was taken from the shared bucket
    assert results[-1].remaining >= 100_000 - 1_000 - 64
