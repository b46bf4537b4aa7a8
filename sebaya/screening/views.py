import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.organizations.crisis import crisis_context
from sebaya.people.models import Membership
from sebaya.safety.sources import page_of
from sebaya.safety.text_flags import open_flags
from sebaya.screening import services
from sebaya.screening.aggregates import round_summary
from sebaya.screening.charts import trend_svg
from sebaya.screening.forms import InstrumentForm, OfferForm, OutreachForm, RoundForm
from sebaya.screening.instruments import UnknownInstrument, all_instruments, get_instrument
from sebaya.screening.instruments.stored import organization_instruments
from sebaya.screening.models import Administration, Offer, OutreachReason, ScreeningInvitation, ScreeningRound
from sebaya.screening.scoring import ScoringError

# What a person may fill in on their own: the wellbeing check-ins (not the program's forms).
SELF_KINDS = {"screening"}
# What a screening round may give: the check-ins, and needs questionnaires (a needs assessment).
ROUND_KINDS = {"screening", "needs"}


def round_instruments(organization):
    """The instruments a round of this organization may give: the shipped check-ins and needs
    questionnaires, then the organization's own versions of needs questionnaires."""
    shipped = [i for i in all_instruments() if i.kind in ROUND_KINDS]
    return shipped + organization_instruments(organization)


def _instrument_or_404(code):
    try:
        return get_instrument(code)
    except UnknownInstrument as error:
        raise Http404 from error


@require_http_methods(["GET"])
@access.org_view("screening.self")
def screening_home(request):
    own = Administration.objects.filter(organization=request.organization, person_id=request.user.person_id)
    own = list(own[:20])
    for administration in own:  # the student sees the check-in's plain name, never "PHQ9"
        try:
            instrument = get_instrument(administration.instrument_code, administration.instrument_version)
        except UnknownInstrument:
            administration.friendly_name = administration.instrument_code
        else:
            administration.friendly_name = instrument.friendly_name
    return render(
        request,
        "screening/home.html",
        {
            "instruments": [i for i in all_instruments() if i.kind in SELF_KINDS],
            "own": own,
            "invitations": open_invitations(request.organization, request.user.person_id),
        },
    )


def open_invitations(organization, person_id):
    """The person's invitations to rounds that are open now and that they have not answered."""
    now = timezone.now()
    invitations = ScreeningInvitation.objects.filter(
        organization=organization,
        person_id=person_id,
        completed_at__isnull=True,
        screening_round__cancelled_at__isnull=True,
        screening_round__opens_at__lte=now,
        screening_round__closes_at__gt=now,
    ).select_related("screening_round")
    # The one that opened first comes first: of a campaign's survey before and after, both open for
    # a while, the one before must be answered first (each card also shows its round's title).
    invitations = invitations.order_by("screening_round__opens_at", "screening_round__closes_at")
    found = [
        (invitation, services.round_instrument(invitation.screening_round)) for invitation in invitations
    ]
    # Two open at once of one questionnaire (a campaign's survey before and after) are told apart
    # by their rounds' titles; otherwise the title, written for staff, is not shown.
    codes = [instrument.code for _invitation, instrument in found]
    for invitation, instrument in found:
        invitation.show_title = codes.count(instrument.code) > 1
    return found


def _fill(request, *, instrument, person, administered_by, done, invitation=None):
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
                invitation=invitation,
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
            "invitation": invitation,
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
    if instrument.is_needs:
        return _needs_result(request, administration, instrument, own)
    data = {
        "administration": administration,
        "instrument": instrument,
        "band": instrument.band(administration.band),
        "own": own,
        "offer_form": OfferForm() if own and administration.offer == Offer.OFFERED else None,
    }
    if administration.flags or administration.severity == "severe":
        data.update(crisis_context([request.organization]))
    return render(request, "screening/result.html", data)


def _needs_result(request, administration, instrument, own):
    """A needs questionnaire's answers: the statements marked, by bidang (no score, no band)."""
    answers = administration.answers
    areas = []
    for subscale in instrument.subscales:
        marked = [
            instrument.item(item_id)
            for item_id in subscale.items
            if instrument.marked(instrument.item(item_id), answers[instrument.item(item_id).number - 1])
        ]
        areas.append({"name": subscale.name, "marked": marked})
    risky = {instrument.risk_item(flag).item for flag in administration.flags}
    crisis = bool(administration.flags) and instrument.alert_level(administration.flags) == "crisis"
    data = {
        "administration": administration,
        "instrument": instrument,
        "own": own,
        "areas": areas,
        "risky": risky,
        "crisis": crisis,
    }
    if crisis:
        data.update(crisis_context([request.organization]))
    return render(request, "screening/needs_result.html", data)


@require_http_methods(["GET"])
@access.org_view()
def person_results(request, person):
    membership = access.membership_or_404(request, "person.view_results", request.organization, person)
    administrations = list(
        Administration.objects.filter(organization=request.organization, person=membership.person).order_by(
            "created_at"
        )
    )
    charts, needs = [], []
    for code in sorted({a.instrument_code for a in administrations}):
        series = [a for a in administrations if a.instrument_code == code]
        instrument = get_instrument(code, series[-1].instrument_version)
        if instrument.is_needs:  # statements marked, not a score to chart: listed on their own
            needs += [(a, instrument) for a in series]
            continue
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
            "needs": needs,
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


# --- Filling in an invitation, answering an offer ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.org_view()
def invitation_fill(request, invitation):
    invitation = access.object_or_404(
        request,
        "invitation.fill",
        ScreeningInvitation.objects.select_related("screening_round"),
        pk=invitation,
    )
    screening_round = invitation.screening_round
    org = request.organization.slug
    if invitation.administration_id:
        messages.info(request, _("You already sent your answers to this check-in. Thank you."))
        return redirect("administration_result", org=org, administration=invitation.administration_id)
    state = screening_round.state
    if state != ScreeningRound.State.OPEN:
        return render(
            request,
            "screening/round_not_open.html",
            {"screening_round": screening_round, "state": state},
            status=409 if request.method == "POST" else 200,
        )

    def done(administration):
        return redirect("administration_result", org=org, administration=administration.pk)

    try:
        return _fill(
            request,
            instrument=services.round_instrument(screening_round),
            person=request.user.person,
            administered_by=None,
            done=done,
            invitation=invitation,
        )
    except services.AlreadyDone:
        invitation.refresh_from_db()
        messages.info(request, _("You already sent your answers to this check-in. Thank you."))
        return redirect("administration_result", org=org, administration=invitation.administration_id)
    except services.RoundNotOpen as closed:
        return render(
            request,
            "screening/round_not_open.html",
            {"screening_round": screening_round, "state": closed.state},
            status=409,
        )


@require_POST
@access.org_view()
def offer_answer(request, administration):
    administration = access.object_or_404(
        request, "administration.answer_offer", Administration.objects.all(), pk=administration
    )
    form = OfferForm(request.POST)
    org = request.organization.slug
    if not form.is_valid():
        messages.error(request, _("Please choose one of the answers."))
        return redirect("administration_result", org=org, administration=administration.pk)
    try:
        services.offer_answer(
            administration=administration, answer=form.cleaned_data["answer"], request=request
        )
    except services.AlreadyDone:
        messages.info(request, _("We already have your answer. Thank you."))
    else:
        if form.cleaned_data["answer"] == Offer.DECLINED:
            messages.success(
                request, _("That is fine. The offer stays open: you can ask your counselor any time.")
            )
        else:
            messages.success(
                request, _("Thank you. A counselor will arrange it and get in touch with you soon.")
            )
    return redirect("administration_result", org=org, administration=administration.pk)


# --- Screening rounds ------------------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("rounds.view")
def round_list(request):
    rounds = list(ScreeningRound.objects.filter(organization=request.organization))
    counts = {
        row["screening_round"]: row
        for row in ScreeningInvitation.objects.filter(screening_round__in=rounds)
        .values("screening_round")
        .annotate(invited=Count("pk"), completed=Count("completed_at"))
    }
    for screening_round in rounds:
        row = counts.get(screening_round.pk, {})
        screening_round.invited = row.get("invited", 0)
        screening_round.completed = row.get("completed", 0)
        screening_round.instrument = services.round_instrument(screening_round)
    return render(
        request,
        "screening/round_list.html",
        {"rounds": rounds, "may_schedule": access.can(request.user, "rounds.schedule", request.organization)},
    )


@require_http_methods(["GET", "POST"])
@access.org_view("rounds.schedule")
def round_new(request):
    organization = request.organization
    members = Membership.objects.filter(organization=organization, is_active=True)
    today = timezone.localdate()  # org_view runs the view in the organization's time zone
    form = RoundForm(
        request.POST or None,
        organization=organization,
        instruments=round_instruments(organization),
        grades=sorted(set(members.exclude(grade="").values_list("grade", flat=True))),
        classes=sorted(set(members.exclude(class_name="").values_list("class_name", flat=True))),
        today=today,
        initial={"opens_on": today, "closes_on": today + datetime.timedelta(days=7)},
    )
    if request.method == "POST" and form.is_valid():
        screening_round = services.round_schedule(
            organization=organization,
            title=form.cleaned_data["title"],
            instrument=form.chosen_instrument,
            population=form.cleaned_data["population"],
            population_value=form.population_value,
            opens_on=form.cleaned_data["opens_on"],
            closes_on=form.cleaned_data["closes_on"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("The screening round is scheduled."))
        return redirect("round_detail", org=organization.slug, screening_round=screening_round.pk)
    return render(
        request, "screening/round_new.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET"])
@access.org_view()
def round_detail(request, screening_round):
    screening_round = access.object_or_404(
        request, "round.view", ScreeningRound.objects.all(), pk=screening_round
    )
    instrument = services.round_instrument(screening_round)
    return render(
        request,
        "screening/round_detail.html",
        {
            "screening_round": screening_round,
            "instrument": instrument,
            "summary": round_summary(screening_round, instrument),
            "may_cancel": access.can(request.user, "round.cancel", screening_round)
            and screening_round.state in {ScreeningRound.State.SCHEDULED, ScreeningRound.State.OPEN},
            "may_reach_out": access.can(request.user, "outreach.queue", request.organization),
            "may_see_needs": access.can(request.user, "guidance.needs", request.organization),
        },
    )


@require_POST
@access.org_view()
def round_cancel(request, screening_round):
    screening_round = access.object_or_404(
        request, "round.cancel", ScreeningRound.objects.all(), pk=screening_round
    )
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Cancel this screening round?"),
            question=_(
                "Invitations not yet answered are closed and no more reminders are sent. Answers "
                "already given are kept. A cancelled round cannot be opened again."
            ),
            action=_("Yes, cancel the round"),
            back=reverse(
                "round_detail",
                kwargs={"org": request.organization.slug, "screening_round": screening_round.pk},
            ),
        )
    if services.round_cancel(screening_round=screening_round, by=request.user, request=request):
        messages.success(request, _("The round is cancelled. Answers already given are kept."))
    else:
        messages.info(request, _("This round has already closed or been cancelled."))
    return redirect("round_detail", org=request.organization.slug, screening_round=screening_round.pk)


# --- The counselors' outreach list -------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("outreach.queue")
def outreach_queue(request):
    page = Paginator(services.outreach_queue(request.organization), 50).get_page(request.GET.get("page"))
    # Each row's reason label from one dict a page: get_outreach_reason_display() rebuilds the
    # field's choices on every call, a tenth of the list's time over 50 rows (issue 18).
    reasons = dict(OutreachReason.choices)
    for administration in page:
        administration.instrument = get_instrument(
            administration.instrument_code, administration.instrument_version
        )
        administration.reason_label = reasons[administration.outreach_reason]
        administration.is_risk = administration.outreach_reason == OutreachReason.RISK
    flags = list(open_flags(request.organization))
    for flag in flags:
        flag.page = page_of(flag.source_ref, request.organization)
    return render(request, "screening/outreach_queue.html", {"page": page, "flags": flags})


@require_POST
@access.org_view()
def outreach_done(request, administration):
    administration = access.object_or_404(
        request, "administration.outreach", Administration.objects.all(), pk=administration
    )
    form = OutreachForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (at most 2000 characters)."))
        return redirect("outreach_queue", org=request.organization.slug)
    try:
        services.outreach_record(
            administration=administration, by=request.user, note=form.cleaned_data["note"], request=request
        )
    except services.AlreadyDone:
        who = administration.reached_out_by
        name = who.person.display_name if who and who.person_id else _("A colleague")
        messages.info(request, _("%(name)s already reached out.") % {"name": name})
    else:
        messages.success(request, _("Recorded: outreach done."))
    return redirect("outreach_queue", org=request.organization.slug)
