"""An incident's report: the dashboard and the 4W table on screen, the 4W as CSV and XLSX, and a
printable situation report (PDF). Aggregates only, small numbers hidden
(`services.reports`, `services.incident_dashboard`)."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.spreadsheets import csv_response, xlsx_response
from sebaya.organizations import documents
from sebaya.psychosocial.models import Incident, IncidentStatus
from sebaya.psychosocial.services import report_files
from sebaya.psychosocial.services.incident_dashboard import dashboard
from sebaya.psychosocial.services.reports import ACTIVITIES, BAND_LABELS, BANDS, SEX_LABELS, SEXES, four_w
from sebaya.psychosocial.views._shared import incident_or_404

DAY = forms.DateInput(attrs={"type": "date"})


class ReportPeriodForm(forms.Form):
    """The days the report covers; empty: the whole incident."""

    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=DAY)
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=DAY)

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident

    def clean(self):
        data = super().clean()
        first, last = report_files.default_period(self.incident)
        start, end = data.get("start") or first, data.get("end") or last
        latest = max(last, timezone.localdate())
        if not (first <= start <= latest and first <= end <= latest):
            raise forms.ValidationError(
                _("Choose days from %(first)s to %(last)s: the incident's start to today.")
                % {"first": date_format(first, "DATE_FORMAT"), "last": date_format(latest, "DATE_FORMAT")}
            )
        if end < start:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        data["start"], data["end"] = start, end
        return data


def _report(request, incident_id, *, export: bool):
    incident = incident_or_404(request, "incident.report", incident_id)
    if export:
        access.require(request.user, "incident.report_export", request.organization)
    first, last = report_files.default_period(incident)
    form = ReportPeriodForm(request.GET or None, incident=incident, initial={"start": first, "end": last})
    if request.GET and not form.is_valid():
        return incident, form, None
    period = form.cleaned_data if request.GET else {"start": first, "end": last}
    return incident, form, four_w(incident, request.organization, start=period["start"], end=period["end"])


def _refused(request, incident, form):
    """Bad dates: the page again with the error, nothing computed."""
    return render(
        request,
        "psychosocial/reports/report.html",
        {"incident": incident, "form": form, "report": None},
        status=400,
    )


def _audit(request, incident, report, kind: str) -> None:
    """A report leaving Sebaya is in the audit trail: who, which incident, which period, which file."""
    record(
        action=AuditAction.RECORD_VIEWED,
        actor=request.user,
        organization=request.organization,
        target=incident,
        request=request,
        detail={
            "report": kind,
            "from": report.period.start.isoformat(),
            "to": report.period.end.isoformat(),
        },
    )


def _file_name(report, extension: str) -> str:
    name = slugify(report.incident.title) or "kejadian"
    return f"4w-{name}-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.{extension}"


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def incident_report(request, incident):
    incident, form, report = _report(request, incident, export=False)
    if report is None:
        return _refused(request, incident, form)
    board = dashboard(report)
    return render(
        request,
        "psychosocial/reports/report.html",
        {
            "incident": incident,
            "form": form,
            "report": report,
            "board": board,
            "activities": ACTIVITIES,
            "sex_labels": [SEX_LABELS[s] for s in SEXES],
            "band_labels": [BAND_LABELS[b] for b in BANDS],
            "may_export": access.can(request.user, "incident.report_export", request.organization),
            "query": request.GET.urlencode(),
            "minimum": report_files.MINIMUM,
        },
    )


@require_http_methods(["GET"])
@access.org_view()
def incident_report_csv(request, incident):
    incident, form, report = _report(request, incident, export=True)
    if report is None:
        return _refused(request, incident, form)
    _audit(request, incident, report, "4w.csv")
    return csv_response(filename=_file_name(report, "csv"), rows=report_files.four_w_rows(report))


@require_http_methods(["GET"])
@access.org_view()
def incident_report_xlsx(request, incident):
    incident, form, report = _report(request, incident, export=True)
    if report is None:
        return _refused(request, incident, form)
    _audit(request, incident, report, "4w.xlsx")
    sheets, widths = report_files.four_w_workbook(report)
    return xlsx_response(filename=_file_name(report, "xlsx"), sheets=sheets, widths=widths)


@require_http_methods(["GET"])
@access.org_view()
def incident_report_pdf(request, incident):
    incident, form, report = _report(request, incident, export=True)
    if report is None:
        return _refused(request, incident, form)
    _audit(request, incident, report, "situation.pdf")
    today = timezone.localdate()
    with translation.override(documents.DOCUMENT_LANGUAGE):
        board = dashboard(report)  # place names and bars are written in the document's language
        officer = documents.signer(
            request.user, request.organization, _("Reporting officer"), before=_("Prepared by,")
        )
        signatures = [[None, officer]]
    return documents.document_pdf(
        request,
        "psychosocial/reports/situation_pdf.html",
        {
            "incident": incident,
            "report": report,
            "board": board,
            "activities": ACTIVITIES,
            "summary": report_files.activity_summary(report),
            "closed": incident.status == IncidentStatus.CLOSED,
            "signatures": signatures,
            "minimum": report_files.MINIMUM,
        },
        f"laporan-situasi-{slugify(incident.title) or 'kejadian'}-{report.period.end:%Y%m%d}.pdf",
        on=today,
    )
