"""Helpers shared by several modules of the tier 1 pages: running a write that the record's state
may refuse (`_attempt`), loading a help request with its access check (`_request`), and the
message thread of a support relationship (`_thread`), which both the supporter's side and the
anonymous person's side show (what each side reads of it is `access.visible_messages`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.kernel import confirm
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import HelpRequest


def _attempt(request, write, *, done, refused, then):
    """Run a write that may be refused because of the record's state; say which, kindly."""
    try:
        write()
    except services.NotAllowedNow:
        messages.info(request, refused)
    else:
        messages.success(request, done)
    return then


def _request(request, action, help_request):
    return access.object_or_404(
        request, action, HelpRequest.objects.select_related("person"), pk=help_request
    )


def _mark_read(relationship, sides, *, up_to=None) -> None:
    """The thread was opened by one of its two sides: what the other side wrote is read by it (the
    menu's unread badge drops). A supervising counselor is not in the thread and marks nothing."""
    if sides & access.IN_THE_THREAD:
        side = "supporter" if "supporter" in sides else "person"
        services.thread_mark_read(relationship=relationship, side=side, up_to=up_to)


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
    thread = list(access.visible_messages(request.user, relationship, sides=sides))
    if thread:
        # Polled while the page is open: what arrives and is shown here is read as well.
        _mark_read(relationship, sides, up_to=thread[-1].created_at)
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


def _withdraw_confirmation(request, *, back: str):
    """The question asked before a request is withdrawn, signed in or anonymous alike."""
    return confirm.ask(
        request,
        title=_("Withdraw your request?"),
        question=_(
            "Your counselor will no longer see it as waiting for help, and the conversation "
            "about it ends. You can ask again whenever you need to."
        ),
        action=_("Yes, withdraw my request"),
        back=back,
        back_label=_("No, keep my request"),
    )
