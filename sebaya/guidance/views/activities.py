"""Activities' pages: what is offered to me and what I joined, an activity with its meetings and
materials, registering (by the person or by staff), a meeting's attendance (a list, or a QR
code), its notes, the feedback form, the evaluation and a facilitator's concern."""

from __future__ import annotations

from django.contrib import messages
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from sebaya import access
from sebaya.access.guidance import offered_to
from sebaya.guidance.forms import activities as forms
from sebaya.guidance.models import Activity, Material, Meeting, Registration
from sebaya.guidance.services import activities as services
from sebaya.guidance.services import attendance as attending
from sebaya.guidance.services import registration as registering
from sebaya.guidance.services.activities import ActivityError
from sebaya.guidance.views._shared import submit
from sebaya.kernel import confirm
from sebaya.kernel.versioning import edit_status
from sebaya.people.models import Membership
from sebaya.screening.forms import InstrumentForm
from sebaya.screening.instruments import get_instrument
from sebaya.screening.scoring import ScoringError


def _activity(request, action, activity) -> Activity:
    return access.object_or_404(
        request, action, Activity.objects.select_related("supervisor__person", "plan"), pk=activity
    )


def _meeting(activity, meeting) -> Meeting:
    found = activity.meetings.filter(pk=meeting).first()
    if found is None:
        raise Http404
    return found


def _to_detail(activity):
    return redirect("activity_detail", org=activity.organization.slug, activity=activity.pk)


def _page(request, template, activity, form, **context):
    """A form page of the activity: 400 when a sent form comes back with errors."""
    return render(
        request, template, {"activity": activity, "form": form, **context}, status=edit_status(request, None)
    )


def _may(user, activity) -> dict:
    actions = ("edit", "run", "roster", "read_notes", "concern", "register", "withdraw", "feedback")
    return {action: access.can(user, f"activity.{action}", activity) for action in actions}


@require_http_methods(["GET"])
@access.org_view("activity.list")
def activity_list(request):
    organization, person_id = request.organization, request.user.person_id
    activities = Activity.objects.filter(organization=organization).prefetch_related("facilitators__person")
    mine = Registration.objects.filter(activity__organization=organization, person_id=person_id).exclude(
        status=Registration.Status.WITHDRAWN
    )
    joined_ids = set(mine.values_list("activity_id", flat=True))
    membership = Membership.objects.filter(organization=organization, person_id=person_id).first()
    offered = [
        a
        for a in activities.filter(status=Activity.Status.PLANNED).exclude(pk__in=joined_ids)
        if membership is not None
        and access.can(request.user, "activity.register", a)
        and offered_to(a, membership)
    ]
    leading = activities.filter(
        models.Q(facilitators=request.user) | models.Q(supervisor=request.user)
    ).distinct()
    staff = access.can(request.user, "activity.manage", organization)
    return render(
        request,
        "guidance/activities/list.html",
        {
            "offered": offered,
            "joined": mine.select_related("activity").order_by("-created_at"),
            "leading": leading,
            "all_activities": activities if staff else None,
            "may_create": staff,
            "staff": staff,  # staff do not see empty participant sections
        },
    )


def _activity_form(request, form_class, **kwargs):
    organization = request.organization
    return form_class(
        request.POST or None,
        facilitators=services.facilitator_choices(organization).select_related("person"),
        counselors=services.counselor_choices(organization),
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@access.org_view("activity.manage")
def activity_new(request):
    form = _activity_form(request, forms.ActivityForm, organization=request.organization)
    sent = submit(
        request,
        form,
        lambda data: services.activity_create(
            organization=request.organization, by=request.user, request=request, **data
        ),
        ActivityError,
    )
    if sent.saved:
        messages.success(request, _("The activity is saved. Add its meetings next."))
        return _to_detail(sent.result)
    return render(request, "guidance/activities/form.html", {"form": form}, status=edit_status(request, None))


@require_http_methods(["GET", "POST"])
@access.org_view()  # 404 for another organization's activity before 403
def activity_edit(request, activity):
    activity = _activity(request, "activity.edit", activity)
    form = _activity_form(request, forms.ActivityEditForm, activity=activity)
    sent = submit(
        request,
        form,
        lambda data: services.activity_update(activity=activity, by=request.user, request=request, **data),
        ActivityError,
    )
    if sent.saved:
        _activity_saved, moved_up = sent.result
        messages.success(request, _("The activity is saved."))
        if moved_up:
            messages.info(
                request,
                ngettext(
                    "%(n)s person moved up from the waiting list.",
                    "%(n)s people moved up from the waiting list.",
                    len(moved_up),
                )
                % {"n": len(moved_up)},
            )
        return _to_detail(activity)
    return render(
        request,
        "guidance/activities/form.html",
        {"form": form, "activity": activity, "conflict": sent.conflict},
        status=edit_status(request, sent.conflict),
    )


@require_http_methods(["GET"])
@access.org_view()
def activity_detail(request, activity):
    activity = _activity(request, "activity.view", activity)
    may = _may(request.user, activity)
    registration = Registration.objects.filter(activity=activity, person_id=request.user.person_id).first()
    meetings = list(
        activity.meetings.annotate(
            present=models.Count("attendance", filter=models.Q(attendance__present=True))
        )
    )
    roster = waiting = None
    if may["roster"]:
        roster = list(attending.registered_people(activity))
        waiting = list(
            activity.registrations.filter(status=Registration.Status.WAITING).select_related("person")
        )
    hidden = activity.names_hidden and may["withdraw"]
    names = registering.shown_names(activity, real=False) if hidden else None
    return render(
        request,
        "guidance/activities/detail.html",
        {
            "activity": activity,
            "may": may,
            "registration": registration,
            "meetings": meetings,
            "materials": activity.materials.defer("data"),
            "facilitators": activity.facilitators.select_related("person"),
            "roster": roster,
            "waiting": waiting,
            "group_names": list(names.values()) if names else None,
            "places_taken": activity.registrations.filter(status=Registration.Status.REGISTERED).count(),
            "feedback_open": attending.feedback_open(registration) if may["feedback"] else False,
            "feedback": attending.feedback_summary(activity) if may["run"] else None,
            "material_form": forms.MaterialForm() if may["run"] else None,
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view()
def activity_register(request, activity):
    activity = _activity(request, "activity.register", activity)
    form = forms.RegisterForm(request.POST or None)
    sent = submit(
        request,
        form,
        lambda data: registering.register(
            activity=activity,
            person=request.user.person,
            agreed=data["agree"],
            shown_name=data["shown_name"] if activity.names_hidden else "",
            request=request,
        ),
        ActivityError,
    )
    if sent.saved:
        if sent.result.status == Registration.Status.WAITING:
            messages.info(
                request,
                _("The activity is full: you are on the waiting list. We move you up when a place frees."),
            )
        else:
            messages.success(request, _("You are registered. See you there!"))
        return _to_detail(activity)
    return _page(request, "guidance/activities/register.html", activity, form)


@require_POST
@access.org_view()
def activity_withdraw(request, activity):
    activity = _activity(request, "activity.withdraw", activity)
    registration = Registration.objects.get(activity=activity, person_id=request.user.person_id)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=_("Withdraw from the activity"),
            question=_(
                "Your place goes to the next person waiting. You can register again later if places are free."
            ),
            action=_("Withdraw"),
            back=reverse(
                "activity_detail", kwargs={"org": request.organization.slug, "activity": activity.pk}
            ),
            danger=False,
        )
    registering.withdraw(registration=registration, by=request.user, request=request)
    messages.success(request, _("You have withdrawn from the activity."))
    return _to_detail(activity)


@require_http_methods(["GET", "POST"])
@access.org_view()
def activity_enrol(request, activity):
    """Staff register someone (an invited audience)."""
    activity = _activity(request, "activity.edit", activity)
    memberships = (
        Membership.objects.filter(organization=request.organization, is_active=True)
        .select_related("person")
        .order_by("person__full_name")
    )
    form = forms.EnrolForm(request.POST or None, memberships=memberships)
    sent = submit(
        request,
        form,
        lambda data: registering.register(
            activity=activity, person=data["person"].person, by=request.user, request=request
        ),
        ActivityError,
        field="person",
    )
    if sent.saved:
        if sent.result.status == Registration.Status.WAITING:
            messages.info(request, _("The activity is full: they are on the waiting list."))
        else:
            messages.success(request, _("Registered."))
        return redirect("activity_enrol", org=request.organization.slug, activity=activity.pk)
    return _page(request, "guidance/activities/enrol.html", activity, form)


@require_http_methods(["GET", "POST"])
@access.org_view()
def meeting_new(request, activity):
    activity = _activity(request, "activity.edit", activity)
    form = forms.MeetingForm(request.POST or None)
    sent = submit(
        request,
        form,
        lambda data: services.meeting_add(
            activity=activity,
            starts_at=form.moments()[0],
            ends_at=form.moments()[1],
            place=data["place"],
            online_link=data["online_link"],
            by=request.user,
            request=request,
        ),
        ActivityError,
    )
    if sent.saved:
        messages.success(request, _("The meeting is added."))
        return _to_detail(activity)
    return _page(request, "guidance/activities/meeting_new.html", activity, form)


@require_POST
@access.org_view()
def material_upload(request, activity):
    activity = _activity(request, "activity.run", activity)
    form = forms.MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.material_add(
                activity=activity, name=upload.name, data=upload.read(), by=request.user, request=request
            )
        except ActivityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The material is shared."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return _to_detail(activity)


@require_http_methods(["GET"])
@access.org_view()
def material_download(request, activity, material):
    activity = _activity(request, "activity.view", activity)
    material = Material.objects.filter(activity=activity, pk=material).first()
    if material is None:
        raise Http404
    response = HttpResponse(bytes(material.data), content_type=material.content_type)
    response["Content-Disposition"] = f'attachment; filename="{material.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@access.org_view()
def activity_feedback(request, activity):
    activity = _activity(request, "activity.feedback", activity)
    registration = Registration.objects.filter(activity=activity, person_id=request.user.person_id).first()
    if not attending.feedback_open(registration):
        messages.info(request, _("Feedback opens after a meeting is held, once per activity."))
        return _to_detail(activity)
    instrument = get_instrument(attending.FEEDBACK_INSTRUMENT)
    form = InstrumentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            attending.feedback_record(
                registration=registration,
                answers=form.answers(),
                language=translation.get_language(),
                request=request,
            )
        except (ScoringError, ValueError):
            form.add_error(None, _("Some answers could not be read. Please check them and send again."))
        else:
            messages.success(request, _("Thank you for your feedback."))
            return _to_detail(activity)
    return _page(request, "guidance/activities/feedback.html", activity, form, instrument=instrument)


@require_http_methods(["GET", "POST"])
@access.org_view()
def activity_evaluate(request, activity):
    activity = _activity(request, "activity.edit", activity)
    form = forms.EvaluationForm(
        request.POST or None,
        initial={
            "process": activity.evaluation_process,
            "result": activity.evaluation_result,
            "done": activity.status == Activity.Status.DONE,
        },
    )
    sent = submit(
        request,
        form,
        lambda data: services.activity_evaluate(
            activity=activity,
            process=data["process"],
            result=data["result"],
            done=data["done"],
            by=request.user,
            request=request,
        ),
    )
    if sent.saved:
        messages.success(request, _("The evaluation is saved."))
        return _to_detail(activity)
    return _page(request, "guidance/activities/evaluate.html", activity, form)


@require_http_methods(["GET", "POST"])
@access.org_view()
def activity_concern(request, activity, person):
    activity = _activity(request, "activity.concern", activity)
    registration = (
        activity.registrations.filter(person_id=person)
        .exclude(status=Registration.Status.WITHDRAWN)
        .select_related("person")
        .first()
    )
    if registration is None:
        raise Http404
    form = forms.ConcernForm(request.POST or None)
    sent = submit(
        request,
        form,
        lambda data: services.concern_raise(
            activity=activity,
            person=registration.person,
            level=data["level"],
            note=data["note"],
            by=request.user,
            request=request,
        ),
        ActivityError,
    )
    if sent.saved:
        messages.success(request, _("Thank you. The on-call counselor has been told and will follow up."))
        return _to_detail(activity)
    return _page(request, "guidance/activities/concern.html", activity, form, person=registration.person)
