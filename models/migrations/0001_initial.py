from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Region',
            fields=[
                ('code', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=6)),
                ('name', fields.CharField(max_length=64)),
                ('level', fields.CharField(max_length=16)),
                ('parent', fields.ForeignKeyField('models.Region', source_field='parent_id', null=True, db_constraint=True, to_field='code', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('valid_from', fields.DateField(null=True)),
                ('valid_to', fields.DateField(null=True)),
            ],
            options={'table': 'region', 'app': 'models', 'pk_attr': 'code', 'table_description': '行政区划. Codes are never reused: a changed area gets a new row.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Department',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=128)),
                ('short_name', fields.CharField(max_length=32)),
                ('kind', fields.CharField(max_length=32)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='departments', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'department', 'app': 'models', 'pk_attr': 'id', 'table_description': '部门: a government department in one region.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Account',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('username', fields.CharField(null=True, unique=True, max_length=64)),
                ('display_name', fields.CharField(max_length=64)),
                ('password_hash', fields.CharField(null=True, max_length=255)),
                ('roles', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='staff', on_delete=OnDelete.RESTRICT)),
                ('phone_enc', fields.TextField(null=True, unique=False)),
                ('phone_index', fields.CharField(null=True, unique=True, max_length=64)),
                ('id_number_enc', fields.TextField(null=True, unique=False)),
                ('id_number_index', fields.CharField(null=True, unique=True, max_length=64)),
                ('badge_number', fields.CharField(null=True, max_length=32)),
                ('enforcement_fields', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('legal_qualified', fields.BooleanField(default=False)),
                ('is_active', fields.BooleanField(default=True)),
                ('failed_logins', fields.IntField(default=0)),
                ('locked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'account', 'app': 'models', 'pk_attr': 'id', 'table_description': '账户. Personal data (phone, ID number) is stored only encrypted, with an'},
            bases=['Model'],
        ),
    ]
