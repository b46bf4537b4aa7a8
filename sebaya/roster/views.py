from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.roster import services
from sebaya.roster.forms import RosterConfirmForm, RosterUploadForm
from sebaya.roster.models import RosterImport
from sebaya.roster.parsing import COLUMNS, RosterFileError


@require_http_methods(["GET", "POST"])
@access.org_view("roster.import")
def roster_upload(request):
    # Bound on every POST, even one without fields, so a missing file is reported.
    form = RosterUploadForm(request.POST, request.FILES) if request.method == "POST" else RosterUploadForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                roster_import = services.roster_preview(
                    organization=request.organization,
                    by=request.user,
                    name=upload.name,
                    content=upload.read(),
                )
            except RosterFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect(
                    "roster_preview", org=request.organization.slug, roster_import=roster_import.pk
                )
    history = RosterImport.objects.filter(organization=request.organization).select_related("uploaded_by")[
        :20
    ]
    return render(
        request, "roster/upload.html", {"form": form, "columns": COLUMNS, "history": history}, status=status
    )


def _roster_import(request, pk) -> RosterImport:
    return access.object_or_404(request, "roster.import", RosterImport.objects.all(), pk=pk)


@require_http_methods(["GET"])
@access.org_view()
def roster_preview(request, roster_import):
    roster_import = _roster_import(request, roster_import)
    rows = roster_import.rows
    show_errors_only = request.GET.get("errors") == "1"
    if show_errors_only:
        rows = [row for row in rows if row["errors"]]
    return render(
        request,
        "roster/preview.html",
        {
            "roster_import": roster_import,
            "rows": rows[:500],
            "more_rows": max(0, len(rows) - 500),
            "show_errors_only": show_errors_only,
            "confirm_form": RosterConfirmForm(),
        },
    )


@require_POST
@access.org_view()
def roster_confirm(request, roster_import):
    roster_import = _roster_import(request, roster_import)
    form = RosterConfirmForm(request.POST)
    if roster_import.error_count or not form.is_valid():
        messages.error(
            request, _("Fix the rows with errors in your file and upload it again. Nothing was imported.")
        )
        return redirect("roster_preview", org=request.organization.slug, roster_import=roster_import.pk)
    try:
        passwords = services.roster_apply(
            roster_import=roster_import,
            by=request.user,
            make_passwords=form.cleaned_data["make_passwords"],
            request=request,
        )
    except services.RosterChanged as error:
        messages.error(request, str(error))
        return redirect("roster_preview", org=request.organization.slug, roster_import=roster_import.pk)
    roster_import.refresh_from_db()
    return render(request, "roster/done.html", {"roster_import": roster_import, "passwords": passwords})


@require_POST
@access.org_view()
def roster_discard(request, roster_import):
    roster_import = _roster_import(request, roster_import)
    if services.roster_discard(roster_import=roster_import):
        messages.info(request, _("The upload was discarded. Nothing was imported."))
    else:  # already imported: saying "nothing was imported" would be false
        messages.error(request, _("This import was already confirmed or discarded."))
    return redirect("roster_upload", org=request.organization.slug)
