"""Fixtures: one migrated, seeded database per test run; the real app over httpx.

With DATABASE_URL / REDIS_URL set (CI does), the same suite runs against
PostgreSQL and Redis: a fresh database is created for the run and dropped after.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from asgi_lifespan import LifespanManager

from api.settings import ROOT, Settings, from_env

IN_CI = os.environ.get("CI", "").lower() == "true"


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "asyncpg://"))


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _redis_test_url(url: str) -> str:
    """Tests flush the Redis database they use: default to db 15, never db 0."""
    parts = urlsplit(url)
    if parts.path in ("", "/"):
        return urlunsplit((parts.scheme, parts.netloc, "/15", parts.query, parts.fragment))
    return url


async def _pg_admin(url: str, sql: str) -> None:
    import asyncpg

    parts = urlsplit(url.replace("asyncpg://", "postgres://", 1))
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    env = from_env()
    return replace(env, env="test", rate_budget=10_000_000, log_level="WARNING",
                   file_store_dir=tempfile.mkdtemp(prefix="gw-files-"),
                   redis_url=_redis_test_url(env.redis_url) if env.redis_url else "")


@pytest.fixture(scope="session")
async def database(base_settings: Settings) -> AsyncIterator[Settings]:
    """Create, migrate and seed a fresh database for this run."""
    from tortoise import Tortoise

    from api import cli

    url = base_settings.database_url
    name = f"gw_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    tmp = None
    if _is_postgres(url):
        await _pg_admin(url, f'CREATE DATABASE "{name}"')
        url = _with_database(url, name)
    else:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite://{Path(tmp.name) / 'test.sqlite3'}"
    settings = replace(base_settings, database_url=url)
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        await cli.migrate()
        await cli.seed()
        if settings.redis_url:
            from api.redis import connect

            redis = connect(settings.redis_url)
            await redis.flushdb()
            await redis.aclose()
        yield settings
    finally:
        await Tortoise.close_connections()
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
        if _is_postgres(url):
            await asyncio.sleep(0)
            await _pg_admin(base_settings.database_url,
                            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if tmp is not None:
            tmp.cleanup()


@pytest.fixture(scope="session")
async def app(database: Settings):
    from api.app import create_app

    application = create_app(database)
    async with LifespanManager(application):
        yield application


@pytest.fixture(scope="session")
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def make_app(app, database: Settings):
    """A second app with other settings, sharing the ORM the session app opened."""
    from api.app import create_app

    @asynccontextmanager
    async def build(**overrides) -> AsyncIterator[httpx.AsyncClient]:
        other = create_app(replace(database, **overrides), manage_orm=False)
        # its own client address, so its rate budget starts empty
        address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
        transport = httpx.ASGITransport(app=other, client=(address, 1234))
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                yield c
        finally:
            await other.state.redis.aclose()

    return build


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LIVE_SERVER_START_SECONDS = 90


async def wait_until_healthy(url: str, what: str,
                             seconds: float = LIVE_SERVER_START_SECONDS) -> None:
    """Poll ``url``/healthz until it answers 200. By the clock, not a count:
    importing the app takes 5 s on an idle machine, 20 s and more on a busy one."""
    async with httpx.AsyncClient() as probe:
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            try:
                if (await probe.get(f"{url}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{what} did not start")


class LiveServer:
    """A real uvicorn process serving the app against the test database."""

    def __init__(self, settings: Settings, workers: int = 1, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": settings.database_url,
                    "REDIS_URL": settings.redis_url, "APP_ENV": "test",
                    "RATE_BUDGET": str(settings.rate_budget), "LOG_LEVEL": "WARNING", **env}
        self.workers = workers
        self.process = None

    async def __aenter__(self) -> LiveServer:
        import subprocess
        import sys

        self.process = subprocess.Popen(  # noqa: ASYNC220 - starting, not waiting
            [sys.executable, "-m", "uvicorn", "api.asgi:app", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", str(self.workers), "--log-level", "warning"],
            env=self.env, cwd=ROOT)
        try:
            await wait_until_healthy(self.url, "live server")
        except RuntimeError:
            self.process.kill()
            raise
        return self

    async def __aexit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001
            self.process.kill()


@pytest.fixture
def live_server(database: Settings):
    def start(workers: int = 1, **env: str) -> LiveServer:
        return LiveServer(database, workers, **env)

    return start


def shared_redis_url(settings: Settings) -> str:
    """A Redis several server processes can share.

    The embedded fakeredis lives inside one process, so the multi-process tests
    use REDIS_URL when it is set, else the machine's Redis on 127.0.0.1:6379
    (db 14). Without one they skip — except in CI, where they must run."""
    if settings.redis_url:
        return settings.redis_url
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            pass
    except OSError:
        if IN_CI:
            pytest.fail("CI needs a Redis on 127.0.0.1:6379 for the multi-process tests")
        pytest.skip("two server processes need a shared Redis (set REDIS_URL)")
    url = "redis://127.0.0.1:6379/14"
    if not _flushed_shared_redis:
        # caches left by an earlier run describe another database: start empty
        import redis

        with redis.Redis.from_url(url) as client:
            client.flushdb()
        _flushed_shared_redis.append(url)
    return url


_flushed_shared_redis: list[str] = []
