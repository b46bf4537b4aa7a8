"""Joining a response: the partners page of an incident (who responds, inviting another
organization) and the invited organization's answer."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.organizations.models import Organization
from sebaya.psychosocial.models import IncidentStatus, MemberStatus, ResponseMember
from sebaya.psychosocial.services import response as services
from sebaya.psychosocial.views._shared import incident_or_404

# Organizations found by name at a time: enough to find one, small enough for a phone.
FOUND_AT_MOST = 20


class InviteForm(forms.Form):
    organization = forms.UUIDField()


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[(MemberStatus.JOINED, ""), (MemberStatus.DECLINED, "")])


@require_http_methods(["GET", "POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def response_partners(request, incident):
    incident = incident_or_404(request, "incident.view", incident)
    may_invite = (
        access.can(request.user, "response.invite", incident) and incident.status != IncidentStatus.CLOSED
    )
    status = 200
    if request.method == "POST":
        access.require(request.user, "response.invite", incident)
        form = InviteForm(request.POST)
        organization = (
            Organization.objects.filter(pk=form.cleaned_data["organization"]).first()
            if form.is_valid()
            else None
        )
        if organization is None:
            messages.error(request, _("Choose an organization from the list."))
            status = 400
        else:
            try:
                services.response_invite(
                    incident=incident, organization=organization, by=request.user, request=request
                )
            except services.ResponseError as error:
                messages.error(request, str(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("%(organization)s is invited. Their coordinators will see it on their incidents page.")
                    % {"organization": organization.name},
                )
                return redirect("response_partners", org=request.organization.slug, incident=incident.pk)
    members = incident.members.select_related("organization").order_by("organization__name")
    if not access.can(request.user, "response.invite", incident):
        # Other responders see who takes part, not whom the lead asked or who said no.
        members = members.filter(status=MemberStatus.JOINED)
    query = " ".join(request.GET.get("q", "").split())[:100]
    in_network = found = None
    if may_invite:
        in_network, others = access.invitable_organizations(incident)
        in_network = list(in_network[:100])
        found = list(others.filter(name__icontains=query)[:FOUND_AT_MOST]) if query else None
    return render(
        request,
        "psychosocial/response/partners.html",
        {
            "incident": incident,
            "members": members,
            "may_invite": may_invite,
            "in_network": in_network,
            "query": query,
            "found": found,
        },
        status=status,
    )


@require_http_methods(["POST"])
@access.org_view()  # the invitation is loaded first: another organization's answers 404
def response_answer(request, member):
    invitation = (
        ResponseMember.objects.select_related("incident", "incident__organization")
        .filter(pk=member, organization=request.organization)
        .first()
    )
    if invitation is None:
        raise Http404
    access.require(request.user, "response.answer", request.organization)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to join the response or to decline."))
        return redirect("incident_list", org=request.organization.slug)
    try:
        answered = services.response_answer(
            member=invitation, answer=form.cleaned_data["answer"], by=request.user, request=request
        )
    except services.ResponseError as error:
        messages.error(request, str(error))
        return redirect("incident_list", org=request.organization.slug)
    if answered.status == MemberStatus.JOINED:
        messages.success(
            request, _("Your organization has joined the response. Register the people you help from here.")
        )
        return redirect("incident_detail", org=request.organization.slug, incident=answered.incident_id)
    messages.success(request, _("The invitation is declined."))
    return redirect("incident_list", org=request.organization.slug)
