"""Batch loaders for policies (one or two queries per batch)."""

from __future__ import annotations

from models.catalogue.read import matters_by
from models.catalogue.tables import Matter
from models.policies.read import facets_of, matter_codes_of
from models.policies.rules import Facet
from models.policies.tables import Policy
from resolvers.batching import uuid_keys
from resolvers.context import loader


@loader("policy")
def policy_by_id(_ctx):
    async def load(keys: list[str]) -> list[Policy | None]:
        rows = {str(r.id): r for r in await Policy.filter(id__in=uuid_keys(keys))}
        return [rows.get(str(k)) for k in keys]

    return load


@loader("policy_facets")
def policy_facets(_ctx):
    async def load(keys: list[str]) -> list[dict[Facet, list[str]]]:
        found = await facets_of(uuid_keys(keys))
        return [found.get(str(k), {}) for k in keys]

    return load


@loader("policy_matters")
def policy_matters(_ctx):
    """The matters to apply through, in order; codes the catalogue lacks are skipped."""

    async def load(keys: list[str]) -> list[list[Matter]]:
        codes = await matter_codes_of(uuid_keys(keys))
        matters = await matters_by("basic_code", {c for found in codes.values() for c in found})
        return [[matters[c] for c in codes.get(str(k), []) if c in matters] for k in keys]

    return load
