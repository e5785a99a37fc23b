"""Accounts: citizens, enterprise users and staff; enterprises; handheld
activation; third-party clients; refresh tokens; the security audit log."""

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
    # True when the real name came from the identity provider (实名认证), not
    # typed in by the citizen.
    real_name_verified = fields.BooleanField(default=False, db_default=False)
    badge_number = fields.CharField(max_length=32, null=True)  # 执法证号
    enforcement_fields = fields.JSONField(default=list)
    legal_qualified = fields.BooleanField(default=False)
    # The handheld (掌上执法) this account is bound to; tokens issued on it carry it.
    device_id = fields.CharField(max_length=128, null=True)
    device_bound_at = fields.DatetimeField(null=True)
    is_active = fields.BooleanField(default=True)
    failed_logins = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account"


class Enterprise(Model):
    """企业 (or other organisation with a 统一社会信用代码, which is public data)."""

    id = fields.UUIDField(primary_key=True)
    credit_code = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enterprise"


class EnterpriseLink(Model):
    """A person's right to act for an enterprise, with the role they act in."""

    id = fields.UUIDField(primary_key=True)
    enterprise = fields.ForeignKeyField("models.Enterprise", related_name="links",
                                        on_delete=fields.CASCADE)
    account = fields.ForeignKeyField("models.Account", related_name="enterprise_links",
                                     on_delete=fields.CASCADE)
    role = fields.CharField(max_length=32)  # LEGAL_REPRESENTATIVE | AGENT
    source = fields.CharField(max_length=16)  # IDP | STAFF | SEED
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enterprise_link"
        unique_together = (("enterprise", "account"),)


class DeviceActivation(Model):
    """An activation code an admin issued for a handheld account, and its use."""

    id = fields.UUIDField(primary_key=True)
    account = fields.ForeignKeyField("models.Account", related_name="device_activations",
                                     on_delete=fields.CASCADE)
    # copied from the account at issue time: the statistics are per department
    department = fields.ForeignKeyField("models.Department", related_name="device_activations",
                                        on_delete=fields.RESTRICT)
    code_hash = fields.CharField(max_length=64, unique=True)
    issued_by = fields.ForeignKeyField("models.Account", related_name="issued_activations",
                                       null=True, on_delete=fields.SET_NULL)
    issued_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    superseded_at = fields.DatetimeField(null=True)
    activated_at = fields.DatetimeField(null=True)
    device_id = fields.CharField(max_length=128, null=True)

    class Meta:
        table = "device_activation"


class ApiClient(Model):
    """A registered third-party application (client-credentials grant)."""

    id = fields.UUIDField(primary_key=True)
    client_id = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=128)
    secret_hash = fields.CharField(max_length=255)
    scopes = fields.JSONField(default=list)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "api_client"


class RefreshToken(Model):
    """One opaque refresh token (stored as its SHA-256). Tokens rotated from one
    sign-in share a ``family_id``; presenting a used one revokes the family."""

    id = fields.UUIDField(primary_key=True)
    family_id = fields.UUIDField(db_index=True)
    parent_id = fields.UUIDField(null=True, db_index=True)  # the token this one replaced
    token_hash = fields.CharField(max_length=64, unique=True)
    account = fields.ForeignKeyField("models.Account", related_name="refresh_tokens",
                                     on_delete=fields.CASCADE)
    device_id = fields.CharField(max_length=128, null=True)
    enterprise_id = fields.UUIDField(null=True)  # the enterprise the session acts for
    # the access token issued with this refresh token, revoked with the family
    access_jti = fields.CharField(max_length=64, db_index=True)
    access_expires_at = fields.IntField()
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_token"


class SecurityEvent(Model):
    """安全审计日志: sign-ins, failures, lockouts, token reuse, refusals.
    ``detail`` never holds a full phone or ID number."""

    id = fields.UUIDField(primary_key=True)
    occurred_at = fields.DatetimeField(db_index=True)
    kind = fields.CharField(max_length=32, db_index=True)
    account = fields.ForeignKeyField("models.Account", related_name="security_events",
                                     null=True, on_delete=fields.SET_NULL)
    client_id = fields.CharField(max_length=64, null=True)
    ip = fields.CharField(max_length=64, default="")
    request_id = fields.CharField(max_length=64, default="")
    detail = fields.JSONField(default=dict)

    class Meta:
        table = "security_event"
