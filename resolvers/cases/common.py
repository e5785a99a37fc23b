"""The shape every case mutation shares: find the case and the actor, call the service,
turn a refusal into a CaseError, return the case as the caller may see it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from models.cases.service import actions
from models.cases.service.actions import Step
from models.cases.service.common import Actor
from models.cases.tables import Case as CaseRow
from models.errors import Refusal
from resolvers.cases.access import ACCESS, editable_case, refresh
from schema.cases.case import Case
from schema.cases.common import case_error, clock
from schema.cases.party import PartyCase

P = TypeVar("P")
Call = Callable[[str, Actor], Awaitable[CaseRow]]


async def edit(info: strawberry.Info, case_id: str, payload: type[P], call: Call,
               *, party_view: bool = False) -> P:
    ctx = info.context
    row, actor = await editable_case(ctx, case_id)
    try:
        updated = await call(str(row.id), actor)
    except Refusal as refusal:
        return payload(errors=[case_error(refusal)])  # type: ignore[call-arg]
    refresh(ctx)
    return payload(case=await view(info, updated, party_view))  # type: ignore[call-arg]


async def view(info: strawberry.Info, row: CaseRow, party_view: bool) -> Any:
    if party_view:
        department = await info.context.loaders["department"].load(str(row.department_id))
        return PartyCase.from_row(row, department.name, ACCESS)
    return Case.from_row(row, ACCESS)


async def act(info: strawberry.Info, input: Any, payload: type[P],
              step: Step | Callable[[], Step], *, party_view: bool = False) -> P:
    """One rules action (``rules.apply`` through the service) for a ``CaseEditInput``.
    ``step`` may be a function, so that converting the input (amounts) can refuse too."""
    c = clock(info)

    async def call(case_id: str, actor: Actor) -> CaseRow:
        built = step() if callable(step) else step
        return await actions.act(case_id, built, actor, expected_version=input.expected_version,
                                 today=c.today(), now=c.now(), key=input.idempotency_key)

    return await edit(info, input.case_id, payload, call, party_view=party_view)
