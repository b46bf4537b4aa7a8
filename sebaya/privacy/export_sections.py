"""The registry of a person's own data: which sections an export holds, and collecting them.

Each app that keeps records about people owns a `personal_data.py` with its `Section`s (see
`sebaya.kernel.personal_data` for the contract). This list names them, in the order the PDF shows
them. A new app joins the export by writing its section and adding one line here; nothing else
changes: the JSON carries every section under its key, and the PDF shows every section with the
labels it declares.

The collected value is one plain dict; both files are rendered from it (`export_render`), so
the PDF and the JSON cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sebaya.kernel.personal_data import Section, moment

SCHEMA = "sebaya.personal-data"
# Raise it when a key changes meaning or disappears (adding a key or a section does not).
SCHEMA_VERSION = 1

SECTIONS = [
    "sebaya.accounts.personal_data.PROFILE",
    "sebaya.support.personal_data.HELP_REQUESTS",
    "sebaya.support.personal_data.PEER_SUPPORT",
    "sebaya.screening.personal_data.RESULTS",
    "sebaya.screening.personal_data.INVITATIONS",
    "sebaya.safety.personal_data.ALERTS",
    "sebaya.counseling.personal_data.CASES",
    "sebaya.programs.personal_data.RECRUITMENT",
    "sebaya.programs.personal_data.TRAINING",
    "sebaya.privacy.personal_data.CONSENTS",
    "sebaya.guidance.personal_data.ACTIVITIES",
]


@cache
def sections() -> tuple[Section, ...]:
    found = tuple(import_string(path) for path in SECTIONS)
    keys = [section.key for section in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"Two personal-data sections share a key: {keys}")
    return found


def left_out() -> list[str]:
    """What an export deliberately does not hold, and why; shown in both files."""
    return [
        _(
            "Counselors' confidential notes and their professional record of a case: what was "
            "discussed in a session, their analysis and plan, the case summary and closing summary, "
            "home visit findings and case conference minutes."
        ),
        _(
            "The working notes of the people who help you: a peer supporter's session notes, "
            "hand-over and closing notes, supervision notes, and triage and follow-up notes."
        ),
        _("What staff did about an alert (who was told, who acted and how): the alert itself is included."),
        _(
            "Anything about other people: the people you accompany as a peer supporter and their "
            "messages, and requests made anonymously, which are not linked to you."
        ),
        _("A decision on an application that has not been announced yet, and the selection panel's scores."),
    ]


def collect(*, export, on_step: Callable[[int], None] | None = None) -> dict:
    """Everything about `export.person` in `export.organization`, as plain JSON values.

    Call it inside `translation.override(export.language)` and the organization's time zone: the
    labels and moments it writes follow them. `on_step(n)` is called after each section.
    """
    person, organization = export.person, export.organization
    collected = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": moment(timezone.now()),
        "language": get_language(),
        "organization": {"name": organization.name, "slug": organization.slug},
        "person": {"id": str(person.pk), "full_name": person.full_name},
        "export": {
            "id": str(export.pk),
            "purpose": export.purpose,
            "requested_at": moment(export.created_at),
        },
        "sections": {},
        "left_out": left_out(),
    }
    for number, section in enumerate(sections(), start=1):
        collected["sections"][section.key] = section.collect(person=person, organization=organization)
        if on_step is not None:
            on_step(number)
    return collected
