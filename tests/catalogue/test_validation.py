"""Invalid 实施清单 terms come back as CatalogueErrors (code, input path, Chinese message),
all at once, and nothing is written."""

from __future__ import annotations

import uuid

import pytest

from models.catalogue.tables import Implementation
from tests.catalogue.support import CREATE, admin_token, current, full_fields, mutate

ENTRY = "XK0100004000"  # 企业设立登记 in 西湖区: these tests never leave a draft behind


async def _refused(client, fields: dict, **extra) -> list[tuple[str, list[str]]]:
    token = await admin_token(client)
    live = await current(client, ENTRY)
    drafts = await Implementation.filter(code=live["code"]).count()
    payload = await mutate(client, CREATE, {
        "idempotencyKey": uuid.uuid4().hex, "matterId": live["matter_id"],
        "basedOnId": live["id"], "fields": fields, **extra}, token)
    assert payload["implementation"] is None
    assert all(e["message"] for e in payload["errors"])
    assert await Implementation.filter(code=live["code"]).count() == drafts  # no partial write
    return [(e["code"], e["field"]) for e in payload["errors"]]


def _at(*path: str) -> list[str]:
    return ["input", "fields", *path]


async def test_promised_time_limit_may_not_exceed_the_legal_one(client):
    errors = await _refused(client, {"legalTimeLimit": {"value": 3, "unit": "WORKING_DAY"},
                                     "promisedTimeLimit": {"value": 5, "unit": "WORKING_DAY"},
                                     "caseType": "PROMISED"})
    assert errors == [("PROMISED_EXCEEDS_LEGAL", _at("promisedTimeLimit", "value"))]


async def test_working_days_cannot_be_promised_against_a_calendar_day_limit(client):
    errors = await _refused(client, {"legalTimeLimit": {"value": 30, "unit": "CALENDAR_DAY"},
                                     "promisedTimeLimit": {"value": 5, "unit": "WORKING_DAY"},
                                     "caseType": "PROMISED"})
    assert errors == [("TIME_UNIT_MISMATCH", _at("promisedTimeLimit", "unit"))]


async def test_every_missing_required_field_is_listed_at_once(client):
    errors = await _refused(client, {"caseType": None, "handlingForm": None,
                                     "consultPhone": "", "materials": []})
    assert errors == [
        ("REQUIRED", _at("caseType")), ("REQUIRED", _at("handlingForm")),
        ("REQUIRED", _at("consultPhone")), ("REQUIRED", _at("materials"))]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"caseType": "INSTANT", "promisedTimeLimit": {"value": 2, "unit": "WORKING_DAY"}},
     [("INSTANT_CASE_WITH_TIME_LIMIT", _at("promisedTimeLimit", "value"))]),
    ({"caseType": "PROMISED", "promisedTimeLimit": {"value": 0, "unit": "WORKING_DAY"}},
     [("PROMISED_CASE_WITHOUT_TIME_LIMIT", _at("promisedTimeLimit", "value"))]),
    ({"handlingForm": "ONLINE", "onsiteVisits": 1},
     [("ONLINE_WITH_VISITS", _at("onsiteVisits"))]),
    ({"crossProvinceModes": ["FULLY_ONLINE"]},
     [("CROSS_PROVINCE_MODE_MISMATCH", _at("crossProvinceModes"))]),
    ({"serviceScope": "CROSS_PROVINCE", "crossProvinceModes": []},
     [("CROSS_PROVINCE_MODE_MISMATCH", _at("crossProvinceModes"))]),
    ({"delegation": {"kind": "DEVOLVED"}},
     [("REQUIRED", _at("delegation", "fromRegionCode"))]),
    ({"onsiteVisits": -1}, [("INVALID_VALUE", _at("onsiteVisits"))]),
    ({"consultPhone": "call us"}, [("INVALID_VALUE", _at("consultPhone"))]),
    ({"onlineUrl": "http://insecure.example"}, [("INVALID_VALUE", _at("onlineUrl"))]),
    ({"materials": [{"name": "申请书", "form": "ORIGINAL"}, {"name": "申请书", "form": "COPY"}]},
     [("DUPLICATE_MATERIAL", _at("materials", "1", "name"))]),
    ({"materials": [{"name": "身份证", "form": "COPY", "required": False, "deferrable": True}]},
     [("INVALID_VALUE", _at("materials", "0", "deferrable"))]),
    ({"materials": [{"name": "样表", "form": "ORIGINAL", "templateSha256": "not-a-hash"}]},
     [("INVALID_VALUE", _at("materials", "0", "templateSha256"))]),
    ({"fees": [{"name": "工本费", "amountFen": 2000}]},
     [("REQUIRED", _at("fees", "0", "basis"))]),
    ({"fees": [{"name": "工本费", "amountFen": -1, "basis": "x"}]},
     [("INVALID_VALUE", _at("fees", "0", "amountFen"))]),
])
async def test_inconsistent_terms_are_refused_with_their_path(client, fields, expected):
    assert await _refused(client, fields) == expected


async def test_a_new_entry_without_a_basis_must_give_every_required_field(client):
    token = await admin_token(client)
    matter = await current(client, "CJ0100001000")
    payload = await mutate(client, CREATE, {"idempotencyKey": uuid.uuid4().hex,
                                            "matterId": matter["matter_id"]}, token)
    codes = {(e["code"], tuple(e["field"])) for e in payload["errors"]}
    for name in ("legalTimeLimit", "promisedTimeLimit", "caseType", "handlingForm",
                 "onsiteVisits", "serviceScope", "consultPhone", "complaintPhone", "materials"):
        assert ("REQUIRED", ("input", "fields", name)) in codes, name


async def test_an_unknown_matter_is_a_payload_error(client):
    token = await admin_token(client)
    payload = await mutate(client, CREATE, {"idempotencyKey": uuid.uuid4().hex,
                                            "matterId": "TWF0dGVyOm5vLXN1Y2g",
                                            "fields": full_fields()}, token)
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("MATTER_NOT_FOUND", ["input", "matterId"])]
