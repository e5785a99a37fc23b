"""Policy library tables: documents, facets, matters to apply through, keywords, profiles."""

# Docstrings become SQL table comments: keep semicolons out of them.

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.catalogue.tables import CodePointCharField


class Policy(Model):
    """惠企政策文件. Region is empty for national policies, which apply everywhere."""

    id = fields.UUIDField(primary_key=True)
    title = fields.CharField(max_length=200)
    title_pinyin = fields.CharField(max_length=2048, default="")  # for ranking, see search
    document_number = fields.CharField(max_length=64, default="")  # 文号
    issuing_body = fields.CharField(max_length=128)
    level = fields.CharField(max_length=16)  # rules.Level
    region = fields.ForeignKeyField(
        "models.Region", related_name="policies", null=True, on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="policies", null=True, on_delete=fields.RESTRICT)
    issued_on = fields.DateField()
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    summary = fields.TextField(default="")
    full_text = fields.TextField(default="")
    attachments = fields.JSONField(default=list)  # [{"sha256": ..., "filename": ...}]
    status = fields.CharField(max_length=16)  # rules.Status
    published_at = fields.DatetimeField(null=True)
    retired_at = fields.DatetimeField(null=True)
    retired_reason = fields.CharField(max_length=200, null=True)
    created_by = fields.ForeignKeyField(
        "models.Account", related_name="policies", null=True, on_delete=fields.SET_NULL)
    client_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "policy"
        unique_together = (("created_by", "client_key"),)
        indexes = (("status", "issued_on"), ("region_id", "status", "issued_on"))


class PolicyFacet(Model):
    """One industry, enterprise size or support type of a policy. The value ANY means all."""

    id = fields.BigIntField(primary_key=True)
    policy = fields.ForeignKeyField("policies.Policy", related_name="facets",
                                    on_delete=fields.CASCADE)
    facet = fields.CharField(max_length=16)  # rules.Facet
    value = fields.CharField(max_length=32)

    class Meta:
        table = "policy_facet"
        unique_together = (("policy", "facet", "value"),)
        indexes = (("facet", "value"),)


class PolicyMatter(Model):
    """A matter to apply through, by its 基本编码 (the catalogue's national key)."""

    id = fields.BigIntField(primary_key=True)
    policy = fields.ForeignKeyField("policies.Policy", related_name="matters",
                                    on_delete=fields.CASCADE)
    basic_code = fields.CharField(max_length=12)
    position = fields.SmallIntField()

    class Meta:
        table = "policy_matter"
        unique_together = (("policy", "basic_code"),)


class PolicyKeyword(Model):
    """One search keyword of a policy title (the catalogue's keyword scheme)."""

    id = fields.BigIntField(primary_key=True)
    keyword = CodePointCharField(max_length=96)
    policy = fields.ForeignKeyField("policies.Policy", related_name="keywords",
                                    on_delete=fields.CASCADE)
    rank_class = fields.SmallIntField()

    class Meta:
        table = "policy_keyword"
        unique_together = (("keyword", "policy"),)


class EnterpriseProfile(Model):
    """What policy matching knows of an enterprise: its region, industry and size."""

    id = fields.UUIDField(primary_key=True)
    enterprise = fields.OneToOneField("models.Enterprise", related_name="policy_profile",
                                      on_delete=fields.CASCADE)
    region = fields.ForeignKeyField(
        "models.Region", related_name="enterprise_profiles", on_delete=fields.RESTRICT)
    industry = fields.CharField(max_length=32)  # vocabulary.Industry
    size = fields.CharField(max_length=16)  # vocabulary.EnterpriseSize
    updated_by = fields.ForeignKeyField(
        "models.Account", related_name="enterprise_profiles", null=True,
        on_delete=fields.SET_NULL)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "policy_enterprise_profile"
