"""Prometheus metrics: requests, latency by operation, errors by code, DB pool."""

from __future__ import annotations

import re
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "gateway_http_requests_total", "HTTP requests by route and status",
    ["route", "status"], registry=REGISTRY)
GRAPHQL_REQUESTS = Counter(
    "gateway_graphql_requests_total", "GraphQL operations by name and outcome",
    ["operation", "outcome"], registry=REGISTRY)
GRAPHQL_LATENCY = Histogram(
    "gateway_graphql_duration_seconds", "GraphQL operation latency",
    ["operation"], registry=REGISTRY,
    buckets=(0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
GRAPHQL_ERRORS = Counter(
    "gateway_graphql_errors_total", "Top-level GraphQL errors by code",
    ["code"], registry=REGISTRY)
RESPONSE_CACHE = Counter(
    "gateway_response_cache_total", "Public GET responses served from or stored in the "
    "process's response cache", ["result"], registry=REGISTRY)
DB_POOL = Gauge(
    "gateway_db_pool_connections", "Database pool connections by state",
    ["state"], registry=REGISTRY)

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_seen: set[str] = set()
_MAX_NAMES = 300  # client-chosen names must not explode the label space


def operation_label(name: str | None) -> str:
    if not name or not _NAME.match(name):
        return "anonymous"
    if name in _seen:
        return name
    if len(_seen) >= _MAX_NAMES:
        return "other"
    _seen.add(name)
    return name


def observe(operation_name: str | None, outcome: Any, seconds: float) -> None:
    label = operation_label(operation_name)
    GRAPHQL_REQUESTS.labels(label, outcome.kind).inc()
    GRAPHQL_LATENCY.labels(label).observe(seconds)
    for error in outcome.body.get("errors") or ():
        GRAPHQL_ERRORS.labels(str(error.get("extensions", {}).get("code", "UNKNOWN"))).inc()


def sample_db_pool() -> None:
    """Read pool sizes from asyncpg when the default connection is PostgreSQL."""
    try:
        from tortoise import connections

        pool = getattr(connections.get("default"), "_pool", None)
    except Exception:  # noqa: BLE001 - metrics must never fail a scrape
        pool = None
    if pool is not None and hasattr(pool, "get_size"):
        DB_POOL.labels("open").set(pool.get_size())
        DB_POOL.labels("idle").set(pool.get_idle_size())


def render() -> tuple[bytes, str]:
    sample_db_pool()
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
