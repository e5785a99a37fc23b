"""Whole responses to public anonymous GET queries: kept, revalidated with ETags,
never shared with a signed-in caller, forgotten when published data changes."""

from __future__ import annotations

import asyncio
import json
import uuid

from api.pubsub import EventHub
from api.redis import connect
from api.response_cache import ResponseCache
from tests.catalogue.support import PUBLISH, admin_token, mutate, new_draft
from tests.helpers import error_codes, staff_token

ENTRY = """query Entry($code: String!) { matter(basicCode: $code) {
  implementation(regionCode: "330106") { id version promisedTimeLimit { value } } } }"""


async def _get(client, query: str, variables: dict | None = None, **headers: str):
    params = {"query": query}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return await client.get("/graphql", params=params,
                            headers={"Accept": "application/json", **headers})


def _unique_regions_query() -> str:
    """The departments of a region: public, and read from the database each time it
    is executed (so X-SQL-Count tells an execution from a kept answer). A fresh
    document text per test: entries of other tests cannot answer it."""
    name = f"Departments{uuid.uuid4().hex[:8]}"
    return (f"query {name}($c: String) {{ departments(regionCode: $c, first: 5) "
            f"{{ edges {{ node {{ code }} }} }} }}")


async def test_a_public_get_is_kept_and_revalidated(client):
    query = _unique_regions_query()
    first = await _get(client, query, {"c": "330106"})
    assert first.status_code == 200 and int(first.headers["x-sql-count"]) >= 1
    assert first.headers["cache-control"] == "public, max-age=60"
    assert "remaining" not in first.json()["extensions"]["cost"]  # nobody's budget
    again = await _get(client, query, {"c": "330106"})
    assert again.headers["x-sql-count"] == "0"
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["x-request-id"] != first.headers["x-request-id"]
    unchanged = await _get(client, query, {"c": "330106"},
                           **{"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    # other variables are another answer
    other = await _get(client, query, {"c": "330108"})
    assert other.json() != first.json() and int(other.headers["x-sql-count"]) >= 1


async def test_signed_in_callers_are_never_served_a_shared_answer(client):
    token = await staff_token(client, "clerk.xihu")
    query = _unique_regions_query()
    await _get(client, query, {"c": "330106"})  # kept for anonymous callers
    mine = await _get(client, query, {"c": "330106"}, Authorization=f"Bearer {token}")
    assert mine.headers["cache-control"] == "no-store"
    assert int(mine.headers["x-sql-count"]) >= 1
    assert "remaining" in mine.json()["extensions"]["cost"]
    # and a bad token is still refused, not answered from the cache
    refused = await _get(client, query, {"c": "330106"}, Authorization="Bearer nope")
    assert refused.status_code == 401


async def test_only_public_error_free_queries_over_get_are_kept(client):
    private = await _get(client, "{ viewer { id } }")
    assert private.headers["cache-control"] == "no-store"
    mixed = await _get(client, "{ regions { code } viewer { id } }")
    assert mixed.headers["cache-control"] == "no-store"
    failing = await _get(client, "query($f: Int) { departments(first: $f) "
                                 "{ edges { node { name } } } }", {"f": -1})
    assert error_codes(failing.json()) and failing.headers["cache-control"] == "no-store"
    posted = await client.post("/graphql", json={"query": "{ regions { code } }"},
                               headers={"Accept": "application/json"})
    assert posted.headers["cache-control"] == "no-store"
    assert "etag" not in posted.headers


async def test_publishing_a_version_replaces_the_kept_answer(client):
    token = await admin_token(client)
    before = await _get(client, ENTRY, {"code": "XK0100012000"})
    assert (await _get(client, ENTRY, {"code": "XK0100012000"})).headers["x-sql-count"] == "0"
    version = before.json()["data"]["matter"]["implementation"]["version"]
    draft = await new_draft(client, token, "XK0100012000", {
        "promisedTimeLimit": {"value": 0, "unit": "WORKING_DAY"}, "caseType": "INSTANT"})
    still = await _get(client, ENTRY, {"code": "XK0100012000"})
    assert still.content == before.content  # a draft is not public
    await mutate(client, PUBLISH, {"id": draft["id"]}, token)
    after = await _get(client, ENTRY, {"code": "XK0100012000"})
    assert after.json()["data"]["matter"]["implementation"]["version"] == version + 1
    assert after.headers["etag"] != before.headers["etag"]


class FakeHub:
    def __init__(self) -> None:
        self.connected, self.epoch, self.listeners = True, 1, []

    def listen(self, prefix, callback) -> None:
        self.listeners.append((prefix, callback))

    def announce(self, topic: str) -> None:
        for prefix, callback in self.listeners:
            if topic.startswith(prefix):
                callback(topic, {})


def _cache(hub, clock) -> ResponseCache:
    return ResponseCache(hub, max_age=60, max_entries=2, clock=clock)


def test_entries_expire_and_are_bounded():
    now = [0.0]
    hub = FakeHub()
    cache = _cache(hub, lambda: now[0])
    keys = [ResponseCache.key(f"q{i}", None, None, {"a": i}, "application/json")
            for i in range(3)]
    for key in keys:
        cache.put(key, b"{}", frozenset({"regions"}))
    assert len(cache) == 2 and cache.get(keys[0]) is None  # the oldest made room
    now[0] = 59.9
    assert cache.get(keys[2]) is not None
    assert cache.headers(cache.get(keys[2]))["Cache-Control"] == "public, max-age=1"
    now[0] = 60.0
    assert cache.get(keys[2]) is None


def test_an_announcement_forgets_only_its_topic_and_a_broken_hub_forgets_all():
    hub = FakeHub()
    cache = ResponseCache(hub, max_age=60)
    regions = ResponseCache.key("r", None, None, None, "application/json")
    catalogue = ResponseCache.key("c", None, None, None, "application/json")
    cache.put(regions, b"1", frozenset({"regions"}))
    cache.put(catalogue, b"2", frozenset({"catalogue", "regions"}))
    hub.announce("public:catalogue")
    assert cache.get(catalogue) is None and cache.get(regions) is not None
    hub.connected = False
    assert cache.get(regions) is None  # announcements could be missed meanwhile
    cache.put(regions, b"1", frozenset({"regions"}))
    assert len(cache) == 0  # nothing is kept while the hub is down
    hub.connected, hub.epoch = True, 2
    cache.put(regions, b"1", frozenset({"regions"}))
    hub.epoch = 3  # re-subscribed: what was kept before may be stale
    assert cache.get(regions) is None


def test_the_bytes_kept_are_bounded():
    hub = FakeHub()
    cache = ResponseCache(hub, max_age=60, max_body_bytes=100, max_total_bytes=250)
    keys = [ResponseCache.key(f"q{i}", None, None, None, "application/json") for i in range(4)]
    cache.put(keys[0], b"x" * 101, frozenset({"regions"}))  # too big to keep at all
    assert len(cache) == 0
    for key in keys[1:]:
        cache.put(key, b"x" * 100, frozenset({"regions"}))
    assert len(cache) == 2 and cache.get(keys[1]) is None  # 300 > 250: the oldest went
    cache.put(keys[2], b"y" * 10, frozenset({"regions"}))  # replacing counts once
    assert cache.get(keys[2]).body == b"y" * 10 and cache.get(keys[3]) is not None


def test_variables_are_keyed_whatever_their_order():
    one = ResponseCache.key("q", None, "Op", {"a": 1, "b": [1, 2]}, "application/json")
    two = ResponseCache.key("q", None, "Op", {"b": [1, 2], "a": 1}, "application/json")
    assert one == two
    assert one != ResponseCache.key("q", None, "Op", {"a": 1, "b": [1, 2]},
                                    "application/graphql-response+json")
    assert ResponseCache.key(None, "abc", None, None, "application/json")[0] == "sha256:abc"


async def test_a_change_announced_by_another_process_reaches_this_one(base_settings):
    publisher_redis, subscriber_redis = (connect(base_settings.redis_url),
                                         connect(base_settings.redis_url))
    publisher, subscriber = EventHub(publisher_redis), EventHub(subscriber_redis)
    try:
        await subscriber.start()
        cache = ResponseCache(subscriber, max_age=60)
        key = ResponseCache.key("c", None, None, None, "application/json")
        cache.put(key, b"{}", frozenset({"catalogue"}))
        assert cache.get(key) is not None
        await publisher.announce("public:catalogue", {"topic": "catalogue"})
        for _ in range(300):
            if cache.get(key) is None:
                break
            await asyncio.sleep(0.01)
        assert cache.get(key) is None
    finally:
        await publisher.close()
        await subscriber.close()
        await publisher_redis.aclose()
        await subscriber_redis.aclose()
