"""The peer supporter roster and supervision: the list of supporters with their caseload, editing
a supporter's profile and declared conflicts, and a counselor's supervision page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.people.models import Membership, Role
from sebaya.support import forms as support_forms
from sebaya.support import services
from sebaya.support.models import Message, SupporterProfile, SupportRelationship

ROSTER_PAGE = 50  # supporters a page: a province's large schools have a hundred and more


def _supporters(organization):
    return (
        Membership.objects.filter(organization=organization, roles__role=Role.PEER_SUPPORTER)
        .select_related("person", "supporter_profile__supervisor__person")
        .order_by("person__full_name", "pk")
        # No DISTINCT: a membership holds a role once (people.MembershipRole's one_row_per_role),
        # so the join gives one row each. DISTINCT over the four tables' columns cost 22 of a
        # 25 ms query on a school of 148 supporters (docs/PERFORMANCE.md).
    )


def _supporter_rows(organization, *, supervisor=None, memberships=None):
    """A row per supporter (of `memberships`, default all of them) with their profile and how
    many people they accompany now."""
    memberships = _supporters(organization) if memberships is None else memberships
    loads = dict(
        SupportRelationship.objects.filter(
            organization=organization,
            status__in=[SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED],
        )
        .values_list("supporter__membership_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for membership in memberships:
        profile = getattr(membership, "supporter_profile", None)
        if supervisor is not None and (profile is None or profile.supervisor_id != supervisor.pk):
            continue
        rows.append({"membership": membership, "profile": profile, "load": loads.get(membership.pk, 0)})
    return rows


@require_http_methods(["GET"])
@access.org_view("supporters.view")
def supporter_list(request):
    page = Paginator(_supporters(request.organization), ROSTER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/supporter_list.html",
        {
            "rows": _supporter_rows(request.organization, memberships=page.object_list),
            "page": page,
            "may_manage": access.can(request.user, "supporters.manage", request.organization),
        },
    )


def _supporter_membership(request, person):
    """The peer supporter's membership, for those who manage supporters."""
    # Another organization's person is a 404 before anyone's role is considered.
    if not Membership.objects.filter(organization=request.organization, person_id=person).exists():
        raise Http404
    access.require(request.user, "supporters.manage", request.organization)
    membership = access.membership_or_404(request, "person.view", request.organization, person)
    if not membership.roles.filter(role=Role.PEER_SUPPORTER).exists():
        raise Http404
    return membership


@require_http_methods(["GET", "POST"])
@access.org_view()
def supporter_edit(request, person):
    membership = _supporter_membership(request, person)
    profile = getattr(membership, "supporter_profile", None) or SupporterProfile(
        organization=request.organization, membership=membership
    )
    counselors = access.assignable_supervisors(request.organization).select_related("person")
    form = support_forms.SupporterProfileForm(request.POST or None, instance=profile, counselors=counselors)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.supporter_profile_save(membership=membership, by=request.user, request=request, **fields)
        messages.success(request, _("Saved."))
        return redirect("supporter_list", org=request.organization.slug)
    conflicts = profile.conflicts.select_related("person") if profile.pk else []
    return render(
        request,
        "support/supporter_edit.html",
        {
            "form": form,
            "membership": membership,
            "conflicts": conflicts,
            "conflict_form": support_forms.ConflictForm(
                memberships=_conflict_choices(request, membership), auto_id="conflict_%s"
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _conflict_choices(request, membership):
    """Everyone of the organization the user may see but the supporter: whom a conflict may name."""
    return (
        access.visible_memberships(request.user, request.organization)
        .filter(is_active=True)
        .exclude(pk=membership.pk)
        .select_related("person")
        .order_by("person__full_name", "class_name")
    )


@require_POST
@access.org_view()
def supporter_conflict_add(request, person):
    """Declare that the supporter must never be matched with someone (picked by name)."""
    membership = _supporter_membership(request, person)
    organization = request.organization
    form = support_forms.ConflictForm(request.POST, memberships=_conflict_choices(request, membership))
    if form.is_valid():
        services.supporter_conflict_set(
            membership=membership,
            person=form.cleaned_data["person"].person,
            by=request.user,
            present=True,
            request=request,
        )
        messages.success(request, _("Saved: they will never be matched with each other."))
    else:
        # A name not on the list, or someone of another organization: the picker's own message.
        messages.error(request, form.errors["person"][0])
    return redirect("supporter_edit", org=organization.slug, person=membership.person_id)


@require_POST
@access.org_view()
def supporter_conflict_remove(request, person):
    membership = _supporter_membership(request, person)
    organization = request.organization
    remove = support_forms.ConflictRemoveForm(request.POST)
    people = Membership.objects.filter(organization=organization)
    other = people.filter(person_id=remove.cleaned_data["person"]).first() if remove.is_valid() else None
    if other is not None and not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Remove this conflict of interest?"),
            question=_("%(supporter)s may then be matched to accompany %(person)s again.")
            % {"supporter": membership.person.full_name, "person": other.person.full_name},
            action=_("Yes, remove the conflict"),
            back=reverse("supporter_edit", kwargs={"org": organization.slug, "person": membership.person_id}),
        )
    if other is not None:
        services.supporter_conflict_set(
            membership=membership, person=other.person, by=request.user, present=False, request=request
        )
        messages.success(request, _("Saved."))
    return redirect("supporter_edit", org=organization.slug, person=membership.person_id)


@require_http_methods(["GET"])
@access.org_view("supporter.supervise")
def supervision(request):
    """A counselor's supervision page: their supporters first (all, when they supervise nobody
    yet), each with caseload, sessions, concern flags and reported or flagged messages."""
    organization = request.organization
    rows = _supporter_rows(organization, supervisor=request.user) or _supporter_rows(organization)
    profile_ids = [row["profile"].pk for row in rows if row["profile"]]
    relationships = (
        SupportRelationship.objects.filter(supporter_id__in=profile_ids)
        .select_related("person", "supporter__membership__person")
        .annotate(
            session_count=Count("sessions", distinct=True),
            concerns=Count("sessions", filter=Q(sessions__concern=True), distinct=True),
            flagged=Count(
                "messages",
                filter=access.read_by_supervisors_q("messages__"),
                distinct=True,
            ),
        )
        .order_by("-started_at")
    )
    by_supporter: dict = {}
    for relationship in relationships:
        by_supporter.setdefault(relationship.supporter_id, []).append(relationship)
    for row in rows:
        row["relationships"] = by_supporter.get(row["profile"].pk, []) if row["profile"] else []
    flagged = (
        access.read_by_supervisors(Message.objects.filter(relationship__supporter_id__in=profile_ids))
        .select_related("relationship__person", "relationship__supporter__membership__person")
        .order_by("-created_at")[:30]
    )
    return render(request, "support/supervision.html", {"rows": rows, "flagged": flagged})
