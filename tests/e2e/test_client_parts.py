"""The mock apps' own parts, without a server: the handheld's content hash (it must match
the server's), screens skipped when the schema lacks them, and the crawler's pacing."""

from __future__ import annotations

import httpx
import pytest

from mock_clients.graphql_client import RateLimit, Served, operation_kind
from mock_clients.offline_queue import canonical, content_hash
from mock_clients.third_party import Pacer
from mock_clients.transcript import NotServed, Transcript
from models.inspections.sync_rules import content_hash as server_hash

PAYLOADS = [
    {},
    {"b": 1, "a": [True, False, None], "c": {"z": "", "y": "居住证"}},
    {"\U0001f600": 1, "\ufb01": 2, "é": 3, "a": -9007199254740991},  # UTF-16 key order
    {"text": "引号\"与\\反斜杠\n换行\u2028", "n": "4.50", "list": [[], [{}], "x"]},
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_handhelds_hash_is_the_servers(payload):
    assert content_hash(payload) == server_hash(payload)


def test_floats_are_refused_like_on_the_server():
    with pytest.raises(ValueError):
        canonical({"t": 4.5})


def test_a_screen_the_schema_lacks_is_skipped_or_refused(capsys):
    show = Transcript("测试")
    show.served = Served({"authSignIn", "matters"})
    assert show.serves("目录", "matters") is True
    assert show.serves("申请", "applicationSubmit", "matters") is False
    assert "【跳过】申请 — skipped: not served (applicationSubmit)" in capsys.readouterr().out
    strict = Transcript("测试", require_all=True)
    strict.served = Served({"authSignIn"})
    with pytest.raises(NotServed):
        strict.serves("申请", "applicationSubmit")
    assert Transcript("测试").serves("anything", "x") is True  # introspection off: try it


def test_operation_kind_reads_the_first_keyword():
    assert operation_kind("# comment\n mutation M { a }") == "mutation"
    assert operation_kind("{ a }") == "query"
    assert operation_kind("subscription S { a }") == "subscription"


def test_the_crawler_waits_only_when_the_budget_runs_low():
    pacer = Pacer(reserve=0.3)
    plenty = RateLimit.from_headers(httpx.Headers({"X-RateLimit-Limit": "1000",
                                                   "X-RateLimit-Remaining": "900",
                                                   "X-RateLimit-Reset": "1"}))
    low = RateLimit(limit=1000, remaining=200, reset_seconds=8)  # 100 points come back a second
    assert pacer.delay(plenty, 100) == 0
    assert pacer.delay(low, 100) == pytest.approx(1.0)  # back up to the 300-point reserve
    assert pacer.delay(None, 100) == 0
