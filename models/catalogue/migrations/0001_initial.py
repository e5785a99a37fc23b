from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from models.catalogue.tables import CodePointCharField
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='LifeEvent',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=16)),
                ('name', fields.CharField(max_length=128)),
                ('for_person', fields.BooleanField(default=False)),
                ('for_legal_entity', fields.BooleanField(default=False)),
                ('lead_department_kind', fields.CharField(max_length=32)),
                ('linked_services', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'catalogue_life_event', 'app': 'catalogue', 'pk_attr': 'id', 'table_description': '一件事: one application that fans out to several matters in several departments.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Matter',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('basic_code', fields.CharField(unique=True, max_length=12)),
                ('name', fields.CharField(max_length=128)),
                ('name_pinyin', fields.CharField(default='', max_length=1024)),
                ('matter_type', fields.CharField(max_length=24)),
                ('department_kind', fields.CharField(max_length=32)),
                ('for_person', fields.BooleanField(default=False)),
                ('for_legal_entity', fields.BooleanField(default=False)),
                ('theme', fields.CharField(db_index=True, max_length=32)),
                ('levels', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('legal_basis', fields.TextField(unique=False)),
                ('business_licence', fields.BooleanField(default=False)),
                ('licence_reform_mode', fields.CharField(null=True, max_length=32)),
                ('aliases', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'catalogue_matter', 'app': 'catalogue', 'pk_attr': 'id', 'table_description': '政务服务事项 (基本目录): one row per matter, keyed by its 12-character 基本编码.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Implementation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('code', fields.CharField(max_length=36)),
                ('version', fields.IntField()),
                ('status', fields.CharField(max_length=16)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', db_constraint=True, to_field='id', related_name='implementations', on_delete=OnDelete.RESTRICT)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='catalogue_implementations', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='catalogue_implementations', on_delete=OnDelete.RESTRICT)),
                ('acceptance_conditions', fields.TextField(default='', unique=False)),
                ('legal_limit', fields.IntField()),
                ('legal_limit_unit', fields.CharField(max_length=16)),
                ('promised_limit', fields.IntField()),
                ('promised_limit_unit', fields.CharField(max_length=16)),
                ('case_type', fields.CharField(max_length=16)),
                ('handling_form', fields.CharField(max_length=16)),
                ('onsite_visits', fields.SmallIntField()),
                ('service_scope', fields.CharField(max_length=24)),
                ('cross_fully_online', fields.BooleanField(default=False)),
                ('cross_proxy', fields.BooleanField(default=False)),
                ('cross_multi_place', fields.BooleanField(default=False)),
                ('delegation', fields.CharField(default='NONE', max_length=16)),
                ('delegated_from_region', fields.CharField(null=True, max_length=6)),
                ('address', fields.CharField(default='', max_length=256)),
                ('office_hours', fields.CharField(default='', max_length=128)),
                ('consult_phone', fields.CharField(default='', max_length=32)),
                ('complaint_phone', fields.CharField(default='', max_length=32)),
                ('online_url', fields.CharField(default='', max_length=256)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('retired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('retired_reason', fields.CharField(null=True, max_length=16)),
                ('created_by', fields.ForeignKeyField('models.Account', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='catalogue_drafts', on_delete=OnDelete.SET_NULL)),
                ('idempotency_key', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalogue_implementation', 'app': 'catalogue', 'unique_together': (('code', 'version'), ('created_by', 'idempotency_key')), 'indexes': [Index(fields=['region_id', 'status', 'code']), Index(fields=['status', 'code']), Index(fields=['matter_id', 'status', 'region_id']), Index(fields=['department_id', 'status', 'code'])], 'pk_attr': 'id', 'table_description': 'One version of a 实施清单 entry: a matter as one department of one region'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ImplementationFee',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('implementation', fields.ForeignKeyField('catalogue.Implementation', source_field='implementation_id', db_constraint=True, to_field='id', related_name='fees', on_delete=OnDelete.CASCADE)),
                ('position', fields.SmallIntField()),
                ('name', fields.CharField(max_length=128)),
                ('amount_fen', fields.IntField()),
                ('unit', fields.CharField(default='', max_length=16)),
                ('basis', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'catalogue_fee', 'app': 'catalogue', 'indexes': [Index(fields=['implementation_id', 'position'])], 'pk_attr': 'id', 'table_description': '收费项目 of one implementation version (amounts in 分).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ImplementationMaterial',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('implementation', fields.ForeignKeyField('catalogue.Implementation', source_field='implementation_id', db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE)),
                ('position', fields.SmallIntField()),
                ('name', fields.CharField(max_length=200)),
                ('form', fields.CharField(max_length=16)),
                ('copies', fields.SmallIntField(default=1)),
                ('required', fields.BooleanField(default=True)),
                ('deferrable', fields.BooleanField(default=False)),
                ('source', fields.CharField(default='', max_length=64)),
                ('note', fields.CharField(default='', max_length=256)),
                ('template_sha256', fields.CharField(null=True, max_length=64)),
                ('template_filename', fields.CharField(null=True, max_length=200)),
            ],
            options={'table': 'catalogue_material', 'app': 'catalogue', 'indexes': [Index(fields=['implementation_id', 'position'])], 'pk_attr': 'id', 'table_description': '申请材料 of one implementation version (``deferrable``: 容缺受理).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LifeEventMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('life_event', fields.ForeignKeyField('catalogue.LifeEvent', source_field='life_event_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', db_constraint=True, to_field='id', related_name='life_event_memberships', on_delete=OnDelete.RESTRICT)),
                ('position', fields.SmallIntField()),
            ],
            options={'table': 'catalogue_life_event_member', 'app': 'catalogue', 'unique_together': (('life_event', 'matter'),), 'pk_attr': 'id', 'table_description': 'A matter inside a 一件事, in the order the applicant meets it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MatterKeyword',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('keyword', CodePointCharField(max_length=96)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', db_constraint=True, to_field='id', related_name='keywords', on_delete=OnDelete.CASCADE)),
                ('rank_class', fields.SmallIntField()),
            ],
            options={'table': 'catalogue_keyword', 'app': 'catalogue', 'indexes': [Index(fields=['keyword', 'matter_id', 'rank_class'])], 'pk_attr': 'id', 'table_description': 'One search keyword of a matter (see search_terms.py): a query term'},
            bases=['Model'],
        ),
    ]
