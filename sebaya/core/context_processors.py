from django.urls import reverse

from sebaya import access
from sebaya.core import context, menu
from sebaya.people.models import Role
from sebaya.safety.models import Alert
from sebaya.support.services import triage_queue


def shell(request):
    """What every page's header needs: crisis link, current organization and role, the switcher."""
    data = {"crisis_url": reverse("crisis")}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return data
    organization = getattr(request, "organization", None)
    if organization is None and request.resolver_match and request.resolver_match.url_name not in {"switch"}:
        organization = context.remembered_organization(request)
    if organization is not None:
        role = context.current_role(request, organization)
        data.update(
            current_org=organization,
            current_role=role,
            current_role_label=Role(role).label if role else "",
        )
        items = menu.items_for(user, organization, role)
        # The badges: one count query each, only for the menu items this user has.
        if access.can(user, "alerts.queue", organization):
            open_alerts = Alert.objects.filter(organization=organization).open()
            data["open_alerts"] = open_alerts.count()
        if menu.TRIAGE in items:
            data["triage_waiting"] = triage_queue(organization).count()
        if {item.badge for item in items} & {"unread_as_person", "unread_as_supporter"}:
            # Both sides of the user's threads in one query.
            unread = access.unread_counts(user, organization)
            data["unread_as_person"], data["unread_as_supporter"] = unread["person"], unread["supporter"]
        match = request.resolver_match
        data["menu"] = menu.menu(
            items, organization, counts=data, current_url_name=match.url_name if match else "", role=role
        )
    if access.notes_held(user):
        data["notes_held_until"] = user.notes_held_until
    data["has_several_places"] = len(access.role_map(user)) + len(access.viewer_network_ids(user)) > 1 or any(
        len(roles) > 1 for roles in access.role_map(user).values()
    )
    return data
