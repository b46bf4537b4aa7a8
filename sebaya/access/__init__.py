"""Access rules, decided in one place: one policy per kind of record.

Every view, export, command and task asks this package three questions, in the manner of
Wagtail's permission policies:

* "may this user do this action on this object?"  -> `can()` / `require()` (decide.py), which ask
  the policy of the object's kind;
* "which objects of this kind may this user see?" -> `visible_memberships()`, `visible_cases()`,
  `visible_messages()` and friends, each in its kind's policy;
* "who may be given this?"                         -> `assignable_counselors()`,
  `assignable_partners()`, `assignable_supervisors()`, `on_call_candidates()`.

and loads objects through `organization_or_404()` / `membership_or_404()` / `object_or_404()`
(views.py) so that the two outcomes are always the same:

* an object of an organization the user does not belong to answers **404**
  (we do not even confirm that it exists);
* a known object (same organization) that the user's roles may not touch answers **403**.

Roles are per organization (roles.py). A user's roles are read once per request and cached on the
user object. New actions go into the table of their kind's policy, not into checks in views.

The policies: organizations (and networks), people (memberships), help_requests (and anonymous
grants), relationships, messages, cases, session_notes (break glass), referrals (and partners),
supporters, training (and supervision sessions), consents, credentials, alerts, screening,
guidance (the BK program, activities, campaigns, the calendar), psychosocial (incidents, the
response, the people affected).
"""

from sebaya.access.alerts import (
    alert_source_held,
    may_see_alert_source,
    on_call_candidates,
    open_alerts_about,
)
from sebaya.access.cases import CASE_ACTIONS, assignable_counselors, case_sides, visible_cases
from sebaya.access.consents import CONSENT_ACTIONS, consent_sides
from sebaya.access.credentials import CREDENTIAL_REQUEST_ACTIONS, credential_request_sides
from sebaya.access.decide import HELD_ACTIONS, MEMBERSHIP_ACTIONS, ORG_ACTIONS, SELF_ACTIONS, can, require
from sebaya.access.help_requests import (
    ANONYMOUS_GRANTS,
    anonymous_request_or_none,
    grant_anonymous_request,
    is_own,
)
from sebaya.access.messages import (
    IN_THE_THREAD,
    read_by_supervisors,
    read_by_supervisors_q,
    unread_counts,
    visible_messages,
)
from sebaya.access.organizations import NETWORK_ACTIONS
from sebaya.access.people import visible_memberships
from sebaya.access.psychosocial import (
    invitable_organizations,
    is_responder,
    responders,
    responding_organization_ids,
    visible_affected,
)
from sebaya.access.referrals import (
    REFERRAL_ACTIONS,
    assignable_partners,
    referral_sides,
    sees_as_partner,
    visible_referrals,
)
from sebaya.access.relationships import RELATIONSHIP_ACTIONS, relationship_sides, visible_relationships
from sebaya.access.roles import (
    ADMINS,
    CARE_STAFF,
    CONFIDENTIAL_READER_ROLES,
    EVERY_ROLE,
    ROLE_PRIORITY,
    all_roles,
    forget_roles,
    networks_for,
    notes_held,
    organizations_for,
    person_reads_confidential,
    primary_role,
    reads_confidential,
    role_map,
    roles_in,
    users_with_role,
    viewer_network_ids,
)
from sebaya.access.session_notes import active_break_glass
from sebaya.access.supporters import SUPPORTER_ACTIONS, assignable_supervisors, supporter_sides
from sebaya.access.training import SUPERVISION_SESSION_ACTIONS, supervision_session_sides
from sebaya.access.views import (
    case_record_or_404,
    membership_or_404,
    network_or_404,
    network_view,
    object_or_404,
    org_view,
    organization_or_404,
    person_for_care_or_404,
    public_organization_or_404,
    record_read,
)

__all__ = [
    "person_for_care_or_404",
    "is_responder",
    "responders",
    "responding_organization_ids",
    "visible_affected",
    "invitable_organizations",
    "ADMINS",
    "ANONYMOUS_GRANTS",
    "CARE_STAFF",
    "CASE_ACTIONS",
    "CONFIDENTIAL_READER_ROLES",
    "CONSENT_ACTIONS",
    "CREDENTIAL_REQUEST_ACTIONS",
    "EVERY_ROLE",
    "HELD_ACTIONS",
    "IN_THE_THREAD",
    "MEMBERSHIP_ACTIONS",
    "NETWORK_ACTIONS",
    "ORG_ACTIONS",
    "REFERRAL_ACTIONS",
    "RELATIONSHIP_ACTIONS",
    "ROLE_PRIORITY",
    "SELF_ACTIONS",
    "SUPERVISION_SESSION_ACTIONS",
    "SUPPORTER_ACTIONS",
    "active_break_glass",
    "alert_source_held",
    "all_roles",
    "anonymous_request_or_none",
    "assignable_counselors",
    "assignable_partners",
    "assignable_supervisors",
    "can",
    "case_record_or_404",
    "case_sides",
    "consent_sides",
    "credential_request_sides",
    "forget_roles",
    "grant_anonymous_request",
    "is_own",
    "may_see_alert_source",
    "membership_or_404",
    "network_or_404",
    "network_view",
    "networks_for",
    "notes_held",
    "object_or_404",
    "on_call_candidates",
    "open_alerts_about",
    "org_view",
    "organization_or_404",
    "organizations_for",
    "person_reads_confidential",
    "primary_role",
    "public_organization_or_404",
    "read_by_supervisors",
    "read_by_supervisors_q",
    "record_read",
    "reads_confidential",
    "referral_sides",
    "relationship_sides",
    "require",
    "role_map",
    "roles_in",
    "sees_as_partner",
    "supervision_session_sides",
    "supporter_sides",
    "unread_counts",
    "users_with_role",
    "viewer_network_ids",
    "visible_cases",
    "visible_memberships",
    "visible_messages",
    "visible_referrals",
    "visible_relationships",
]
