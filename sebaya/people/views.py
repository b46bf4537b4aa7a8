from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.people import services
from sebaya.people.forms import MembershipForm, PeopleFilterForm, PersonForm, RolesForm
from sebaya.people.models import Membership, Role

PAGE_SIZE = 50


@require_http_methods(["GET"])
@access.org_view("people.list")
def people_list(request):
    organization = request.organization
    form = PeopleFilterForm(request.GET or None)
    memberships = (
        access.visible_memberships(request.user, organization)
        .select_related("person")
        .prefetch_related("roles")
        .order_by("grade", "class_name", "person__full_name")
    )
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            memberships = memberships.filter(
                Q(person__full_name__icontains=q)
                | Q(person__preferred_name__icontains=q)
                | Q(external_id__iexact=q)
            )
        if form.cleaned_data["grade"]:
            memberships = memberships.filter(grade=form.cleaned_data["grade"])
        if form.cleaned_data["class_name"]:
            memberships = memberships.filter(class_name__iexact=form.cleaned_data["class_name"])
        if form.cleaned_data["role"]:
            memberships = memberships.filter(roles__role=form.cleaned_data["role"]).distinct()
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "people/list.html",
        {
            "form": form,
            "page": page,
            "querystring": querystring.urlencode(),
            "may_add": access.can(request.user, "roster.import", organization),
        },
    )


@require_http_methods(["GET"])
@access.org_view()
def person_detail(request, person):
    membership = access.membership_or_404(request, "person.view", request.organization, person)
    user_account = getattr(membership.person, "user", None)
    return render(
        request,
        "people/detail.html",
        {
            "membership": membership,
            "person": membership.person,
            "account": user_account,
            "has_totp": bool(user_account and user_account.has_totp()),
            "notes_held": bool(user_account and access.notes_held(user_account)),
            "may_change": access.can(request.user, "person.change", membership),
            "may_change_roles": access.can(request.user, "person.change_roles", membership),
            "may_set_password": access.can(request.user, "person.set_password", membership),
            "may_raise_alert": access.can(request.user, "person.raise_alert", membership),
            "may_view_results": access.can(request.user, "person.view_results", membership),
            "may_open_case": access.can(request.user, "case.open", request.organization),
            "may_export": access.can(request.user, "person.export", membership),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view("roster.import")
def person_add(request):
    organization = request.organization
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(data, prefix="person")
    membership_form = MembershipForm(
        data, prefix="membership", instance=Membership(organization=organization)
    )
    roles_form = RolesForm(data, prefix="roles", initial={"roles": [Role.MEMBER]})
    if (
        request.method == "POST"
        and person_form.is_valid()
        and membership_form.is_valid()
        and roles_form.is_valid()
    ):
        membership = services.person_add(
            organization=organization,
            by=request.user,
            profile=person_form.cleaned_data,
            membership=dict(membership_form.cleaned_data),
            roles=roles_form.cleaned_data["roles"] or [Role.MEMBER],
            request=request,
        )
        messages.success(request, _("Person added."))
        return redirect("person_detail", org=organization.slug, person=membership.person_id)
    return render(
        request,
        "people/add.html",
        {"person_form": person_form, "membership_form": membership_form, "roles_form": roles_form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def person_edit(request, person):
    membership = access.membership_or_404(request, "person.change", request.organization, person)
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(data, prefix="person", instance=membership.person)
    membership_form = MembershipForm(data, prefix="membership", instance=membership)
    if request.method == "POST" and person_form.is_valid() and membership_form.is_valid():
        services.person_update(
            membership=membership,
            by=request.user,
            person_form=person_form,
            membership_form=membership_form,
            request=request,
        )
        messages.success(request, _("Saved."))
        return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
    return render(
        request,
        "people/edit.html",
        {"membership": membership, "person_form": person_form, "membership_form": membership_form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def person_roles(request, person):
    membership = access.membership_or_404(request, "person.change_roles", request.organization, person)
    current = sorted(membership.roles.values_list("role", flat=True))
    form = RolesForm(request.POST or None, initial={"roles": current})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.roles_set(
                    membership=membership,
                    roles=form.cleaned_data["roles"],
                    by=request.user,
                    request=request,
                )
            except services.LastAdminError as error:
                form.add_error("roles", str(error))
            else:
                messages.success(request, _("Roles saved."))
                return redirect("person_detail", org=request.organization.slug, person=membership.person_id)
    return render(request, "people/roles.html", {"membership": membership, "form": form}, status=status)
