from django.core.management import call_command
from django.db import migrations


def _create_cache_table(apps, schema_editor):
    """The database cache table (rate limits) comes with the schema, so `migrate` is all a
    new machine or a test database needs. Harmless when the cache is Redis."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("dorsi", "0006_plan_mode_from_core_codes"),
    ]

    operations = [
        migrations.RunPython(_create_cache_table, migrations.RunPython.noop),
    ]
