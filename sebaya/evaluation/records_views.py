"""Pages of the de-identified records export, under /o/<org>/evaluasi/data-rekaman/.

Only organization admins reach them (`evaluation.records_export`: 403 for the other roles, 404
outside the organization). Every admin sees the organization's files (who asked, why, for which
period) and may delete one; only the admin who asked downloads it, since the reason given was
theirs. The progress fragment is polled by htmx every few seconds while a file is being
prepared; without JavaScript the page has a refresh link. A file that has expired or was deleted
answers a page that says so (410), never an error.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.evaluation import records_export as services
from sebaya.evaluation.models import RecordsExport
from sebaya.evaluation.records_forms import RecordsExportForm

ACTION = "evaluation.records_export"
HISTORY = 10  # files listed on the page


def in_progress_message() -> str:
    return _("A file is already being prepared for this organization. Please wait for it to finish.")


def _exports(request):
    return (
        RecordsExport.objects.filter(organization=request.organization)
        .select_related("requested_by", "deleted_by")
        .defer("data")
    )


def _export_or_404(request, export_id) -> RecordsExport:
    """A file of the request's organization (404 otherwise, whatever the role), then the action (403)."""
    export = _exports(request).filter(pk=export_id).first()
    if export is None:
        raise Http404
    access.require(request.user, ACTION, export)
    return export


def _list_context(request) -> dict:
    exports = list(_exports(request)[:HISTORY])
    slug = request.organization.slug
    for export in exports:
        export.mine = export.requested_by_id == request.user.pk
        export.download_url = reverse("records_export_download", kwargs={"org": slug, "export": export.pk})
        export.delete_url = reverse("records_export_delete", kwargs={"org": slug, "export": export.pk})
    return {
        "exports": exports,
        "page_url": reverse("records_export", kwargs={"org": slug}),
        "progress_url": reverse("records_export_progress", kwargs={"org": slug}),
        "polling": any(export.in_progress for export in exports),
    }


@require_http_methods(["GET", "POST"])
@access.org_view(ACTION)
def records_export(request):
    form = RecordsExportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.records_export_request(
                    organization=request.organization,
                    by=request.user,
                    period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"],
                    reason=form.cleaned_data["reason"],
                    language=form.cleaned_data["language"],
                    request=request,
                )
            except services.RecordsExportRefused as refused:
                if refused.code != "in_progress":
                    raise  # the form checks everything else first: this would be a bug
                form.add_error(None, in_progress_message())
                status = 409
            else:
                messages.success(
                    request, _("The file is being prepared. This page shows how far it has got.")
                )
                return redirect("records_export", org=request.organization.slug)
    context = _list_context(request)
    context |= {
        "form": form,
        "days": services.EXPORT_DAYS,
        "may_ask": not RecordsExport.objects.filter(
            organization=request.organization, status__in=RecordsExport.IN_PROGRESS
        ).exists(),
    }
    return render(request, "evaluation/records_export.html", context, status=status)


@require_GET
@access.org_view(ACTION)
def records_export_progress(request):
    return render(request, "evaluation/records_list.html", _list_context(request))


@require_GET
@access.org_view()
def records_export_download(request, export):
    export = _export_or_404(request, export)
    if export.requested_by_id != request.user.pk:
        # Only the admin who asked (and gave the reason) downloads: another admin finds nothing.
        raise Http404
    if export.is_ready:
        try:
            content, content_type, name = services.records_export_file(
                export=export, by=request.user, request=request
            )
        except RecordsExport.DoesNotExist:  # expired or deleted between the two reads
            export.refresh_from_db(fields=["status", "deleted_at", "deleted_by"])
        else:
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            response["Cache-Control"] = "no-store, no-cache, private, max-age=0"
            return response
    context = _list_context(request) | {"export": export}
    return render(request, "evaluation/records_gone.html", context, status=410)


@require_POST
@access.org_view()
def records_export_delete(request, export):
    export = _export_or_404(request, export)
    if services.records_export_delete(export=export, by=request.user, request=request):
        messages.success(request, _("The file is deleted."))
    else:
        messages.info(request, _("There was no file to delete: it had already expired or been deleted."))
    return redirect("records_export", org=request.organization.slug)
