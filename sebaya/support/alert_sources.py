"""What raised an alert, in its context, for the alert page (named by dotted path in
`safety.sources.KINDS`, so `safety` imports nothing of support). Called only for a user who may
see alert sources (`access.may_see_alert_source`); what each user reads of a private thread is
still the message policy's (`access.visible_messages`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.safety.sources import Excerpt, Shown
from sebaya.support.models import (
    HelpRequest,
    Message,
    PeerSession,
    RequestMessage,
    SupportRelationship,
    Transition,
)
from sebaya.support.services import check_band_label

# Messages shown before and after the one that raised the alert.
AROUND = 3


def _name(user) -> str:
    if user is None:
        return ""
    return user.person.display_name if user.person_id else user.get_username()


def _requester(help_request: HelpRequest) -> str:
    return (
        help_request.person.display_name if help_request.person_id else _("The person who asked (anonymous)")
    )


def _request_url(help_request: HelpRequest, organization) -> str:
    return reverse("help_request_detail", kwargs={"org": organization.slug, "help_request": help_request.pk})


def help_request(
    record: HelpRequest, *, user, organization, raised_by: RequestMessage | None = None
) -> Shown:
    """The request's words and safety answer, a step-up's hand-over note, and the latest replies."""
    answers = []
    if record.safety_answer is not None:
        answers.append(
            (
                _(
                    "In the past two weeks, have you had thoughts that you would be better off dead, "
                    "or of hurting yourself in some way?"
                ),
                _("Yes") if record.safety_answer else _("No"),
            )
        )
    if record.check_band:
        answers.append((_("Short check (PHQ-4)"), f"{record.check_total} · {check_band_label(record)}"))
    excerpts = []
    if record.details:
        excerpts.append(Excerpt(record.details, _requester(record), record.created_at, raised_by is None))
    for transition in record.transitions.select_related("by__person"):
        excerpts.append(Excerpt(transition.note, _name(transition.by), transition.at, raised_by is None))
    replies = list(record.messages.select_related("author__person"))
    if raised_by is not None:
        index = next((n for n, reply in enumerate(replies) if reply.pk == raised_by.pk), len(replies) - 1)
        replies = replies[max(0, index - AROUND) : index + AROUND + 1]
    else:
        replies = replies[-AROUND:]
    for reply in replies:
        who = _requester(record) if reply.from_requester else _name(reply.author)
        excerpts.append(
            Excerpt(reply.body, who, reply.created_at, raised_by is not None and reply.pk == raised_by.pk)
        )
    return Shown(
        title=_("Help request: %(topic)s") % {"topic": record.get_topic_display()},
        answers=answers,
        excerpts=excerpts,
        url=_request_url(record, organization),
    )


def request_message(record: RequestMessage, *, user, organization) -> Shown:
    return help_request(record.help_request, user=user, organization=organization, raised_by=record)


def message(record: Message, *, user, organization) -> Shown:
    """The message with a few before and after it, of those this user may read of the thread (a
    supervising counselor: only the reported or flagged ones, never the rest)."""
    relationship = record.relationship
    sides = access.relationship_sides(user, relationship)
    visible = access.visible_messages(user, relationship, sides=sides)
    before = list(visible.filter(created_at__lt=record.created_at).order_by("-created_at", "-id")[:AROUND])
    after = list(visible.filter(created_at__gt=record.created_at).order_by("created_at", "id")[:AROUND])
    supporter = relationship.supporter.membership.person.display_name
    person = relationship.person.display_name if relationship.person_id else _("The person (anonymous)")
    excerpts = [
        Excerpt(m.body, supporter if m.from_supporter else person, m.created_at, m.pk == record.pk)
        for m in [*reversed(before), record, *after]
    ]
    in_thread = sides & access.IN_THE_THREAD
    return Shown(
        title=_("A message in a peer support thread"),
        excerpts=excerpts,
        note=""
        if in_thread
        else _("This thread is private: you see only the messages that were reported or flagged."),
        url=reverse(
            "relationship_detail", kwargs={"org": organization.slug, "relationship": relationship.pk}
        ),
    )


def peer_session(record: PeerSession, *, user, organization) -> Shown:
    """The session note, with the supporter's worry and the mood before and after."""
    answers = [
        (_("Mood before and after (1–5)"), f"{record.mood_before} → {record.mood_after}"),
        (str(PeerSession._meta.get_field("concern").verbose_name), _("Yes") if record.concern else _("No")),
    ]
    excerpts = [Excerpt(record.note, _name(record.logged_by), record.date, True)] if record.note else []
    return Shown(
        title=_("A peer session note"),
        answers=answers,
        excerpts=excerpts,
        url=reverse(
            "relationship_detail", kwargs={"org": organization.slug, "relationship": record.relationship_id}
        ),
    )


def transition(record: Transition, *, user, organization) -> Shown:
    return Shown(
        title=record.get_kind_display(),
        excerpts=[Excerpt(record.note, _name(record.by), record.at, True)],
        url=_request_url(record.help_request, organization) if record.help_request_id else "",
    )


def relationship_feedback(record: SupportRelationship, *, user, organization) -> Shown:
    person = record.person.display_name if record.person_id else _("The person (anonymous)")
    return Shown(
        title=_("Feedback after peer support"),
        excerpts=[Excerpt(record.feedback_comment, person, record.feedback_at, True)],
        url=reverse("relationship_detail", kwargs={"org": organization.slug, "relationship": record.pk}),
    )
