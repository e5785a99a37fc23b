"""Shared by the 办件 resolvers: time, lookups, refusals, and publishing live updates."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, TypeVar

from models.accounts.rules import PHONE_CONTEXT
from models.accounts.tables import Account
from models.applications.materials import Problems
from models.applications.record import Side
from models.applications.service import Submission
from models.applications.tables import Application
from models.errors import Refusal
from resolvers.applications import access
from resolvers.context import Context
from schema.applications.common import application_error, now_of, uuid_of

log = logging.getLogger("gateway.applications")
P = TypeVar("P")


def now(ctx: Context) -> datetime:
    return now_of(ctx.services)


def refused(payload: type[P], error: Refusal | Problems, prefix: str | None = None,
            **extra: Any) -> P:
    problems = error.problems if isinstance(error, Problems) else [error]
    return payload(errors=[application_error(p, prefix) for p in problems],  # type: ignore[call-arg]
                   **extra)


async def own_application(ctx: Context, global_id: str) -> Application | None:
    """The citizen's own application, or None (missing and forbidden look alike)."""
    key = uuid_of(global_id, "Application")
    row = await ctx.loaders["application"].load(key) if key else None
    return row if row is not None and access.owns(ctx.viewer, row) else None


async def staff_application(ctx: Context, global_id: str) -> tuple[Application, Side] | None:
    key = uuid_of(global_id, "StaffApplication", "Application")
    row = await ctx.loaders["application"].load(key) if key else None
    side = access.staff_side(ctx.viewer, row) if row is not None else None
    return (row, side) if row is not None and side is not None else None


async def submission_secrets(ctx: Context) -> Submission:
    """The cipher for the query code and the applicant's phone for the phone-tail factor."""
    pii = ctx.services["pii"]
    account = await Account.get_or_none(id=ctx.viewer.account_id)
    phone = pii.decrypt(account.phone_enc, context=PHONE_CONTEXT) if account and \
        account.phone_enc else None
    return Submission(pii=pii, phone=phone)


async def publish(ctx: Context, row: Application, action: str, side: Side) -> None:
    """Tell every subscriber who may see this step; a Redis hiccup never fails the move."""
    event = {"applicationId": str(row.id), "action": action, "status": row.status,
             "side": side.value, "occurredAt": row.updated_at.isoformat()}
    try:
        for topic in access.topics_of(row, side):
            await ctx.services["events"].publish(topic, event)
    except Exception:
        log.warning("could not publish application update", exc_info=True)
