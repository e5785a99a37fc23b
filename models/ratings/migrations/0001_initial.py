from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('applications', '0001_initial'), ('catalogue', '0001_initial'), ('models', '0001_initial'), ('models', '0002_accounts_identity'), ('models', '0003_refresh_token_parent')]

    initial = True

    operations = [
        ops.CreateModel(
            name='OnSiteCode',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('code_hash', fields.CharField(unique=True, max_length=64)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='rating_codes', on_delete=OnDelete.RESTRICT)),
                ('clerk', fields.ForeignKeyField('models.Account', source_field='clerk_id', null=True, db_constraint=True, to_field='id', related_name='rating_codes', on_delete=OnDelete.SET_NULL)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', null=True, db_constraint=True, to_field='id', related_name='rating_codes', on_delete=OnDelete.RESTRICT)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rating_on_site_code', 'app': 'ratings', 'pk_attr': 'id', 'table_description': "现场评价码: a one-time code the clerk's screen shows for one window visit (一次一评)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Rating',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('channel', fields.CharField(max_length=8)),
                ('application', fields.OneToOneField('applications.Application', source_field='application_id', null=True, db_constraint=True, to_field='id', related_name='rating', on_delete=OnDelete.RESTRICT)),
                ('visit', fields.OneToOneField('ratings.OnSiteCode', source_field='visit_id', null=True, db_constraint=True, to_field='id', related_name='rating', on_delete=OnDelete.RESTRICT)),
                ('rater', fields.ForeignKeyField('models.Account', source_field='rater_id', null=True, db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.SET_NULL)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('region_code', fields.CharField(max_length=6)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', null=True, db_constraint=True, to_field='id', related_name='ratings', on_delete=OnDelete.RESTRICT)),
                ('matter_name', fields.CharField(default='', max_length=128)),
                ('level', fields.SmallIntField()),
                ('tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('comment', fields.TextField(null=True, unique=False)),
                ('bad', fields.BooleanField()),
                ('valid', fields.BooleanField(default=True)),
                ('idempotency_key', fields.CharField(null=True, max_length=64)),
                ('rated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('reply', fields.TextField(null=True, unique=False)),
                ('replied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('followup_level', fields.SmallIntField(null=True)),
                ('followup_tags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('followup_comment', fields.TextField(null=True, unique=False)),
                ('followup_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rating', 'app': 'ratings', 'indexes': [Index(fields=['region_code', 'rated_at']), Index(fields=['department_id', 'rated_at']), Index(fields=['matter_id', 'rated_at']), Index(fields=['rater_id', 'rated_at'])], 'pk_attr': 'id', 'table_description': '好差评: one rating, online for one concluded application (一事一评) or on site for'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RatingCase',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('rating', fields.OneToOneField('ratings.Rating', source_field='rating_id', db_constraint=True, to_field='id', related_name='case', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='rating_cases', on_delete=OnDelete.RESTRICT)),
                ('region_code', fields.CharField(max_length=6)),
                ('status', fields.CharField(max_length=16)),
                ('status_before_appeal', fields.CharField(null=True, max_length=16)),
                ('rated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('contact_due', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('rectify_due', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('followup_wait_days', fields.IntField()),
                ('next_due', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('contacted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('fed_back_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('contact_escalated', fields.BooleanField(default=False)),
                ('rectify_escalated', fields.BooleanField(default=False)),
                ('appeal_used', fields.BooleanField(default=False)),
                ('invalidated', fields.BooleanField(default=False)),
                ('contact_summary', fields.TextField(null=True, unique=False)),
                ('rectify_plan', fields.TextField(null=True, unique=False)),
                ('feedback', fields.TextField(null=True, unique=False)),
                ('appeal_reason', fields.TextField(null=True, unique=False)),
                ('appealed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('appeal_decision', fields.CharField(null=True, max_length=16)),
                ('appeal_comment', fields.TextField(null=True, unique=False)),
                ('appeal_decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('event_count', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rating_case', 'app': 'ratings', 'indexes': [Index(fields=['department_id', 'next_due', 'id']), Index(fields=['region_code', 'next_due', 'id']), Index(fields=['status', 'next_due'])], 'pk_attr': 'id', 'table_description': '差评回访整改工单: the follow-up of one 差评 (models/ratings/followup.py).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RatingCaseEvent',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('ratings.RatingCase', source_field='case_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('action', fields.CharField(max_length=32)),
                ('from_status', fields.CharField(max_length=16)),
                ('to_status', fields.CharField(max_length=16)),
                ('actor', fields.ForeignKeyField('models.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='rating_case_events', on_delete=OnDelete.SET_NULL)),
                ('actor_role', fields.CharField(max_length=24)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('late', fields.BooleanField(default=False)),
                ('detail', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
            ],
            options={'table': 'rating_case_event', 'app': 'ratings', 'unique_together': (('case', 'position'),), 'pk_attr': 'id', 'table_description': "One step on a case's timeline: who did what, when, and whether it was late."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RatingPolicy',
            fields=[
                ('region_code', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=6)),
                ('contact_hours', fields.IntField()),
                ('rectify_days', fields.IntField()),
                ('rectify_in_working_days', fields.BooleanField()),
                ('followup_wait_days', fields.IntField()),
                ('contact_warn_hours', fields.IntField()),
                ('rectify_warn_days', fields.IntField()),
                ('on_site_code_minutes', fields.IntField()),
                ('updated_by', fields.ForeignKeyField('models.Account', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='rating_policies', on_delete=OnDelete.SET_NULL)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rating_policy', 'app': 'ratings', 'pk_attr': 'region_code', 'table_description': 'Per-region override of the follow-up policy (and the on-site code lifetime).'},
            bases=['Model'],
        ),
    ]
