"""The printed program report: "Laporan Semester Program Layanan" for a semester, "Laporan
Tahunan Program" for a school year. A coordinator gives it to the principal.

It is the dashboard on paper, built by the same `organization_dashboard` at the same choices, so
it hides exactly what the page hides (a number the page shows as * is * here too), with the same
charts (`charts.chart`), the outcomes with their cautions and the sources of the thresholds; then
the coordinator's notes, and the principal's and the coordinator's signatures. Like every
official document it is in Indonesian whatever the reader's language (organizations.documents),
so the dashboard is built under that language: its labels and period names are strings by then.
It counts afresh rather than reading the figures computed earlier today (`snapshots`), and leaves
its figures there, so the page then shows what was printed. The notes are printed, never stored."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sebaya.evaluation.charts import charts
from sebaya.evaluation.dashboard import export_record
from sebaya.evaluation.period import YEAR
from sebaya.evaluation.snapshots import organization_dashboard
from sebaya.evaluation.tables import Cut
from sebaya.kernel.suppression import ALL
from sebaya.kernel.tanggal import date_long
from sebaya.organizations import documents
from sebaya.people.models import Role


def title_of(period) -> str:
    if period.term == YEAR:
        return _("Annual program report")
    return _("Program service semester report")


def file_name(organization, period) -> str:
    kind = "laporan-tahunan-program" if period.term == YEAR else "laporan-semester-program"
    return f"{kind}-{slugify(organization.slug)}-{period.code}.pdf"


def _scope(form) -> list[tuple[str, str]]:
    """What the report covers besides the period, as the dashboard's form names it."""
    labels = []
    for name, everyone in (
        ("kelas", _("Every grade")),
        ("gender", _("Every gender")),
        ("layanan", _("Every level of care")),
    ):
        value = form.cleaned_data.get(name) or ""
        chosen = dict(form.fields[name].choices).get(value, "") if value else ""
        labels.append((str(form.fields[name].label), str(chosen) if value else everyone))
    return labels


def _signer_title(request) -> str:
    if Role.COORDINATOR in request.org_roles:
        return _("Program coordinator")
    return str(Role.ORG_ADMIN.label)


def report_pdf(request, form, *, today: datetime.date):
    """The PDF response for a valid `report_forms.ReportForm`."""
    organization = request.organization
    period, grade, gender, tier = form.chosen()
    last_day = period.end - datetime.timedelta(days=1)
    with translation.override(documents.DOCUMENT_LANGUAGE):
        dashboard = organization_dashboard(
            organization=organization,
            period=period,
            cut=Cut(grade=grade, gender=gender, tier=tier),
            today=today,
            fresh=True,  # a signed document counts afresh; the page then shows the same figures
        )
        letterhead = documents.letterhead_for(organization)
        context = {
            "title": title_of(period),
            "dashboard": dashboard,
            "period": period,
            "period_label": period.label,
            "period_dates": f"{date_long(period.start)} – {date_long(last_day)}",
            "previous_label": period.previous().label,
            "scope": _scope(form),
            "cut_chosen": any(value != ALL for value in (grade, gender, tier)),
            "charts": charts(dashboard.tables),
            "narrative": form.cleaned_data.get("catatan", ""),
            "signatures": [
                [
                    documents.principal(letterhead, _("Principal"), before=_("Acknowledged by,")),
                    documents.signer(
                        request.user, organization, _signer_title(request), before=_("Prepared by,")
                    ),
                ]
            ],
        }
    export_record(request=request, kind="report.pdf", period=period, cut=dashboard.context.cut)
    return documents.document_pdf(
        request, "evaluation/report_pdf.html", context, file_name(organization, period), on=today
    )
