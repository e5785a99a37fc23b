"""Who may do what: the public, citizens, department staff (ours and another), supervisors."""

from __future__ import annotations

from typing import Any

from tests.helpers import error_codes, gql, gql_raw, staff_token
from tests.ratings.support import (
    concluded_application,
    find_case,
    issue_code,
    make_unit,
    new_citizen,
    public_id,
    rate,
    rate_on_site,
)

POLICY_SET = """mutation { ratingPolicySet(input: {regionCode: "330109"}) {
  policy { rectifyDays } errors { code } } }"""
PUBLIC_READS = """query($m: ID!) { ratingLevels { level tags } ratingPolicy(regionCode: "330106") {
  rectifyDays } ratingStats(filter: {matterId: $m}) { validRatings }
  ratingRankings(by: DEPARTMENT, regionCode: "330106") { rank }
  matterRatings(matterId: $m) { totalCount } }"""


async def _outcome(client, query: str, variables: dict[str, Any], token: str | None) -> str:
    body = await gql_raw(client, query, variables, token=token)
    codes = error_codes(body)
    return codes[0] if codes else "OK"


async def test_permission_matrix(client, app):
    unit = await make_unit(client, app)
    rater = await new_citizen(client, app)
    other_citizen = await new_citizen(client, app)
    application = await concluded_application(client, rater, unit)
    rating = (await rate(client, rater, application["id"], 2, tags=["材料繁琐"]))["rating"]
    case = await find_case(client, unit.head, unit, rating["id"])
    viewers = {
        "public": None,
        "citizen": other_citizen.token,
        "rater": rater.token,
        "clerk": unit.clerk,
        "other_department": await staff_token(client, "admin.xihu"),
        "supervisor": await staff_token(client, "supervisor.hz"),
        "sysadmin": await staff_token(client, "sysadmin"),
    }
    nodes = """query($r: ID!, $m: ID!, $c: ID!) { rating: node(id: $r) { id }
      mine: node(id: $m) { id } case: node(id: $c) { id } }"""
    ids = {"r": public_id(rating["id"]), "m": rating["id"], "c": case["id"]}
    # who sees which node (forbidden looks exactly like missing: null)
    expected_nodes = {
        "public": (True, False, False), "citizen": (True, False, False),
        "rater": (True, True, False), "clerk": (True, False, True),
        "other_department": (True, False, False), "supervisor": (True, False, True),
        "sysadmin": (True, False, True),
    }
    for who, token in viewers.items():
        found = await gql(client, nodes, ids, token=token)
        seen = tuple(found[k] is not None for k in ("rating", "mine", "case"))
        assert seen == expected_nodes[who], who
        assert "errors" not in await gql_raw(client, PUBLIC_READS, {"m": unit.matter_gid},
                                             token=token), who

    operations: dict[str, tuple[str, dict[str, Any]]] = {
        "myRatings": ("{ myRatings { totalCount } }", {}),
        "ratingCases": ("{ ratingCases { totalCount } }", {}),
        "ratingPolicySet": (POLICY_SET, {}),
        "ratingReply": ("""mutation($r: ID!) { ratingReply(input: {ratingId: $r, reply: "谢谢"})
          { errors { code } } }""", {"r": public_id(rating["id"])}),
        "ratingCaseContact": ("""mutation($c: ID!) { ratingCaseContact(input: {caseId: $c,
          summary: "已回访"}) { case { status } errors { code } } }""", {"c": case["id"]}),
        "ratingCasesEscalate": ("""mutation { ratingCasesEscalate(input: {regionCode: "330127"})
          { closed errors { code } } }""", {}),
    }
    expected = {
        "myRatings": dict(public="UNAUTHENTICATED", citizen="OK", rater="OK",
                          clerk="FORBIDDEN", other_department="FORBIDDEN",
                          supervisor="FORBIDDEN", sysadmin="FORBIDDEN"),
        "ratingCases": dict(public="UNAUTHENTICATED", citizen="FORBIDDEN", rater="FORBIDDEN",
                            clerk="OK", other_department="OK", supervisor="OK", sysadmin="OK"),
        "ratingPolicySet": dict(public="UNAUTHENTICATED", citizen="FORBIDDEN",
                                rater="FORBIDDEN", clerk="FORBIDDEN",
                                other_department="FORBIDDEN", supervisor="FORBIDDEN",
                                sysadmin="OK"),
        "ratingReply": dict(public="UNAUTHENTICATED", citizen="FORBIDDEN", rater="FORBIDDEN",
                            clerk="OK", other_department="NOT_FOUND", supervisor="FORBIDDEN",
                            sysadmin="FORBIDDEN"),
        "ratingCaseContact": dict(public="UNAUTHENTICATED", citizen="FORBIDDEN",
                                  rater="FORBIDDEN", clerk="OK", other_department="NOT_FOUND",
                                  supervisor="FORBIDDEN", sysadmin="FORBIDDEN"),
        "ratingCasesEscalate": dict(public="UNAUTHENTICATED", citizen="FORBIDDEN",
                                    rater="FORBIDDEN", clerk="FORBIDDEN",
                                    other_department="FORBIDDEN", supervisor="OK",
                                    sysadmin="OK"),
    }
    for name, (query, variables) in operations.items():
        for who, token in viewers.items():
            assert await _outcome(client, query, variables, token) == expected[name][who], (
                name, who)

    # the queue is scoped: another department's head does not see our case
    other = (await gql(client, "{ ratingCases(first: 100) { nodes { id } } }",
                       token=viewers["other_department"]))["ratingCases"]["nodes"]
    assert case["id"] not in [n["id"] for n in other]


async def test_the_public_never_sees_who_rated(client, app):
    unit = await make_unit(client, app)
    citizen = await new_citizen(client, app)
    code = await issue_code(client, unit.clerk, unit.matter_gid)
    await rate_on_site(client, code, 1, tags=["态度生硬"], comment="窗口人员态度差",
                       token=citizen.token)
    introspected = await gql(client, """{ rating: __type(name: "Rating") { fields { name } }
      case: __type(name: "RatingCase") { fields { name } } }""")
    for kind in ("rating", "case"):
        names = {f["name"] for f in introspected[kind]["fields"]}
        assert not names & {"rater", "raterId", "phone", "applicant", "account"}, names
