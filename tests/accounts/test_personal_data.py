"""Real-name details and personal data: validated, encrypted, masked for all but the owner."""

from __future__ import annotations

from models.accounts.tables import Account
from schema.node import from_global_id
from tests.accounts.support import sms_sign_in, unique_id_number
from tests.helpers import error_codes, gql, gql_raw, staff_token

COMPLETE = """mutation($input: CitizenRealNameCompleteInput!) {
  citizenRealNameComplete(input: $input) { viewer { displayName idNumber realNameVerified }
    errors { code field message } }
}"""
ACCOUNT = """query($id: ID!) { node(id: $id) { ... on Account {
  displayName phone idNumber kind } } }"""
ACCOUNTS = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"


async def _complete(client, token: str, name: str, id_number: str) -> dict:
    data = await gql(client, COMPLETE, {"input": {"name": name, "idNumber": id_number}},
                     token=token)
    return data["citizenRealNameComplete"]


async def test_a_citizen_completes_their_real_name_and_sees_it_in_full(client, app):
    person = await sms_sign_in(client, app)
    id_number = unique_id_number("19851231")
    done = await _complete(client, person["accessToken"], "刘 洋", id_number.lower())
    assert done["errors"] == []
    assert done["viewer"] == {"displayName": "刘 洋", "idNumber": id_number.upper(),
                              "realNameVerified": False}
    row = await Account.get(id=from_global_id(person["viewer"]["id"])[1])
    assert id_number not in row.id_number_enc and row.id_number_index != id_number


async def test_id_numbers_are_checked_with_a_message_on_the_field(client, app):
    person = await sms_sign_in(client, app)
    good = unique_id_number()
    cases = {
        good[:17] + ("0" if good[17] != "0" else "1"): "INVALID_ID_NUMBER_CHECKSUM",
        "33010620991301123X": "INVALID_ID_NUMBER_BIRTHDATE",
        "1234": "INVALID_ID_NUMBER_FORMAT",
    }
    for number, code in cases.items():
        error = (await _complete(client, person["accessToken"], "刘洋", number))["errors"][0]
        assert (error["code"], error["field"]) == (code, ["input", "idNumber"]), number
    bad_name = await _complete(client, person["accessToken"], "1", good)
    assert bad_name["errors"][0]["code"] == "INVALID_NAME"


async def test_an_id_number_belongs_to_one_account(client, app):
    first, second = await sms_sign_in(client, app), await sms_sign_in(client, app)
    id_number = unique_id_number()
    assert (await _complete(client, first["accessToken"], "甲某", id_number))["errors"] == []
    taken = await _complete(client, second["accessToken"], "乙某", id_number)
    assert taken["errors"][0]["code"] == "ID_NUMBER_TAKEN"


async def test_a_verified_identity_cannot_be_overwritten(client, app):
    from models.accounts.seed import DEMO_CITIZENS, demo_id_number

    # 13900000001 is a demo citizen verified by the identity provider
    person = await sms_sign_in(client, app, "13900000001")
    refused = await _complete(client, person["accessToken"], "假名字",
                              demo_id_number(DEMO_CITIZENS[0][1]))
    assert refused["errors"][0]["code"] == "REAL_NAME_ALREADY_VERIFIED"


async def test_only_citizens_complete_a_real_name(client):
    variables = {"input": {"name": "刘洋", "idNumber": unique_id_number()}}
    assert error_codes(await gql_raw(client, COMPLETE, variables)) == ["UNAUTHENTICATED"]
    clerk = await staff_token(client, "clerk.xihu")
    assert error_codes(await gql_raw(client, COMPLETE, variables, token=clerk)) == ["FORBIDDEN"]


async def test_an_account_is_shown_masked_to_everyone_but_its_owner(client, app):
    person = await sms_sign_in(client, app)
    id_number = unique_id_number()
    await _complete(client, person["accessToken"], "欧阳娜娜", id_number)
    variables = {"id": person["viewer"]["id"]}
    own = (await gql(client, ACCOUNT, variables, token=person["accessToken"]))["node"]
    assert (own["displayName"], own["phone"], own["idNumber"]) == (
        "欧阳娜娜", person["phone"], id_number)
    admin = await staff_token(client, "sysadmin")
    seen = (await gql(client, ACCOUNT, variables, token=admin))["node"]
    assert seen == {"displayName": "欧阳**", "kind": "CITIZEN",
                    "phone": person["phone"][:3] + "****" + person["phone"][-4:],
                    "idNumber": id_number[:4] + "*" * 10 + id_number[-4:]}


async def test_a_citizen_account_is_invisible_to_other_citizens_and_ordinary_staff(client, app):
    person, other = await sms_sign_in(client, app), await sms_sign_in(client, app)
    ids = {"ids": [person["viewer"]["id"]]}
    tokens = {"anonymous": None, "another citizen": other["accessToken"],
              "clerk": await staff_token(client, "clerk.xihu"),
              "supervisor": await staff_token(client, "supervisor.hz")}
    for who, token in tokens.items():
        assert (await gql(client, ACCOUNTS, ids, token=token))["nodes"] == [None], who
        assert (await gql(client, ACCOUNT, {"id": ids["ids"][0]}, token=token))[
            "node"] is None, who
