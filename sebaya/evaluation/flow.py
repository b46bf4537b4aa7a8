"""Flow between the levels of care: steps up and down, referrals to partners by status, cases
opened and closed by bidang and outcome."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sebaya.counseling.models import Case, Domain, Partner, Referral
from sebaya.evaluation.context import Context
from sebaya.evaluation.tables import Spec
from sebaya.kernel.suppression import SCREENING_MINIMUM
from sebaya.support.models import Transition

STEPS = Spec(
    key="steps",
    title=_("Steps between peer support and counseling"),
    row_header=_("Step"),
    rows=list(Transition.Kind.choices),
    columns=[("n", pgettext_lazy("how many", "Number"))],
    minimum=SCREENING_MINIMUM,
    columns_add_up=False,  # one column: its total would only repeat it
)
REFERRALS = Spec(
    key="referrals",
    title=_("Referrals to partners, by where they stand now"),
    row_header=_("Kind of partner"),
    rows=list(Partner.Kind.choices),
    columns=list(Referral.Status.choices),
    minimum=SCREENING_MINIMUM,
)
OPENED = Spec(
    key="cases_opened",
    title=_("Cases opened, by bidang"),
    row_header=_("Bidang"),
    rows=list(Domain.choices),
    columns=[("n", _("Opened"))],
    minimum=SCREENING_MINIMUM,
    columns_add_up=False,
)
CLOSED = Spec(
    key="cases_closed",
    title=_("Cases closed, by outcome and bidang"),
    row_header=_("Outcome"),
    rows=list(Case.Outcome.choices),
    columns=list(Domain.choices),
    minimum=SCREENING_MINIMUM,
)


def tables(ctx: Context) -> list:
    start, end = ctx.span
    org = ctx.organization
    steps = ctx.tallies(STEPS)
    for when, kind, person_id in Transition.objects.filter(
        organization=org, at__gte=start, at__lt=end
    ).values_list("at", "kind", "person_id"):
        ctx.add(steps, when=when, row=kind, column="n", person_id=person_id)
    referrals = ctx.tallies(REFERRALS)
    for when, kind, status, person_id in Referral.objects.filter(
        organization=org, created_at__gte=start, created_at__lt=end
    ).values_list("created_at", "partner__kind", "status", "case__person_id"):
        ctx.add(referrals, when=when, row=kind, column=status, person_id=person_id)
    opened, closed = ctx.tallies(OPENED), ctx.tallies(CLOSED)
    for when, domain, person_id in Case.objects.filter(
        organization=org, opened_at__gte=start, opened_at__lt=end
    ).values_list("opened_at", "domain", "person_id"):
        ctx.add(opened, when=when, row=domain, column="n", person_id=person_id)
    for when, domain, outcome, person_id in (
        Case.objects.filter(organization=org, closed_at__gte=start, closed_at__lt=end)
        .exclude(outcome="")
        .values_list("closed_at", "domain", "outcome", "person_id")
    ):
        ctx.add(closed, when=when, row=outcome, column=domain, person_id=person_id)
    return [
        ctx.table(STEPS, steps),
        ctx.table(REFERRALS, referrals),
        ctx.table(OPENED, opened),
        ctx.table(CLOSED, closed),
    ]
