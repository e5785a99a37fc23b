"""GraphQL over WebSocket (graphql-transport-ws only), authenticated at connection_init."""

from __future__ import annotations

from typing import Any

from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api.ws_broadcast import Broadcast, SharedStreamHandler
from auth.errors import GatewayError

MAX_SUBSCRIPTIONS_PER_CONNECTION = 20


class WebSocketGraphQL(GraphQL):
    graphql_transport_ws_handler_class = SharedStreamHandler

    def __init__(self, schema, make_context, authenticator, allowed_origins) -> None:
        super().__init__(
            schema,
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS_PER_CONNECTION,
            allowed_origins=allowed_origins,
        )
        self._make_context = make_context
        self._authenticator = authenticator
        self.broadcast = Broadcast()  # identical subscriptions share one execution

    async def get_context(self, request: Any, response: Any = None) -> Any:
        return await self._make_context(request, authenticate=False)

    async def on_ws_connect(self, context: Any) -> Any:
        params = context.connection_params or {}
        authorization = params.get("authorization") or params.get("Authorization")
        device = params.get("deviceId")
        try:
            context.viewer = await self._authenticator.viewer_for(
                authorization if isinstance(authorization, str) else None,
                device if isinstance(device, str) else None)
        except GatewayError as error:
            raise ConnectionRejectionError({"code": error.code}) from error
        return {"viewer": context.viewer.kind}
