"""The third-party crawler against a server with a small budget: it slows down in time."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import run_app, server_env

pytestmark = pytest.mark.live


async def test_third_party_crawls_the_catalogue_within_its_budget(live_server, database, idp):
    # 1,000 points leaking back at 100 a second; a page of 20 matters costs about 100
    env = server_env(database, idp, RATE_BUDGET="1000", RATE_WINDOW_SECONDS="10")
    async with live_server(**env) as server:
        out = (await run_app("third_party", "--server", server.url, "--page-size", "20",
                             "--require-all")).ok()
    assert "demo-portal 取得访问令牌" in out
    pages = re.findall(r"X-RateLimit-Remaining (\d+)/1000", out)
    assert len(pages) >= 5
    assert "⏸ 剩余预算" in out  # it paced itself ...
    assert "RATE_LIMITED" not in out  # ... before the server had to refuse it
    assert re.search(r"共抓取 (\d+) 项，无重复", out)
