"""Who may see and act on a case: anonymous, citizens, the party, staff of another
department or role, the case's own officers, the head, region-wide supervisors."""

from __future__ import annotations

from tests.cases.support import (
    CASE,
    Desk,
    citizen,
    credit_code,
    enterprise_party,
    make_staff,
    read,
    refused,
    run,
    team,
    token_of,
)
from tests.helpers import error_codes, gql, gql_raw, staff_token

LIST = """query($code: String) { cases(partyCreditCode: $code, first: 5) {
  totalCount nodes { id } } }"""
NODE = "query($id: ID!) { node(id: $id) { id ... on Case { number } } }"
PARTY_CASE = "query($id: ID!) { partyCase(id: $id) { id number availableActions } }"
FILE = """mutation($input: CaseFileInput!) { caseFile(input: $input) {
  case { id } errors { code } } }"""


async def test_the_permission_matrix_for_reading_and_acting(client, app, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    case = await desk.open(party={"kind": "ORGANISATION", "name": "某公司", "creditCode": code})
    file_input = {"input": {"caseId": case["id"], "expectedVersion": case["version"]}}
    other_department = await token_of(client, await make_staff(
        ["AGENCY_HEAD"], region="330212", kind="market"))
    (_, colleague), = await team(client, 1)  # same department, not on the case
    _, _, someone = await citizen(client, app)
    party = await enterprise_party(client, app, code)
    supervisor = await staff_token(client, "supervisor.hz")
    clerk = await staff_token(client, "clerk.xihu")

    # reading: null (never an error) for everyone who may not see it
    for token in (None, someone, party, other_department, clerk):
        assert (await gql(client, CASE, {"id": case["id"]}, token=token))["case"] is None
        assert (await gql(client, NODE, {"id": case["id"]}, token=token))["node"] is None
    for token in (desk.insp, colleague, desk.legal, desk.head, supervisor):
        assert (await read(client, token, case["id"]))["id"] == case["id"]
    assert (await gql(client, PARTY_CASE, {"id": case["id"]}, token=party))["partyCase"][
        "number"] == case["number"]
    assert (await gql(client, PARTY_CASE, {"id": case["id"]}, token=someone))["partyCase"] is None

    # lists: the department (and the supervisor's region) only
    for token, expected in ((desk.head, 1), (supervisor, 1), (other_department, 0)):
        listed = (await gql(client, LIST, {"code": code}, token=token))["cases"]
        assert listed["totalCount"] == expected
    assert error_codes(await gql_raw(client, LIST, {"code": code}, token=clerk)) == ["FORBIDDEN"]
    assert error_codes(await gql_raw(client, LIST, {"code": code})) == ["UNAUTHENTICATED"]

    # acting: top-level errors for those who cannot see it, a business refusal for the
    # staff who can see it but do not hold the role the move needs
    assert error_codes(await gql_raw(client, FILE, file_input)) == ["UNAUTHENTICATED"]
    for token in (someone, other_department, clerk):
        assert error_codes(await gql_raw(client, FILE, file_input, token=token)) == ["NOT_FOUND"]
    for token in (colleague, desk.insp, desk.legal, supervisor, party):
        assert await refused(client, token, "caseFile", case) == "ROLE_NOT_ALLOWED"
    filed = await run(client, desk.head, "caseFile", case)
    assert filed["errors"] == []


async def test_available_actions_follow_the_viewer(client, app, clock):
    desk = await Desk(client).setup()
    code = credit_code()
    party = await enterprise_party(client, app, code)
    case = await desk.notified("150000.00", party={"kind": "ORGANISATION", "name": "某公司",
                                                   "creditCode": code})
    # no DECIDE yet: the party has not answered and the hearing window is open
    assert (await read(client, desk.head, case["id"]))["availableActions"] == [
        "APPROVE_EXTENSION", "RETURN_FOR_INVESTIGATION"]
    assert (await read(client, desk.insp, case["id"]))["availableActions"] == ["SUBMIT_DEFENCE"]
    mine = (await gql(client, PARTY_CASE, {"id": case["id"]}, token=party))["partyCase"]
    assert mine["availableActions"] == ["SUBMIT_DEFENCE", "WAIVE_IN_WRITING", "REQUEST_HEARING"]


async def test_a_citizen_party_is_recognised_by_their_verified_id_number(client, app, clock):
    from models.accounts.seed import DEMO_CITIZENS, demo_id_number

    desk = await Desk(client).setup()
    name, first17 = DEMO_CITIZENS[0][0], DEMO_CITIZENS[0][1]
    case = await desk.open(party={"kind": "CITIZEN", "name": name,
                                  "idNumber": demo_id_number(first17)})
    _, _, owner = await citizen(client, app, phone=DEMO_CITIZENS[0][2])
    mine = (await gql(client, "{ partyCases { id } }", token=owner))["partyCases"]
    assert case["id"] in [c["id"] for c in mine]


THRESHOLDS = """mutation($input: CaseHearingThresholdsSetInput!) {
  caseHearingThresholdsSet(input: $input) { saved errors { code field } } }"""


async def test_only_the_system_administrator_sets_a_provinces_hearing_thresholds(client):
    values = {"provinceCode": "34", "citizenFine": "5000", "organisationFine": "50000",
              "citizenConfiscation": "5000", "organisationConfiscation": "50000"}
    head = await staff_token(client, "head.xihu")
    assert error_codes(await gql_raw(client, THRESHOLDS, {"input": values}, token=head)) == [
        "FORBIDDEN"]
    admin = await staff_token(client, "sysadmin")
    bad = (await gql(client, THRESHOLDS, {"input": {**values, "citizenFine": "-1"}},
                     token=admin))["caseHearingThresholdsSet"]
    assert bad == {"saved": False, "errors": [{"code": "INVALID_AMOUNT",
                                               "field": ["input", "citizenFine"]}]}
    saved = (await gql(client, THRESHOLDS, {"input": values}, token=admin))[
        "caseHearingThresholdsSet"]
    assert saved == {"saved": True, "errors": []}
