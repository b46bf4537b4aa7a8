"""The psychosocial response's cards on the role home page (listed on `PsychosocialConfig.home_cards`)."""

from sebaya.people.models import Role
from sebaya.psychosocial.services.needs import local_today, open_needs

RESPONDING = {Role.FIELD_WORKER, Role.COUNSELOR, Role.COORDINATOR, Role.ORG_ADMIN}


def home_cards(request, *, organization, role) -> dict:
    """A responder's own open needs, urgent and soonest first."""
    if role not in RESPONDING:
        return {}
    mine = open_needs(organization).filter(owner=request.user)
    return {
        "my_needs": list(mine[:5]),
        "my_needs_count": mine.count(),
        "needs_today": local_today(organization),
    }
