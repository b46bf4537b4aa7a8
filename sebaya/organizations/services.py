from django.db import transaction

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record


@transaction.atomic
def organization_update(*, organization_form, contacts_formset, by, request=None) -> None:
    """Save settings and crisis contacts together, or nothing (both forms must be valid)."""
    organization = organization_form.save()
    contacts_formset.save()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=organization,
        request=request,
        detail={
            "fields": sorted(organization_form.changed_data),
            "contacts_changed": contacts_formset.has_changed(),
        },
    )


@transaction.atomic
def letterhead_save(*, form, by, request=None) -> None:
    """Save the kop surat and signatories (the form is valid; its logo already checked)."""
    letterhead = form.save()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=letterhead.organization,
        target=letterhead.organization,
        request=request,
        detail={"letterhead": sorted(form.changed_data)},
    )
