"""The review list of likely duplicates among the organization's registrations for an incident:
merge one into the other, or say they are two people."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.psychosocial.models import AffectedPerson, Exposure, Vulnerability
from sebaya.psychosocial.services import merging as services
from sebaya.psychosocial.views._shared import incident_or_404


class PairForm(forms.Form):
    kept = forms.UUIDField()
    merged = forms.UUIDField()


def _registration(request, incident, pk) -> AffectedPerson:
    return access.object_or_404(
        request,
        "affected.merge",
        AffectedPerson.objects.select_related("person", "household"),
        incident=incident,
        pk=pk,
    )


def _pair(request, incident):
    """The two registrations a form names, each of this organization and incident (404 otherwise);
    None when the form names none."""
    form = PairForm(request.POST)
    if not form.is_valid():
        return None
    return (
        _registration(request, incident, form.cleaned_data["kept"]),
        _registration(request, incident, form.cleaned_data["merged"]),
    )


def _choose_again(request, incident):
    messages.error(request, _("Choose the two registrations from the list."))
    return redirect("duplicate_review", org=request.organization.slug, incident=incident.pk)


def _labels(choices, codes) -> list[str]:
    return [label for code, label in choices if code in codes]


@require_http_methods(["GET"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def duplicate_review(request, incident):
    incident = incident_or_404(request, "affected.review", incident)
    pairs = services.likely_pairs(incident=incident, organization=request.organization)
    shown = [
        (
            pair,
            [
                (
                    row,
                    _labels(Vulnerability.choices, row.vulnerabilities),
                    _labels(Exposure.choices, row.exposures),
                )
                for row in (pair.first, pair.second)
            ],
        )
        for pair in pairs
    ]
    return render(request, "psychosocial/duplicates/review.html", {"incident": incident, "pairs": shown})


@require_http_methods(["POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def duplicate_merge(request, incident):
    incident = incident_or_404(request, "affected.review", incident)
    pair = _pair(request, incident)
    if pair is None:
        return _choose_again(request, incident)
    kept, merged = pair
    try:
        services.affected_merge(kept=kept, merged=merged, by=request.user, request=request)
    except services.MergeError as error:
        messages.error(request, str(error))
        return redirect("duplicate_review", org=request.organization.slug, incident=incident.pk)
    messages.success(
        request,
        _("Merged: everything recorded for either registration is now on this page."),
    )
    return redirect("affected_detail", org=request.organization.slug, incident=incident.pk, affected=kept.pk)


@require_http_methods(["POST"])
@access.org_view()  # the incident is loaded first: another response's answers 404
def duplicate_not_same(request, incident):
    incident = incident_or_404(request, "affected.review", incident)
    pair = _pair(request, incident)
    if pair is None:
        return _choose_again(request, incident)
    first, second = pair
    try:
        services.affected_not_same(first=first, second=second, by=request.user, request=request)
    except services.MergeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Noted: these two are different people. They will not be shown as a pair again.")
        )
    return redirect("duplicate_review", org=request.organization.slug, incident=incident.pk)
