"""Accounts: citizens, enterprise users and staff, and their roles."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Account(Model):
    """账户. Personal data (phone, ID number) is stored only encrypted, with an
    HMAC blind index for lookup (see models/identity/pii.py)."""

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=16)  # CITIZEN | STAFF
    username = fields.CharField(max_length=64, unique=True, null=True)
    display_name = fields.CharField(max_length=64)
    password_hash = fields.CharField(max_length=255, null=True)
    roles = fields.JSONField(default=list)
    department = fields.ForeignKeyField(
        "models.Department", related_name="staff", null=True, on_delete=fields.RESTRICT
    )
    phone_enc = fields.TextField(null=True)
    phone_index = fields.CharField(max_length=64, null=True, unique=True)
    id_number_enc = fields.TextField(null=True)
    id_number_index = fields.CharField(max_length=64, null=True, unique=True)
    badge_number = fields.CharField(max_length=32, null=True)  # 执法证号
    enforcement_fields = fields.JSONField(default=list)
    legal_qualified = fields.BooleanField(default=False)
    is_active = fields.BooleanField(default=True)
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account"
