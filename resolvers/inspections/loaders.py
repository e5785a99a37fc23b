"""Batch loaders for the inspection types (one query per batch)."""

from __future__ import annotations

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
from resolvers.batching import by_id, uuid_keys
from resolvers.context import loader

loader("inspection_item")(by_id(InspectionItem))
loader("inspection_form")(by_id(InspectionFormTemplate))
loader("inspection_plan")(by_id(InspectionPlan))
loader("inspection_subject")(by_id(InspectionSubject))
loader("inspection_task")(by_id(InspectionTask))
loader("inspection_record")(by_id(InspectionRecord))
loader("inspection_account")(by_id(Account))


@loader("inspection_item_forms")
def item_forms(_ctx):
    """Every form version of each item, oldest first."""

    async def load(keys: list[str]) -> list[list[InspectionFormTemplate]]:
        grouped: dict[str, list[InspectionFormTemplate]] = defaultdict(list)
        for row in await InspectionFormTemplate.filter(item_id__in=uuid_keys(keys)).order_by(
                "version"):
            grouped[str(row.item_id)].append(row)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("inspection_task_inspectors")
def task_inspectors(_ctx):
    """The accounts drawn for each task, in drawn order."""

    async def load(keys: list[str]) -> list[list[Account]]:
        grouped: dict[str, list[Account]] = defaultdict(list)
        rows = await InspectionTaskInspector.filter(task_id__in=uuid_keys(keys)).order_by(
            "position").select_related("inspector")
        for row in rows:
            grouped[str(row.task_id)].append(row.inspector)
        return [grouped.get(str(k), []) for k in keys]

    return load


@loader("inspection_task_record")
def task_record(_ctx):
    async def load(keys: list[str]) -> list[InspectionRecord | None]:
        rows = {str(r.task_id): r for r in await InspectionRecord.filter(
            task_id__in=uuid_keys(keys))}
        return [rows.get(str(k)) for k in keys]

    return load


@loader("inspection_file_stored")
def file_stored(_ctx):
    """Whether a file with each sha256 is in the file store."""

    async def load(keys: list[str]) -> list[bool]:
        stored = set(await StoredFile.filter(sha256__in=keys).values_list("sha256", flat=True))
        return [k in stored for k in keys]

    return load
