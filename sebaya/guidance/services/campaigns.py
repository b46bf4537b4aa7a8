"""Writes of awareness campaigns: the campaign itself, the activities that carry it, and its
pre/post survey (two screening rounds of the knowledge-and-stigma scale for the campaign's
audience). Reading the reach and the change is `guidance.campaigns`.

A campaign's audience is the screening population its surveys are for: `Campaign.population`
(the whole organization, a grade or a class) and `population_value` (the grade or class name)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.guidance.models import Activity, Campaign
from sebaya.kernel.errors import NotAllowedNow
from sebaya.kernel.versioning import EditConflict
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Population, ScreeningRound
from sebaya.screening.services import round_schedule

SURVEY_INSTRUMENT = "knowledge_stigma"
PRE, POST = "pre", "post"


class CampaignError(NotAllowedNow):
    """Bad input or a state that refuses the write; `message` tells the person why."""

    MESSAGES = {
        "ends_before_starts": _("The campaign cannot end before it starts."),
        "audience_value": _("Name the class or grade the campaign is for."),
        "other_organization": _("That activity is not one of this organization's."),
        "closes_before_opens": _("The survey cannot close before it opens."),
        "post_before_pre": _("The survey after the campaign cannot open before the survey before it."),
        "already_scheduled": _("This survey is already scheduled. Cancel it first to schedule it again."),
    }

    @property
    def message(self):
        return self.MESSAGES[self.code]


# --- The audience ---------------------------------------------------------------------------------------


def _audience(population: str, value: str = "") -> dict:
    """The audience's fields: ("grade", " 10 ") → grade "10"; the whole organization has no value."""
    value = (value or "").strip()
    if population == Population.ORGANIZATION:
        return {"population": population, "population_value": ""}
    if population not in {Population.GRADE, Population.CLASS}:
        raise ValueError(population)
    if not value:
        raise CampaignError("audience_value")
    return {"population": population, "population_value": value}


def _audit(*, by, campaign: Campaign, what: str, request=None, **detail) -> None:
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=campaign.organization,
        target=campaign,
        request=request,
        detail={"campaign": what, **detail},
    )


# --- The campaign ---------------------------------------------------------------------------------------


@transaction.atomic
def campaign_save(
    *,
    organization,
    by,
    title: str,
    goal: str,
    population: str,
    population_value: str = "",
    starts_on: datetime.date,
    ends_on: datetime.date,
    campaign: Campaign | None = None,
    version: int | None = None,
    request=None,
) -> Campaign:
    """Create a campaign, or change one (`campaign` with the `version` edited: EditConflict when
    someone saved it meanwhile). Nothing is written when the input is wrong."""
    if ends_on < starts_on:
        raise CampaignError("ends_before_starts")
    fields = {
        "title": title.strip(),
        "goal": goal.strip(),
        **_audience(population, population_value),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    if campaign is None:
        campaign = Campaign.objects.create(organization=organization, created_by=by, **fields)
        _audit(by=by, campaign=campaign, what="created", request=request)
        return campaign
    if campaign.organization_id != organization.pk:
        raise ValueError("The campaign belongs to another organization.")
    saved = Campaign.objects.filter(
        pk=campaign.pk, version=version if version is not None else campaign.version
    )
    if not saved.update(version=F("version") + 1, **fields):
        raise EditConflict(Campaign.objects.get(pk=campaign.pk))
    campaign.refresh_from_db()
    _audit(by=by, campaign=campaign, what="changed", request=request)
    return campaign


@transaction.atomic
def campaign_link(*, campaign: Campaign, activity: Activity, by, request=None) -> None:
    """The activity carries the campaign (its meetings count in the reach, its materials are the
    campaign's)."""
    if activity.organization_id != campaign.organization_id:
        raise CampaignError("other_organization")
    Activity.objects.filter(pk=activity.pk).update(campaign=campaign)
    _audit(by=by, campaign=campaign, what="activity_linked", request=request, activity=str(activity.pk))


@transaction.atomic
def campaign_unlink(*, campaign: Campaign, activity: Activity, by, request=None) -> None:
    if Activity.objects.filter(pk=activity.pk, campaign=campaign).update(campaign=None):
        _audit(by=by, campaign=campaign, what="activity_unlinked", request=request, activity=str(activity.pk))


# --- The pre/post survey --------------------------------------------------------------------------------


def _live(screening_round: ScreeningRound | None) -> bool:
    return screening_round is not None and screening_round.cancelled_at is None


@transaction.atomic
def campaign_survey_schedule(
    *,
    campaign: Campaign,
    which: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    by,
    request=None,
) -> ScreeningRound:
    """Schedule the survey before (`which="pre"`) or after ("post") the campaign: a screening round
    of the knowledge-and-stigma scale for the campaign's audience, invited like any round."""
    if which not in {PRE, POST}:
        raise ValueError(which)
    campaign = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("pre_round", "post_round")
        .get(pk=campaign.pk)
    )
    if closes_on < opens_on:
        raise CampaignError("closes_before_opens")
    current = campaign.pre_round if which == PRE else campaign.post_round
    if _live(current):
        raise CampaignError("already_scheduled")
    pre = campaign.pre_round
    if which == POST and _live(pre) and opens_on < pre.opens_on:
        raise CampaignError("post_before_pre")
    title = (_("%(campaign)s: survey before") if which == PRE else _("%(campaign)s: survey after")) % {
        "campaign": campaign.title
    }
    screening_round = round_schedule(
        organization=campaign.organization,
        title=str(title)[:200],
        instrument=get_instrument(SURVEY_INSTRUMENT),
        population=campaign.population,
        population_value=campaign.population_value,
        opens_on=opens_on,
        closes_on=closes_on,
        by=by,
        request=request,
    )
    Campaign.objects.filter(pk=campaign.pk).update(**{f"{which}_round": screening_round})
    _audit(by=by, campaign=campaign, what=f"{which}_survey_scheduled", request=request)
    return screening_round
