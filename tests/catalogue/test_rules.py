"""Pure catalogue rules: the version state machine, terms validation, documents, paging."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from models.catalogue.documents import (
    DepartmentDoc,
    FeeDoc,
    ImplementationDoc,
    MaterialDoc,
    MatterDoc,
    RegionDoc,
)
from models.catalogue.rules import (
    ALREADY_DONE,
    MAINTAINER,
    SYSTEM,
    TRANSITIONS,
    Action,
    FeeTerms,
    ImplementationTerms,
    MaterialTerms,
    Status,
    apply,
    available_actions,
    check_basic_code,
    check_implementation_code,
    validate,
)
from models.catalogue.search_terms import (
    KEYWORD_CHINESE,
    KEYWORD_NAME,
    KEYWORD_OTHER,
    KEYWORD_PINYIN,
    keyword_classes,
)
from models.catalogue.vocabulary import (
    DEPARTMENT_CODE_BY_KIND,
    CaseType,
    CrossProvinceMode,
    Delegation,
    HandlingForm,
    MaterialForm,
    ServiceScope,
    TimeUnit,
)
from models.errors import Refusal
from resolvers.catalogue.pages import slice_ranked
from resolvers.pagination import encode_cursor

ROLES = {"admin": frozenset({MAINTAINER}), "system": frozenset({SYSTEM}),
         "clerk": frozenset({"CLERK"})}


@pytest.mark.parametrize(("status", "action", "who"),
                         list(itertools.product(Status, Action, ROLES)))
def test_every_status_action_and_role(status, action, who):
    step = TRANSITIONS.get((status, action))
    if (status, action) in ALREADY_DONE:
        assert apply(status, action, ROLES[who]) is status
    elif step is not None and step[1] & ROLES[who]:
        assert apply(status, action, ROLES[who]) is step[0]
    else:
        with pytest.raises(Refusal) as refused:
            apply(status, action, ROLES[who])
        expected = "NOT_DRAFT" if action is Action.EDIT and step is None else (
            "INVALID_TRANSITION")
        assert refused.value.code == expected


def test_available_actions_come_from_the_same_table():
    admin = ROLES["admin"]
    assert available_actions(Status.DRAFT, admin) == [Action.EDIT, Action.PUBLISH, Action.RETIRE]
    assert available_actions(Status.PUBLISHED, admin) == [Action.RETIRE]
    assert available_actions(Status.RETIRED, admin) == []
    assert available_actions(Status.DRAFT, ROLES["clerk"]) == []


@pytest.mark.parametrize(("code", "ok"), [
    ("A" * 36, True), ("A" * 37, False), ("", False), ("XK0100001000330106SCJG", True),
    ("xk01", False), ("XK-01", False), ("ＸＫ01", False)])
def test_implementation_codes_are_checked_by_length_and_charset(code, ok):
    if ok:
        check_implementation_code(code)
    else:
        with pytest.raises(Refusal, match="实施编码"):
            check_implementation_code(code)


def test_basic_codes_are_twelve_characters():
    check_basic_code("XK0100001000")
    for bad in ("XK010000100", "XK01000010000", "xk0100001000"):
        with pytest.raises(Refusal):
            check_basic_code(bad)


VALID = ImplementationTerms(
    legal_limit=20, legal_limit_unit=TimeUnit.WORKING_DAY, promised_limit=5,
    promised_limit_unit=TimeUnit.WORKING_DAY, case_type=CaseType.PROMISED,
    handling_form=HandlingForm.BOTH, onsite_visits=1, service_scope=ServiceScope.PROVINCE,
    address="某地政务服务中心", office_hours="工作日", consult_phone="0571-12345",
    complaint_phone="12345", materials=(MaterialTerms("申请书", MaterialForm.ORIGINAL),),
    fees=(FeeTerms("工本费", 0),))


def _codes(terms: ImplementationTerms) -> list[tuple[str, str | None]]:
    return [(p.code, p.field) for p in validate(terms)]


def test_valid_terms_pass():
    assert validate(VALID) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"promised_limit": 21}, [("PROMISED_EXCEEDS_LEGAL", "fields.promisedTimeLimit.value")]),
    ({"promised_limit": 20}, []),
    ({"legal_limit_unit": TimeUnit.CALENDAR_DAY},
     [("TIME_UNIT_MISMATCH", "fields.promisedTimeLimit.unit")]),
    # n calendar days never hold more than n working days: comparable
    ({"promised_limit_unit": TimeUnit.CALENDAR_DAY}, []),
    ({"promised_limit_unit": TimeUnit.CALENDAR_DAY, "promised_limit": 25},
     [("PROMISED_EXCEEDS_LEGAL", "fields.promisedTimeLimit.value")]),
    ({"legal_limit": -1}, [("INVALID_VALUE", "fields.legalTimeLimit.value")]),
    ({"legal_limit_unit": None}, [("REQUIRED", "fields.legalTimeLimit.unit")]),
    ({"handling_form": HandlingForm.OFFLINE, "address": " "},
     [("REQUIRED", "fields.address")]),
    ({"handling_form": HandlingForm.ONLINE, "address": "", "office_hours": ""},
     [("ONLINE_WITH_VISITS", "fields.onsiteVisits")]),
    ({"onsite_visits": 11}, [("INVALID_VALUE", "fields.onsiteVisits")]),
    ({"service_scope": ServiceScope.CROSS_PROVINCE,
      "cross_province_modes": (CrossProvinceMode.PROXY, CrossProvinceMode.PROXY)},
     [("INVALID_VALUE", "fields.crossProvinceModes")]),
    ({"handling_form": HandlingForm.OFFLINE, "service_scope": ServiceScope.CROSS_PROVINCE,
      "cross_province_modes": (CrossProvinceMode.FULLY_ONLINE,)},
     [("CROSS_PROVINCE_MODE_MISMATCH", "fields.crossProvinceModes")]),
    ({"delegation": Delegation.ENTRUSTED, "delegated_from_region": "3301"},
     [("REQUIRED", "fields.delegation.fromRegionCode")]),
    ({"delegated_from_region": "330100"},
     [("INVALID_VALUE", "fields.delegation.fromRegionCode")]),
    ({"materials": (MaterialTerms("", MaterialForm.COPY, copies=0),)},
     [("REQUIRED", "fields.materials[0].name"), ("INVALID_VALUE", "fields.materials[0].copies")]),
    ({"acceptance_conditions": "条" * 4001},
     [("INVALID_VALUE", "fields.acceptanceConditions")]),
])
def test_terms_validation(changes, expected):
    assert _codes(replace(VALID, **changes)) == expected


def test_department_kinds_have_implementation_code_parts():
    assert DEPARTMENT_CODE_BY_KIND["market"] == "SCJG"
    assert len(DEPARTMENT_CODE_BY_KIND) == 12


def test_keywords_carry_their_class():
    classes = keyword_classes("居住证申领", ["暂住证"])
    assert classes["居住证申领"] == classes["暂住证"] == KEYWORD_NAME
    assert classes["居住"] == KEYWORD_CHINESE
    assert classes["juzhuzheng"] == classes["zhuzhengshenling"] == KEYWORD_PINYIN
    assert classes["jzz"] == KEYWORD_OTHER
    assert all(len(k) <= 96 for k in keyword_classes("测" * 60))


def test_documents_round_trip_through_json():
    doc = ImplementationDoc(
        id="i", code="C", version=2, status="PUBLISHED",
        matter=MatterDoc("m", "XK0100001000", "名", "LICENSING", "market", True, False, "主题",
                         ["县级"], "依据", True, "NOTIFICATION_COMMITMENT"),
        department=DepartmentDoc("d", "330106-market", "局", "市场监管", "market", "330106"),
        region=RegionDoc("330106", "西湖区", "county", "330100", date(2019, 1, 1), None),
        acceptance_conditions="", legal_limit=20, legal_limit_unit="WORKING_DAY",
        promised_limit=5, promised_limit_unit="WORKING_DAY", case_type="PROMISED",
        handling_form="BOTH", onsite_visits=1, service_scope="CROSS_PROVINCE",
        cross_province_modes=["PROXY"], delegation="NONE", delegated_from_region=None,
        address="a", office_hours="h", consult_phone="1", complaint_phone="2", online_url="",
        published_at=datetime(2025, 1, 2, tzinfo=UTC), retired_at=None, retired_reason=None,
        updated_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        materials=[MaterialDoc("x", 0, "申请书", "ORIGINAL", 1, True, True, "", "", "ab", "f")],
        fees=[FeeDoc(0, "工本费", 2000, "证", "依据")])
    assert ImplementationDoc.from_json(doc.to_json()) == doc


KEYS = [[rank, f"C{n:03d}", f"id{n}"] for n, rank in enumerate([0, 1, 1, 2, 2, 2, 5, 5])]


def test_ranked_slices_walk_forward_and_back_by_cursor():
    page, has_next, has_previous = slice_ranked(KEYS, 3, None, None, None)
    assert page == [0, 1, 2] and has_next and not has_previous
    after = encode_cursor(KEYS[2])
    page, has_next, has_previous = slice_ranked(KEYS, 3, after, None, None)
    assert page == [3, 4, 5] and has_next and has_previous
    page, has_next, _ = slice_ranked(KEYS, 10, encode_cursor(KEYS[5]), None, None)
    assert page == [6, 7] and not has_next
    page, has_next, has_previous = slice_ranked(KEYS, None, None, 2, encode_cursor(KEYS[4]))
    assert page == [2, 3] and has_next and has_previous
    # a cursor for a row that is gone still marks its place
    gone = encode_cursor([1, "C001x", "zz"])
    assert slice_ranked(KEYS, 2, gone, None, None)[0] == [2, 3]
