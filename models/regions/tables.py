"""Regions (GB/T 2260, with validity periods) and the departments in them."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Region(Model):
    """行政区划. Codes are never reused: a changed area gets a new row."""

    code = fields.CharField(max_length=6, primary_key=True)
    name = fields.CharField(max_length=64)
    level = fields.CharField(max_length=16)  # province | city | county
    parent = fields.ForeignKeyField(
        "models.Region", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)

    class Meta:
        table = "region"
        ordering = ["code"]


class Department(Model):
    """部门: a government department in one region."""

    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=128)
    short_name = fields.CharField(max_length=32)
    kind = fields.CharField(max_length=32)  # e.g. market, hrss, medical_insurance
    region = fields.ForeignKeyField(
        "models.Region", related_name="departments", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "department"
        ordering = ["code"]
