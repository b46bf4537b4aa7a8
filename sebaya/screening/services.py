"""Recording a filled-in instrument, and what follows from its result."""

from __future__ import annotations

from django.db import transaction

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.services import alert_raise
from sebaya.screening.instruments import Instrument
from sebaya.screening.models import Administration
from sebaya.screening.scoring import score


@transaction.atomic
def administration_record(
    *,
    organization,
    person,
    instrument: Instrument,
    answers,
    administered_by=None,
    language="id",
    request=None,
) -> Administration:
    """Score and keep one set of answers. Raises ScoringError (nothing written) when they don't fit.

    A raised risk item opens a crisis alert in the same transaction. A result in the severe band
    opens a concern alert, so a counselor always sees it (until the triage queue of the help
    requests arrives, the alert queue is where counselors look first).
    """
    result = score(instrument, answers)
    administration = Administration.objects.create(
        organization=organization,
        person=person,
        instrument_code=result.instrument,
        instrument_version=result.version,
        language=language,
        answers=list(result.answers),
        total=result.total,
        band=result.band,
        severity=result.severity,
        subscales=result.subscales,
        flags=result.flags,
        derived=result.derived,
        administered_by=administered_by if getattr(administered_by, "is_authenticated", False) else None,
    )
    level = RiskLevel.CRISIS if result.flags else (RiskLevel.CONCERN if result.severity == "severe" else None)
    if level:
        alert_raise(
            organization=organization,
            level=level,
            source=AlertSource.SCREENING,
            person=person,
            source_ref=f"screening.administration:{administration.pk}",
            signals=[f"{result.instrument}:{flag}" for flag in result.flags]
            or [f"{result.instrument}:{result.band}"],
            raised_by=administered_by,
        )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=administered_by or getattr(request, "user", None),
        organization=organization,
        target=administration,
        request=request,
        detail={"instrument": result.instrument, "created": True},
    )
    return administration
