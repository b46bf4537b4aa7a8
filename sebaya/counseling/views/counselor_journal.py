"""The counselor's journal (jurnal BK): their own month of lines with manual entries, and the
journal report for a period (HTML, PDF or XLSX; a coordinator may choose the counselor)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.accounts.models import User
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.journal import journal_lines, people_reached, period_bounds, report_table
from sebaya.kernel.spreadsheets import xlsx_response
from sebaya.organizations import documents


@require_http_methods(["GET", "POST"])
@access.org_view("journal.own")
def journal(request):
    today = timezone.localdate()
    month = request.GET.get("month") or today.strftime("%Y-%m")
    try:
        start, end, label = period_bounds("month", month)
    except ValueError:
        start, end, label = period_bounds("month", today.strftime("%Y-%m"))
        month = today.strftime("%Y-%m")
    form = case_forms.JournalEntryForm(request.POST or None, initial={"date": today})
    if request.method == "POST" and form.is_valid():
        services.journal_entry_add(
            organization=request.organization, counselor=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?month={form.cleaned_data['date']:%Y-%m}")
    lines = journal_lines(organization=request.organization, counselor=request.user, start=start, end=end)
    previous = (start - datetime.timedelta(days=1)).strftime("%Y-%m")
    following = end.strftime("%Y-%m")
    return render(
        request,
        "counseling/journal.html",
        {
            "lines": lines,
            "label": label,
            "month": month,
            "previous": previous,
            "following": following,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view("journal.reports")
def journal_report(request):
    today = timezone.localdate()
    form = case_forms.PeriodForm(request.GET or {"period": f"month:{today:%Y-%m}"}, today=today)
    counselors = access.assignable_counselors(request.organization).select_related("person")
    # A coordinator chooses whose report to read; a counselor reads their own.
    may_choose = access.can(request.user, "journal.reports_of_anyone", request.organization)
    if not form.is_valid():
        return render(
            request,
            "counseling/journal_report.html",
            {"form": form, "counselors": counselors, "may_choose_counselor": may_choose},
            status=400,
        )
    is_counselor = access.can(request.user, "journal.own", request.organization)
    counselor = request.user if is_counselor else None
    if form.cleaned_data.get("counselor") and may_choose:
        counselor = counselors.filter(pk=form.cleaned_data["counselor"]).first()
        if counselor is None:
            raise Http404
    if counselor is None:  # a coordinator who has not chosen yet
        counselor = counselors.first() or User(username="-")
    start, end, label = form.cleaned_data["bounds"]
    lines = (
        journal_lines(organization=request.organization, counselor=counselor, start=start, end=end)
        if counselor.pk
        else []
    )
    # Their own report whole; someone else's with small counts hidden, and without the daily
    # list (its lines name students).
    own = counselor == request.user
    table, domain_labels = report_table(lines, hide_small=not own)
    reached = people_reached(lines)
    context = {
        "form": form,
        "counselors": counselors,
        "may_choose_counselor": may_choose,
        "counselor": counselor,
        "label": label,
        "table": table,
        "domain_labels": domain_labels,
        "total": sum(1 for line in lines if line.service_type),
        "lines": lines if own else [],
        "reached": reached if own else None,
        "organization": request.organization,
        "query": urlencode(
            {"period": form.cleaned_data["period"], **({"counselor": counselor.pk} if may_choose else {})}
        ),
    }
    name = f"laporan-jurnal-bk-{form.cleaned_data['value']}"
    if form.cleaned_data.get("format") == "pdf":
        with translation.override(documents.DOCUMENT_LANGUAGE):
            letterhead = documents.letterhead_for(request.organization)
            context["period_label"] = period_bounds(form.cleaned_data["kind"], form.cleaned_data["value"])[2]
            context["signer"] = documents.signer(counselor, request.organization, _("Guidance counselor"))
            context["signatures"] = [
                [
                    documents.principal(letterhead, _("Principal"), before=_("Acknowledged by,")),
                    context["signer"],
                ]
            ]
        return documents.document_pdf(
            request,
            "counseling/journal_report_pdf.html",
            context,
            f"{name}.pdf",
            on=min(timezone.localdate(), end - datetime.timedelta(days=1)),
        )
    if form.cleaned_data.get("format") == "xlsx":
        return _xlsx(
            table,
            domain_labels,
            lines if own else [],
            reached if own else None,
            label=label,
            counselor=counselor,
            filename=f"{name}.xlsx",
        )
    return render(request, "counseling/journal_report.html", context)


def _xlsx(table, domain_labels, lines, reached, *, label, counselor, filename):
    """One sheet per part: the counts (rekap) and, for one's own report, the daily jurnal."""

    def shown(n):
        return "*" if n is None else n

    name = counselor.person.full_name if counselor.person_id else counselor.get_username()
    summary = [
        [f"{name} · {label}"],
        [],
        [_("Service"), *domain_labels, _("Total")],
        *([row, *map(shown, numbers), shown(total)] for row, numbers, total in table.grid()),
        [_("Total"), *map(shown, table.column_line()), shown(table.total)],
    ]
    if reached is not None:
        summary += [
            [],
            [_("People reached in classroom guidance"), reached["bimbingan_klasikal"]],
            [_("People reached in group guidance"), reached["bimbingan_kelompok"]],
            [_("People reached in group counseling"), reached["konseling_kelompok"]],
        ]
    sheets = {_("Summary"): summary}
    widths = {_("Summary"): [34] + [14] * (len(domain_labels) + 1)}
    if reached is not None:
        sheets[_("Daily jurnal")] = [
            [_("No."), _("Date"), _("Service"), _("Domain"), _("What was done"), _("Number of people")],
            *(
                [n, line.date, line.service_label, line.domain_label, line.what, line.people or ""]
                for n, line in enumerate(lines, start=1)
            ),
        ]
        widths[_("Daily jurnal")] = [6, 12, 34, 14, 60, 10]
    return xlsx_response(filename=filename, sheets=sheets, widths=widths)
