"""Recruitment and selection pages: people apply or answer a nomination; counselors nominate and
score; the coordinator keeps the rubric, decides and publishes."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel import confirm
from sebaya.people.models import Membership, Role
from sebaya.programs import forms as program_forms
from sebaya.programs import recruitment
from sebaya.programs.models import Application, Nomination, PanelScore, RecruitmentRound, SelectionCriterion
from sebaya.programs.services import NotAllowedNow

REFUSALS = {
    "closed": gettext_lazy("This round is not taking applications now."),
    "already_applied": gettext_lazy("You have already applied to this round."),
    "already_supporter": gettext_lazy("They are already a peer supporter."),
    "already_nominated": gettext_lazy("They have already been nominated in this round."),
    "not_member": gettext_lazy("They are not an active member of this organization."),
    "answered": gettext_lazy("This nomination was already answered."),
    "decided": gettext_lazy("This application can no longer be withdrawn."),
    "published": gettext_lazy("The decisions of this round were already sent."),
    "withdrawn": gettext_lazy("This application was withdrawn."),
    "own": gettext_lazy("Nobody scores their own application."),
    "undecided": gettext_lazy("Every application needs a decision before the decisions are sent."),
}


def _refusal(refused: NotAllowedNow) -> str:
    return str(REFUSALS.get(refused.code, REFUSALS["closed"]))


# --- The person's side -------------------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("program.join")
def join_home(request):
    person = request.user.person
    today = timezone.localdate()
    rounds = list(
        RecruitmentRound.objects.filter(
            organization=request.organization,
            opens_on__lte=today,
            closes_on__gte=today,
            published_at__isnull=True,
        )
    )
    applications = {
        a.round_id: a
        for a in Application.objects.filter(organization=request.organization, person=person).select_related(
            "round"
        )
    }
    return render(
        request,
        "programs/join.html",
        {
            "rounds": [(r, applications.get(r.pk)) for r in rounds],
            "applications": list(applications.values()),
            "nominations": Nomination.objects.filter(
                organization=request.organization, person=person, status=Nomination.Status.PENDING
            ).select_related("round"),
            "is_supporter": Role.PEER_SUPPORTER in request.org_roles,
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def apply(request, recruitment_round):
    recruitment_round = access.object_or_404(
        request, "program.join", RecruitmentRound.objects, pk=recruitment_round
    )
    person = request.user.person
    if not recruitment_round.is_open_on(timezone.localdate()):
        messages.error(request, _refusal(NotAllowedNow("closed")))
        return redirect("join_home", org=request.organization.slug)
    needs_consent = recruitment.needs_guardian_consent(recruitment_round, person)
    form = program_forms.ApplicationForm(request.POST or None, needs_consent=needs_consent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recruitment.apply(
                recruitment_round=recruitment_round,
                person=person,
                motivation=data["motivation"],
                availability=data["availability"],
                experience=data["experience"],
                guardian_name=data.get("guardian_name", ""),
                guardian_consent=data.get("guardian_consent", False),
                request=request,
            )
        except NotAllowedNow as refused:
            messages.error(request, _refusal(refused))
        else:
            messages.success(
                request,
                _("Thank you for applying. The counselors will get in touch about the next step."),
            )
        return redirect("join_home", org=request.organization.slug)
    return render(
        request,
        "programs/apply.html",
        {"round": recruitment_round, "form": form, "needs_consent": needs_consent},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@access.org_view()
def nomination_answer(request, nomination):
    nomination = access.object_or_404(
        request, "nomination.answer", Nomination.objects.select_related("round"), pk=nomination
    )
    accept = request.POST.get("answer") == "accept"
    try:
        recruitment.nomination_answer(nomination=nomination, accept=accept, request=request)
    except NotAllowedNow as refused:
        messages.error(request, _refusal(refused))
        return redirect("join_home", org=request.organization.slug)
    if accept:
        return redirect("apply", org=request.organization.slug, recruitment_round=nomination.round_id)
    messages.info(request, _("Thank you for letting us know. You are welcome to apply another time."))
    return redirect("join_home", org=request.organization.slug)


@require_POST
@access.org_view()
def application_withdraw(request, application):
    application = access.object_or_404(
        request, "application.withdraw", Application.objects.select_related("round"), pk=application
    )
    try:
        recruitment.withdraw(application=application, request=request)
        messages.info(request, _("Your application was withdrawn."))
    except NotAllowedNow as refused:
        messages.error(request, _refusal(refused))
    return redirect("join_home", org=request.organization.slug)


# --- Counselors and the coordinator ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@access.org_view("program.recruitment")
def recruitment_list(request):
    may_open = access.can(request.user, "program.recruit", request.organization)
    form = program_forms.RoundForm(request.POST or None) if may_open else None
    if request.method == "POST":
        access.require(request.user, "program.recruit", request.organization)
        if form.is_valid():
            recruitment_round = recruitment.round_create(
                organization=request.organization, by=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, _("The recruitment round was opened."))
            return redirect(
                "recruitment_round", org=request.organization.slug, recruitment_round=recruitment_round.pk
            )
    rounds = RecruitmentRound.objects.filter(organization=request.organization)
    return render(
        request,
        "programs/recruitment.html",
        # may_open also decides the rubric link: the rubric page asks the same action.
        {"rounds": [(r, recruitment.funnel(r)) for r in rounds], "form": form, "may_open": may_open},
        status=400 if request.method == "POST" else 200,
    )


def _nominees(organization):
    """Active members who are not peer supporters yet."""
    return (
        Membership.objects.filter(organization=organization, is_active=True)
        .exclude(roles__role=Role.PEER_SUPPORTER)
        .select_related("person")
        .order_by("class_name", "person__full_name")
    )


@require_http_methods(["GET"])
@access.org_view()
def recruitment_round(request, recruitment_round):
    recruitment_round = access.object_or_404(
        request, "program.recruitment", RecruitmentRound.objects, pk=recruitment_round
    )
    today = timezone.localdate()
    may_nominate = access.can(request.user, "program.nominate", request.organization)
    rubric = recruitment.criteria(request.organization)
    return render(
        request,
        "programs/recruitment_round.html",
        {
            "round": recruitment_round,
            "is_open": recruitment_round.is_open_on(today),
            "ranking": [
                (row, [row.means.get(c.pk) for c in rubric]) for row in recruitment.ranking(recruitment_round)
            ],
            "rubric": rubric,
            "funnel": recruitment.funnel(recruitment_round),
            "nominations": recruitment_round.nominations.select_related("person", "nominated_by__person"),
            "nomination_form": program_forms.NominationForm(memberships=_nominees(request.organization))
            if may_nominate
            else None,
            "may_publish": access.can(request.user, "program.recruit", request.organization),
            "undecided": recruitment_round.applications.filter(status=Application.Status.SUBMITTED).count(),
        },
    )


@require_POST
@access.org_view()
def nominate(request, recruitment_round):
    recruitment_round = access.object_or_404(
        request, "program.nominate", RecruitmentRound.objects, pk=recruitment_round
    )
    form = program_forms.NominationForm(request.POST, memberships=_nominees(request.organization))
    if form.is_valid():
        try:
            recruitment.nominate(
                recruitment_round=recruitment_round,
                person=form.cleaned_data["person"].person,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
            messages.success(request, _("Nominated. They will be asked whether they would like to apply."))
        except NotAllowedNow as refused:
            messages.error(request, _refusal(refused))
    elif "person" in form.errors and form.data.get("person"):  # a name typed that is not on the list
        messages.error(request, form.errors["person"][0])
    else:
        messages.error(request, _("Choose someone and write why you nominate them."))
    return redirect(
        "recruitment_round", org=request.organization.slug, recruitment_round=recruitment_round.pk
    )


@require_POST
@access.org_view()
def publish(request, recruitment_round):
    recruitment_round = access.object_or_404(
        request, "program.recruit", RecruitmentRound.objects, pk=recruitment_round
    )
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Publish the decisions?"),
            question=_(
                "Every applicant is sent the decision by email, and the selected students become "
                "peer supporters in training. Decisions cannot be changed after this."
            ),
            action=_("Yes, publish and send"),
            back=reverse(
                "recruitment_round",
                kwargs={"org": request.organization.slug, "recruitment_round": recruitment_round.pk},
            ),
        )
    try:
        told = recruitment.publish(recruitment_round=recruitment_round, by=request.user, request=request)
        messages.success(request, _("The decisions were sent to %(n)s applicants.") % {"n": told})
    except NotAllowedNow as refused:
        messages.error(request, _refusal(refused))
    return redirect(
        "recruitment_round", org=request.organization.slug, recruitment_round=recruitment_round.pk
    )


def _application_or_404(request, application):
    return access.object_or_404(
        request, "program.recruitment", Application.objects.select_related("round", "person"), pk=application
    )


def _application_page(request, application, *, score_form=None, decision_form=None, status=200):
    """The application's page, with a refused form shown as it was sent (status 400)."""
    rubric = recruitment.criteria(request.organization)
    may_score = access.can(request.user, "program.score", request.organization)
    may_decide = access.can(request.user, "program.recruit", request.organization)
    if score_form is None:
        mine = {
            s.criterion_id: s.score
            for s in PanelScore.objects.filter(application=application, scorer=request.user)
        }
        score_form = program_forms.ScoreForm(
            initial={f"c_{key}": value for key, value in mine.items()}, rubric=rubric
        )
    if decision_form is None:
        decision_form = program_forms.DecisionForm(
            initial={
                "status": application.status if application.status in Application.DECISIONS else None,
                "reason": application.decision_reason,
            }
        )
    ranked = next(
        (row for row in recruitment.ranking(application.round) if row.application.pk == application.pk), None
    )
    scores = PanelScore.objects.filter(application=application).select_related("scorer__person", "criterion")
    return render(
        request,
        "programs/application.html",
        {
            "application": application,
            "ranked": ranked,
            "rubric": rubric,
            "scores": scores,
            "score_form": score_form if may_score else None,
            "decision_form": decision_form if may_decide else None,
            "published": application.round.published_at is not None,
            "is_minor": application.person.is_minor,
        },
        status=status,
    )


@require_http_methods(["GET"])
@access.org_view()
def application_detail(request, application):
    return _application_page(request, _application_or_404(request, application))


@require_POST
@access.org_view()
def application_score(request, application):
    # The application is looked up first: another organization's is a 404 whoever asks.
    application = _application_or_404(request, application)
    access.require(request.user, "program.score", request.organization)
    score_form = program_forms.ScoreForm(request.POST, rubric=recruitment.criteria(request.organization))
    if score_form.is_valid():
        try:
            recruitment.scores_save(
                application=application, by=request.user, scores=score_form.scores(), request=request
            )
            messages.success(request, _("Your scores were saved."))
            return redirect("application_detail", org=request.organization.slug, application=application.pk)
        except NotAllowedNow as refused:
            messages.error(request, _refusal(refused))
    return _application_page(request, application, score_form=score_form, status=400)


@require_POST
@access.org_view()
def application_decide(request, application):
    application = _application_or_404(request, application)
    access.require(request.user, "program.recruit", request.organization)
    decision_form = program_forms.DecisionForm(request.POST)
    if decision_form.is_valid():
        try:
            recruitment.decide(
                application=application,
                status=decision_form.cleaned_data["status"],
                reason=decision_form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("The decision was saved. It is sent when you publish the round."))
            return redirect(
                "recruitment_round", org=request.organization.slug, recruitment_round=application.round_id
            )
        except NotAllowedNow as refused:
            messages.error(request, _refusal(refused))
    return _application_page(request, application, decision_form=decision_form, status=400)


@require_http_methods(["GET", "POST"])
@access.org_view("program.recruit")
def rubric(request):
    criteria = list(SelectionCriterion.objects.filter(organization=request.organization))
    if not criteria:
        recruitment.criteria(request.organization)
        criteria = list(SelectionCriterion.objects.filter(organization=request.organization))
    forms_by_id = {
        c.pk: program_forms.CriterionForm(
            request.POST or None,
            prefix=str(c.pk),
            initial={
                "name_id": c.name_id,
                "name_en": c.name_en,
                "weight": c.weight,
                "is_active": c.is_active,
            },
        )
        for c in criteria
    }
    new_form = program_forms.CriterionForm(request.POST or None, prefix="new", use_required_attribute=False)
    if request.method == "POST":
        adding = any(request.POST.get(f"new-{name}") for name in ("name_id", "name_en"))
        valid = all(form.is_valid() for form in forms_by_id.values()) and (not adding or new_form.is_valid())
        active = [form for form in forms_by_id.values() if form.is_valid() and form.cleaned_data["is_active"]]
        if valid and not active and not adding:
            messages.error(request, _("Keep at least one criterion in use."))
        elif valid:
            with transaction.atomic():
                for criterion in criteria:
                    recruitment.criterion_save(
                        organization=request.organization,
                        by=request.user,
                        code=criterion.code,
                        request=request,
                        **forms_by_id[criterion.pk].cleaned_data,
                    )
                if adding:
                    code = slugify(new_form.cleaned_data["name_en"])[:40] or "criterion"
                    if SelectionCriterion.objects.filter(
                        organization=request.organization, code=code
                    ).exists():
                        code = f"{code[:30]}-{len(criteria) + 1}"
                    recruitment.criterion_save(
                        organization=request.organization,
                        by=request.user,
                        code=code,
                        request=request,
                        **new_form.cleaned_data,
                    )
            messages.success(request, _("Saved."))
            return redirect("rubric", org=request.organization.slug)
    return render(
        request,
        "programs/rubric.html",
        {"rows": [(c, forms_by_id[c.pk]) for c in criteria], "new_form": new_form},
        status=400 if request.method == "POST" else 200,
    )
