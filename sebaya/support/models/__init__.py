"""Tier 1 of the care ladder: help requests, triage, peer supporters, accompaniment.

A help request may come from a signed-in member or anonymously (with a request code and PIN);
either way it enters triage and the safety net. A request routed to a peer becomes a support
relationship with a certified peer supporter: session logs, a message thread, step up to a
counselor, closing with feedback. Everything a person writes here is sensitive: staff reads are
audited (`audit_sensitive`), and words are scanned by the risk detector as they arrive.
"""

from sebaya.support.models.accompaniment import (
    READ_MARKS,
    SUPERVISORS_SEE,
    UNREAD_BY,
    Message,
    MessageQuerySet,
    PeerSession,
    SupervisionNote,
    SupportRelationship,
    Transition,
)
from sebaya.support.models.buddies import BuddyBatch, BuddyPair
from sebaya.support.models.choices import (
    DAYS,
    PARTS,
    TIME_SLOTS,
    URGENCY_ORDER,
    GenderPreference,
    HelperPreference,
    Mode,
    Tier,
    Topic,
    Urgency,
)
from sebaya.support.models.requests import HelpRequest, RequestMessage, TriageDecision
from sebaya.support.models.supporters import MATCHABLE, SupporterConflict, SupporterProfile

__all__ = [
    "DAYS",
    "MATCHABLE",
    "PARTS",
    "READ_MARKS",
    "SUPERVISORS_SEE",
    "TIME_SLOTS",
    "URGENCY_ORDER",
    "BuddyBatch",
    "BuddyPair",
    "GenderPreference",
    "HelpRequest",
    "HelperPreference",
    "Message",
    "MessageQuerySet",
    "Mode",
    "PeerSession",
    "RequestMessage",
    "SupervisionNote",
    "SupportRelationship",
    "SupporterConflict",
    "SupporterProfile",
    "Tier",
    "Topic",
    "Transition",
    "TriageDecision",
    "UNREAD_BY",
    "Urgency",
]
