"""The forms of the psychosocial response: an incident, and a quick registration on a phone."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sebaya import access
from sebaya.kernel.fields import DATE_INPUT, text_field
from sebaya.people.models import Gender
from sebaya.psychosocial.models import (
    Concern,
    ConsentNoted,
    Exposure,
    FollowUpStatus,
    Household,
    IncidentKind,
    IncidentStatus,
    LinkService,
    LookSign,
    NeedKind,
    NeedStatus,
    ReferNow,
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


def _ticks(label, choices, help_text="", compact=True):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"} if compact else {}),
        required=False,
        help_text=help_text,
    )


class ContactForm(forms.Form):
    """A PFA contact in a few taps: refer at once first (it matters most), then look, listen,
    link, and the needs to follow up. No field for the story of what happened."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)
    refer_now = _ticks(
        _("Refer at once"),
        ReferNow.choices,
        _("Any of these sends an alert to whoever is on call now. Stay with the person if it is safe."),
        compact=False,
    )
    look = _ticks(_("Look: what you see"), LookSign.choices, compact=False)
    concerns = _ticks(_("Listen: what worries them most"), Concern.choices)
    words = forms.CharField(
        label=_("What they ask for, in their words (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A few words only. Do not write down the story of what happened to them."),
    )
    linked = _ticks(_("Link: who you put them in touch with"), LinkService.choices)
    needs = _ticks(
        _("Needs to follow up"),
        NeedKind.choices,
        _("Each one is written with you as the person handling it, due in two days."),
    )
    minutes = forms.IntegerField(label=_("Minutes spent"), min_value=1, max_value=600)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)
    happened_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty for now."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_id", uuid.uuid4())
        super().__init__(*args, **kwargs)


class NeedForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Need"), choices=NeedKind.choices, widget=forms.RadioSelect)
    for_family = forms.BooleanField(label=_("A need of the whole family"), required=False)
    detail = forms.CharField(label=_("What exactly"), max_length=300, required=False)
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    owner = forms.ModelChoiceField(label=_("Handled by"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due"), widget=DATE_INPUT, required=False)

    def __init__(self, *args, organization, household=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_id", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.responders(organization)
        self.fields["owner"].label_from_instance = _person_name
        if household is None:
            del self.fields["for_family"]


class NeedUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices, widget=forms.RadioSelect)
    owner = forms.ModelChoiceField(label=_("Handled by"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due"), widget=DATE_INPUT, required=False)
    outcome = forms.CharField(
        label=pgettext_lazy("need outcome", "What was done"),
        max_length=300,
        required=False,
        help_text=_("Needed when the need is closed: what was done, or where it was handed on."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.responders(organization)
        self.fields["owner"].label_from_instance = _person_name


def _person_name(user) -> str:
    return user.person.full_name if user.person_id else user.username
