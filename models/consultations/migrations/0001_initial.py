from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('catalogue', '0001_initial'), ('models', '0001_initial'), ('models', '0002_accounts_identity'), ('models', '0003_refresh_token_parent')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Consultation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=20)),
                ('kind', fields.CharField(max_length=16)),
                ('status', fields.CharField(max_length=16)),
                ('title', fields.CharField(max_length=60)),
                ('content', fields.TextField(unique=False)),
                ('sender_account', fields.ForeignKeyField('models.Account', source_field='sender_account_id', db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('sender_enterprise', fields.ForeignKeyField('models.Enterprise', source_field='sender_enterprise_id', null=True, db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('query_code_enc', fields.TextField(null=True, unique=False)),
                ('client_key', fields.CharField(max_length=64)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('matter', fields.ForeignKeyField('catalogue.Matter', source_field='matter_id', null=True, db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('application_ref', fields.CharField(null=True, max_length=64)),
                ('attachments', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('answer_source', fields.CharField(null=True, max_length=8)),
                ('reply', fields.TextField(null=True, unique=False)),
                ('replied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('first_replied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('handling_days', fields.IntField(null=True)),
                ('on_time', fields.BooleanField(null=True)),
                ('rating', fields.SmallIntField(null=True)),
                ('reopen_count', fields.SmallIntField(default=0)),
                ('escalated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('time_limit_days', fields.SmallIntField()),
                ('clock_started_on', fields.DateField()),
                ('due_on', fields.DateField()),
                ('due_provisional', fields.BooleanField(default=False)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revision', fields.SmallIntField(default=0)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'consultation', 'app': 'consultations', 'unique_together': (('sender_account', 'client_key'),), 'indexes': [Index(fields=['department_id', 'status', 'due_on']), Index(fields=['region_id', 'status', 'due_on']), Index(fields=['sender_account_id', 'submitted_at']), Index(fields=['submitted_at'])], 'pk_attr': 'id', 'table_description': '诉求 (咨询, 投诉, 建议, 求助) sent by a citizen, an enterprise user or a verified phone.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationEvaluation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('consultation', fields.ForeignKeyField('consultations.Consultation', source_field='consultation_id', db_constraint=True, to_field='id', related_name='evaluations', on_delete=OnDelete.CASCADE)),
                ('round', fields.SmallIntField()),
                ('rating', fields.SmallIntField()),
                ('comment', fields.CharField(default='', max_length=500)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='consultation_evaluations', on_delete=OnDelete.RESTRICT)),
                ('answer_source', fields.CharField(max_length=8)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation_evaluation', 'app': 'consultations', 'unique_together': (('consultation', 'round'),), 'pk_attr': 'id', 'table_description': '满意度评价 of one reply round (a reopened consultation is rated again).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationEvent',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('consultation', fields.ForeignKeyField('consultations.Consultation', source_field='consultation_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('sequence', fields.SmallIntField()),
                ('action', fields.CharField(max_length=16)),
                ('label', fields.CharField(max_length=64)),
                ('from_status', fields.CharField(null=True, max_length=16)),
                ('to_status', fields.CharField(max_length=16)),
                ('actor_role', fields.CharField(max_length=16)),
                ('actor', fields.ForeignKeyField('models.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='consultation_events', on_delete=OnDelete.SET_NULL)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='consultation_events', on_delete=OnDelete.RESTRICT)),
                ('from_department', fields.ForeignKeyField('models.Department', source_field='from_department_id', null=True, db_constraint=True, to_field='id', related_name='consultation_events_from', on_delete=OnDelete.RESTRICT)),
                ('note', fields.TextField(default='', unique=False)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation_event', 'app': 'consultations', 'unique_together': (('consultation', 'sequence'),), 'pk_attr': 'id', 'table_description': "One step on a consultation's timeline: who did what, when, and where it went."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationFaq',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('question', fields.CharField(max_length=200)),
                ('answer', fields.TextField(unique=False)),
                ('keywords', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('kind', fields.CharField(null=True, max_length=16)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', null=True, db_constraint=True, to_field='code', related_name='consultation_faqs', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('models.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='consultation_faqs', on_delete=OnDelete.RESTRICT)),
                ('active', fields.BooleanField(default=True)),
                ('created_by', fields.ForeignKeyField('models.Account', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='consultation_faqs', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'consultation_faq', 'app': 'consultations', 'indexes': [Index(fields=['active', 'region_id'])], 'pk_attr': 'id', 'table_description': '常见问题: an answer given automatically when a message contains all its keywords.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationRoute',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('keyword', fields.CharField(max_length=32)),
                ('department_kind', fields.CharField(max_length=32)),
                ('kind', fields.CharField(null=True, max_length=16)),
                ('region_prefix', fields.CharField(default='', max_length=6)),
                ('priority', fields.SmallIntField(default=0)),
            ],
            options={'table': 'consultation_route', 'app': 'consultations', 'unique_together': (('keyword', 'kind', 'region_prefix'),), 'pk_attr': 'id', 'table_description': '路由规则: a keyword (for a kind, under a region prefix) naming the department kind.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationTimeLimit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='consultation_time_limits', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(max_length=16)),
                ('working_days', fields.SmallIntField()),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'consultation_time_limit', 'app': 'consultations', 'unique_together': (('region', 'kind'),), 'pk_attr': 'id', 'table_description': "A region's own time limit for one kind, in working days (overrides the default)."},
            bases=['Model'],
        ),
    ]
