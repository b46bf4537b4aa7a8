"""The forms of the psychosocial response: an incident, and a quick registration on a phone."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.fields import DATE_INPUT, text_field
from sebaya.people.models import Gender
from sebaya.psychosocial.models import (
    ConsentNoted,
    Exposure,
    FollowUpStatus,
    Household,
    IncidentKind,
    IncidentStatus,
    Relation,
    Vulnerability,
)


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=IncidentKind.choices)
    title = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("As people will recognise it, e.g. Banjir Cisurupan Desember 2026."),
    )
    started_on = forms.DateField(label=_("Started on"), widget=DATE_INPUT)
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_INPUT, required=False)
    own_site = forms.BooleanField(
        label=_("It happened at our own site (school, campus or office)"), required=False
    )
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    district = forms.CharField(label=_("District or city"), max_length=100, required=False)
    subdistrict = forms.CharField(label=_("Sub-district"), max_length=100, required=False)
    villages = text_field(_("Villages affected"), help_text=_("One village per line."), max_length=3000)
    description = text_field(_("What happened"), max_length=3000)
    exposures = forms.MultipleChoiceField(
        label=_("What to record about each person"),
        choices=Exposure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=list(Exposure.values),
    )

    def clean(self):
        data = super().clean()
        if data.get("started_on") and data.get("ended_on") and data["ended_on"] < data["started_on"]:
            self.add_error("ended_on", _("An incident cannot end before it starts."))
        return data


class IncidentEditForm(IncidentForm):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    closing_summary = text_field(
        _("Closing summary"),
        help_text=_("When closing: what was done, for how many, what is left."),
        max_length=5000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowUpForm(forms.Form):
    """What came of a follow-up, in a few taps; with the SRQ-20's items (yes / no) when it is given
    (`instrument`): all answered or none."""

    outcome = forms.ChoiceField(
        label=_("How did the follow-up go?"),
        choices=[(s.value, s.label) for s in FollowUpStatus if s != FollowUpStatus.DUE],
        widget=forms.RadioSelect,
    )
    stop_trying = forms.BooleanField(
        label=_("Stop trying (close it as not reached)"),
        required=False,
        help_text=_("Otherwise it stays on your list, with this attempt noted."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instrument=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items if instrument else ():
            self.fields[f"item_{item.id}"] = forms.TypedChoiceField(
                label=f"{item.number}. {item.text}",
                choices=[(option.value, str(option.label)) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                empty_value=None,
            )

    def answers(self) -> list | None:
        """The items' answers in order, or None when no item was answered."""
        if self.instrument is None:
            return None
        answers = [self.cleaned_data.get(f"item_{item.id}") for item in self.instrument.items]
        return answers if any(answer is not None for answer in answers) else None

    def item_fields(self):
        return [field for field in self if field.name.startswith("item_")]

    def outcome_fields(self):
        return [field for field in self if not field.name.startswith("item_")]


class RegistrationForm(forms.Form):
    """Few words, big targets: the name (or a description), age, sex, where, family, who needs
    looking after first, what happened to them, consent."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    name_unknown = forms.BooleanField(label=_("Name not known"), required=False)
    description = forms.CharField(
        label=_("How to recognise them"),
        max_length=300,
        required=False,
        help_text=_("When the name is not known: clothes, where they were found."),
    )
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, widget=forms.RadioSelect)
    age_years = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=120, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    village = forms.CharField(label=_("Village"), max_length=100, required=False)
    site = forms.CharField(label=_("Shelter or camp"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    household = forms.ModelChoiceField(
        label=_("Family already registered"), queryset=Household.objects.none(), required=False
    )
    new_household = forms.CharField(
        label=_("Or a new family"), max_length=200, required=False, help_text=_("e.g. Keluarga Pak Dedi")
    )
    relation = forms.ChoiceField(
        label=_("In the family"), choices=[("", "—"), *Relation.choices], required=False
    )
    guardian_name = forms.CharField(
        label=_("Parent or guardian (for a child)"), max_length=200, required=False
    )
    guardian_phone = forms.CharField(label=_("Their phone"), max_length=40, required=False)
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Needs looking after first"),
        choices=Vulnerability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    exposures = forms.MultipleChoiceField(
        label=_("What happened to them"), choices=(), widget=forms.CheckboxSelectMultiple, required=False
    )
    consent = forms.ChoiceField(
        label=_("Consent to be registered"), choices=ConsentNoted.choices, widget=forms.RadioSelect
    )
    # Set after a likely duplicate was shown: the field worker says it is someone else.
    not_a_duplicate = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, incident, organization, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_id", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.filter(
            incident=incident, organization=organization
        )
        chosen = set(incident.exposures)
        self.fields["exposures"].choices = [
            (code, label) for code, label in Exposure.choices if code in chosen
        ]

    def clean(self):
        data = super().clean()
        if data.get("name_unknown"):
            if not (data.get("description") or "").strip():
                self.add_error(
                    "description",
                    _("Describe the person so others can recognise them (clothes, where they were found)."),
                )
        elif not (data.get("full_name") or "").strip():
            self.add_error(
                "full_name", _("Write the name, or tick that it is not known and describe the person.")
            )
        if data.get("household") and (data.get("new_household") or "").strip():
            self.add_error("new_household", _("Choose a registered family or name a new one, not both."))
        return data
