"""The pure modules added around the rules: credit linkage, documents, deadlines on
read and the row ↔ snapshot mapping."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from models.calendar.rules import HolidayTable
from models.calendar.seed import schedules_from_chinesecalendar
from models.cases.credit import grade_after_decision
from models.cases.deadline_view import case_deadlines, payment_view
from models.cases.documents import DocumentFacts, DocumentKind, describe_penalty, kind_for, render
from models.cases.facts import (
    Action,
    CaseSnapshot,
    DecisionOutcome,
    HearingThresholds,
    PartyKind,
    Penalty,
    Procedure,
    Stage,
)
from models.cases.snapshot import columns_of, snapshot_of

TABLE = HolidayTable(schedules_from_chinesecalendar([2026]))
DEFAULT = HearingThresholds()
ORG, CITIZEN = PartyKind.ORGANISATION, PartyKind.CITIZEN


@pytest.mark.parametrize(("current", "penalty", "procedure", "expected"), [
    ("A", Penalty(warning=True), Procedure.GENERAL, None),
    ("A", Penalty(fine_fen=5_000_00), Procedure.SIMPLE, None),
    ("A", Penalty(fine_fen=5_000_00), Procedure.GENERAL, ("A", "C")),
    ("D", Penalty(fine_fen=5_000_00), Procedure.GENERAL, None),  # never raised
    (None, Penalty(confiscation_fen=1_00), Procedure.GENERAL, (None, "C")),
    ("B", Penalty(fine_fen=100_000_00), Procedure.GENERAL, ("B", "D")),
    ("A", Penalty(licence_revocation=True), Procedure.GENERAL, ("A", "D")),
])
def test_credit_grade_after_a_decision(current, penalty, procedure, expected):
    change = grade_after_decision(current, penalty, procedure, ORG, DEFAULT)
    assert (None if change is None else (change.previous, change.new)) == expected


def test_each_action_issues_its_document():
    assert kind_for(Action.FILE_CASE, None) is DocumentKind.FILING_APPROVAL
    assert kind_for(Action.DECIDE, DecisionOutcome.PENALTY) is DocumentKind.DECISION
    assert kind_for(Action.DECIDE, DecisionOutcome.TRANSFERRED) is DocumentKind.TRANSFER_LETTER
    assert kind_for(Action.SUBMIT_DEFENCE, None) is None


def test_a_document_is_escaped_and_hashed_over_its_exact_text():
    facts = DocumentFacts(number="X1", case_number="C1", department="某局",
                          party_name="<script>", party_identifier="9133", summary="s",
                          legal_basis="b", issued_on=date(2026, 3, 2),
                          penalty=Penalty(fine_fen=200_00, warning=True),
                          outcome=DecisionOutcome.PENALTY)
    title, html, digest = render(DocumentKind.DECISION, facts)
    assert title == "行政处罚决定书" and "<script>" not in html and "&lt;script&gt;" in html
    assert "罚款人民币200.00元" in html and "百分之三" in html
    assert render(DocumentKind.DECISION, facts)[2] == digest
    assert describe_penalty(Penalty()) == "无"


def test_payment_view_accrues_the_late_fee_up_to_the_fine():
    s = CaseSnapshot(Stage.EXECUTION, ORG, decided_penalty=Penalty(fine_fen=1_000_00),
                     served_on=date(2026, 3, 2), outcome=DecisionOutcome.PENALTY)
    assert payment_view(s, TABLE, date(2026, 3, 17)).late_fee_fen == 0  # due 03-17
    assert payment_view(s, TABLE, date(2026, 3, 18)).late_fee_fen == 30_00
    capped = payment_view(s, TABLE, date(2026, 12, 31))
    assert capped.late_fee_fen == 1_000_00 and capped.amount_due_fen == 2_000_00
    paid = payment_view(replace(s, fine_paid_on=date(2026, 3, 20), paid_fen=1_090_00), TABLE,
                        date(2026, 6, 1))
    assert paid.amount_due_fen == 0 and paid.late_fee_fen == 90_00


def test_deadlines_show_met_and_overdue():
    s = CaseSnapshot(Stage.SERVED, ORG, filed_on=date(2026, 3, 2), decided_on=date(2026, 3, 20),
                     served_on=date(2026, 4, 10), outcome=DecisionOutcome.NO_PENALTY)
    views = {v.kind.value: v for v in case_deadlines(s, TABLE, date(2026, 4, 10))}
    assert views["DECISION"].status == "MET"
    assert views["SERVICE"].status == "OVERDUE" and views["SERVICE"].due == date(2026, 3, 31)
    assert "PAYMENT" not in views


def test_rows_and_snapshots_map_both_ways():
    s = CaseSnapshot(Stage.DECIDED, CITIZEN, filed_on=date(2026, 3, 2), extension_days=10,
                     notified_penalty=Penalty(fine_fen=1), decided_penalty=Penalty(warning=True),
                     outcome=DecisionOutcome.PENALTY, decided_on=date(2026, 3, 9))
    row = SimpleNamespace(**columns_of(s), party_kind="CITIZEN", legal_review_reasons=[])
    assert snapshot_of(row, []) == s
