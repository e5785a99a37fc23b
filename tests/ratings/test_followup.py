"""The 差评 follow-up: 回访 → 整改 → 反馈 → 追评, deadlines and escalation, 申诉复核."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from tests.accounts.support import make_staff
from tests.helpers import error_codes, gql, gql_raw, staff_token
from tests.ratings.support import (
    FOLLOWUP_ADD,
    MY_RATINGS,
    case_move,
    case_move_ok,
    concluded_application,
    find_case,
    issue_code,
    make_unit,
    new_citizen,
    rate,
    rate_on_site,
    rating_clock,
)

MESSAGES = """{ myMessages(first: 50) { nodes { kind title body } } }"""
ESCALATE = """mutation($input: RatingCasesEscalateInput!) { ratingCasesEscalate(input: $input) {
  escalated { id escalatedSteps } closed errors { code field } } }"""


async def _bad_rating(client, app, unit, level: int = 1):
    citizen = await new_citizen(client, app)
    application = await concluded_application(client, citizen, unit)
    rated = await rate(client, citizen, application["id"], level, tags=["多次跑腿"],
                       comment="跑了三次才办成")
    assert rated["errors"] == []
    return citizen, rated["rating"]


async def _followup(client, citizen, rating_id: str, level: int, comment: str | None = None):
    data = await gql(client, FOLLOWUP_ADD, {"input": {
        "ratingId": rating_id, "level": level, "comment": comment}}, token=citizen.token)
    return data["ratingFollowupAdd"]


async def _messages(client, token: str, kind: str) -> list[dict]:
    nodes = (await gql(client, MESSAGES, token=token))["myMessages"]["nodes"]
    return [n for n in nodes if n["kind"] == kind]


async def test_a_bad_rating_is_called_back_rectified_fed_back_and_rated_again_once(client, app):
    unit = await make_unit(client, app)
    citizen, rating = await _bad_rating(client, app, unit)
    assert rating["caseStatus"] == "OPEN" and rating["canAddFollowup"] is False

    case = await find_case(client, unit.head, unit, rating["id"])
    assert case["status"] == "OPEN" and case["applicationNumber"]
    assert case["availableActions"] == ["CONTACT", "APPEAL"]
    clerk_view = await find_case(client, unit.clerk, unit, rating["id"])
    assert clerk_view["availableActions"] == ["CONTACT"]  # appeals are for the heads

    # 回访 cannot be skipped
    for name, fields in (("ratingCaseRectificationStart", {"plan": "精简材料"}),
                         ("ratingCaseFeedback", {"feedback": "已整改"})):
        skipped = await case_move(client, unit.clerk, name, case["id"], **fields)
        assert [e["code"] for e in skipped["errors"]] == ["CONTACT_REQUIRED_FIRST"], name
    empty = await case_move(client, unit.clerk, "ratingCaseContact", case["id"], summary=" ")
    assert empty["errors"][0]["code"] == "MISSING_INPUT"
    assert empty["errors"][0]["field"] == ["input", "summary"]

    contacted = await case_move_ok(client, unit.clerk, "ratingCaseContact", case["id"],
                                   summary="已电话回访，情况属实")
    assert contacted["status"] == "CONTACTED" and contacted["contactedAt"]
    # a retried move (lost answer) changes nothing and is not an error
    retried = await case_move_ok(client, unit.clerk, "ratingCaseContact", case["id"],
                                 summary="已电话回访，情况属实")
    assert len(retried["events"]) == len(contacted["events"]) == 1

    await case_move_ok(client, unit.clerk, "ratingCaseRectificationStart", case["id"],
                       plan="材料清单一次性告知")
    fed_back = await case_move_ok(client, unit.head, "ratingCaseFeedback", case["id"],
                                  feedback="已整改：材料一次告知，并电话致歉")
    assert fed_back["status"] == "FED_BACK" and fed_back["events"][-1]["late"] is False
    assert fed_back["availableActions"] == []

    # the rater is told and may now add one 追评
    told = await _messages(client, citizen.token, "RATING_FEEDBACK")
    assert len(told) == 1 and "追评" in told[0]["body"]
    mine = (await gql(client, MY_RATINGS, token=citizen.token))["myRatings"]["nodes"][0]
    assert mine["feedback"] == "已整改：材料一次告知，并电话致歉" and mine["canAddFollowup"]

    stranger = await new_citizen(client, app)
    foreign = await _followup(client, stranger, rating["id"], 5)
    assert [e["code"] for e in foreign["errors"]] == ["CASE_NOT_FOUND"]
    bare = await _followup(client, citizen, rating["id"], 2)
    assert bare["errors"][0]["code"] == "BAD_RATING_NEEDS_REASON"

    added = await _followup(client, citizen, rating["id"], 4, "整改后满意")
    assert added["errors"] == []
    assert (added["rating"]["followupLevel"], added["rating"]["caseStatus"]) == (4, "CLOSED")
    twice = await _followup(client, citizen, rating["id"], 5, "再评一次")
    assert [e["code"] for e in twice["errors"]] == ["FOLLOWUP_RATING_ALREADY_USED"]

    closed = await find_case(client, unit.head, unit, rating["id"])
    assert closed["closeReason"] == "FOLLOWUP_RATED"
    assert [e["action"] for e in closed["events"]] == [
        "CONTACT", "START_RECTIFICATION", "FEED_BACK", "FOLLOWUP_RATE"]
    assert [e["actorRole"] for e in closed["events"]] == [
        "DEPARTMENT_STAFF", "DEPARTMENT_STAFF", "DEPARTMENT_STAFF", "RATER"]


async def test_feedback_after_the_deadline_is_accepted_but_escalated(client, app):
    unit = await make_unit(client, app)
    supervisor = await make_staff(["SUPERVISOR"], region="330100")
    supervisor_token = await staff_token(client, supervisor.username)
    hub = app.state.services["events"]
    rated_at = datetime.now(UTC)
    with rating_clock(app, rated_at) as clock:
        _citizen, rating = await _bad_rating(client, app, unit)
        case = await find_case(client, unit.head, unit, rating["id"])
        clock[0] = rated_at + timedelta(hours=2)
        await case_move_ok(client, unit.clerk, "ratingCaseContact", case["id"], summary="已回访")
        await case_move_ok(client, unit.clerk, "ratingCaseRectificationStart", case["id"],
                           plan="整改")
        clock[0] = rated_at + timedelta(days=17)  # the 15 days have run out
        listening = hub.subscribe(["rating-escalations:3301"])
        received = asyncio.ensure_future(asyncio.wait_for(anext(listening), 5))
        await asyncio.sleep(0.05)  # let the subscription register
        late = await case_move_ok(client, unit.clerk, "ratingCaseFeedback", case["id"],
                                  feedback="迟到的整改反馈")
        event = await received
        await listening.aclose()

    assert late["status"] == "FED_BACK" and late["escalatedSteps"] == ["RECTIFY"]
    assert late["events"][-1]["late"] is True and late["events"][0]["late"] is False
    assert event["caseId"] == case["id"] and event["steps"] == ["RECTIFY"]
    assert event["regionCode"] == unit.department.region_id
    assert event["departmentName"] == unit.department.name
    warned = await _messages(client, supervisor_token, "RATING_ESCALATION")
    assert any(unit.department.name in m["body"] and "整改反馈" in m["body"] for m in warned)


async def test_overdue_steps_are_flagged_on_read_and_the_sweep_escalates_once(client, app):
    unit = await make_unit(client, app, region="330127")  # 淳安县: the sweep stays in our rows
    supervisor = await staff_token(client, "supervisor.hz")
    rated_at = datetime.now(UTC)
    with rating_clock(app, rated_at) as clock:
        _citizen, rating = await _bad_rating(client, app, unit)
        case = await find_case(client, unit.head, unit, rating["id"])
        assert (case["overdue"], case["dueSoon"], case["alerts"]) == (False, False, [])

        clock[0] = rated_at + timedelta(hours=21)  # 回访 due within 4 hours
        soon = await find_case(client, unit.head, unit, rating["id"])
        assert (soon["overdue"], soon["dueSoon"]) == (False, True)
        assert soon["alerts"] == [{"step": "CONTACT", "overdue": False, "dueSoon": True,
                                   "escalated": False}]

        clock[0] = rated_at + timedelta(hours=25)
        overdue = await find_case(client, unit.head, unit, rating["id"])
        assert overdue["overdue"] is True and overdue["escalatedSteps"] == []
        queue = (await gql(client, """query($d: ID) { ratingCases(departmentId: $d,
          needsAttention: true) { nodes { id } } }""", {"d": unit.department_gid},
                           token=supervisor))["ratingCases"]["nodes"]
        assert [n["id"] for n in queue] == [case["id"]]

        swept = (await gql(client, ESCALATE, {"input": {"regionCode": "330127"}},
                           token=supervisor))["ratingCasesEscalate"]
        assert {"id": case["id"], "escalatedSteps": ["CONTACT"]} in swept["escalated"]
        again = (await gql(client, ESCALATE, {"input": {"regionCode": "330127"}},
                           token=supervisor))["ratingCasesEscalate"]
        assert case["id"] not in [c["id"] for c in again["escalated"]]

        # contacting late now changes nothing more: the step was already escalated
        done = await case_move_ok(client, unit.clerk, "ratingCaseContact", case["id"],
                                  summary="超期回访")
        assert done["escalatedSteps"] == ["CONTACT"] and done["events"][-1]["late"] is True

    # a department head may not sweep; a supervisor only within their region
    assert error_codes(await gql_raw(client, ESCALATE, {"input": {}}, token=unit.head)) == [
        "FORBIDDEN"]
    outside = (await gql(client, ESCALATE, {"input": {"regionCode": "330212"}},
                         token=supervisor))["ratingCasesEscalate"]
    assert outside["errors"] == [{"code": "INVALID_REGION", "field": ["input", "regionCode"]}]


async def test_a_department_appeals_once_and_a_supervisor_decides(client, app):
    unit = await make_unit(client, app)
    supervisor = await staff_token(client, "supervisor.hz")
    citizen, rating = await _bad_rating(client, app, unit)
    case = await find_case(client, unit.head, unit, rating["id"])

    # a clerk may not appeal, nor department staff decide
    body = await gql_raw(client, """mutation($input: RatingCaseAppealInput!) {
      ratingCaseAppeal(input: $input) { errors { code } } }""",
                         {"input": {"caseId": case["id"], "reason": "x"}}, token=unit.clerk)
    assert error_codes(body) == ["FORBIDDEN"]
    appealed = await case_move_ok(client, unit.head, "ratingCaseAppeal", case["id"],
                                  reason="评价人并未办理该事项")
    assert appealed["status"] == "APPEALED"
    twice = await case_move(client, unit.head, "ratingCaseAppeal", case["id"],
                            reason="再次申诉")
    assert [e["code"] for e in twice["errors"]] == ["APPEAL_ALREADY_USED"]
    body = await gql_raw(client, """mutation($input: RatingCaseAppealDecideInput!) {
      ratingCaseAppealDecide(input: $input) { errors { code } } }""",
                         {"input": {"caseId": case["id"], "uphold": True, "comment": "x"}},
                         token=unit.head)
    assert error_codes(body) == ["FORBIDDEN"]

    rejected = await case_move_ok(client, supervisor, "ratingCaseAppealDecide", case["id"],
                                  uphold=False, comment="评价人确有办理记录，申诉不成立")
    assert (rejected["status"], rejected["appealDecision"]) == ("OPEN", "REJECTED")
    third = await case_move(client, unit.head, "ratingCaseAppeal", case["id"], reason="又申诉")
    assert [e["code"] for e in third["errors"]] == ["APPEAL_ALREADY_USED"]
    mine = (await gql(client, MY_RATINGS, token=citizen.token))["myRatings"]["nodes"][0]
    assert mine["counted"] is True


async def test_an_upheld_appeal_takes_the_rating_out_of_public_view_and_figures(client, app):
    unit = await make_unit(client, app)
    supervisor = await staff_token(client, "supervisor.hz")
    code = await issue_code(client, unit.clerk, unit.matter_gid)
    citizen = await new_citizen(client, app)
    rated = await rate_on_site(client, code, 1, tags=["态度生硬"], token=citizen.token)
    case = await find_case(client, unit.head, unit, rated["rating"]["id"])
    await case_move_ok(client, unit.head, "ratingCaseAppeal", case["id"],
                       reason="监控显示窗口人员并无不当")
    told = await _messages(client, supervisor, "RATING_APPEAL")
    assert any(unit.department.name in m["title"] for m in told)

    upheld = await case_move_ok(client, supervisor, "ratingCaseAppealDecide", case["id"],
                                uphold=True, comment="申诉成立")
    assert (upheld["status"], upheld["closeReason"]) == ("CLOSED", "APPEAL_UPHELD")
    public = await gql(client, """query($id: ID!, $m: ID!) { node(id: $id) { id }
      matterRatings(matterId: $m) { totalCount } ratingStats(filter: {matterId: $m}) {
        validRatings invalidatedRatings } }""", {"id": rated["rating"]["id"],
                                                 "m": unit.matter_gid})
    assert public["node"] is None and public["matterRatings"]["totalCount"] == 0
    assert public["ratingStats"] == {"validRatings": 0, "invalidatedRatings": 1}
    mine = (await gql(client, MY_RATINGS, token=citizen.token))["myRatings"]["nodes"][0]
    assert mine["counted"] is False and mine["caseStatus"] == "CLOSED"


async def test_supervisors_of_another_region_and_other_departments_see_nothing(client, app):
    unit = await make_unit(client, app)
    _citizen, rating = await _bad_rating(client, app, unit)
    case = await find_case(client, unit.head, unit, rating["id"])
    ningbo = await make_staff(["SUPERVISOR"], region="330200")
    ningbo_token = await staff_token(client, ningbo.username)
    other_head = await staff_token(client, "admin.xihu")
    query = "query($id: ID!) { ratingCase(id: $id) { id } node(id: $id) { id } }"
    for token in (ningbo_token, other_head):
        assert await gql(client, query, {"id": case["id"]}, token=token) == {
            "ratingCase": None, "node": None}
        body = await gql_raw(client, """mutation($input: RatingCaseContactInput!) {
          ratingCaseContact(input: $input) { errors { code } } }""",
                             {"input": {"caseId": case["id"], "summary": "x"}}, token=token)
        assert error_codes(body) in (["NOT_FOUND"], ["FORBIDDEN"])
    hz = await staff_token(client, "supervisor.hz")
    seen = await gql(client, "query($id: ID!) { ratingCase(id: $id) { id availableActions } }",
                     {"id": case["id"]}, token=hz)
    # a supervisor sees the case, but the department's steps are not theirs
    assert seen["ratingCase"] == {"id": case["id"], "availableActions": []}


SUBSCRIBE = """subscription($region: String) { ratingCaseEscalated(regionCode: $region) {
  id status escalatedSteps } }"""


async def test_supervisors_are_pushed_escalations_of_their_region(client, app):
    """The subscription resolver over the app's event hub (the WebSocket transport
    itself is covered by the api tests)."""
    from api.graphql import schema
    from auth.viewer import Viewer
    from resolvers.context import Context

    unit = await make_unit(client, app, region="330127")
    supervisor = Viewer(kind="STAFF", account_id="00000000-0000-0000-0000-000000000001",
                        roles=frozenset({"SUPERVISOR"}), region_code="330100")
    context = Context(settings=app.state.settings, redis=app.state.redis, viewer=supervisor,
                      services=app.state.services)
    stream = await schema.subscribe(SUBSCRIBE, {"region": "330127"}, context_value=context)
    pushed = asyncio.ensure_future(asyncio.wait_for(anext(stream), 5))
    await asyncio.sleep(0.05)  # let the subscription register
    rated_at = datetime.now(UTC)
    with rating_clock(app, rated_at) as clock:
        _citizen, rating = await _bad_rating(client, app, unit)
        case = await find_case(client, unit.head, unit, rating["id"])
        clock[0] = rated_at + timedelta(hours=26)
        await case_move_ok(client, unit.clerk, "ratingCaseContact", case["id"], summary="迟了")
    result = await pushed
    await stream.aclose()
    assert result.errors is None
    assert result.data["ratingCaseEscalated"] == {"id": case["id"], "status": "CONTACTED",
                                                  "escalatedSteps": ["CONTACT"]}

    elsewhere = await schema.subscribe(SUBSCRIBE, {"region": "330212"}, context_value=context)
    refused = await anext(elsewhere)
    assert refused.errors and refused.errors[0].message == "只能订阅本人所辖区划"
    await elsewhere.aclose()
