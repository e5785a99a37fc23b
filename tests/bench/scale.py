"""Catalogue search over HTTP with one million implementation rows.

``ensure_rows`` tops the bench database up to a million implementation versions
with ``models.catalogue.bulk`` (once: later runs find them) and starts a new
catalogue cache generation. ``run_cold_search`` then sends distinct searches —
a fragment of a real matter name with one of the county codes, each pair once,
so no cache can answer — from 32 concurrent clients, the search page as the
app asks for it (20 matters with department and fees)."""

from __future__ import annotations

import asyncio
import random
import statistics
import time

import httpx

SEARCH = """query Search($q: String!, $r: String) { searchMatters(query: $q, regionCode: $r,
  first: 20) { edges { node { name implementation { department { name }
  fees { name amountFen } } } } } }"""
TARGET = 1_000_000


async def ensure_rows(settings, target: int = TARGET) -> tuple[int, list[str], list[str]]:
    """(implementation rows, search terms, county codes) after topping up."""
    from tortoise import Tortoise

    from api.redis import connect
    from models.catalogue import cache
    from models.catalogue.bulk import generate_implementations
    from models.catalogue.seed_data import BASIC_MATTERS
    from models.catalogue.tables import Implementation
    from models.regions.tables import Region

    await Tortoise.init(config=settings.tortoise_config())
    try:
        have = await Implementation.all().count()
        if have < target:
            print(f"  generating {target - have:,} implementation rows (once)…", flush=True)
            started = time.perf_counter()
            await generate_implementations(target - have)
            print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
            have = await Implementation.all().count()
        counties = list(await Region.filter(valid_to__isnull=True, level="county").values_list(
            "code", flat=True))
    finally:
        await Tortoise.close_connections()
    if settings.redis_url:
        redis = connect(settings.redis_url)
        try:
            await cache.invalidate(redis)  # nothing cached before the top-up answers
        finally:
            await redis.aclose()
    terms = sorted({m.name[:n] for m in BASIC_MATTERS for n in (2, 3, 4) if len(m.name) >= n})
    return have, terms, counties


async def run_cold_search(server_url: str, terms: list[str], counties: list[str],
                          requests: int = 1500, concurrency: int = 32) -> dict:
    rng = random.Random(2026)
    pairs = {(rng.choice(terms), rng.choice(counties)) for _ in range(requests * 3)}
    work = list(pairs)[:requests]
    rng.shuffle(work)
    latencies: list[float] = []
    statements: list[int] = []
    queue: asyncio.Queue = asyncio.Queue()
    for pair in work:
        queue.put_nowait(pair)

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            term, county = queue.get_nowait()
            t0 = time.perf_counter()
            response = await client.post("/graphql", json={
                "query": SEARCH, "variables": {"q": term, "r": county}})
            latencies.append(time.perf_counter() - t0)
            body = response.json()
            assert "errors" not in body, body["errors"]
            statements.append(int(response.headers.get("x-sql-count", "0")))

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=server_url, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {"name": "catalogue_search_1m_rows_cold", "rps": round(len(ordered) / elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2),
            "sql_per_request": round(statistics.mean(statements), 1),
            "distinct_searches": len(ordered)}
