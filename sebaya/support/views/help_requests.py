"""A signed-in person's help requests (`/o/<org>/help/`): their help page, asking for help, and a
request's page (seen by its person or by a counselor) with replies and withdrawing it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.organizations.crisis import crisis_context
from sebaya.people.models import Membership
from sebaya.screening.scoring import ScoringError
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import UNREAD_BY, BuddyBatch, BuddyPair, HelpRequest
from sebaya.support.triage import REASONS as TRIAGE_REASONS
from sebaya.support.views._shared import _attempt, _request, _withdraw_confirmation


def _risky(help_request) -> bool:
    return bool(help_request.safety_answer) or help_request.tier == "urgent"


@require_http_methods(["GET"])
@access.org_view("help.ask")
def help_home(request):
    own = HelpRequest.objects.filter(organization=request.organization, person_id=request.user.person_id)
    relationships = (
        access.visible_relationships(request.user, request.organization)
        .filter(person_id=request.user.person_id)
        .annotate(unread=Count("messages", filter=UNREAD_BY("person", message="messages__", relationship="")))
    )
    buddy = (
        BuddyPair.objects.filter(
            batch__organization=request.organization,
            batch__status=BuddyBatch.Status.CONFIRMED,
            student_id=request.user.person_id,
        )
        .select_related("buddy__membership__person")
        .first()
    )
    return render(
        request, "support/help_home.html", {"own": own, "relationships": relationships, "buddy": buddy}
    )


@require_http_methods(["GET", "POST"])
@access.org_view("help.ask")
def help_new(request):
    form = support_forms.HelpRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            help_request, _code, _pin = services.help_request_submit(
                organization=request.organization,
                person=request.user.person,
                by=request.user,
                request=request,
                **form.submission(),
            )
        except ScoringError:
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
        else:
            messages.success(request, _("Thank you for reaching out. Your request has been received."))
            return redirect(
                "help_request_detail", org=request.organization.slug, help_request=help_request.pk
            )
    return render(
        request,
        "support/ask.html",
        {"form": form, "anonymous": False},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view()
def help_request_detail(request, help_request):
    help_request = _request(request, "help_request.view", help_request)
    org = request.organization
    own = access.is_own(request.user, help_request)
    data = {
        "help_request": help_request,
        "own": own,
        "replies": help_request.messages.select_related("author__person"),
        "reply_form": support_forms.ReplyForm(),
        "relationships": help_request.relationships.select_related("supporter__membership__person"),
    }
    if own:
        if _risky(help_request):
            data.update(crisis_context([org]))
        return render(request, "support/request_own.html", data)
    decisions = list(help_request.decisions.select_related("decided_by__person"))
    for decision in decisions:
        decision.reason_texts = [str(TRIAGE_REASONS.get(code, code)) for code in decision.rule_reasons]
    data.update(
        decisions=decisions,
        triage_form=support_forms.TriageForm(
            initial={"tier": help_request.tier, "urgency": help_request.urgency}, current=help_request
        ),
        hand_over_form=support_forms.HandOverForm(),
        transitions=help_request.transitions.select_related("by__person"),
        step_up_source=help_request.stepped_up_from,
        membership=Membership.objects.filter(organization=org, person_id=help_request.person_id).first(),
        check_band=services.check_band_label(help_request),
    )
    return render(request, "support/request_staff.html", data)


@require_POST
@access.org_view()
def help_request_reply(request, help_request):
    help_request = _request(request, "help_request.reply", help_request)
    form = support_forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.request_reply(
                help_request=help_request,
                body=form.cleaned_data["body"],
                by=request.user,
                from_requester=access.is_own(request.user, help_request),
                request=request,
            )
            messages.success(request, _("Sent."))
        except services.NotAllowedNow:
            messages.info(request, _("This request is closed, so replies are no longer taken."))
    else:
        messages.error(request, _("Please write a message (at most 2000 characters)."))
    return redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk)


@require_POST
@access.org_view()
def help_request_withdraw(request, help_request):
    help_request = _request(request, "help_request.withdraw", help_request)
    if not confirm.confirmed(request):
        return _withdraw_confirmation(
            request,
            back=reverse(
                "help_request_detail",
                kwargs={"org": request.organization.slug, "help_request": help_request.pk},
            ),
        )
    return _attempt(
        request,
        lambda: services.request_withdraw(help_request=help_request, by=request.user, request=request),
        done=_("Your request is withdrawn. You can ask again whenever you need to."),
        refused=_("This request was already closed."),
        then=redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk),
    )
