from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.organizations import services
from sebaya.organizations.forms import CrisisContactFormSet, LetterheadForm, OrganizationForm
from sebaya.organizations.models import Letterhead


@require_http_methods(["GET", "POST"])
@access.org_view("crisis_contacts.change")
def org_settings(request):
    organization = request.organization
    may_change_settings = access.can(request.user, "organization.change", organization)
    data = request.POST if request.method == "POST" else None
    form = OrganizationForm(data, instance=organization)
    if not may_change_settings:
        for field in form.fields.values():
            field.disabled = True
    contacts = CrisisContactFormSet(data, instance=organization, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        services.organization_update(
            organization_form=form, contacts_formset=contacts, by=request.user, request=request
        )
        messages.success(request, _("Saved."))
        return redirect("org_settings", org=organization.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organizations/settings.html",
        {"form": form, "contacts": contacts, "may_change_settings": may_change_settings},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@access.org_view("letterhead.change")
def letterhead_edit(request):
    """The kop surat, the signatories and the letter number pattern of official documents."""
    organization = request.organization
    letterhead = Letterhead.objects.filter(organization=organization).first() or Letterhead(
        organization=organization
    )
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=letterhead)
    if request.method == "POST" and form.is_valid():
        services.letterhead_save(form=form, by=request.user, request=request)
        messages.success(request, _("Saved."))
        return redirect("letterhead_edit", org=organization.slug)
    return render(
        request,
        "organizations/letterhead.html",
        {"form": form, "letterhead": letterhead},
        status=400 if request.method == "POST" else 200,
    )
