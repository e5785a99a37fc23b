"""办件 tables: applications, their materials, timeline, documents, bundles and messages."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ApplicationBundle(Model):
    """A group of applications filed together: a 一件事 bundle or a 多地联办 file."""

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=16)  # LIFE_EVENT | MULTI_SITE
    name = fields.CharField(max_length=128)
    applicant = fields.ForeignKeyField(
        "models.Account", related_name="application_bundles", on_delete=fields.RESTRICT)
    enterprise = fields.ForeignKeyField(
        "models.Enterprise", related_name="application_bundles", null=True,
        on_delete=fields.RESTRICT)
    life_event = fields.ForeignKeyField(
        "catalogue.LifeEvent", related_name="application_bundles", null=True,
        on_delete=fields.RESTRICT)
    region_code = fields.CharField(max_length=6)
    # Steps outside the catalogue (utilities, banks) shown beside a 一件事.
    skipped = fields.JSONField(default=list)
    idempotency_key = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()

    class Meta:
        table = "application_bundle"
        unique_together = (("applicant", "idempotency_key"),)


class Application(Model):
    """办件: one application for one published implementation version.

    The terms it was filed under are the immutable version it points to, and the
    figures the clocks need (time limits, matter name) are copied from it so
    that queues read one table.
    """

    id = fields.UUIDField(primary_key=True)
    number = fields.CharField(max_length=20, unique=True, null=True)  # given at submission
    applicant = fields.ForeignKeyField(
        "models.Account", related_name="applications", on_delete=fields.RESTRICT)
    enterprise = fields.ForeignKeyField(
        "models.Enterprise", related_name="applications", null=True, on_delete=fields.RESTRICT)
    implementation = fields.ForeignKeyField(
        "catalogue.Implementation", related_name="applications", on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="applications", on_delete=fields.RESTRICT)
    handling_region_code = fields.CharField(max_length=6)
    bundle = fields.ForeignKeyField(
        "applications.ApplicationBundle", related_name="applications", null=True,
        on_delete=fields.RESTRICT)
    bundle_position = fields.SmallIntField(null=True)  # the member's place in its bundle
    matter_name = fields.CharField(max_length=128)
    implementation_code = fields.CharField(max_length=36)
    implementation_version = fields.IntField()
    promised_limit = fields.IntField()
    promised_limit_unit = fields.CharField(max_length=16)
    legal_limit = fields.IntField()
    legal_limit_unit = fields.CharField(max_length=16)
    # rules.ApplicationState, stored
    status = fields.CharField(max_length=24)
    suspended_from = fields.CharField(max_length=24, null=True)
    handover = fields.CharField(max_length=24, null=True)
    clock_paused = fields.BooleanField(default=False)
    mode = fields.CharField(max_length=16, default="NONE")
    receiving_region_code = fields.CharField(max_length=6, null=True)
    receiving_department = fields.ForeignKeyField(
        "models.Department", related_name="received_applications", null=True,
        on_delete=fields.RESTRICT)
    remarks = fields.TextField(default="")
    idempotency_key = fields.CharField(max_length=64)
    # The second factors of the anonymous progress lookup.
    query_code_enc = fields.TextField(null=True)
    phone_tail_index = fields.CharField(max_length=64, null=True)
    # Clock facts (Beijing dates) from which deadlines are computed on read.
    submitted_at = fields.DatetimeField(null=True)
    received_on = fields.DateField(null=True)
    accepted_on = fields.DateField(null=True)
    deemed_accepted = fields.BooleanField(default=False)
    decided_on = fields.DateField(null=True)
    decision_due = fields.DateField(null=True)
    on_time = fields.BooleanField(null=True)
    delivered_on = fields.DateField(null=True)
    pauses = fields.JSONField(default=list)  # [[begin, end or null], ...] ISO dates
    # The active deadline, or 9999-12-31 when none runs: the queue sort key.
    sort_due = fields.DateField()
    event_count = fields.IntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    class Meta:
        table = "application"
        unique_together = (("applicant", "idempotency_key"),)
        indexes = (("department_id", "sort_due", "id"),
                   ("receiving_department_id", "sort_due", "id"),
                   ("handling_region_code", "sort_due", "id"),
                   ("applicant_id", "created_at", "id"),
                   ("enterprise_id", "created_at", "id"),
                   ("department_id", "decided_on"))


class ApplicationMaterial(Model):
    """A file supplied for one material of the application, by its content hash."""

    id = fields.UUIDField(primary_key=True)
    application = fields.ForeignKeyField(
        "applications.Application", related_name="materials", on_delete=fields.CASCADE)
    material_id = fields.UUIDField()  # the material of the implementation version
    material_name = fields.CharField(max_length=200)
    file = fields.ForeignKeyField(
        "files.StoredFile", related_name="application_materials", on_delete=fields.RESTRICT)
    filename = fields.CharField(max_length=200, default="")
    added_during = fields.CharField(max_length=24)  # the status when it was added
    added_at = fields.DatetimeField()

    class Meta:
        table = "application_material"
        unique_together = (("application", "material_id", "file"),)


class ApplicationEvent(Model):
    """One entry of the timeline: who did what, when, with which details."""

    id = fields.UUIDField(primary_key=True)
    application = fields.ForeignKeyField(
        "applications.Application", related_name="events", on_delete=fields.CASCADE)
    position = fields.IntField()
    occurred_at = fields.DatetimeField()
    action = fields.CharField(max_length=32)
    from_status = fields.CharField(max_length=24, null=True)
    to_status = fields.CharField(max_length=24)
    actor = fields.ForeignKeyField(
        "models.Account", related_name="application_events", null=True,
        on_delete=fields.SET_NULL)
    actor_role = fields.CharField(max_length=24)
    actor_department = fields.ForeignKeyField(
        "models.Department", related_name="application_events", null=True,
        on_delete=fields.SET_NULL)
    side = fields.CharField(max_length=16)  # HANDLING | RECEIVING | ALL
    label = fields.CharField(max_length=128)
    detail = fields.JSONField(default=dict)

    class Meta:
        table = "application_event"
        unique_together = (("application", "position"),)


class ApplicationDocument(Model):
    """A written document issued on the application (receipt, notice, decision, licence)."""

    id = fields.UUIDField(primary_key=True)
    application = fields.ForeignKeyField(
        "applications.Application", related_name="documents", on_delete=fields.CASCADE)
    event = fields.ForeignKeyField(
        "applications.ApplicationEvent", related_name="documents", null=True,
        on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=32)
    number = fields.CharField(max_length=64, unique=True)
    title = fields.CharField(max_length=128)
    body = fields.TextField()
    data = fields.JSONField(default=dict)
    issued_at = fields.DatetimeField()

    class Meta:
        table = "application_document"


class ApplicationCounter(Model):
    """The daily sequence behind application numbers, per handling region."""

    id = fields.IntField(primary_key=True)
    region_code = fields.CharField(max_length=6)
    day = fields.DateField()
    last_sequence = fields.IntField(default=0)

    class Meta:
        table = "application_counter"
        unique_together = (("region_code", "day"),)


class Message(Model):
    """站内信: an in-app message to one account, usually about an application."""

    id = fields.UUIDField(primary_key=True)
    recipient = fields.ForeignKeyField(
        "models.Account", related_name="messages", on_delete=fields.CASCADE)
    application = fields.ForeignKeyField(
        "applications.Application", related_name="messages", null=True,
        on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=32)
    title = fields.CharField(max_length=128)
    body = fields.TextField()
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "message"
        indexes = (("recipient_id", "created_at", "id"), ("recipient_id", "read_at"))
