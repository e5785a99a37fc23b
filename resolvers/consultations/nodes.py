"""`node(id:)` fetchers for consultation types, scoped like their other entry points."""

from __future__ import annotations

from resolvers.consultations.access import visible
from resolvers.context import Context
from resolvers.node import node_type
from schema.consultations import Consultation, ConsultationFaq


@node_type("Consultation")
async def fetch_consultations(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = await ctx.loaders["consultation"].load_many(keys)
    return [Consultation.from_row(r) if r is not None and visible(ctx.viewer, r) else None
            for r in rows]


@node_type("ConsultationFaq")
async def fetch_faqs(ctx: Context, keys: list[str]) -> list[object | None]:
    """FAQ entries are public (they are answers given to anyone)."""
    rows = await ctx.loaders["consultation_faq"].load_many(keys)
    return [ConsultationFaq.from_row(r) if r is not None else None for r in rows]
