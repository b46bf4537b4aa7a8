"""The safety-net part of a person's own data: the alerts raised about them.

An alert's existence, level and what raised it are health data about the person, so they are in.
What staff did about it (who was told, acknowledged, contacted whom, their notes, the outcome) is
the staff's record of their own work, and is left out; so are the signal codes, which are the
detector's shorthand, not something the person said or was told.
"""

from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, moment
from sebaya.safety.models import Alert, AlertSource, RiskLevel


def alerts(*, person, organization) -> list[dict]:
    return [
        {"raised_at": moment(alert.created_at), "level": alert.level, "source": alert.source}
        for alert in Alert.objects.filter(organization=organization, person=person).order_by("created_at")
    ]


ALERTS = Section(
    key="alerts",
    title=_("Safety alerts"),
    collect=alerts,
    labels={"raised_at": _("Raised"), "level": _("Level"), "source": _("Raised by")},
    choices={"level": RiskLevel.choices, "source": AlertSource.choices},
)
