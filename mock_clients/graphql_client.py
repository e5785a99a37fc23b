"""A small GraphQL client for the mock apps: POST with retries, APQ over GET, uploads, WS.

It speaks to the gateway only over the network, the way the real apps do:

- ``request`` POSTs a document. Queries, and mutations the caller marks
  ``idempotent`` (they carry an idempotency key or a client id), are retried
  with exponential backoff when the connection drops or a gateway answers
  502/503/504; anything else is retried only when it never reached the
  server (connection refused). ``RATE_LIMITED`` (429) waits ``Retry-After``.
- ``persisted`` sends a query as an Apollo persisted query over GET: the hash
  alone first, and on ``PERSISTED_QUERY_NOT_FOUND`` the full text once by POST
  (which registers it), as Apollo's ``useGETForHashedQueries`` does.
- every answer exposes ``extensions.cost`` and the ``X-RateLimit-*`` headers.
- ``upload`` is a GraphQL multipart request with ``GraphQL-Require-Preflight``.
- ``subscribe`` opens a ``graphql-transport-ws`` connection (``subscriptions``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from mock_clients.errors import UnexpectedAnswer
from mock_clients.subscriptions import Subscription

ACCEPT = "application/graphql-response+json, application/json;q=0.9"
RETRYABLE_STATUS = frozenset({502, 503, 504})
ROOT_FIELDS = """query RootFields { __schema {
  queryType { fields { name } } mutationType { fields { name } }
  subscriptionType { fields { name } } } }"""
UPLOAD = """mutation FileUpload($file: Upload!, $purpose: FilePurpose!) {
  fileUpload(file: $file, purpose: $purpose) { file { sha256 size contentType }
    errors { code field message } } }"""
_OPERATION = re.compile(r"^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)?", re.S)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def operation_kind(document: str) -> str:
    match = _OPERATION.match(document)
    return (match.group(1) if match else None) or "query"


@dataclass(frozen=True)
class RateLimit:
    """The caller's budget after a request, from the X-RateLimit-* headers."""

    limit: int
    remaining: int
    reset_seconds: int

    @classmethod
    def from_headers(cls, headers: httpx.Headers) -> RateLimit | None:
        try:
            return cls(int(headers["X-RateLimit-Limit"]), int(headers["X-RateLimit-Remaining"]),
                       int(headers["X-RateLimit-Reset"]))
        except (KeyError, ValueError):
            return None

    def refill_per_second(self) -> float:
        """Points the leaky bucket gives back per second (it empties over Reset seconds)."""
        used = self.limit - self.remaining
        return used / self.reset_seconds if self.reset_seconds and used > 0 else float(
            self.limit)


@dataclass
class Answer:
    """One HTTP answer: the GraphQL body, its status and headers."""

    status: int
    body: dict[str, Any]
    headers: httpx.Headers
    via: str = "POST"
    attempts: int = 1

    @property
    def data(self) -> dict[str, Any] | None:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.body.get("errors") or []

    @property
    def codes(self) -> list[str]:
        return [str((e.get("extensions") or {}).get("code")) for e in self.errors]

    @property
    def cost(self) -> dict[str, Any]:
        return (self.body.get("extensions") or {}).get("cost") or {}

    @property
    def rate(self) -> RateLimit | None:
        return RateLimit.from_headers(self.headers)


@dataclass
class Served:
    """Root fields the live schema serves (None: introspection is off, assume all)."""

    fields: set[str] | None = None

    def missing(self, *names: str) -> list[str]:
        return [] if self.fields is None else [n for n in names if n not in self.fields]


@dataclass
class ApqStats:
    hits: int = 0
    registered: int = 0


class GraphQLClient:
    """One app's connection to the gateway (an httpx client plus a bearer token)."""

    def __init__(self, server: str, *, token: str | None = None, device_id: str | None = None,
                 retries: int = 4, backoff: float = 0.2, timeout: float = 30.0,
                 keepalive: bool = True, log: Callable[[str], None] | None = None) -> None:
        self.server = server.rstrip("/")
        self.endpoint = f"{self.server}/graphql"
        self.token, self.device_id = token, device_id
        self.retries, self.backoff = retries, backoff
        self.log = log or (lambda _line: None)
        self.apq = ApqStats()
        self.last: Answer | None = None
        limits = httpx.Limits() if keepalive else httpx.Limits(max_keepalive_connections=0)
        self.http = httpx.AsyncClient(timeout=timeout, limits=limits)

    async def __aenter__(self) -> GraphQLClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    def headers(self, *, anonymous: bool = False) -> dict[str, str]:
        headers = {"Accept": ACCEPT}
        if self.token and not anonymous:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.device_id and not anonymous:
            headers["X-Device-Id"] = self.device_id
        return headers

    # ---- sending, with retries -------------------------------------------------------

    async def _send(self, make: Callable[[], Any], *, idempotent: bool, via: str) -> Answer:
        attempt = 0
        while True:
            attempt += 1
            wait: float | None = None  # how long the server asked us to wait
            try:
                response = await make()
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                reason = f"无法连接（{type(exc).__name__}）"  # never reached the server
            except httpx.TransportError as exc:
                if not idempotent:
                    raise UnexpectedAnswer(f"连接中断且该操作不可安全重发：{exc!r}") from exc
                reason = f"连接中断（{type(exc).__name__}）"
            else:
                if response.status_code == 429:  # refused before execution: safe to resend
                    reason = "预算用尽（RATE_LIMITED）"
                    wait = float(response.headers.get("Retry-After", "1"))
                elif response.status_code in RETRYABLE_STATUS and idempotent:
                    reason = f"网关 {response.status_code}"
                else:
                    self.last = self._answer(response, via, attempt)
                    return self.last
            if attempt > self.retries:
                raise UnexpectedAnswer(f"重试 {self.retries} 次后仍失败：{reason}")
            delay = wait if wait is not None else (
                self.backoff * 2 ** (attempt - 1) * (1 + random.random() / 2))
            self.log(f"↻ 第 {attempt} 次请求失败：{reason}；{delay:.2f} 秒后重发")
            await asyncio.sleep(delay)

    @staticmethod
    def _answer(response: httpx.Response, via: str, attempts: int) -> Answer:
        try:
            body = response.json()
        except ValueError:
            raise UnexpectedAnswer(
                f"HTTP {response.status_code}：应答不是 JSON（{response.text[:120]!r}）") from None
        if not isinstance(body, dict):
            raise UnexpectedAnswer(f"HTTP {response.status_code}：应答格式有误")
        return Answer(response.status_code, body, response.headers, via, attempts)

    async def request(self, document: str, variables: dict[str, Any] | None = None, *,
                      idempotent: bool | None = None, anonymous: bool = False) -> Answer:
        """POST one operation; queries are idempotent unless told otherwise."""
        if idempotent is None:
            idempotent = operation_kind(document) == "query"
        payload: dict[str, Any] = {"query": document}
        if variables is not None:
            payload["variables"] = variables
        return await self._send(
            lambda: self.http.post(self.endpoint, json=payload,
                                   headers=self.headers(anonymous=anonymous)),
            idempotent=idempotent, via="POST")

    async def call(self, document: str, variables: dict[str, Any] | None = None, *,
                   idempotent: bool | None = None, anonymous: bool = False) -> dict[str, Any]:
        """The data of a successful answer; any top-level error is unexpected."""
        return self.data_of(await self.request(document, variables, idempotent=idempotent,
                                               anonymous=anonymous))

    async def mutate(self, document: str, variables: dict[str, Any], *,
                     idempotent: bool = False) -> dict[str, Any]:
        """The payload of a mutation that must succeed (its ``errors`` list empty)."""
        data = await self.call(document, variables, idempotent=idempotent)
        name, payload = next(iter(data.items()))
        if payload.get("errors"):
            raise UnexpectedAnswer(f"{name} 被拒绝：{describe_errors(payload['errors'])}")
        return payload

    @staticmethod
    def data_of(answer: Answer) -> dict[str, Any]:
        if answer.errors or answer.data is None:
            raise UnexpectedAnswer(f"HTTP {answer.status} {answer.codes}："
                                   f"{'; '.join(e.get('message', '') for e in answer.errors)}")
        return answer.data

    # ---- persisted queries over GET -----------------------------------------------------

    async def persisted(self, document: str, variables: dict[str, Any] | None = None, *,
                        anonymous: bool = True) -> dict[str, Any]:
        """Run a query as an APQ: hash-only GET, registering the text on a miss."""
        digest = sha256_hex(document)
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
        params = {"extensions": json.dumps(extensions, separators=(",", ":"))}
        if variables is not None:
            params["variables"] = json.dumps(variables, separators=(",", ":"),
                                             ensure_ascii=False)
        headers = self.headers(anonymous=anonymous)
        answer = await self._send(lambda: self.http.get(self.endpoint, params=params,
                                                        headers=headers),
                                  idempotent=True, via="GET")
        if "PERSISTED_QUERY_NOT_FOUND" in answer.codes:
            body = {"query": document, "extensions": extensions}
            if variables is not None:
                body["variables"] = variables
            answer = await self._send(lambda: self.http.post(self.endpoint, json=body,
                                                             headers=headers),
                                      idempotent=True, via="POST+register")
            self.apq.registered += 1
        else:
            self.apq.hits += 1
        return self.data_of(answer)

    # ---- uploads and schema ---------------------------------------------------------------

    async def upload(self, data: bytes, *, filename: str, content_type: str,
                     purpose: str) -> dict[str, Any]:
        """A GraphQL multipart upload; content-addressed, so safe to resend."""
        operations = {"query": UPLOAD, "variables": {"file": None, "purpose": purpose}}
        form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}
        headers = {**self.headers(), "GraphQL-Require-Preflight": "1"}
        answer = await self._send(
            lambda: self.http.post(self.endpoint, data=form, headers=headers,
                                   files={"0": (filename, data, content_type)}),
            idempotent=True, via="POST multipart")
        payload = self.data_of(answer)["fileUpload"]
        if payload["errors"]:
            raise UnexpectedAnswer(f"fileUpload 被拒绝：{describe_errors(payload['errors'])}")
        return payload["file"]

    async def served(self) -> Served:
        """The root fields of the live schema (by introspection)."""
        answer = await self.request(ROOT_FIELDS, anonymous=True)
        if answer.errors or not answer.data:
            return Served(None)  # introspection off (production): find out by calling
        schema = answer.data["__schema"]
        names = {f["name"] for kind in ("queryType", "mutationType", "subscriptionType")
                 for f in ((schema.get(kind) or {}).get("fields") or [])}
        return Served(names)

    def subscribe(self, document: str, variables: dict[str, Any] | None = None
                  ) -> Subscription:
        """A subscription on this client's token and device (use with ``async with``)."""
        url = re.sub(r"^http", "ws", self.endpoint)
        return Subscription(url, document, variables or {}, self.token, self.device_id)


def describe_errors(errors: list[dict[str, Any]]) -> str:
    return "；".join(f"{e.get('code')} {'.'.join(e.get('field') or [])} {e.get('message')}"
                    for e in errors)
