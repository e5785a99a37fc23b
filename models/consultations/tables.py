"""Consultation tables: messages, timelines, evaluations, FAQ entries, routing rules, limits."""

# Docstrings become SQL table comments: keep semicolons out of them.

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Consultation(Model):
    """诉求 (咨询, 投诉, 建议, 求助) sent by a citizen, an enterprise user or a verified phone."""

    id = fields.UUIDField(primary_key=True)
    number = fields.CharField(max_length=20, unique=True)  # 诉求编号, opaque
    kind = fields.CharField(max_length=16)  # rules.Kind
    status = fields.CharField(max_length=16)  # rules.Status
    title = fields.CharField(max_length=60)
    content = fields.TextField()
    sender_account = fields.ForeignKeyField(
        "models.Account", related_name="consultations", on_delete=fields.RESTRICT)
    sender_enterprise = fields.ForeignKeyField(
        "models.Enterprise", related_name="consultations", null=True, on_delete=fields.RESTRICT)
    # Set when an anonymous visitor sent it with a verified phone: the
    # second factor of the anonymous lookup, encrypted like all personal data.
    query_code_enc = fields.TextField(null=True)
    client_key = fields.CharField(max_length=64)
    region = fields.ForeignKeyField(
        "models.Region", related_name="consultations", on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="consultations", null=True, on_delete=fields.RESTRICT)
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="consultations", null=True, on_delete=fields.RESTRICT)
    application_ref = fields.CharField(max_length=64, null=True)  # a 办件 number or id, loose
    attachments = fields.JSONField(default=list)  # sha256 of stored files
    answer_source = fields.CharField(max_length=8, null=True)  # rules.AnswerSource
    reply = fields.TextField(null=True)
    replied_at = fields.DatetimeField(null=True)
    first_replied_at = fields.DatetimeField(null=True)
    handling_days = fields.IntField(null=True)  # working days from submission to the last reply
    on_time = fields.BooleanField(null=True)
    rating = fields.SmallIntField(null=True)  # the last evaluation, 1..5
    reopen_count = fields.SmallIntField(default=0)
    escalated_at = fields.DatetimeField(null=True)
    time_limit_days = fields.SmallIntField()
    clock_started_on = fields.DateField()  # the day the current time limit counts from
    due_on = fields.DateField()
    due_provisional = fields.BooleanField(default=False)
    submitted_at = fields.DatetimeField()
    revision = fields.SmallIntField(default=0)  # events on the timeline so far
    closed_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consultation"
        unique_together = (("sender_account", "client_key"),)
        indexes = (("department_id", "status", "due_on"), ("region_id", "status", "due_on"),
                   ("sender_account_id", "submitted_at"), ("submitted_at",))


class ConsultationEvent(Model):
    """One step on a consultation's timeline: who did what, when, and where it went."""

    id = fields.UUIDField(primary_key=True)
    consultation = fields.ForeignKeyField(
        "consultations.Consultation", related_name="events", on_delete=fields.CASCADE)
    sequence = fields.SmallIntField()
    action = fields.CharField(max_length=16)  # rules.Action
    label = fields.CharField(max_length=64)
    from_status = fields.CharField(max_length=16, null=True)
    to_status = fields.CharField(max_length=16)
    actor_role = fields.CharField(max_length=16)  # rules.Role
    actor = fields.ForeignKeyField(
        "models.Account", related_name="consultation_events", null=True,
        on_delete=fields.SET_NULL)
    department = fields.ForeignKeyField(
        "models.Department", related_name="consultation_events", null=True,
        on_delete=fields.RESTRICT)  # the department it went to (交办, 转办)
    from_department = fields.ForeignKeyField(
        "models.Department", related_name="consultation_events_from", null=True,
        on_delete=fields.RESTRICT)
    note = fields.TextField(default="")
    occurred_at = fields.DatetimeField()

    class Meta:
        table = "consultation_event"
        unique_together = (("consultation", "sequence"),)


class ConsultationEvaluation(Model):
    """满意度评价 of one reply round (a reopened consultation is rated again)."""

    id = fields.UUIDField(primary_key=True)
    consultation = fields.ForeignKeyField(
        "consultations.Consultation", related_name="evaluations", on_delete=fields.CASCADE)
    round = fields.SmallIntField()  # the reopen count when rated
    rating = fields.SmallIntField()
    comment = fields.CharField(max_length=500, default="")
    department = fields.ForeignKeyField(
        "models.Department", related_name="consultation_evaluations", null=True,
        on_delete=fields.RESTRICT)  # who answered, for the statistics
    answer_source = fields.CharField(max_length=8)
    created_at = fields.DatetimeField()

    class Meta:
        table = "consultation_evaluation"
        unique_together = (("consultation", "round"),)


class ConsultationFaq(Model):
    """常见问题: an answer given automatically when a message contains all its keywords."""

    id = fields.UUIDField(primary_key=True)
    question = fields.CharField(max_length=200)
    answer = fields.TextField()
    keywords = fields.JSONField(default=list)
    kind = fields.CharField(max_length=16, null=True)  # rules.Kind, None for any
    region = fields.ForeignKeyField(
        "models.Region", related_name="consultation_faqs", null=True, on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="consultation_faqs", null=True,
        on_delete=fields.RESTRICT)
    active = fields.BooleanField(default=True)
    created_by = fields.ForeignKeyField(
        "models.Account", related_name="consultation_faqs", null=True, on_delete=fields.SET_NULL)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "consultation_faq"
        indexes = (("active", "region_id"),)


class ConsultationRoute(Model):
    """路由规则: a keyword (for a kind, under a region prefix) naming the department kind."""

    id = fields.IntField(primary_key=True)
    keyword = fields.CharField(max_length=32)
    department_kind = fields.CharField(max_length=32)
    kind = fields.CharField(max_length=16, null=True)
    region_prefix = fields.CharField(max_length=6, default="")
    priority = fields.SmallIntField(default=0)

    class Meta:
        table = "consultation_route"
        unique_together = (("keyword", "kind", "region_prefix"),)


class ConsultationTimeLimit(Model):
    """A region's own time limit for one kind, in working days (overrides the default)."""

    id = fields.IntField(primary_key=True)
    region = fields.ForeignKeyField(
        "models.Region", related_name="consultation_time_limits", on_delete=fields.RESTRICT)
    kind = fields.CharField(max_length=16)
    working_days = fields.SmallIntField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "consultation_time_limit"
        unique_together = (("region", "kind"),)
