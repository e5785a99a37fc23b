"""Between the stored 差评 case (RatingCase row) and the pure FollowupCase of followup.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from models.ratings.followup import (
    FollowupCase,
    FollowupPolicy,
    Status,
    Step,
    open_case,
    pending_deadlines,
)
from models.ratings.policy import working_day_checker
from models.ratings.rules import Level
from models.ratings.tables import Rating, RatingCase

# The queue sort key of a case with nothing pending.
NOTHING_DUE = datetime(9999, 12, 31, tzinfo=UTC)


def case_of(row: RatingCase, followup_level: int | None) -> FollowupCase:
    steps = {Step.CONTACT} if row.contact_escalated else set()
    if row.rectify_escalated:
        steps.add(Step.RECTIFY)
    return FollowupCase(
        status=Status(row.status), rated_at=row.rated_at, contact_due=row.contact_due,
        rectify_due=row.rectify_due, followup_wait=timedelta(days=row.followup_wait_days),
        contacted_at=row.contacted_at, fed_back_at=row.fed_back_at,
        escalated_steps=frozenset(steps), appeal_used=row.appeal_used,
        status_before_appeal=Status(row.status_before_appeal) if row.status_before_appeal
        else None,
        invalidated=row.invalidated,
        followup_level=Level(followup_level) if followup_level is not None else None,
        closed_at=row.closed_at)


def next_due(case: FollowupCase) -> datetime:
    """What the queue sorts by: the earliest pending deadline, else the end of the
    追评 window while one is open, else never."""
    pending = [due for _, due in pending_deadlines(case)]
    if pending:
        return min(pending)
    if case.status is Status.FED_BACK and case.followup_closes_at is not None:
        return case.followup_closes_at
    return NOTHING_DUE


def store(row: RatingCase, case: FollowupCase, now: datetime) -> None:
    """Copy the case's state onto the row (the caller saves it)."""
    row.status = case.status.value
    row.status_before_appeal = case.status_before_appeal.value if case.status_before_appeal \
        else None
    row.contacted_at = case.contacted_at
    row.fed_back_at = case.fed_back_at
    row.closed_at = case.closed_at
    row.contact_escalated = Step.CONTACT in case.escalated_steps
    row.rectify_escalated = Step.RECTIFY in case.escalated_steps
    row.appeal_used = case.appeal_used
    row.invalidated = case.invalidated
    row.next_due = next_due(case)
    row.updated_at = now


async def open_for(rating: Rating, policy: FollowupPolicy) -> RatingCase:
    """Open the follow-up case of a 差评 (inside the rating's transaction)."""
    checker = working_day_checker() if policy.rectify_in_working_days else None
    case = open_case(rating.rated_at, policy, is_working_day=checker)
    row = RatingCase(
        id=uuid.uuid4(), rating_id=rating.id, department_id=rating.department_id,
        region_code=rating.region_code, rated_at=case.rated_at, contact_due=case.contact_due,
        rectify_due=case.rectify_due, followup_wait_days=policy.followup_wait_days,
        event_count=0)
    store(row, case, rating.rated_at)
    await row.save()
    return row
