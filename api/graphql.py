"""Assembles the one schema: root Query, Mutation and Subscription from each domain."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

# Each domain's loaders register themselves on import.
import resolvers.accounts.loaders
import resolvers.regions.loaders  # noqa: F401
from resolvers.accounts.mutations import AccountMutation
from resolvers.accounts.queries import AccountQuery
from resolvers.files.mutations import FileMutation
from resolvers.node import NodeQuery
from resolvers.regions.queries import RegionQuery
from schema.accounts import Account, Enterprise
from schema.accounts_admin import SecurityEvent
from schema.regions import Department, Region

# One entry per line: every domain adds its own.
Query = merge_types("Query", (
    NodeQuery,
    RegionQuery,
    AccountQuery,
))
Mutation = merge_types("Mutation", (
    AccountMutation,
    FileMutation,
))

# Concrete Node types reachable only through the interface are listed here so
# that `node(id:)` can return them.
NODE_TYPES = [Region, Department, Account, Enterprise, SecurityEvent]


def build_schema(extensions: list | None = None) -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation, types=NODE_TYPES,
                             extensions=extensions or [])


schema = build_schema()
