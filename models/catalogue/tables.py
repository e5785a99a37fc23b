"""Catalogue tables: 基本目录 matters, versioned 实施清单 entries, 一件事 bundles, keywords."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CodePointCharField(fields.CharField):
    """VARCHAR that sorts by code point on every database.

    Keyword search is a prefix range scan (``keyword >= t AND keyword < t +
    U+10FFFF``), which is only right under code-point order. SQLite's default
    BINARY collation is that already; PostgreSQL follows the database's locale
    unless the column says ``COLLATE "C"``.
    """

    class _db_postgres:
        def __init__(self, field: CodePointCharField) -> None:
            self.field = field

        @property
        def SQL_TYPE(self) -> str:  # tortoise's attribute name
            return f'VARCHAR({self.field.max_length}) COLLATE "C"'


class Matter(Model):
    """政务服务事项 (基本目录): one row per matter, keyed by its 12-character 基本编码."""

    id = fields.UUIDField(primary_key=True)
    basic_code = fields.CharField(max_length=12, unique=True)
    name = fields.CharField(max_length=128)
    # Toneless pinyin syllables of the name, space-separated: ranking reads it
    # instead of running pypinyin over every candidate at query time.
    name_pinyin = fields.CharField(max_length=1024, default="")
    matter_type = fields.CharField(max_length=24)  # rules.MatterType
    department_kind = fields.CharField(max_length=32)  # responsible kind, e.g. market
    for_person = fields.BooleanField(default=False)
    for_legal_entity = fields.BooleanField(default=False)
    theme = fields.CharField(max_length=32, db_index=True)
    levels = fields.JSONField(default=list)  # 行使层级: 省级 / 市级 / 县级
    legal_basis = fields.TextField()
    business_licence = fields.BooleanField(default=False)  # 涉企经营许可
    licence_reform_mode = fields.CharField(max_length=32, null=True)  # rules.LicenceReformMode
    aliases = fields.JSONField(default=list)  # extra search names (俗称)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "catalogue_matter"
        ordering = ["basic_code"]


class Implementation(Model):
    """One version of a 实施清单 entry: a matter as one department of one region
    carries it out. ``code`` (实施编码) is shared by every version of the entry;
    ``id`` names this version and never changes, so an application filed under
    it keeps exactly the terms it was filed under. A published version is
    immutable: a change is a new draft version."""

    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=36)
    version = fields.IntField()
    status = fields.CharField(max_length=16)  # rules.Status
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="implementations", on_delete=fields.RESTRICT)
    region = fields.ForeignKeyField(
        "models.Region", related_name="catalogue_implementations", on_delete=fields.RESTRICT)
    department = fields.ForeignKeyField(
        "models.Department", related_name="catalogue_implementations",
        on_delete=fields.RESTRICT)
    acceptance_conditions = fields.TextField(default="")
    legal_limit = fields.IntField()
    legal_limit_unit = fields.CharField(max_length=16)  # rules.TimeUnit
    promised_limit = fields.IntField()
    promised_limit_unit = fields.CharField(max_length=16)
    case_type = fields.CharField(max_length=16)  # rules.CaseType
    handling_form = fields.CharField(max_length=16)  # rules.HandlingForm
    onsite_visits = fields.SmallIntField()
    service_scope = fields.CharField(max_length=24)  # rules.ServiceScope
    # 跨省通办 modes as three flags so each is a plain indexed-friendly filter.
    cross_fully_online = fields.BooleanField(default=False)
    cross_proxy = fields.BooleanField(default=False)
    cross_multi_place = fields.BooleanField(default=False)
    delegation = fields.CharField(max_length=16, default="NONE")  # rules.Delegation
    delegated_from_region = fields.CharField(max_length=6, null=True)
    address = fields.CharField(max_length=256, default="")
    office_hours = fields.CharField(max_length=128, default="")
    consult_phone = fields.CharField(max_length=32, default="")
    complaint_phone = fields.CharField(max_length=32, default="")
    online_url = fields.CharField(max_length=256, default="")
    published_at = fields.DatetimeField(null=True)
    retired_at = fields.DatetimeField(null=True)
    retired_reason = fields.CharField(max_length=16, null=True)  # rules.RetiredReason
    created_by = fields.ForeignKeyField(
        "models.Account", related_name="catalogue_drafts", null=True, on_delete=fields.SET_NULL)
    idempotency_key = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "catalogue_implementation"
        unique_together = (("code", "version"), ("created_by", "idempotency_key"))
        # Lists read published rows of one region (or all) in code order;
        # search and "the implementation in region X" go through the matter.
        indexes = (("region_id", "status", "code"), ("status", "code"),
                   ("matter_id", "status", "region_id"), ("department_id", "status", "code"))


class ImplementationMaterial(Model):
    """申请材料 of one implementation version (``deferrable``: 容缺受理)."""

    id = fields.UUIDField(primary_key=True)
    implementation = fields.ForeignKeyField(
        "catalogue.Implementation", related_name="materials", on_delete=fields.CASCADE)
    position = fields.SmallIntField()
    name = fields.CharField(max_length=200)
    form = fields.CharField(max_length=16)  # rules.MaterialForm
    copies = fields.SmallIntField(default=1)
    required = fields.BooleanField(default=True)
    deferrable = fields.BooleanField(default=False)
    source = fields.CharField(max_length=64, default="")  # 来源渠道
    note = fields.CharField(max_length=256, default="")
    template_sha256 = fields.CharField(max_length=64, null=True)  # in the file store
    template_filename = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "catalogue_material"
        indexes = (("implementation_id", "position"),)


class ImplementationFee(Model):
    """收费项目 of one implementation version (amounts in 分)."""

    id = fields.UUIDField(primary_key=True)
    implementation = fields.ForeignKeyField(
        "catalogue.Implementation", related_name="fees", on_delete=fields.CASCADE)
    position = fields.SmallIntField()
    name = fields.CharField(max_length=128)
    amount_fen = fields.IntField()
    unit = fields.CharField(max_length=16, default="")
    basis = fields.TextField(default="")

    class Meta:
        table = "catalogue_fee"
        indexes = (("implementation_id", "position"),)


class LifeEvent(Model):
    """一件事: one application that fans out to several matters in several departments."""

    id = fields.UUIDField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=128)
    for_person = fields.BooleanField(default=False)
    for_legal_entity = fields.BooleanField(default=False)
    lead_department_kind = fields.CharField(max_length=32)
    # Steps done by bodies outside the catalogue (utilities, banks): shown, not applied for.
    linked_services = fields.JSONField(default=list)

    class Meta:
        table = "catalogue_life_event"
        ordering = ["code"]


class LifeEventMember(Model):
    """A matter inside a 一件事, in the order the applicant meets it."""

    id = fields.IntField(primary_key=True)
    life_event = fields.ForeignKeyField(
        "catalogue.LifeEvent", related_name="members", on_delete=fields.CASCADE)
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="life_event_memberships", on_delete=fields.RESTRICT)
    position = fields.SmallIntField()

    class Meta:
        table = "catalogue_life_event_member"
        unique_together = (("life_event", "matter"),)


class MatterKeyword(Model):
    """One search keyword of a matter (see search_terms.py): a query term
    matches when it is a prefix of a keyword, a range scan on this index."""

    id = fields.BigIntField(primary_key=True)
    keyword = CodePointCharField(max_length=96)
    matter = fields.ForeignKeyField(
        "catalogue.Matter", related_name="keywords", on_delete=fields.CASCADE)
    rank_class = fields.SmallIntField()  # search_terms.KEYWORD_* (lower is closer to the name)

    class Meta:
        table = "catalogue_keyword"
        # Covers the search statement (range on keyword, then matter and class):
        # PostgreSQL answers it from the index alone. Rows are unique by
        # construction (keywords.index_matters writes a matter's set at once).
        indexes = (("keyword", "matter_id", "rank_class"),)
