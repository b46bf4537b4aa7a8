"""What a `source_ref` ("app.model:pk") points at: the words that were written, and the page where a
counselor reads them.

The safety app knows nothing of the apps that raise alerts (they call it, not the other way), so
the records are looked up by their model label through Django's app registry, never imported. A
record that is gone (erased under the retention rules, say) gives no text and no page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from sebaya import access


@dataclass(frozen=True)
class Kind:
    model: str  # "app_label.ModelName"
    text_fields: tuple[str, ...]
    page: str | None  # URL name of the page that shows it to a counselor
    page_arg: str = ""  # the URL keyword of that page
    via: str = ""  # the attribute holding that page's record ("" for the record itself)
    organization: str = "organization_id"  # the lookup to its organization
    # The access rule that keeps only what counselors may read of such records (a private thread:
    # see access/messages.py), or None when counselors read every such record.
    counselors_read: Callable | None = None
    # The lookup to the help request it belongs to ("pk" for the request itself), which names an
    # anonymous person: one open alert per anonymous request (see `safety.services.alert_raise`).
    request: str = ""


RELATIONSHIP_ORG = "relationship__organization_id"
KINDS: dict[str, Kind] = {
    "support.helprequest": Kind(
        "support.HelpRequest", ("details",), "help_request_detail", "help_request", request="pk"
    ),
    "support.requestmessage": Kind(
        "support.RequestMessage",
        ("body",),
        "help_request_detail",
        "help_request",
        "help_request_id",
        "help_request__organization_id",
        request="help_request_id",
    ),
    "support.message": Kind(
        "support.Message",
        ("body",),
        "relationship_detail",
        "relationship",
        "relationship_id",
        RELATIONSHIP_ORG,
        counselors_read=access.read_by_supervisors,
        request="relationship__help_request_id",
    ),
    "support.peersession": Kind(
        "support.PeerSession",
        ("note",),
        "relationship_detail",
        "relationship",
        "relationship_id",
        RELATIONSHIP_ORG,
        request="relationship__help_request_id",
    ),
    # A step up or down: the transition has its own organization (and a relationship, the page).
    "support.transition": Kind(
        "support.Transition",
        ("note",),
        "relationship_detail",
        "relationship",
        "relationship_id",
        request="help_request_id",
    ),
    "support.supportrelationship": Kind(
        "support.SupportRelationship",
        ("feedback_comment",),
        "relationship_detail",
        "relationship",
        request="help_request_id",
    ),
    # Recruitment wrote its reference without the app label.
    "application": Kind(
        "programs.Application", ("motivation", "experience"), "application_detail", "application"
    ),
    "programs.application": Kind(
        "programs.Application", ("motivation", "experience"), "application_detail", "application"
    ),
}


def split(source_ref: str) -> tuple[str, str]:
    label, _sep, pk = source_ref.partition(":")
    return label, pk


def record(source_ref: str):
    label, pk = split(source_ref)
    kind = KINDS.get(label)
    if kind is None or not pk:
        return None
    try:
        return apps.get_model(kind.model).objects.filter(pk=pk).first()
    except (ValueError, TypeError, LookupError):  # a malformed id, or an app that is not installed
        return None


def record_for_counselors(source_ref: str, organization):
    """The record, if it belongs to this organization and counselors may read it; else None."""
    label, pk = split(source_ref)
    kind = KINDS.get(label)
    if kind is None or not pk:
        return None
    records = apps.get_model(kind.model).objects.filter(**{kind.organization: organization.pk})
    if kind.counselors_read is not None:
        records = kind.counselors_read(records)
    try:
        return records.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def request_of(source_ref: str) -> str:
    """The help request a record belongs to, as its pk in text ("" when none): what names an
    anonymous person across their request, its replies and their peer support's thread."""
    label, pk = split(source_ref)
    kind = KINDS.get(label)
    if kind is None or not kind.request or not pk:
        return ""
    try:
        found = apps.get_model(kind.model).objects.filter(pk=pk).values_list(kind.request, flat=True).first()
    except (ValueError, TypeError, LookupError):
        return ""
    return str(found) if found else ""


def text_of(source_ref: str) -> str:
    """The words written, as stored now ("" when there are none or the record is gone)."""
    found = record(source_ref)
    if found is None:
        return ""
    kind = KINDS[split(source_ref)[0]]
    return "\n".join(str(getattr(found, name) or "") for name in kind.text_fields).strip()


def page_of(source_ref: str, organization) -> str | None:
    """The page where a counselor reads it, or None."""
    label, _pk = split(source_ref)
    kind = KINDS.get(label)
    found = record(source_ref)
    if kind is None or kind.page is None or found is None:
        return None
    target = getattr(found, kind.via) if kind.via else found.pk
    if target is None:
        return None
    return reverse(kind.page, kwargs={"org": organization.slug, kind.page_arg: target})


def ref(obj) -> str:
    """The reference of a record, as the apps write it."""
    return f"{obj._meta.label_lower}:{obj.pk}"
