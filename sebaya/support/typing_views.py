"""The warning while typing (issue 12): where a person writes to ask for help, answers on their
own request or writes to their peer supporter, their words are read by the risk detector after a
pause in typing. When they read as crisis, the crisis lines and a way to reach someone now are
shown next to the box, *before* sending. Without JavaScript nothing is asked, and the lines are
shown after sending, as before.

The check keeps nothing: no row, no audit event, no log line and no cache entry with the words
(the cache holds only a count per user or per address). The words travel in the POST body only,
never in a URL, and the answer is never stored by a browser or a proxy (`no-store`).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sebaya import access
from sebaya.audit.services import client_ip
from sebaya.kernel.ratelimit import limited
from sebaya.organizations.crisis import crisis_context
from sebaya.safety.models import RiskLevel
from sebaya.safety.risk import assess
from sebaya.support.forms import TypingCheckForm

# A check follows each pause in typing, so a long message may ask a few a minute. Past this many in
# the window the answer is quietly empty: the lines still show after sending. Signed in, the count
# is per user, because a whole school often shares one address; the public form counts per
# address, since anyone can call it to run the detector.
TYPING_CHECKS = 120
TYPING_WINDOW = 10 * 60


def _quiet() -> HttpResponse:
    """204: htmx leaves the page as it is."""
    return HttpResponse(status=204)


def _check(request, organization, *, counted_as: str):
    if limited(f"sebaya:typing:{counted_as}", TYPING_CHECKS, TYPING_WINDOW):
        return _quiet()
    form = TypingCheckForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    if form.cleaned_data["warning_shown"]:
        # It stays on the screen once shown; sending it again would make screen readers read it
        # out at every pause.
        return _quiet()
    if assess(form.text()).level != RiskLevel.CRISIS:
        return HttpResponse("")
    return render(
        request,
        "support/_typing_warning.html",
        {
            **crisis_context([organization]),
            "organization": organization,
            "contacts": list(organization.crisis_contacts.all()),
            "offer_now": form.is_help_request,
        },
    )


@never_cache
@require_POST
@access.org_view("typing.check")
def typing_check(request):
    """The check for the signed-in boxes: asking for help, replies on one's request, messages."""
    return _check(request, request.organization, counted_as=f"user:{request.user.pk}")


@never_cache
@require_POST
def ask_typing_check(request, org):
    """The check for the boxes of someone who asks without signing in."""
    organization = access.public_organization_or_404(org)
    return _check(request, organization, counted_as=f"address:{client_ip(request)}")
