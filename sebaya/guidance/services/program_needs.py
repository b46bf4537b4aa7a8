"""Items of the BK program made from the needs found: the needs-assessment rounds a program may
be built from, and an item for each top need the program does not answer yet."""

from __future__ import annotations

import importlib

from django.db import transaction
from django.db.models import Max

from sebaya.counseling.models import Domain, ServiceType
from sebaya.guidance.models import ProgramItem
from sebaya.guidance.models.choices import Component
from sebaya.guidance.services.program import NotAllowedNow, audit, touch


def needs_module():
    """`sebaya.guidance.needs` when it is there (the needs assessment's results), else None."""
    try:
        module = importlib.import_module("sebaya.guidance.needs")
    except ImportError:
        return None
    return module if hasattr(module, "top_needs") else None


def needs_rounds_for(organization):
    """The organization's needs-assessment rounds a program may be built from, as a queryset
    (the form offers them as choices)."""
    from sebaya.guidance.needs import needs_rounds
    from sebaya.screening.models import ScreeningRound

    found = needs_rounds(organization=organization)
    return ScreeningRound.objects.filter(pk__in=[r.pk for r in found])


def newest_round(program, rounds):
    """The round the from-needs form starts on: the newest of those the program is built from,
    else the newest of `rounds` (the organization's, newest first); None without any."""
    chosen = set(program.needs_rounds.values_list("pk", flat=True))
    rounds = list(rounds)
    return next((r for r in rounds if r.pk in chosen), rounds[0] if rounds else None)


@transaction.atomic
def items_from_needs(
    *, program, by, rounds=None, needs_round=None, top_needs=None, limit: int = 10, request=None
) -> int:
    """Add an item (layanan dasar, classroom guidance) for each of the top needs found in the
    program's needs-assessment rounds (or `rounds`, or the one `needs_round`, which the program
    then remembers as built from) that the program does not answer yet. `top_needs` is
    `sebaya.guidance.needs.top_needs` unless given. Returns how many were added; NotAllowedNow
    "no_answers" when the rounds have no results to show for the program's grade."""
    if top_needs is None:
        module = needs_module()
        if module is None:
            raise NotAllowedNow("no_needs")
        top_needs = module.top_needs
    if needs_round is not None:
        if needs_round.organization_id != program.organization_id:
            raise NotAllowedNow("no_rounds")
        program.needs_rounds.add(needs_round)
        rounds = [needs_round]
    rounds = list(program.needs_rounds.all() if rounds is None else rounds)
    if not rounds:
        raise NotAllowedNow("no_rounds")
    found = top_needs(
        organization=program.organization, rounds=rounds, grade=program.grade or None, limit=limit
    )
    if not found:
        raise NotAllowedNow("no_answers")
    have = {need.casefold() for need in program.items.values_list("need", flat=True) if need}
    last = program.items.filter(component=Component.BASIC).aggregate(n=Max("position"))["n"] or 0
    added = []
    for need in found:
        text = (need.get("text") or "").strip()
        if not text or text.casefold() in have or need.get("domain") not in Domain.values:
            continue
        have.add(text.casefold())
        last += 1
        added.append(
            ProgramItem(
                program=program,
                component=Component.BASIC,
                domain=need["domain"],
                topic=text[:200],
                need=text[:300],
                need_share=max(0, min(100, int(need.get("share") or 0))),
                service_type=ServiceType.CLASSROOM_GUIDANCE,
                months=[],
                position=last,
            )
        )
    ProgramItem.objects.bulk_create(added)
    if added:
        touch(program)
    audit(
        by=by,
        organization=program.organization,
        target=program,
        what="items_from_needs",
        request=request,
        added=len(added),
    )
    return len(added)
