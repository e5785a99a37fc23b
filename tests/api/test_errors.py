"""Top-level errors: codes, request ids, and masking of the unexpected."""

from __future__ import annotations

import logging
from dataclasses import replace

import strawberry

from api.apq import PersistedQueryStore
from api.executor import Gateway, GraphQLRequest
from api.settings import Settings
from auth.errors import Forbidden
from resolvers.context import Context


@strawberry.type
class Query:
    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("SELECT secret FROM account WHERE phone='13800000000'")

    @strawberry.field
    def forbidden(self) -> str:
        raise Forbidden()

    @strawberry.field
    def fine(self) -> str:
        return "ok"


def make_gateway() -> tuple[Gateway, Context]:
    import fakeredis

    redis = fakeredis.FakeAsyncRedis()
    settings = replace(Settings(), env="test")
    gateway = Gateway(strawberry.Schema(query=Query)._schema, settings, redis,
                      PersistedQueryStore(redis, 60, 1024))
    return gateway, Context(settings=settings, redis=redis, request_id="rid-1",
                            client_ip="203.0.113.9")


async def test_unexpected_exception_is_masked_logged_and_keeps_other_fields(caplog):
    gateway, ctx = make_gateway()
    with caplog.at_level(logging.ERROR, logger="gateway.errors"):
        outcome = await gateway.run(GraphQLRequest("{ fine boom }"), ctx)
    assert outcome.kind == "ok"
    assert outcome.body["data"] is None  # boom is non-null: the error nulls the root
    error = outcome.body["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "rid-1"}
    assert "secret" not in error["message"] and "1380000" not in error["message"]
    assert error["path"] == ["boom"]
    assert any(getattr(r, "request_id", None) == "rid-1" for r in caplog.records)


async def test_gateway_errors_keep_their_code():
    gateway, ctx = make_gateway()
    outcome = await gateway.run(GraphQLRequest("{ forbidden }"), ctx)
    assert outcome.body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert outcome.body["errors"][0]["message"] == "无权执行此操作"
