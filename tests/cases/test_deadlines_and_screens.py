"""Deadlines computed on read across holidays (and provisional past the calendar), and
the SQL statements each documented case screen costs."""

from __future__ import annotations

from datetime import date

from tests.cases.support import CASE, Desk, ok
from tests.helpers import post

LIST = f"""query {{ cases(first: 20) {{ totalCount edges {{ cursor node {{ {CASE.split('{', 2)[2]
    .rsplit('}', 2)[0]} }} }} }} }}"""


async def test_the_hearing_window_skips_the_national_day_break(client, clock):
    clock.day = date(2026, 9, 30)
    desk = await Desk(client).setup()
    case = await desk.notified("150000.00")
    # 10-01 … 10-07 off; Saturday 10-10 is a make-up working day
    assert case["notice"]["hearingRequestDeadline"] == "2026-10-13"
    window = next(d for d in case["deadlines"] if d["kind"] == "HEARING_REQUEST")
    assert window == {"kind": "HEARING_REQUEST", "due": "2026-10-13", "status": "ON_TRACK",
                      "provisional": False, "metOn": None}


async def test_a_limit_reaching_a_year_without_a_schedule_is_provisional(client, clock):
    clock.day = date(2026, 11, 23)
    desk = await Desk(client).setup()
    case = await ok(client, desk.head, "caseFile", await desk.open())
    decision = next(d for d in case["deadlines"] if d["kind"] == "DECISION")
    # 90 days is Sunday 2027-02-21; 2027 has no holiday schedule yet: weekends only
    assert decision["due"] == "2027-02-22" and decision["provisional"] is True


async def _statements(client, token: str, query: str, variables: dict | None = None) -> int:
    response = await post(client, query, variables, token=token)
    assert "errors" not in response.json(), response.json()
    return int(response.headers["X-SQL-Count"])


async def test_case_screens_cost_a_bounded_number_of_statements(client, clock):
    desk = await Desk(client).setup()
    case = await desk.notified("5000.00")
    detail = await _statements(client, desk.head, CASE, {"id": case["id"]})
    # case, officers, department, thresholds, publication, documents
    assert detail <= 6, detail
    for _ in range(3):
        await desk.open()
    listing = await _statements(client, desk.head, LIST)
    # count, page, then one batch per related table whatever the page size
    assert listing <= 7, listing
