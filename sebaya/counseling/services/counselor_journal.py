"""The counselor's journal (jurnal BK): one entry per service given."""

from __future__ import annotations

from django.db import transaction

from sebaya.counseling.models import JournalEntry


@transaction.atomic
def journal_entry_add(
    *, organization, counselor, date, service_type, domain, description, people=1, request=None
):
    return JournalEntry.objects.create(
        organization=organization,
        counselor=counselor,
        date=date,
        service_type=service_type,
        domain=domain,
        description=description,
        people=people,
    )
