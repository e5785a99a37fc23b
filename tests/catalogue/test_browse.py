"""Browsing the catalogue: filters, matter detail in one round trip, 一件事, node ids."""

from __future__ import annotations

import uuid

from models.catalogue.rules import Status
from models.catalogue.tables import Implementation
from tests.catalogue.support import (
    PUBLISH,
    RETIRE,
    XIHU,
    current,
    make_staff_token,
    mutate,
    new_draft,
)
from tests.helpers import error_codes, gql, gql_raw

LIST = """query($filter: MatterFilter, $first: Int, $after: String) {
  matters(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id code name region { code } department { id kind }
      matter { type audiences theme licenceReformMode }
      serviceScope crossProvinceModes handlingForm onsiteVisits } } }"""


async def _all(client, filter: dict) -> list[dict]:
    found, after = [], None
    while True:
        page = (await gql(client, LIST, {"filter": filter, "first": 100, "after": after}))[
            "matters"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(found) == page["totalCount"]
            return found
        after = page["pageInfo"]["endCursor"]


async def test_a_region_lists_only_its_own_published_entries_in_code_order(client):
    county = await _all(client, {"regionCode": XIHU})
    expected = await Implementation.filter(region_id=XIHU, status=Status.PUBLISHED).count()
    assert len(county) == expected > 150
    assert {n["region"]["code"] for n in county} == {XIHU}
    assert [n["code"] for n in county] == sorted(n["code"] for n in county)
    city = await _all(client, {"regionCode": "330100"})
    assert {n["region"]["code"] for n in city} == {"330100"}  # nothing inherited downwards
    assert {n["code"] for n in city}.isdisjoint(n["code"] for n in county)


async def test_matter_level_filters_read_the_basic_catalogue(client):
    for filter, check in (
        ({"type": "LICENSING"}, lambda n: n["matter"]["type"] == "LICENSING"),
        ({"audience": "LEGAL_ENTITY"}, lambda n: "LEGAL_ENTITY" in n["matter"]["audiences"]),
        ({"theme": "医疗保障"}, lambda n: n["matter"]["theme"] == "医疗保障"),
        ({"licenceReformMode": "NOTIFICATION_COMMITMENT"},
         lambda n: n["matter"]["licenceReformMode"] == "NOTIFICATION_COMMITMENT"),
    ):
        found = await _all(client, {"regionCode": "330100", **filter})
        assert found and all(check(n) for n in found), filter


async def test_implementation_level_filters_read_the_entry_itself(client):
    for filter, check in (
        ({"serviceScope": "CROSS_PROVINCE"}, lambda n: n["serviceScope"] == "CROSS_PROVINCE"),
        ({"crossProvinceMode": "PROXY"}, lambda n: "PROXY" in n["crossProvinceModes"]),
        ({"onlineOnly": True}, lambda n: n["handlingForm"] == "ONLINE"),
        ({"maxOnsiteVisits": 0}, lambda n: n["onsiteVisits"] == 0),
    ):
        found = await _all(client, {"regionCode": "330108", **filter})
        assert found and all(check(n) for n in found), filter
    police = await gql(
        client, '{ departments(regionCode: "330108", first: 20) { nodes { id kind } } }')
    police_id = next(d["id"] for d in police["departments"]["nodes"]
                     if d["kind"] == "public_security")
    found = await _all(client, {"regionCode": "330108", "departmentId": police_id})
    assert found and {n["department"]["kind"] for n in found} == {"public_security"}
    assert await _all(client, {"departmentId": "garbage"}) == []


async def test_an_entry_that_stopped_cross_province_service_is_not_listed_as_one(client):
    """The filter reads the region's own published version, not the matter's defaults
    nor another region's entry (医保关系转移接续 stays cross-province elsewhere)."""
    admin = await make_staff_token(client, ["DEPT_ADMIN"], kind="medical_insurance")
    draft = await new_draft(client, admin, "GG0300001000", {
        "serviceScope": "PROVINCE", "crossProvinceModes": []})
    assert (await mutate(client, PUBLISH, {"id": draft["id"]}, admin))["errors"] == []
    cross = {"crossProvinceMode": "FULLY_ONLINE"}
    here = {n["code"] for n in await _all(client, {"regionCode": XIHU, **cross})}
    there = {n["code"] for n in await _all(client, {"regionCode": "330108", **cross})}
    assert draft["code"] not in here
    assert "GG0300001000330108YBJ" in there
    await mutate(client, RETIRE, {"id": draft["id"]}, admin)


DETAIL = """query($code: String!, $region: String!) {
  matter(basicCode: $code) { id basicCode name type typeLabel legalBasis audiences levels
    lifeEvents { code name }
    implementation(regionCode: $region) { id code version isCurrent isFree
      department { name } region { name }
      legalTimeLimit { value unit label } promisedTimeLimit { value label }
      caseType caseTypeLabel handlingForm handlingFormLabel onsiteVisits
      serviceScope serviceScopeLabel crossProvinceModes
      delegation { kind label fromRegionCode } location { address officeHours }
      consultPhone complaintPhone acceptanceConditions
      materials { key name form formLabel copies required deferrable source template { sha256 } }
      fees { name amountFen amountYuan unit basis } } } }"""


async def test_matter_detail_is_one_round_trip(client):
    data = await gql(client, DETAIL, {"code": "GG0300001000", "region": "330102"})
    matter = data["matter"]
    assert matter["name"] == "基本医疗保险关系转移接续" and matter["type"] == "PUBLIC_SERVICE"
    entry = matter["implementation"]
    assert entry["code"] == "GG0300001000330102YBJ" and entry["isCurrent"]
    assert entry["department"]["name"] == "上城区医疗保障局"
    assert set(entry["crossProvinceModes"]) == {"FULLY_ONLINE", "PROXY"}
    assert entry["serviceScopeLabel"] == "跨省通办"
    assert entry["promisedTimeLimit"]["value"] <= entry["legalTimeLimit"]["value"]
    assert entry["materials"] and all(m["key"] for m in entry["materials"])
    assert entry["location"]["address"].startswith("上城区政务服务中心")
    fee = (await gql(client, DETAIL, {"code": "GG0400005000", "region": XIHU}))["matter"]
    assert fee["implementation"]["fees"][0]["amountYuan"] == "20.00"
    assert fee["implementation"]["isFree"] is False


async def test_provincial_powers_devolved_to_cities_say_so(client):
    nodes, after = [], None
    while after is not False:
        page = (await gql(client, """query($after: String) {
            matters(filter: {regionCode: "330200"}, first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes { matter { levels } delegation { kind fromRegionCode } } } }""",
                          {"after": after}))["matters"]
        nodes += page["nodes"]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else False
    devolved = [n for n in nodes if n["matter"]["levels"] == ["省级", "市级"]]
    assert devolved and all(n["delegation"] == {"kind": "DEVOLVED", "fromRegionCode": "330000"}
                            for n in devolved)


async def test_an_old_version_is_still_readable_by_code_and_version(client):
    live = await current(client, "XK0100009000")  # 食品经营许可: v1 superseded by v2 in seed
    old = await gql(client, """query($code: String!) {
        matterImplementation(code: $code, version: 1) { version status
          promisedTimeLimit { value } legalTimeLimit { value } } }""", {"code": live["code"]})
    assert old["matterImplementation"]["status"] == "RETIRED"
    assert old["matterImplementation"]["promisedTimeLimit"]["value"] == 10
    now = await gql(client, 'query($c: String!) { matterImplementation(code: $c) { id } }',
                    {"c": live["code"]})
    assert now["matterImplementation"]["id"] == live["id"]


async def test_life_events_fan_out_to_the_regions_entries(client):
    data = await gql(client, """{ lifeEvents(audience: PERSON, first: 20) { nodes {
        id code name audiences linkedServices matters { name }
        implementations(regionCode: "330106") { department { kind } matter { name } } } } }""")
    events = {e["name"]: e for e in data["lifeEvents"]["nodes"]}
    birth = events["新生儿出生一件事"]
    assert "PERSON" in birth["audiences"] and len(birth["matters"]) == 7
    assert [i["matter"]["name"] for i in birth["implementations"]] == [
        m["name"] for m in birth["matters"]]
    assert len({i["department"]["kind"] for i in birth["implementations"]}) >= 3
    assert "企业开办一件事" not in events  # for legal entities only
    node = await gql(client, 'query($id: ID!) { node(id: $id) { ... on LifeEvent { code } } }',
                     {"id": birth["id"]})
    assert node["node"] == {"code": birth["code"]}
    used = await gql(client, '{ matter(basicCode: "GG0200001000") { lifeEvents { code } } }')
    assert {"code": birth["code"]} in used["matter"]["lifeEvents"]


async def test_unknown_ids_and_codes_are_null(client):
    data = await gql(client, """query($id: ID!) { matter(id: $id) { id }
        byCode: matter(basicCode: "ZZ0000000000") { id }
        matterImplementation(code: "NOPE") { id } lifeEvent(code: "NOPE") { id }
        node(id: $id) { id } }""", {"id": str(uuid.uuid4())})
    assert data == {"matter": None, "byCode": None, "matterImplementation": None,
                    "lifeEvent": None, "node": None}


async def test_themes_are_listed_and_page_size_is_capped(client):
    themes = (await gql(client, "{ matterThemes }"))["matterThemes"]
    assert "社会保障" in themes and themes == sorted(themes)
    assert error_codes(await gql_raw(client, LIST, {"first": 101})) == ["BAD_USER_INPUT"]
