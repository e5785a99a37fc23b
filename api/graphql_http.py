"""The /graphql HTTP endpoint (GraphQL-over-HTTP): GET for queries, POST for all."""

from __future__ import annotations

import logging
from typing import Any, NamedTuple

import orjson
from starlette.requests import Request
from strawberry.http.ides import get_graphql_ide_html

from api.body import BodyTooLarge, read_limited
from api.errors import error_dict
from api.executor import Gateway, GraphQLRequest, Outcome
from api.response_cache import Entry, ResponseCache
from api.uploads import multipart_request
from auth.errors import GatewayError
from resolvers.context import Context

log = logging.getLogger("gateway.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


class Reply(NamedTuple):
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str]

    async def send(self, send) -> None:
        raw = [(b"content-type", self.content_type.encode()),
               (b"content-length", str(len(self.body)).encode())]
        raw.extend((k.lower().encode("latin-1"), v.encode("latin-1"))
                   for k, v in self.headers.items())
        await send({"type": "http.response.start", "status": self.status, "headers": raw})
        await send({"type": "http.response.body", "body": self.body})


def choose_media_type(accept: str | None) -> str | None:
    """The response media type for an Accept header; None when nothing fits."""
    if not accept or not accept.strip():
        return JSON  # the spec's legacy default for clients that say nothing
    offered = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality > 0:
            offered.append((quality, media.lower()))
    offered.sort(key=lambda item: -item[0])
    for _quality, media in offered:
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return None


def status_for(outcome: Outcome, media: str) -> int:
    if outcome.kind == "ok":
        return 200
    if outcome.kind == "rate_limited":
        return 429
    if outcome.kind == "method_not_allowed":
        return 405
    if outcome.kind == "bad_request":
        return 400
    # A GraphQL request error: the new media type says so with a 4xx; the
    # legacy application/json keeps 200 so that old clients read the body.
    return 400 if media == GRAPHQL_RESPONSE else 200


def encode(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body, default=str)


class GraphQLEndpoint:
    """The ASGI endpoint: turns HTTP into a GraphQLRequest and the outcome back.

    It answers over raw ASGI (the app routes /graphql here before Starlette's
    router and middleware) and catches what it did not expect itself: a 500 with
    the request id, the detail only in the log."""

    def __init__(self, gateway: Gateway, make_context, graphiql: bool,
                 responses: ResponseCache | None = None) -> None:
        self.gateway = gateway
        self.make_context = make_context
        self.graphiql_html = get_graphql_ide_html("graphiql") if graphiql else None
        self.responses = responses

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        try:
            reply = await self.handle(request)
        except Exception:
            rid = request.state.request_id
            log.exception("unexpected error answering /graphql", extra={"request_id": rid})
            reply = self._plain(500, "INTERNAL_SERVER_ERROR", "服务器内部错误，请稍后再试",
                                rid, JSON)
        await reply.send(send)

    async def handle(self, request: Request) -> Reply:
        rid = request.state.request_id
        accept = request.headers.get("accept")
        if (request.method == "GET" and self.graphiql_html is not None
                and "text/html" in (accept or "") and "query" not in request.query_params
                and "extensions" not in request.query_params):
            return Reply(200, self.graphiql_html.encode(), "text/html; charset=utf-8", {})
        media = choose_media_type(accept)
        if media is None:
            return self._plain(406, "NOT_ACCEPTABLE",
                               "只能返回 application/graphql-response+json 或 application/json",
                               rid, JSON)
        if request.method == "GET":
            parsed = self._from_query_string(request)
        elif request.method == "POST":
            parsed = await self._from_body(request)
        else:
            return self._plain(405, "METHOD_NOT_ALLOWED", "只支持 GET 与 POST", rid, media,
                               {"Allow": "GET, POST"})
        if isinstance(parsed, tuple):
            status, code, message = parsed
            return self._plain(status, code, message, rid, media)
        key = None
        if (parsed.method == "GET" and self.responses is not None
                and not request.headers.get("authorization")):
            key = self.responses.key(parsed.query, _digest(parsed), parsed.operation_name,
                                     parsed.variables, media)
            entry = self.responses.get(key) if key is not None else None
            if entry is not None:
                return self._cached(entry, request, rid, media)
        try:
            ctx: Context = await self.make_context(request)
        except GatewayError as error:
            if parsed.form is not None:
                await parsed.form.close()
            return self._plain(401, error.code, error.message, rid, media,
                               {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                               **error.extensions)  # reason: expired, revoked, …
        try:
            outcome = await self.gateway.run(parsed, ctx)
        finally:
            if parsed.form is not None:
                await parsed.form.close()
        headers = {**outcome.headers, "X-Request-Id": rid}
        body = encode(outcome.body)
        if key is not None and outcome.public_topics:
            entry = self.responses.put(key, body, outcome.public_topics)
            headers.update(self.responses.headers(entry))
        else:
            headers["Cache-Control"] = "no-store"
        return Reply(status_for(outcome, media), body, f"{media}; charset=utf-8", headers)

    def _cached(self, entry: Entry, request: Request, rid: str, media: str) -> Reply:
        headers = {**self.responses.headers(entry), "X-Request-Id": rid}
        if not self.gateway.settings.is_prod:
            headers["X-SQL-Count"] = "0"
        if entry.etag in request.headers.get("if-none-match", ""):
            return Reply(304, b"", f"{media}; charset=utf-8", headers)
        return Reply(200, entry.body, f"{media}; charset=utf-8", headers)

    def _plain(self, status: int, code: str, message: str, rid: str, media: str,
               headers: dict[str, str] | None = None, **extensions: Any) -> Reply:
        body = {"errors": [error_dict(message, code, rid, **extensions)]}
        return Reply(status, encode(body), f"{media}; charset=utf-8",
                     {**(headers or {}), "X-Request-Id": rid})

    def _from_query_string(self, request: Request) -> GraphQLRequest | tuple[int, str, str]:
        params = request.query_params
        values: dict[str, Any] = {"query": params.get("query"),
                                  "operationName": params.get("operationName")}
        for key in ("variables", "extensions"):
            raw = params.get(key)
            if raw in (None, ""):
                values[key] = None
                continue
            try:
                values[key] = orjson.loads(raw)
            except (ValueError, RecursionError):
                return 400, "BAD_USER_INPUT", f"参数 {key} 不是合法的 JSON"
        return self._validate(values, "GET")

    async def _from_body(self, request: Request) -> GraphQLRequest | tuple[int, str, str]:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content_type:
            return 415, "UNSUPPORTED_MEDIA_TYPE", "缺少 Content-Type，请使用 application/json"
        if content_type == "multipart/form-data":
            return await multipart_request(request, self.gateway.settings)
        if content_type != JSON:
            return 415, "UNSUPPORTED_MEDIA_TYPE", f"不支持的 Content-Type：{content_type[:80]}"
        try:
            raw = await read_limited(request, self.gateway.settings.max_body_bytes)
        except BodyTooLarge:
            return 413, "PAYLOAD_TOO_LARGE", (
                f"请求体超过 {self.gateway.settings.max_body_bytes} 字节上限")
        if not raw.strip():
            return 400, "BAD_USER_INPUT", "请求体为空"
        try:
            values = orjson.loads(raw)
        except (ValueError, RecursionError):
            return 400, "BAD_USER_INPUT", "请求体不是合法的 JSON"
        if isinstance(values, list):
            return 400, "BAD_USER_INPUT", "不支持批量请求：每个请求只能包含一个操作"
        if not isinstance(values, dict):
            return 400, "BAD_USER_INPUT", "请求体必须是 JSON 对象"
        return self._validate(values, "POST")

    @staticmethod
    def _validate(values: dict[str, Any], method: str) -> GraphQLRequest | tuple[int, str, str]:
        query = values.get("query")
        operation_name = values.get("operationName")
        variables = values.get("variables")
        extensions = values.get("extensions")
        if query is not None and not isinstance(query, str):
            return 400, "BAD_USER_INPUT", "query 必须是字符串"
        if operation_name is not None and not isinstance(operation_name, str):
            return 400, "BAD_USER_INPUT", "operationName 必须是字符串"
        if variables is not None and not isinstance(variables, dict):
            return 400, "BAD_USER_INPUT", "variables 必须是 JSON 对象"
        if extensions is not None and not isinstance(extensions, dict):
            return 400, "BAD_USER_INPUT", "extensions 必须是 JSON 对象"
        if query is None and not (extensions or {}).get("persistedQuery"):
            return 400, "BAD_USER_INPUT", "请求缺少 query 参数"
        return GraphQLRequest(query, operation_name or None, variables, extensions, method)


def _digest(request: GraphQLRequest) -> str | None:
    persisted = (request.extensions or {}).get("persistedQuery")
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    return digest.lower() if isinstance(digest, str) else None
