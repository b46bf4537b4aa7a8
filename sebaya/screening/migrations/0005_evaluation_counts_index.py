"""An index for the evaluation dashboards' counts of screening results by organization and
semester (evaluation/network.py, evaluation/context.py): measured in docs/PERFORMANCE.md."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("screening", "0004_organization_instrument")]

    operations = [
        migrations.AddIndex(
            model_name="administration",
            index=models.Index(fields=["organization", "created_at"], name="admin_eval_org_created"),
        ),
    ]
