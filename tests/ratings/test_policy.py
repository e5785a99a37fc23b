"""Per-region follow-up settings: overrides, defaults, working days and validation."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers import gql, staff_token
from tests.ratings.support import (
    find_case,
    issue_code,
    make_unit,
    rate_on_site,
    rating_clock,
)

SET = """mutation($input: RatingPolicySetInput!) { ratingPolicySet(input: $input) {
  policy { regionCode sourceRegionCode contactHours rectifyDays rectifyInWorkingDays
           onSiteCodeMinutes } errors { code field message } } }"""
GET = """query($r: String!) { ratingPolicy(regionCode: $r) { sourceRegionCode contactHours
  rectifyDays rectifyInWorkingDays followupWaitDays onSiteCodeMinutes } }"""


async def _set(client, token, **values):
    return (await gql(client, SET, {"input": values}, token=token))["ratingPolicySet"]


async def test_a_county_override_sets_the_deadlines_of_new_cases(client, app):
    admin = await staff_token(client, "sysadmin")
    defaults = (await gql(client, GET, {"r": "330100"}))["ratingPolicy"]
    assert defaults == {"sourceRegionCode": None, "contactHours": 24, "rectifyDays": 15,
                        "rectifyInWorkingDays": False, "followupWaitDays": 7,
                        "onSiteCodeMinutes": 30}
    saved = await _set(client, admin, regionCode="330122", contactHours=12, rectifyDays=5,
                       onSiteCodeMinutes=10)
    assert saved["errors"] == [] and saved["policy"]["sourceRegionCode"] == "330122"
    assert (await gql(client, GET, {"r": "330122"}))["ratingPolicy"]["rectifyDays"] == 5

    unit = await make_unit(client, app, region="330122")
    # Monday 2025-03-10 10:00 Beijing time
    rated_at = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)
    with rating_clock(app, rated_at):
        code = await issue_code(client, unit.clerk)
        rated = await rate_on_site(client, code, 1, tags=["态度生硬"])
    case = await find_case(client, unit.head, unit, rated["rating"]["id"])
    assert case["contactDue"] == "2025-03-10T14:00:00+00:00"  # 12 hours
    assert case["rectifyDue"] == "2025-03-15T16:00:00+00:00"  # end of 03-15 Beijing


async def test_rectification_may_count_working_days_across_a_holiday(client, app):
    admin = await staff_token(client, "sysadmin")
    saved = await _set(client, admin, regionCode="330182", rectifyDays=5,
                       rectifyInWorkingDays=True)
    assert saved["errors"] == []
    unit = await make_unit(client, app, region="330182")
    # 2025-09-30, the day before the National Day break (10-01..08; 10-11 is a make-up
    # workday): working days 10-09, 10-10, 10-11, 10-13, 10-14.
    with rating_clock(app, datetime(2025, 9, 30, 2, 0, tzinfo=UTC)):
        rated = await rate_on_site(client, await issue_code(client, unit.clerk), 2,
                                   tags=["排队时间长"])
    case = await find_case(client, unit.head, unit, rated["rating"]["id"])
    assert case["rectifyDue"] == "2025-10-14T16:00:00+00:00"


async def test_invalid_settings_are_refused_with_the_field(client, app):
    admin = await staff_token(client, "sysadmin")
    bad = await _set(client, admin, regionCode="330122", rectifyDays=0)
    assert bad["policy"] is None
    assert [(e["code"], e["field"]) for e in bad["errors"]] == [
        ("INVALID_POLICY", ["input", "rectifyDays"])]
    unknown = await _set(client, admin, regionCode="339999")
    assert unknown["errors"][0]["code"] == "INVALID_REGION"
