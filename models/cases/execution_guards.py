"""Guards after the decision: service, payment, on-the-spot collection and execution
(行政处罚法 Art. 52, 61, 66–68, 72). Same shapes as ``guards``: preconditions read the
case and the date, checks also read the payload."""

from __future__ import annotations

from datetime import date

from models.cases.deadlines import amount_owed
from models.cases.facts import (
    ON_SPOT_COLLECTION_CAP_FEN,
    CaseSnapshot,
    DecisionOutcome,
    Procedure,
    ServiceMethod,
)
from models.cases.guards import LAW, When, yuan
from models.cases.payloads import OnSpotCollection, Payment, Service
from models.errors import Refusal

_ON_SPOT_COLLECTION = (
    f"{LAW}第六十七条、第六十八条，作出罚款决定的行政机关应当与收缴罚款的机构分离；"
    "仅依简易程序当场作出的一百元以下罚款，或者不当场收缴事后难以执行的，方可当场收缴。"
)


def _fine_outstanding(s: CaseSnapshot) -> bool:
    fine = s.decided_penalty.fine_fen if s.decided_penalty else 0
    return fine > 0 and s.fine_paid_on is None


def _enforcement_outstanding(s: CaseSnapshot) -> bool:
    p = s.decided_penalty
    return p is not None and p.needs_enforcement and not s.enforcement_done


def penalty_to_execute(s: CaseSnapshot, when: When) -> None:
    """Only a penalty decision has anything to execute; the others are closed after service."""
    if s.outcome is not DecisionOutcome.PENALTY:
        raise Refusal("NOTHING_TO_EXECUTE", "本案决定不含行政处罚内容，无需执行，可直接结案。")


def fine_outstanding(s: CaseSnapshot, when: When) -> None:
    if not _fine_outstanding(s):
        raise Refusal("NO_FINE_OUTSTANDING", "本案没有待缴纳的罚款。")


def enforcement_outstanding(s: CaseSnapshot, when: When) -> None:
    if not _enforcement_outstanding(s):
        raise Refusal("NOTHING_TO_EXECUTE", "本案没有待执行的罚款以外的处罚内容。")


def simple_procedure_only(s: CaseSnapshot, when: When) -> None:
    """Art. 68: on-the-spot collection exists only for on-the-spot (简易程序) decisions."""
    if s.procedure is not Procedure.SIMPLE:
        raise Refusal("ON_SPOT_COLLECTION_NOT_ALLOWED", _ON_SPOT_COLLECTION)


def execution_complete(s: CaseSnapshot, when: When) -> None:
    """Art. 66: a penalty decision is closed only once it has been carried out."""
    if s.outcome is DecisionOutcome.PENALTY and (
        _fine_outstanding(s) or _enforcement_outstanding(s)
    ):
        raise Refusal(
            "EXECUTION_INCOMPLETE",
            f"{LAW}第六十六条，当事人应当履行行政处罚决定，决定尚未执行完毕的不能结案。",
        )


def service_method_allowed(s: CaseSnapshot, p: Service, when: When) -> None:
    """Art. 61 (e-service needs signed consent) and Art. 52 (on-the-spot hand-over)."""
    if p.method is ServiceMethod.ELECTRONIC and not s.e_service_consent:
        raise Refusal(
            "E_SERVICE_WITHOUT_CONSENT",
            f"{LAW}第六十一条，当事人同意并签订确认书的，方可采用传真、电子邮件等方式送达。",
            field="method",
        )
    if s.procedure is Procedure.SIMPLE and p.method is not ServiceMethod.ON_SPOT:
        raise Refusal(
            "ON_SPOT_SERVICE_REQUIRED",
            f"{LAW}第五十二条，当场作出的行政处罚决定书应当当场交付当事人。",
            field="method",
        )


def _covers(s: CaseSnapshot, amount_fen: int, paid_on: date, when: When) -> None:
    fine = s.decided_penalty.fine_fen if s.decided_penalty else 0
    if s.served_on is None:
        raise ValueError("a case in execution has a served_on date")
    owed = amount_owed(fine, s.served_on, paid_on, when.is_working_day)
    if amount_fen < owed:
        raise Refusal(
            "PAYMENT_SHORT",
            f"{LAW}第七十二条，到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款；"
            f"应缴{yuan(owed)}（罚款{yuan(fine)}，加处罚款{yuan(owed - fine)}）。",
            field="amountFen",
        )


def payment_covers(s: CaseSnapshot, p: Payment, when: When) -> None:
    """Art. 67, 72: the receipt covers the fine plus any late fee due on the day paid."""
    _covers(s, p.amount_fen, p.paid_on, when)


def on_spot_collection_allowed(s: CaseSnapshot, p: OnSpotCollection, when: When) -> None:
    """Art. 68: ≤ ¥100, or collection would be hard afterwards."""
    fine = s.decided_penalty.fine_fen if s.decided_penalty else 0
    if fine > ON_SPOT_COLLECTION_CAP_FEN and not p.collection_otherwise_hard:
        raise Refusal(
            "ON_SPOT_COLLECTION_NOT_ALLOWED", _ON_SPOT_COLLECTION, field="collectionOtherwiseHard"
        )
    _covers(s, p.amount_fen, when.today, when)
