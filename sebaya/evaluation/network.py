"""A network's dashboard: counts only, per organization and in total, small numbers hidden the
same way (a network of one organization shows nothing its total does not). Each count is one
aggregate query over the network, split by semester in the database, so the page costs the same
number of queries for ten schools or a thousand."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Case, CounselingSession
from sebaya.evaluation.period import Period
from sebaya.evaluation.tables import ONE, Cut, Spec, Table, Tally, table
from sebaya.kernel.suppression import SCREENING_MINIMUM
from sebaya.safety.models import Alert
from sebaya.screening.models import Administration
from sebaya.support.models import HelpRequest, PeerSession

MEASURES = [
    ("help_requests", _("Help requests"), HelpRequest, "organization_id", "created_at"),
    ("peer_sessions", _("Peer sessions"), PeerSession, "relationship__organization_id", "date"),
    ("cases", _("Cases opened"), Case, "organization_id", "opened_at"),
    ("sessions", _("Counseling sessions"), CounselingSession, "case__organization_id", "date"),
    ("screenings", _("Screening results"), Administration, "organization_id", "created_at"),
    ("alerts", _("Alerts"), Alert, "organization_id", "created_at"),
]


def network_table(*, network, organizations, period: Period) -> Table:
    spec = Spec(
        key="network",
        title=_("Activity of the network's organizations"),
        row_header=_("Organization"),
        rows=[(str(org.pk), org.name) for org in organizations],
        columns=[(code, label) for code, label, *_rest in MEASURES],
        minimum=SCREENING_MINIMUM,
        columns_add_up=False,  # a session and an alert are not parts of one whole
        splits=False,
        compare=False,
    )
    tally = Tally(spec)
    org_ids = [org.pk for org in organizations]
    # Semesters by the network's first organization's time zone: one boundary for every count.
    zone = organizations[0].timezone if organizations else "Asia/Jakarta"
    first, middle, last = (
        Period(period.year, "1").bounds(zone)[0],
        Period(period.year, "2").bounds(zone)[0],
        Period(period.year, "year").bounds(zone)[1],
    )
    for code, _label, model, org_field, when_field in MEASURES:
        is_date = when_field == "date"
        edges = [edge.date() if is_date else edge for edge in (first, middle, last)]
        rows = (
            model.objects.filter(
                **{f"{org_field}__in": org_ids, f"{when_field}__gte": edges[0], f"{when_field}__lt": edges[2]}
            )
            .values(org_field)
            .annotate(
                # The time, not the id (never null either): the screening results are counted
                # from an index on (organization, created_at) alone, without reading the rows.
                odd=Count(when_field, filter=Q(**{f"{when_field}__lt": edges[1]})),
                even=Count(when_field, filter=Q(**{f"{when_field}__gte": edges[1]})),
            )
        )
        for row in rows:
            org = str(row[org_field])
            tally.counts["1", ONE, ONE, org, code] += row["odd"]
            tally.counts["2", ONE, ONE, org, code] += row["even"]
    return table(spec, now=tally, before=None, period=period, cut=Cut(), grades=[ONE], genders=[ONE])
