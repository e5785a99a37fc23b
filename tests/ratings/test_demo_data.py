"""The demo ratings: figures of the 西湖区市场监督管理局 window computed by hand from
models/ratings/seed_data.py, and a 差评 in every follow-up state."""

from __future__ import annotations

from models.regions.seed import department_id
from schema.node import to_global_id
from tests.helpers import gql, staff_token
from tests.ratings.support import STATS

XIHU_MARKET = to_global_id("Department", department_id("330106", "market"))


async def test_demo_window_figures_match_the_seed_tables(client):
    # WINDOW_COUNTS: 5×96, 4×36, 3×12. SCRIPTED: eleven 差评, one of them (50 days ago)
    # invalidated by an upheld appeal: valid level 2 ×6, level 1 ×4.
    figures = (await gql(client, STATS, {"filter": {"departmentId": XIHU_MARKET,
                                                    "channel": "ON_SITE"}}))["ratingStats"]
    assert figures["byLevel"] == [{"level": 5, "count": 96}, {"level": 4, "count": 36},
                                  {"level": 3, "count": 12}, {"level": 2, "count": 6},
                                  {"level": 1, "count": 4}]
    assert figures["validRatings"] == 154 and figures["invalidatedRatings"] == 1
    assert figures["score"] == 4.39  # 676 / 154 = 4.3896
    assert figures["satisfactionRate"] == 0.9351  # 144 / 154
    assert figures["badRate"] == 0.0649  # 10 / 154
    # called back: all but the appealed one and the two newest; fed back: 80, 65, 40, 5 days
    assert (figures["contactedBadRatings"], figures["contactRate"]) == (7, 0.7)
    assert (figures["rectifiedBadRatings"], figures["rectificationRate"]) == (4, 0.4)


async def test_demo_cases_cover_every_follow_up_state(client):
    supervisor = await staff_token(client, "supervisor.hz")
    data = await gql(client, """query($d: ID) { ratingCases(departmentId: $d, first: 100) {
      nodes { status closeReason escalatedSteps overdue } } }""", {"d": XIHU_MARKET},
                     token=supervisor)
    nodes = data["ratingCases"]["nodes"]
    assert {n["status"] for n in nodes} >= {"OPEN", "CONTACTED", "RECTIFYING", "FED_BACK",
                                           "APPEALED", "CLOSED"}
    assert {n["closeReason"] for n in nodes} >= {"FOLLOWUP_RATED", "NO_FOLLOWUP",
                                                "APPEAL_UPHELD"}
    assert any(n["escalatedSteps"] == ["CONTACT", "RECTIFY"] for n in nodes)
    assert any(n["status"] == "OPEN" and n["overdue"] for n in nodes)
