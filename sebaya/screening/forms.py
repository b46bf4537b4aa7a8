from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.fields import DATE_INPUT
from sebaya.screening.models import Offer, Population
from sebaya.screening.services import population_members


class InstrumentForm(forms.Form):
    """One radio group per item; nothing is accepted until every required item is answered."""

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[f"item_{item.id}"] = forms.TypedChoiceField(
                label=f"{item.number}. {item.text}",
                choices=[(option.value, str(option.label)) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                required=item.required,
                empty_value=None,
                error_messages={"required": _("Please choose an answer to this question.")},
            )

    def answers(self) -> list:
        return [self.cleaned_data.get(f"item_{item.id}") for item in self.instrument.items]


class RoundForm(forms.Form):
    """Scheduling a screening round: what, for whom, when."""

    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example: Wellbeing check, semester 1")
    )
    instrument = forms.ChoiceField(label=_("Instrument"))
    population = forms.ChoiceField(label=_("Who is invited"), choices=Population.choices)
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    class_name = forms.ChoiceField(label=_("Class"), required=False)
    # A date input needs ISO dates whatever the language's own date format.
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_INPUT)

    MAX_DAYS = 60

    def __init__(self, *args, organization, instruments, grades, classes, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.today = today
        self.instruments = {instrument.code: instrument for instrument in instruments}
        self.fields["instrument"].choices = [(i.code, f"{i.short_name} — {i.name}") for i in instruments]
        self.fields["grade"].choices = [("", "—")] + [(g, g) for g in grades]
        self.fields["class_name"].choices = [("", "—")] + [(c, c) for c in classes]

    def clean_opens_on(self):
        opens_on = self.cleaned_data["opens_on"]
        if opens_on < self.today:
            raise forms.ValidationError(_("A round cannot open in the past."))
        return opens_on

    def clean(self):
        data = super().clean()
        population = data.get("population")
        if population == Population.GRADE and not data.get("grade"):
            self.add_error("grade", _("Choose the grade to invite."))
        if population == Population.CLASS and not data.get("class_name"):
            self.add_error("class_name", _("Choose the class to invite."))
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("The round must close on or after the day it opens."))
            elif (closes_on - opens_on).days >= self.MAX_DAYS:
                self.add_error(
                    "closes_on",
                    _("A round can stay open for at most %(days)s days.") % {"days": self.MAX_DAYS},
                )
        if (
            population
            and not self.errors
            and not population_members(self.organization, population, self.population_value).exists()
        ):
            raise forms.ValidationError(_("Nobody would be invited: there are no members in that group."))
        return data

    @property
    def population_value(self) -> str:
        population = self.cleaned_data.get("population")
        if population == Population.GRADE:
            return self.cleaned_data.get("grade", "")
        if population == Population.CLASS:
            return self.cleaned_data.get("class_name", "")
        return ""

    @property
    def chosen_instrument(self):
        return self.instruments[self.cleaned_data["instrument"]]


class OfferForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[(o.value, o.label) for o in (Offer.PEER_SUPPORT, Offer.GROUP, Offer.DECLINED)]
    )


class OutreachForm(forms.Form):
    note = forms.CharField(
        label=_("What you did (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen only by counselors."),
    )
