"""The help request policy: anyone asks; counselors triage and see requests; the person sees and
answers their own (SELF_ACTIONS), and someone who asked anonymously reaches theirs with its code
and PIN, remembered in their browser's session."""

from __future__ import annotations

from django.http import HttpRequest

from sebaya.access.roles import EVERY_ROLE, R
from sebaya.organizations.models import Organization
from sebaya.support.models import HelpRequest

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "help.ask": EVERY_ROLE,
    "triage.queue": frozenset({R.COUNSELOR}),
    "help_request.view": frozenset({R.COUNSELOR}),
    "help_request.reply": frozenset({R.COUNSELOR}),
    "help_request.withdraw": frozenset(),
    "help_request.triage": frozenset({R.COUNSELOR}),
    "help_request.take": frozenset({R.COUNSELOR}),
    "help_request.step_down": frozenset({R.COUNSELOR}),
    # Matching shows the topic and preferences only (never the person's words or check).
    "help_request.match": frozenset({R.COUNSELOR, R.COORDINATOR}),
}


def is_own(user, record) -> bool:
    """Whether the record (a help request, an invitation, a consent…) is this user's own. An
    anonymous request has no person: it is nobody's own, even for an account without a person."""
    person_id = getattr(record, "person_id", None)
    return person_id is not None and person_id == getattr(user, "person_id", None)


# --- Anonymous requests: reached with a request code and PIN, remembered in the session ------

ANONYMOUS_GRANTS = "sebaya_anonymous_requests"


def grant_anonymous_request(request: HttpRequest, help_request) -> None:
    granted = set(request.session.get(ANONYMOUS_GRANTS, []))
    granted.add(str(help_request.pk))
    request.session[ANONYMOUS_GRANTS] = sorted(granted)


def anonymous_request_or_none(request: HttpRequest, organization: Organization, code: str):
    """The anonymous request with this code if this browser proved its PIN, else None."""
    help_request = HelpRequest.objects.filter(
        organization=organization, request_code=code, person__isnull=True
    ).first()
    if help_request is None or str(help_request.pk) not in request.session.get(ANONYMOUS_GRANTS, []):
        return None
    return help_request
