"""The persistent menu: the places each role uses every day, on every page of an organization.

Which links a user sees is decided by the access policies, through the action each page's
`access.org_view` declares: a link is shown only when the page behind it would open, so the menu
cannot drift from the views. The first items of a role's list make the phone's bottom bar; the
rest sit behind its "Menu" button.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sebaya import access
from sebaya.help import guides
from sebaya.people.models import Role

# How many items fit the bottom bar of a 360 px phone beside the "Menu" button.
BAR_SIZE = 4


@dataclass(frozen=True)
class Item:
    key: str  # the link's id is "menu-<key>"
    url_name: str  # a page under /o/<org>/
    label: Promise
    badge: str = ""  # the name of a count in the shell's context ("open_alerts", "triage_waiting")
    # What a screen reader says for the badge, with its number; without one, "<n> waiting".
    badge_label: Promise | None = None


UNREAD = ngettext_lazy("%(count)s unread message", "%(count)s unread messages", "count")


HOME = Item("home", "org_home", _("Home"))
ASK = Item("ask", "help_new", _("Ask for help"))
# The two sides of a peer support thread: the person helped finds theirs under "My requests",
# the peer supporter under "People I accompany".
MY_REQUESTS = Item("requests", "help_home", _("My requests"), badge="unread_as_person", badge_label=UNREAD)
CHECK_IN = Item("check-in", "screening_home", _("Check in"))
MY_DATA = Item("my-data", "my_data", _("My data"))
ACCOMPANY = Item(
    "accompany", "relationship_list", _("People I accompany"), badge="unread_as_supporter", badge_label=UNREAD
)
TRAINING = Item("training", "training_home", _("Training"))
ALERTS = Item("alerts", "alert_queue", _("Alerts"), badge="open_alerts")
TRIAGE = Item("triage", "triage_queue", _("Triage"), badge="triage_waiting")
CASES = Item("cases", "case_list", _("Case book"))
OUTREACH = Item("outreach", "outreach_queue", _("Screening outreach"))
JOURNAL = Item("journal", "journal", _("Jurnal BK"))
SUPPORTERS = Item("supporters", "supporter_list", _("Peer supporters"))
PROGRAM = Item("program", "program_overview", _("Program overview"))
ROUNDS = Item("rounds", "round_list", _("Screening rounds"))
PEOPLE = Item("people", "people_list", _("People"))
ROSTER = Item("roster", "roster_upload", _("Roster import"))
SETTINGS = Item("settings", "org_settings", _("Organization settings"))
AUDIT = Item("audit", "audit_list", _("Audit trail"))
REFERRALS = Item("referrals", "referral_list", _("Referrals"))
CALENDAR = Item("calendar", "calendar", _("Calendar"))
BK_PROGRAM = Item("bk-program", "bk_program_list", _("BK program"))
NEEDS = Item("needs", "needs_results", _("Needs assessment"))
ACTIVITIES = Item("activities", "activity_list", _("Activities"))
INCIDENTS = Item("incidents", "incident_list", _("Incidents"))
EVALUATION = Item("evaluation", "evaluation_dashboard", _("Evaluation"))
# Last for every role: the user guide of the role the user is acting as (not a page under /o/<org>/).
GUIDE = Item("guide", "guide", _("User guide"))

# Each role's places, the most used first (the first BAR_SIZE make the phone's bottom bar).
MENUS = {
    Role.MEMBER: (HOME, ASK, MY_REQUESTS, CHECK_IN, ACTIVITIES, MY_DATA, CALENDAR),
    Role.PEER_SUPPORTER: (
        HOME,
        ACCOMPANY,
        ASK,
        TRAINING,
        MY_REQUESTS,
        CHECK_IN,
        ACTIVITIES,
        MY_DATA,
        CALENDAR,
    ),
    Role.COUNSELOR: (HOME, ALERTS, TRIAGE, CASES, OUTREACH, JOURNAL, ACTIVITIES, NEEDS, BK_PROGRAM, CALENDAR),
    Role.COORDINATOR: (
        HOME,
        ALERTS,
        TRIAGE,
        ROUNDS,
        CASES,
        OUTREACH,
        JOURNAL,
        ACTIVITIES,
        SUPPORTERS,
        PROGRAM,
        NEEDS,
        BK_PROGRAM,
        INCIDENTS,
        EVALUATION,
        CALENDAR,
    ),
    Role.ORG_ADMIN: (HOME, PEOPLE, ROSTER, SETTINGS, AUDIT, ACTIVITIES, INCIDENTS, EVALUATION, CALENDAR),
    Role.PARTNER: (HOME, REFERRALS, ACTIVITIES, CALENDAR),
    Role.FIELD_WORKER: (HOME, INCIDENTS, ACTIVITIES, CALENDAR),
}


@cache
def _action(url_name: str) -> str | None:
    """The organization action the page behind this URL name requires (None: any member)."""
    view = resolve(reverse(url_name, kwargs={"org": "x"})).func
    return getattr(view, "access_action", None)


def items_for(user, organization, role) -> list[Item]:
    """The role's menu, keeping only the pages this user may open in this organization."""
    shown = []
    for item in MENUS.get(role, ()):
        action = _action(item.url_name)
        if action is None or access.can(user, action, organization):
            shown.append(item)
    if guides.guide_of_role(role):
        shown.append(GUIDE)
    return shown


def menu(items: list[Item], organization, *, counts: dict, current_url_name: str = "", role=None) -> dict:
    """What base.html draws from `items_for`: the bar's items and the rest, each with its URL and
    badge count."""
    entries = []
    for item in items:
        count = counts.get(item.badge) or 0
        entries.append(
            {
                "key": item.key,
                "label": item.label,
                "url": reverse("guide", kwargs={"role": guides.guide_of_role(role)})
                if item is GUIDE
                else reverse(item.url_name, kwargs={"org": organization.slug}),
                "count": count,
                "badge_id": item.badge.replace("_", "-"),
                "badge_label": item.badge_label % {"count": count} if item.badge_label and count else "",
                "current": item.url_name == current_url_name,
            }
        )
    # A "Menu" button for a single leftover item would only add a tap: it joins the bar instead.
    if len(entries) <= BAR_SIZE + 1:
        return {"bar": entries, "more": [], "more_count": 0}
    more = entries[BAR_SIZE:]
    # What waits behind the button shows on it, so a count is never hidden by the fold.
    return {"bar": entries[:BAR_SIZE], "more": more, "more_count": sum(entry["count"] for entry in more)}
