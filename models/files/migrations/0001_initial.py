from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='StoredFile',
            fields=[
                ('sha256', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('size', fields.IntField()),
                ('content_type', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'stored_file', 'app': 'files', 'pk_attr': 'sha256', 'table_description': 'A content-addressed file (材料, 证据照片, 导入文件). The bytes live in the'},
            bases=['Model'],
        ),
    ]
