"""The message policy: the private thread of a support relationship. The supporter and the person
in it read all of it; a counselor who supervises (and is not in the thread) reads only the
messages that were reported or flagged by the risk detector, never the rest. Which messages are in
that state is the model's (`Message.objects.seen_by_supervisors()`); who reads only those is here."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sebaya.access.relationships import relationship_sides
from sebaya.access.roles import EVERY_ROLE
from sebaya.support.models import SUPERVISORS_SEE, UNREAD_BY, Message, SupporterProfile, SupportRelationship

ORG_ACTIONS: dict[str, frozenset[str]] = {
    # The warning while typing: anyone who writes in the organization may have their words read
    # for crisis before sending (nothing is kept; see support/typing_views.py).
    "typing.check": EVERY_ROLE,
}

# The sides of a relationship that are in its thread (see relationships.py).
IN_THE_THREAD = frozenset({"supporter", "person"})


def visible_messages(user, relationship, *, sides: frozenset[str] | None = None) -> QuerySet[Message]:
    """The messages of the relationship's thread this user may read. `sides` when the side was
    proven otherwise than by the account (the anonymous person's request code and PIN)."""
    if sides is None:
        sides = relationship_sides(user, relationship)
    messages = relationship.messages.all()
    if sides & IN_THE_THREAD:
        return messages
    return read_by_supervisors(messages)


def read_by_supervisors(messages: QuerySet[Message]) -> QuerySet[Message]:
    """What supervising counselors read of private threads (also on the alert pages): only the
    reported or flagged messages."""
    return messages.seen_by_supervisors()


def read_by_supervisors_q(prefix: str = "") -> Q:
    """The same rule as a condition, to count across a relation (`prefix`, e.g. "messages__")."""
    return SUPERVISORS_SEE(prefix)


def unread_counts(user, organization) -> dict[str, int]:
    """How many messages wait unread for this user in the organization's threads they are in:
    {"person": in the threads where they are accompanied, "supporter": where they accompany}.
    Only the two sides of a thread count; a supervising counselor is not in the thread (they read
    only what is reported or flagged, and the alert queue tells them of that). One query, however
    many threads and messages there are."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return {"person": 0, "supporter": 0}
    as_person = Q(relationship__person_id=person_id)
    as_supporter = Q(relationship__supporter__membership__person_id=person_id)
    # The user's threads first, each side by its own index (a person's own relationships, their
    # own supporter profiles), then only those threads' messages: an OR across the join would read
    # every supporter of the organization on every page a student or supporter opens.
    mine = SupporterProfile.objects.filter(membership__person_id=person_id)
    threads = SupportRelationship.objects.filter(organization=organization).filter(
        Q(person_id=person_id) | Q(supporter__in=mine)
    )
    return Message.objects.filter(relationship__in=threads).aggregate(
        person=Count("pk", filter=as_person & UNREAD_BY("person")),
        supporter=Count("pk", filter=as_supporter & UNREAD_BY("supporter")),
    )
