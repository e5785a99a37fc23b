"""Giving a rating: online once per concluded application, on site once per code."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from schema.node import to_global_id
from tests.helpers import error_codes, gql, gql_raw
from tests.ratings.support import (
    MY_RATINGS,
    SUBMIT,
    concluded_application,
    issue_code,
    key,
    make_unit,
    new_citizen,
    open_application,
    rate,
    rate_on_site,
    rating_clock,
)


async def test_applicant_rates_a_concluded_application_once(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    application = await concluded_application(client, citizen, unit)

    same_key = key()
    first = await rate(client, citizen, application["id"], 5, tags=["办事效率高", "一次办成"],
                       comment="很快就办好了", idempotency_key=same_key)
    assert first["errors"] == []
    rating = first["rating"]
    assert (rating["level"], rating["levelLabel"], rating["channel"]) == (5, "非常满意", "ONLINE")
    assert rating["tags"] == ["办事效率高", "一次办成"] and rating["counted"] is True
    assert rating["caseStatus"] is None and rating["applicationId"] == application["id"]

    # a retry with the same key (say the answer was lost) returns the same rating
    retry = await rate(client, citizen, application["id"], 5, tags=["办事效率高", "一次办成"],
                       comment="很快就办好了", idempotency_key=same_key)
    assert retry["errors"] == [] and retry["rating"]["id"] == rating["id"]

    # a second, different rating is refused: 一事一评
    again = await rate(client, citizen, application["id"], 1, tags=["多次跑腿"])
    assert [e["code"] for e in again["errors"]] == ["ALREADY_RATED"] and again["rating"] is None
    mine = (await gql(client, MY_RATINGS, token=citizen.token))["myRatings"]
    assert mine["totalCount"] == 1 and mine["nodes"][0]["level"] == 5


async def test_nobody_may_rate_someone_elses_application(client, app):
    unit = await make_unit(client, app)
    owner, other = await new_citizen(client, app), await new_citizen(client, app)
    application = await concluded_application(client, owner, unit)

    refused = await rate(client, other, application["id"], 1, tags=["多次跑腿"])
    assert [e["code"] for e in refused["errors"]] == ["NOT_APPLICANT"]
    # an unknown application answers exactly the same (no existence oracle)
    unknown = await rate(client, other, to_global_id("Application", uuid.uuid4()), 5)
    assert [e["code"] for e in unknown["errors"]] == ["NOT_APPLICANT"]
    assert unknown["errors"][0]["message"] == refused["errors"][0]["message"]

    # and the owner can still rate it
    assert (await rate(client, owner, application["id"], 4))["errors"] == []


async def test_an_open_application_cannot_be_rated_yet(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    application = await open_application(client, citizen, unit)
    refused = await rate(client, citizen, application["id"], 5)
    assert [e["code"] for e in refused["errors"]] == ["NOT_CONCLUDED"]
    assert refused["errors"][0]["message"] == "办件办结后才能评价。"


async def test_a_bad_rating_needs_a_tag_or_a_reason(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    application = await concluded_application(client, citizen, unit)

    bare = await rate(client, citizen, application["id"], 2, comment="   ")
    assert bare["errors"] == [{"code": "BAD_RATING_NEEDS_REASON", "field": ["input", "comment"],
                               "message": "差评请至少选择一个评价标签或填写原因。"}]
    wrong_tag = await rate(client, citizen, application["id"], 2, tags=["办事效率高"])
    assert wrong_tag["errors"][0]["code"] == "UNKNOWN_TAG"
    assert wrong_tag["errors"][0]["field"] == ["input", "tags", "0"]
    # an on-site-only tag is not offered online
    on_site_tag = await rate(client, citizen, application["id"], 2, tags=["排队时间长"])
    assert on_site_tag["errors"][0]["code"] == "UNKNOWN_TAG"
    for level in (0, 6):
        out_of_range = await rate(client, citizen, application["id"], level)
        assert out_of_range["errors"][0]["code"] == "INVALID_LEVEL"

    # nothing was written by the refusals: a reasoned 差评 is still possible, and opens a case
    ok = await rate(client, citizen, application["id"], 2, comment="材料反复要求补交")
    assert ok["errors"] == [] and ok["rating"]["caseStatus"] == "OPEN"


async def test_a_bad_idempotency_key_is_refused(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    application = await concluded_application(client, citizen, unit)
    data = await gql(client, SUBMIT, {"input": {"applicationId": application["id"], "level": 5,
                                                "idempotencyKey": "short"}}, token=citizen.token)
    assert data["ratingSubmit"]["errors"][0]["code"] == "INVALID_IDEMPOTENCY_KEY"


async def test_staff_and_anonymous_visitors_cannot_rate_online(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    application = await concluded_application(client, citizen, unit)
    variables = {"input": {"applicationId": application["id"], "level": 5,
                           "idempotencyKey": key()}}
    assert error_codes(await gql_raw(client, SUBMIT, variables)) == ["UNAUTHENTICATED"]
    assert error_codes(await gql_raw(client, SUBMIT, variables, token=unit.clerk)) == [
        "FORBIDDEN"]


async def test_a_window_visit_is_rated_once_with_the_code_anonymously(client, app):
    unit = await make_unit(client, app)
    code = await issue_code(client, unit.clerk, unit.matter_gid)
    assert len(code) == 8

    rated = await rate_on_site(client, code, 3, tags=["等候时间稍长"])
    assert rated["errors"] == []
    assert rated["rating"]["channel"] == "ON_SITE"
    assert rated["rating"]["matterName"].startswith("评价测试事项")
    assert rated["rating"]["department"]["id"] == unit.department_gid
    assert "rater" not in rated["rating"]

    # the same content again (a lost answer) returns the same rating; anything else is refused
    again = await rate_on_site(client, code, 3, tags=["等候时间稍长"])
    assert again["errors"] == [] and again["rating"]["id"] == rated["rating"]["id"]
    second = await rate_on_site(client, code, 5)
    assert [e["code"] for e in second["errors"]] == ["CODE_USED"]
    assert second["errors"][0]["field"] == ["input", "code"]


async def test_a_signed_in_visitor_may_rate_on_site_and_sees_it_as_theirs(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    code = await issue_code(client, unit.clerk)
    rated = await rate_on_site(client, code.lower(), 1, tags=["排队时间长"], token=citizen.token)
    assert rated["errors"] == [] and rated["rating"]["matterName"] == ""
    mine = (await gql(client, MY_RATINGS, token=citizen.token))["myRatings"]["nodes"]
    assert [(m["channel"], m["caseStatus"]) for m in mine] == [("ON_SITE", "OPEN")]


async def test_on_site_codes_expire_and_unknown_codes_are_refused(client, app):
    unit = await make_unit(client, app)
    issued_at = datetime.now(UTC)
    with rating_clock(app, issued_at) as clock:
        code = await issue_code(client, unit.clerk)
        clock[0] = issued_at + timedelta(minutes=30)  # valid for exactly 30 minutes
        expired = await rate_on_site(client, code, 5)
    assert [e["code"] for e in expired["errors"]] == ["CODE_EXPIRED"]
    unknown = await rate_on_site(client, "ZZZZ2222", 5)
    assert [e["code"] for e in unknown["errors"]] == ["CODE_INVALID"]


async def test_staff_cannot_rate_on_site_and_only_clerks_issue_codes(client, app):
    unit = await make_unit(client, app)
    code = await issue_code(client, unit.clerk)
    body = await gql_raw(client, """mutation($input: RatingOnSiteSubmitInput!) {
      ratingOnSiteSubmit(input: $input) { errors { code } } }""",
                         {"input": {"code": code, "level": 5}}, token=unit.clerk)
    assert error_codes(body) == ["FORBIDDEN"]
    issue = """mutation { ratingOnSiteCodeIssue(input: {}) { onSiteCode { code } } }"""
    assert error_codes(await gql_raw(client, issue, token=unit.head)) == ["FORBIDDEN"]
    assert error_codes(await gql_raw(client, issue)) == ["UNAUTHENTICATED"]
