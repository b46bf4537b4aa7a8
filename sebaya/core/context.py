"""The signed-in user's current organization and role, kept in the session."""

from sebaya import access

SESSION_KEY = "sebaya_current"


def current_role(request, organization) -> str | None:
    roles = access.roles_in(request.user, organization)
    chosen = request.session.get(SESSION_KEY, {})
    if chosen.get("org") == str(organization.pk) and chosen.get("role") in roles:
        return chosen["role"]
    return access.primary_role(roles)


def remember(request, organization, role: str | None = None) -> None:
    role = role or current_role(request, organization)
    value = {"org": str(organization.pk), "role": role}
    if request.session.get(SESSION_KEY) != value:
        request.session[SESSION_KEY] = value


def remembered_organization(request):
    chosen = request.session.get(SESSION_KEY, {})
    organizations = access.organizations_for(request.user)
    return organizations.filter(pk=chosen.get("org")).first() or organizations.first()
