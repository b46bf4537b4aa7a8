"""What a `source_ref` ("app.model:pk") points at: the words that were written, and the page where a
counselor reads them.

The safety app knows nothing of the apps that raise alerts (they call it, not the other way), so
the records are looked up by their model label through Django's app registry, never imported. A
record that is gone (erased under the retention rules, say) gives no text and no page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString

from sebaya import access
from sebaya.safety.risk.engine import matched_spans


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
    # A function `shown(record, *, user, organization) -> Shown` in the app that owns the record,
    # by dotted path (imported only when an alert page asks): what raised the alert, in context.
    shown: str = ""


RELATIONSHIP_ORG = "relationship__organization_id"
KINDS: dict[str, Kind] = {
    "support.helprequest": Kind(
        "support.HelpRequest",
        ("details",),
        "help_request_detail",
        "help_request",
        request="pk",
        shown="sebaya.support.alert_sources.help_request",
    ),
    "support.requestmessage": Kind(
        "support.RequestMessage",
        ("body",),
        "help_request_detail",
        "help_request",
        "help_request_id",
        "help_request__organization_id",
        request="help_request_id",
        shown="sebaya.support.alert_sources.request_message",
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
        shown="sebaya.support.alert_sources.message",
    ),
    "support.peersession": Kind(
        "support.PeerSession",
        ("note",),
        "relationship_detail",
        "relationship",
        "relationship_id",
        RELATIONSHIP_ORG,
        request="relationship__help_request_id",
        shown="sebaya.support.alert_sources.peer_session",
    ),
    # A step up or down: the transition has its own organization (and a relationship, the page).
    "support.transition": Kind(
        "support.Transition",
        ("note",),
        "relationship_detail",
        "relationship",
        "relationship_id",
        request="help_request_id",
        shown="sebaya.support.alert_sources.transition",
    ),
    "support.supportrelationship": Kind(
        "support.SupportRelationship",
        ("feedback_comment",),
        "relationship_detail",
        "relationship",
        request="help_request_id",
        shown="sebaya.support.alert_sources.relationship_feedback",
    ),
    # A screening answer that raised a flag (the safety item): the question and the answer.
    "screening.administration": Kind(
        "screening.Administration",
        (),
        "administration_result",
        "administration",
        shown="sebaya.screening.alert_sources.administration",
    ),
    # A facilitator's concern about a participant of an activity (a group, a workshop).
    "guidance.activity": Kind("guidance.Activity", (), "activity_detail", "activity"),
    # A psychological first aid contact with a refer-at-once flag: the flags and the person's page.
    "psychosocial.contact": Kind(
        "psychosocial.Contact",
        ("words",),
        "affected_person",
        "affected",
        "affected_id",
        shown="sebaya.psychosocial.alert_sources.contact",
    ),
    # Recruitment wrote its reference without the app label.
    "application": Kind(
        "programs.Application", ("motivation", "experience"), "application_detail", "application"
    ),
    "programs.application": Kind(
        "programs.Application", ("motivation", "experience"), "application_detail", "application"
    ),
}


# Functions `(signal) -> str | None` by dotted path, asked in turn to name a signal that is not
# words (an instrument's flagged answer); imported only when an alert page shows one.
SIGNAL_NAMERS = (
    "sebaya.screening.alert_sources.signal_label",
    "sebaya.psychosocial.alert_sources.signal_label",
)


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


# --- What raised an alert, shown on its page ----------------------------------------------------


@dataclass(frozen=True)
class Excerpt:
    """Words someone wrote: the ones that raised the alert (`is_source`) or those around them."""

    text: str
    who: str = ""
    at: datetime.date | datetime.datetime | None = None
    is_source: bool = False

    @property
    def marked(self) -> SafeString:
        return marked(self.text)


@dataclass(frozen=True)
class Shown:
    """What raised an alert, for those who may read it: a title, the answers given (question,
    answer), the words in their context, a note on what is left out, and the record's page."""

    title: str
    answers: list[tuple[str, str]] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    note: str = ""
    url: str = ""
    record: object = None  # the record shown (set by `shown`), for the audit trail


def marked(text: str) -> SafeString:
    """The text, escaped, with the words a risk rule matched in <mark>."""
    # format_html escapes every piece of the person's text; only the <mark> tags are markup.
    pieces, position = [], 0
    for start, end in matched_spans(text):
        pieces.append(format_html("{}<mark>{}</mark>", text[position:start], text[start:end]))
        position = end
    pieces.append(escape(text[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def shown(source_ref: str, *, user, organization) -> Shown | None:
    """What this source was, in context, as the owning app shows it to this user (who may see
    alert sources: see `access.may_see_alert_source`); None when it is gone or unknown."""
    label, _pk = split(source_ref)
    kind = KINDS.get(label)
    if kind is None or not kind.shown:
        return None
    found = record_for_counselors(source_ref, organization)
    if found is None:
        return None
    return replace(import_string(kind.shown)(found, user=user, organization=organization), record=found)
