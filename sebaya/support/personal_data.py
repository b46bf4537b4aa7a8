"""The tier 1 part of a person's own data: their help requests and their peer support.

In: the person's words, preferences and check answers; the tier, urgency and status in force;
replies on a request (a staff reply with the name the person already sees on it); both sides of
their own message threads (the supporter's messages with contact details hidden, as shown in the
app); the facts of each peer session logged with them (date, how, minutes, topics, mood before
and after); that they were stepped up or down, and when; their feedback; their buddy.

Out, and why:

* a peer supporter's session note, concern flag, hand-over and closing notes: the working record
  the supporter keeps for their supervising counselor (the concern itself, when it raised an
  alert, is in the alerts section);
* triage reasons and supervision notes: staff records;
* the peer supporter's name: the app shows the person "your peer supporter", never the name, so
  the export does not either (a buddy's name is shown in the app, and is in);
* when each side last opened the thread: kept only to count unread messages for the menu;
* requests made anonymously: they are not linked to the person, so they are nobody's export;
* for a peer supporter, the people they accompany and their threads: those are the other
  people's data (the programs section counts them).
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.personal_data import Section, moment
from sebaya.screening.instruments import get_instrument
from sebaya.screening.personal_data import readable_answers
from sebaya.support.models import (
    DAYS,
    PARTS,
    BuddyPair,
    GenderPreference,
    HelperPreference,
    HelpRequest,
    Mode,
    PeerSession,
    SupportRelationship,
    Tier,
    Topic,
    Transition,
    Urgency,
)
from sebaya.support.services import check_band_label
from sebaya.support.text import mask_contacts

TIMES = [
    (f"{day}_{part}", format_lazy("{} {}", day_label, part_label))
    for day, day_label in DAYS
    for part, part_label in PARTS
]


def _check(help_request: HelpRequest) -> dict | None:
    if not help_request.check_answers and help_request.safety_answer is None:
        return None
    return {
        "answers": readable_answers(get_instrument("phq4"), help_request.check_answers),
        "total": help_request.check_total,
        "band": check_band_label(help_request) or None,
        "band_code": help_request.check_band or None,
        "safety_answer": help_request.safety_answer,
    }


def help_requests(*, person, organization) -> list[dict]:
    rows = []
    for r in (
        HelpRequest.objects.filter(organization=organization, person=person)
        .prefetch_related("messages__author__person")
        .order_by("created_at")
    ):
        rows.append(
            {
                "created_at": moment(r.created_at),
                "source": r.source,
                "topic": r.topic,
                "details": r.details,
                "helper": r.helper,
                "helper_gender": r.helper_gender,
                "mode": r.mode,
                "times": list(r.times),
                "not_same_class": r.not_same_class,
                "check": _check(r),
                "tier": r.tier,
                "urgency": r.urgency,
                "status": r.status,
                "first_contact_at": moment(r.first_contact_at),
                "closed_at": moment(r.closed_at),
                "replies": [
                    {
                        "created_at": moment(m.created_at),
                        "sender": "you" if m.from_requester else "staff",
                        "author": "" if m.from_requester else _author(m.author),
                        "text": m.body,
                    }
                    for m in r.messages.all()
                ],
            }
        )
    return rows


def _author(user) -> str:
    # As the request page shows it: the counselor's display name.
    if user is None or user.person is None:
        return ""
    return user.person.display_name


def peer_support(*, person, organization) -> dict:
    relationships = (
        SupportRelationship.objects.filter(organization=organization, person=person)
        .select_related("help_request")
        .prefetch_related("messages", "sessions", "transitions")
        .order_by("started_at")
    )
    buddy = (
        BuddyPair.objects.filter(student=person, batch__organization=organization, batch__status="confirmed")
        .select_related("batch", "buddy__membership__person")
        .order_by("-batch__confirmed_at")
        .first()
    )
    return {
        "relationships": [_relationship(r) for r in relationships],
        "steps": [
            {"at": moment(t.at), "kind": t.kind}
            for t in Transition.objects.filter(organization=organization, person=person).order_by("at", "id")
        ],
        "buddy": None
        if buddy is None
        else {
            "name": buddy.buddy.membership.person.full_name,
            "class_name": buddy.buddy.membership.class_name,
            "since_at": moment(buddy.batch.confirmed_at),
        },
    }


def _relationship(r: SupportRelationship) -> dict:
    return {
        "started_at": moment(r.started_at),
        "status": r.status,
        "closed_at": moment(r.closed_at),
        "topic": r.help_request.topic if r.help_request else None,
        "messages": [
            {
                "created_at": moment(m.created_at),
                "sender": "supporter" if m.from_supporter else "you",
                # The supporter's contact details stay hidden, as they are in the app.
                "text": mask_contacts(m.body) if m.from_supporter else m.body,
            }
            for m in sorted(r.messages.all(), key=lambda m: (m.created_at, m.pk))
        ],
        "sessions": [
            {
                "date": s.date.isoformat(),
                "mode": s.mode,
                "minutes": s.duration_minutes,
                "topics": list(s.topics),
                "mood_before": s.mood_before,
                "mood_after": s.mood_after,
            }
            for s in sorted(r.sessions.all(), key=lambda s: (s.date, s.created_at))
        ],
        "feedback": None
        if r.feedback_at is None
        else {"rating": r.feedback_rating, "comment": r.feedback_comment, "given_at": moment(r.feedback_at)},
    }


SENDERS = [("you", _("You")), ("staff", _("Counselor")), ("supporter", _("Peer supporter"))]

HELP_REQUESTS = Section(
    key="help_requests",
    title=_("Help requests"),
    collect=help_requests,
    labels={
        "source": _("How it came in"),
        "topic": _("Topic"),
        "details": _("In your words"),
        "helper": _("Who you wanted to talk to"),
        "helper_gender": _("Gender of the helper"),
        "mode": _("In person or online"),
        "times": _("Times that suit you"),
        "not_same_class": _("Not someone from my class"),
        "check": _("Short check"),
        "answers": _("Your answers"),
        "question": _("Question"),
        "answer": _("Answer"),
        "value": _("Value"),
        "total": _("Score"),
        "band": _("Result"),
        "band_code": _("Result code"),
        "safety_answer": _("Thoughts of hurting yourself"),
        "tier": _("Who helps"),
        "urgency": _("Urgency"),
        "status": _("Status"),
        "first_contact_at": _("First contact"),
        "closed_at": _("Closed"),
        "replies": _("Replies"),
        "sender": _("From"),
        "author": _("Name"),
        "text": _("Text"),
    },
    choices={
        "source": HelpRequest.Source.choices,
        "topic": Topic.choices,
        "helper": HelperPreference.choices,
        "helper_gender": GenderPreference.choices,
        "mode": Mode.choices,
        "times": TIMES,
        "tier": Tier.choices,
        "urgency": Urgency.choices,
        "status": HelpRequest.Status.choices,
        "sender": SENDERS,
    },
)

PEER_SUPPORT = Section(
    key="peer_support",
    title=_("Peer support"),
    collect=peer_support,
    labels={
        "relationships": _("With a peer supporter"),
        "started_at": _("Started"),
        "status": _("Status"),
        "closed_at": _("Closed"),
        "topic": _("Topic"),
        "messages": _("Messages"),
        "sender": _("From"),
        "text": _("Text"),
        "sessions": _("Sessions"),
        "mode": _("How"),
        "minutes": _("Duration (minutes)"),
        "topics": _("Topics"),
        "mood_before": _("Mood before (1–5)"),
        "mood_after": _("Mood after (1–5)"),
        "feedback": _("Your feedback"),
        "rating": _("Rating (1–5)"),
        "comment": _("Comment"),
        "given_at": _("Given"),
        "steps": _("Steps between a peer supporter and a counselor"),
        "at": _("When"),
        "kind": _("Step"),
        "buddy": _("Your buddy"),
        "name": _("Name"),
        "class_name": _("Class"),
        "since_at": _("Since"),
    },
    choices={
        "status": SupportRelationship.Status.choices,
        "topic": Topic.choices,
        "topics": Topic.choices,
        "sender": SENDERS,
        "mode": PeerSession.Mode.choices,
        "kind": Transition.Kind.choices,
    },
)
