"""A screening answer that raised an alert, for the alert page (named by dotted path in
`safety.sources.KINDS`, so `safety` imports nothing of screening): each flagged question with the
answer given, and the result."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sebaya.safety.sources import Shown
from sebaya.screening.instruments import UnknownInstrument, get_instrument
from sebaya.screening.models import Administration


def administration(record: Administration, *, user, organization) -> Shown:
    url = reverse("administration_result", kwargs={"org": organization.slug, "administration": record.pk})
    try:
        instrument = get_instrument(record.instrument_code, record.instrument_version)
    except UnknownInstrument:
        return Shown(title=record.instrument_code, url=url)
    answers = []
    for risk in instrument.risk_items:
        if risk.flag not in record.flags:
            continue
        item = instrument.item(risk.item)
        value = record.answers[item.number - 1] if item.number <= len(record.answers) else None
        option = item.option(value) if value is not None else None
        answers.append((f"{item.number}. {item.text}", str(option.label) if option else str(value)))
    return Shown(
        title=_("%(instrument)s: %(total)s · %(band)s")
        % {
            "instrument": instrument.short_name,
            "total": record.total,
            "band": instrument.band(record.band).label,
        },
        answers=answers,
        url=url,
    )


def signal_label(signal: str) -> str | None:
    """ "phqa:suicidal_thoughts" → "PHQ-A: <the risk item's label>", or None when the signal is
    not an instrument's flag."""
    code, _sep, flag = signal.partition(":")
    if not flag:
        return None
    try:
        instrument = get_instrument(code)
    except UnknownInstrument:
        return None
    for risk in instrument.risk_items:
        if risk.flag == flag:
            return f"{instrument.short_name}: {risk.label}"
    return None
