"""Statistics against hand-computed figures, date ranges, rankings, the cache and SQL counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.ratings.followup import CHINA_TZ
from tests.helpers import gql, post, staff_token
from tests.ratings.support import (
    MATTER_RATINGS,
    RANKINGS,
    REPLY,
    STATS,
    case_move_ok,
    concluded_application,
    find_case,
    issue_code,
    make_unit,
    new_citizen,
    open_application,
    rate,
    rate_on_site,
    rating_clock,
)


def _levels(**counts: int) -> list[dict[str, int]]:
    return [{"level": lv, "count": counts.get(f"l{lv}", 0)} for lv in (5, 4, 3, 2, 1)]


async def _stats(client, **filter_) -> dict:
    return (await gql(client, STATS, {"filter": filter_}))["ratingStats"]


async def test_figures_match_hand_computed_values_by_department_matter_and_channel(client, app):
    unit = await make_unit(client, app)
    supervisor = await staff_token(client, "supervisor.hz")
    citizen = await new_citizen(client, app)
    apps = [await concluded_application(client, citizen, unit) for _ in range(4)]
    await open_application(client, citizen, unit)  # not concluded: not in 主动评价率

    # online: 5, 4 and one 差评; the fourth concluded application is not rated
    assert (await rate(client, citizen, apps[0]["id"], 5))["errors"] == []
    assert (await rate(client, citizen, apps[1]["id"], 4))["errors"] == []
    online_bad = (await rate(client, citizen, apps[2]["id"], 1, tags=["超时办理"]))["rating"]
    # on site: 3, a 差评, and a 差评 whose appeal is upheld
    on_site = []
    for level, tags in ((3, []), (2, ["排队时间长"]), (1, ["态度生硬"])):
        rated = await rate_on_site(client, await issue_code(client, unit.clerk, unit.matter_gid),
                                   level, tags=tags)
        on_site.append(rated["rating"])
    # and one on-site 非常满意 forty days ago, outside the recent period
    long_ago = datetime.now(UTC) - timedelta(days=40)
    with rating_clock(app, long_ago):
        old_code = await issue_code(client, unit.clerk, unit.matter_gid)
        assert (await rate_on_site(client, old_code, 5))["errors"] == []

    case_a = await find_case(client, unit.head, unit, online_bad["id"])
    for name, fields in (("ratingCaseContact", {"summary": "已回访"}),
                         ("ratingCaseRectificationStart", {"plan": "整改"}),
                         ("ratingCaseFeedback", {"feedback": "已反馈"})):
        await case_move_ok(client, unit.clerk, name, case_a["id"], **fields)
    case_b = await find_case(client, unit.head, unit, on_site[1]["id"])
    await case_move_ok(client, unit.clerk, "ratingCaseContact", case_b["id"], summary="已回访")
    case_c = await find_case(client, unit.head, unit, on_site[2]["id"])
    await case_move_ok(client, unit.head, "ratingCaseAppeal", case_c["id"], reason="误评")
    await case_move_ok(client, supervisor, "ratingCaseAppealDecide", case_c["id"], uphold=True,
                       comment="成立")

    today = datetime.now(CHINA_TZ).date()
    recent = {"since": (today - timedelta(days=7)).isoformat(), "until": today.isoformat()}
    # Valid in the period: 5, 4, 1 online; 3, 2 on site (the upheld 1 is out) → 5 ratings.
    expected = {
        "validRatings": 5, "badRatings": 2, "invalidatedRatings": 1,
        "byLevel": _levels(l5=1, l4=1, l3=1, l2=1, l1=1),
        "score": 3.0,  # (5+4+3+2+1) / 5
        "satisfactionRate": 0.6, "badRate": 0.4,  # 3 of 5, 2 of 5
        "concludedApplications": 4, "ratedApplications": 3, "activeRatingRate": 0.75,
        "contactedBadRatings": 2, "rectifiedBadRatings": 1,
        "contactRate": 1.0, "rectificationRate": 0.5,
    }
    assert await _stats(client, departmentId=unit.department_gid, **recent) == expected
    assert await _stats(client, matterId=unit.matter_gid, **recent) == expected

    # With the old rating: 6 valid, 20 points → 3.33; 4 of 6 satisfied; 2 of 6 bad.
    everything = await _stats(client, departmentId=unit.department_gid)
    assert (everything["validRatings"], everything["score"], everything["satisfactionRate"],
            everything["badRate"]) == (6, 3.33, 0.6667, 0.3333)
    assert everything["byLevel"] == _levels(l5=2, l4=1, l3=1, l2=1, l1=1)

    on_site_only = await _stats(client, departmentId=unit.department_gid, channel="ON_SITE",
                                **recent)
    assert (on_site_only["validRatings"], on_site_only["score"], on_site_only["badRate"],
            on_site_only["contactRate"], on_site_only["rectificationRate"]) == (
        2, 2.5, 0.5, 1.0, 0.0)
    assert (on_site_only["concludedApplications"], on_site_only["activeRatingRate"]) == (0, None)

    future = await _stats(client, departmentId=unit.department_gid,
                          since=(today + timedelta(days=1)).isoformat())
    assert (future["validRatings"], future["score"], future["concludedApplications"]) == (
        0, None, 0)


async def test_rankings_and_public_matter_page(client, app):
    unit = await make_unit(client, app)
    for level, tags in ((5, []), (4, []), (2, ["排队时间长"]), (5, [])):
        await rate_on_site(client, await issue_code(client, unit.clerk, unit.matter_gid), level,
                           tags=tags)

    county = unit.department.region_id
    by_department = (await gql(client, RANKINGS, {"by": "DEPARTMENT", "region": county})
                     )["ratingRankings"]
    ours = [r for r in by_department if r["department"]["id"] == unit.department_gid]
    assert len(ours) == 1 and (ours[0]["badRate"], ours[0]["validRatings"]) == (0.25, 4)
    ranks = [r["rank"] for r in by_department]
    assert ranks == list(range(1, len(ranks) + 1))
    rates = [r["badRate"] for r in by_department]
    assert rates == sorted(rates)
    by_region = (await gql(client, RANKINGS, {"by": "REGION", "region": "330100"})
                 )["ratingRankings"]
    assert county in [r["region"]["code"] for r in by_region]

    page = (await gql(client, MATTER_RATINGS, {"matter": unit.matter_gid, "first": 2})
            )["matterRatings"]
    assert page["totalCount"] == 4 and len(page["nodes"]) == 2
    newest = page["nodes"][0]
    replied = (await gql(client, REPLY, {"input": {"ratingId": newest["id"],
                                                   "reply": "感谢您的肯定"}},
                         token=unit.clerk))["ratingReply"]
    assert replied["errors"] == [] and replied["rating"]["reply"] == "感谢您的肯定"
    again = (await gql(client, MATTER_RATINGS, {"matter": unit.matter_gid, "first": 2})
             )["matterRatings"]["nodes"][0]
    assert again["reply"] == "感谢您的肯定" and set(again) >= {"level", "tags", "department"}


async def test_figures_are_cached_and_a_new_rating_invalidates_them(client, app):
    unit = await make_unit(client, app)
    await rate_on_site(client, await issue_code(client, unit.clerk, unit.matter_gid), 5)
    variables = {"filter": {"matterId": unit.matter_gid}}
    first = await post(client, STATS, variables)
    assert first.json()["data"]["ratingStats"]["validRatings"] == 1
    assert int(first.headers["x-sql-count"]) <= 4  # GROUP BYs, whatever the volume
    cached = await post(client, STATS, variables)
    assert cached.headers["x-sql-count"] == "0"

    await rate_on_site(client, await issue_code(client, unit.clerk, unit.matter_gid), 1,
                       tags=["态度生硬"])
    fresh = (await post(client, STATS, variables)).json()["data"]["ratingStats"]
    assert (fresh["validRatings"], fresh["badRate"]) == (2, 0.5)


async def test_screens_run_a_fixed_number_of_statements(client, app):
    unit = await make_unit(client, app)
    for _ in range(6):
        await rate_on_site(client, await issue_code(client, unit.clerk, unit.matter_gid), 1,
                           tags=["排队时间长"])
    public = await post(client, """query($m: ID!) { matterRatings(matterId: $m, first: 20) {
      totalCount nodes { level tags reply department { name region { name } } } } }""",
                        {"m": unit.matter_gid})
    assert len(public.json()["data"]["matterRatings"]["nodes"]) == 6
    assert int(public.headers["x-sql-count"]) <= 4, public.headers["x-sql-count"]

    queue = await post(client, """query { ratingCases(first: 20) { totalCount nodes {
      id status overdue dueSoon availableActions applicationNumber alerts { step }
      rating { level department { name } } events { action } } } }""",
                       token=unit.head)
    assert len(queue.json()["data"]["ratingCases"]["nodes"]) == 6
    assert int(queue.headers["x-sql-count"]) <= 6, queue.headers["x-sql-count"]
