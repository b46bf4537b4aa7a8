"""The audit trail of an organization: what its people did and what was done to their records.

The page lives with people, not in audit: audit is the foundation every app records into and
knows no app above it, while the page finds events by person and names them.
"""

import datetime
import zoneinfo

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.audit import wording
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.kernel.fields import DATE_RANGE
from sebaya.people.models import Membership, Person, Role


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_("Name or identifier: what they did and what was done to their records."),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}), validators=DATE_RANGE
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_RANGE,
    )
    action = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *AuditAction.choices]
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


def events_for_organization(organization):
    """This organization's events, plus its people's sign-ins (which belong to no organization)."""
    person_ids = Membership.objects.filter(organization=organization).values("person_id")
    return AuditEvent.objects.filter(
        Q(organization=organization)
        | Q(organization__isnull=True, subject_person_id__in=person_ids)
        | Q(organization__isnull=True, actor__person__in=person_ids)
    )


@require_http_methods(["GET"])
@access.org_view("audit.view")
def audit_list(request):
    organization = request.organization
    form = AuditFilterForm(request.GET or None)
    events = events_for_organization(organization)
    tz = _zone(organization.timezone)
    if form.is_valid():
        text = form.cleaned_data["person"].strip()
        if text:
            people = Person.objects.filter(
                Q(full_name__icontains=text) | Q(memberships__external_id__iexact=text),
                memberships__organization=organization,
            ).values("pk")
            events = events.filter(Q(subject_person_id__in=people) | Q(actor__person__in=people))
        if form.cleaned_data["date_from"]:
            events = events.filter(at__gte=_start_of(form.cleaned_data["date_from"], tz))
        if form.cleaned_data["date_to"]:
            events = events.filter(
                at__lt=_start_of(form.cleaned_data["date_to"] + datetime.timedelta(days=1), tz)
            )
        if form.cleaned_data["action"]:
            events = events.filter(action=form.cleaned_data["action"])
    events = events.select_related("actor", "actor__person").order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    subjects = {
        p.pk: p
        for p in Person.objects.filter(pk__in=[e.subject_person_id for e in page if e.subject_person_id])
    }
    role_labels = dict(Role.choices)
    for event in page:
        event.subject = subjects.get(event.subject_person_id)
        words = wording.describe(
            event, name=event.subject.full_name if event.subject else "", role_labels=role_labels
        )
        # A sign-in needs no sentence beyond its event name.
        event.words = "" if words == str(event.get_action_display()) else words
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "people/audit_list.html",
        {"form": form, "page": page, "querystring": querystring.urlencode(), "tz": organization.timezone},
    )


def _zone(name):
    return zoneinfo.ZoneInfo(name)


def _start_of(day, tz):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), tz)
