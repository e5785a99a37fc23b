"""好差评 tables: ratings, on-site rating codes, 差评 follow-up cases and their timeline,
and the per-region follow-up policy."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class OnSiteCode(Model):
    """现场评价码: a one-time code the clerk's screen shows for one window visit (一次一评).

    Only a hash of the code is kept: a leaked table must not let anyone rate. ``clerk``
    is null for codes from a window's rating pad (评价器) rather than a clerk's screen."""

    id = fields.UUIDField(primary_key=True)
    code_hash = fields.CharField(max_length=64, unique=True)
    department = fields.ForeignKeyField(
        "models.Department", related_name="rating_codes", on_delete=fields.RESTRICT)
    clerk = fields.ForeignKeyField(
        "models.Account", related_name="rating_codes", null=True, on_delete=fields.SET_NULL)
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="rating_codes", null=True, on_delete=fields.RESTRICT)
    issued_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "rating_on_site_code"


class Rating(Model):
    """好差评: one rating, online for one concluded application (一事一评) or on site for
    one window visit (一次一评). ``rater`` is never shown publicly; it is null for an
    anonymous on-site rating. ``valid`` turns false when an appeal is upheld."""

    id = fields.UUIDField(primary_key=True)
    channel = fields.CharField(max_length=8)  # ONLINE | ON_SITE
    application = fields.OneToOneField(
        "applications.Application", related_name="rating", null=True,
        on_delete=fields.RESTRICT)
    visit = fields.OneToOneField(
        "ratings.OnSiteCode", related_name="rating", null=True, on_delete=fields.RESTRICT)
    rater = fields.ForeignKeyField(
        "models.Account", related_name="ratings", null=True, on_delete=fields.SET_NULL)
    department = fields.ForeignKeyField(
        "models.Department", related_name="ratings", on_delete=fields.RESTRICT)
    region_code = fields.CharField(max_length=6)  # the department's region, for roll-ups
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="ratings", null=True, on_delete=fields.RESTRICT)
    matter_name = fields.CharField(max_length=128, default="")
    level = fields.SmallIntField()
    tags = fields.JSONField(default=list)
    comment = fields.TextField(null=True)
    bad = fields.BooleanField()
    valid = fields.BooleanField(default=True)
    idempotency_key = fields.CharField(max_length=64, null=True)
    rated_at = fields.DatetimeField()
    reply = fields.TextField(null=True)  # the department's public reply
    replied_at = fields.DatetimeField(null=True)
    followup_level = fields.SmallIntField(null=True)  # 追评
    followup_tags = fields.JSONField(default=list)
    followup_comment = fields.TextField(null=True)
    followup_at = fields.DatetimeField(null=True)

    class Meta:
        table = "rating"
        # Statistics scan one unit's date range and group by level.
        indexes = (("region_code", "rated_at"), ("department_id", "rated_at"),
                   ("matter_id", "rated_at"), ("rater_id", "rated_at"))


class RatingCase(Model):
    """差评回访整改工单: the follow-up of one 差评 (models/ratings/followup.py).

    The columns mirror ``FollowupCase``; ``next_due`` is the pending deadline (or
    9999-12-31) so queues sort by urgency; flags are computed on read."""

    id = fields.UUIDField(primary_key=True)
    rating = fields.OneToOneField(
        "ratings.Rating", related_name="case", on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="rating_cases", on_delete=fields.RESTRICT)
    region_code = fields.CharField(max_length=6)
    status = fields.CharField(max_length=16)
    status_before_appeal = fields.CharField(max_length=16, null=True)
    rated_at = fields.DatetimeField()
    contact_due = fields.DatetimeField()
    rectify_due = fields.DatetimeField()
    followup_wait_days = fields.IntField()
    next_due = fields.DatetimeField()
    contacted_at = fields.DatetimeField(null=True)
    fed_back_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    # One flag per deadline step (followup.Step) so sweeps filter in SQL.
    contact_escalated = fields.BooleanField(default=False)
    rectify_escalated = fields.BooleanField(default=False)
    appeal_used = fields.BooleanField(default=False)
    invalidated = fields.BooleanField(default=False)
    contact_summary = fields.TextField(null=True)
    rectify_plan = fields.TextField(null=True)
    feedback = fields.TextField(null=True)
    appeal_reason = fields.TextField(null=True)
    appealed_at = fields.DatetimeField(null=True)
    appeal_decision = fields.CharField(max_length=16, null=True)  # UPHELD | REJECTED
    appeal_comment = fields.TextField(null=True)
    appeal_decided_at = fields.DatetimeField(null=True)
    event_count = fields.IntField(default=0)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "rating_case"
        indexes = (("department_id", "next_due", "id"), ("region_code", "next_due", "id"),
                   ("status", "next_due"))


class RatingCaseEvent(Model):
    """One step on a case's timeline: who did what, when, and whether it was late."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField(
        "ratings.RatingCase", related_name="events", on_delete=fields.CASCADE)
    position = fields.IntField()
    action = fields.CharField(max_length=32)
    from_status = fields.CharField(max_length=16)
    to_status = fields.CharField(max_length=16)
    actor = fields.ForeignKeyField(
        "models.Account", related_name="rating_case_events", null=True,
        on_delete=fields.SET_NULL)
    actor_role = fields.CharField(max_length=24)
    occurred_at = fields.DatetimeField()
    late = fields.BooleanField(default=False)
    detail = fields.JSONField(default=dict)

    class Meta:
        table = "rating_case_event"
        unique_together = (("case", "position"),)


class RatingPolicy(Model):
    """Per-region override of the follow-up policy (and the on-site code lifetime).

    The most specific row among the county, its city and its province applies;
    without one, ``FollowupPolicy()``'s defaults do."""

    region_code = fields.CharField(max_length=6, primary_key=True)
    contact_hours = fields.IntField()
    rectify_days = fields.IntField()
    rectify_in_working_days = fields.BooleanField()
    followup_wait_days = fields.IntField()
    contact_warn_hours = fields.IntField()
    rectify_warn_days = fields.IntField()
    on_site_code_minutes = fields.IntField()
    updated_by = fields.ForeignKeyField(
        "models.Account", related_name="rating_policies", null=True, on_delete=fields.SET_NULL)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "rating_policy"
