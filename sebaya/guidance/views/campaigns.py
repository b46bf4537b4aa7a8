"""Awareness campaigns: the list, a campaign's page (its activities and materials, its reach, its
pre/post survey and the change it shows), making and changing one, linking activities,
scheduling the surveys."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sebaya import access
from sebaya.guidance import campaigns as reading
from sebaya.guidance.forms.campaigns import CampaignForm, LinkForm, SurveyForm
from sebaya.guidance.models import Activity, Campaign
from sebaya.guidance.services import campaigns as services
from sebaya.guidance.views._shared import submit
from sebaya.kernel.versioning import edit_status
from sebaya.screening.models import Population


def _campaign(request, campaign, action="campaign.view") -> Campaign:
    return access.object_or_404(
        request, action, Campaign.objects.select_related("pre_round", "post_round"), pk=campaign
    )


def _audience_label(campaign: Campaign) -> str:
    if campaign.population == Population.GRADE:
        return _("Grade %(grade)s") % {"grade": campaign.population_value}
    if campaign.population == Population.CLASS:
        return _("Class %(class)s") % {"class": campaign.population_value}
    return _("The whole organization")


def _detail_url(request, campaign) -> str:
    return reverse("campaign_detail", kwargs={"org": request.organization.slug, "campaign": campaign.pk})


@require_GET
@access.org_view("campaign.view")
def campaign_list(request):
    campaigns = Campaign.objects.filter(organization=request.organization)
    for campaign in campaigns:
        campaign.audience_label = _audience_label(campaign)
    return render(
        request,
        "guidance/campaigns/list.html",
        {
            "campaigns": campaigns,
            "may_manage": access.can(request.user, "campaign.manage", request.organization),
        },
    )


@require_http_methods(["GET", "POST"])
@access.org_view("campaign.manage")
def campaign_new(request):
    return _edit(request, None)


@require_http_methods(["GET", "POST"])
@access.org_view()
def campaign_edit(request, campaign):
    return _edit(request, _campaign(request, campaign, "campaign.manage"))


def _edit(request, current: Campaign | None):
    """Make a campaign (`current` None) or change one."""
    initial = {}
    if current is not None:
        initial = {
            "title": current.title,
            "goal": current.goal,
            "population": current.population,
            "population_value": current.population_value,
            "starts_on": current.starts_on,
            "ends_on": current.ends_on,
            "version": current.version,
        }
    form = CampaignForm(request.POST or None, initial=initial, organization=request.organization)
    sent = submit(
        request,
        form,
        lambda data: services.campaign_save(
            organization=request.organization, by=request.user, campaign=current, request=request, **data
        ),
        services.CampaignError,
    )
    if sent.saved:
        messages.success(request, _("The campaign is saved."))
        return redirect("campaign_detail", org=request.organization.slug, campaign=sent.result.pk)
    return render(
        request,
        "guidance/campaigns/edit.html",
        {"form": form, "campaign": current, "conflict": sent.conflict},
        status=edit_status(request, sent.conflict),
    )


@require_GET
@access.org_view()
def campaign_detail(request, campaign):
    campaign = _campaign(request, campaign)
    may_manage = access.can(request.user, "campaign.manage", request.organization)
    activities = (
        Activity.objects.filter(campaign=campaign).prefetch_related("materials", "meetings").order_by("title")
    )
    return render(
        request,
        "guidance/campaigns/detail.html",
        {
            "campaign": campaign,
            "audience_label": _audience_label(campaign),
            "activities": activities,
            "reach": reading.reach(campaign),
            "change": reading.change(campaign),
            "pairs_minimum": reading.PAIRS_MINIMUM,
            "pairs_small": reading.PAIRS_SMALL,
            "may_manage": may_manage,
            "link_form": LinkForm(organization=request.organization, campaign=campaign)
            if may_manage
            else None,
            "pre_form": SurveyForm(
                prefix="pre", initial={"opens_on": campaign.starts_on, "closes_on": campaign.starts_on}
            ),
            "post_form": SurveyForm(
                prefix="post", initial={"opens_on": campaign.ends_on, "closes_on": campaign.ends_on}
            ),
            "live_rounds": {
                which: screening_round is not None and screening_round.cancelled_at is None
                for which, screening_round in (("pre", campaign.pre_round), ("post", campaign.post_round))
            },
        },
    )


@require_POST
@access.org_view()
def campaign_activities(request, campaign):
    """Link an activity to the campaign, or unlink one (`unlink` names it)."""
    campaign = _campaign(request, campaign, "campaign.manage")
    unlink = request.POST.get("unlink")
    if unlink:
        activity = Activity.objects.filter(
            organization=request.organization, campaign=campaign, pk=unlink
        ).first()
        if activity is not None:
            services.campaign_unlink(campaign=campaign, activity=activity, by=request.user, request=request)
            messages.success(request, _("The activity no longer counts for this campaign."))
        return redirect(_detail_url(request, campaign))
    form = LinkForm(request.POST, organization=request.organization, campaign=campaign)
    if not form.is_valid():
        messages.error(request, _("Choose one of the organization's activities to link."))
        return redirect(_detail_url(request, campaign))
    services.campaign_link(
        campaign=campaign, activity=form.cleaned_data["activity"], by=request.user, request=request
    )
    messages.success(request, _("The activity now counts for this campaign."))
    return redirect(_detail_url(request, campaign))


@require_POST
@access.org_view()
def campaign_survey(request, campaign, which):
    """Schedule the survey before or after the campaign."""
    campaign = _campaign(request, campaign, "campaign.manage")
    if which not in {services.PRE, services.POST}:
        messages.error(request, _("There is no such survey."))
        return redirect(_detail_url(request, campaign))
    form = SurveyForm(request.POST, prefix=which)
    if form.is_valid():
        try:
            services.campaign_survey_schedule(
                campaign=campaign, which=which, by=request.user, request=request, **form.cleaned_data
            )
        except services.CampaignError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The survey is scheduled. The campaign's audience is invited when it opens.")
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_detail_url(request, campaign))
