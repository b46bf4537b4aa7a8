"""Forms of awareness campaigns: the campaign, the activities that carry it, its surveys."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sebaya.guidance.models import Activity
from sebaya.kernel.fields import DATE_INPUT, text_field
from sebaya.people.models import Membership
from sebaya.screening.forms import RoundForm
from sebaya.screening.models import Population


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = text_field(_("Goal"), required=True, help_text=_("What should change, for whom, by the end."))
    population = forms.ChoiceField(
        label=_("For whom"), choices=Population.choices, initial=Population.ORGANIZATION
    )
    population_value = forms.CharField(
        label=_("Class or grade"),
        max_length=100,
        required=False,
        help_text=_("For a class or a grade: its name as in the roster, for example X IPA 1 or 10."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_INPUT)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        population = data.get("population")
        value = (data.get("population_value") or "").strip()
        if population in {Population.GRADE, Population.CLASS}:
            field = "grade" if population == Population.GRADE else "class_name"
            if not value:
                self.add_error("population_value", _("Name the class or grade the campaign is for."))
            elif not Membership.objects.filter(
                organization=self.organization, is_active=True, **{field: value}
            ).exists():
                self.add_error(
                    "population_value",
                    _("No one in this organization is in %(value)s. Check the name in the roster.")
                    % {"value": value},
                )
        data["population_value"] = value if population != Population.ORGANIZATION else ""
        return data


class LinkForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=Activity.objects.none())

    def __init__(self, *args, organization, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = (
            Activity.objects.filter(organization=organization)
            .exclude(campaign=campaign)
            .exclude(status=Activity.Status.CANCELLED)
            .order_by("title")
        )


class SurveyForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_INPUT)

    # The same window rules as any screening round (screening.forms.RoundForm).
    MAX_DAYS = RoundForm.MAX_DAYS

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and opens_on < timezone.localdate():
            self.add_error("opens_on", _("A round cannot open in the past."))
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("The survey cannot close before it opens."))
            elif (closes_on - opens_on).days >= self.MAX_DAYS:
                self.add_error(
                    "closes_on",
                    _("A round can stay open for at most %(days)s days.") % {"days": self.MAX_DAYS},
                )
        return data
