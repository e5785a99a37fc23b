"""Protection before execution: depth, aliases, tokens, mutations, cost, budgets."""

from __future__ import annotations

from graphql import get_introspection_query

from tests.helpers import GQL_RESPONSE, error_codes, gql_raw, post


def nested(depth: int) -> str:
    inner = "code"
    for _ in range(depth - 2):  # region + parents + code = depth
        inner = f"parent {{ {inner} }}"
    return f"{{ region(code: \"330106\") {{ {inner} }} }}"


async def test_query_at_the_depth_limit_runs_and_one_deeper_is_refused(client):
    ok = await gql_raw(client, nested(12))
    assert "errors" not in ok
    too_deep = await gql_raw(client, nested(13))
    assert error_codes(too_deep) == ["GRAPHQL_VALIDATION_FAILED"]
    assert too_deep["errors"][0]["extensions"]["limit"] == "depth"
    assert "data" not in too_deep


async def test_introspection_counts_towards_depth(client):
    of_type = "name"
    for _ in range(20):
        of_type = f"ofType {{ {of_type} }}"
    query = f"{{ __schema {{ types {{ fields {{ type {{ {of_type} }} }} }} }} }}"
    body = await gql_raw(client, query)
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["extensions"]["limit"] == "depth"


async def test_the_standard_introspection_query_still_runs(client):
    body = await gql_raw(client, get_introspection_query())
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_depth_through_fragments_is_counted(client):
    query = ("query { region(code: \"330106\") { ...A } } "
             "fragment A on Region { parent { ...B } } "
             "fragment B on Region { parent { parent { parent { parent { parent { parent { "
             "parent { parent { parent { parent { parent { code } } } } } } } } } } } }")
    assert error_codes(await gql_raw(client, query)) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_too_many_aliases_are_refused(client):
    fields = " ".join(f"a{i}: __typename" for i in range(16))
    body = await gql_raw(client, f"{{ {fields} }}")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["extensions"]["limit"] == "aliases"
    fifteen = " ".join(f"a{i}: __typename" for i in range(15))
    assert "errors" not in await gql_raw(client, f"{{ {fifteen} }}")


async def test_too_many_tokens_are_refused_before_parsing_finishes(client):
    query = "{ " + " ".join("__typename" for _ in range(2500)) + " }"
    body = await gql_raw(client, query)
    assert error_codes(body) == ["GRAPHQL_PARSE_FAILED"]
    assert body["errors"][0]["extensions"]["limit"] == "tokens"


async def test_more_than_five_mutations_in_one_request_are_refused(client):
    one = 'm{i}: authSignIn(input: {{username: "nobody", password: "x"}}) {{ accessToken }}'
    six = " ".join(one.format(i=i) for i in range(6))
    body = await gql_raw(client, f"mutation {{ {six} }}")
    assert error_codes(body) == ["GRAPHQL_VALIDATION_FAILED"]
    assert body["errors"][0]["extensions"]["limit"] == "mutations"


async def test_cost_is_reported_and_grows_with_page_size(client):
    query = "query($n: Int) { departments(first: $n) { edges { node { region { name } } } } }"
    small = await gql_raw(client, query, {"n": 2})
    large = await gql_raw(client, query, {"n": 50})
    assert small["extensions"]["cost"]["requested"] < large["extensions"]["cost"]["requested"]
    # departments (1) + 50 edges (50) + 50 nodes (50) + 50 regions (50)
    assert large["extensions"]["cost"]["requested"] == 151


async def test_query_over_the_cost_cap_is_refused_without_running(client):
    query = ("{ a: departments(first: 100) { edges { node { region { children { "
             "children { parent { name } } } } } } } }")
    response = await post(client, query, headers={"Accept": GQL_RESPONSE})
    body = response.json()
    assert response.status_code == 400
    assert error_codes(body) == ["COST_LIMIT_EXCEEDED"]
    assert body["extensions"]["cost"]["requested"] > body["extensions"]["cost"]["maximum"]
    assert "data" not in body


async def test_input_lists_over_the_limit_are_refused(client):
    ids = ["x"] * 101
    body = await gql_raw(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                         {"ids": ids})
    assert error_codes(body) == ["BAD_USER_INPUT"]


async def test_budget_runs_out_with_rate_limited_and_headers(make_app):
    async with make_app(rate_budget=40, rate_window_seconds=3600) as small:
        query = "{ departments(first: 10) { edges { node { code } } } }"  # cost 21
        first = await post(small, query)
        assert first.status_code == 200
        assert first.headers["x-ratelimit-limit"] == "40"
        assert int(first.headers["x-ratelimit-remaining"]) == 19
        second = await post(small, query)
        assert second.status_code == 429
        assert error_codes(second.json()) == ["RATE_LIMITED"]
        assert int(second.headers["retry-after"]) >= 1
        cheap = await post(small, "{ __typename }")  # cost 1 still fits
        assert cheap.status_code == 200


async def test_server_stays_healthy_after_every_refusal(client):
    for query in (nested(40), "{" * 5000, "{ " + "a: __typename " * 50 + "}"):
        await gql_raw(client, query)
    assert (await client.get("/healthz")).status_code == 200
    assert (await gql_raw(client, "{ __typename }"))["data"] == {"__typename": "Query"}


async def test_long_list_literals_in_the_document_are_refused(client):
    ids = ", ".join(f'"x{i}"' for i in range(101))
    body = await gql_raw(client, f"{{ nodes(ids: [{ids}]) {{ id }} }}")
    assert error_codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["limit"] == "inputList"
