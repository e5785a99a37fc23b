from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_accounts_identity')]

    initial = False

    operations = [
        ops.AddField(
            model_name='RefreshToken',
            name='parent_id',
            field=fields.UUIDField(null=True, db_index=True),
        ),
    ]
