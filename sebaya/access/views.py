"""Loading objects for views: 404 for what is not yours, 403 for what your role may not touch;
the view decorators that resolve the organization or network of the URL; and the audit of every
read of a sensitive record."""

from __future__ import annotations

import zoneinfo
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.utils import timezone

from sebaya.access.decide import require
from sebaya.access.roles import roles_in, viewer_network_ids
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record as audit_record
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import Membership
from sebaya.psychosocial.models import AffectedPerson


def public_organization_or_404(slug: str) -> Organization:
    """Pages anyone may open for an organization (asking for help anonymously)."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404
    return organization


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


def person_for_care_or_404(request: HttpRequest, organization: Organization, person_id):
    """A person this organization may open a case for: a member it may see ("person.view"), or,
    when they have no membership here, someone it registered as affected by an incident
    ("affected.view"), whose later care (a case, a referral with consent) then sits on the same
    timeline as everyone's."""
    membership = Membership.objects.filter(organization=organization, person_id=person_id).first()
    if membership is not None:
        return membership_or_404(request, "person.view", organization, person_id).person
    affected = (
        AffectedPerson.objects.current()
        .select_related("person")
        .filter(organization=organization, person_id=person_id)
        .first()
    )
    if affected is None:
        raise Http404
    require(request.user, "affected.view", affected)
    _audit_view(request, affected.person, organization)
    return affected.person


def object_or_404(request: HttpRequest, action: str, queryset, **lookup):
    """A record of the request's organization: 404 if it is not there, then 403 unless allowed."""
    obj = queryset.filter(organization=request.organization, **lookup).first()
    if obj is None:
        raise Http404
    obj.organization = request.organization  # the same row: the policies read it without a query
    require(request.user, action, obj)
    _audit_view(request, obj, request.organization)
    return obj


def case_record_or_404(request: HttpRequest, action: str, queryset, **lookup):
    """A record kept within a case of the request's organization (a session, a follow-up, a home
    visit): 404 if it is not there, then 403 unless the action is allowed on its case."""
    obj = queryset.filter(case__organization=request.organization, **lookup).select_related("case").first()
    if obj is None:
        raise Http404
    obj.case.organization = request.organization  # the same row, as in object_or_404
    require(request.user, action, obj.case)
    return obj


def record_read(request: HttpRequest, record) -> None:
    """Audit a sensitive record shown inside another one's page (an alert's source, say), as the
    loaders above do for the record a page is about."""
    _audit_view(request, record, request.organization)


def _audit_view(request: HttpRequest, record, organization) -> None:
    """Every read of a sensitive record by someone other than its subject is audited."""
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
