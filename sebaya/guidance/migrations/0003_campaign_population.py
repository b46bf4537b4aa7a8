"""A campaign's audience becomes two fields, like a screening round's: `population` and
`population_value`, split from the text "organization", "grade:<grade>" or "class:<class name>"."""

from django.db import migrations, models


def split_audience(apps, schema_editor):
    Campaign = apps.get_model("guidance", "Campaign")
    for campaign in Campaign.objects.all().only("pk", "audience"):
        population, _sep, value = (campaign.audience or "organization").partition(":")
        value = value.strip()
        if population not in {"grade", "class"} or not value:
            population, value = "organization", ""
        Campaign.objects.filter(pk=campaign.pk).update(population=population, population_value=value)


def join_audience(apps, schema_editor):
    Campaign = apps.get_model("guidance", "Campaign")
    for campaign in Campaign.objects.all().only("pk", "population", "population_value"):
        audience = (
            f"{campaign.population}:{campaign.population_value}"
            if campaign.population in {"grade", "class"} and campaign.population_value
            else "organization"
        )
        Campaign.objects.filter(pk=campaign.pk).update(audience=audience)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0002_activities"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="population",
            field=models.CharField(
                choices=[("organization", "The whole organization"), ("grade", "A grade"), ("class", "A class")],
                default="organization",
                max_length=20,
                verbose_name="for whom",
            ),
        ),
        migrations.AddField(
            model_name="campaign",
            name="population_value",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.RunPython(split_audience, join_audience),
        migrations.RemoveField(
            model_name="campaign",
            name="audience",
        ),
    ]
