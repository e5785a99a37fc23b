"""Published catalogue data cached in Redis under a generation number.

Every key carries the current generation (``catalogue:g<gen>:…``); publishing or
retiring a version increments it, so every cached page, search result and
document from before is simply never read again and expires on its TTL. No key
has to be found and deleted, and any number of processes agree at once.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

GENERATION_KEY = "catalogue:generation"
TTL_SECONDS = 3600


async def generation(redis: Any) -> int:
    """The current generation. A missing counter (Redis flushed or evicted) starts
    from the clock, never from 0, so keys of an older generation cannot return."""
    value = await redis.get(GENERATION_KEY)
    if value is None:
        await redis.set(GENERATION_KEY, int(time.time() * 1000), nx=True)
        value = await redis.get(GENERATION_KEY)
    return int(value)


async def invalidate(redis: Any) -> int:
    """Start a new generation: everything cached so far is stale."""
    await generation(redis)  # make sure the counter exists before INCR
    return int(await redis.incr(GENERATION_KEY))


def key(gen: int, kind: str, *parts: Any) -> str:
    """``catalogue:g<gen>:<kind>:<digest of parts>`` (parts may be long queries)."""
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"catalogue:g{gen}:{kind}:{digest}"


async def get_json(redis: Any, name: str) -> Any | None:
    raw = await redis.get(name)
    return None if raw is None else json.loads(raw)


async def set_json(redis: Any, name: str, value: Any, ttl: int = TTL_SECONDS) -> None:
    await redis.set(name, json.dumps(value, ensure_ascii=False, separators=(",", ":")), ex=ttl)


async def get_many(redis: Any, gen: int, kind: str, ids: Iterable[str]) -> dict[str, Any]:
    ids = list(ids)
    if not ids:
        return {}
    raws = await redis.mget([f"catalogue:g{gen}:{kind}:{i}" for i in ids])
    return {i: json.loads(raw) for i, raw in zip(ids, raws, strict=True) if raw is not None}


async def set_many(redis: Any, gen: int, kind: str, values: Mapping[str, Any],
                   ttl: int = TTL_SECONDS) -> None:
    if not values:
        return
    async with redis.pipeline(transaction=False) as pipe:
        for ident, value in values.items():
            pipe.set(f"catalogue:g{gen}:{kind}:{ident}",
                     json.dumps(value, ensure_ascii=False, separators=(",", ":")), ex=ttl)
        await pipe.execute()
