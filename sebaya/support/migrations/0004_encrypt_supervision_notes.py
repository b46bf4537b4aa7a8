"""Supervision notes on a relationship were stored as plain text; from now on they are tokens of
kernel.crypto like every other note about a person. Every body stored so far is plain text."""

from django.db import migrations


def encrypt_plain_notes(apps, schema_editor):
    from sebaya.kernel.crypto import note_encrypt

    SupervisionNote = apps.get_model("support", "SupervisionNote")
    for pk, body in SupervisionNote.objects.exclude(body="").values_list("pk", "body").iterator():
        SupervisionNote.objects.filter(pk=pk).update(body=note_encrypt(body))


class Migration(migrations.Migration):
    dependencies = [("support", "0003_supporter_trainee_supervision")]
    operations = [migrations.RunPython(encrypt_plain_notes, migrations.RunPython.noop)]
