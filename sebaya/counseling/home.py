"""Counseling's card on the role home page (listed on `CounselingConfig.home_cards`)."""

from django.utils import timezone

from sebaya import access
from sebaya.counseling.models import FollowUp
from sebaya.people.models import Role


def home_cards(request, *, organization, role) -> dict:
    """For a counselor: their open cases and their follow-ups that are due."""
    if role != Role.COUNSELOR:
        return {}
    return {
        "open_cases": access.visible_cases(request.user, organization)
        .filter(counselors=request.user)
        .open()
        .count(),
        "due_follow_ups": FollowUp.objects.due_by(timezone.localdate())
        .filter(case__organization=organization, assigned_to=request.user)
        .count(),
    }
