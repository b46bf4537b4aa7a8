"""A counselor handling a help request: the triage decision, taking it on, recording the first
contact, closing it, stepping it down to a peer, matching it with a peer supporter, and the
triage queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import HelpRequest, SupporterProfile
from sebaya.support.views._shared import _attempt, _request


@require_POST
@access.org_view()
def help_request_triage(request, help_request):
    help_request = _request(request, "help_request.triage", help_request)
    form = support_forms.TriageForm(request.POST, current=help_request)
    if form.is_valid():
        try:
            services.triage_decide(
                help_request=help_request,
                by=request.user,
                tier=form.cleaned_data["tier"],
                urgency=form.cleaned_data["urgency"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
            messages.success(request, _("Triage decision recorded."))
        except services.NotAllowedNow:
            messages.info(request, _("This request is closed."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)


@require_POST
@access.org_view()
def help_request_take(request, help_request):
    help_request = _request(request, "help_request.take", help_request)
    return _attempt(
        request,
        lambda: services.request_take(help_request=help_request, by=request.user, request=request),
        done=_("You have taken this request on."),
        refused=_("Someone has already taken this request on, or it is closed."),
        then=redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk),
    )


@require_POST
@access.org_view()
def help_request_contact(request, help_request):
    help_request = _request(request, "help_request.take", help_request)
    services.first_contact_record(help_request=help_request, by=request.user, request=request)
    messages.success(request, _("First contact recorded."))
    return redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)


@require_POST
@access.org_view()
def help_request_close(request, help_request):
    help_request = _request(request, "help_request.take", help_request)
    return _attempt(
        request,
        lambda: services.request_close(help_request=help_request, by=request.user, request=request),
        done=_("The request is closed."),
        refused=_("This request was already closed."),
        then=redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk),
    )


@require_POST
@access.org_view()
def help_request_step_down(request, help_request):
    help_request = _request(request, "help_request.step_down", help_request)
    form = support_forms.HandOverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a hand-over note for the peer supporter."))
        return redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)
    try:
        services.step_down(
            help_request=help_request, by=request.user, note=form.cleaned_data["note"], request=request
        )
        messages.success(request, _("Stepped down: choose a peer supporter now."))
        return redirect("help_request_match", org=request.organization.slug, help_request=help_request.pk)
    except services.NotAllowedNow:
        messages.info(request, _("This request is closed."))
        return redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)


@require_http_methods(["GET", "POST"])
@access.org_view()
def help_request_match(request, help_request):
    help_request = _request(request, "help_request.match", help_request)
    org = request.organization
    if request.method == "POST":
        form = support_forms.MatchForm(request.POST)
        proposals = {p.candidate.id: p for p in services.proposals_for(help_request, limit=1000)}
        if form.is_valid() and form.cleaned_data["supporter"] in proposals:
            proposal = proposals[form.cleaned_data["supporter"]]
            try:
                relationship = services.relationship_start(
                    help_request=help_request,
                    supporter_id=proposal.candidate.id,
                    by=request.user,
                    reasons=proposal.reasons,
                    request=request,
                )
            except services.NotAllowedNow:
                messages.info(
                    request, _("That supporter can no longer take this request. Please choose again.")
                )
            else:
                messages.success(request, _("Matched. The peer supporter will see this in their list."))
                if access.can(request.user, "relationship.view", relationship):
                    return redirect("relationship_detail", org=org.slug, relationship=relationship.pk)
                return (
                    redirect("triage_queue", org=org.slug)
                    if access.can(request.user, "triage.queue", org)
                    else redirect("supporter_list", org=org.slug)
                )
        else:
            messages.error(request, _("Please choose one of the proposed supporters."))
        return redirect("help_request_match", org=org.slug, help_request=help_request.pk)
    proposals = services.proposals_for(help_request) if help_request.status == HelpRequest.Status.NEW else []
    names = {
        p.pk: p
        for p in SupporterProfile.objects.filter(pk__in=[x.candidate.id for x in proposals]).select_related(
            "membership__person"
        )
    }
    return render(
        request,
        "support/match.html",
        {
            "help_request": help_request,
            "proposals": [(p, names[p.candidate.id], p.reason_texts()) for p in proposals],
            "may_see_details": access.can(request.user, "help_request.view", help_request),
        },
    )


@require_http_methods(["GET"])
@access.org_view("triage.queue")
def triage_queue(request):
    page = Paginator(services.triage_queue(request.organization), 50).get_page(request.GET.get("page"))
    page.object_list = services.with_open_alerts(page.object_list)
    return render(request, "support/triage_queue.html", {"page": page})
