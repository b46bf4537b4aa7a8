"""Access rules, decided in one place.

Every view, export, command and task asks this module two questions:

* "may this user do this action on this object?"  -> `can()` / `require()`
* "which objects of this kind may this user see?" -> `visible_memberships()` and friends

and loads objects through `organization_or_404()` / `membership_or_404()` so that the
two outcomes are always the same:

* an object of an organization the user does not belong to answers **404**
  (we do not even confirm that it exists);
* a known object (same organization) that the user's roles may not touch answers **403**.

Roles are per organization. A user's roles are read once per request and cached on the
user object. Later issues add their actions to the tables below, not new checks in views.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from sebaya.organizations.models import Network, Organization
from sebaya.people.models import Membership, NetworkViewer, Role
from sebaya.support.models import SupportRelationship

R = Role
EVERY_ROLE = frozenset(Role)
ADMINS = frozenset({R.ORG_ADMIN})
CARE_STAFF = frozenset({R.COUNSELOR, R.COORDINATOR, R.ORG_ADMIN})

# Organization-level actions: the roles that may perform them anywhere in their organization.
ORG_ACTIONS: dict[str, frozenset[str]] = {
    "organization.home": EVERY_ROLE,
    "organization.change": ADMINS,
    "crisis_contacts.change": frozenset({R.ORG_ADMIN, R.COORDINATOR}),
    "people.list": CARE_STAFF,
    "roster.import": ADMINS,
    "audit.view": ADMINS,
    # The safety net: counselors and coordinators receive, see and act on alerts.
    "alerts.queue": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "alert.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "alert.act": frozenset({R.COUNSELOR, R.COORDINATOR}),
    # Counselors judge the risk detector on words they read (false alarms, misses), and follow up
    # the words only the learned model read as concern (safety.TextFlag, on the follow-up list).
    "risk_feedback.mark": frozenset({R.COUNSELOR}),
    "text_flag.follow_up": frozenset({R.COUNSELOR}),
    "oncall.view": CARE_STAFF,
    "oncall.change": frozenset({R.COORDINATOR, R.ORG_ADMIN}),
    # Screening: everyone may check in on themselves; results are seen by counselors.
    "screening.self": EVERY_ROLE,
    "administration.view": frozenset({R.COUNSELOR}),
    # Screening rounds: a coordinator schedules them; counselors follow up the results.
    "rounds.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "rounds.schedule": frozenset({R.COORDINATOR}),
    "round.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "round.cancel": frozenset({R.COORDINATOR}),
    "followups.queue": frozenset({R.COUNSELOR}),
    "administration.follow_up": frozenset({R.COUNSELOR}),
    # Only the invited person fills their invitation and answers the offer made to them.
    "invitation.fill": frozenset(),
    "administration.answer_offer": frozenset(),
    # Help requests: anyone asks; counselors triage and see them; the person sees their own.
    "help.ask": EVERY_ROLE,
    # The warning while typing: anyone who writes in the organization may have their words read
    # for crisis before sending (nothing is kept; see support/typing_views.py).
    "typing.check": EVERY_ROLE,
    "triage.queue": frozenset({R.COUNSELOR}),
    "help_request.view": frozenset({R.COUNSELOR}),
    "help_request.reply": frozenset({R.COUNSELOR}),
    "help_request.withdraw": frozenset(),
    "help_request.triage": frozenset({R.COUNSELOR}),
    "help_request.take": frozenset({R.COUNSELOR}),
    "help_request.step_down": frozenset({R.COUNSELOR}),
    # Matching shows the topic and preferences only (never the person's words or check).
    "help_request.match": frozenset({R.COUNSELOR, R.COORDINATOR}),
    # The peer supporter roster.
    "supporters.view": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "supporters.manage": frozenset({R.COORDINATOR}),
    "supporter.supervise": frozenset({R.COUNSELOR}),
    "buddies.manage": frozenset({R.COORDINATOR}),
    # Everyone has a list of their own support relationships (see `visible_relationships`).
    "accompany.list": EVERY_ROLE,
    # Counseling cases (the case book) are counselors' work; see CASE_ACTIONS for one case.
    "cases.list": frozenset({R.COUNSELOR}),
    "case.open": frozenset({R.COUNSELOR}),
    # The partner directory, and referrals (alih tangan kasus).
    "partners.view": CARE_STAFF,
    "partners.manage": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "referrals.list": frozenset({R.COUNSELOR, R.PARTNER}),
    # The jurnal BK: a counselor's own log; its reports (counts only) also for coordinators.
    "journal.own": frozenset({R.COUNSELOR}),
    "journal.reports": frozenset({R.COUNSELOR, R.COORDINATOR}),
    # The peer supporter training program.
    "training.self": frozenset({R.PEER_SUPPORTER}),
    "quiz.take": frozenset(),  # only one's own attempt (SELF_ACTIONS)
    "certificate.view": frozenset({R.COORDINATOR}),  # and one's own (SELF_ACTIONS)
    "program.curriculum": frozenset({R.COORDINATOR}),
    "program.trainees": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.practice": frozenset({R.COUNSELOR}),
    "program.certify": frozenset({R.COORDINATOR}),
    # Recruitment: anyone may apply; counselors and coordinators nominate; a panel of counselors
    # scores; the coordinator keeps the rubric, decides and publishes the decisions.
    "program.join": EVERY_ROLE,
    "nomination.answer": frozenset(),  # only the nominee (SELF_ACTIONS)
    "application.withdraw": frozenset(),  # only the applicant (SELF_ACTIONS)
    "program.recruitment": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.recruit": frozenset({R.COORDINATOR}),
    "program.nominate": frozenset({R.COORDINATOR, R.COUNSELOR}),
    "program.score": frozenset({R.COUNSELOR}),
    # Live training sessions, supervision sessions, and the coordinator's program view.
    "program.live": frozenset({R.COORDINATOR, R.COUNSELOR}),
    # Supervision sessions: counselors plan them; coordinators see them to take attendance. What is
    # said in one belongs to its supervisor (SUPERVISION_SESSION_ACTIONS).
    "program.supervision": frozenset({R.COUNSELOR, R.COORDINATOR}),
    "supervision.plan": frozenset({R.COUNSELOR}),
    "program.overview": frozenset({R.COORDINATOR}),
    # A supporter's own roster entry: availability, topics, languages, pauses.
    "supporter.self": frozenset({R.PEER_SUPPORTER}),
    # Privacy: the admin keeps the consent and retention settings (see CONSENT_ACTIONS for consents).
    "privacy.settings": ADMINS,
}

# Actions on one person's membership (a person as seen inside one organization).
MEMBERSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "person.view": CARE_STAFF,
    "person.change": ADMINS,
    "person.set_password": ADMINS,
    "person.password_link": ADMINS,
    "person.change_roles": ADMINS,
    "person.raise_alert": frozenset({R.COUNSELOR}),
    "person.view_results": frozenset({R.COUNSELOR}),
    "person.administer": frozenset({R.COUNSELOR}),
    # Consent records: the guru BK records what a student or parent agreed to, and the admin who
    # files the parents' signed forms. Coordinators do not: a consent for counseling or a referral
    # tells that someone is in care. The person sees their own (SELF_ACTIONS).
    "consent.view": frozenset({R.COUNSELOR, R.ORG_ADMIN}),
    "consent.record": frozenset({R.COUNSELOR, R.ORG_ADMIN}),
    # A person's own data (UU 27/2022): they ask for and download it themselves (SELF_ACTIONS);
    # an admin prepares a copy for a parent or guardian, audited.
    "mydata.request": frozenset(),
    "mydata.download": frozenset(),
    "person.export": ADMINS,
}
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

# One consent record, by the user's side: **staff** who record consents (counselors and admins of
# its organization) withdraw any; the person withdraws a consent they gave **themselves**, never one
# a parent or guardian gave for them (that is the guardian's to withdraw, through the school).
CONSENT_ACTIONS: dict[str, frozenset[str]] = {
    "consent.withdraw": frozenset({"staff", "giver"}),
}


def consent_sides(user, consent) -> frozenset[str]:
    sides = set()
    if MEMBERSHIP_ACTIONS["consent.record"] & roles_in(user, consent.organization):
        sides.add("staff")
    own = user.person_id is not None and consent.person_id == user.person_id
    if own and not consent.by_guardian:
        sides.add("giver")
    return frozenset(sides)


# A supporter's evaluation (what the people helped said, in aggregates; ratings; caseload) is
# seen by the supporter **self** and by their **supervisor**: the counselor supervising them, or
# any counselor while nobody is named. Coordinators see the program's figures, not a person's.
SUPPORTER_ACTIONS: dict[str, frozenset[str]] = {
    "supporter.evaluation": frozenset({"self", "supervisor"}),
}


def supporter_sides(user, profile) -> frozenset[str]:
    sides = set()
    if user.person_id is not None and profile.membership.person_id == user.person_id:
        sides.add("self")
    if R.COUNSELOR in roles_in(user, profile.organization) and profile.supervisor_id in (None, user.pk):
        sides.add("supervisor")
    return frozenset(sides)


# A support relationship is seen from three sides: the peer supporter in it, the person
# accompanied, and the organization's counselors (who supervise). Counselors read the messages
# only when one was reported or flagged by the risk detector (`support.models.SUPERVISORS_SEE`).
RELATIONSHIP_ACTIONS: dict[str, frozenset[str]] = {
    "relationship.view": frozenset({"supporter", "person", "counselor"}),
    "relationship.message": frozenset({"supporter", "person"}),
    "relationship.log_session": frozenset({"supporter"}),
    "relationship.step_up": frozenset({"supporter", "counselor"}),
    "relationship.close": frozenset({"supporter", "counselor"}),
    "relationship.pause": frozenset({"supporter", "counselor"}),
    "relationship.feedback": frozenset({"person"}),
    "relationship.reassign": frozenset({"counselor"}),
    "relationship.supervise": frozenset({"counselor"}),
    "relationship.read_supervision_notes": frozenset({"counselor"}),
}

NETWORK_ACTIONS = frozenset({"network.aggregates"})

# Who may read confidential material: counselors (case notes, supervision notes) and partner
# professionals (what referrals share). An admin must never be able to become one of them by
# resetting their credentials (see accounts/recovery.py and docs/SECURITY.md).
CONFIDENTIAL_READER_ROLES = frozenset({R.COUNSELOR, R.PARTNER})

# Reading confidential material, which a fresh two-step reset holds back until the person
# confirms from their own email that it was them (`notes_held`).
HELD_ACTIONS = frozenset(
    {
        "case.read_notes",
        "case.break_glass",
        "supervision_session.read_notes",
        "supervision_session.record",
        "relationship.read_supervision_notes",
    }
)

# When a user holds several roles, the home page opens as the first of these they hold.
ROLE_PRIORITY = [
    R.ORG_ADMIN,
    R.COORDINATOR,
    R.COUNSELOR,
    R.PARTNER,
    R.FIELD_WORKER,
    R.PEER_SUPPORTER,
    R.MEMBER,
]


# --- Who holds what -----------------------------------------------------------------


def role_map(user) -> dict:
    """{organization_id: frozenset(role codes)} for the user's active memberships (cached per request)."""
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return {}
    cached = getattr(user, "_sebaya_role_map", None)
    if cached is None:
        cached = {}
        memberships = Membership.objects.filter(person_id=user.person_id, is_active=True).prefetch_related(
            "roles"
        )
        for membership in memberships:
            roles = frozenset(r.role for r in membership.roles.all())
            if roles:
                cached[membership.organization_id] = roles
        user._sebaya_role_map = cached
    return cached


def forget_roles(user) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, "_sebaya_role_map"):
        del user._sebaya_role_map


def roles_in(user, organization: Organization) -> frozenset[str]:
    return role_map(user).get(organization.pk, frozenset())


def all_roles(user) -> frozenset[str]:
    return frozenset().union(*role_map(user).values()) if role_map(user) else frozenset()


def viewer_network_ids(user) -> set:
    if not getattr(user, "is_authenticated", False) or user.person_id is None:
        return set()
    return set(NetworkViewer.objects.filter(person_id=user.person_id).values_list("network_id", flat=True))


def organizations_for(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=list(role_map(user)))


def networks_for(user) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=viewer_network_ids(user))


def primary_role(roles: Iterable[str]) -> str | None:
    held = set(roles)
    return next((role.value for role in ROLE_PRIORITY if role in held), None)


# --- May this user do this? ---------------------------------------------------------------


def reads_confidential(user) -> bool:
    """Whether this account may read confidential material in any of its organizations."""
    return bool(all_roles(user) & CONFIDENTIAL_READER_ROLES)


def person_reads_confidential(person) -> bool:
    """The same for a person, with or without an account (for an admin deciding how to reset)."""
    from sebaya.people.models import MembershipRole

    return MembershipRole.objects.filter(
        membership__person=person, membership__is_active=True, role__in=CONFIDENTIAL_READER_ROLES
    ).exists()


def notes_held(user) -> bool:
    held_until = getattr(user, "notes_held_until", None)
    return held_until is not None and held_until > timezone.now()


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
        return action in NETWORK_ACTIONS and target.pk in viewer_network_ids(user)
    if isinstance(target, SupportRelationship):
        return bool(RELATIONSHIP_ACTIONS[action] & relationship_sides(user, target))
    if action in SUPPORTER_ACTIONS:
        return bool(SUPPORTER_ACTIONS[action] & supporter_sides(user, target))
    if action in CASE_ACTIONS:
        return bool(CASE_ACTIONS[action] & case_sides(user, target))
    if action in CREDENTIAL_REQUEST_ACTIONS:
        return bool(CREDENTIAL_REQUEST_ACTIONS[action] & credential_request_sides(user, target))
    if action in SUPERVISION_SESSION_ACTIONS:
        return bool(SUPERVISION_SESSION_ACTIONS[action] & supervision_session_sides(user, target))
    if action in REFERRAL_ACTIONS:
        return bool(REFERRAL_ACTIONS[action] & referral_sides(user, target))
    if action in CONSENT_ACTIONS:
        return bool(CONSENT_ACTIONS[action] & consent_sides(user, target))
    if action in SELF_ACTIONS and _is_own(user, target):
        return True
    if hasattr(target, "organization_id") and action in ORG_ACTIONS:
        # Records of an organization (an import, later a screening round…) follow its organization rule.
        return bool(ORG_ACTIONS[action] & roles_in(user, target.organization))
    raise TypeError(f"No access rules for {action} on {type(target).__name__}")


def _is_own(user, target) -> bool:
    person_id = getattr(target, "person_id", None)
    return person_id is not None and person_id == getattr(user, "person_id", None)


# A counseling case, by the user's relation to it: an **assigned** counselor, any **counselor**
# of the organization, or a counselor who broke the **glass** (for a limited time, with a reason).
# Coordinators, peer supporters and everyone else have no side: they never see a case.
CASE_ACTIONS: dict[str, frozenset[str]] = {
    "case.view": frozenset({"assigned", "counselor"}),
    "case.change": frozenset({"assigned"}),
    "case.read_notes": frozenset({"assigned", "glass"}),
    "case.break_glass": frozenset({"counselor"}),
}


# A supervision session of peer supporters, by the user's relation to it: its **supervisor** (while a
# counselor), any **counselor**, a **coordinator**. Its notes and the supervisor's ratings are the
# supervisor's professional record, like case notes: only they read and write them. Attendance
# decides who gets new matches, so the coordinator may take it too.
SUPERVISION_SESSION_ACTIONS: dict[str, frozenset[str]] = {
    "supervision_session.view": frozenset({"supervisor", "counselor", "coordinator"}),
    "supervision_session.attendance": frozenset({"supervisor", "coordinator"}),
    "supervision_session.record": frozenset({"supervisor"}),  # notes and ratings
    "supervision_session.read_notes": frozenset({"supervisor"}),
}


def supervision_session_sides(user, session) -> frozenset[str]:
    roles = roles_in(user, session.organization)
    sides = set()
    if R.COUNSELOR in roles:
        sides.add("counselor")
        if session.supervisor_id == user.pk:
            sides.add("supervisor")
    if R.COORDINATOR in roles:
        sides.add("coordinator")
    return frozenset(sides)


# A change to the credentials of an account that reads confidential material, waiting for a
# second admin: the **requester** may withdraw it; **another admin** of the organization decides.
CREDENTIAL_REQUEST_ACTIONS: dict[str, frozenset[str]] = {
    "credential_request.decide": frozenset({"other_admin"}),
    "credential_request.withdraw": frozenset({"requester"}),
}


def credential_request_sides(user, credential_request) -> frozenset[str]:
    if R.ORG_ADMIN not in roles_in(user, credential_request.organization):
        return frozenset()
    return frozenset({"requester" if credential_request.requested_by_id == user.pk else "other_admin"})


# A referral, by the user's relation to it: any **counselor** of the organization, an **assigned**
# counselor of its case, or a **partner** professional who signs in for the partner it is
# addressed to (who sees only what the referral shares).
REFERRAL_ACTIONS: dict[str, frozenset[str]] = {
    "referral.view": frozenset({"counselor", "partner"}),
    "referral.update": frozenset({"assigned", "partner"}),
    "referral.letter": frozenset({"counselor", "partner"}),
}


def referral_sides(user, referral) -> frozenset[str]:
    roles = roles_in(user, referral.organization)
    sides = set()
    if R.COUNSELOR in roles:
        sides.add("counselor")
        if referral.case.counselors.filter(pk=user.pk).exists():
            sides.add("assigned")
    # A partner reads what a referral shares: held back, like notes, after a fresh two-step reset.
    if R.PARTNER in roles and not notes_held(user) and referral.partner.users.filter(pk=user.pk).exists():
        sides.add("partner")
    return frozenset(sides)


def visible_referrals(user, organization: Organization):
    from sebaya.counseling.models import Referral

    referrals = Referral.objects.filter(organization=organization)
    roles = roles_in(user, organization)
    if R.COUNSELOR in roles:
        return referrals
    if R.PARTNER in roles and not notes_held(user):
        return referrals.filter(partner__users=user)
    return referrals.none()


def case_sides(user, case) -> frozenset[str]:
    from django.utils import timezone

    from sebaya.counseling.models import BreakGlass

    if R.COUNSELOR not in roles_in(user, case.organization):
        return frozenset()
    sides = {"counselor"}
    if case.counselors.filter(pk=user.pk).exists():
        sides.add("assigned")
    elif BreakGlass.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).exists():
        sides.add("glass")
    return frozenset(sides)


def visible_cases(user, organization: Organization):
    from sebaya.counseling.models import Case

    cases = Case.objects.filter(organization=organization)
    return cases if R.COUNSELOR in roles_in(user, organization) else cases.none()


def relationship_sides(user, relationship) -> frozenset[str]:
    """Which sides of a support relationship this user is on."""
    sides = set()
    person_id = getattr(user, "person_id", None)
    if person_id is not None and relationship.supporter.membership.person_id == person_id:
        sides.add("supporter")
    if person_id is not None and relationship.person_id == person_id:
        sides.add("person")
    if R.COUNSELOR in roles_in(user, relationship.organization):
        sides.add("counselor")
    return frozenset(sides)


def require(user, action: str, target) -> None:
    if not can(user, action, target):
        raise PermissionDenied


# --- Which objects may this user see? -------------------------------------------------------


def visible_memberships(user, organization: Organization) -> QuerySet[Membership]:
    """The people of an organization this user may see."""
    memberships = Membership.objects.filter(organization=organization)
    if MEMBERSHIP_ACTIONS["person.view"] & roles_in(user, organization):
        return memberships
    if user.person_id is not None:
        return memberships.filter(person_id=user.person_id)
    return memberships.none()


def visible_relationships(user, organization: Organization) -> QuerySet[SupportRelationship]:
    """Counselors see every relationship of the organization; anyone else the ones they are in."""
    relationships = SupportRelationship.objects.filter(organization=organization)
    if R.COUNSELOR in roles_in(user, organization):
        return relationships
    if user.person_id is None:
        return relationships.none()
    return relationships.filter(
        Q(supporter__membership__person_id=user.person_id) | Q(person_id=user.person_id)
    )


# --- Anonymous help requests: reached with a follow-up code and PIN, remembered in the session ------

ANONYMOUS_GRANTS = "sebaya_anonymous_requests"


def grant_anonymous_request(request: HttpRequest, help_request) -> None:
    granted = set(request.session.get(ANONYMOUS_GRANTS, []))
    granted.add(str(help_request.pk))
    request.session[ANONYMOUS_GRANTS] = sorted(granted)


def anonymous_request_or_none(request: HttpRequest, organization: Organization, code: str):
    """The anonymous request with this code if this browser proved its PIN, else None."""
    from sebaya.support.models import HelpRequest

    help_request = HelpRequest.objects.filter(
        organization=organization, follow_up_code=code, person__isnull=True
    ).first()
    if help_request is None or str(help_request.pk) not in request.session.get(ANONYMOUS_GRANTS, []):
        return None
    return help_request


def public_organization_or_404(slug: str) -> Organization:
    """Pages anyone may open for an organization (asking for help anonymously)."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404
    return organization


# --- Loading objects: 404 for what is not yours, 403 for what your role may not touch ----------


def organization_or_404(user, slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None or not roles_in(user, organization):
        raise Http404
    return organization


def network_or_404(user, slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None or network.pk not in viewer_network_ids(user):
        raise Http404
    return network


def membership_or_404(request: HttpRequest, action: str, organization: Organization, person_id) -> Membership:
    membership = (
        Membership.objects.select_related("person", "organization")
        .filter(organization=organization, person_id=person_id)
        .first()
    )
    if membership is None:
        raise Http404
    require(request.user, action, membership)
    _audit_view(request, membership.person, organization)
    return membership


def object_or_404(request: HttpRequest, action: str, queryset, **lookup):
    """A record of the request's organization: 404 if it is not there, then 403 unless allowed."""
    obj = queryset.filter(organization=request.organization, **lookup).first()
    if obj is None:
        raise Http404
    require(request.user, action, obj)
    _audit_view(request, obj, request.organization)
    return obj


def _audit_view(request: HttpRequest, record, organization) -> None:
    """Every read of a sensitive record by someone other than its subject is audited."""
    from sebaya.audit.models import AuditAction
    from sebaya.audit.services import record as audit_record

    if not getattr(record, "audit_sensitive", False):
        return
    subject = record.pk if record._meta.label_lower == "people.person" else getattr(record, "person_id", None)
    if subject is not None and subject == request.user.person_id:
        return  # one's own record
    audit_record(
        action=AuditAction.RECORD_VIEWED,
        actor=request.user,
        organization=organization,
        target=record,
        request=request,
        detail={"view": request.resolver_match.view_name if request.resolver_match else ""},
    )


# --- View decorators ----------------------------------------------------------------------


def org_view(action: str | None = None):
    """Resolve the `org` URL slug (404 if not a member), then check an organization action (403).

    With action=None the view checks object-level actions itself (e.g. through
    `membership_or_404`). The organization and the user's roles in it land on the request.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, org: str, *args, **kwargs):
            organization = organization_or_404(request.user, org)
            request.organization = organization
            request.org_roles = roles_in(request.user, organization)
            if action is not None:
                require(request.user, action, organization)
            # Dates and times on an organization's pages are in its own time zone.
            with timezone.override(zoneinfo.ZoneInfo(organization.timezone)):
                return view(request, *args, **kwargs)

        wrapper.access_action = action
        return wrapper

    return decorator


def network_view(action: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, network: str, *args, **kwargs):
            request.network = network_or_404(request.user, network)
            require(request.user, action, request.network)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
