import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.journal import period_bounds
from sebaya.counseling.models import (
    Case,
    CaseConference,
    CaseMeasure,
    ConferenceParticipant,
    CounselingSession,
    Domain,
    HomeVisit,
    JournalEntry,
    Partner,
    Referral,
    ServiceType,
)
from sebaya.counseling.timeline import position_from_token
from sebaya.kernel.fields import (
    DATE_INPUT,
    ID_MAX,
    ModelMultipleChoiceField,
    PersonOrNameField,
    text_field,
    unique_labels,
)
from sebaya.privacy.consent_forms import CONSENT_ERRORS, SPOKEN_METHODS
from sebaya.privacy.models import ConsentGiver, ConsentMethod


def _text(label, **options):
    # Counseling notes may be long (a session's analysis): 5000 characters.
    return text_field(label, max_length=5000, **options)


class CaseOpenForm(forms.Form):
    summary = forms.CharField(label=_("What it is about, in a line"), max_length=300)
    domain = forms.ChoiceField(label=_("Domain (bidang layanan)"), choices=Domain.choices)


class CaseEditForm(forms.ModelForm):
    service_types = forms.MultipleChoiceField(
        label=_("Services used (jenis layanan)"),
        choices=ServiceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counselors = ModelMultipleChoiceField(
        label=_("Assigned counselors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = ["summary", "domain", "service_types", "plan_goals", "plan_interventions", "review_date"]
        widgets = {
            "review_date": DATE_INPUT,
            "plan_goals": forms.Textarea(attrs={"rows": 3}),
            "plan_interventions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counselors"].queryset = counselors
        self.fields["counselors"].label_from_instance = lambda user: (
            user.person.full_name if user.person_id else user.get_username()
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in Case.Status if s != Case.Status.CLOSED]
    )
    note = _text(_("Note (optional)"), rows=2)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices)
    summary = _text(_("Closing summary"), required=True)


class ReopenForm(forms.Form):
    note = _text(_("Why it is reopened"), required=True, rows=2)


class SessionForm(forms.ModelForm):
    confidential_note = _text(
        _("Confidential note"),
        rows=4,
        help_text=_("Encrypted. Only the counselors assigned to this case can read it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CounselingSession
        fields = ["date", "service_type", "duration_minutes", "discussed", "analysis", "plan", "seriousness"]
        widgets = {
            "date": DATE_INPUT,
            "discussed": forms.Textarea(attrs={"rows": 3}),
            "analysis": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, may_read_notes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_read_notes:
            del self.fields["confidential_note"]

    def session_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BreakGlassForm(forms.Form):
    reason = _text(
        _("Why you need to read the confidential notes now"),
        required=True,
        rows=2,
        help_text=_("For one hour. The assigned counselors will see that you did, and why."),
    )


class MomentForm(forms.Form):
    moment = forms.ChoiceField(label=_("When in the case"), choices=CaseMeasure.Moment.choices)


class FollowUpForm(forms.Form):
    what = forms.CharField(label=_("What to do"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "contact_person",
            "phone",
            "email",
            "address",
            "area",
            "hours",
            "cost",
            "languages",
            "shared_with_network",
            "users",
            "is_active",
        ]
        widgets = {"users": forms.CheckboxSelectMultiple}
        field_classes = {"users": ModelMultipleChoiceField}

    def __init__(self, *args, partner_users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = partner_users
        self.fields["users"].required = False
        self.fields["users"].help_text = _("People with the partner role here who sign in for this partner.")
        self.fields["users"].label_from_instance = lambda user: (
            user.person.full_name if user.person_id else user.get_username()
        )


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Refer to"), queryset=None)
    reason = _text(_("Reason for the referral"), required=True)
    shared = forms.MultipleChoiceField(
        label=_("What the partner may see"),
        choices=Referral.SHARE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Share only what they need. Confidential notes are never shared."),
    )
    letter_note = _text(_("A note for the partner (optional)"), rows=2)
    consent = forms.ChoiceField(label=_("Consent"), widget=forms.RadioSelect)
    consent_relationship = forms.ChoiceField(
        label=_("Who agreed for them"),
        choices=[(c, label) for c, label in ConsentGiver.choices if c != ConsentGiver.SELF],
        initial=ConsentGiver.PARENT,
        required=False,
    )
    consent_by_name = forms.CharField(
        label=_("Which parent or guardian agreed"), max_length=200, required=False
    )
    consent_method = forms.ChoiceField(
        label=_("How they agreed"),
        choices=SPOKEN_METHODS,
        initial=ConsentMethod.IN_PERSON,
        required=False,
        help_text=_("Recorded as a consent on their page, for referrals."),
    )
    override_reason = _text(
        _("Why without consent"),
        rows=2,
        help_text=_("Only when waiting would put them in danger. Recorded in the audit trail."),
    )

    def __init__(self, *args, partners, on_file=None, guardian_needed=False, **kwargs):
        """`on_file`: the consent in force for referrals, offered first; `guardian_needed`: the
        person is a minor whose own agreement does not count here."""
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.guardian_needed = guardian_needed
        choices = list(Referral.Consent.choices)
        if on_file is not None:
            who = on_file.giver_name if on_file.by_guardian else on_file.get_given_by_display()
            label = _("Use the consent on file: %(who)s, %(date)s") % {
                "who": who,
                "date": date_format(on_file.given_on, "j F Y"),
            }
            choices.insert(0, ("on_file", label))
        self.fields["consent"].choices = choices

    def clean(self):
        data = super().clean()
        consent = data.get("consent")
        if consent == Referral.Consent.PERSON and self.guardian_needed:
            self.add_error("consent", CONSENT_ERRORS["guardian_needed"])
        if consent == Referral.Consent.GUARDIAN and not (data.get("consent_by_name") or "").strip():
            self.add_error("consent_by_name", _("Please write which parent or guardian agreed."))
        if consent == Referral.Consent.GUARDIAN and not data.get("consent_relationship"):
            self.add_error("consent_relationship", _("Please choose who agreed for them."))
        if consent in {Referral.Consent.PERSON, Referral.Consent.GUARDIAN} and not data.get("consent_method"):
            self.add_error("consent_method", _("Please choose how they agreed."))
        if consent == Referral.Consent.OVERRIDE and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Please write why the referral cannot wait for consent."))
        return data


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), required=False)
    note = _text(_("Note (optional)"), rows=2)
    feedback = _text(_("Feedback for the counselor"), rows=3)

    def __init__(self, *args, next_statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—")] + [
            (s.value, s.label) for s in Referral.Status if s.value in next_statuses
        ]


class HomeVisitForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = HomeVisit
        fields = [
            "status",
            "planned_on",
            "done_on",
            "address",
            "purpose",
            "visitors",
            "met_with",
            "findings",
            "agreements",
        ]
        widgets = {
            "planned_on": DATE_INPUT,
            "done_on": DATE_INPUT,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") == HomeVisit.Status.DONE and not data.get("done_on"):
            self.add_error("done_on", _("Please give the day of the visit."))
        return data


class ConferenceForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = CaseConference
        fields = ["status", "date", "place", "agenda", "chair", "notulis", "minutes", "decisions"]
        widgets = {
            "date": DATE_INPUT,
            "agenda": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }


# The id of the one list of names the conference page gives all its participant rows.
PARTICIPANT_NAMES = "participant-names"


def participant_choices(memberships) -> dict:
    """The organization's people a participant can be picked from, by their label ("Name (class)")."""
    return unique_labels(memberships, lambda m: m.picker_label)


class ParticipantForm(forms.Form):
    """A participant: someone of the school picked from the list (searched by name), or anyone
    else (a parent, a partner professional) by the name typed."""

    name = PersonOrNameField(label=_("Name"), max_length=200, required=False, list_id=PARTICIPANT_NAMES)
    role = forms.ChoiceField(label=_("Role"), choices=ConferenceParticipant.Role.choices, required=False)
    attended = forms.BooleanField(label=_("Attended"), required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].labels = people or {}
        self.fields["name"].widget.attrs["aria-describedby"] = "participants-help"

    def clean(self):
        data = super().clean()
        picked = data.get("name")
        data["person"] = None
        if picked and not isinstance(picked, str):  # a membership from the list
            data["person"] = picked.person
            data["name"] = picked.person.full_name
        if data.get("name") and not data.get("role"):
            self.add_error("role", _("Choose their role."))
        return data


class ActionForm(forms.Form):
    what = forms.CharField(label=_("Action"), max_length=300, required=False)
    who = forms.CharField(label=_("Who"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE_INPUT)
    done = forms.BooleanField(label=_("Done"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("what") and not (data.get("who") and data.get("due_on")):
            self.add_error("due_on", _("Each action needs who does it and by when."))
        return data


# A posted form count is capped well below Django's default (1,000 forms, rendered back on error).
ROWS_MAX = 40
ParticipantFormSet = forms.formset_factory(
    ParticipantForm, extra=3, max_num=ROWS_MAX, absolute_max=ROWS_MAX, validate_max=True
)
ActionFormSet = forms.formset_factory(
    ActionForm, extra=2, max_num=ROWS_MAX, absolute_max=ROWS_MAX, validate_max=True
)


class RowCountForm(forms.Form):
    """How many rows a conference table has now (its formset's TOTAL_FORMS): where a new one goes."""

    TOTAL_FORMS = forms.IntegerField(min_value=0, max_value=ROWS_MAX - 1, required=False)


def filled(formset, key=None) -> list[dict]:
    """The rows of a formset that were filled in (blank extra rows are skipped)."""
    first = key or next(iter(formset.forms[0].fields)) if formset.forms else None
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get(first)]


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["date", "service_type", "domain", "description", "people"]
        widgets = {"date": DATE_INPUT}


def period_choices(today: datetime.date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The months of the last two years and the semesters of the last three school years, newest
    first, as "month:2026-12" and "semester:2026-1" (what the report's picker offers)."""
    months = []
    year, month = today.year, today.month
    for _step in range(24):
        value = f"{year}-{month:02d}"
        months.append((f"month:{value}", period_bounds("month", value)[2]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    semesters = []
    school_year = today.year if today.month >= 7 else today.year - 1
    for start_year in range(school_year, school_year - 3, -1):
        for value in (f"{start_year + 1}-2", f"{start_year}-1"):
            if period_bounds("semester", value)[0] <= today:
                semesters.append((f"semester:{value}", period_bounds("semester", value)[2]))
    return [(_("Months"), months), (_("Semesters"), semesters)]


class PeriodForm(forms.Form):
    """A report's period and format, read from the query string (and checked like any input).

    The page offers `period` as a picker ("month:2026-12"); `kind` and `value` ("month" and
    "2026-12") still work for links made before it."""

    period = forms.RegexField(regex=r"^(month|semester):\d{4}-\d{1,2}$", max_length=20, required=False)
    kind = forms.ChoiceField(choices=[("month", _("Month")), ("semester", _("Semester"))], required=False)
    value = forms.RegexField(regex=r"^\d{4}-(\d{1,2})$", max_length=7, required=False)
    format = forms.ChoiceField(
        choices=[("html", "HTML"), ("pdf", "PDF"), ("xlsx", "XLSX")], initial="html", required=False
    )
    counselor = forms.IntegerField(required=False, min_value=1, max_value=ID_MAX)

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period_choices = period_choices(today or timezone.localdate())

    def clean(self):
        data = super().clean()
        if data.get("period"):
            data["kind"], data["value"] = data["period"].split(":")
        if not (data.get("kind") and data.get("value")):
            if not self.errors:
                self.add_error("period", _("Choose a month or a semester."))
            return data
        try:
            data["bounds"] = period_bounds(data["kind"], data["value"])
        except ValueError:
            self.add_error("period", _("Choose a month or a semester from the list."))
        data["period"] = f"{data['kind']}:{data['value']}"
        return data


class TimelineForm(forms.Form):
    """Which page of a person's timeline: the newest, or the one before a position ("Show earlier")."""

    before = forms.CharField(required=False)

    def clean_before(self):
        token = self.cleaned_data["before"]
        if not token:
            return None
        try:
            if len(token) > 500:  # a token is about a hundred characters
                raise ValueError(token)
            return position_from_token(token)
        except ValueError:
            raise forms.ValidationError(
                _("This link to earlier entries is not valid. Here are the newest entries.")
            ) from None
