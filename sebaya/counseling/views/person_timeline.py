"""The person's timeline, a page at a time, beyond the newest entries the case page shows: "Show
earlier" on the case page asks for the next page with htmx and adds it to the list; without
JavaScript the same link opens the page of its own, which links on to the page before it."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling.timeline import Page, timeline_page
from sebaya.counseling.views._shared import _case


@require_http_methods(["GET"])
@access.org_view()
def case_timeline(request, case):
    # The same rule as the case page's newest entries (`case.timeline`).
    case = _case(request, "case.timeline", case)
    form = case_forms.TimelineForm(request.GET)
    valid = form.is_valid()
    before = form.cleaned_data["before"] if valid else None
    in_place = bool(request.headers.get("HX-Request"))
    if in_place and not valid:
        # Nothing to add to the list, only the message where the link was: htmx swaps only a 2xx.
        page, status = Page([]), 200
    else:
        page = timeline_page(organization=request.organization, person=case.person, before=before)
        status = 200 if valid else 400
    response = render(
        request,
        "counseling/_timeline_earlier.html" if in_place else "counseling/case_timeline.html",
        {"case": case, "timeline": page, "form": form, "older_page": before is not None},
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
