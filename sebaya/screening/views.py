from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sebaya import access
from sebaya.core.views import crisis_context
from sebaya.screening import services
from sebaya.screening.charts import trend_svg
from sebaya.screening.forms import InstrumentForm
from sebaya.screening.instruments import UnknownInstrument, all_instruments, get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.scoring import ScoringError

# What a person may fill in on their own: the wellbeing check-ins (not the program's forms).
SELF_KINDS = {"screening"}


def _instrument_or_404(code):
    try:
        return get_instrument(code)
    except UnknownInstrument as error:
        raise Http404 from error


@require_http_methods(["GET"])
@access.org_view("screening.self")
def screening_home(request):
    own = Administration.objects.filter(organization=request.organization, person_id=request.user.person_id)
    return render(
        request,
        "screening/home.html",
        {"instruments": [i for i in all_instruments() if i.kind in SELF_KINDS], "own": own[:20]},
    )


def _fill(request, *, instrument, person, administered_by, done):
    form = InstrumentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            administration = services.administration_record(
                organization=request.organization,
                person=person,
                instrument=instrument,
                answers=form.answers(),
                administered_by=administered_by,
                language=translation.get_language(),
                request=request,
            )
        except ScoringError:
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
        else:
            return done(administration)
    return render(
        request,
        "screening/fill.html",
        {
            "instrument": instrument,
            "form": form,
            "person": person,
            "for_someone": administered_by is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@access.org_view("screening.self")
def screening_fill(request, code):
    instrument = _instrument_or_404(code)
    if instrument.kind not in SELF_KINDS:
        raise Http404
    return _fill(
        request,
        instrument=instrument,
        person=request.user.person,
        administered_by=None,
        done=lambda a: redirect("administration_result", org=request.organization.slug, administration=a.pk),
    )


@require_http_methods(["GET"])
@access.org_view()
def administration_result(request, administration):
    administration = access.object_or_404(
        request, "administration.view", Administration.objects.all(), pk=administration
    )
    instrument = get_instrument(administration.instrument_code, administration.instrument_version)
    own = administration.person_id == request.user.person_id
    data = {
        "administration": administration,
        "instrument": instrument,
        "band": instrument.band(administration.band),
        "own": own,
    }
    if administration.flags or administration.severity == "severe":
        data.update(crisis_context([request.organization]))
    return render(request, "screening/result.html", data)


@require_http_methods(["GET"])
@access.org_view()
def person_results(request, person):
    membership = access.membership_or_404(request, "person.view_results", request.organization, person)
    administrations = list(
        Administration.objects.filter(organization=request.organization, person=membership.person).order_by(
            "created_at"
        )
    )
    charts = []
    for code in sorted({a.instrument_code for a in administrations}):
        series = [a for a in administrations if a.instrument_code == code]
        instrument = get_instrument(code, series[-1].instrument_version)
        first, last = series[0], series[-1]
        charts.append(
            {
                "instrument": instrument,
                "series": series,
                "change": last.total - first.total,
                "svg": trend_svg(
                    instrument=instrument,
                    administrations=series,
                    title=_("%(name)s scores over time") % {"name": instrument.short_name},
                ),
            }
        )
    return render(
        request,
        "screening/person_results.html",
        {
            "membership": membership,
            "charts": charts,
            "instruments": [i for i in all_instruments() if i.kind in SELF_KINDS],
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def person_administer(request, person, code):
    """A counselor fills an instrument in with the person."""
    membership = access.membership_or_404(request, "person.administer", request.organization, person)
    instrument = _instrument_or_404(code)

    def done(administration):
        messages.success(request, _("Saved."))
        return redirect("person_results", org=request.organization.slug, person=membership.person_id)

    return _fill(
        request, instrument=instrument, person=membership.person, administered_by=request.user, done=done
    )
