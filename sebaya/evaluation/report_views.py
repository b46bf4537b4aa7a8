"""The printed program report (`evaluasi/laporan.pdf`), asked for from the dashboard page with
its choices and the coordinator's notes. Access: "evaluation.view", as the dashboard.

The form posts (the notes are free text: kept out of URLs and the server's logs); a GET with the
dashboard's choices alone prints the report without notes. A choice not offered, or notes that
are too long, answer 400 with the dashboard page and the message, and no PDF is made."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.evaluation import period as periods
from sebaya.evaluation.charts import charts
from sebaya.evaluation.context import grades_of
from sebaya.evaluation.report_forms import ReportForm
from sebaya.evaluation.report_pdf import report_pdf
from sebaya.evaluation.snapshots import organization_dashboard
from sebaya.evaluation.tables import Cut


@require_http_methods(["GET", "POST"])
@access.org_view("evaluation.view")
def evaluation_report_pdf(request):
    today = timezone.localdate()
    data = (request.POST if request.method == "POST" else request.GET).copy()
    if not data.get("periode"):
        data["periode"] = periods.current(today).code
    form = ReportForm(data, today=today, grades=grades_of(request.organization))
    if form.is_valid():
        return report_pdf(request, form, today=today)
    return _refused(request, form, today=today)


def _refused(request, form, *, today):
    """The dashboard again with the message (and the notes kept in their box), nothing printed."""
    dashboard = None
    if form.filters_valid:
        period, grade, gender, tier = form.chosen()
        dashboard = organization_dashboard(
            organization=request.organization,
            period=period,
            cut=Cut(grade=grade, gender=gender, tier=tier),
            today=today,
        )
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "report_form": form,
            "dashboard": dashboard,
            "charts": charts(dashboard.tables) if dashboard else {},
            "query": "",
        },
        status=400,
    )
