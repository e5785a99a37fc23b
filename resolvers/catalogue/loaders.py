"""Catalogue DataLoaders. Published data is kept in the process (resolvers.local_cache)
in front of the generation cache in Redis."""

from __future__ import annotations

import uuid

from models.catalogue import cache, read
from models.catalogue.documents import ImplementationDoc
from models.catalogue.rules import Status
from models.catalogue.tables import LifeEvent, Matter
from resolvers.context import Context, loader
from schema.catalogue.types import MatterImplementation


def valid_uuids(keys: list[str]) -> list[str]:
    """The keys that are UUIDs, normalised (anything else cannot name a row)."""
    valid = []
    for key in keys:
        try:
            valid.append(str(uuid.UUID(str(key))))
        except ValueError:
            continue
    return valid


@loader("catalogue_generation")
def generation(ctx: Context):
    """Read once per request: every catalogue cache key of the request uses it."""

    async def load(keys: list[int]) -> list[int]:
        current = await cache.generation(ctx.redis)
        return [current for _ in keys]

    return load


@loader("catalogue_implementation_doc")
def implementation_docs(ctx: Context):
    """Version id -> ImplementationDoc. Published and retired versions never change
    (until a publish starts a new generation), so they are served from Redis."""

    async def load(ids: list[str]) -> list[ImplementationDoc | None]:
        local = ctx.services["catalogue_local"]
        token = local.token()
        wanted = valid_uuids(ids)
        docs = local.get_many("doc", wanted)
        missing = [key for key in wanted if key not in docs]
        if missing:
            gen = await ctx.loaders["catalogue_generation"].load(0)
            shared = {key: ImplementationDoc.from_json(raw) for key, raw in
                      (await cache.get_many(ctx.redis, gen, "doc", missing)).items()}
            fresh = await read.load_documents([key for key in missing if key not in shared])
            await cache.set_many(ctx.redis, gen, "doc", {
                key: doc.to_json() for key, doc in fresh.items() if doc.status != Status.DRAFT})
            shared.update(fresh)
            local.put_many("doc", {key: doc for key, doc in shared.items()
                                   if doc.status != Status.DRAFT}, token)
            docs.update(shared)
        return [docs.get(key) for key in (str(i).lower() for i in ids)]

    return load


@loader("catalogue_implementation")
def implementations(ctx: Context):
    """Version id -> MatterImplementation, built once per process for published and
    retired versions (they do not change until a publish or retire announces it)."""

    async def load(ids: list[str]) -> list[MatterImplementation | None]:
        local = ctx.services["catalogue_local"]
        token = local.token()
        built = local.get_many("node", ids)
        missing = [key for key in ids if key not in built]
        if missing:
            docs = await ctx.loaders["catalogue_implementation_doc"].load_many(missing)
            fresh = {key: MatterImplementation.from_doc(doc)
                     for key, doc in zip(missing, docs, strict=True) if doc is not None}
            local.put_many("node", {key: node for key, node in fresh.items()
                                    if node.status != Status.DRAFT}, token)
            built.update(fresh)
        return [built.get(key) for key in ids]

    return load


@loader("catalogue_current_versions")
def current_versions(ctx: Context):
    """(matter id, region code) -> ids of the published versions there."""

    async def load(pairs: list[tuple[str, str]]) -> list[list[str]]:
        local = ctx.services["catalogue_local"]
        token = local.token()
        found = local.get_many("current", pairs)
        missing = [pair for pair in pairs if pair not in found]
        if missing:
            gen = await ctx.loaders["catalogue_generation"].load(0)
            names = {pair: f"{pair[0]}:{pair[1]}" for pair in missing}
            cached = await cache.get_many(ctx.redis, gen, "current", names.values())
            fresh = await read.current_versions(
                [pair for pair in missing if names[pair] not in cached])
            await cache.set_many(ctx.redis, gen, "current",
                                 {names[p]: ids for p, ids in fresh.items()})
            shared = {pair: cached[names[pair]] if names[pair] in cached else fresh[pair]
                      for pair in missing}
            local.put_many("current", shared, token)
            found.update(shared)
        return [found[pair] for pair in pairs]

    return load


@loader("catalogue_matter")
def matters_by_id(ctx: Context):
    """Matters are reference data: kept in the process like published versions."""

    async def load(ids: list[str]) -> list[Matter | None]:
        local = ctx.services["catalogue_local"]
        token = local.token()
        wanted = valid_uuids(ids)
        rows = local.get_many("matter", wanted)
        missing = [key for key in wanted if key not in rows]
        if missing:
            fresh = await read.matters_by("id", missing)
            local.put_many("matter", fresh, token)
            rows.update(fresh)
        return [rows.get(str(i).lower()) for i in ids]

    return load


@loader("catalogue_life_event_members")
def life_event_members(_ctx: Context):
    async def load(ids: list[str]) -> list[list[Matter]]:
        grouped = await read.life_event_members(ids)
        return [grouped.get(i, []) for i in ids]

    return load


@loader("catalogue_matter_life_events")
def matter_life_events(_ctx: Context):
    async def load(ids: list[str]) -> list[list[LifeEvent]]:
        grouped = await read.life_events_of(ids)
        return [grouped.get(i, []) for i in ids]

    return load
