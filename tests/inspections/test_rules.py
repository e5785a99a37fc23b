"""Pure inspection rules: state machines, scopes, CSV rows, record payloads, deadlines."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from models.errors import Refusal
from models.identity.rules import credit_code_check_char
from models.inspections import rules
from models.inspections.draw import DrawInputs, canonical_inputs, draw
from models.inspections.draw_codec import (
    parse_inputs,
    result_from_json,
    result_to_json,
)
from models.inspections.forms import FieldType, FormField, FormTemplate
from models.inspections.publication import (
    PublicationStatus,
    holiday_table,
    local_date,
    publication_due,
    publication_status,
)
from models.inspections.record_rules import check_record
from models.inspections.subject_import import parse_subjects_csv

ALL_ROLES = ["INSPECTOR", "DEPT_ADMIN", "AGENCY_HEAD", "SUPERVISOR", "CLERK", "CITIZEN"]


@pytest.mark.parametrize("table,apply,states,actions", [
    (rules.PLAN_TRANSITIONS, rules.apply_plan, list(rules.PlanStatus),
     ["COMMIT", "DRAW", "REVEAL", "CANCEL"]),
    (rules.TASK_TRANSITIONS, rules.apply_task, list(rules.TaskStatus),
     ["START", "FINISH", "PUBLISH"]),
])
def test_every_state_action_and_role_is_decided_by_the_table(table, apply, states, actions):
    for state in states:
        for action in actions:
            for role in ALL_ROLES:
                transition = table.get((state, action))
                if transition is None:
                    with pytest.raises(Refusal) as refused:
                        apply(state, action, [role])
                    assert refused.value.code == "INVALID_TRANSITION"
                elif role in transition.roles:
                    assert apply(state, action, [role]) == transition.target
                else:
                    with pytest.raises(Refusal) as refused:
                        apply(state, action, [role])
                    assert refused.value.code == "NOT_ALLOWED"


def test_available_actions_follow_the_table():
    assert rules.available_actions(rules.PLAN_TRANSITIONS, "DRAFT", ["DEPT_ADMIN"]) == [
        "COMMIT", "CANCEL"]
    assert rules.available_actions(rules.PLAN_TRANSITIONS, "DRAFT", ["INSPECTOR"]) == []
    assert rules.available_actions(rules.TASK_TRANSITIONS, "FINISHED", ["INSPECTOR"]) == [
        "FINISH"]


def test_unfinishing_a_finished_inspection_is_refused_with_a_reason():
    with pytest.raises(Refusal) as refused:
        rules.apply_task("FINISHED", "START", ["INSPECTOR"])
    assert "保留完成信息" in refused.value.message


@pytest.mark.parametrize("outer,inner,inside", [
    ("330000", "330106", True), ("330100", "330106", True), ("330106", "330106", True),
    ("330100", "330212", False), ("330106", "330102", False), ("330200", "330212", True),
])
def test_region_containment_uses_the_code_hierarchy(outer, inner, inside):
    assert rules.region_contains(outer, inner) is inside


def test_the_yearly_counter_resets_with_the_year():
    assert rules.effective_inspections(2, 2026, 2026) == 2
    assert rules.effective_inspections(2, 2025, 2026) == 0
    assert rules.effective_inspections(0, None, 2026) == 0


def _code(region: str = "330106", body: str = "MA2H0001") -> str:
    first = f"91{region}{body}0"[:17]
    return first + credit_code_check_char(first)


HEADER = "统一社会信用代码,名称,法定代表人,联系电话,地址,行业,区划代码,风险等级,信用等级"


def test_csv_rows_are_checked_and_normalised():
    code = _code()
    text = ("\ufeff" + HEADER + "\n"
            f"{code.lower()},某公司,张三, 138 0013 8000 ,某地,餐饮服务,330106,低风险,a\n"
            "\n"  # blank lines are skipped
            f"{_code(body='MA2H0002')},某公司,张三,,某地,餐饮服务,330106,HIGH,C,extra\n")
    report = parse_subjects_csv(text, lambda region: None)
    assert [r.valid for r in report.rows] == [True, False]
    assert report.subjects[0].credit_code == code
    assert report.subjects[0].phone == "13800138000"
    assert (report.subjects[0].risk_grade, report.subjects[0].credit_grade) == ("LOW", "A")
    assert report.rows[1].problems[0].code == "TOO_MANY_FIELDS"
    assert report.rows[1].line == 4


def test_csv_region_refusals_come_from_the_caller():
    text = f"{HEADER}\n{_code()},某公司,张三,,某地,餐饮服务,330212,LOW,B\n"
    report = parse_subjects_csv(text, lambda region: "不在辖区" if region != "330106" else None)
    assert not report.valid and report.rows[0].problems[0].message == "不在辖区"


def test_an_empty_csv_is_refused_as_a_whole():
    report = parse_subjects_csv(HEADER + "\n", lambda region: None)
    assert [p.code for p in report.problems] == ["EMPTY"]


NOW = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
TEMPLATE = FormTemplate("t1", "item1", "表", (
    FormField("ok", "是否合格", FieldType.YES_NO),
    FormField("photos", "照片", FieldType.PHOTO, photo_count=1),
))


def _payload(**changes):
    photo, signature = "a" * 64, "b" * 64
    payload = {
        "taskId": "task", "startedAt": "2026-06-10T15:00:00+08:00",
        "forms": [{"templateId": "T1", "answers": {"ok": True, "photos": [photo]}}],
        "evidence": [{"sha256": photo, "kind": "PHOTO", "latitude": "30.1",
                      "longitude": "120.2", "capturedAt": "2026-06-10T15:10:00+08:00"},
                     {"sha256": signature, "kind": "SIGNATURE",
                      "capturedAt": "2026-06-10T15:20:00+08:00"}],
        "finish": {"finishedAt": "2026-06-10T15:30:00+08:00", "result": "NO_PROBLEM",
                   "summary": "", "caseLeadRequested": False, "signature": signature},
    }
    payload.update(changes)
    return payload


def _check(payload, required=frozenset({"item1"})):
    return check_record(payload, templates={"T1": TEMPLATE}, required_items=required, now=NOW)


def test_a_complete_record_is_valid():
    content, problems = _check(_payload())
    assert problems == [] and content is not None and content.finish is not None
    assert content.template_ids == ("T1",)


def test_a_draft_may_leave_required_fields_empty_but_not_fill_them_wrongly():
    draft = _payload(finish=None, forms=[{"templateId": "T1", "answers": {}}])
    assert _check(draft)[1] == []
    wrong = _payload(finish=None, forms=[{"templateId": "T1", "answers": {"ok": "yes"}}])
    assert [(p.field, p.code) for p in _check(wrong)[1]] == [
        ("payload.forms[0].answers.ok", "WRONG_TYPE")]


def test_finishing_needs_every_item_form_and_a_signature():
    missing = _payload(forms=[])
    assert [p.code for p in _check(missing)[1]] == ["FORMS_INCOMPLETE"]
    unsigned = _payload()
    unsigned["finish"] = {**unsigned["finish"], "signature": "c" * 64}
    assert [p.code for p in _check(unsigned)[1]] == ["SIGNATURE_REQUIRED"]


@pytest.mark.parametrize("change,field,code", [
    ({"startedAt": "2026-06-10 15:00"}, "payload.startedAt", "INVALID_TIME"),
    ({"startedAt": "2026-06-11T15:00:00+08:00"}, "payload.startedAt", "TIME_IN_FUTURE"),
    ({"extra": 1}, "payload.extra", "UNKNOWN_FIELD"),
    ({"forms": [{"templateId": "OTHER", "answers": {}}]}, "payload.forms[0].templateId",
     "UNKNOWN_TEMPLATE"),
])
def test_record_problems_name_their_field(change, field, code):
    problems = _check(_payload(**change))[1]
    assert (field, code) in [(p.field, p.code) for p in problems]


def test_photos_need_a_position_and_registered_evidence():
    payload = _payload()
    payload["evidence"][0] = {**payload["evidence"][0], "latitude": "91"}
    assert [p.code for p in _check(payload)[1]] == ["INVALID_LOCATION"]
    unregistered = _payload()
    unregistered["evidence"] = unregistered["evidence"][1:]
    assert [p.code for p in _check(unregistered)[1]] == ["EVIDENCE_MISSING"]


def test_finish_before_start_and_bad_results_are_refused():
    payload = _payload()
    payload["finish"] = {**payload["finish"], "finishedAt": "2026-06-10T14:00:00+08:00",
                         "result": "FINE", "caseLeadRequested": "yes"}
    codes = sorted(p.code for p in _check(payload)[1])
    assert codes == ["BEFORE_START", "INVALID_RESULT", "WRONG_TYPE"]


def _inputs() -> DrawInputs:
    return DrawInputs(
        plan_id="p1", items=("SJ-1",),
        subjects=[(f"9133010600000000{i:02d}", "B", "LOW", "330106", 0) for i in range(6)],
        inspectors=[("b1", "d", ["食品安全"]), ("b2", "d", ["食品安全"]), ("b3", "d", ["x"])],
        conflicts=frozenset({("b1", "913301060000000001")}), yearly_cap=2, count=3)


def test_published_inputs_read_back_to_the_same_inputs_and_result():
    inputs = _inputs()
    text = canonical_inputs(inputs).decode()
    assert canonical_inputs(parse_inputs(text)) == canonical_inputs(inputs)
    result = draw(inputs, b"s" * 32)
    assert result_from_json(result_to_json(result)) == result


@pytest.mark.parametrize("mangle", [
    lambda t: t.replace(",", ", ", 1),  # not canonical
    lambda t: t.replace("zhengwu-draw/v1", "other/v9"),
    lambda t: t[:-1],
])
def test_documents_that_are_not_canonical_inputs_are_refused(mangle):
    with pytest.raises(ValueError):
        parse_inputs(mangle(canonical_inputs(_inputs()).decode()))


def test_publication_due_counts_working_days_on_the_local_calendar():
    # 17:00 UTC on 30 June is 1 July in Zhejiang
    assert local_date(datetime(2026, 6, 30, 17, 0, tzinfo=UTC)) == date(2026, 7, 1)
    due, provisional = publication_due(datetime(2026, 9, 25, 2, 0, tzinfo=UTC))
    assert not provisional
    # 国庆 2026 (10月1日至7日) is skipped, so 20 working days run into late October
    assert due > date(2026, 10, 23)
    assert holiday_table().is_working_day(due)
    _due, late_provisional = publication_due(datetime(2026, 12, 20, 2, 0, tzinfo=UTC))
    assert late_provisional  # reaches into 2027, whose schedule is not published yet


def test_publication_status_flags_overdue_and_late():
    now = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)
    assert publication_status(None, None, now) == PublicationStatus.NOT_DUE
    assert publication_status(date(2026, 6, 9), None, now) == PublicationStatus.OVERDUE
    assert publication_status(date(2026, 6, 30), None, now) == PublicationStatus.ON_TRACK
    assert publication_status(date(2026, 6, 10), None, now) == PublicationStatus.DUE_SOON
    late = now + timedelta(days=3)
    assert publication_status(date(2026, 6, 11), late, now) == PublicationStatus.PUBLISHED_LATE
    assert publication_status(date(2026, 6, 11), now, now) == \
        PublicationStatus.PUBLISHED_ON_TIME


def test_a_case_lead_is_refused_for_a_clean_result():
    payload = _payload()
    payload["finish"] = {**payload["finish"], "caseLeadRequested": True}
    assert [p.code for p in _check(payload)[1]] == ["CASE_LEAD_NOT_ALLOWED"]
    payload["finish"]["result"] = "FURTHER_ACTION"
    assert _check(payload)[1] == []


def test_inspectors_are_drawn_uniformly_over_many_seeds():
    """Each of 6 eligible inspectors should be on about 2/6 of the draws; the one with
    a declared conflict never."""
    inspectors = [(f"b{i}", "d", ["食品安全"]) for i in range(7)]
    inputs = DrawInputs(plan_id="uniform", items=("SJ-1",),
                        subjects=[("913301060000000001", "B", "LOW", "330106", 0)],
                        inspectors=inspectors, conflicts=frozenset({("b6",
                                                                     "913301060000000001")}),
                        yearly_cap=2, count=1)
    runs = 3000
    counts = Counter(b for n in range(runs)
                     for b in draw(inputs, n.to_bytes(16, "big")).assignments[0].inspector_ids)
    assert "b6" not in counts
    expected = runs * 2 / 6
    assert all(abs(counts[f"b{i}"] - expected) < 0.1 * expected for i in range(6)), counts
