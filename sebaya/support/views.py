"""Pages for tier 1: asking for help (signed in or anonymously), triage, matching, accompaniment,
the peer supporter roster and supervision. Access is decided in `sebaya.access`."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.audit.services import client_ip
from sebaya.core.ratelimit import limited, release
from sebaya.core.views import crisis_context
from sebaya.people.models import Membership, Role
from sebaya.safety.services import users_with_role
from sebaya.screening.scoring import ScoringError
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.matching import REASONS as MATCH_REASONS
from sebaya.support.models import (
    MATCHABLE,
    SUPERVISORS_SEE,
    BuddyBatch,
    BuddyPair,
    HelpRequest,
    Message,
    SupporterProfile,
    SupportRelationship,
)
from sebaya.support.triage import REASONS as TRIAGE_REASONS

# Anonymous requests: at most this many from one address per hour, and this many code/PIN tries
# per quarter of an hour from one address and for one code (the form must not be floodable or
# guessable, from one machine or from many).
ANONYMOUS_PER_HOUR = 5
FOLLOW_UP_FAILURES = 10
FOLLOW_UP_WINDOW = 15 * 60


def _follow_up_keys(request, organization, code: str) -> list[str]:
    # The code is a secret: the cache holds only a digest of it.
    digest = hashlib.sha256(f"{organization.pk}:{code}".encode()).hexdigest()[:24]
    return [f"sebaya:follow-up:ip:{client_ip(request)}", f"sebaya:follow-up:code:{digest}"]


def _attempt(request, write, *, done, refused, then):
    """Run a write that may be refused because of the record's state; say which, kindly."""
    try:
        write()
    except services.NotAllowedNow:
        messages.info(request, refused)
    else:
        messages.success(request, done)
    return then


def _risky(help_request) -> bool:
    return bool(help_request.safety_answer) or help_request.tier == "urgent"


# --- Asking for help: signed in ------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("help.ask")
def help_home(request):
    own = HelpRequest.objects.filter(organization=request.organization, person_id=request.user.person_id)
    relationships = access.visible_relationships(request.user, request.organization).filter(
        person_id=request.user.person_id
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


# --- Asking for help: anonymously -----------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def ask_public(request, org):
    organization = access.public_organization_or_404(org)
    if request.user.is_authenticated and access.roles_in(request.user, organization):
        return redirect("help_new", org=organization.slug)
    form = support_forms.HelpRequestForm(request.POST or None, ask_class=False)
    if request.method == "POST":
        if limited(f"sebaya:ask:{organization.pk}:{client_ip(request)}", ANONYMOUS_PER_HOUR, 3600):
            form.add_error(
                None,
                _(
                    "Many requests came from this device in the last hour, so this one was not sent. "
                    "Please try again later. If you need help now, use the numbers below."
                ),
            )
            return render(
                request,
                "support/ask.html",
                {
                    "form": form,
                    "anonymous": True,
                    "organization": organization,
                    **crisis_context([organization]),
                },
                status=429,
            )
        if form.is_valid():
            try:
                help_request, code, pin = services.help_request_submit(
                    organization=organization, person=None, request=request, **form.submission()
                )
            except ScoringError:
                form.add_error(None, _("Some answers could not be read. Please check them and send again."))
            else:
                access.grant_anonymous_request(request, help_request)
                return render(
                    request,
                    "support/ask_done.html",
                    {
                        "organization": organization,
                        "help_request": help_request,
                        "code": code,
                        "pin": pin,
                        **crisis_context([organization]),
                    },
                )
    return render(
        request,
        "support/ask.html",
        {"form": form, "anonymous": True, "organization": organization},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def ask_follow_up(request, org):
    organization = access.public_organization_or_404(org)
    form = support_forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keys = _follow_up_keys(request, organization, services.normalize_code(form.cleaned_data["code"]))
        # Each try is counted (atomically) before the slow PIN check, so tries sent in parallel
        # cannot all pass the limit before any of them is counted.
        if [limited(key, FOLLOW_UP_FAILURES, FOLLOW_UP_WINDOW) for key in keys].count(True):
            form.add_error(None, _("Too many tries. Please wait a quarter of an hour and try again."))
        else:
            help_request = services.anonymous_request_find(
                organization=organization, code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
            )
            if help_request is not None:
                for key in keys:
                    release(key)
                access.grant_anonymous_request(request, help_request)
                return redirect("ask_status", org=organization.slug, code=help_request.follow_up_code)
            form.add_error(
                None, _("That code and PIN do not match a request here. Please check them and try again.")
            )
    return render(
        request,
        "support/ask_follow_up.html",
        {"form": form, "organization": organization},
        status=400 if request.method == "POST" else 200,
    )


def _anonymous_or_redirect(request, org, code):
    organization = access.public_organization_or_404(org)
    help_request = access.anonymous_request_or_none(request, organization, services.normalize_code(code))
    return organization, help_request


@never_cache
@require_http_methods(["GET", "POST"])
def ask_status(request, org, code):
    organization, help_request = _anonymous_or_redirect(request, org, code)
    if help_request is None:
        return redirect("ask_follow_up", org=organization.slug)
    form = support_forms.ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_reply(
                help_request=help_request,
                body=form.cleaned_data["body"],
                from_requester=True,
                request=request,
            )
        except services.NotAllowedNow:
            messages.info(request, _("This request is closed, so replies are no longer taken."))
        return redirect("ask_status", org=organization.slug, code=help_request.follow_up_code)
    relationship = help_request.relationships.filter(
        status__in=[SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED]
    ).first()
    return render(
        request,
        "support/ask_status.html",
        {
            "organization": organization,
            "help_request": help_request,
            "replies": help_request.messages.all(),
            "form": form,
            "relationship": relationship,
            "thread_url": reverse(
                "ask_thread", kwargs={"org": organization.slug, "code": help_request.follow_up_code}
            )
            if relationship
            else "",
            # Its own ids: the reply box above is `id_body` too, and a label finds the first one.
            "message_form": support_forms.MessageForm(auto_id="message_%s"),
            **crisis_context([organization]),
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_POST
def ask_withdraw(request, org, code):
    organization, help_request = _anonymous_or_redirect(request, org, code)
    if help_request is None:
        return redirect("ask_follow_up", org=organization.slug)
    return _attempt(
        request,
        lambda: services.request_withdraw(help_request=help_request, request=request),
        done=_("Your request is withdrawn. You can ask again whenever you need to."),
        refused=_("This request was already closed."),
        then=redirect("ask_status", org=organization.slug, code=help_request.follow_up_code),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def ask_thread(request, org, code):
    """The message thread with a peer supporter, for a person who asked anonymously."""
    organization, help_request = _anonymous_or_redirect(request, org, code)
    if help_request is None:
        raise Http404
    relationship = help_request.relationships.order_by("-started_at").first()
    if relationship is None:
        raise Http404
    return _thread(
        request,
        relationship=relationship,
        from_supporter=False,
        may_send=relationship.is_open,
        url=reverse("ask_thread", kwargs={"org": organization.slug, "code": help_request.follow_up_code}),
        redirect_to=reverse(
            "ask_status", kwargs={"org": organization.slug, "code": help_request.follow_up_code}
        ),
    )


# --- A help request, seen by its person or by a counselor ----------------------------------------------


def _request(request, action, help_request):
    return access.object_or_404(
        request, action, HelpRequest.objects.select_related("person"), pk=help_request
    )


@require_http_methods(["GET"])
@access.org_view()
def help_request_detail(request, help_request):
    help_request = _request(request, "help_request.view", help_request)
    org = request.organization
    own = help_request.person_id == request.user.person_id
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
                from_requester=help_request.person_id == request.user.person_id,
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
    return _attempt(
        request,
        lambda: services.request_withdraw(help_request=help_request, by=request.user, request=request),
        done=_("Your request is withdrawn. You can ask again whenever you need to."),
        refused=_("This request was already closed."),
        then=redirect("help_request_detail", org=request.organization.slug, help_request=help_request.pk),
    )


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
    return render(request, "support/triage_queue.html", {"page": page})


# --- Support relationships --------------------------------------------------------------------------------


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
        .annotate(session_count=Count("sessions", distinct=True))
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


def _visible_messages(relationship, sides):
    messages_qs = relationship.messages.all()
    if not sides & {"supporter", "person"}:
        # A supervisor reads only what was reported or flagged, never the whole private thread.
        messages_qs = messages_qs.filter(SUPERVISORS_SEE())
    return messages_qs


def _thread(
    request, *, relationship, from_supporter, may_send, url, redirect_to, sides=frozenset({"person"})
):
    form = support_forms.MessageForm(request.POST or None)
    if request.method == "POST":
        if not may_send:
            raise Http404
        if form.is_valid():
            try:
                services.message_send(
                    relationship=relationship,
                    body=form.cleaned_data["body"],
                    from_supporter=from_supporter,
                    sender=request.user,
                )
            except services.NotAllowedNow:
                messages.info(request, _("This conversation is closed."))
            if not request.headers.get("HX-Request"):
                return redirect(redirect_to)
            form = support_forms.MessageForm()
        elif not request.headers.get("HX-Request"):
            messages.error(request, _("Please write a message (at most 2000 characters)."))
            return redirect(redirect_to)
    thread = _visible_messages(relationship, sides)
    return render(
        request,
        "support/_thread.html",
        {
            "thread": thread,
            "relationship": relationship,
            "viewer_is_supporter": from_supporter,
            "may_send": may_send and relationship.is_open,
            "may_report": bool(sides & {"supporter", "person"}),
            "form": form,
            "url": url,
            "report_base": reverse(
                "message_report",
                kwargs={"org": relationship.organization.slug, "relationship": relationship.pk, "message": 0},
            )
            if request.user.is_authenticated
            else "",
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


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


# --- The roster and supervision --------------------------------------------------------------------


def _supporter_rows(organization, *, supervisor=None):
    memberships = (
        Membership.objects.filter(organization=organization, roles__role=Role.PEER_SUPPORTER)
        .select_related("person", "supporter_profile__supervisor__person")
        .order_by("person__full_name")
        .distinct()
    )
    loads = dict(
        SupportRelationship.objects.filter(
            organization=organization,
            status__in=[SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED],
        )
        .values_list("supporter__membership_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for membership in memberships:
        profile = getattr(membership, "supporter_profile", None)
        if supervisor is not None and (profile is None or profile.supervisor_id != supervisor.pk):
            continue
        rows.append({"membership": membership, "profile": profile, "load": loads.get(membership.pk, 0)})
    return rows


@require_http_methods(["GET"])
@access.org_view("supporters.view")
def supporter_list(request):
    return render(
        request,
        "support/supporter_list.html",
        {
            "rows": _supporter_rows(request.organization),
            "may_manage": access.can(request.user, "supporters.manage", request.organization),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def supporter_edit(request, person):
    # Another organization's person is a 404 before anyone's role is considered.
    if not Membership.objects.filter(organization=request.organization, person_id=person).exists():
        raise Http404
    access.require(request.user, "supporters.manage", request.organization)
    membership = access.membership_or_404(request, "person.view", request.organization, person)
    if not membership.roles.filter(role=Role.PEER_SUPPORTER).exists():
        raise Http404
    profile = getattr(membership, "supporter_profile", None) or SupporterProfile(
        organization=request.organization, membership=membership
    )
    counselors = users_with_role(request.organization, Role.COUNSELOR).select_related("person")
    if request.method == "POST" and request.POST.get("action") in {"add_conflict", "remove_conflict"}:
        return _supporter_conflict(request, membership)
    form = support_forms.SupporterProfileForm(request.POST or None, instance=profile, counselors=counselors)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.supporter_profile_save(membership=membership, by=request.user, request=request, **fields)
        messages.success(request, _("Saved."))
        return redirect("supporter_list", org=request.organization.slug)
    conflicts = profile.conflicts.select_related("person") if profile.pk else []
    return render(
        request,
        "support/supporter_edit.html",
        {
            "form": form,
            "membership": membership,
            "conflicts": conflicts,
            "conflict_form": support_forms.ConflictForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _supporter_conflict(request, membership):
    organization = request.organization
    back = redirect("supporter_edit", org=organization.slug, person=membership.person_id)
    if request.POST["action"] == "remove_conflict":
        remove = support_forms.ConflictRemoveForm(request.POST)
        people = Membership.objects.filter(organization=organization)
        other = people.filter(person_id=remove.cleaned_data["person"]).first() if remove.is_valid() else None
        if other is not None:
            services.supporter_conflict_set(
                membership=membership, person=other.person, by=request.user, present=False, request=request
            )
            messages.success(request, _("Saved."))
        return back
    form = support_forms.ConflictForm(request.POST)
    other = None
    if form.is_valid():
        other = Membership.objects.filter(
            organization=organization, external_id__iexact=form.cleaned_data["identifier"]
        ).first()
    if other is None or other.person_id == membership.person_id:
        messages.error(request, _("Nobody here has that identifier."))
        return back
    services.supporter_conflict_set(
        membership=membership, person=other.person, by=request.user, present=True, request=request
    )
    messages.success(request, _("Saved: they will never be matched with each other."))
    return back


@require_http_methods(["GET"])
@access.org_view("supporter.supervise")
def supervision(request):
    """A counselor's supervision page: their supporters first (all, when they supervise nobody
    yet), each with caseload, sessions, concern flags and reported or flagged messages."""
    organization = request.organization
    rows = _supporter_rows(organization, supervisor=request.user) or _supporter_rows(organization)
    profile_ids = [row["profile"].pk for row in rows if row["profile"]]
    relationships = (
        SupportRelationship.objects.filter(supporter_id__in=profile_ids)
        .select_related("person", "supporter__membership__person")
        .annotate(
            session_count=Count("sessions", distinct=True),
            concerns=Count("sessions", filter=Q(sessions__concern=True), distinct=True),
            flagged=Count(
                "messages",
                filter=SUPERVISORS_SEE("messages__"),
                distinct=True,
            ),
        )
        .order_by("-started_at")
    )
    by_supporter: dict = {}
    for relationship in relationships:
        by_supporter.setdefault(relationship.supporter_id, []).append(relationship)
    for row in rows:
        row["relationships"] = by_supporter.get(row["profile"].pk, []) if row["profile"] else []
    flagged = (
        Message.objects.filter(relationship__supporter_id__in=profile_ids)
        .seen_by_supervisors()
        .select_related("relationship__person", "relationship__supporter__membership__person")
        .order_by("-created_at")[:30]
    )
    return render(request, "support/supervision.html", {"rows": rows, "flagged": flagged})


# --- The buddy system ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.org_view("buddies.manage")
def buddy_home(request):
    organization = request.organization
    grades = sorted(
        set(
            Membership.objects.filter(organization=organization, roles__role=Role.MEMBER)
            .exclude(grade="")
            .values_list("grade", flat=True)
        )
    )
    form = support_forms.BuddyIntakeForm(
        request.POST or None, grades=grades, initial={"grade": services.default_intake_grade(organization)}
    )
    if request.method == "POST" and form.is_valid():
        batch = services.buddy_batch_propose(
            organization=organization,
            intake_grade=form.cleaned_data["grade"],
            by=request.user,
            request=request,
        )
        return redirect("buddy_batch", org=organization.slug, batch=batch.pk)
    batches = BuddyBatch.objects.filter(organization=organization).exclude(status=BuddyBatch.Status.DISCARDED)
    return render(
        request,
        "support/buddy_home.html",
        {"form": form, "batches": batches.annotate(pair_count=Count("pairs"))},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def buddy_batch(request, batch):
    batch = access.object_or_404(request, "buddies.manage", BuddyBatch.objects.all(), pk=batch)
    org = request.organization.slug
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.buddy_batch_confirm(batch=batch, by=request.user, request=request)
                messages.success(request, _("Confirmed. Students and buddies can see their pairs now."))
            elif action == "discard":
                services.buddy_batch_discard(batch=batch, by=request.user, request=request)
                messages.success(request, _("Discarded."))
                return redirect("buddy_home", org=org)
            elif action == "edit":
                form = support_forms.BuddyEditForm(request.POST)
                pair = batch.pairs.filter(pk=form.cleaned_data["pair"]).first() if form.is_valid() else None
                if pair is None:
                    messages.error(request, _("Choose a buddy for the student."))
                else:
                    services.buddy_pair_edit(pair=pair, buddy_id=form.cleaned_data["buddy"], by=request.user)
                    messages.success(request, _("Changed."))
            else:
                messages.error(request, _("Choose a buddy for the student."))
        except services.NotAllowedNow as refused:
            messages.error(request, str(BUDDY_REFUSALS.get(refused.code, BUDDY_REFUSALS["not_eligible"])))
        return redirect("buddy_batch", org=org, batch=batch.pk)
    pairs = batch.pairs.select_related("student", "buddy__membership__person")
    classes = dict(
        Membership.objects.filter(
            organization=request.organization, person_id__in=[p.student_id for p in pairs]
        ).values_list("person_id", "class_name")
    )
    buddies = (
        SupporterProfile.objects.filter(
            MATCHABLE,
            organization=request.organization,
            buddy_capacity__gt=0,
        )
        .exclude(membership__grade=batch.intake_grade)
        .select_related("membership__person")
        .order_by("membership__person__full_name")
    )
    loads = dict(batch.pairs.values_list("buddy_id").annotate(n=Count("pk")))
    unassigned = Membership.objects.filter(
        organization=request.organization, person_id__in=batch.unassigned
    ).select_related("person")
    return render(
        request,
        "support/buddy_batch.html",
        {
            "batch": batch,
            "pairs": [(pair, classes.get(pair.student_id, "")) for pair in pairs],
            "buddies": [(b, loads.get(b.pk, 0)) for b in buddies],
            "unassigned": unassigned,
        },
    )


BUDDY_REFUSALS = {
    "not_draft": gettext_lazy("This batch is no longer a draft."),
    "not_eligible": gettext_lazy(
        "That buddy cannot take this student (full, in a declared conflict, or not active)."
    ),
    "capacity": gettext_lazy("Some buddies would have more students than they can take: make a new batch."),
    "already_paired": gettext_lazy(
        "Some students already have a buddy from another batch: make a new batch."
    ),
}
