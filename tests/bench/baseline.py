"""The benchmark's baseline: a plain strawberry schema with default settings."""

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


app = Starlette(routes=[Route("/graphql", GraphQL(strawberry.Schema(query=Query)))])
