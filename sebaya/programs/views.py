"""The training program: trainees learn, take quizzes and get certified; coordinators keep the
curriculum and certify; counselors assess the supervised practice."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.kernel.pdf import render_pdf
from sebaya.kernel.versioning import EditConflict, edit_status, keep_edit
from sebaya.people.models import Membership, Role
from sebaya.programs import forms as program_forms
from sebaya.programs import services
from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.markdown import render as markdown
from sebaya.programs.models import Certification, LiveAttendance, Module, Question, QuizAttempt


def _module(request, code):
    module = Module.objects.filter(organization=request.organization, code=code, is_active=True).first()
    if module is None:
        raise Http404
    return module


@require_http_methods(["GET"])
@access.org_view("training.self")
def training_home(request):
    status = services.trainee_status(organization=request.organization, person=request.user.person)
    return render(request, "programs/training_home.html", {"status": status})


@require_http_methods(["GET", "POST"])
@access.org_view("training.self")
def module_detail(request, code):
    module = _module(request, code)
    if request.method == "POST":
        services.module_mark_read(person=request.user.person, module=module)
        return redirect("module_detail", org=request.organization.slug, code=module.code)
    progress = module.progress.filter(person=request.user.person).first()
    return render(
        request,
        "programs/module.html",
        {
            "module": module,
            "content": markdown(module.content),
            "progress": progress,
            "live_sessions": module.live_sessions.filter(starts_at__gte=timezone.now()),
        },
    )


@require_POST
@access.org_view("training.self")
def quiz_start(request, code):
    module = _module(request, code)
    try:
        attempt = services.quiz_start(person=request.user.person, module=module)
    except services.NotAllowedNow:
        messages.error(request, _("This module's quiz is not ready yet. Please tell your coordinator."))
        return redirect("module_detail", org=request.organization.slug, code=module.code)
    return redirect("quiz_attempt", org=request.organization.slug, attempt=attempt.pk)


@require_http_methods(["GET", "POST"])
@access.org_view()
def quiz_attempt(request, attempt):
    attempt = access.object_or_404(
        request, "quiz.take", QuizAttempt.objects.select_related("module"), pk=attempt
    )
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=[pk for pk, _order in attempt.questions])}
    questions = [(by_id[pk], order) for pk, order in attempt.questions]
    if attempt.submitted_at:
        review = [(q.text, q.option_text(q.correct_index), q.explanation) for q, _order in questions]
        return render(request, "programs/quiz_result.html", {"attempt": attempt, "review": review})
    form = program_forms.QuizForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.quiz_submit(attempt=attempt, answers=form.answers(), request=request)
        except services.NotAllowedNow:
            pass  # submitted in another tab: show that result
        except ValueError:
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
            return render(request, "programs/quiz.html", {"attempt": attempt, "form": form}, status=400)
        return redirect("quiz_attempt", org=request.organization.slug, attempt=attempt.pk)
    return render(
        request,
        "programs/quiz.html",
        {"attempt": attempt, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@access.org_view()
def certificate_pdf(request, certification):
    certification = access.object_or_404(
        request,
        "certificate.view",
        Certification.objects.select_related("person", "issued_by__person"),
        pk=certification,
    )
    return render_pdf(
        request,
        "programs/certificate.html",
        {
            "certification": certification,
            "organization": request.organization,
            "modules": Module.objects.filter(organization=request.organization, is_active=True),
        },
        f"sertifikat-{certification.number.replace('/', '-')}.pdf",
    )


# --- Coordinators and counselors -----------------------------------------------------------------------


@require_http_methods(["GET"])
@access.org_view("program.curriculum")
def curriculum(request):
    # The template counts each module's questions (`m.questions.count`): from one query of ids.
    modules = Module.objects.filter(organization=request.organization).prefetch_related(
        Prefetch("questions", queryset=Question.objects.only("id", "module_id"))
    )
    return render(request, "programs/curriculum.html", {"modules": modules})


@require_POST
@access.org_view("program.curriculum")
def curriculum_install(request):
    added = services.curriculum_install(organization=request.organization, by=request.user, request=request)
    messages.success(request, _("%(n)s modules added from the default curriculum.") % {"n": added})
    return redirect("curriculum", org=request.organization.slug)


@require_http_methods(["GET", "POST"])
@access.org_view()
def module_edit(request, module):
    module = Module.objects.filter(organization=request.organization, pk=module).first()
    if module is None:
        raise Http404
    access.require(request.user, "program.curriculum", request.organization)
    form = program_forms.ModuleForm(
        request.POST or None, instance=module, initial={"version": module.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.module_update(module=module, version=version, by=request.user, request=request, **data)
        except EditConflict as clash:
            conflict = keep_edit(form, clash)
        else:
            messages.success(request, _("Saved."))
            return redirect("curriculum", org=request.organization.slug)
    return render(
        request,
        "programs/module_edit.html",
        {"form": form, "module": module, "preview": markdown(module.content)},
        status=edit_status(request, conflict),
    )


@require_http_methods(["GET"])
@access.org_view("program.trainees")
def trainees(request):
    memberships = (
        Membership.objects.filter(organization=request.organization, roles__role=Role.PEER_SUPPORTER)
        .select_related("person")
        .order_by("person__full_name")
        .distinct()
    )
    rows = [
        (membership, services.trainee_status(organization=request.organization, person=membership.person))
        for membership in memberships
    ]
    return render(request, "programs/trainees.html", {"rows": rows})


def _trainee(request, person, action):
    """A peer supporter of this organization: another organization's person is a 404 before the
    role check (`action`, an organization action) can answer 403."""
    if not Membership.objects.filter(organization=request.organization, person_id=person).exists():
        raise Http404
    access.require(request.user, action, request.organization)
    membership = access.membership_or_404(request, "person.view", request.organization, person)
    if not membership.roles.filter(role=Role.PEER_SUPPORTER).exists():
        raise Http404
    return membership


@require_http_methods(["GET"])
@access.org_view()
def trainee_detail(request, person):
    membership = _trainee(request, person, "program.trainees")
    status = services.trainee_status(organization=request.organization, person=membership.person)
    profile = getattr(membership, "supporter_profile", None)
    return render(
        request,
        "programs/trainee.html",
        {
            "membership": membership,
            "status": status,
            "practice_form": program_forms.PracticeForm(),
            "may_assess": access.can(request.user, "program.practice", request.organization),
            "may_certify": access.can(request.user, "program.certify", request.organization),
            "may_see_evaluation": profile is not None
            and access.can(request.user, "supporter.evaluation", profile),
            "certifications": Certification.objects.filter(
                organization=request.organization, person=membership.person
            ),
            "checklist": practice_checklist(),
            "live_attended": LiveAttendance.objects.filter(person=membership.person, present=True)
            .select_related("session__module")
            .order_by("session__starts_at"),
        },
    )


@require_POST
@access.org_view()
def trainee_practice(request, person):
    membership = _trainee(request, person, "program.practice")
    form = program_forms.PracticeForm(request.POST)
    if form.is_valid():
        assessment = services.practice_assess(
            organization=request.organization,
            person=membership.person,
            by=request.user,
            checklist=form.checklist(),
            note=form.cleaned_data["note"],
            request=request,
        )
        if assessment.passed:
            messages.success(request, _("Practice passed."))
        else:
            messages.info(
                request, _("Saved. Not every item was met yet: they can practise and be assessed again.")
            )
    else:
        messages.error(request, _("The note is too long (at most 2000 characters)."))
    return redirect("trainee_detail", org=request.organization.slug, person=membership.person_id)


@require_POST
@access.org_view()
def trainee_certify(request, person):
    membership = _trainee(request, person, "program.certify")
    try:
        services.certify(
            organization=request.organization, person=membership.person, by=request.user, request=request
        )
        messages.success(request, _("Certified. They can now be matched with people who ask for help."))
    except services.NotAllowedNow:
        messages.error(request, _("Not yet: every module and the supervised practice must be passed first."))
    return redirect("trainee_detail", org=request.organization.slug, person=membership.person_id)
