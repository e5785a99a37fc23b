"""Per-client leaky-bucket budgets in Redis, charged in query-cost points.

The bucket lives in Redis so that every worker charges the same budget. To
keep a Redis round trip off most requests, a worker may take a small *lease*
(at most 1 % of the budget) when it charges, and spend it locally for up to a
second; unspent lease points simply leak away with the bucket. A client can
therefore exceed its budget by at most one lease per worker, and a budget
under 100 points is charged exactly, request by request."""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from dataclasses import dataclass

# One round trip, atomic across workers. Admits `cost` (plus a lease when it
# fits) or nothing.
_LEAKY_BUCKET = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local lease = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'level', 'ts')
local level = tonumber(state[1]) or 0
local ts = tonumber(state[2]) or now
level = math.max(0, level - math.max(0, now - ts) * rate)
local granted = -1
if level + cost + lease <= capacity then
  level = level + cost + lease
  granted = lease
elseif level + cost <= capacity then
  level = level + cost
  granted = 0
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(level / rate) + 1000)
return {granted, tostring(level)}
"""

LEASE_SECONDS = 1.0
MAX_LEASES = 10_000


@dataclass(frozen=True)
class Charge:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
        }


@dataclass
class _Lease:
    points: int
    expires: float
    level: float  # the bucket level Redis reported when the lease was taken


class RateLimiter:
    def __init__(self, redis, capacity: int, window_seconds: int) -> None:
        self.redis = redis
        self.capacity = capacity
        self.rate_per_ms = capacity / (window_seconds * 1000)
        self.lease_size = capacity // 100
        self._script = redis.register_script(_LEAKY_BUCKET)
        self._leases: OrderedDict[str, _Lease] = OrderedDict()
        self._pending: dict[str, asyncio.Future] = {}

    def _charge(self, level: float, allowed: bool) -> Charge:
        level = min(max(level, 0.0), float(self.capacity))
        return Charge(allowed=allowed, limit=self.capacity,
                      remaining=max(0, int(self.capacity - level)),
                      reset_seconds=math.ceil(level / self.rate_per_ms / 1000))

    def _spend_lease(self, key: str, cost: int) -> Charge | None:
        lease = self._leases.get(key)
        if lease is not None and lease.expires > time.monotonic() and lease.points >= cost:
            lease.points -= cost
            return self._charge(lease.level - lease.points, True)
        return None

    async def charge(self, key: str, cost: int, now_ms: int | None = None) -> Charge:
        cost = max(cost, 1)
        local = self._spend_lease(key, cost)
        if local is not None:
            return local
        # Single flight: concurrent requests for the same key wait for the one
        # lease request in progress instead of each taking a lease of their own.
        pending = self._pending.get(key)
        if pending is not None:
            await asyncio.shield(pending)
            local = self._spend_lease(key, cost)
            if local is not None:
                return local
        future = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            return await self._charge_in_redis(key, cost, now_ms)
        finally:
            self._pending.pop(key, None)
            future.set_result(None)

    async def _charge_in_redis(self, key: str, cost: int, now_ms: int | None) -> Charge:
        now = time.monotonic()
        now_ms = int(time.time() * 1000) if now_ms is None else now_ms
        wanted = self.lease_size if cost <= self.lease_size else 0
        granted, level = await self._script(
            keys=[f"rl:{key}"], args=[self.capacity, self.rate_per_ms, now_ms, cost, wanted])
        granted, level = int(granted), float(level)
        if granted > 0:
            self._leases[key] = _Lease(granted, now + LEASE_SECONDS, level)
            self._leases.move_to_end(key)
            if len(self._leases) > MAX_LEASES:
                self._leases.popitem(last=False)
        else:
            self._leases.pop(key, None)
        return self._charge(level - max(granted, 0), granted >= 0)
