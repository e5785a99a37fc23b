"""Published catalogue data comes from the process or Redis until a publish or
retire; a page costs a constant number of SQL statements whatever its size."""

from __future__ import annotations

from api.sqlcount import counting
from models.catalogue import cache
from models.catalogue.read import load_documents
from models.catalogue.tables import Implementation
from tests.catalogue.support import (
    PUBLISH,
    RETIRE,
    admin_token,
    current,
    invalidate,
    mutate,
    new_draft,
)
from tests.helpers import gql, post

PAGE = """query($region: String!, $first: Int!) {
  matters(filter: {regionCode: $region}, first: $first) {
    nodes { code name department { name } materials { name form deferrable }
      fees { name amountFen } promisedTimeLimit { value } } } }"""
ENTRY = """query($code: String!) { matter(basicCode: $code) {
  implementation(regionCode: "330106") { id version promisedTimeLimit { value } } } }"""


async def _sql(client, query: str, variables: dict) -> int:
    response = await post(client, query, variables)
    assert "errors" not in response.json(), response.json()
    return int(response.headers["x-sql-count"])


async def test_a_page_costs_the_same_few_statements_whatever_its_size(client, app):
    counts = {}
    for first in (1, 20, 100):
        await invalidate(app)  # cold: nothing served from Redis
        counts[first] = await _sql(client, PAGE, {"region": "330106", "first": first})
    # page ids, versions (with matter, department, region joined), materials, fees
    assert counts == {1: 4, 20: 4, 100: 4}


async def test_loading_documents_costs_three_statements_for_any_number(client):
    for size in (1, 20, 100):
        ids = await Implementation.filter(region_id="330108", status="PUBLISHED").order_by(
            "code").limit(size).values_list("id", flat=True)
        with counting() as statements:
            docs = await load_documents([str(i) for i in ids])
        assert len(docs) == size and statements[0] == 3


async def test_other_screens_cost_a_fixed_number_of_statements(client, app):
    await invalidate(app)
    detail = """{ matter(basicCode: "GG0300001000") { name lifeEvents { name }
        implementation(regionCode: "330106") { materials { name } fees { name }
          department { name } region { name } } } }"""
    # matter, current version, version+joins, materials, fees, life events
    assert await _sql(client, detail, {}) <= 6
    search = """{ searchMatters(query: "社保", regionCode: "330106", first: 20) {
        nodes { name implementation { promisedTimeLimit { value } materials { name } } } } }"""
    # keyword search, matters, current versions, version+joins, materials, fees
    assert await _sql(client, search, {}) <= 6


async def test_repeated_requests_are_served_from_redis(client, app):
    await invalidate(app)
    variables = {"region": "330110", "first": 20}
    assert await _sql(client, PAGE, variables) == 4
    assert await _sql(client, PAGE, variables) == 0
    search = '{ searchMatters(query: "jzz", regionCode: "330110") { nodes { name } } }'
    assert await _sql(client, search, {}) == 2
    # the ranked hits and the matters are kept in the process: nothing to read
    assert await _sql(client, search, {}) == 0


async def test_publishing_invalidates_what_was_cached(client, app):
    token = await admin_token(client)
    before = (await gql(client, ENTRY, {"code": "XK0100001000"}))["matter"]["implementation"]
    assert await _sql(client, ENTRY, {"code": "XK0100001000"}) <= 1  # cached
    generation = await cache.generation(app.state.redis)
    draft = await new_draft(client, token, "XK0100001000", {
        "promisedTimeLimit": {"value": 0, "unit": "WORKING_DAY"}, "caseType": "INSTANT"})
    # a draft changes nothing public: the cached answer stands
    assert await cache.generation(app.state.redis) == generation
    assert (await gql(client, ENTRY, {"code": "XK0100001000"}))["matter"][
        "implementation"] == before
    await mutate(client, PUBLISH, {"id": draft["id"]}, token)
    assert await cache.generation(app.state.redis) == generation + 1
    after = (await gql(client, ENTRY, {"code": "XK0100001000"}))["matter"]["implementation"]
    assert after["id"] == draft["id"] and after["version"] == before["version"] + 1


async def test_retiring_invalidates_lists_and_detail(client, app):
    token = await admin_token(client)
    live = await current(client, "XK0100007000")
    listing = """query($m: ID!) { matters(filter: {regionCode: "330106", matterId: $m}) {
        nodes { id } } }"""
    ids = {"m": live["matter_id"]}
    assert [n["id"] for n in (await gql(client, listing, ids))["matters"]["nodes"]] == [
        live["id"]]
    generation = await cache.generation(app.state.redis)
    retired = await mutate(client, RETIRE, {"id": live["id"]}, token)
    assert retired["implementation"]["status"] == "RETIRED"
    assert await cache.generation(app.state.redis) == generation + 1
    assert (await gql(client, listing, ids))["matters"]["nodes"] == []
    assert (await current(client, "XK0100007000")).get("id") is None
    # retiring again changes nothing and keeps the cache
    await mutate(client, RETIRE, {"id": live["id"]}, token)
    assert await cache.generation(app.state.redis) == generation + 1
