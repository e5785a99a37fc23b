"""Batch loaders for 办件 screens: one statement per kind of thing, whatever the page size."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from models.accounts.tables import Enterprise
from models.applications.materials import requirements_for
from models.applications.tables import (
    Application,
    ApplicationBundle,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationMaterial,
)
from resolvers.batching import rows_by_id, uuid_keys
from resolvers.context import loader


def _grouped(model: Any, key: str, order: tuple[str, ...], related: tuple[str, ...] = ()):
    async def load(ids: list[str]) -> list[list[Any]]:
        grouped: dict[str, list[Any]] = defaultdict(list)
        qs = model.filter(**{f"{key}__in": uuid_keys(ids)}).order_by(*order)
        if related:
            qs = qs.select_related(*related)
        for row in await qs:
            grouped[str(getattr(row, key))].append(row)
        return [grouped.get(str(i), []) for i in ids]

    return load


@loader("application")
def applicationrows_by_id(_ctx):
    return rows_by_id(Application)


@loader("application_bundle")
def bundlerows_by_id(_ctx):
    return rows_by_id(ApplicationBundle)


@loader("application_enterprise")
def enterpriserows_by_id(_ctx):
    return rows_by_id(Enterprise)


@loader("application_events")
def events_by_application(_ctx):
    return _grouped(ApplicationEvent, "application_id", ("position",))


@loader("application_documents")
def documents_by_application(_ctx):
    return _grouped(ApplicationDocument, "application_id", ("issued_at", "number"))


@loader("application_attachments")
def attachments_by_application(_ctx):
    return _grouped(ApplicationMaterial, "application_id", ("added_at", "id"), ("file",))


@loader("bundle_applications")
def applications_by_bundle(_ctx):
    return _grouped(Application, "bundle_id", ("bundle_position", "id"))


@loader("application_checklist")
def checklist_by_application(_ctx):
    """Keys are (application id, implementation version id)."""

    async def load(keys: list[tuple[str, str]]) -> list[list[Any]]:
        apps = [SimpleNamespace(id=a, implementation_id=i) for a, i in keys]
        found = await requirements_for(apps)  # type: ignore[arg-type]
        return [found.get(a, []) for a, _ in keys]

    return load
