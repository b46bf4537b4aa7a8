"""The consents part of a person's own data: what they (or a parent or guardian) agreed to, and
withdrawals. Staff's notes on a consent stay out, as on the person's own page."""

from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, day, moment
from sebaya.privacy.models import Consent, ConsentGiver, ConsentMethod, ConsentPurpose


def consents(*, person, organization) -> list:
    return [
        {
            "purpose": consent.purpose,
            "given_by": consent.given_by,
            "giver_name": consent.giver_name,
            "method": consent.method,
            "given_on": day(consent.given_on),
            "reference": consent.reference,
            "recorded_at": moment(consent.recorded_at),
            "withdrawn_at": moment(consent.withdrawn_at),
            "withdrawal_reason": consent.withdrawal_reason,
        }
        for consent in Consent.objects.filter(person=person, organization=organization).order_by("given_on")
    ]


CONSENTS = Section(
    key="consents",
    title=_("Consents"),
    collect=consents,
    labels={
        "purpose": _("Purpose"),
        "given_by": _("Who agreed"),
        "giver_name": _("Name of the parent or guardian"),
        "method": _("How"),
        "given_on": _("Date given"),
        "reference": _("Reference (form number)"),
        "recorded_at": _("Recorded"),
        "withdrawn_at": _("Withdrawn"),
        "withdrawal_reason": _("Reason for withdrawing"),
    },
    choices={
        "purpose": ConsentPurpose.choices,
        "given_by": ConsentGiver.choices,
        "method": ConsentMethod.choices,
    },
)
