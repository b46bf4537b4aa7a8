"""Pages for a person's own data: "My data" for the person, and the admin's copy for a guardian.

The person's pages look only at the signed-in person's own exports: any other export id answers
404, whoever asks (staff included). The admin's pages reach only copies made for a parent or
guardian of a person in the admin's organization. The progress fragments are polled by htmx every
few seconds while an export is being prepared; without JavaScript the page has a refresh link.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.people.models import Membership
from sebaya.privacy import exports as services
from sebaya.privacy.export_forms import KINDS, GuardianExportForm
from sebaya.privacy.models import DataExport

HISTORY = 10  # exports listed on a page


def _membership(request, action: str, person_id) -> Membership:
    """The person's membership in the request's organization (404), then the action (403).

    Used where `membership_or_404` would write a "record viewed" event for every poll of the
    progress: these pages show the export's status and files, not the person's record, and each
    download and each request has its own audit event.
    """
    membership = (
        Membership.objects.select_related("person", "organization")
        .filter(organization=request.organization, person_id=person_id)
        .first()
    )
    if membership is None:
        raise Http404
    access.require(request.user, action, membership)
    return membership


def _own_exports(membership):
    return DataExport.objects.filter(organization=membership.organization, person=membership.person).defer(
        "json_data", "pdf_data"
    )


def _own_export(request, action: str, export_id, **lookup) -> tuple[Membership, DataExport]:
    membership = _membership(request, action, request.user.person_id)
    export = _own_exports(membership).filter(pk=export_id, purpose=DataExport.Purpose.SELF, **lookup).first()
    if export is None:
        raise Http404
    return membership, export


def _download(request, export: DataExport, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    try:
        content, content_type, filename = services.export_file(
            export=export, kind=kind, by=request.user, request=request
        )
    except DataExport.DoesNotExist as missing:
        raise Http404 from missing
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, no-cache, private, max-age=0"
    return response


def _list_context(request, exports, *, page_url, progress_url, links) -> dict:
    exports = list(exports[:HISTORY])
    for export in exports:
        export.links = links(export) if export.is_ready else None
    return {
        "exports": exports,
        "page_url": page_url,
        "progress_url": progress_url,
        "polling": any(export.in_progress for export in exports),
    }


# --- The person's own data -----------------------------------------------------------------------------


def _my_links(organization):
    def links(export):
        kwargs = {"org": organization.slug, "export": export.pk}
        return {
            "pdf": reverse("my_data_download", kwargs=kwargs | {"kind": "pdf"}),
            "json": reverse("my_data_download", kwargs=kwargs | {"kind": "json"}),
            "delete": reverse("my_data_delete", kwargs=kwargs),
        }

    return links


def _my_list(request, membership) -> dict:
    own = _own_exports(membership)
    context = _list_context(
        request,
        own.filter(purpose=DataExport.Purpose.SELF),
        page_url=reverse("my_data", kwargs={"org": request.organization.slug}),
        progress_url=reverse("my_data_progress", kwargs={"org": request.organization.slug}),
        links=_my_links(request.organization),
    )
    # A copy made for a parent or guardian is shown to the person too (when, not the file).
    context["for_guardian"] = list(
        own.filter(purpose=DataExport.Purpose.GUARDIAN).exclude(status=DataExport.Status.FAILED)[:HISTORY]
    )
    return context


@require_http_methods(["GET", "POST"])
@access.org_view()
def my_data(request):
    membership = _membership(request, "mydata.request", request.user.person_id)
    error, status = "", 200
    if request.method == "POST":
        try:
            services.export_request(
                membership=membership,
                by=request.user,
                language=(translation.get_language() or "id")[:2],
                request=request,
            )
        except services.ExportInProgress:
            error, status = (
                _("A copy of your data is already being prepared. Please wait for it to finish."),
                409,
            )
        except services.ExportTooSoon as refused:
            when = formats.date_format(timezone.localtime(refused.next_at), "H:i")
            error, status = (
                _("You can ask for a new copy from %(time)s. One copy an hour is enough.") % {"time": when},
                429,
            )
        else:
            messages.success(request, _("We are preparing your copy. This page shows how far it has got."))
            return redirect("my_data", org=request.organization.slug)
    next_at = services.next_request_at(membership=membership)
    context = _my_list(request, membership) | {
        "error": error,
        "next_at": next_at,
        "may_ask": next_at is None
        and not _own_exports(membership).filter(status__in=DataExport.IN_PROGRESS).exists(),
        "days": services.EXPORT_DAYS,
    }
    return render(request, "privacy/export_my_data.html", context, status=status)


@require_GET
@access.org_view()
def my_data_progress(request):
    membership = _membership(request, "mydata.request", request.user.person_id)
    return render(request, "privacy/export_list.html", _my_list(request, membership) | {"own": True})


@require_GET
@access.org_view()
def my_data_download(request, export, kind):
    _membership_row, export = _own_export(request, "mydata.download", export, status=DataExport.Status.READY)
    return _download(request, export, kind)


@require_POST
@access.org_view()
def my_data_delete(request, export):
    _membership_row, export = _own_export(request, "mydata.download", export)
    if services.export_delete(export=export, by=request.user, request=request):
        messages.success(request, _("The files are deleted."))
    return redirect("my_data", org=request.organization.slug)


# --- An admin's copy for a parent or guardian --------------------------------------------------------------


def _guardian_links(organization, person_id):
    def links(export):
        kwargs = {"org": organization.slug, "person": person_id, "export": export.pk}
        return {
            "pdf": reverse("person_export_download", kwargs=kwargs | {"kind": "pdf"}),
            "json": reverse("person_export_download", kwargs=kwargs | {"kind": "json"}),
            "delete": reverse("person_export_delete", kwargs=kwargs),
        }

    return links


def _guardian_list(request, membership) -> dict:
    return _list_context(
        request,
        _own_exports(membership).filter(purpose=DataExport.Purpose.GUARDIAN).select_related("requested_by"),
        page_url=reverse(
            "person_export", kwargs={"org": request.organization.slug, "person": membership.person_id}
        ),
        progress_url=reverse(
            "person_export_progress",
            kwargs={"org": request.organization.slug, "person": membership.person_id},
        ),
        links=_guardian_links(request.organization, membership.person_id),
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def person_export(request, person):
    membership = access.membership_or_404(request, "person.export", request.organization, person)
    form = GuardianExportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.export_request_for_guardian(
                    membership=membership,
                    by=request.user,
                    reference=form.cleaned_data["reference"],
                    language=form.cleaned_data["language"],
                    request=request,
                )
            except services.ExportInProgress:
                form.add_error(None, _("A copy of this person's data is already being prepared."))
                status = 409
            else:
                messages.success(
                    request, _("The copy is being prepared. This page shows how far it has got.")
                )
                return redirect("person_export", org=request.organization.slug, person=membership.person_id)
    context = _guardian_list(request, membership) | {
        "membership": membership,
        "person": membership.person,
        "form": form,
        "days": services.EXPORT_DAYS,
    }
    return render(request, "privacy/export_person.html", context, status=status)


@require_GET
@access.org_view()
def person_export_progress(request, person):
    membership = _membership(request, "person.export", person)
    return render(request, "privacy/export_list.html", _guardian_list(request, membership) | {"own": False})


def _guardian_export(request, person, export_id, **lookup) -> DataExport:
    membership = _membership(request, "person.export", person)
    export = (
        _own_exports(membership)
        .filter(pk=export_id, purpose=DataExport.Purpose.GUARDIAN, **lookup)
        .select_related("organization")
        .first()
    )
    if export is None:
        raise Http404
    return export


@require_GET
@access.org_view()
def person_export_download(request, person, export, kind):
    return _download(request, _guardian_export(request, person, export, status=DataExport.Status.READY), kind)


@require_POST
@access.org_view()
def person_export_delete(request, person, export):
    export = _guardian_export(request, person, export)
    if services.export_delete(export=export, by=request.user, request=request):
        messages.success(request, _("The files are deleted."))
    return redirect("person_export", org=request.organization.slug, person=person)
