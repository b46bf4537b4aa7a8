"""Referrals made before consent records existed carried their consent on the referral itself
(the person, or a named parent or guardian). Each becomes a consent record for the purpose
"referral", given on the day of the referral and recorded by the counselor who referred; how it
was given was not recorded then, so its method says so. Overrides stay overrides (no consent)."""

import zoneinfo

from django.db import migrations


def forwards(apps, schema_editor):
    Referral = apps.get_model("counseling", "Referral")
    Consent = apps.get_model("privacy", "Consent")
    referrals = Referral.objects.filter(consent__in=["person", "guardian"], consent_record__isnull=True)
    for referral in referrals.select_related("case", "organization").iterator():
        zone = zoneinfo.ZoneInfo(referral.organization.timezone)
        consent = Consent.objects.create(
            organization_id=referral.organization_id,
            person_id=referral.case.person_id,
            purpose="referral",
            given_by="self" if referral.consent == "person" else "guardian",
            giver_name=referral.consent_by_name if referral.consent == "guardian" else "",
            method="not_recorded",
            given_on=referral.created_at.astimezone(zone).date(),
            recorded_by_id=referral.created_by_id,
        )
        Consent.objects.filter(pk=consent.pk).update(recorded_at=referral.created_at)
        Referral.objects.filter(pk=referral.pk).update(consent_record=consent)


def backwards(apps, schema_editor):
    # The referral keeps its own consent fields, so going back only unlinks and removes the copies.
    Referral = apps.get_model("counseling", "Referral")
    Consent = apps.get_model("privacy", "Consent")
    Referral.objects.filter(consent_record__method="not_recorded").update(consent_record=None)
    Consent.objects.filter(method="not_recorded", referrals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_consent"),
        ("counseling", "0006_referral_consent_record"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
