"""Numbered case documents (执法文书), pure: which action issues which document, and its
text rendered from case data as simple HTML. The service numbers, hashes and stores it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html import escape

from models.cases.deadlines import PAYMENT_DAYS
from models.cases.facts import Action, DecisionOutcome, Penalty, ServiceMethod
from models.cases.guards import yuan


class DocumentKind(StrEnum):
    FILING_APPROVAL = "FILING_APPROVAL"
    NOT_FILED_APPROVAL = "NOT_FILED_APPROVAL"
    NOTICE = "NOTICE"
    HEARING_NOTICE = "HEARING_NOTICE"
    DECISION = "DECISION"
    NO_PENALTY_DECISION = "NO_PENALTY_DECISION"
    TRANSFER_LETTER = "TRANSFER_LETTER"
    ON_SPOT_DECISION = "ON_SPOT_DECISION"
    SERVICE_RECEIPT = "SERVICE_RECEIPT"
    CLOSING_APPROVAL = "CLOSING_APPROVAL"


# kind -> (title, number series label)
DOCUMENTS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.FILING_APPROVAL: ("立案审批表", "立"),
    DocumentKind.NOT_FILED_APPROVAL: ("不予立案审批表", "不立"),
    DocumentKind.NOTICE: ("行政处罚事先告知书", "罚告"),
    DocumentKind.HEARING_NOTICE: ("听证通知书", "听通"),
    DocumentKind.DECISION: ("行政处罚决定书", "罚决"),
    DocumentKind.NO_PENALTY_DECISION: ("不予行政处罚决定书", "不罚"),
    DocumentKind.TRANSFER_LETTER: ("涉嫌犯罪案件移送书", "移"),
    DocumentKind.ON_SPOT_DECISION: ("当场行政处罚决定书", "当罚"),
    DocumentKind.SERVICE_RECEIPT: ("送达回证", "送"),
    DocumentKind.CLOSING_APPROVAL: ("结案审批表", "结"),
}

_BY_ACTION: dict[Action, DocumentKind] = {
    Action.FILE_CASE: DocumentKind.FILING_APPROVAL,
    Action.DROP_LEAD: DocumentKind.NOT_FILED_APPROVAL,
    Action.NOTIFY: DocumentKind.NOTICE,
    Action.SCHEDULE_HEARING: DocumentKind.HEARING_NOTICE,
    Action.DECIDE_ON_SPOT: DocumentKind.ON_SPOT_DECISION,
    Action.SERVE: DocumentKind.SERVICE_RECEIPT,
    Action.CLOSE_CASE: DocumentKind.CLOSING_APPROVAL,
}
_BY_OUTCOME: dict[DecisionOutcome, DocumentKind] = {
    DecisionOutcome.PENALTY: DocumentKind.DECISION,
    DecisionOutcome.NO_PENALTY: DocumentKind.NO_PENALTY_DECISION,
    DecisionOutcome.NOT_ESTABLISHED: DocumentKind.NO_PENALTY_DECISION,
    DecisionOutcome.TRANSFERRED: DocumentKind.TRANSFER_LETTER,
}
SERVICE_METHOD_LABELS = {
    ServiceMethod.ON_SPOT: "当场交付", ServiceMethod.DIRECT: "直接送达",
    ServiceMethod.POST: "邮寄送达", ServiceMethod.LEFT_AT_ADDRESS: "留置送达",
    ServiceMethod.ELECTRONIC: "电子送达", ServiceMethod.PUBLIC_NOTICE: "公告送达",
}
OUTCOME_LABELS = {
    DecisionOutcome.PENALTY: "给予行政处罚", DecisionOutcome.NO_PENALTY: "不予行政处罚",
    DecisionOutcome.NOT_ESTABLISHED: "违法事实不能成立，不予行政处罚",
    DecisionOutcome.TRANSFERRED: "涉嫌犯罪，移送司法机关",
}


def kind_for(action: Action, outcome: DecisionOutcome | None) -> DocumentKind | None:
    """The document an action issues (a decision's depends on its outcome)."""
    if action is Action.DECIDE:
        return _BY_OUTCOME[outcome] if outcome else None
    return _BY_ACTION.get(action)


def describe_penalty(p: Penalty | None) -> str:
    if p is None or p.is_empty:
        return "无"
    parts = []
    if p.warning:
        parts.append("警告")
    if p.fine_fen:
        parts.append(f"罚款人民币{yuan(p.fine_fen)}")
    if p.confiscation_fen:
        parts.append(f"没收违法所得、非法财物（价值{yuan(p.confiscation_fen)}）")
    if p.licence_revocation:
        parts.append("降低资质等级或者吊销许可证件")
    if p.closure:
        parts.append("责令停产停业")
    if p.restriction:
        parts.append("限制开展生产经营活动、限制从业")
    return "；".join(parts)


@dataclass(frozen=True)
class DocumentFacts:
    """What a document says, taken from the case at the moment it is issued."""

    number: str
    case_number: str
    department: str
    party_name: str
    party_identifier: str  # 统一社会信用代码, or the masked ID number
    summary: str
    legal_basis: str
    issued_on: date
    penalty: Penalty | None = None
    outcome: DecisionOutcome | None = None
    hearing_offered: bool = False
    hearing_request_deadline: date | None = None
    hearing_on: date | None = None
    service_method: str = ""
    officers: tuple[str, ...] = ()  # "name（执法证号）"


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in pairs)


def _body(kind: DocumentKind, f: DocumentFacts) -> list[tuple[str, str]]:
    common = [("案件编号", f.case_number), ("当事人", f.party_name),
              ("统一社会信用代码/身份证件号码", f.party_identifier), ("案由", f.summary)]
    if kind in (DocumentKind.FILING_APPROVAL, DocumentKind.NOT_FILED_APPROVAL):
        return [*common, ("承办人员", "、".join(f.officers) or "（未指派）")]
    if kind is DocumentKind.NOTICE:
        rights = "你（单位）有权进行陈述和申辩。"
        if f.hearing_offered and f.hearing_request_deadline:
            by = f.hearing_request_deadline.isoformat()
            rights += f"你（单位）有权要求举行听证，请于{by}前提出。"
        return [*common, ("依据", f.legal_basis), ("拟作出的行政处罚", describe_penalty(f.penalty)),
                ("当事人权利", rights)]
    if kind is DocumentKind.HEARING_NOTICE:
        return [*common, ("听证日期", f.hearing_on.isoformat() if f.hearing_on else "")]
    if kind in (DocumentKind.DECISION, DocumentKind.ON_SPOT_DECISION,
                DocumentKind.NO_PENALTY_DECISION, DocumentKind.TRANSFER_LETTER):
        pairs = [*common, ("依据", f.legal_basis),
                 ("处理决定", OUTCOME_LABELS[f.outcome or DecisionOutcome.PENALTY]),
                 ("行政处罚内容", describe_penalty(f.penalty))]
        if f.penalty is not None and f.penalty.fine_fen:
            pairs.append(("履行方式", f"自收到本决定书之日起{PAYMENT_DAYS}日内到指定银行或者"
                          "通过电子支付系统缴纳罚款；逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"))
        pairs.append(("救济途径", "如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，"
                      "或者在六个月内依法向人民法院提起行政诉讼。"))
        return pairs
    if kind is DocumentKind.SERVICE_RECEIPT:
        return [*common, ("送达方式", f.service_method)]
    return [*common, ("处理结果", describe_penalty(f.penalty))]


def render(kind: DocumentKind, facts: DocumentFacts) -> tuple[str, str, str]:
    """(title, HTML content, sha256 of the content's UTF-8 bytes)."""
    title = DOCUMENTS[kind][0]
    html = (f"<article><h1>{escape(facts.department)}</h1><h2>{escape(title)}</h2>"
            f"<p>{escape(facts.number)}</p><table>{_rows(_body(kind, facts))}</table>"
            f"<p>{escape(facts.department)}　{facts.issued_on.isoformat()}</p></article>")
    return title, html, hashlib.sha256(html.encode("utf-8")).hexdigest()
