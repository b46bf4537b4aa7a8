"""A psychological first aid contact with a person affected, on a phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.psychosocial.forms import ContactForm
from sebaya.psychosocial.models import AffectedPerson
from sebaya.psychosocial.services import contacts as services
from sebaya.psychosocial.views._shared import incident_or_404


@require_http_methods(["GET"])
@access.org_view()
def affected_person(request, affected):
    """A person's page by their registration alone (the address an alert links to)."""
    affected = access.object_or_404(request, "affected.view", AffectedPerson.objects.all(), pk=affected)
    return redirect(
        "affected_detail", org=request.organization.slug, incident=affected.incident_id, affected=affected.pk
    )


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def contact_new(request, incident, affected):
    incident = incident_or_404(request, "incident.view", incident)
    affected = access.object_or_404(
        request,
        "contact.record",
        AffectedPerson.objects.current().select_related("person", "incident"),
        incident=incident,
        pk=affected,
    )
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact, _made = services.contact_record(
                affected=affected, by=request.user, request=request, **form.cleaned_data
            )
        except services.ContactError as error:
            form.add_error(None, str(error))
        else:
            if contact.alert_id:
                holder = contact.alert.owner
                name = holder.person.full_name if holder and holder.person_id else _("the counselors")
                messages.warning(
                    request,
                    _(
                        "An alert went to %(name)s, who is on call. Stay with the person if it is safe. "
                        "If a life is in danger now, call 112 or 119."
                    )
                    % {"name": name},
                )
            else:
                messages.success(request, _("The contact is saved."))
            return redirect(
                "affected_detail", org=request.organization.slug, incident=incident.pk, affected=affected.pk
            )
    return render(
        request,
        "psychosocial/contacts/form.html",
        {"form": form, "incident": incident, "affected": affected},
        status=400 if request.method == "POST" else 200,
    )
