"""Penalty cases (行政处罚案件): the case, its officers, hash-chained events, evidence,
numbered documents, 公示, credit-grade changes and chain anchors.

Only ``models/cases/service`` writes ``Case.stage``. Leads from other domains are kept
as loose references (``source_kind`` + ``source_ref``), because those domains' tables
are still changing; evidence files reference the stable file store by hash.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

GENESIS = "0" * 64


class Case(Model):
    """行政处罚案件. The columns mirror facts.CaseSnapshot, and version is the optimistic
    lock every edit must name."""

    id = fields.UUIDField(primary_key=True)
    number = fields.CharField(max_length=64, unique=True)  # 案件编号
    department = fields.ForeignKeyField("models.Department", related_name="penalty_cases",
                                        on_delete=fields.RESTRICT)
    # 线索来源: INSPECTION_FINDING | COMPLAINT | TRANSFER | ON_SITE, and its reference
    source_kind = fields.CharField(max_length=24)
    source_ref = fields.CharField(max_length=128, default="")
    summary = fields.TextField()  # 案由 / 违法事实
    legal_basis = fields.TextField(default="")
    stage = fields.CharField(max_length=16, db_index=True)
    notice_state = fields.CharField(max_length=24, null=True)
    procedure = fields.CharField(max_length=8, default="GENERAL")
    # 当事人. A 统一社会信用代码 is public registration data; a citizen's ID number is
    # personal data: encrypted, a blind index for lookup and a masked copy to show.
    party_kind = fields.CharField(max_length=16)
    party_name = fields.CharField(max_length=128)
    party_credit_code = fields.CharField(max_length=18, null=True, db_index=True)
    party_id_number_enc = fields.TextField(null=True)
    party_id_number_index = fields.CharField(max_length=64, null=True, db_index=True)
    party_id_number_masked = fields.CharField(max_length=24, null=True)
    e_service_consent = fields.BooleanField(default=False)
    # 立案, extensions (sum of approved days; each approval is an event)
    filed_on = fields.DateField(null=True)
    extension_days = fields.IntField(default=0)
    # 审查: Art. 58 reasons (list of ReviewReason), Art. 57 collective decision
    legal_review_reasons = fields.JSONField(default=list)
    legal_review_passed_on = fields.DateField(null=True)
    legal_reviewer = fields.ForeignKeyField("models.Account", related_name="cases_reviewed",
                                            null=True, on_delete=fields.RESTRICT)
    legal_review_opinion = fields.TextField(default="")
    collective_decision_required = fields.BooleanField(default=False)
    decided_collectively = fields.BooleanField(default=False)
    # 告知 and 听证
    notified_on = fields.DateField(null=True)
    notified_penalty = fields.JSONField(null=True)
    hearing_offered = fields.BooleanField(default=False)
    hearing_request_deadline = fields.DateField(null=True)
    hearing_on = fields.DateField(null=True)
    hearing_chair = fields.ForeignKeyField("models.Account", related_name="hearings_chaired",
                                           null=True, on_delete=fields.RESTRICT)
    hearing_held_on = fields.DateField(null=True)
    # 决定, 送达, 执行
    decided_on = fields.DateField(null=True)
    outcome = fields.CharField(max_length=16, null=True)
    decided_penalty = fields.JSONField(null=True)
    served_on = fields.DateField(null=True)
    service_method = fields.CharField(max_length=16, null=True)
    fine_paid_on = fields.DateField(null=True)
    paid_fen = fields.BigIntField(default=0)
    enforcement_done = fields.BooleanField(default=False)
    closed_on = fields.DateField(null=True)
    # 撤销: a decision revoked later (复议, 诉讼 or self-correction); not a stage
    revoked_on = fields.DateField(null=True)
    revocation_reason = fields.TextField(default="")
    version = fields.IntField(default=1)
    chain_head = fields.CharField(max_length=64, default=GENESIS)
    event_count = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "penalty_case"
        indexes = (("department_id", "created_at"),)


class CaseOfficer(Model):
    """执法人员 on a case. Active rows are the current team, and a recused officer stays
    active (and blocks the case) until replaced, and the row is kept as the record."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("cases.Case", related_name="officers",
                                  on_delete=fields.CASCADE)
    account = fields.ForeignKeyField("models.Account", related_name="case_assignments",
                                     on_delete=fields.RESTRICT)
    badge_number = fields.CharField(max_length=32, default="")
    credentialed = fields.BooleanField(default=False)
    active = fields.BooleanField(default=True)
    recused = fields.BooleanField(default=False)
    recusal_reason = fields.TextField(default="")
    position = fields.IntField(default=0)  # order of assignment
    assigned_at = fields.DatetimeField()

    class Meta:
        table = "penalty_case_officer"
        unique_together = (("case", "account"),)


class CaseEvent(Model):
    """全过程记录: one append-only, hash-chained event, hash = sha256(prev_hash +
    canonical payload), never updated or deleted by the application."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("cases.Case", related_name="events", on_delete=fields.RESTRICT)
    seq = fields.IntField()  # 1, 2, 3 … per case
    kind = fields.CharField(max_length=32)  # an Action, or a record kind (EVIDENCE_ADDED …)
    actor = fields.ForeignKeyField("models.Account", related_name="case_events", null=True,
                                   on_delete=fields.RESTRICT)
    occurred_at = fields.DatetimeField()
    payload = fields.JSONField()
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)
    idempotency_key = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "penalty_case_event"
        unique_together = (("case", "seq"), ("case", "idempotency_key"))


class Evidence(Model):
    """证据. The id may be chosen by the handheld so a retried upload is stored once."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("cases.Case", related_name="evidence",
                                  on_delete=fields.RESTRICT)
    kind = fields.CharField(max_length=24)
    title = fields.CharField(max_length=128)
    description = fields.TextField(default="")
    file = fields.ForeignKeyField("files.StoredFile", related_name="case_evidence", null=True,
                                  on_delete=fields.RESTRICT)
    collected_on = fields.DateField()
    collected_by = fields.ForeignKeyField("models.Account", related_name="evidence_collected",
                                          on_delete=fields.RESTRICT)
    event_seq = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "penalty_case_evidence"


class CaseDocument(Model):
    """文书 generated from case data (simple HTML) with its hash and number."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("cases.Case", related_name="documents",
                                  on_delete=fields.RESTRICT)
    kind = fields.CharField(max_length=32)
    number = fields.CharField(max_length=64, unique=True)
    title = fields.CharField(max_length=64)
    content = fields.TextField()
    sha256 = fields.CharField(max_length=64)
    event_seq = fields.IntField()
    issued_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "penalty_case_document"


class NumberSequence(Model):
    """The last number given per department, year and series (案件, 决定书 …)."""

    id = fields.IntField(primary_key=True)
    department = fields.ForeignKeyField("models.Department", related_name="case_sequences",
                                        on_delete=fields.RESTRICT)
    year = fields.IntField()
    series = fields.CharField(max_length=32)
    last_value = fields.IntField(default=0)

    class Meta:
        table = "penalty_number_sequence"
        unique_together = (("department", "year", "series"),)


class Publication(Model):
    """行政处罚信息公示: due 7 working days after the decision, and a revoked decision's
    entry is withdrawn within 3 working days."""

    id = fields.UUIDField(primary_key=True)
    case = fields.OneToOneField("cases.Case", related_name="publication",
                                on_delete=fields.RESTRICT)
    credit_code = fields.CharField(max_length=18, null=True, db_index=True)
    party_name = fields.CharField(max_length=128)
    decision_number = fields.CharField(max_length=64)
    department_name = fields.CharField(max_length=128)
    content = fields.TextField()
    decided_on = fields.DateField()
    publish_due = fields.DateField()
    published_on = fields.DateField(null=True)
    withdraw_due = fields.DateField(null=True)
    withdrawn_on = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "penalty_publication"


class CreditChange(Model):
    """信用等级变更 caused by a case decision (and its reversal on revocation)."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("cases.Case", related_name="credit_changes",
                                  on_delete=fields.RESTRICT)
    credit_code = fields.CharField(max_length=18, db_index=True)
    previous_grade = fields.CharField(max_length=1, null=True)
    new_grade = fields.CharField(max_length=1)
    reason = fields.CharField(max_length=200)
    applied_to_directory = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "penalty_credit_change"


class HearingThresholdSetting(Model):
    """听证 thresholds configured for a province (first two digits of the region code)."""

    province = fields.CharField(max_length=2, primary_key=True)
    citizen_fine_fen = fields.BigIntField()
    organisation_fine_fen = fields.BigIntField()
    citizen_confiscation_fen = fields.BigIntField()
    organisation_confiscation_fen = fields.BigIntField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "penalty_hearing_threshold"


class Anchor(Model):
    """锚定: a Merkle root over every case's chain head at one moment."""

    id = fields.UUIDField(primary_key=True)
    created_at = fields.DatetimeField()
    root = fields.CharField(max_length=64)
    case_count = fields.IntField()

    class Meta:
        table = "penalty_anchor"


class AnchorEntry(Model):
    """One case's head in an anchor: lets verification notice a truncated chain."""

    id = fields.UUIDField(primary_key=True)
    anchor = fields.ForeignKeyField("cases.Anchor", related_name="entries",
                                    on_delete=fields.CASCADE)
    case = fields.ForeignKeyField("cases.Case", related_name="anchor_entries",
                                  on_delete=fields.RESTRICT)
    seq = fields.IntField()
    head = fields.CharField(max_length=64)

    class Meta:
        table = "penalty_anchor_entry"
        unique_together = (("anchor", "case"),)
