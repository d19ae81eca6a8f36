from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0015_case_restrictions"),
    ]

    operations = []
