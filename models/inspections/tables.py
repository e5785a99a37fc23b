"""Inspections (双随机、一公开): the directories, items and forms, plans, tasks and records."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class InspectionSubject(Model):
    """检查对象: one row of the subject directory (enterprises and other entities).

    The legal representative's name is registration data shown to staff and
    masked for everyone else. The contact phone is personal data and is kept
    only encrypted (models/identity/pii.py, context ``inspection_subject.phone``).
    ``inspections_this_year`` counts inspections in ``counted_year``, and a row
    whose ``counted_year`` is another year has had none this year."""

    id = fields.UUIDField(primary_key=True)
    credit_code = fields.CharField(max_length=18, unique=True)  # 统一社会信用代码
    name = fields.CharField(max_length=128)
    legal_representative = fields.CharField(max_length=64)
    phone_enc = fields.TextField(null=True)
    address = fields.CharField(max_length=256)
    industry = fields.CharField(max_length=64, db_index=True)
    region = fields.ForeignKeyField("models.Region", related_name="inspection_subjects",
                                    on_delete=fields.RESTRICT)
    risk_grade = fields.CharField(max_length=16)
    credit_grade = fields.CharField(max_length=1)
    inspections_this_year = fields.IntField(default=0)
    counted_year = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "inspection_subject"


class InspectionItem(Model):
    """随机抽查事项: a published check item and its legal basis (no check without one)."""

    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=128)
    legal_basis = fields.TextField()
    enforcement_field = fields.CharField(max_length=32)  # e.g. 食品安全
    department = fields.ForeignKeyField("models.Department", related_name="inspection_items",
                                        on_delete=fields.RESTRICT)
    is_published = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_item"


class InspectionFormTemplate(Model):
    """检查表单模板, one version of an item's form. Versions are never edited:
    a change is a new version, and a record keeps the version it was filled against."""

    id = fields.UUIDField(primary_key=True)
    item = fields.ForeignKeyField("inspections.InspectionItem", related_name="forms",
                                  on_delete=fields.RESTRICT)
    version = fields.IntField()
    title = fields.CharField(max_length=128)
    fields_spec = fields.JSONField()  # list of FormField settings (models/inspections/forms.py)
    created_by = fields.ForeignKeyField("models.Account", related_name="inspection_forms",
                                        null=True, on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_form_template"
        unique_together = (("item", "version"),)


class InspectionConflict(Model):
    """回避: an inspector declared a conflict of interest with a subject."""

    id = fields.UUIDField(primary_key=True)
    inspector = fields.ForeignKeyField("models.Account", related_name="inspection_conflicts",
                                       on_delete=fields.RESTRICT)
    subject = fields.ForeignKeyField("inspections.InspectionSubject", related_name="conflicts",
                                     on_delete=fields.RESTRICT)
    reason = fields.CharField(max_length=200)
    declared_by = fields.ForeignKeyField("models.Account",
                                         related_name="inspection_conflicts_declared",
                                         on_delete=fields.RESTRICT)
    declared_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_conflict"
        unique_together = (("inspector", "subject"),)


class InspectionPlan(Model):
    """抽查计划 and its draw. The seed stays secret (never served) until the plan
    is revealed. ``commitment`` (sha256 of the seed) and the canonical inputs are
    public from the commit on."""

    id = fields.UUIDField(primary_key=True)
    department = fields.ForeignKeyField("models.Department", related_name="inspection_plans",
                                        on_delete=fields.RESTRICT)
    name = fields.CharField(max_length=128)
    year = fields.IntField()
    region = fields.ForeignKeyField("models.Region", related_name="inspection_plans",
                                    on_delete=fields.RESTRICT)
    item_ids = fields.JSONField()  # InspectionItem ids, as strings
    industries = fields.JSONField(default=list)  # subject filter; empty = any
    risk_grades = fields.JSONField(default=list)  # subject filter; empty = any
    base_ratio = fields.CharField(max_length=16, null=True)  # exact decimal text
    count = fields.IntField(null=True)
    grade_multipliers = fields.JSONField()  # {credit grade: decimal text}
    yearly_cap = fields.IntField()
    inspectors_per_subject = fields.IntField()
    start_date = fields.DateField()
    end_date = fields.DateField()
    status = fields.CharField(max_length=16, default="DRAFT")
    seed_hex = fields.CharField(max_length=128, null=True)
    commitment = fields.CharField(max_length=64, null=True)
    inputs_canonical = fields.TextField(null=True)
    inputs_digest = fields.CharField(max_length=64, null=True)
    result = fields.JSONField(null=True)
    cancel_reason = fields.CharField(max_length=200, null=True)
    created_by = fields.ForeignKeyField("models.Account", related_name="inspection_plans",
                                        on_delete=fields.RESTRICT)
    created_at = fields.DatetimeField(auto_now_add=True)
    committed_at = fields.DatetimeField(null=True)
    drawn_at = fields.DatetimeField(null=True)
    revealed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inspection_plan"


class InspectionTask(Model):
    """检查任务: one drawn subject of a plan, with its 行政行为码 (``action_code``)."""

    id = fields.UUIDField(primary_key=True)
    plan = fields.ForeignKeyField("inspections.InspectionPlan", related_name="tasks",
                                  on_delete=fields.RESTRICT)
    subject = fields.ForeignKeyField("inspections.InspectionSubject", related_name="tasks",
                                     on_delete=fields.RESTRICT)
    position = fields.IntField()  # order in the draw result
    action_code = fields.CharField(max_length=32, unique=True)
    status = fields.CharField(max_length=16, default="ASSIGNED")
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    result = fields.CharField(max_length=32, null=True)
    result_summary = fields.TextField(null=True)
    publish_due = fields.DateField(null=True)
    publish_due_provisional = fields.BooleanField(default=False)
    published_at = fields.DatetimeField(null=True)
    published_by = fields.ForeignKeyField("models.Account", related_name="inspections_published",
                                          null=True, on_delete=fields.RESTRICT)
    case_lead_requested = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inspection_task"
        unique_together = (("plan", "subject"),)


class InspectionTaskInspector(Model):
    """An inspector drawn for a task (``position`` keeps the drawn order)."""

    id = fields.UUIDField(primary_key=True)
    task = fields.ForeignKeyField("inspections.InspectionTask", related_name="assignments",
                                  on_delete=fields.RESTRICT)
    inspector = fields.ForeignKeyField("models.Account", related_name="inspection_assignments",
                                       on_delete=fields.RESTRICT)
    position = fields.IntField()

    class Meta:
        table = "inspection_task_inspector"
        unique_together = (("task", "inspector"),)


class InspectionRecord(Model):
    """检查记录 as synced from a handheld: ``id`` is the device's client id. One
    record per task, and ``payload`` is exactly what the device hashed."""

    id = fields.UUIDField(primary_key=True)
    task = fields.OneToOneField("inspections.InspectionTask", related_name="record",
                                on_delete=fields.RESTRICT)
    author = fields.ForeignKeyField("models.Account", related_name="inspection_records",
                                    on_delete=fields.RESTRICT)
    device_id = fields.CharField(max_length=64, null=True)
    version = fields.IntField()
    content_hash = fields.CharField(max_length=64)
    payload = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "inspection_record"


class InspectionCaseLead(Model):
    """案件线索 opened from an inspection finding. The penalty-case domain picks
    up PENDING leads (``status`` is theirs to move on)."""

    id = fields.UUIDField(primary_key=True)
    task = fields.OneToOneField("inspections.InspectionTask", related_name="case_lead",
                                on_delete=fields.RESTRICT)
    subject = fields.ForeignKeyField("inspections.InspectionSubject", related_name="case_leads",
                                     on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField("models.Department",
                                        related_name="inspection_case_leads",
                                        on_delete=fields.RESTRICT)
    summary = fields.TextField()
    requested_by = fields.ForeignKeyField("models.Account", related_name="inspection_case_leads",
                                          on_delete=fields.RESTRICT)
    requested_at = fields.DatetimeField()
    status = fields.CharField(max_length=16, default="PENDING")

    class Meta:
        table = "inspection_case_lead"
