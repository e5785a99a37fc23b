"""The small types a case is made of: penalty, officer, event, evidence, document,
deadline, payment, chain verification and 公示 entry."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from models.cases.deadline_view import DeadlineView, PaymentView
from models.cases.documents import DOCUMENTS, DocumentKind, describe_penalty
from models.cases.facts import Penalty
from models.cases.snapshot import penalty_from_json
from schema.accounts import Account
from schema.cases.common import (
    CaseDeadlineKind,
    CaseDeadlineStatus,
    CaseDocumentKind,
    EvidenceKind,
    yuan,
)
from schema.node import Node, to_global_id


@strawberry.type(name="CasePenalty", description="行政处罚内容（拟处罚或已决定）")
class CasePenalty:
    fine: Decimal = strawberry.field(description="罚款（元）")
    warning: bool = strawberry.field(description="警告")
    confiscation: Decimal = strawberry.field(description="没收违法所得、非法财物的价值（元）")
    licence_revocation: bool = strawberry.field(description="降低资质等级、吊销许可证件")
    closure: bool = strawberry.field(description="责令停产停业、责令关闭")
    restriction: bool = strawberry.field(description="限制开展生产经营活动、限制从业")
    description: str = strawberry.field(description="中文表述，如「警告；罚款人民币200.00元」")

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> CasePenalty | None:
        p = penalty_from_json(value)
        return None if p is None else cls.of(p)

    @classmethod
    def of(cls, p: Penalty) -> CasePenalty:
        return cls(fine=yuan(p.fine_fen), warning=p.warning, confiscation=yuan(p.confiscation_fen),
                   licence_revocation=p.licence_revocation, closure=p.closure,
                   restriction=p.restriction, description=describe_penalty(p))


@strawberry.type(description="本案执法人员")
class CaseOfficer:
    badge_number: str = strawberry.field(description="执法证号")
    credentialed: bool = strawberry.field(
        description="是否具有执法资格（执法人员角色且有执法证号）")
    active: bool = strawberry.field(description="是否为当前办案人员")
    recused: bool = strawberry.field(description="是否已回避")
    recusal_reason: str
    assigned_at: datetime
    account_key: strawberry.Private[str]

    @strawberry.field(description="执法人员账户")
    async def account(self, info: strawberry.Info) -> Account | None:
        row = await info.context.loaders["account"].load(self.account_key)
        return Account.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: Any) -> CaseOfficer:
        return cls(badge_number=row.badge_number, credentialed=row.credentialed,
                   active=row.active, recused=row.recused, recusal_reason=row.recusal_reason,
                   assigned_at=row.assigned_at, account_key=str(row.account_id))


@strawberry.type(description="全过程记录中的一条事件（哈希链）")
class CaseEvent:
    seq: int = strawberry.field(description="序号，从 1 开始")
    kind: str = strawberry.field(description="操作（CaseAction）或登记事项，如 EVIDENCE_ADDED")
    occurred_at: datetime
    payload: strawberry.scalars.JSON = strawberry.field(
        description="被哈希的事件内容（规范 JSON：键排序、无空白、UTF-8）")
    prev_hash: str
    hash: str = strawberry.field(description="sha256(prevHash + 规范JSON(payload))")

    @classmethod
    def from_row(cls, row: Any) -> CaseEvent:
        return cls(seq=row.seq, kind=row.kind, occurred_at=row.occurred_at,
                   payload=row.payload, prev_hash=row.prev_hash, hash=row.hash)


@strawberry.type(description="证据")
class Evidence(Node):
    kind: EvidenceKind
    title: str
    description: str
    file_sha256: str | None = strawberry.field(description="证据文件的 SHA-256（fileUpload 返回）")
    collected_on: date
    event_seq: int = strawberry.field(description="登记该证据的事件序号")

    @classmethod
    def from_row(cls, row: Any) -> Evidence:
        return cls(id=to_global_id("Evidence", row.id), kind=EvidenceKind(row.kind),
                   title=row.title, description=row.description, file_sha256=row.file_id,
                   collected_on=row.collected_on, event_seq=row.event_seq)


@strawberry.type(description="执法文书（由案件数据生成，内容哈希记入事件链）")
class CaseDocument(Node):
    kind: CaseDocumentKind  # type: ignore[valid-type]
    number: str = strawberry.field(description="文书编号")
    title: str
    content: str = strawberry.field(description="文书正文（简单 HTML）")
    sha256: str
    issued_on: date
    event_seq: int

    @classmethod
    def from_row(cls, row: Any) -> CaseDocument:
        return cls(id=to_global_id("CaseDocument", row.id), kind=DocumentKind(row.kind),
                   number=row.number, title=row.title or DOCUMENTS[DocumentKind(row.kind)][0],
                   content=row.content, sha256=row.sha256, issued_on=row.issued_on,
                   event_seq=row.event_seq)


@strawberry.type(description="办案期限（读取时按节假日安排计算）")
class CaseDeadline:
    kind: CaseDeadlineKind  # type: ignore[valid-type]
    started_on: date
    due: date = strawberry.field(description="最后一日（含）")
    provisional: bool = strawberry.field(
        description="期限跨入尚未录入放假安排的年份，暂按周末计算，录入后可能变化")
    status: CaseDeadlineStatus
    met_on: date | None = strawberry.field(description="完成日期（已完成时）")

    @classmethod
    def of(cls, view: DeadlineView) -> CaseDeadline:
        return cls(kind=view.kind, started_on=view.started_on, due=view.due,
                   provisional=view.provisional, status=CaseDeadlineStatus(view.status),
                   met_on=view.met_on)


@strawberry.type(description="罚款缴纳（加处罚款按当日计算，不超过罚款数额）")
class CasePayment:
    fine: Decimal = strawberry.field(description="罚款（元）")
    due: date = strawberry.field(description="缴款期限（送达后 15 日，遇节假日顺延）")
    late_fee: Decimal = strawberry.field(description="加处罚款（元，每日 3%，封顶为罚款数额）")
    amount_due: Decimal = strawberry.field(description="今日应缴总额（元，已缴清为 0）")
    paid_on: date | None

    @classmethod
    def of(cls, view: PaymentView) -> CasePayment:
        return cls(fine=yuan(view.fine_fen), due=view.due, late_fee=yuan(view.late_fee_fen),
                   amount_due=yuan(view.amount_due_fen), paid_on=view.paid_on)


@strawberry.type(description="哈希链校验结果")
class CaseChainVerification:
    ok: bool
    first_bad_index: int | None = strawberry.field(
        description="第一个校验失败的事件位置（从 0 开始）；链被截短时为事件数")
    head: str = strawberry.field(description="最后一个校验通过的哈希")
    event_count: int
    anchored_event_count: int | None = strawberry.field(
        description="最近一次锚定时本案的事件数（未锚定为空）")
    anchored_at: datetime | None


@strawberry.type(description="链锚定：全部案件链头的 Merkle 根（RFC 6962）")
class CaseAnchor:
    created_at: datetime
    root: str
    case_count: int


@strawberry.type(description="行政处罚信息公示")
class PenaltyPublication:
    decision_number: str
    party_name: str = strawberry.field(description="当事人（自然人姓名打码）")
    credit_code: str | None
    department_name: str
    content: str
    decided_on: date
    published_on: date

    @classmethod
    def from_row(cls, row: Any) -> PenaltyPublication:
        return cls(decision_number=row.decision_number, party_name=row.party_name,
                   credit_code=row.credit_code, department_name=row.department_name,
                   content=row.content, decided_on=row.decided_on,
                   published_on=row.published_on)
