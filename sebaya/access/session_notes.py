"""The session note policy: a case's confidential notes are read by its assigned counselors, and
by another counselor of the organization who breaks the glass, for a limited time, with a reason
(recorded; see CASE_ACTIONS in cases.py). A fresh two-step reset holds them back (`notes_held`)."""

from __future__ import annotations

from django.utils import timezone

from sebaya.counseling.models import BreakGlass


def active_break_glass(user, case) -> BreakGlass | None:
    """The user's broken glass on this case that still lets them read its notes, if any."""
    return BreakGlass.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).first()
