"""Screening's cards on the role home page (listed on `ScreeningConfig.home_cards`)."""

from sebaya.people.models import Role
from sebaya.screening.models import ScreeningRound
from sebaya.screening.services import outreach_queue
from sebaya.screening.views import open_invitations


def home_cards(request, *, organization, role) -> dict:
    """A member's open check-ins, the counselor's results waiting for outreach, the coordinator's rounds."""
    cards = {}
    if role == Role.MEMBER:
        cards["invitations"] = open_invitations(organization, request.user.person_id)
    if role == Role.COUNSELOR:
        cards["outreach_waiting"] = outreach_queue(organization).count()
    if role == Role.COORDINATOR:
        cards["rounds"] = ScreeningRound.objects.filter(organization=organization)[:3]
    return cards
