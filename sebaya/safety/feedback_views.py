"""Counselors judging the risk detector, and following up the words only the model found."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sebaya import access
from sebaya.safety import feedback, sources, text_flags
from sebaya.safety.forms import OutreachNoteForm, RiskFeedbackForm
from sebaya.safety.models import Alert, TextFlag


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    # Only a path on this site: `redirect` would read any other word as a view's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect(fallback, org=request.organization.slug)


@require_POST
@access.org_view("risk_feedback.mark")
def risk_feedback(request):
    form = RiskFeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That mark could not be read. Please try again from the page."))
        return _back(request, "alert_queue")
    data = form.cleaned_data
    # Only words of this organization that counselors may read (a private thread: only what was
    # reported or flagged); anything else answers 404, as another organization's record would.
    if sources.record_for_counselors(data["source_ref"], request.organization) is None:
        raise Http404
    alert = None
    if data["alert"]:
        alert = access.object_or_404(request, "alert.view", Alert.objects.all(), pk=data["alert"])
        if alert.source_ref != data["source_ref"]:
            raise Http404
    try:
        feedback.feedback_mark(
            organization=request.organization,
            kind=data["kind"],
            level=data["level"],
            source_ref=data["source_ref"],
            by=request.user,
            alert=alert,
            request=request,
        )
    except feedback.FeedbackError:
        messages.error(
            request,
            _("A false alarm is a lower level than the detector gave, and a missed risk a higher one."),
        )
    else:
        messages.success(request, _("Thank you. Your judgement helps the detector learn."))
    return _back(request, "alert_queue")


@require_POST
@access.org_view()
def text_flag_done(request, flag):
    flag = access.object_or_404(request, "text_flag.outreach", TextFlag.objects.all(), pk=flag)
    form = OutreachNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long (at most 2000 characters)."))
        return redirect("outreach_queue", org=request.organization.slug)
    try:
        text_flags.text_flag_outreach_record(
            flag=flag, by=request.user, note=form.cleaned_data["note"], request=request
        )
    except text_flags.AlreadyDone:
        messages.info(request, _("A colleague already reached out."))
    else:
        messages.success(request, _("Recorded: outreach done."))
    return redirect("outreach_queue", org=request.organization.slug)
