"""Batch loaders for the inspection types (one query per batch)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from models.accounts.tables import Account
from models.files.tables import StoredFile
from models.inspections.tables import (
    InspectionFormTemplate,
    InspectionItem,
    InspectionPlan,
    InspectionRecord,
    InspectionSubject,
    InspectionTask,
    InspectionTaskInspector,
)
from resolvers.context import loader


def uuids(keys: list[str]) -> list[str]:
    """Keys that are UUIDs (anything else cannot be in a UUID column)."""
    valid = []
    for key in keys:
        try:
            uuid.UUID(str(key))
        except ValueError:
            continue
        valid.append(str(key))
    return valid


def _by_id(model):
    def factory(_ctx):
        async def load(keys: list[str]) -> list:
            rows = {str(r.id): r for r in await model.filter(id__in=uuids(keys))}
            return [rows.get(str(k)) for k in keys]

        return load

    return factory


loader("inspection_item")(_by_id(InspectionItem))
loader("inspection_form")(_by_id(InspectionFormTemplate))
loader("inspection_plan")(_by_id(InspectionPlan))
loader("inspection_subject")(_by_id(InspectionSubject))
loader("inspection_task")(_by_id(InspectionTask))
loader("inspection_record")(_by_id(InspectionRecord))
loader("inspection_account")(_by_id(Account))


@loader("inspection_item_forms")
def item_forms(_ctx):
    """Every form version of each item, oldest first."""

    async def load(keys: list[str]) -> list[list[InspectionFormTemplate]]:
        grouped: dict[str, list[InspectionFormTemplate]] = defaultdict(list)
        for row in await InspectionFormTemplate.filter(item_id__in=uuids(keys)).order_by(
                "version"):
            grouped[str(row.item_id)].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("inspection_task_inspectors")
def task_inspectors(_ctx):
    """The accounts drawn for each task, in drawn order."""

    async def load(keys: list[str]) -> list[list[Account]]:
        grouped: dict[str, list[Account]] = defaultdict(list)
        rows = await InspectionTaskInspector.filter(task_id__in=uuids(keys)).order_by(
            "position").select_related("inspector")
        for row in rows:
            grouped[str(row.task_id)].append(row.inspector)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("inspection_task_record")
def task_record(_ctx):
    async def load(keys: list[str]) -> list[InspectionRecord | None]:
        rows = {str(r.task_id): r for r in await InspectionRecord.filter(
            task_id__in=uuids(keys))}
        return [rows.get(str(k)) for k in keys]

    return load


@loader("inspection_file_stored")
def file_stored(_ctx):
    """Whether a file with each sha256 is in the file store."""

    async def load(keys: list[str]) -> list[bool]:
        stored = set(await StoredFile.filter(sha256__in=keys).values_list("sha256", flat=True))
        return [k in stored for k in keys]

    return load
