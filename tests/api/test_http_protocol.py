"""GraphQL over HTTP: media types, methods, statuses and malformed requests."""

from __future__ import annotations

import json

from tests.helpers import GQL_RESPONSE, error_codes


async def test_post_json_answers_typename(client):
    response = await client.post("/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["data"] == {"__typename": "Query"}
    assert response.headers["x-request-id"]


async def test_graphql_response_media_type_is_used_when_accepted(client):
    response = await client.post("/graphql", json={"query": "{ __typename }"},
                                 headers={"Accept": GQL_RESPONSE})
    assert response.headers["content-type"].startswith(GQL_RESPONSE)


async def test_parse_error_is_400_with_new_media_type_and_200_with_json(client):
    new = await client.post("/graphql", json={"query": "{"}, headers={"Accept": GQL_RESPONSE})
    assert new.status_code == 400
    assert error_codes(new.json()) == ["GRAPHQL_PARSE_FAILED"]
    assert "data" not in new.json()
    legacy = await client.post("/graphql", json={"query": "{"},
                               headers={"Accept": "application/json"})
    assert legacy.status_code == 200
    assert error_codes(legacy.json()) == ["GRAPHQL_PARSE_FAILED"]


async def test_validation_error_has_code_and_request_id(client):
    response = await client.post("/graphql", json={"query": "{ noSuchField }"},
                                 headers={"Accept": GQL_RESPONSE, "X-Request-Id": "req-abc-12345"})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["extensions"]["requestId"] == "req-abc-12345"
    assert response.headers["x-request-id"] == "req-abc-12345"


async def test_get_runs_queries(client):
    response = await client.get("/graphql", params={"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_mutation_over_get_is_405_with_allow_post(client):
    query = 'mutation { authSignIn(input: {username: "x", password: "y"}) { accessToken } }'
    response = await client.get("/graphql", params={"query": query})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_unacceptable_accept_header_is_406(client):
    response = await client.post("/graphql", json={"query": "{ __typename }"},
                                 headers={"Accept": "text/plain"})
    assert response.status_code == 406


async def test_missing_and_wrong_content_type_are_415(client):
    missing = await client.post("/graphql", content=b'{"query":"{ __typename }"}')
    assert missing.status_code == 415
    wrong = await client.post("/graphql", content=b"query=1",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert wrong.status_code == 415


async def test_malformed_json_is_400(client):
    response = await client.post("/graphql", content=b'{"query": ',
                                 headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_deeply_nested_json_is_400_not_500(client):
    body = b'{"query":"{ __typename }","variables":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = await client.post("/graphql", content=body,
                                 headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    healthy = await client.post("/graphql", json={"query": "{ __typename }"})
    assert healthy.status_code == 200


async def test_batched_request_is_refused(client):
    response = await client.post("/graphql", json=[{"query": "{ __typename }"}] * 2)
    assert response.status_code == 400
    assert "批量" in response.json()["errors"][0]["message"]


async def test_body_over_one_mebibyte_is_413(client):
    padding = "x" * (1024 * 1024)
    response = await client.post("/graphql", content=json.dumps(
        {"query": "{ __typename }", "variables": {"pad": padding}}).encode(),
        headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert error_codes(response.json()) == ["PAYLOAD_TOO_LARGE"]


async def test_wrongly_typed_parameters_are_400(client):
    for body in ({"query": 1}, {"query": "{ __typename }", "variables": "[]"},
                 {"query": "{ __typename }", "operationName": 3},
                 {"query": "{ __typename }", "extensions": []}, {}):
        response = await client.post("/graphql", json=body)
        assert response.status_code == 400, body


async def test_subscription_over_http_is_refused(client):
    response = await client.post("/graphql", json={"query": "subscription { x }"},
                                 headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400


async def test_graphiql_is_served_to_browsers_only(client):
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    not_page = await client.get("/graphql", headers={"Accept": "*/*"})
    assert not_page.status_code == 400  # no query: a request, not the IDE


async def test_unknown_operation_name_is_a_request_error(client):
    response = await client.post(
        "/graphql", json={"query": "query A { __typename } query B { __typename }",
                          "operationName": "C"}, headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_bad_variables_are_bad_user_input(client):
    response = await client.post(
        "/graphql", json={"query": "query($c: String!) { region(code: $c) { name } }",
                          "variables": {"c": 5}}, headers={"Accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert error_codes(response.json()) == ["BAD_USER_INPUT"]


async def test_sql_statements_are_counted_per_request(client):
    response = await client.post("/graphql", json={
        "query": "{ departments(first: 20) { edges { node { code region { name } } } } }"})
    # one page query + one batched region load; totalCount not asked for
    assert response.headers["x-sql-count"] == "2"


async def test_a_test_can_count_the_statements_of_a_whole_request(client):
    from api.sqlcount import counting

    with counting() as outer:
        response = await client.post("/graphql", json={
            "query": "{ departments(first: 5) { edges { node { code } } } }"})
    assert response.headers["x-sql-count"] == "1"
    assert outer[0] == 1
