"""Redis connections: redis.asyncio with a blocking pool, or in-process fakeredis."""

from __future__ import annotations

from typing import Any


def connect(redis_url: str, max_connections: int = 50) -> Any:
    """redis.asyncio (the maintained successor of aioredis) or, with no URL,
    fakeredis' FakeAsyncRedis: the embedded default for a single process."""
    if not redis_url:
        import fakeredis

        return fakeredis.FakeAsyncRedis(server=_fake_server())
    import redis.asyncio as redis

    # BlockingConnectionPool waits for a free connection instead of raising
    # when a burst exhausts the pool.
    pool = redis.BlockingConnectionPool.from_url(
        redis_url, max_connections=max_connections, timeout=5)
    return redis.Redis.from_pool(pool)  # closing the client closes the pool too


_SERVER: Any = None


def _fake_server() -> Any:
    global _SERVER
    if _SERVER is None:
        import fakeredis

        _SERVER = fakeredis.FakeServer()
    return _SERVER
