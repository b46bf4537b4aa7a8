"""The organization and network policy: running an organization (its settings, crisis contacts,
roster import, audit log, privacy settings) and reading a network's aggregates."""

from __future__ import annotations

from sebaya.access.roles import ADMINS, EVERY_ROLE, R

ORG_ACTIONS: dict[str, frozenset[str]] = {
    "organization.home": EVERY_ROLE,
    "organization.change": ADMINS,
    # The kop surat, signatories and letter numbers of official documents.
    "letterhead.change": ADMINS,
    "crisis_contacts.change": frozenset({R.ORG_ADMIN, R.COORDINATOR}),
    "roster.import": ADMINS,
    "audit.view": ADMINS,
    # Privacy: the admin keeps the consent and retention settings (see consents.py for consents).
    "privacy.settings": ADMINS,
    # Evaluation (issue 17): the dashboard, its tables and the semester report are aggregates,
    # small groups hidden; the de-identified record-level export is for the admin alone, with a
    # reason, audited.
    "evaluation.view": frozenset({R.ORG_ADMIN, R.COORDINATOR}),
    "evaluation.records_export": ADMINS,
}

# A network viewer reads the aggregates of the network's organizations, never a person.
NETWORK_ACTIONS = frozenset({"network.aggregates", "network.evaluation"})
