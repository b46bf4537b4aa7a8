"""The screening part of a person's own data: their check-ins (answers, score, band) and invitations.

Left out: the counselors' outreach about a result (its reason, who reached out, their note): that is
the staff's working record. The person's own answer to an offer of help is theirs and is in.
"""

from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, moment
from sebaya.screening.instruments import UnknownInstrument, get_instrument
from sebaya.screening.models import Administration, Offer, ScreeningInvitation


def readable_answers(instrument, answers) -> list[dict]:
    """Each answer with its question and the option chosen, in the active language."""
    rows = []
    for item, value in zip(instrument.items, answers, strict=False):
        option = item.option(value) if value is not None else None
        rows.append(
            {
                "question": str(item.text),
                "answer": str(option.label) if option else None,
                "value": value,
            }
        )
    return rows


def _instrument(code: str, version: int):
    try:
        return get_instrument(code, version)
    except UnknownInstrument:  # an instrument file removed since: keep the numbers anyway
        return None


def results(*, person, organization) -> list[dict]:
    rows = []
    administrations = Administration.objects.filter(organization=organization, person=person).select_related(
        "screening_round"
    )
    for a in administrations.order_by("created_at"):
        instrument = _instrument(a.instrument_code, a.instrument_version)
        band = next((b for b in instrument.bands if b.code == a.band), None) if instrument else None
        rows.append(
            {
                "created_at": moment(a.created_at),
                "instrument": str(instrument.short_name) if instrument else a.instrument_code,
                "instrument_name": str(instrument.name) if instrument else "",
                "instrument_code": a.instrument_code,
                "instrument_version": a.instrument_version,
                "language": a.language,
                "with_counselor": a.administered_by_id is not None,
                "screening_round": a.screening_round.title if a.screening_round else None,
                "total": a.total,
                "band": str(band.label) if band else a.band,
                "band_code": a.band,
                "severity": a.severity,
                "flags": [_flag_label(instrument, flag) for flag in a.flags],
                "subscales": [
                    {"name": _subscale_name(instrument, code), "score": value}
                    for code, value in sorted(a.subscales.items())
                ],
                "derived": [
                    {"name": _derived_label(instrument, code), "score": value}
                    for code, value in sorted(a.derived.items())
                ],
                "answers": readable_answers(instrument, a.answers) if instrument else list(a.answers),
                "offer": a.offer or None,
                "offer_answered_at": moment(a.offer_answered_at),
            }
        )
    return rows


def _flag_label(instrument, flag: str) -> str:
    try:
        return str(instrument.risk_item(flag).label)
    except (AttributeError, LookupError):
        return flag


def _subscale_name(instrument, code: str) -> str:
    try:
        return str(instrument.subscale(code).name)
    except (AttributeError, LookupError):
        return code


def _derived_label(instrument, code: str) -> str:
    found = next((d for d in instrument.derived if d.code == code), None) if instrument else None
    return str(found.label) if found else code


def invitations(*, person, organization) -> list[dict]:
    rows = []
    for invitation in (
        ScreeningInvitation.objects.filter(organization=organization, person=person)
        .select_related("screening_round")
        .order_by("created_at")
    ):
        screening_round = invitation.screening_round
        instrument = _instrument(screening_round.instrument_code, screening_round.instrument_version)
        rows.append(
            {
                "screening_round": screening_round.title,
                "instrument": str(instrument.short_name) if instrument else screening_round.instrument_code,
                "opens_on": screening_round.opens_on.isoformat(),
                "closes_on": screening_round.closes_on.isoformat(),
                "invited_at": moment(invitation.created_at),
                "reminded_at": moment(invitation.reminded_at),
                "completed_at": moment(invitation.completed_at),
            }
        )
    return rows


SEVERITIES = [
    ("none", _("None or minimal")),
    ("mild", _("Mild")),
    ("moderate", _("Moderate")),
    ("severe", _("Severe")),
]

RESULTS = Section(
    key="screening_results",
    title=_("Check-ins and screening results"),
    collect=results,
    labels={
        "instrument": _("Questionnaire"),
        "instrument_name": _("Full title"),
        "instrument_code": _("Code"),
        "instrument_version": _("Version"),
        "language": _("Language"),
        "with_counselor": _("Filled in with a counselor"),
        "screening_round": _("Screening round"),
        "total": _("Score"),
        "band": _("Result"),
        "band_code": _("Result code"),
        "severity": _("Severity"),
        "flags": _("Answers that called for care"),
        "subscales": _("Part scores"),
        "derived": _("Other scores"),
        "name": _("Name"),
        "score": _("Score"),
        "answers": _("Your answers"),
        "question": _("Question"),
        "answer": _("Answer"),
        "value": _("Value"),
        "offer": _("Offer of support"),
        "offer_answered_at": _("Answered on"),
    },
    choices={
        "offer": Offer.choices,
        "severity": SEVERITIES,
        "language": [("id", "Bahasa Indonesia"), ("en", "English")],
    },
)

INVITATIONS = Section(
    key="screening_invitations",
    title=_("Screening invitations"),
    collect=invitations,
    labels={
        "screening_round": _("Screening round"),
        "instrument": _("Questionnaire"),
        "opens_on": _("Opens"),
        "closes_on": _("Closes"),
        "invited_at": _("Invited"),
        "reminded_at": _("Reminded"),
        "completed_at": _("Completed"),
    },
)
