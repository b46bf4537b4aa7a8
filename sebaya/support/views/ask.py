"""Asking for help anonymously, on the public pages (`/ask/<org>/`): the form, following up with
the code and PIN (rate limited per address and per code), the request's status and replies,
withdrawing it, and the message thread with a peer supporter."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.audit.services import client_ip
from sebaya.kernel import confirm
from sebaya.kernel.ratelimit import limited, release
from sebaya.organizations.crisis import crisis_context
from sebaya.screening.scoring import ScoringError
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import SupportRelationship
from sebaya.support.views._shared import _attempt, _thread, _withdraw_confirmation

# Anonymous requests: at most this many from one address per hour, and this many code/PIN tries
# per quarter of an hour from one address and for one code (the form must not be floodable or
# guessable, from one machine or from many).
ANONYMOUS_PER_HOUR = 5
CODE_FAILURES = 10
CODE_WINDOW = 15 * 60


def _code_keys(request, organization, code: str) -> list[str]:
    # The code is a secret: the cache holds only a digest of it.
    digest = hashlib.sha256(f"{organization.pk}:{code}".encode()).hexdigest()[:24]
    # The cache keys keep their first word ("follow-up"): counts already made stay in force.
    return [f"sebaya:follow-up:ip:{client_ip(request)}", f"sebaya:follow-up:code:{digest}"]


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
def ask_return(request, org):
    organization = access.public_organization_or_404(org)
    form = support_forms.ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keys = _code_keys(request, organization, services.normalize_code(form.cleaned_data["code"]))
        # Each try is counted (atomically) before the slow PIN check, so tries sent in parallel
        # cannot all pass the limit before any of them is counted.
        if [limited(key, CODE_FAILURES, CODE_WINDOW) for key in keys].count(True):
            form.add_error(None, _("Too many tries. Please wait a quarter of an hour and try again."))
        else:
            help_request = services.anonymous_request_find(
                organization=organization, code=form.cleaned_data["code"], pin=form.cleaned_data["pin"]
            )
            if help_request is not None:
                for key in keys:
                    release(key)
                access.grant_anonymous_request(request, help_request)
                return redirect("ask_status", org=organization.slug, code=help_request.request_code)
            form.add_error(
                None, _("That code and PIN do not match a request here. Please check them and try again.")
            )
    return render(
        request,
        "support/ask_return.html",
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
        return redirect("ask_return", org=organization.slug)
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
        return redirect("ask_status", org=organization.slug, code=help_request.request_code)
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
                "ask_thread", kwargs={"org": organization.slug, "code": help_request.request_code}
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
        return redirect("ask_return", org=organization.slug)
    if not confirm.confirmed(request):
        return _withdraw_confirmation(
            request,
            back=reverse("ask_status", kwargs={"org": organization.slug, "code": help_request.request_code}),
        )
    return _attempt(
        request,
        lambda: services.request_withdraw(help_request=help_request, request=request),
        done=_("Your request is withdrawn. You can ask again whenever you need to."),
        refused=_("This request was already closed."),
        then=redirect("ask_status", org=organization.slug, code=help_request.request_code),
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
        url=reverse("ask_thread", kwargs={"org": organization.slug, "code": help_request.request_code}),
        redirect_to=reverse(
            "ask_status", kwargs={"org": organization.slug, "code": help_request.request_code}
        ),
    )
