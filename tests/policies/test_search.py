"""Policy search on the demo library: Chinese, 1–2 characters, pinyin, filters, retired."""

from __future__ import annotations

from tests.helpers import gql, post
from tests.policies.support import NODE, SEARCH


async def _search(client, q=None, first=50, **filter) -> dict:
    variables = {"q": q, "first": first, "filter": filter or None}
    return (await gql(client, SEARCH, variables))["policies"]


async def test_a_two_character_query_finds_the_titles_containing_it(client):
    found = await _search(client, "小微")
    assert found["totalCount"] >= 20
    assert all("小微" in p["title"] for p in found["nodes"])
    assert all(p["status"] == "PUBLISHED" for p in found["nodes"])


async def test_pinyin_and_initials_find_chinese_titles(client):
    for q in ("gxjs", "gaoxinjishu", "GaoXin"):
        found = await _search(client, q, first=10)
        assert found["nodes"], q
        assert "高新技术" in found["nodes"][0]["title"], (q, found["nodes"][0]["title"])


async def test_a_single_character_query_works(client):
    found = await _search(client, "税", first=100)
    assert found["totalCount"] > 0
    assert all("税" in p["title"] or "税" in p["issuingBody"] for p in found["nodes"])


async def test_the_exact_title_ranks_first(client):
    title = "杭州市高新技术企业认定奖励办法"
    found = await _search(client, title, first=5)
    assert found["nodes"][0]["title"] == title


async def test_filters_narrow_by_region_in_force_level_and_support(client):
    found = await _search(client, "企业", first=100, regionCode="330106")
    assert found["nodes"]
    assert {(p["region"] or {}).get("code") for p in found["nodes"]} <= {
        None, "330000", "330100", "330106"}
    city = await _search(client, None, first=30, level="CITY", supportType="FINANCE")
    assert city["nodes"] and all(p["level"] == "CITY" and "FINANCE" in p["supportTypes"]
                                 for p in city["nodes"])
    sized = await _search(client, None, first=100, size="INDIVIDUAL")
    assert all(not p["enterpriseSizes"] or "INDIVIDUAL" in p["enterpriseSizes"]
               for p in sized["nodes"])


async def test_retired_policies_stay_readable_but_leave_the_default_search(client):
    default = await _search(client, None, first=100)
    assert not any(p["isRetired"] for p in default["nodes"])
    oldest = (await gql(client, SEARCH.replace("first: $first", "last: $first"), {
        "first": 30, "filter": {"includeRetired": True, "level": "CITY"}}))["policies"]
    retired = [p for p in oldest["nodes"] if p["isRetired"]]
    assert retired and retired[0]["retiredReason"] == "有效期届满"
    node = (await gql(client, NODE, {"id": retired[0]["id"]}))["node"]
    assert node["status"] == "RETIRED" and node["isRetired"] is True


async def test_without_a_query_the_newest_come_first_and_pages_do_not_overlap(client):
    first = await _search(client, None, first=10)
    dates = [p["issuedOn"] for p in first["nodes"]]
    assert dates == sorted(dates, reverse=True)
    nxt = (await gql(client, SEARCH, {"first": 10, "after": first["pageInfo"]["endCursor"]}))[
        "policies"]
    assert not {p["id"] for p in first["nodes"]} & {p["id"] for p in nxt["nodes"]}
    assert nxt["nodes"][0]["issuedOn"] <= dates[-1]
    ranked = await _search(client, "补贴", first=5)
    more = (await gql(client, SEARCH, {"q": "补贴", "first": 5,
                                       "after": ranked["pageInfo"]["endCursor"]}))["policies"]
    assert not {p["id"] for p in ranked["nodes"]} & {p["id"] for p in more["nodes"]}
    assert more["totalCount"] == ranked["totalCount"]


async def test_the_vocabulary_lists_values_with_chinese_labels(client):
    vocabulary = (await gql(client, """{ policyVocabulary {
      levels { value label } industries { value label } supportTypes { value label } } }"""))[
        "policyVocabulary"]
    assert {"value": "CITY", "label": "市级"} in vocabulary["levels"]
    assert {"value": "INFORMATION_TECHNOLOGY", "label": "信息传输、软件和信息技术服务业"} in \
        vocabulary["industries"]
    assert len(vocabulary["supportTypes"]) == 9


async def test_the_search_screen_runs_a_fixed_number_of_statements(client):
    for q in (None, "小微"):
        response = await post(client, SEARCH, {"q": q, "first": 20})
        assert "errors" not in response.json()
        # keyword statement, filter, policies, facets, matter codes, matters, regions (+count)
        assert int(response.headers["x-sql-count"]) <= 8, (q, response.headers["x-sql-count"])
