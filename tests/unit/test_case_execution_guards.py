"""Guards after the decision: service, payment, on-the-spot collection and closing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from models.cases.facts import (
    Action,
    CaseSnapshot,
    DecisionOutcome,
    Officer,
    PartyKind,
    Penalty,
    Procedure,
    Role,
    ServiceMethod,
    Stage,
)
from models.cases.payloads import OnSpotCollection, Payment, Service
from models.cases.rules import Outcome, apply
from models.errors import Refusal

TODAY = date(2025, 6, 16)  # a Monday
DAY = timedelta(days=1)
A, R = Action, Role
FINE = Penalty(fine_fen=1_000_00)
SERVED_ON = date(2025, 6, 2)  # payment due 17 June, a Tuesday


def case(stage: Stage, penalty: Penalty | None = FINE, **kw: object) -> CaseSnapshot:
    outcome = DecisionOutcome.PENALTY if penalty else DecisionOutcome.NO_PENALTY
    s = CaseSnapshot(
        stage,
        PartyKind.CITIZEN,
        officers=(Officer("E1", True), Officer("E2", True)),
        filed_on=date(2025, 5, 1),
        notified_penalty=penalty,
        decided_on=SERVED_ON,
        outcome=outcome,
        decided_penalty=penalty,
    )
    if stage is not Stage.DECIDED:
        s = replace(s, served_on=SERVED_ON, service_method=ServiceMethod.DIRECT)
    return replace(s, **kw)


def run(s: CaseSnapshot, action: Action, role: Role, payload=None, today=TODAY) -> Outcome:
    return apply(s, action, role, payload, today=today)


def refusal(s: CaseSnapshot, action: Action, role: Role, payload=None, today=TODAY) -> Refusal:
    with pytest.raises(Refusal) as refused:
        run(s, action, role, payload, today)
    return refused.value


# --- service (Art. 52, 61) ------------------------------------------------------


def test_e_service_without_consent_refused() -> None:
    electronic = Service(ServiceMethod.ELECTRONIC)
    refused = refusal(case(Stage.DECIDED), A.SERVE, R.INSPECTOR, electronic)
    assert (refused.code, refused.field) == ("E_SERVICE_WITHOUT_CONSENT", "method")
    served = run(case(Stage.DECIDED, e_service_consent=True), A.SERVE, R.INSPECTOR, electronic)
    assert served.snapshot.service_method is ServiceMethod.ELECTRONIC


@pytest.mark.parametrize("method", [m for m in ServiceMethod if m is not ServiceMethod.ELECTRONIC])
def test_other_service_methods_need_no_consent(method) -> None:
    served = run(case(Stage.DECIDED), A.SERVE, R.INSPECTOR, Service(method)).snapshot
    assert (served.served_on, served.service_method) == (TODAY, method)


def test_on_the_spot_decision_is_handed_over_on_the_spot() -> None:
    s = case(Stage.DECIDED, procedure=Procedure.SIMPLE)
    refused = refusal(s, A.SERVE, R.INSPECTOR, Service(ServiceMethod.POST))
    assert refused.code == "ON_SPOT_SERVICE_REQUIRED"
    assert run(s, A.SERVE, R.INSPECTOR, Service(ServiceMethod.ON_SPOT))


# --- execution and closing (Art. 66) ------------------------------------------------


def test_only_a_penalty_goes_to_execution() -> None:
    no_penalty = case(Stage.SERVED, penalty=None)
    assert refusal(no_penalty, A.START_EXECUTION, R.SYSTEM).code == "NOTHING_TO_EXECUTE"
    assert run(no_penalty, A.CLOSE_CASE, R.AGENCY_HEAD).stage is Stage.CLOSED
    assert run(case(Stage.SERVED), A.START_EXECUTION, R.SYSTEM).stage is Stage.EXECUTION


def test_penalty_case_is_not_closed_straight_after_service() -> None:
    assert refusal(case(Stage.SERVED), A.CLOSE_CASE, R.AGENCY_HEAD).code == "EXECUTION_INCOMPLETE"


def test_closing_waits_for_the_fine_and_every_other_measure() -> None:
    s = case(Stage.EXECUTION, Penalty(fine_fen=1_000_00, confiscation_fen=500_00))
    assert refusal(s, A.CLOSE_CASE, R.AGENCY_HEAD).code == "EXECUTION_INCOMPLETE"
    paid = replace(s, fine_paid_on=TODAY, paid_fen=1_000_00)
    assert refusal(paid, A.CLOSE_CASE, R.AGENCY_HEAD).code == "EXECUTION_INCOMPLETE"
    done = run(paid, A.RECORD_EXECUTION, R.INSPECTOR).snapshot
    assert run(done, A.CLOSE_CASE, R.AGENCY_HEAD).snapshot.closed_on == TODAY


def test_a_warning_needs_nothing_beyond_service() -> None:
    s = case(Stage.EXECUTION, Penalty(warning=True))
    assert refusal(s, A.RECORD_EXECUTION, R.INSPECTOR).code == "NOTHING_TO_EXECUTE"
    assert refusal(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(1, TODAY)).code == "NO_FINE_OUTSTANDING"
    assert run(s, A.CLOSE_CASE, R.AGENCY_HEAD).stage is Stage.CLOSED


# --- payment and late fee (Art. 67, 72) -------------------------------------------


def test_payment_on_the_due_date_owes_the_fine_alone() -> None:
    s = case(Stage.EXECUTION)
    due = date(2025, 6, 17)
    refused = refusal(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(1_000_00 - 1, due), today=due)
    assert (refused.code, refused.field) == ("PAYMENT_SHORT", "amountFen")
    paid = run(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(1_000_00, due), today=due).snapshot
    assert (paid.fine_paid_on, paid.paid_fen) == (due, 1_000_00)


def test_payment_a_day_late_owes_three_percent_more() -> None:
    s = case(Stage.EXECUTION)
    late = date(2025, 6, 18)
    refused = refusal(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(1_030_00 - 1, late), today=late)
    assert refused.code == "PAYMENT_SHORT"
    assert "1030.00元" in refused.message and "30.00元" in refused.message
    assert run(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(1_030_00, late), today=late)


def test_late_fee_never_exceeds_the_fine() -> None:
    s = case(Stage.EXECUTION)
    much_later = date(2025, 12, 31)
    assert run(s, A.RECORD_PAYMENT, R.SYSTEM, Payment(2_000_00, much_later), today=much_later)
    short = Payment(2_000_00 - 1, much_later)
    assert refusal(s, A.RECORD_PAYMENT, R.SYSTEM, short, today=much_later).code == "PAYMENT_SHORT"


def test_a_settled_fine_is_not_paid_twice() -> None:
    s = case(Stage.EXECUTION, fine_paid_on=TODAY, paid_fen=1_000_00)
    payment = Payment(1_000_00, TODAY)
    assert refusal(s, A.RECORD_PAYMENT, R.SYSTEM, payment).code == "NO_FINE_OUTSTANDING"


# --- on-the-spot collection (Art. 68) ------------------------------------------------


def _spot(fine_fen: int, **kw: object) -> CaseSnapshot:
    penalty = Penalty(fine_fen=fine_fen)
    return case(
        Stage.EXECUTION, penalty, **{"procedure": Procedure.SIMPLE, "served_on": TODAY, **kw}
    )


def test_on_spot_collection_up_to_one_hundred_yuan() -> None:
    collected = run(_spot(100_00), A.COLLECT_ON_SPOT, R.INSPECTOR, OnSpotCollection(100_00))
    assert collected.snapshot.fine_paid_on == TODAY
    refused = refusal(_spot(100_01), A.COLLECT_ON_SPOT, R.INSPECTOR, OnSpotCollection(100_01))
    assert refused.code == "ON_SPOT_COLLECTION_NOT_ALLOWED"


def test_on_spot_collection_above_one_hundred_when_collection_would_be_hard() -> None:
    payload = OnSpotCollection(150_00, collection_otherwise_hard=True)
    assert run(_spot(150_00), A.COLLECT_ON_SPOT, R.INSPECTOR, payload)


def test_on_spot_collection_not_allowed_under_general_procedure() -> None:
    s = _spot(50_00, procedure=Procedure.GENERAL)
    refused = refusal(s, A.COLLECT_ON_SPOT, R.INSPECTOR, OnSpotCollection(50_00))
    assert refused.code == "ON_SPOT_COLLECTION_NOT_ALLOWED"


def test_on_spot_collection_must_cover_the_fine() -> None:
    refused = refusal(_spot(50_00), A.COLLECT_ON_SPOT, R.INSPECTOR, OnSpotCollection(49_99))
    assert refused.code == "PAYMENT_SHORT"
