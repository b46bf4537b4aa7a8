"""A PFA contact that raised an alert, for the alert page (named by dotted path in
`safety.sources.KINDS`, so `safety` imports nothing of psychosocial): the refer-at-once flags, what
the field worker saw, where and when, and the person's page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sebaya.psychosocial.models import Contact, LookSign, ReferNow
from sebaya.safety.sources import Shown


def _labels(codes, choices) -> str:
    return ", ".join(str(label) for code, label in choices.choices if code in codes)


def contact(record: Contact, *, user, organization) -> Shown:
    url = reverse("affected_person", kwargs={"org": organization.slug, "affected": record.affected_id})
    answers = [(_("Refer at once"), _labels(record.refer_now, ReferNow))]
    if record.look:
        answers.append((_("Seen"), _labels(record.look, LookSign)))
    answers.append(
        (
            _("Where and when"),
            ", ".join(
                part
                for part in (
                    record.place,
                    formats.date_format(timezone.localtime(record.happened_at), "DATETIME_FORMAT"),
                )
                if part
            ),
        )
    )
    if record.words:
        answers.append((_("In their words"), record.words))
    return Shown(
        title=_("Psychological first aid: %(incident)s") % {"incident": record.incident.title},
        answers=answers,
        url=url,
    )


def signal_label(signal: str) -> str | None:
    """ "pfa:harm_self" → "PFA: May hurt themselves", or None when the signal is not a PFA flag."""
    prefix, _sep, code = signal.partition(":")
    if prefix != "pfa" or code not in ReferNow.values:
        return None
    return _("PFA: %(flag)s") % {"flag": ReferNow(code).label}
