"""The working-day clock through the API, across the real 2025–2026 holidays and make-up
workdays (the applications clock is moved, never slept on)."""

from __future__ import annotations

from models.accounts.seed import DEMO_PASSWORD
from tests.applications.support import (
    APPLICATION,
    STAFF_APPLICATION,
    beijing,
    clock_at,
    gql,
    make_staff,
    make_version,
    new_citizen,
    staff_id,
    staff_token,
    step,
    step_ok,
    submitted,
)

STATS = """{ applicationDepartmentStats { open onTrack dueSoon overdue paused concluded
  concludedOnTime onTimeRate } }"""


async def _case_worker(client, region: str) -> str:
    """A clerk-approver in a department no other test files in (stats stay exact)."""
    account = await make_staff(["CLERK", "APPROVER"], region=region)
    return await staff_token(client, account.username, DEMO_PASSWORD)


async def _deadline(client, token: str, application_id: str) -> dict:
    return (await gql(client, APPLICATION, {"id": application_id}, token=token)
            )["application"]


async def test_intake_window_spans_national_day_and_lapses_into_deemed_acceptance(client, app):
    version = await make_version(promised=5)
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    with clock_at(app, beijing(2025, 9, 26)) as now:  # a Friday
        application = await submitted(client, citizen, version)
        assert application["receivedOn"] == "2025-09-26"
        # 09-28 is a make-up Sunday; 10-01..08 are the holiday
        assert application["deadline"]["kind"] == "INTAKE"
        assert application["deadline"]["dueOn"] == "2025-10-10"
        sid = staff_id(application["id"])
        now[0] = beijing(2025, 9, 29)
        await step_ok(client, clerk, "applicationPreReviewStart", sid)
        assert (await _deadline(client, citizen.token, application["id"]))["deadlineFlag"] == \
            "ON_TRACK"
        now[0] = beijing(2025, 10, 9)
        assert (await _deadline(client, citizen.token, application["id"]))["deadlineFlag"] == \
            "DUE_SOON"

        now[0] = beijing(2025, 10, 13)  # the window closed on 10-10 without a notice
        staff_view = (await gql(client, STAFF_APPLICATION, {"id": sid}, token=clerk)
                      )["staffApplication"]
        assert "REQUEST_CORRECTION" not in staff_view["availableActions"]
        late = await step(client, clerk, "applicationCorrectionRequest", sid,
                          missingItems=["补充材料"])
        assert [e["code"] for e in late["errors"]] == ["CORRECTION_WINDOW_CLOSED"]
        lapsed = await _deadline(client, citizen.token, application["id"])
        assert lapsed["deemedAccepted"] is True
        # counted as accepted on 09-26: five working days end on 10-10, now overdue
        assert lapsed["deadline"]["kind"] == "DECISION"
        assert lapsed["deadline"]["dueOn"] == "2025-10-10"
        assert lapsed["deadline"]["flag"] == "OVERDUE"
        assert lapsed["deadline"]["workingDaysLeft"] == -2  # 10-11 (make-up Sat) and 10-13
        accepted = await step_ok(client, clerk, "applicationAccept", sid)
        assert "自收到申请之日（2025年9月26日）起即为受理" in accepted["documents"][0]["body"]
        mine = await _deadline(client, citizen.token, application["id"])
        assert mine["acceptedOn"] == "2025-09-26" and mine["deemedAccepted"] is True


async def test_decision_clock_pauses_for_a_special_procedure_over_national_day(client, app):
    version = await make_version(region="330127", promised=5)
    citizen = await new_citizen(client, app)
    worker = await _case_worker(client, "330127")
    with clock_at(app, beijing(2025, 9, 29)) as now:
        application = await submitted(client, citizen, version)
        sid = staff_id(application["id"])
        await step_ok(client, worker, "applicationPreReviewStart", sid)
        now[0] = beijing(2025, 9, 30)
        accepted = await step_ok(client, worker, "applicationAccept", sid)
        # 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14
        assert accepted["application"]["deadline"]["dueOn"] == "2025-10-14"
        now[0] = beijing(2025, 10, 9)
        await step_ok(client, worker, "applicationReviewStart", sid)
        paused = await step_ok(client, worker, "applicationSpecialProcedureStart", sid,
                               kind="EXPERT_REVIEW", reason="组织专家评审")
        assert paused["application"]["deadline"] == {
            "kind": "DECISION", "dueOn": None, "flag": "PAUSED", "pausedSince": "2025-10-09",
            "workingDaysLeftAtPause": 5}
        now[0] = beijing(2025, 10, 13)
        resumed = await step_ok(client, worker, "applicationSpecialProcedureEnd", sid)
        # 10-09..10-12 do not count: 10-13 .. 10-17
        assert resumed["application"]["deadline"]["dueOn"] == "2025-10-17"
        now[0] = beijing(2025, 10, 20)
        before = (await gql(client, STATS, token=worker))["applicationDepartmentStats"]
        assert before["overdue"] >= 1
        await step_ok(client, worker, "applicationApprove", sid)
        after = (await gql(client, STATS, token=worker))["applicationDepartmentStats"]
    assert after["concluded"] == before["concluded"] + 1
    assert after["concludedOnTime"] == before["concludedOnTime"]  # decided late
    assert after["overdue"] == before["overdue"] - 1


async def test_on_time_decisions_raise_the_on_time_rate(client, app):
    version = await make_version(region="330122", promised=5)
    citizen = await new_citizen(client, app)
    worker = await _case_worker(client, "330122")
    with clock_at(app, beijing(2025, 12, 30)) as now:  # a Tuesday
        application = await submitted(client, citizen, version)
        # across New Year: 12-31, (01-01..03 off), 01-04 make-up Sunday, 01-05, 01-06, 01-07
        assert application["deadline"]["dueOn"] == "2026-01-07"
        sid = staff_id(application["id"])
        await step_ok(client, worker, "applicationPreReviewStart", sid)
        await step_ok(client, worker, "applicationAccept", sid)
        await step_ok(client, worker, "applicationReviewStart", sid)
        now[0] = beijing(2026, 1, 5)
        before = (await gql(client, STATS, token=worker))["applicationDepartmentStats"]
        await step_ok(client, worker, "applicationApprove", sid)
        after = (await gql(client, STATS, token=worker))["applicationDepartmentStats"]
    assert after["concluded"] == before["concluded"] + 1
    assert after["concludedOnTime"] == before["concludedOnTime"] + 1
    assert after["open"] == before["open"]  # approved, still to be delivered
    assert after["onTimeRate"] == round(after["concludedOnTime"] / after["concluded"], 4)


async def test_spring_festival_and_a_year_without_a_schedule(client, app):
    version = await make_version(promised=5)
    long_version = await make_version(promised=20)
    citizen = await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    with clock_at(app, beijing(2026, 2, 12)):
        application = await submitted(client, citizen, version)
        sid = staff_id(application["id"])
        await step_ok(client, clerk, "applicationPreReviewStart", sid)
        accepted = await step_ok(client, clerk, "applicationAccept", sid)
        # 02-13, 02-14 (make-up Saturday), then 02-15..23 off: 02-24, 02-25, 02-26
        assert accepted["application"]["deadline"]["dueOn"] == "2026-02-26"
    with clock_at(app, beijing(2026, 12, 24)):
        later = await submitted(client, citizen, long_version)
        sid = staff_id(later["id"])
        await step_ok(client, clerk, "applicationPreReviewStart", sid)
        await step_ok(client, clerk, "applicationAccept", sid)
        mine = await _deadline(client, citizen.token, later["id"])
    # 2027's schedule is not published yet: weekends only, and marked provisional
    assert mine["deadline"]["provisional"] is True
    assert mine["deadline"]["dueOn"].startswith("2027-01")
