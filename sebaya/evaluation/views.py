"""The dashboard pages and their exports. Access: "evaluation.view" (an organization's
coordinator and admin), "network.evaluation" (a network viewer)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sebaya import access
from sebaya.evaluation import monthly
from sebaya.evaluation import period as periods
from sebaya.evaluation.charts import charts as bar_charts
from sebaya.evaluation.charts import lines_svg
from sebaya.evaluation.context import grades_of
from sebaya.evaluation.dashboard import export_record
from sebaya.evaluation.forms import DashboardForm
from sebaya.evaluation.snapshots import network_snapshot, organization_dashboard
from sebaya.evaluation.tables import Cut
from sebaya.kernel.spreadsheets import csv_response, xlsx_response


def _choose(request, *, data=None, fresh: bool = False):
    """The dashboard at the page's choices (the query string, or `data`), as computed earlier
    today unless `fresh`; or (None, form) when a choice is not one offered."""
    today = timezone.localdate()
    grades = grades_of(request.organization)
    if data is None:
        data = request.GET.copy()
    if "periode" not in data:
        data["periode"] = periods.current(today).code  # nothing chosen: this semester
    form = DashboardForm(data, today=today, grades=grades)
    if not form.is_valid():
        return None, form
    period, grade, gender, tier = form.chosen()
    dashboard = organization_dashboard(
        organization=request.organization,
        period=period,
        cut=Cut(grade=grade, gender=gender, tier=tier),
        today=today,
        fresh=fresh,
    )
    return dashboard, form


CHOICES = ("periode", "kelas", "gender", "layanan")


def _refused(request, form):
    """The dashboard page with the form's message, for a choice that is not one offered."""
    return render(request, "evaluation/dashboard.html", {"form": form, "dashboard": None}, status=400)


@require_POST
@access.org_view("evaluation.view")
def dashboard_refresh(request):
    """Count the page's figures again now (its choices come as hidden fields), then show them."""
    data = request.POST.copy()
    if not data.get("periode"):
        data["periode"] = periods.current(timezone.localdate()).code
    dashboard, form = _choose(request, data=data, fresh=True)
    if dashboard is None:
        return _refused(request, form)
    query = urlencode({name: form.data[name] for name in CHOICES if form.data.get(name)})
    return redirect(f"{reverse('evaluation_dashboard', kwargs={'org': request.organization.slug})}?{query}")


@require_safe
@access.org_view("evaluation.view")
def dashboard(request):
    dashboard, form = _choose(request)
    if dashboard is None:
        return _refused(request, form)
    charts = bar_charts(dashboard.tables)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "dashboard": dashboard,
            "charts": charts,
            "months_svg": _months_svg(dashboard.months),
            "may_export_records": access.can(request.user, "evaluation.records_export", request.organization),
            "query": request.GET.urlencode(),
        },
    )


def _months_svg(months):
    if len(months) < 2:
        return ""
    return lines_svg(
        labels=[month.label for month in months],
        series=[
            (str(_("Peer supporter sessions")), [month.peer for month in months]),
            (str(_("Counseling sessions")), [month.counseling for month in months]),
        ],
        title=str(monthly.TITLE),
    )


@require_safe
@access.org_view("evaluation.view")
def table_export(request, key: str, kind: str):
    if kind not in ("csv", "xlsx"):
        raise Http404
    dashboard, form = _choose(request)
    if dashboard is None:
        return _refused(request, form)
    try:
        table = dashboard.table(key)
    except KeyError:
        raise Http404 from None
    name = f"{request.organization.slug}-{key}-{dashboard.context.period.code}"
    export_record(
        request=request, kind=f"{key}.{kind}", period=dashboard.context.period, cut=dashboard.context.cut
    )
    rows = [[str(table.title)], [table.period_label], *table.export_rows()]
    if kind == "csv":
        return csv_response(filename=f"{name}.csv", rows=rows)
    return xlsx_response(filename=f"{name}.xlsx", sheets={str(table.title)[:31]: rows})


def _network_period(request, data=None):
    """The period asked for (in the query string, or `data`), or None when it is not one offered;
    and the choices."""
    today = timezone.localdate()
    choices = periods.choices(today)
    code = (request.GET if data is None else data).get("periode")
    period = periods.parse(code) if code else periods.current(today)
    return (period if period in choices else None), choices


@require_safe
@access.network_view("network.evaluation")
def network_table_export(request, kind: str):
    period, _choices = _network_period(request)
    if kind not in ("csv", "xlsx") or period is None:
        raise Http404
    table = network_snapshot(network=request.network, period=period, today=timezone.localdate()).table
    rows = [[str(table.title)], [table.period_label], *table.export_rows()]
    name = f"{request.network.slug}-{period.code}"
    if kind == "csv":
        return csv_response(filename=f"{name}.csv", rows=rows)
    return xlsx_response(filename=f"{name}.xlsx", sheets={str(table.title)[:31]: rows})


def _network_refused(request, choices):
    """The network's page with its message, for a period that is not one offered."""
    return render(
        request,
        "evaluation/network.html",
        {"network": request.network, "table": None, "choices": choices, "chosen": None},
        status=400,
    )


@require_safe
@access.network_view("network.evaluation")
def network_dashboard(request):
    period, choices = _network_period(request)
    if period is None:
        return _network_refused(request, choices)
    snapshot = network_snapshot(network=request.network, period=period, today=timezone.localdate())
    return render(
        request,
        "evaluation/network.html",
        {
            "network": request.network,
            "table": snapshot.table,
            "computed_at": snapshot.computed_at,
            "choices": choices,
            "chosen": period,
        },
    )


@require_POST
@access.network_view("network.evaluation")
def network_refresh(request):
    """Count the network's figures again now, then show them."""
    period, choices = _network_period(request, request.POST)
    if period is None:
        return _network_refused(request, choices)
    network_snapshot(network=request.network, period=period, today=timezone.localdate(), fresh=True)
    url = reverse("network_evaluation", kwargs={"network": request.network.slug})
    return redirect(f"{url}?{urlencode({'periode': period.code})}")
