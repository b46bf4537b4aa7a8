"""Helpers shared by the case book's views: the case the user may act on, and the way back to its page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import redirect

from sebaya import access
from sebaya.counseling.models import Case


def _case(request, action, case):
    # The counselors come with the case: every policy on it asks whether the user is one of them,
    # and the pages name them.
    cases = Case.objects.select_related("person", "help_request", "administration")
    cases = cases.prefetch_related(
        Prefetch("counselors", queryset=get_user_model().objects.select_related("person"))
    )
    return access.object_or_404(request, action, cases, pk=case)


def _back(request, case):
    return redirect("case_detail", org=request.organization.slug, case=case.pk)
