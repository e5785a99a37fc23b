"""The time limits of one case as of a day, computed on read from stored dates (pure).

Each limit is shown once it has started and until it is met; ``provisional`` marks a
date that counted days in a year with no holiday schedule yet (DOMAIN.md: computed
with weekends only, recomputed when the schedule is entered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.calendar.rules import HolidayTable, deadline_status
from models.cases import deadlines as d
from models.cases.facts import CaseSnapshot, NoticeState, Procedure, Stage


class DeadlineKind(StrEnum):
    DECISION = "DECISION"  # 90 days from 立案 (+ extensions), Art. 60
    HEARING_REQUEST = "HEARING_REQUEST"  # 5 working days from the notice, Art. 64
    SERVICE = "SERVICE"  # 7 working days from the decision, Art. 61
    PAYMENT = "PAYMENT"  # 15 days from service, Art. 67
    PUBLICATION = "PUBLICATION"  # 7 working days from the decision
    WITHDRAWAL = "WITHDRAWAL"  # 3 working days from revocation


@dataclass(frozen=True)
class DeadlineView:
    kind: DeadlineKind
    started_on: date
    due: date
    provisional: bool
    status: str  # ON_TRACK | DUE_SOON | OVERDUE | MET
    met_on: date | None = None


@dataclass(frozen=True)
class PaymentView:
    """罚款 as of a day: the fine, the late fee accrued so far (capped at the fine)."""

    fine_fen: int
    due: date
    late_fee_fen: int
    amount_due_fen: int
    paid_on: date | None


def _view(table: HolidayTable, kind: DeadlineKind, start: date, due: date, today: date,
          met_on: date | None) -> DeadlineView:
    provisional = bool(table.missing_years(range(start.year, due.year + 1)))
    if met_on is not None:
        status = "MET" if met_on <= due else "OVERDUE"
    else:
        status = deadline_status(table, due, today)
    return DeadlineView(kind, start, due, provisional, status, met_on)


_DECIDING = (Stage.FILED, Stage.INVESTIGATION, Stage.REVIEW, Stage.NOTIFIED)
_ANSWERABLE = (NoticeState.AWAITING_RESPONSE, NoticeState.DEFENCE_HEARD)


def case_deadlines(s: CaseSnapshot, table: HolidayTable, today: date, *,
                   publish: tuple[date, date | None] | None = None,
                   withdraw: tuple[date, date, date | None] | None = None
                   ) -> list[DeadlineView]:
    """``publish`` is (due, published_on); ``withdraw`` (revoked_on, due, withdrawn_on)."""
    wd = table.is_working_day
    out: list[DeadlineView] = []
    if s.filed_on is not None and (s.stage in _DECIDING or s.decided_on is not None):
        due = d.decision_deadline(s.filed_on, s.extension_days, wd)
        out.append(_view(table, DeadlineKind.DECISION, s.filed_on, due, today, s.decided_on))
    if (s.stage is Stage.NOTIFIED and s.notice_state in _ANSWERABLE and s.hearing_offered
            and s.hearing_request_deadline is not None and s.notified_on is not None):
        # the party's window, shown while it can still be used (OVERDUE: it has closed)
        out.append(_view(table, DeadlineKind.HEARING_REQUEST, s.notified_on,
                         s.hearing_request_deadline, today, None))
    if s.decided_on is not None and s.procedure is Procedure.GENERAL:
        due = d.service_deadline(s.decided_on, wd)
        out.append(_view(table, DeadlineKind.SERVICE, s.decided_on, due, today, s.served_on))
    payment = payment_view(s, table, today)
    if payment is not None and s.served_on is not None:
        out.append(_view(table, DeadlineKind.PAYMENT, s.served_on, payment.due, today,
                         payment.paid_on))
    if publish is not None and s.decided_on is not None:
        out.append(_view(table, DeadlineKind.PUBLICATION, s.decided_on, publish[0], today,
                         publish[1]))
    if withdraw is not None:
        out.append(_view(table, DeadlineKind.WITHDRAWAL, withdraw[0], withdraw[1], today,
                         withdraw[2]))
    return out


def payment_view(s: CaseSnapshot, table: HolidayTable, today: date) -> PaymentView | None:
    """Only once a fine was decided and served; the late fee runs to ``today`` (or the
    day paid), so it is never stored."""
    fine = s.decided_penalty.fine_fen if s.decided_penalty else 0
    if not fine or s.served_on is None:
        return None
    due = d.payment_due(s.served_on, table.is_working_day)
    on = s.fine_paid_on or today
    fee = d.late_fee(fine, due, on)
    if s.fine_paid_on is not None:
        return PaymentView(fine, due, fee, 0, s.fine_paid_on)
    return PaymentView(fine, due, fee, fine + fee, None)


def publication_due(decided_on: date, table: HolidayTable) -> date:
    """公示 within 7 working days of the decision."""
    return d.add_working_days(decided_on, 7, table.is_working_day)


def withdrawal_due(revoked_on: date, table: HolidayTable) -> date:
    """A revoked decision's 公示 is withdrawn within 3 working days."""
    return d.add_working_days(revoked_on, 3, table.is_working_day)
