"""May this user do this action on this object? `can()` and `require()` ask the policy of the
object's kind (one module per kind in this package). Organization-level actions and actions on a
person's membership are gathered here from the policies that define them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from sebaya.access import (
    alerts,
    cases,
    consents,
    guidance,
    help_requests,
    messages,
    organizations,
    people,
    psychosocial,
    referrals,
    relationships,
    screening,
    supporters,
    training,
)
from sebaya.access.consents import CONSENT_ACTIONS, consent_sides
from sebaya.access.credentials import CREDENTIAL_REQUEST_ACTIONS, credential_request_sides
from sebaya.access.guidance import ACTIVITY_ACTIONS, activity_sides
from sebaya.access.help_requests import is_own
from sebaya.access.psychosocial import (
    AFFECTED_ACTIONS,
    INCIDENT_ACTIONS,
    NEED_ACTIONS,
    affected_sides,
    incident_sides,
)
from sebaya.access.referrals import REFERRAL_ACTIONS, referral_sides
from sebaya.access.relationships import RELATIONSHIP_ACTIONS, relationship_sides
from sebaya.access.roles import notes_held, roles_in, viewer_network_ids
from sebaya.access.supporters import SUPPORTER_ACTIONS, supporter_sides
from sebaya.access.training import SUPERVISION_SESSION_ACTIONS, supervision_session_sides
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import Membership
from sebaya.support.models import SupportRelationship


def _gather(*tables: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    # An action belongs to one policy: defined twice, the later one would silently win.
    gathered: dict[str, frozenset[str]] = {}
    for table in tables:
        twice = gathered.keys() & table.keys()
        if twice:
            raise ValueError(f"Actions defined by two policies: {sorted(twice)}")
        gathered.update(table)
    return gathered


# Organization-level actions: the roles that may perform them anywhere in their organization.
ORG_ACTIONS = _gather(
    organizations.ORG_ACTIONS,
    people.ORG_ACTIONS,
    alerts.ORG_ACTIONS,
    screening.ORG_ACTIONS,
    help_requests.ORG_ACTIONS,
    messages.ORG_ACTIONS,
    supporters.ORG_ACTIONS,
    relationships.ORG_ACTIONS,
    cases.ORG_ACTIONS,
    referrals.ORG_ACTIONS,
    training.ORG_ACTIONS,
    guidance.ORG_ACTIONS,
    psychosocial.ORG_ACTIONS,
)

# Actions on one person's membership (a person as seen inside one organization).
MEMBERSHIP_ACTIONS = _gather(
    people.MEMBERSHIP_ACTIONS,
    alerts.MEMBERSHIP_ACTIONS,
    screening.MEMBERSHIP_ACTIONS,
    consents.MEMBERSHIP_ACTIONS,
)

# Actions a person may always take on their own membership or their own records.
SELF_ACTIONS = frozenset(
    {
        "person.view",
        "administration.view",
        "invitation.fill",
        "administration.answer_offer",
        "help_request.view",
        "help_request.reply",
        "help_request.withdraw",
        "quiz.take",
        "certificate.view",
        "nomination.answer",
        "application.withdraw",
        "consent.view",
        "mydata.request",
        "mydata.download",
    }
)

# Reading confidential material, which a fresh two-step reset holds back until the person
# confirms from their own email that it was them (`notes_held`).
HELD_ACTIONS = frozenset(
    {
        "case.read_notes",
        "case.break_glass",
        "case.timeline",
        "supervision_session.read_notes",
        "supervision_session.record",
        "relationship.read_supervision_notes",
    }
)


def can(user, action: str, target) -> bool:
    if action in HELD_ACTIONS and notes_held(user):
        return False
    if isinstance(target, Organization):
        return bool(ORG_ACTIONS[action] & roles_in(user, target))
    if isinstance(target, Membership):
        if action in SELF_ACTIONS and user.person_id is not None and target.person_id == user.person_id:
            return True
        return bool(MEMBERSHIP_ACTIONS[action] & roles_in(user, target.organization))
    if isinstance(target, Network):
        return action in organizations.NETWORK_ACTIONS and target.pk in viewer_network_ids(user)
    if isinstance(target, SupportRelationship):
        return bool(RELATIONSHIP_ACTIONS[action] & relationship_sides(user, target))
    if action in SUPPORTER_ACTIONS:
        return bool(SUPPORTER_ACTIONS[action] & supporter_sides(user, target))
    if action in cases.CASE_ACTIONS:
        return bool(cases.CASE_ACTIONS[action] & cases.case_sides(user, target))
    if action in CREDENTIAL_REQUEST_ACTIONS:
        return bool(CREDENTIAL_REQUEST_ACTIONS[action] & credential_request_sides(user, target))
    if action in SUPERVISION_SESSION_ACTIONS:
        return bool(SUPERVISION_SESSION_ACTIONS[action] & supervision_session_sides(user, target))
    if action in REFERRAL_ACTIONS:
        return bool(REFERRAL_ACTIONS[action] & referral_sides(user, target))
    if action in ACTIVITY_ACTIONS:
        return bool(ACTIVITY_ACTIONS[action] & activity_sides(user, target))
    if action in INCIDENT_ACTIONS:
        return bool(INCIDENT_ACTIONS[action] & incident_sides(user, target))
    if action in AFFECTED_ACTIONS:
        return bool(AFFECTED_ACTIONS[action] & affected_sides(user, target))
    if action in NEED_ACTIONS:
        return bool(NEED_ACTIONS[action] & affected_sides(user, target))
    if action in CONSENT_ACTIONS:
        return bool(CONSENT_ACTIONS[action] & consent_sides(user, target))
    if action in SELF_ACTIONS and is_own(user, target):
        return True
    if hasattr(target, "organization_id") and action in ORG_ACTIONS:
        # Records of an organization (an import, later a screening round…) follow its organization rule.
        return bool(ORG_ACTIONS[action] & roles_in(user, target.organization))
    raise TypeError(f"No access rules for {action} on {type(target).__name__}")


def require(user, action: str, target) -> None:
    if not can(user, action, target):
        raise PermissionDenied
