"""Catalogue DataLoaders. Published data goes through the generation cache in Redis."""

from __future__ import annotations

import uuid

from models.catalogue import cache, read
from models.catalogue.documents import ImplementationDoc
from models.catalogue.rules import Status
from models.catalogue.tables import LifeEvent, Matter
from resolvers.context import Context, loader


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
        gen = await ctx.loaders["catalogue_generation"].load(0)
        wanted = valid_uuids(ids)
        docs = {key: ImplementationDoc.from_json(raw)
                for key, raw in (await cache.get_many(ctx.redis, gen, "doc", wanted)).items()}
        fresh = await read.load_documents([key for key in wanted if key not in docs])
        docs.update(fresh)
        await cache.set_many(ctx.redis, gen, "doc", {
            key: doc.to_json() for key, doc in fresh.items() if doc.status != Status.DRAFT})
        return [docs.get(key) for key in (str(i).lower() for i in ids)]

    return load


@loader("catalogue_current_versions")
def current_versions(ctx: Context):
    """(matter id, region code) -> ids of the published versions there."""

    async def load(pairs: list[tuple[str, str]]) -> list[list[str]]:
        gen = await ctx.loaders["catalogue_generation"].load(0)
        names = {pair: f"{pair[0]}:{pair[1]}" for pair in pairs}
        cached = await cache.get_many(ctx.redis, gen, "current", names.values())
        missing = [pair for pair in pairs if names[pair] not in cached]
        fresh = await read.current_versions(missing)
        await cache.set_many(ctx.redis, gen, "current", {names[p]: ids for p, ids in fresh.items()})
        return [cached.get(names[pair], fresh.get(pair, [])) for pair in pairs]

    return load


@loader("catalogue_matter")
def matters_by_id(_ctx: Context):
    async def load(ids: list[str]) -> list[Matter | None]:
        rows = await read.matters_by("id", valid_uuids(ids))
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
