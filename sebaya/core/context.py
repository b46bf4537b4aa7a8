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
    """The organization last used in this session, while the user still belongs to it; else their
    first. A new session (the first page after signing in) remembers none: one query, not two."""
    chosen = request.session.get(SESSION_KEY, {}).get("org")
    organizations = access.organizations_for(request.user)
    return (chosen and organizations.filter(pk=chosen).first()) or organizations.first()
