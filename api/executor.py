"""The GraphQL pipeline shared by HTTP: APQ, parse, limits, cost, budget, execute."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule

from api import metrics, sqlcount
from api.apq import PersistedQueryStore, sha256_hex
from api.authn import audit_refusals
from api.cost import CostCalculator, InputListTooLong, check_input_lists, check_literal_lists
from api.errors import error_dict, format_error
from api.limits import limit_rules
from api.ratelimit import RateLimiter
from api.response_cache import public_topics
from api.settings import Settings
from resolvers.context import Context

log = logging.getLogger("gateway.graphql")


@dataclass
class GraphQLRequest:
    query: str | None
    operation_name: str | None = None
    variables: dict[str, Any] | None = None
    extensions: dict[str, Any] | None = None
    method: str = "POST"
    form: Any = None  # a multipart form whose files are closed after the response


@dataclass
class Outcome:
    """What to send: the body, and how well-formed the request was.

    ``kind`` is "ok" (executed; field errors may be present), "request_error"
    (a GraphQL request error: parse, validation, limits, APQ miss), "bad_request"
    (not a well-formed request), "method_not_allowed" or "rate_limited".
    """

    body: dict[str, Any]
    kind: str = "ok"
    headers: dict[str, str] = field(default_factory=dict)
    public_topics: frozenset[str] | None = None  # set: the same for every anonymous GET


class _LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


class Gateway:
    """One per process: holds the schema, the caches and the limiters."""

    def __init__(self, schema: GraphQLSchema, settings: Settings, redis,
                 apq: PersistedQueryStore) -> None:
        self.schema = schema
        self.settings = settings
        self.apq = apq
        self.cost = CostCalculator(schema)
        self.limiter = RateLimiter(redis, settings.rate_budget, settings.rate_window_seconds)
        rules = [*specified_rules, *limit_rules(
            settings.max_depth, settings.max_aliases, settings.max_mutations)]
        if not settings.introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.rules = rules
        # Parsing and validation are most of the cost of a small query and do not
        # depend on variables: cache both by document text.
        self._documents: _LRU = _LRU(2048)

    def prepare(self, query: str) -> tuple[DocumentNode | None, list[GraphQLError], str]:
        cached = self._documents.get(query)
        if cached is not None:
            self._documents.move_to_end(query)
            return cached
        try:
            document = parse(query, max_tokens=self.settings.max_tokens, no_location=False)
        except GraphQLError as error:
            code = "GRAPHQL_PARSE_FAILED"
            if "tokens" in error.message:
                error = GraphQLError(
                    f"查询过长：超过 {self.settings.max_tokens} 个词法单元",
                    extensions={"limit": "tokens", "max": self.settings.max_tokens},
                )
            result: tuple[DocumentNode | None, list[GraphQLError], str] = (None, [error], code)
        except RecursionError:
            error = GraphQLError("查询嵌套过深，无法解析", extensions={"limit": "depth"})
            result = (None, [error], "GRAPHQL_PARSE_FAILED")
        else:
            errors = validate(self.schema, document, self.rules, max_errors=20)
            code = "GRAPHQL_VALIDATION_FAILED"
            if not errors:
                try:  # list literals in the text: checked once per document
                    check_literal_lists(document, self.settings.max_list_input)
                except InputListTooLong as too_long:
                    errors = [GraphQLError(str(too_long), extensions={
                        "limit": "inputList", "max": too_long.limit})]
                    code = "BAD_USER_INPUT"
            result = (document, errors, code)
        self._documents.put(query, result)
        return result

    async def run(self, request: GraphQLRequest, ctx: Context) -> Outcome:
        started = time.perf_counter()
        with sqlcount.counting() as statements:
            outcome = await self._run(request, ctx)
        if not self.settings.is_prod:
            outcome.headers["X-SQL-Count"] = str(statements[0])
        metrics.observe(request.operation_name, outcome, time.perf_counter() - started)
        return outcome

    async def _run(self, request: GraphQLRequest, ctx: Context) -> Outcome:
        rid = ctx.request_id
        query = request.query
        persisted = (request.extensions or {}).get("persistedQuery")
        digest: str | None = None
        if persisted is not None:
            if (not isinstance(persisted, dict) or persisted.get("version") != 1
                    or not isinstance(persisted.get("sha256Hash"), str)):
                return _bad("persistedQuery 扩展格式不正确（需要 version: 1 与 sha256Hash）",
                            "BAD_USER_INPUT", rid)
            digest = persisted["sha256Hash"].lower()
            if query is None:
                query = await self.apq.lookup(digest)
                if query is None:
                    return Outcome(
                        {"errors": [error_dict("PersistedQueryNotFound",
                                               "PERSISTED_QUERY_NOT_FOUND", rid)]},
                        "request_error")
            elif sha256_hex(query) != digest:
                return _bad("provided sha does not match query：查询文本与哈希不符",
                            "BAD_USER_INPUT", rid)
        if query is None:
            return _bad("请求缺少 query 参数", "BAD_USER_INPUT", rid)
        if self.apq.trusted_only and not self.apq.is_trusted(digest or sha256_hex(query)):
            return Outcome({"errors": [error_dict(
                "此服务只执行预先登记的查询文档", "PERSISTED_QUERY_NOT_FOUND", rid)]},
                "request_error")

        document, errors, code = self.prepare(query)
        if errors:
            return Outcome({"errors": [format_error(e, rid, code) for e in errors]},
                           "request_error")
        assert document is not None
        operation = get_operation_ast(document, request.operation_name)
        if operation is None:
            message = (f"找不到名为 {request.operation_name} 的操作"
                       if request.operation_name else "文档包含多个操作时必须提供 operationName")
            return Outcome({"errors": [error_dict(message, "BAD_USER_INPUT", rid)]},
                           "request_error")
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            return Outcome({"errors": [error_dict(
                "GET 请求只能执行查询（query）；mutation 请使用 POST", "BAD_USER_INPUT", rid)]},
                "method_not_allowed", {"Allow": "POST"})
        if operation.operation == OperationType.SUBSCRIPTION:
            return Outcome({"errors": [error_dict(
                "订阅请通过 WebSocket（graphql-transport-ws）发起", "BAD_USER_INPUT", rid)]},
                "request_error")
        variables = request.variables or {}
        try:
            check_input_lists(variables, self.settings.max_list_input)
        except InputListTooLong as too_long:
            return Outcome({"errors": [error_dict(str(too_long), "BAD_USER_INPUT", rid,
                                                  limit="inputList", max=too_long.limit)]},
                           "request_error")

        cost = self.cost.operation_cost(document, operation, variables)
        cost_info = {"requested": cost, "maximum": self.settings.max_cost}
        if cost > self.settings.max_cost:
            return Outcome({"errors": [error_dict(
                f"查询代价 {cost} 超过单次上限 {self.settings.max_cost}",
                "COST_LIMIT_EXCEEDED", rid, cost=cost, maximum=self.settings.max_cost)],
                "extensions": {"cost": cost_info}}, "request_error")
        charge = await self.limiter.charge(ctx.viewer.rate_key(ctx.client_ip), cost)
        headers = charge.headers()
        cost_info.update(budget=charge.limit, remaining=charge.remaining)
        if not charge.allowed:
            headers["Retry-After"] = str(max(1, charge.reset_seconds))
            return Outcome({"errors": [error_dict(
                "请求过于频繁，请稍后再试", "RATE_LIMITED", rid,
                retryAfterSeconds=max(1, charge.reset_seconds))],
                "extensions": {"cost": cost_info}}, "rate_limited", headers)
        if digest is not None and request.query is not None:
            await self.apq.remember(digest, query)

        return await self._execute(document, operation, request, ctx, cost_info, headers)

    async def _execute(self, document: DocumentNode, operation: OperationDefinitionNode,
                       request: GraphQLRequest, ctx: Context, cost_info: dict[str, Any],
                       headers: dict[str, str]) -> Outcome:
        rid = ctx.request_id
        result = execute(self.schema, document, context_value=ctx,
                         variable_values=request.variables,
                         operation_name=request.operation_name)
        if hasattr(result, "__await__"):
            result = await result  # type: ignore[misc]
        body: dict[str, Any] = {}
        kind = "ok"
        if result.errors:
            if result.data is None and not _has_path(result.errors):
                # variable coercion failed: a request error, nothing executed
                kind = "request_error"
                body["errors"] = [format_error(e, rid, "BAD_USER_INPUT") for e in result.errors]
            else:
                body["errors"] = [format_error(e, rid, "INTERNAL_SERVER_ERROR")
                                  for e in result.errors]
                await audit_refusals(ctx, result.errors)  # FORBIDDEN -> security log
        if kind == "ok":
            body["data"] = result.data
        topics = None
        if (request.method == "GET" and "errors" not in body and not ctx.response_headers
                and not ctx.viewer.is_authenticated):
            topics = public_topics(operation)
        if topics:  # a shared answer carries no one's budget
            cost_info = {"requested": cost_info["requested"], "maximum": cost_info["maximum"]}
        body["extensions"] = {"cost": cost_info}
        headers.update(ctx.response_headers)
        return Outcome(body, kind, headers, topics)


def _has_path(errors: list[GraphQLError]) -> bool:
    return any(e.path for e in errors)


def _bad(message: str, code: str, rid: str) -> Outcome:
    return Outcome({"errors": [error_dict(message, code, rid)]}, "bad_request")
