"""The ASGI application factory."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route, WebSocketRoute
from strawberry.extensions import AddValidationRules, MaxTokensLimiter
from tortoise.contrib.starlette import RegisterTortoise

from api import logging as gateway_logging
from api import redis as redis_factory
from api.apq import PersistedQueryStore, load_trusted_documents
from api.authn import Authenticator, build_auth_services, dev_routes
from api.executor import Gateway
from api.graphql import build_schema
from api.graphql_http import GraphQLEndpoint
from api.limits import limit_rules
from api.middleware import RequestContextMiddleware
from api.pubsub import EventHub
from api.response_cache import ResponseCache
from api.routes import healthz, jwks, metrics_endpoint, readyz
from api.settings import Settings, from_env
from api.ws import WebSocketGraphQL
from auth.keys import KeyRing
from auth.revocation import RevocationList
from auth.tokens import TokenService
from models.files.store import FileStore
from resolvers.context import Context
from resolvers.local_cache import LocalCache


class GatewayApp(Starlette):
    """Starlette, except that /graphql (HTTP and WebSocket, the hot paths) goes
    straight to the GraphQL endpoints behind the request-context middleware: they
    answer their own errors, so the router and Starlette's exception middleware
    would only add their cost (on every message of ten thousand subscriptions)."""

    def __init__(self, graphql_http, graphql_ws, **kwargs) -> None:
        super().__init__(**kwargs)
        self._graphql = {"http": graphql_http, "websocket": graphql_ws}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in self._graphql and scope["path"] == "/graphql":
            scope["app"] = self
            await self._graphql[scope["type"]](scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, manage_orm: bool = True) -> Starlette:
    """``manage_orm=False`` reuses an ORM another app already opened (tests)."""
    settings = settings or from_env()
    settings.check()
    gateway_logging.configure(settings.log_level)

    rules = limit_rules(settings.max_depth, settings.max_aliases, settings.max_mutations)
    schema = build_schema(extensions=[
        lambda: MaxTokensLimiter(settings.max_tokens),
        lambda: AddValidationRules(rules),
    ])
    redis = redis_factory.connect(settings.redis_url, settings.redis_pool_max)
    keyring = KeyRing([s for s in settings.secret_key.split(",") if s])
    tokens = TokenService(keyring, settings.jwt_issuer, settings.jwt_audience)
    events = EventHub(redis)
    revocations = RevocationList(redis, events)
    authenticator = Authenticator(tokens, revocations)
    trusted = (load_trusted_documents(settings.trusted_documents_path)
               if settings.trusted_documents_path else None)
    apq = PersistedQueryStore(redis, settings.apq_ttl_seconds, settings.apq_max_bytes, trusted)
    gateway = Gateway(schema._schema, settings, redis, apq)
    files = FileStore(settings.file_store_dir, max_bytes=settings.max_file_bytes)
    services = {"tokens": tokens, "keyring": keyring, "files": files, "events": events,
                "catalogue_local": LocalCache(events, "public:catalogue"),
                "reference_local": LocalCache(events, "public:regions")}
    services.update(build_auth_services(settings, redis, tokens, revocations))

    async def make_context(request: Request, authenticate: bool = True) -> Context:
        ctx = Context(settings=settings, redis=redis, request=request,
                      request_id=request.scope.get("state", {}).get("request_id", ""),
                      client_ip=request.client.host if request.client else "",
                      services=services)
        if authenticate:  # raises Unauthenticated for a bad token
            ctx.viewer = await authenticator.viewer_for(
                request.headers.get("authorization"), request.headers.get("x-device-id"))
        return ctx

    responses = (ResponseCache(events, max_age=settings.response_cache_seconds)
                 if settings.response_cache_seconds > 0 else None)
    endpoint = GraphQLEndpoint(gateway, make_context, settings.graphiql, responses)
    ws = WebSocketGraphQL(schema, make_context, authenticator, settings.allowed_origins)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await events.start()  # token revocations arrive from the first request on
        if manage_orm:
            async with RegisterTortoise(app, config=settings.tortoise_config()):
                gc.freeze()  # start-up objects (schema, ORM) leave the collector's scans
                yield
        else:
            yield
        await events.close()
        await redis.aclose()

    app = GatewayApp(
        RequestContextMiddleware(endpoint), RequestContextMiddleware(ws),
        routes=[
            Route("/graphql", endpoint, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", ws),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/.well-known/jwks.json", jwks),
            *dev_routes(settings, services),
        ],
        lifespan=lifespan,
    )
    app.add_middleware(RequestContextMiddleware)  # every other route
    app.state.settings = settings
    app.state.redis = redis
    app.state.keyring = keyring
    app.state.gateway = gateway
    app.state.services = services
    return app
