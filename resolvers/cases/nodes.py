"""`node(id:)` for cases, evidence and documents: visible exactly when the case is."""

from __future__ import annotations

from models.cases.tables import Case as CaseRow
from models.cases.tables import CaseDocument as DocumentRow
from models.cases.tables import Evidence as EvidenceRow
from resolvers.cases.access import ACCESS, staff_may_see
from resolvers.cases.loaders import uuid_keys
from resolvers.context import Context
from resolvers.node import node_type
from schema.cases.case import Case
from schema.cases.parts import CaseDocument, Evidence


async def _visible_cases(ctx: Context, case_ids: set[str]) -> dict[str, CaseRow]:
    rows = await CaseRow.filter(id__in=uuid_keys(list(case_ids)))
    return {str(r.id): r for r in rows if await staff_may_see(ctx, r)}


@node_type("Case")
async def fetch_cases(ctx: Context, keys: list[str]) -> list[object | None]:
    visible = await _visible_cases(ctx, set(keys))
    return [Case.from_row(visible[k], ACCESS) if k in visible else None for k in keys]


@node_type("Evidence")
async def fetch_evidence(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = {str(r.id): r for r in await EvidenceRow.filter(id__in=uuid_keys(keys))}
    visible = await _visible_cases(ctx, {str(r.case_id) for r in rows.values()})
    return [Evidence.from_row(rows[k]) if k in rows and str(rows[k].case_id) in visible
            else None for k in keys]


@node_type("CaseDocument")
async def fetch_documents(ctx: Context, keys: list[str]) -> list[object | None]:
    rows = {str(r.id): r for r in await DocumentRow.filter(id__in=uuid_keys(keys))}
    visible = await _visible_cases(ctx, {str(r.case_id) for r in rows.values()})
    return [CaseDocument.from_row(rows[k]) if k in rows and str(rows[k].case_id) in visible
            else None for k in keys]
