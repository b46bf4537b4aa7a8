"""The demo tour: outside production, the sign-in page offers the demo's accounts as one-click
choices grouped by role, each with one thing to try, so a visitor climbs the whole ladder without
copying a password or a two-step code.

The rule is `tour_accounts()`, the only place that decides whether the tour exists: never when
`settings.PRODUCTION`, and otherwise only for the accounts of `TOUR` that exist (the demo data is
loaded). The sign-in page shows those accounts; the one-click page (`accounts.views.demo_sign_in`)
answers 404 for anything else. A click signs in through allauth's own sign-in form with the demo
password, so an account whose password is no longer the demo's is refused; the two-step step is
completed for it only when its authenticator holds the demo's secret.

The demo's shared credentials live here, beside the rule that uses them; the demo loader
(`core/demo/`) gives them to the accounts it makes.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.utils.crypto import constant_time_compare
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sebaya.accounts.models import User
from sebaya.people.models import Role

# The password of every demo account (public: it is printed by `sebaya demo` and in the README).
DEMO_PASSWORD = "sebaya-demo-2026"

# A fixed TOTP secret for the demo's staff accounts: add it to any authenticator app, or run
# `sebaya democode` to print the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPSEBAYADEMO234567"


@dataclass(frozen=True)
class TourAccount:
    username: str
    role: Promise  # the role's label, as the rest of Sebaya names it
    try_this: Promise  # one thing to try, true of the demo data (checked in test_demo_tour.py)


@dataclass(frozen=True)
class TourGroup:
    title: Promise
    accounts: tuple[TourAccount, ...]


# The ladder, bottom to top: the accounts `sebaya demo` makes (core/demo/organizations.py).
TOUR: tuple[TourGroup, ...] = (
    TourGroup(
        _("Students"),
        (
            TourAccount(
                "siswa",
                Role.MEMBER.label,
                _(
                    "Fill in the check-in you are invited to, then answer your nomination as a "
                    "peer supporter."
                ),
            ),
        ),
    ),
    TourGroup(
        _("Peer supporters"),
        (
            TourAccount(
                "sebaya",
                Role.PEER_SUPPORTER.label,
                _("Reply to siswa, whom you accompany, then open your training."),
            ),
            TourAccount(
                "sebaya2",
                Role.PEER_SUPPORTER.label,
                _("Open this week's meeting of the support group you lead with sebaya, under Activities."),
            ),
        ),
    ),
    TourGroup(
        _("Counselors (guru BK)"),
        (
            TourAccount(
                "konselor1",
                Role.COUNSELOR.label,
                _("Acknowledge the crisis alert waiting for you, then open Screening outreach."),
            ),
            TourAccount(
                "konselor2",
                Role.COUNSELOR.label,
                _(
                    "Open your case stepped up from a peer supporter: confidential notes, a home visit, "
                    "a case conference and a referral."
                ),
            ),
            TourAccount(
                "konselor3",
                Role.COUNSELOR.label,
                _("Open next week's stress-management workshop you facilitate, under Activities."),
            ),
        ),
    ),
    TourGroup(
        _("Coordinator and admin"),
        (
            TourAccount(
                "koordinator",
                Role.COORDINATOR.label,
                _("See the screening round's totals with small groups hidden, then the Program overview."),
            ),
            TourAccount(
                "admin",
                Role.ORG_ADMIN.label,
                _("Import the roster, change the on-call rota and read the audit trail."),
            ),
        ),
    ),
    TourGroup(
        _("Partner professional"),
        (
            TourAccount(
                "psikolog",
                Role.PARTNER.label,
                _("Open the referral from the school's guru BK that you accepted, and give feedback."),
            ),
        ),
    ),
    TourGroup(
        _("Community organization: a flood response"),
        (
            TourAccount(
                "relawan",
                Role.FIELD_WORKER.label,
                _("On a phone: record a PFA contact and the follow-ups due this week."),
            ),
            TourAccount(
                "konselor.komunitas",
                Role.COUNSELOR.label,
                _("Acknowledge the crisis alert a field worker's PFA contact raised."),
            ),
            TourAccount(
                "admin.komunitas",
                Role.ORG_ADMIN.label,
                _("Lead the flood response: the people affected, their needs and the school that joined."),
            ),
        ),
    ),
    TourGroup(
        _("Network (dinas)"),
        (
            TourAccount(
                "dinas",
                _("Network viewer"),
                _("See the network's figures for both organizations, with small groups hidden."),
            ),
        ),
    ),
)

DEMO_USERNAMES = frozenset(account.username for group in TOUR for account in group.accounts)


def tour_accounts() -> dict[str, User]:
    """The demo accounts the tour offers, by username: none in production, and otherwise those of
    `TOUR` that exist and are active. Empty means there is no tour here (no list, and 404)."""

    if settings.PRODUCTION:
        return {}
    return {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES, is_active=True)}


def tour_groups(present: dict[str, User]) -> list[dict]:
    """`TOUR` with only the accounts present, each marked when it has two-step sign-in."""

    with_totp = set(
        Authenticator.objects.filter(user__in=present.values(), type=Authenticator.Type.TOTP).values_list(
            "user__username", flat=True
        )
    )
    groups = []
    for group in TOUR:
        accounts = [
            {"account": account, "two_step": account.username in with_totp}
            for account in group.accounts
            if account.username in present
        ]
        if accounts:
            groups.append({"title": group.title, "accounts": accounts})
    return groups


def demo_authenticator(user: User) -> Authenticator | None:
    """The demo account's authenticator app, when it holds the demo's secret: the tour completes the
    two-step step only with it. Any other secret (a demo account given a real authenticator) keeps
    its two-step page."""

    if user.username not in DEMO_USERNAMES:
        return None
    for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        if constant_time_compare(decrypt(authenticator.data["secret"]), DEMO_TOTP_SECRET):
            return authenticator
    return None
