"""Node IDs, node(id:)/nodes(ids:) and keyset connections."""

from __future__ import annotations

from tests.helpers import error_codes, gql, gql_raw

PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  departments(regionCode: "330106", first: $first, after: $after, last: $last,
              before: $before) {
    totalCount edges { cursor node { id code } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


async def test_node_resolves_a_region_and_a_department_by_opaque_id(client):
    data = await gql(client, '{ region(code: "330106") { id name } '
                             'departments(first: 1) { edges { node { id name } } } }')
    region_id = data["region"]["id"]
    department = data["departments"]["edges"][0]["node"]
    assert "330106" not in region_id  # opaque
    found = await gql(client, """query($ids: [ID!]!) { nodes(ids: $ids) {
        id ... on Region { name } ... on Department { name } } }""",
                      {"ids": [department["id"], "garbage", region_id]})
    assert [n and n["name"] for n in found["nodes"]] == [
        department["name"], None, data["region"]["name"]]


async def test_node_with_unknown_or_malformed_ids_is_null(client):
    for bad in ("", "not-base64!", "VW5rbm93bjox", "RGVwYXJ0bWVudDpub3QtYS11dWlk"):
        data = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": bad})
        assert data["node"] is None


async def test_forward_pages_are_disjoint_and_complete(client):
    seen = []
    after = None
    while True:
        page = (await gql(client, PAGE, {"first": 5, "after": after}))["departments"]
        seen.extend(e["node"]["code"] for e in page["edges"])
        assert page["totalCount"] == 12
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 12 and len(set(seen)) == 12
    assert seen == sorted(seen)


async def test_backward_page_ends_before_the_cursor(client):
    first = (await gql(client, PAGE, {"first": 6}))["departments"]
    cursor = first["edges"][4]["cursor"]
    back = (await gql(client, PAGE, {"last": 3, "before": cursor}))["departments"]
    assert [e["node"]["code"] for e in back["edges"]] == [
        e["node"]["code"] for e in first["edges"][1:4]]
    assert back["pageInfo"]["hasPreviousPage"] is True


async def test_page_size_over_100_and_bad_cursors_are_refused(client):
    assert error_codes(await gql_raw(client, PAGE, {"first": 101})) == ["BAD_USER_INPUT"]
    assert error_codes(await gql_raw(client, PAGE, {"first": -1})) == ["BAD_USER_INPUT"]
    assert error_codes(await gql_raw(client, PAGE, {"first": 2, "after": "@@"})) == [
        "BAD_USER_INPUT"]
    assert error_codes(await gql_raw(client, PAGE, {"first": 2, "last": 2})) == [
        "BAD_USER_INPUT"]


async def test_nodes_refuses_more_than_100_ids(client, make_app):
    async with make_app(max_list_input=1000) as loose:
        body = (await loose.post("/graphql", json={
            "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            "variables": {"ids": ["x"] * 101}})).json()
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_region_tree_lists_all_zhejiang_cities_and_counties(client):
    data = await gql(client, '{ regions { name children { code children { code } } } }')
    province = data["regions"][0]
    assert province["name"] == "浙江省"
    assert len(province["children"]) == 11
    assert sum(len(c["children"]) for c in province["children"]) == 90
