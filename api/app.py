"""The ASGI application factory."""

from __future__ import annotations

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
from api.routes import healthz, jwks, metrics_endpoint, readyz
from api.settings import Settings, from_env
from api.ws import WebSocketGraphQL
from auth.keys import KeyRing
from auth.tokens import TokenService
from models.files.store import FileStore
from resolvers.context import Context


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
    authenticator = Authenticator(tokens, redis)
    trusted = (load_trusted_documents(settings.trusted_documents_path)
               if settings.trusted_documents_path else None)
    apq = PersistedQueryStore(redis, settings.apq_ttl_seconds, settings.apq_max_bytes, trusted)
    gateway = Gateway(schema._schema, settings, redis, apq)
    files = FileStore(settings.file_store_dir, max_bytes=settings.max_file_bytes)
    events = EventHub(redis)
    services = {"tokens": tokens, "keyring": keyring, "files": files, "events": events}
    services.update(build_auth_services(settings, redis, tokens))

    async def make_context(request: Request, authenticate: bool = True) -> Context:
        ctx = Context(settings=settings, redis=redis, request=request,
                      request_id=request.scope.get("state", {}).get("request_id", ""),
                      client_ip=request.client.host if request.client else "",
                      services=services)
        if authenticate:  # raises Unauthenticated for a bad token
            ctx.viewer = await authenticator.viewer_for(
                request.headers.get("authorization"), request.headers.get("x-device-id"))
        return ctx

    endpoint = GraphQLEndpoint(gateway, make_context, settings.graphiql)
    ws = WebSocketGraphQL(schema, make_context, authenticator, settings.allowed_origins)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        if manage_orm:
            async with RegisterTortoise(app, config=settings.tortoise_config()):
                yield
        else:
            yield
        await events.close()
        await redis.aclose()

    app = Starlette(
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
    app.add_middleware(RequestContextMiddleware)
    app.state.settings = settings
    app.state.redis = redis
    app.state.keyring = keyring
    app.state.gateway = gateway
    app.state.services = services
    return app
