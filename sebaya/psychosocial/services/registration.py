"""Registering a person affected by an incident, fast, on a field worker's phone.

Each registration carries the id its form was drawn with (`client_id`): the same form sent twice
(a slow connection, a form queued while offline later) is written once, and the second answer is
the first one's. A likely duplicate (the same person registered before, the name spelled another
way) is shown before saving, and the field worker decides (`psychosocial.names`)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.people.models import AgeBand, Gender, Person
from sebaya.psychosocial import names
from sebaya.psychosocial.models import (
    CHILD_ALONE,
    AffectedPerson,
    ConsentNoted,
    Exposure,
    Household,
    Incident,
    IncidentStatus,
    NeedSource,
    Relation,
    Vulnerability,
)
from sebaya.psychosocial.services.followups import follow_ups_schedule
from sebaya.psychosocial.services.needs import protection_task


class RegistrationError(ValueError):
    """A refusal with a message for the user (already translated)."""


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    if age < 13:
        return AgeBand.UNDER_13
    if age < 16:
        return AgeBand.AGE_13_15
    if age < 18:
        return AgeBand.AGE_16_17
    if age < 25:
        return AgeBand.AGE_18_24
    return AgeBand.AGE_25_PLUS


def _as_match(affected: AffectedPerson) -> dict:
    return {
        "id": affected.pk,
        "name": "" if affected.name_unknown else affected.person.full_name,
        "birth_year": affected.birth_year,
        "age": affected.age_years,
        "sex": affected.person.gender,
        "village": affected.village,
    }


def likely_duplicates(
    *, incident: Incident, organization, name: str, birth_year=None, age=None, sex="", village=""
):
    """The registrations of this organization for this incident that may be the same person,
    best first: [(AffectedPerson, names.Match)]."""
    existing = {
        a.pk: a
        for a in AffectedPerson.objects.current()
        .filter(incident=incident, organization=organization)
        .select_related("person")
    }
    new = {"name": name, "birth_year": birth_year, "age": age, "sex": sex, "village": village}
    found = names.candidates(
        new, [_as_match(a) for a in existing.values()], limit=5, year=timezone.localdate().year
    )
    return [(existing[candidate.id], candidate.match) for candidate in found]


def _birth_year(age: int | None, birth_year: int | None) -> int | None:
    if birth_year is not None:
        return birth_year
    return timezone.localdate().year - age if age is not None else None


@transaction.atomic
def affected_register(
    *,
    incident: Incident,
    organization,
    by,
    client_id,
    full_name: str = "",
    name_unknown: bool = False,
    description: str = "",
    gender: str = Gender.UNSTATED,
    age_years: int | None = None,
    birth_year: int | None = None,
    village: str = "",
    site: str = "",
    phone: str = "",
    guardian_name: str = "",
    guardian_phone: str = "",
    household: Household | None = None,
    new_household: str = "",
    relation: str = "",
    vulnerabilities=(),
    exposures=(),
    consent: str,
    request=None,
) -> tuple[AffectedPerson, bool]:
    """Register a person affected; returns (the registration, whether it was made now)."""
    earlier = AffectedPerson.objects.filter(client_id=client_id).first()
    if earlier is not None:
        if earlier.incident_id != incident.pk or earlier.organization_id != organization.pk:
            raise RegistrationError(
                _("This form was already used for another registration. Open a new form.")
            )
        return earlier, False
    if incident.status == IncidentStatus.CLOSED:
        raise RegistrationError(_("The response to this incident is closed: no one more can be registered."))
    full_name = " ".join((full_name or "").split())
    if not name_unknown and not full_name:
        raise RegistrationError(_("Write the name, or tick that it is not known and describe the person."))
    if name_unknown and not (description or "").strip():
        raise RegistrationError(
            _("Describe the person so others can recognise them (clothes, where they were found).")
        )
    if age_years is not None and not 0 <= age_years <= 120:
        raise RegistrationError(_("The age must be between 0 and 120."))
    this_year = timezone.localdate().year
    if birth_year is not None and not this_year - 120 <= birth_year <= this_year:
        raise RegistrationError(
            _("The year of birth must be between %(first)s and %(last)s.")
            % {"first": this_year - 120, "last": this_year}
        )
    if set(vulnerabilities) - set(Vulnerability.values) or set(exposures) - set(Exposure.values):
        raise RegistrationError(_("Choose from the lists offered."))
    if consent not in ConsentNoted.values or (relation and relation not in Relation.values):
        raise RegistrationError(_("Choose from the lists offered."))
    if household is not None and (
        household.incident_id != incident.pk or household.organization_id != organization.pk
    ):
        raise RegistrationError(_("Choose a family registered for this incident."))
    if gender not in Gender.values:
        raise RegistrationError(_("Choose from the lists offered."))
    if new_household.strip():
        household = Household.objects.create(
            incident=incident,
            organization=organization,
            name=new_household.strip(),
            village=village.strip(),
            site=site.strip(),
            created_by=by,
        )
    if name_unknown:
        # Stored, so in the organization's language whatever the worker's page is in.
        with translation.override(settings.LANGUAGE_CODE):
            full_name = _("Name not known")
    person = Person.objects.create(
        full_name=full_name,
        gender=gender,
        age_band=age_band(
            age_years if age_years is not None else (this_year - birth_year if birth_year else None)
        ),
        guardian_name=guardian_name.strip(),
        guardian_phone=guardian_phone.strip(),
    )
    try:
        with transaction.atomic():
            affected = AffectedPerson.objects.create(
                incident=incident,
                organization=organization,
                person=person,
                name_unknown=name_unknown,
                description=description.strip(),
                age_years=age_years,
                birth_year=_birth_year(age_years, birth_year),
                household=household,
                relation=relation,
                village=village.strip(),
                site=site.strip(),
                phone=phone.strip(),
                vulnerabilities=[code for code in Vulnerability.values if code in set(vulnerabilities)],
                exposures=[code for code in Exposure.values if code in set(exposures)],
                consent=consent,
                client_id=client_id,
                registered_by=by,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request wrote it; answer with that one.
        transaction.set_rollback(True)
        return AffectedPerson.objects.get(client_id=client_id), False
    if CHILD_ALONE & set(affected.vulnerabilities):
        protection_task(affected=affected, by=by, source=NeedSource.REGISTRATION, request=request)
    follow_ups_schedule(affected=affected)
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=affected,
        subject_person_id=person.pk,
        request=request,
        detail={"affected": "registered", "incident": str(incident.pk)},
    )
    return affected, True
