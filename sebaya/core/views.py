from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sebaya import access
from sebaya.accounts import services as account_services
from sebaya.core import context
from sebaya.core.middleware import remember_language
from sebaya.kernel import registry
from sebaya.organizations.crisis import crisis_context
from sebaya.organizations.models import Organization
from sebaya.people.models import Membership, Role


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    organization = context.remembered_organization(request)
    if organization is not None:
        return redirect("org_home", org=organization.slug)
    network = access.networks_for(request.user).first()
    if network is not None:
        return redirect("network_home", network=network.slug)
    return render(request, "core/no_organization.html")


@require_safe
def crisis(request):
    """Reachable by anyone, signed in or not, and light enough for a cheap phone on a slow network."""
    organizations = []
    if request.user.is_authenticated:
        organizations = list(access.organizations_for(request.user).prefetch_related("crisis_contacts"))
    else:
        slug = request.GET.get("org", "")
        if slug and _valid_slug(slug):
            organizations = list(Organization.objects.filter(slug=slug).prefetch_related("crisis_contacts"))
    return render(request, "core/crisis.html", crisis_context(organizations))


def _valid_slug(value: str) -> bool:
    try:
        forms.SlugField().clean(value)
    except forms.ValidationError:
        return False
    return True


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


@require_POST
def set_language(request):
    form = LanguageForm(request.POST)
    target = "/"
    if form.is_valid():
        candidate = form.cleaned_data["next"]
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = candidate
    response = HttpResponseRedirect(target)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        account_services.set_language(user=request.user, language=language)
    remember_language(response, language)
    return response


class SwitchForm(forms.Form):
    organization = forms.UUIDField()
    role = forms.ChoiceField(choices=Role.choices)


@login_required
@require_http_methods(["GET", "POST"])
def switch(request):
    """Choose the organization and role to work as."""
    role_map = access.role_map(request.user)
    if request.method == "POST":
        form = SwitchForm(request.POST)
        if form.is_valid():
            organization = (
                access.organizations_for(request.user).filter(pk=form.cleaned_data["organization"]).first()
            )
            role = form.cleaned_data["role"]
            if organization is not None and role in role_map.get(organization.pk, ()):
                context.remember(request, organization, role)
                return redirect("org_home", org=organization.slug)
        return render(request, "core/switch.html", _switch_context(request, role_map), status=400)
    return render(request, "core/switch.html", _switch_context(request, role_map))


def _switch_context(request, role_map):
    places = []
    for organization in access.organizations_for(request.user):
        roles = [r for r in access.ROLE_PRIORITY if r in role_map[organization.pk]]
        places.append({"organization": organization, "roles": roles})
    return {"places": places, "networks": access.networks_for(request.user)}


@require_safe
@access.org_view("organization.home")
def org_home(request):
    organization = request.organization
    role = context.current_role(request, organization)
    context.remember(request, organization, role)
    data = {"organization": organization, "role": role, "roles": request.org_roles}
    if role in {Role.ORG_ADMIN, Role.COORDINATOR}:
        data["role_counts"] = _role_counts(organization)
    # Each app adds its own cards (see kernel.registry): the shell does not know the apps.
    for home_cards in registry.home_cards():
        data.update(home_cards(request, organization=organization, role=role))
    return render(request, "core/org_home.html", data)


def _role_counts(organization):
    counts = dict(
        Membership.objects.filter(organization=organization, is_active=True)
        .values_list("roles__role")
        .annotate(n=Count("id"))
        .values_list("roles__role", "n")
    )
    return [{"role": role, "label": role.label, "count": counts.get(role.value, 0)} for role in Role]


# Activity counts under this size are not shown (privacy: a small group can identify people).
MIN_GROUP_SIZE = 5


@require_safe
@access.network_view("network.aggregates")
def network_home(request):
    """Only aggregates: how many organizations, people and trained helpers, never who."""
    network = request.network
    rows = []
    for organization in network.organizations.all():
        counts = dict(
            Membership.objects.filter(organization=organization, is_active=True)
            .values_list("roles__role")
            .annotate(n=Count("id"))
            .values_list("roles__role", "n")
        )
        rows.append(
            {
                "organization": organization,
                "members": _suppress(counts.get(Role.MEMBER, 0)),
                "peer_supporters": _suppress(counts.get(Role.PEER_SUPPORTER, 0)),
                "counselors": counts.get(Role.COUNSELOR, 0),
            }
        )
    return render(
        request,
        "core/network_home.html",
        {"network": network, "rows": rows, "min_group_size": MIN_GROUP_SIZE},
    )


def _suppress(value: int):
    return value if value == 0 or value >= MIN_GROUP_SIZE else None


@require_safe
def healthz(request):
    """For the reverse proxy and monitoring: the process is up and the database answers."""
    from django.db import connection
    from django.http import HttpResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
