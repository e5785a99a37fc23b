"""Time limits and money sums of a penalty case (行政处罚法 Art. 60, 61, 64, 67, 72, 85).

Art. 85 makes the "二日 三日 五日 七日" limits working days; the 90-day decision
limit and the 15-day payment limit are calendar days. No period counts its
first day. The working-day calendar is passed in as ``is_working_day`` (the
service plugs in the holiday table), so this module never reads a clock or a
calendar of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

IsWorkingDay = Callable[[date], bool]

DECISION_DAYS = 90  # Art. 60, calendar days from 立案
PAYMENT_DAYS = 15  # Art. 67, calendar days from receipt of the decision
HEARING_REQUEST_WORKING_DAYS = 5  # Art. 64(一)
HEARING_NOTICE_WORKING_DAYS = 7  # Art. 64(二)
SERVICE_WORKING_DAYS = 7  # Art. 61
LATE_FEE_PERCENT_PER_DAY = 3  # Art. 72(一)

_ONE_DAY = timedelta(days=1)
# A calendar that never yields a working day is broken data; stop instead of spinning.
_MAX_SCAN_DAYS = 366 * 2


def add_working_days(start: date, n: int, is_working_day: IsWorkingDay) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    day, counted = start, 0
    while counted < n:
        day += _ONE_DAY
        if (day - start).days > _MAX_SCAN_DAYS:
            raise ValueError("the working-day calendar has no working days in range")
        if is_working_day(day):
            counted += 1
    return day


def roll_forward(day: date, is_working_day: IsWorkingDay | None) -> date:
    """A calendar-day limit ending on a holiday ends on the next working day
    (民法典 Art. 203); without a calendar the date stands, which is the stricter reading."""
    if is_working_day is None:
        return day
    last = day
    while not is_working_day(last):
        last += _ONE_DAY
        if (last - day).days > _MAX_SCAN_DAYS:
            raise ValueError("the working-day calendar has no working days in range")
    return last


def decision_deadline(
    filed_on: date, extension_days: int = 0, is_working_day: IsWorkingDay | None = None
) -> date:
    """Last day to decide: 90 days after 立案 plus approved extensions (Art. 60)."""
    if extension_days < 0:
        raise ValueError("extension_days must be >= 0")
    last = filed_on + timedelta(days=DECISION_DAYS + extension_days)
    return roll_forward(last, is_working_day)


def hearing_request_deadline(notified_on: date, is_working_day: IsWorkingDay) -> date:
    """Last day the party may ask for a hearing: 5 working days after the notice (Art. 64)."""
    return add_working_days(notified_on, HEARING_REQUEST_WORKING_DAYS, is_working_day)


def earliest_hearing_on(notice_on: date, is_working_day: IsWorkingDay) -> date:
    """First date a hearing may be held when the party is told on ``notice_on``: the
    hearing notice must go out 7 working days before it (Art. 64(二), Art. 85)."""
    return add_working_days(notice_on, HEARING_NOTICE_WORKING_DAYS, is_working_day)


def service_deadline(decided_on: date, is_working_day: IsWorkingDay) -> date:
    """Last day to serve a decision the party did not receive on the spot (Art. 61)."""
    return add_working_days(decided_on, SERVICE_WORKING_DAYS, is_working_day)


def is_service_late(decided_on: date, served_on: date, is_working_day: IsWorkingDay) -> bool:
    """Late service is recorded for supervision, not refused: refusing would leave the
    party unserved and the decision without effect."""
    return served_on > service_deadline(decided_on, is_working_day)


def payment_due(served_on: date, is_working_day: IsWorkingDay | None = None) -> date:
    """Last day to pay: 15 days after the decision was served (Art. 67); pass the
    calendar to move a due date that falls on a holiday."""
    return roll_forward(served_on + timedelta(days=PAYMENT_DAYS), is_working_day)


def late_fee(fine_fen: int, due: date, paid_on: date) -> int:
    """加处罚款 (Art. 72): 3 % of the fine for each day after ``due``, never more than
    the fine itself. Rounded once, half up, to the fen, so a total is never the sum
    of per-day roundings."""
    if fine_fen < 0:
        raise ValueError("fine_fen must be >= 0")
    days_late = (paid_on - due).days
    if days_late <= 0:
        return 0
    fee = Decimal(fine_fen) * LATE_FEE_PERCENT_PER_DAY * days_late / 100
    return min(fine_fen, int(fee.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def amount_owed(
    fine_fen: int, served_on: date, paid_on: date, is_working_day: IsWorkingDay | None = None
) -> int:
    """Fine plus late fee for a payment made on ``paid_on``."""
    return fine_fen + late_fee(fine_fen, payment_due(served_on, is_working_day), paid_on)
