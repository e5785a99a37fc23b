"""Test helpers: send GraphQL like a client does, fail on anything unexpected."""

from __future__ import annotations

from typing import Any

import httpx

GQL_RESPONSE = "application/graphql-response+json"


async def gql(client: httpx.AsyncClient, query: str, variables: dict | None = None, *,
              token: str | None = None, headers: dict | None = None) -> dict[str, Any]:
    """POST a query and return `data`; any top-level error fails the test."""
    body = await gql_raw(client, query, variables, token=token, headers=headers)
    assert "errors" not in body, body.get("errors")
    return body["data"]


async def gql_raw(client: httpx.AsyncClient, query: str, variables: dict | None = None, *,
                  token: str | None = None, headers: dict | None = None,
                  operation_name: str | None = None) -> dict[str, Any]:
    response = await post(client, query, variables, token=token, headers=headers,
                          operation_name=operation_name)
    return response.json()


async def post(client: httpx.AsyncClient, query: str, variables: dict | None = None, *,
               token: str | None = None, headers: dict | None = None,
               operation_name: str | None = None) -> httpx.Response:
    all_headers = {"Accept": "application/json"}
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    all_headers.update(headers or {})
    payload: dict[str, Any] = {"query": query}
    if variables is not None:
        payload["variables"] = variables
    if operation_name is not None:
        payload["operationName"] = operation_name
    return await client.post("/graphql", json=payload, headers=all_headers)


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


SIGN_IN = """
mutation SignIn($input: AuthSignInInput!) {
  authSignIn(input: $input) { accessToken expiresAt viewer { displayName roles }
    errors { code field message } }
}"""


async def staff_token(client: httpx.AsyncClient, username: str,
                      password: str = "Demo@2026") -> str:
    data = await gql(client, SIGN_IN, {"input": {"username": username, "password": password}})
    payload = data["authSignIn"]
    assert payload["errors"] == [], payload["errors"]
    return payload["accessToken"]
