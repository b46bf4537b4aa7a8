"""Measurement and follow-ups within a case: the charts of the instruments given in the case, giving
an instrument (a measure at intake, review or closing), and the follow-ups (adding one, marking it
done, the counselor's list of their own open follow-ups)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.counseling import forms as case_forms
from sebaya.counseling import services
from sebaya.counseling.models import FollowUp
from sebaya.counseling.views._shared import _back, _case
from sebaya.screening.charts import trend_svg
from sebaya.screening.forms import InstrumentForm
from sebaya.screening.instruments import UnknownInstrument, get_instrument
from sebaya.screening.scoring import ScoringError


def case_charts(case):
    """Each instrument given within the case: scores over time and the change from first to last."""
    measures = list(case.measures.select_related("administration"))
    charts = []
    for code in sorted({m.administration.instrument_code for m in measures}):
        series = [m.administration for m in measures if m.administration.instrument_code == code]
        instrument = get_instrument(code, series[-1].instrument_version)
        charts.append(
            {
                "instrument": instrument,
                "series": series,
                "change": series[-1].total - series[0].total,
                "svg": trend_svg(
                    instrument=instrument,
                    administrations=series,
                    title=_("%(name)s scores over time") % {"name": instrument.short_name},
                ),
            }
        )
    return charts


@require_http_methods(["GET", "POST"])
@access.org_view()
def case_measure(request, case, code):
    case = _case(request, "case.change", case)
    try:
        instrument = get_instrument(code)
    except UnknownInstrument as error:
        raise Http404 from error
    if instrument.is_needs:  # a needs questionnaire is no case measure: it has no score to follow
        raise Http404
    form = InstrumentForm(request.POST or None, instrument=instrument)
    moment_form = case_forms.MomentForm(request.POST or None, initial={"moment": "review"})
    if request.method == "POST" and form.is_valid() and moment_form.is_valid():
        try:
            services.case_measure_record(
                case=case,
                instrument=instrument,
                answers=form.answers(),
                moment=moment_form.cleaned_data["moment"],
                by=request.user,
                language=translation.get_language(),
                request=request,
            )
        except ScoringError:
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
        except services.NotAllowedNow:
            messages.info(request, _("This case is closed: reopen it first."))
            return _back(request, case)
        else:
            messages.success(request, _("Saved."))
            return _back(request, case)
    return render(
        request,
        "counseling/measure.html",
        {"form": form, "moment_form": moment_form, "instrument": instrument, "case": case},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def follow_up_add(request, case):
    case = _case(request, "case.change", case)
    form = case_forms.FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write what to do and by when."))
        return _back(request, case)
    try:
        services.follow_up_add(case=case, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Follow-up added."))
    except services.NotAllowedNow:
        messages.info(request, _("This case is closed: reopen it first."))
    return _back(request, case)


@require_POST
@access.org_view()
def follow_up_done(request, follow_up):
    follow_up = access.case_record_or_404(request, "case.change", FollowUp.objects.all(), pk=follow_up)
    if services.follow_up_done(follow_up=follow_up, by=request.user, request=request):
        messages.success(request, _("Done."))
    else:
        messages.info(request, _("This was already done."))
    if request.POST.get("next") == "list":
        return redirect("follow_up_list", org=request.organization.slug)
    return _back(request, follow_up.case)


@require_http_methods(["GET"])
@access.org_view("cases.list")
def follow_up_list(request):
    mine = (
        FollowUp.objects.pending()
        .filter(case__organization=request.organization, assigned_to=request.user)
        .select_related("case__person")
        .order_by("due_on")
    )
    return render(
        request, "counseling/follow_up_list.html", {"follow_ups": mine, "today": timezone.localdate()}
    )
