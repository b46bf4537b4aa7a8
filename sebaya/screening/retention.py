"""What the retention rules do to screening results (see `privacy.retention` for the rules and
why): old results are deleted, except those within a case and those still waiting in the
screening follow-up list. Declared on ScreeningConfig; privacy runs it without importing
screening."""

from __future__ import annotations

from django.db.models import Q

from sebaya.privacy.models import RetentionKind
from sebaya.privacy.retention import Blocked, Kind, batch
from sebaya.screening.models import Administration, ScreeningInvitation


def delete_results(*, organization, cutoff, blocked: Blocked) -> list:
    due = (
        Administration.objects.filter(organization=organization, created_at__lte=cutoff)
        .exclude(person_id__in=blocked.people)
        .exclude(case_measure__isnull=False)
        .exclude(cases__isnull=False)
        .exclude(~Q(outreach_reason="") & Q(reached_out_at__isnull=True))
    )
    ids = batch(due)
    ScreeningInvitation.objects.filter(administration_id__in=ids).update(administration=None)
    Administration.objects.filter(pk__in=ids).delete()
    return ids


KINDS = (Kind(RetentionKind.SCREENING, delete_results, how="deleted"),)
