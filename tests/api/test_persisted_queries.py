"""Automatic persisted queries and the trusted-documents mode."""

from __future__ import annotations

import hashlib
import json
import uuid

from tests.helpers import error_codes


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def apq(digest: str) -> str:
    return json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})


async def test_hash_only_get_misses_then_registers_then_hits_with_any_accept(client):
    query = f"query Regions{uuid.uuid4().hex[:8]} {{ regions {{ code }} }}"
    digest = sha(query)
    miss = await client.get("/graphql", params={"extensions": apq(digest)},
                            headers={"Accept": "*/*"})
    assert miss.status_code == 200
    assert error_codes(miss.json()) == ["PERSISTED_QUERY_NOT_FOUND"]
    register = await client.post("/graphql", json={
        "query": query, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}})
    assert register.json()["data"]["regions"][0]["code"] == "330000"
    hit = await client.get("/graphql", params={"extensions": apq(digest)},
                           headers={"Accept": "*/*"})
    assert hit.status_code == 200
    assert hit.headers["content-type"].startswith("application/json")
    assert hit.json()["data"]["regions"][0]["code"] == "330000"


async def test_hash_mismatch_is_400(client):
    response = await client.post("/graphql", json={
        "query": "{ __typename }",
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}})
    assert response.status_code == 400


async def test_invalid_documents_are_not_stored(client):
    query = "{ noSuchField" + uuid.uuid4().hex[:6] + " }"
    digest = sha(query)
    await client.post("/graphql", json={
        "query": query, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}})
    again = await client.get("/graphql", params={"extensions": apq(digest)})
    assert error_codes(again.json()) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_hash_only_mutation_over_get_is_405(client):
    mutation = 'mutation { authSignIn(input: {username: "a", password: "b"}) { accessToken } }'
    digest = sha(mutation)
    await client.post("/graphql", json={
        "query": mutation, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}})
    response = await client.get("/graphql", params={"extensions": apq(digest)})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_malformed_persisted_query_extension_is_400(client):
    response = await client.post("/graphql", json={
        "extensions": {"persistedQuery": {"version": 2, "sha256Hash": "abc"}}})
    assert response.status_code == 400


async def test_trusted_documents_mode_runs_only_registered_documents(make_app, tmp_path):
    allowed = "query Allowed { __typename }"
    manifest = tmp_path / "trusted.json"
    manifest.write_text(json.dumps({sha(allowed): allowed}))
    async with make_app(trusted_documents_path=str(manifest)) as trusted:
        by_hash = await trusted.get("/graphql", params={"extensions": apq(sha(allowed))})
        assert by_hash.json()["data"] == {"__typename": "Query"}
        by_text = await trusted.post("/graphql", json={"query": allowed})
        assert by_text.json()["data"] == {"__typename": "Query"}
        other = await trusted.post("/graphql", json={"query": "{ regions { code } }"})
        assert error_codes(other.json()) == ["PERSISTED_QUERY_NOT_FOUND"]
        assert "data" not in other.json()
        registering = await trusted.post("/graphql", json={
            "query": "{ regions { code } }", "extensions": {"persistedQuery": {
                "version": 1, "sha256Hash": sha("{ regions { code } }")}}})
        assert "data" not in registering.json()
