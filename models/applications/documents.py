"""Written documents (文书) issued on a 办件, rendered from its data.

Each transition that the law says must be put in writing produces one or two
documents; the rendered text is stored with the data it came from, so a later
change of wording never alters a document already issued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from models.applications.rules import Action


class DocumentKind(StrEnum):
    ACCEPTANCE_NOTICE = "ACCEPTANCE_NOTICE"
    REJECTION_NOTICE = "REJECTION_NOTICE"
    CORRECTION_NOTICE = "CORRECTION_NOTICE"
    SPECIAL_PROCEDURE_NOTICE = "SPECIAL_PROCEDURE_NOTICE"
    APPROVAL_DECISION = "APPROVAL_DECISION"
    DENIAL_DECISION = "DENIAL_DECISION"
    LICENCE = "LICENCE"
    DELIVERY_RECEIPT = "DELIVERY_RECEIPT"
    HANDOVER_SLIP = "HANDOVER_SLIP"


KIND_LABELS: Mapping[DocumentKind, str] = {
    DocumentKind.ACCEPTANCE_NOTICE: "受理通知书",
    DocumentKind.REJECTION_NOTICE: "不予受理通知书",
    DocumentKind.CORRECTION_NOTICE: "补正材料通知书",
    DocumentKind.SPECIAL_PROCEDURE_NOTICE: "特别程序告知书",
    DocumentKind.APPROVAL_DECISION: "准予许可决定书",
    DocumentKind.DENIAL_DECISION: "不予许可决定书",
    DocumentKind.LICENCE: "证照",
    DocumentKind.DELIVERY_RECEIPT: "送达回证",
    DocumentKind.HANDOVER_SLIP: "跨域转递单",
}
_NUMBER_CODES: Mapping[DocumentKind, str] = {
    DocumentKind.ACCEPTANCE_NOTICE: "SL", DocumentKind.REJECTION_NOTICE: "BSL",
    DocumentKind.CORRECTION_NOTICE: "BZ", DocumentKind.SPECIAL_PROCEDURE_NOTICE: "TB",
    DocumentKind.APPROVAL_DECISION: "ZY", DocumentKind.DENIAL_DECISION: "BY",
    DocumentKind.LICENCE: "ZZ", DocumentKind.DELIVERY_RECEIPT: "SD",
    DocumentKind.HANDOVER_SLIP: "ZD",
}
# Which documents each action issues.
ISSUED_BY: Mapping[Action, tuple[DocumentKind, ...]] = {
    Action.ACCEPT: (DocumentKind.ACCEPTANCE_NOTICE,),
    Action.REJECT_AT_INTAKE: (DocumentKind.REJECTION_NOTICE,),
    Action.REQUEST_CORRECTION: (DocumentKind.CORRECTION_NOTICE,),
    Action.START_SPECIAL_PROCEDURE: (DocumentKind.SPECIAL_PROCEDURE_NOTICE,),
    Action.APPROVE: (DocumentKind.APPROVAL_DECISION, DocumentKind.LICENCE),
    Action.DENY: (DocumentKind.DENIAL_DECISION,),
    Action.DELIVER: (DocumentKind.DELIVERY_RECEIPT,),
    Action.FORWARD: (DocumentKind.HANDOVER_SLIP,),
}
DELIVERY_LABELS = {"ONLINE": "网上送达（电子文书）", "POST": "邮寄送达", "PICK_UP": "窗口自取"}
PROCEDURE_LABELS = {"HEARING": "听证", "INSPECTION": "现场核查", "TEST": "检验检测",
                    "EXPERT_REVIEW": "专家评审", "OTHER": "其他特别程序"}


@dataclass(frozen=True)
class DocumentFacts:
    """Everything a document may say, taken from the application and the event."""

    application_number: str
    matter_name: str
    applicant_name: str
    department_name: str
    issued_on: date
    position: int
    received_on: date | None = None
    deemed_accepted: bool = False
    decision_due: date | None = None
    promised_limit: int | None = None
    reason: str = ""
    missing_items: Sequence[str] = ()
    procedure_kind: str = ""
    delivery_method: str = ""
    tracking_number: str = ""
    pick_up_location: str = ""
    licence_valid_until: date | None = None
    handling_department_name: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    kind: DocumentKind
    number: str
    title: str
    body: str


def _d(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def document_number(facts: DocumentFacts, kind: DocumentKind) -> str:
    return f"{facts.application_number}-{_NUMBER_CODES[kind]}{facts.position:02d}"


def _acceptance(f: DocumentFacts) -> str:
    since = (f"根据《中华人民共和国行政许可法》第三十二条，本机关未在收到申请之日起5个工作日内"
             f"告知补正，自收到申请之日（{_d(f.received_on)}）起即为受理。"
             if f.deemed_accepted else "经审查，申请材料齐全、符合法定形式，本机关决定予以受理。")
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}）已收悉。{since}\n本机关将在受理之日起"
            f"{f.promised_limit}个工作日内（{_d(f.decision_due)}前，依法不计入的期间除外）作出决定。")


def _rejection(f: DocumentFacts) -> str:
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}），经审查，不予受理。理由：{f.reason}\n"
            "如不服本决定，可依法申请行政复议或者提起行政诉讼。")


def _correction(f: DocumentFacts) -> str:
    items = "\n".join(f"{i}. {item}" for i, item in enumerate(f.missing_items, start=1))
    note = f"\n说明：{f.reason}" if f.reason else ""
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}）材料不齐全或者不符合法定形式。现一次性告知需要补正的"
            f"全部内容如下：\n{items}{note}\n请补正后重新提交，补正期间不计入办理时限。")


def _special(f: DocumentFacts) -> str:
    kind = PROCEDURE_LABELS.get(f.procedure_kind, f.procedure_kind or "特别程序")
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}）需进行{kind}。事由：{f.reason}\n"
            "依据《中华人民共和国行政许可法》第四十五条，所需时间不计入办理期限。")


def _approval(f: DocumentFacts) -> str:
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}），经审查，符合法定条件、标准，本机关决定准予。"
            "证照将依法在作出决定之日起10个工作日内送达。")


def _denial(f: DocumentFacts) -> str:
    return (f"{f.applicant_name}：\n你（单位）提出的「{f.matter_name}」申请（办件编号 "
            f"{f.application_number}），经审查，本机关决定不予准予。理由：{f.reason}\n"
            "如不服本决定，可自收到本决定书之日起60日内申请行政复议，或者6个月内提起行政诉讼。")


def _licence(f: DocumentFacts) -> str:
    valid = f"有效期至{_d(f.licence_valid_until)}。" if f.licence_valid_until else "长期有效。"
    return (f"持证主体：{f.applicant_name}\n许可事项：{f.matter_name}\n"
            f"证照编号：{document_number(f, DocumentKind.LICENCE)}\n发证机关：{f.department_name}\n"
            f"发证日期：{_d(f.issued_on)}\n{valid}")


def _delivery(f: DocumentFacts) -> str:
    how = DELIVERY_LABELS.get(f.delivery_method, f.delivery_method)
    where = (f"，快递单号 {f.tracking_number}" if f.tracking_number else "") + (
        f"，领取地点：{f.pick_up_location}" if f.pick_up_location else "")
    return (f"受送达人：{f.applicant_name}\n送达文书：「{f.matter_name}」办理结果（办件编号 "
            f"{f.application_number}）\n送达方式：{how}{where}\n送达日期：{_d(f.issued_on)}")


def _handover(f: DocumentFacts) -> str:
    return (f"办件编号：{f.application_number}\n事项：{f.matter_name}\n"
            f"收件窗口：{f.department_name}\n办理地：{f.handling_department_name}\n"
            f"转递方式及单号：{f.tracking_number}\n形式审查及身份核验：已通过\n"
            f"转递日期：{_d(f.issued_on)}")


_BODIES = {
    DocumentKind.ACCEPTANCE_NOTICE: _acceptance, DocumentKind.REJECTION_NOTICE: _rejection,
    DocumentKind.CORRECTION_NOTICE: _correction,
    DocumentKind.SPECIAL_PROCEDURE_NOTICE: _special,
    DocumentKind.APPROVAL_DECISION: _approval, DocumentKind.DENIAL_DECISION: _denial,
    DocumentKind.LICENCE: _licence, DocumentKind.DELIVERY_RECEIPT: _delivery,
    DocumentKind.HANDOVER_SLIP: _handover,
}


def render(kind: DocumentKind, facts: DocumentFacts) -> Rendered:
    """The document's number, title and text; the issuing body and date close it."""
    body = _BODIES[kind](facts)
    signed = f"\n\n{facts.department_name}\n{_d(facts.issued_on)}"
    return Rendered(kind, document_number(facts, kind), KIND_LABELS[kind], body + signed)


def issued_by(action: Action) -> tuple[DocumentKind, ...]:
    return ISSUED_BY.get(action, ())
