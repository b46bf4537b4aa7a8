"""The programs' card on the role home page (listed on `ProgramsConfig.home_cards`)."""

from django.utils import timezone

from sebaya.people.models import Role
from sebaya.programs.models import Application, Nomination, RecruitmentRound


def home_cards(request, *, organization, role) -> dict:
    """For a member: whether to show "Become a peer supporter" (a round is open, or they were
    nominated or applied)."""
    if role != Role.MEMBER:
        return {}
    today = timezone.localdate()
    person_id = request.user.person_id
    join_open = (
        RecruitmentRound.objects.filter(
            organization=organization,
            opens_on__lte=today,
            closes_on__gte=today,
            published_at__isnull=True,
        ).exists()
        or Nomination.objects.filter(organization=organization, person_id=person_id).exists()
        or Application.objects.filter(organization=organization, person_id=person_id).exists()
    )
    return {"join_open": join_open}
