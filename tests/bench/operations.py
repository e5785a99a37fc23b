"""What the benchmark measures: one request per operation, as a client sends it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

import httpx


@dataclass
class Operation:
    name: str
    method: str
    path: str
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def post(name: str, query: str, variables: dict | None = None,
         headers: dict[str, str] | None = None) -> Operation:
    body = json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=False)
    return Operation(name, "POST", "/graphql", body,
                     {"Content-Type": "application/json", **(headers or {})})


def persisted_get(client: httpx.Client, name: str, query: str, variables: dict) -> Operation:
    """Register the document once (APQ), then measure the hash-only GET."""
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    client.post("/graphql", json={"query": query, "variables": variables,
                                  "extensions": extensions}).raise_for_status()
    params = urlencode({"extensions": json.dumps(extensions, separators=(",", ":")),
                        "variables": json.dumps(variables, separators=(",", ":"))})
    return Operation(name, "GET", f"/graphql?{params}", None, {"Accept": "*/*"})


def staff_token(client: httpx.Client, username: str) -> str:
    response = client.post("/graphql", json={"query": """mutation($i: AuthSignInInput!) {
        authSignIn(input: $i) { accessToken } }""",
        "variables": {"i": {"username": username, "password": "Demo@2026"}}})
    return response.json()["data"]["authSignIn"]["accessToken"]


def gateway_operations(client: httpx.Client) -> list[Operation]:
    token = staff_token(client, "clerk.xihu")
    auth = {"Authorization": f"Bearer {token}"}
    ops = [
        post("typename_anonymous", "{ __typename }"),
        # every protection on (token, limits, cost, budget) around a trivial field
        post("small_authenticated_all_protections", "{ __typename }", headers=auth),
        post("viewer_me", "{ viewer { id displayName roles } }", headers=auth),
        post("departments_page_20",
             "query($r: String) { departments(regionCode: $r, first: 20) "
             "{ edges { node { code name region { name } } } } }", {"r": None}),
        post("region_tree", "{ regions { name children { code name children { code name } } } }"),
        persisted_get(client, "regions_persisted_get", "query Cities($c: String) "
                      "{ regions(parentCode: $c) { code name } }", {"c": "330000"}),
    ]
    return ops + domain_operations(client, auth)


def domain_operations(client: httpx.Client, auth: dict[str, str]) -> list[Operation]:
    """Operations of the domains (catalogue search, applications, …) when present."""
    ops: list[Operation] = []
    schema = client.post("/graphql", json={"query": "{ __schema { queryType { fields "
                                                    "{ name } } } }"}).json()
    fields = {f["name"] for f in schema["data"]["__schema"]["queryType"]["fields"]}
    if "searchMatters" in fields:
        # the app's search screen: 20 matters, each with the department and fees of
        # its implementation in the chosen county
        ops.append(post("catalogue_search_page",
                        "query Search($q: String!, $r: String) { searchMatters(query: $q, "
                        "regionCode: $r, first: 20) { edges { node { name implementation "
                        "{ department { name } fees { name amountFen } } } } } }",
                        {"q": "登记", "r": "330106"}))
    if "matters" in fields:
        page = ("query MattersPage($r: String!) { matters(filter: {regionCode: $r}, first: 20) "
                "{ edges { node { name promisedTimeLimit { value unit } department { name } "
                "fees { name amountFen } materials { name } } } } }")
        ops.append(post("catalogue_page_20_with_department_fees", page, {"r": "330106"}))
        ops.append(persisted_get(client, "catalogue_page_persisted_get", page, {"r": "330106"}))
    return ops
