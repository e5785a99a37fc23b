"""Resolvers answered from memory before strawberry's resolver machinery.

On list screens a resolver runs once per item, and strawberry's wrapping (an
Info object, argument conversion, the extension chain) costs more than the work
of a resolver that only reads a process-local cache. A field registered here
gets a plain graphql-core resolver that first calls ``fast(source, context,
**arguments)`` with the arguments as GraphQL coerced them (GraphQL names); if
that returns ``MISS`` the field's own strawberry resolver runs as usual. A fast
function must therefore authorize exactly as the field's resolver would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema

MISS = object()
FAST: dict[tuple[str, str], Callable[..., Any]] = {}


def fast(type_name: str, field_name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        FAST[(type_name, field_name)] = function
        return function

    return register


def install(schema: GraphQLSchema) -> None:
    for (type_name, field_name), function in FAST.items():
        owner = schema.type_map[type_name]
        assert isinstance(owner, GraphQLObjectType), type_name
        field = owner.fields[field_name]
        field.resolve = _chain(function, field.resolve)


def _chain(function: Callable[..., Any], original: Callable[..., Any] | None
           ) -> Callable[..., Any]:
    assert original is not None

    def resolve(source: Any, info: Any, **arguments: Any) -> Any:
        value = function(source, info.context, **arguments)
        return original(source, info, **arguments) if value is MISS else value

    return resolve
