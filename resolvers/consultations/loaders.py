"""Batch loaders for consultations (one query per batch)."""

from __future__ import annotations

from collections import defaultdict

from models.accounts.tables import Enterprise
from models.catalogue.tables import Matter
from models.consultations.tables import Consultation, ConsultationEvent, ConsultationFaq
from models.files.tables import StoredFile
from resolvers.batching import by_id, uuid_keys
from resolvers.context import loader

loader("consultation")(by_id(Consultation))
loader("consultation_faq")(by_id(ConsultationFaq))
loader("consultation_matter")(by_id(Matter))
loader("consultation_enterprise")(by_id(Enterprise))


@loader("consultation_events")
def consultation_events(_ctx):
    """Each consultation's timeline in order."""

    async def load(keys: list[str]) -> list[list[ConsultationEvent]]:
        grouped: dict[str, list[ConsultationEvent]] = defaultdict(list)
        for row in await ConsultationEvent.filter(consultation_id__in=uuid_keys(keys)).order_by(
                "consultation_id", "sequence"):
            grouped[str(row.consultation_id)].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("consultation_file")
def stored_files(_ctx):
    async def load(keys: list[str]) -> list[StoredFile | None]:
        rows = {r.sha256: r for r in await StoredFile.filter(sha256__in=keys)}
        return [rows.get(k) for k in keys]

    return load
