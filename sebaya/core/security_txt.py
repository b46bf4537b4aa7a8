"""`/.well-known/security.txt` (RFC 9116) and the vulnerability disclosure policy it points to.

Both are public. The contact comes from `SEBAYA_SECURITY_CONTACT` (one or more URIs, comma
separated, e.g. `mailto:security@example.sch.id`); without one, security.txt answers 404, since
a file without a contact would say nothing. `Expires` is 364 days from now unless
`SEBAYA_SECURITY_TXT_EXPIRES` (an ISO date) fixes it; the canonical address and the policy's come
from `SEBAYA_BASE_URL`.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

# RFC 9116 recommends an expiry less than a year ahead, so a forgotten file goes stale on its own.
EXPIRES_AFTER = datetime.timedelta(days=364)


def contacts() -> list[str]:
    return [c.strip() for c in settings.SEBAYA_SECURITY_CONTACT.split(",") if c.strip()]


def expires(now=None) -> datetime.datetime:
    fixed = settings.SEBAYA_SECURITY_TXT_EXPIRES
    if fixed:
        day = datetime.date.fromisoformat(fixed)
        return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=datetime.UTC)
    return ((now or timezone.now()) + EXPIRES_AFTER).astimezone(datetime.UTC).replace(microsecond=0)


@require_GET
def security_txt(request):
    found = contacts()
    if not found:
        raise Http404
    base = settings.SEBAYA_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    lines = [f"Contact: {contact}" for contact in found]
    lines += [
        f"Expires: {expires().strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: id, en",
        f"Canonical: {base}{reverse('security_txt')}",
        f"Policy: {base}{reverse('security_policy')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def security_policy(request):
    """How to report a vulnerability, in the reader's language."""
    return render(request, "core/security_policy.html", {"contacts": contacts()})
