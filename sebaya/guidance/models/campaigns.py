"""Awareness campaigns: a goal, an audience, a period, the activities and materials that carry
it, and a pre/post survey (screening rounds of the knowledge-and-stigma scale)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.screening.models import Population


class Campaign(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    # The audience, as the screening population its surveys are for (like ScreeningRound).
    population = models.CharField(
        _("for whom"), max_length=20, choices=Population.choices, default=Population.ORGANIZATION
    )
    # The grade or class name for those populations; empty for the whole organization.
    population_value = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # The survey before and after: rounds of a survey instrument (knowledge_stigma by default).
    pre_round = models.ForeignKey(
        "screening.ScreeningRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post_round = models.ForeignKey(
        "screening.ScreeningRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("campaign")

    def __str__(self) -> str:
        return self.title
