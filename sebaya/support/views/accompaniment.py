"""Peer accompaniment (`/o/<org>/accompany/`): the support relationships, their page and message
thread, reporting a message, logging a session, stepping up to a counselor, pausing, closing,
the person's feedback, reassigning to another supporter, and supervision notes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.matching import REASONS as MATCH_REASONS
from sebaya.support.models import UNREAD_BY, BuddyBatch, BuddyPair, SupporterProfile, SupportRelationship
from sebaya.support.views._shared import _mark_read, _thread


def _relationship(request, action, relationship):
    return access.object_or_404(
        request,
        action,
        SupportRelationship.objects.select_related("supporter__membership__person", "person", "help_request"),
        pk=relationship,
    )


@require_http_methods(["GET"])
@access.org_view("accompany.list")
def relationship_list(request):
    relationships = (
        access.visible_relationships(request.user, request.organization)
        .select_related("supporter__membership__person", "person", "help_request")
        .annotate(
            session_count=Count("sessions", distinct=True),
            unread=Count(
                "messages",
                filter=UNREAD_BY("supporter", message="messages__", relationship=""),
                distinct=True,
            ),
        )
    )
    mine = relationships.filter(supporter__membership__person_id=request.user.person_id)
    buddies_of = BuddyPair.objects.filter(
        batch__organization=request.organization,
        batch__status=BuddyBatch.Status.CONFIRMED,
        buddy__membership__person_id=request.user.person_id,
    ).select_related("student")
    return render(request, "support/relationship_list.html", {"mine": mine, "buddies_of": buddies_of})


@require_http_methods(["GET"])
@access.org_view()
def relationship_detail(request, relationship):
    relationship = _relationship(request, "relationship.view", relationship)
    sides = access.relationship_sides(request.user, relationship)
    # The page opens its thread at once: read from now on, so this page's menu has no badge for it.
    _mark_read(relationship, sides)
    org = request.organization
    data = {
        "relationship": relationship,
        "sides": sides,
        "is_supporter": "supporter" in sides,
        "is_person": "person" in sides,
        "is_counselor": "counselor" in sides,
        "sessions": relationship.sessions.all() if sides & {"supporter", "counselor"} else [],
        "transitions": relationship.transitions.select_related("by__person"),
        "session_form": support_forms.PeerSessionForm(initial={"mode": "in_person", "duration_minutes": 30}),
        "hand_over_form": support_forms.HandOverForm(),
        "close_form": support_forms.CloseForm(),
        "feedback_form": support_forms.FeedbackForm(),
        "message_form": support_forms.MessageForm(),
        "thread_url": reverse(
            "relationship_thread", kwargs={"org": org.slug, "relationship": relationship.pk}
        ),
        "match_reasons": [
            str(MATCH_REASONS[code]) % params if params else str(MATCH_REASONS[code])
            for code, params in relationship.match_reasons
            if code in MATCH_REASONS
        ],
    }
    if "counselor" in sides:
        data["supervision_notes"] = (
            services.supervision_notes_readable(relationship)
            if access.can(request.user, "relationship.read_supervision_notes", relationship)
            else None
        )
        data["supervision_form"] = support_forms.SupervisionNoteForm()
        proposals = (
            services.proposals_for(
                relationship.help_request, limit=10, exclude_ids=[relationship.supporter_id]
            )
            if relationship.help_request_id and relationship.is_open
            else []
        )
        names = dict(
            SupporterProfile.objects.filter(pk__in=[p.candidate.id for p in proposals]).values_list(
                "pk", "membership__person__full_name"
            )
        )
        data["reassign_to"] = [(p, names[p.candidate.id]) for p in proposals]
    return render(request, "support/relationship_detail.html", data)


@require_http_methods(["GET", "POST"])
@access.org_view()
def relationship_thread(request, relationship):
    relationship = _relationship(request, "relationship.view", relationship)
    sides = access.relationship_sides(request.user, relationship)
    if request.method == "POST":
        access.require(request.user, "relationship.message", relationship)
    return _thread(
        request,
        relationship=relationship,
        from_supporter="supporter" in sides,
        may_send=access.can(request.user, "relationship.message", relationship),
        url=reverse(
            "relationship_thread", kwargs={"org": request.organization.slug, "relationship": relationship.pk}
        ),
        redirect_to=reverse(
            "relationship_detail", kwargs={"org": request.organization.slug, "relationship": relationship.pk}
        ),
        sides=sides,
    )


@require_POST
@access.org_view()
def message_report(request, relationship, message):
    relationship = _relationship(request, "relationship.message", relationship)
    message = relationship.messages.filter(pk=message).first()
    if message is None:
        raise Http404
    sides = access.relationship_sides(request.user, relationship)
    if services.message_report(
        message=message, by_supporter="supporter" in sides, by=request.user, request=request
    ):
        messages.success(request, _("Reported. The supervising counselor will look at it."))
    else:
        messages.info(request, _("This message was already reported."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def session_log(request, relationship):
    relationship = _relationship(request, "relationship.log_session", relationship)
    form = support_forms.PeerSessionForm(request.POST)
    if form.is_valid():
        try:
            session = services.peer_session_log(
                relationship=relationship, by=request.user, request=request, **form.cleaned_data
            )
        except services.NotAllowedNow:
            messages.info(request, _("This relationship is closed."))
        else:
            if session.concern:
                messages.warning(request, _("Saved. A counselor has been told about your concern."))
            else:
                messages.success(request, _("Session saved."))
        return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)
    for field, errors in form.errors.items():
        for error in errors:
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def relationship_step_up(request, relationship):
    relationship = _relationship(request, "relationship.step_up", relationship)
    form = support_forms.HandOverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a hand-over note for the counselor."))
    else:
        try:
            services.step_up(
                relationship=relationship, by=request.user, note=form.cleaned_data["note"], request=request
            )
            messages.success(
                request, _("Stepped up. A counselor will take it from here; thank you for noticing.")
            )
        except services.NotAllowedNow:
            messages.info(request, _("This relationship is closed."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def relationship_close(request, relationship):
    relationship = _relationship(request, "relationship.close", relationship)
    form = support_forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a short closing note."))
    else:
        try:
            services.relationship_close(
                relationship=relationship,
                by=request.user,
                closing_note=form.cleaned_data["closing_note"],
                request=request,
            )
            messages.success(request, _("Closed. The person will be asked for feedback."))
        except services.NotAllowedNow:
            messages.info(request, _("This relationship is already closed."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def relationship_pause(request, relationship):
    relationship = _relationship(request, "relationship.pause", relationship)
    status = (
        SupportRelationship.Status.ACTIVE
        if relationship.status == SupportRelationship.Status.PAUSED
        else SupportRelationship.Status.PAUSED
    )
    try:
        services.relationship_set_status(
            relationship=relationship, status=status, by=request.user, request=request
        )
        messages.success(request, _("Saved."))
    except services.NotAllowedNow:
        messages.info(request, _("This relationship is closed."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def relationship_feedback(request, relationship):
    relationship = _relationship(request, "relationship.feedback", relationship)
    form = support_forms.FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a rating from 1 to 5."))
    else:
        try:
            services.feedback_give(
                relationship=relationship,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("Thank you for your feedback."))
        except services.NotAllowedNow:
            messages.info(request, _("Feedback can be given once, after the conversations have closed."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)


@require_POST
@access.org_view()
def relationship_reassign(request, relationship):
    relationship = _relationship(request, "relationship.reassign", relationship)
    form = support_forms.ReassignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a supporter and write why."))
        return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)
    try:
        new = services.relationship_reassign(
            relationship=relationship,
            supporter_id=form.cleaned_data["supporter"],
            by=request.user,
            note=form.cleaned_data["note"],
            request=request,
        )
    except (services.NotAllowedNow, SupporterProfile.DoesNotExist):
        messages.info(request, _("That supporter can no longer take this request. Please choose again."))
        return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)
    messages.success(request, _("Reassigned."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=new.pk)


@require_POST
@access.org_view()
def relationship_supervision_note(request, relationship):
    relationship = _relationship(request, "relationship.supervise", relationship)
    form = support_forms.SupervisionNoteForm(request.POST)
    if form.is_valid():
        services.supervision_note_add(
            supporter=relationship.supporter,
            relationship=relationship,
            by=request.user,
            body=form.cleaned_data["body"],
            request=request,
        )
        messages.success(request, _("Supervision note saved."))
    else:
        messages.error(request, _("Please write the note (at most 2000 characters)."))
    return redirect("relationship_detail", org=request.organization.slug, relationship=relationship.pk)
