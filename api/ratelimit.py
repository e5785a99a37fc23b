"""Per-client leaky-bucket budgets in Redis, charged in query-cost points."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

# One round trip, atomic across workers. The bucket leaks `capacity` points
# per window; a request is admitted only if its whole cost fits.
_LEAKY_BUCKET = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'level', 'ts')
local level = tonumber(state[1]) or 0
local ts = tonumber(state[2]) or now
level = math.max(0, level - math.max(0, now - ts) * rate)
local allowed = 0
if level + cost <= capacity then
  level = level + cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(level / rate) + 1000)
return {allowed, tostring(level)}
"""


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


class RateLimiter:
    def __init__(self, redis, capacity: int, window_seconds: int) -> None:
        self.redis = redis
        self.capacity = capacity
        self.rate_per_ms = capacity / (window_seconds * 1000)
        self._script = redis.register_script(_LEAKY_BUCKET)

    async def charge(self, key: str, cost: int, now_ms: int | None = None) -> Charge:
        now_ms = int(time.time() * 1000) if now_ms is None else now_ms
        allowed, level = await self._script(
            keys=[f"rl:{key}"], args=[self.capacity, self.rate_per_ms, now_ms, max(cost, 1)]
        )
        level = float(level)
        return Charge(
            allowed=bool(int(allowed)),
            limit=self.capacity,
            remaining=max(0, int(self.capacity - level)),
            reset_seconds=math.ceil(level / self.rate_per_ms / 1000),
        )
