"""Two uvicorn workers sharing Redis: live progress and the staff queue feed reach
subscribers whichever worker took the move."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.conftest import shared_redis_url
from tests.e2e.conftest import run_app, server_env

pytestmark = pytest.mark.live


async def test_journeys_on_two_workers(live_server, database, idp):
    redis_url = shared_redis_url(database)  # workers share state only through Redis
    async with live_server(workers=2, **server_env(database, idp, REDIS_URL=redis_url)
                           ) as server:
        watcher = asyncio.ensure_future(run_app(
            "clerk_console", "--server", server.url, "--watch", "10", "--require-all"))
        await asyncio.sleep(3)  # the console is signed in and subscribed
        citizen = (await run_app("citizen_app", "--server", server.url, "--idp", idp,
                                 "--require-all")).ok()
        watched = (await watcher).ok()
    assert "实时收到 2 条进度推送" in citizen and "实时收到 6 条进度推送" in citizen
    number = re.search(r"已提交，办件编号 (3301\d{16})", citizen)
    assert number is not None
    assert f"📨 {number[1]} 个体工商户设立登记 DELIVER → 已送达" in watched
