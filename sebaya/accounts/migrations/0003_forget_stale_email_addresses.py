"""allauth kept copies of account addresses (EmailAddress), some written by a public reset request
and some outdated once an admin changed the address. Sebaya uses `User.email` only; a stale copy
could let the previous owner of an address sign in by it. Forget the copies that no longer match."""

from django.db import migrations


def forget_stale(apps, schema_editor):
    EmailAddress = apps.get_model("account", "EmailAddress")
    stale = [
        address.pk
        for address in EmailAddress.objects.select_related("user").iterator()
        if address.email.lower() != (address.user.email or "").lower()
    ]
    EmailAddress.objects.filter(pk__in=stale).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]
    operations = [migrations.RunPython(forget_stale, migrations.RunPython.noop)]
