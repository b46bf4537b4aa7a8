"""Support's card on the role home page (listed on `SupportConfig.home_cards`)."""

from sebaya.people.models import Role
from sebaya.support.services import triage_queue


def home_cards(request, *, organization, role) -> dict:
    """For a counselor: how many help requests wait for triage."""
    if role != Role.COUNSELOR:
        return {}
    return {"triage_waiting": triage_queue(organization).count()}
