"""Operational routes: liveness, readiness, metrics and the JWKS."""

from __future__ import annotations


async def test_healthz_and_readyz_report_ok(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}


async def test_metrics_expose_latency_by_operation_and_errors_by_code(client):
    await client.post("/graphql", json={"query": "query MetricsProbe { __typename }",
                                        "operationName": "MetricsProbe"})
    await client.post("/graphql", json={"query": "{ nope }"})
    text = (await client.get("/metrics")).text
    assert 'gateway_graphql_duration_seconds_bucket{le="0.005",operation="MetricsProbe"}' in text \
        or 'operation="MetricsProbe"' in text
    assert 'gateway_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}' in text
    assert "gateway_http_requests_total" in text


async def test_jwks_publishes_the_ed25519_public_key(client):
    keys = (await client.get("/.well-known/jwks.json")).json()["keys"]
    assert keys and keys[0]["kty"] == "OKP" and keys[0]["crv"] == "Ed25519"
    assert "d" not in keys[0]  # never the private part
