"""Rating statistics cached in Redis for a short time under a generation number.

Every key carries the current generation (``ratings:g<gen>:…``). A new rating,
a follow-up step or an appeal decision increments it, so no figure from before
is read again; old keys expire on their short TTL. Any number of processes
agree at once and no key has to be found and deleted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

GENERATION_KEY = "ratings:generation"
TTL_SECONDS = 60


async def generation(redis: Any) -> int:
    """The current generation; a missing counter (Redis flushed) restarts from the clock
    so that keys of an older generation can never come back."""
    value = await redis.get(GENERATION_KEY)
    if value is None:
        await redis.set(GENERATION_KEY, int(time.time() * 1000), nx=True)
        value = await redis.get(GENERATION_KEY)
    return int(value)


async def invalidate(redis: Any) -> None:
    await generation(redis)
    await redis.incr(GENERATION_KEY)


def key(gen: int, kind: str, parts: Any) -> str:
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"ratings:g{gen}:{kind}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


async def cached(redis: Any, kind: str, parts: Any,
                 compute: Callable[[], Awaitable[Any]], ttl: int = TTL_SECONDS) -> Any:
    """The JSON value under (kind, parts), computed and stored on a miss."""
    name = key(await generation(redis), kind, parts)
    raw = await redis.get(name)
    if raw is not None:
        return json.loads(raw)
    value = await compute()
    await redis.set(name, json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                                     default=str), ex=ttl)
    return value
