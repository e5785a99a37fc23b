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
    dependencies = [('models', '0001_initial'), ('models', '0002_accounts_identity'), ('models', '0003_refresh_token_parent')]

    initial = True

    operations = [
        ops.CreateModel(
            name='EnterpriseProfile',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('enterprise', fields.OneToOneField('models.Enterprise', source_field='enterprise_id', db_constraint=True, to_field='id', related_name='policy_profile', on_delete=OnDelete.CASCADE)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='enterprise_profiles', on_delete=OnDelete.RESTRICT)),
                ('industry', fields.CharField(max_length=32)),
                ('size', fields.CharField(max_length=16)),
                ('updated_by', fields.ForeignKeyField('models.Account', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='enterprise_profiles', on_delete=OnDelete.SET_NULL)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'policy_enterprise_profile', 'app': 'policies', 'pk_attr': 'id', 'table_description': 'What policy matching knows of an enterprise: its region, industry and size.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Policy',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=200)),
                ('title_pinyin', fields.CharField(default='', max_length=2048)),
                ('document_number', fields.CharField(default='', max_length=64)),
                ('issuing_body', fields.CharField(max_length=128)),
                ('level', fields.CharField(max_length=16)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', null=True, db_constraint=True, to_field='code', related_name='policies', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='policies', on_delete=OnDelete.RESTRICT)),
                ('issued_on', fields.DateField()),
                ('valid_from', fields.DateField(null=True)),
                ('valid_to', fields.DateField(null=True)),
                ('summary', fields.TextField(default='', unique=False)),
                ('full_text', fields.TextField(default='', unique=False)),
                ('attachments', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharField(max_length=16)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('retired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('retired_reason', fields.CharField(null=True, max_length=200)),
                ('created_by', fields.ForeignKeyField('models.Account', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='policies', on_delete=OnDelete.SET_NULL)),
                ('client_key', fields.CharField(null=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'policy', 'app': 'policies', 'unique_together': (('created_by', 'client_key'),), 'indexes': [Index(fields=['status', 'issued_on']), Index(fields=['region_id', 'status', 'issued_on'])], 'pk_attr': 'id', 'table_description': '惠企政策文件. Region is empty for national policies, which apply everywhere.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PolicyFacet',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('policy', fields.ForeignKeyField('policies.Policy', source_field='policy_id', db_constraint=True, to_field='id', related_name='facets', on_delete=OnDelete.CASCADE)),
                ('facet', fields.CharField(max_length=16)),
                ('value', fields.CharField(max_length=32)),
            ],
            options={'table': 'policy_facet', 'app': 'policies', 'unique_together': (('policy', 'facet', 'value'),), 'indexes': [Index(fields=['facet', 'value'])], 'pk_attr': 'id', 'table_description': 'One industry, enterprise size or support type of a policy. The value ANY means all.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PolicyKeyword',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('keyword', CodePointCharField(max_length=96)),
                ('policy', fields.ForeignKeyField('policies.Policy', source_field='policy_id', db_constraint=True, to_field='id', related_name='keywords', on_delete=OnDelete.CASCADE)),
                ('rank_class', fields.SmallIntField()),
            ],
            options={'table': 'policy_keyword', 'app': 'policies', 'unique_together': (('keyword', 'policy'),), 'pk_attr': 'id', 'table_description': "One search keyword of a policy title (the catalogue's keyword scheme)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PolicyMatter',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('policy', fields.ForeignKeyField('policies.Policy', source_field='policy_id', db_constraint=True, to_field='id', related_name='matters', on_delete=OnDelete.CASCADE)),
                ('basic_code', fields.CharField(max_length=12)),
                ('position', fields.SmallIntField()),
            ],
            options={'table': 'policy_matter', 'app': 'policies', 'unique_together': (('policy', 'basic_code'),), 'pk_attr': 'id', 'table_description': "A matter to apply through, by its 基本编码 (the catalogue's national key)."},
            bases=['Model'],
        ),
    ]
