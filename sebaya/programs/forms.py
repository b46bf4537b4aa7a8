from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.fields import (
    DATE_INPUT,
    DATETIME_INPUT,
    SCALE,
    PersonPickerField,
    scale_widget,
    text_field,
    time_slots_widget,
)
from sebaya.people.models import LANGUAGE_CHOICES
from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.models import Application, Module, SupervisionSession
from sebaya.support.models import DAYS, PARTS, Topic


class QuizForm(forms.Form):
    """One radio group per drawn question, options in the attempt's order."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions  # [(question, [option indexes in order])]
        for number, (question, order) in enumerate(questions, start=1):
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(index, question.option_text(index)) for index in order],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer to this question.")},
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{number}"] for number in range(1, len(self.questions) + 1)]


class PracticeForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        english = (get_language() or "id").startswith("en")
        for item in practice_checklist():
            self.fields[f"item_{item['code']}"] = forms.BooleanField(
                label=item["en"] if english else item["id"], required=False
            )
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])

    def checklist(self) -> dict:
        return {
            item["code"]: bool(self.cleaned_data.get(f"item_{item['code']}")) for item in practice_checklist()
        }


class ModuleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Module
        fields = [
            "title_id",
            "title_en",
            "summary_id",
            "summary_en",
            "content_id",
            "content_en",
            "minutes",
            "pass_mark",
            "quiz_size",
            "is_active",
        ]
        widgets = {
            "content_id": forms.Textarea(attrs={"rows": 16}),
            "content_en": forms.Textarea(attrs={"rows": 16}),
            "summary_id": forms.Textarea(attrs={"rows": 2}),
            "summary_en": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_quiz_size(self):
        size = self.cleaned_data["quiz_size"]
        if self.instance.pk and size > self.instance.questions.filter(is_active=True).count():
            raise forms.ValidationError(_("The question bank has fewer questions than that."))
        return size


# --- Recruitment, selection, live sessions, supervision, the supporter's own profile ---------------------


def slot_choices():
    return [
        (f"{day}_{part}", f"{day_label} · {part_label}")
        for day, day_label in DAYS
        for part, part_label in PARTS
    ]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = text_field(_("What we are looking for (shown to everyone)"))
    where = forms.CharField(label=_("Where (briefing, interviews)"), max_length=200, required=False)
    opens_on = forms.DateField(label=_("Applications open"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Applications close"), widget=DATE_INPUT)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=10)
    guardian_consent = forms.BooleanField(
        label=_("Applicants under 18 need a parent's or guardian's consent"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return data


class ApplicationForm(forms.Form):
    motivation = text_field(
        _("Why would you like to be a peer supporter?"),
        required=True,
        rows=5,
        help_text=_("There is no right answer. A few sentences in your own words are enough."),
    )
    experience = text_field(
        _("Anything you have done that helped others (optional)"),
        help_text=_("For example: class officer, scouts, helping a friend through a hard time."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When could you usually be available?"),
        required=False,
        widget=time_slots_widget(),
    )
    guardian_name = forms.CharField(
        label=_("Your parent's or guardian's name"), max_length=200, required=False
    )
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian knows about this application and agrees to it."), required=False
    )

    def __init__(self, *args, needs_consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["availability"].choices = slot_choices()
        self.needs_consent = needs_consent
        if not needs_consent:
            del self.fields["guardian_name"]
            del self.fields["guardian_consent"]

    def clean(self):
        data = super().clean()
        if self.needs_consent:
            if not (data.get("guardian_name") or "").strip():
                self.add_error("guardian_name", _("Please write your parent's or guardian's name."))
            if not data.get("guardian_consent"):
                self.add_error(
                    "guardian_consent",
                    _("Please talk with your parent or guardian first, then tick this box."),
                )
        return data


class NominationForm(forms.Form):
    person = PersonPickerField(
        label=_("Who"),
        queryset=None,
        label_of=lambda m: m.picker_label,
        help_text=_("Type a few letters of their name, then choose them from the list."),
    )
    reason = text_field(
        _("Why them (the nominee sees that they were nominated, not this text)"), required=True
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = memberships


class ScoreForm(forms.Form):
    """One 1–5 choice per criterion of the rubric."""

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for criterion in rubric:
            self.fields[f"c_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight})",
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please give a score from 1 to 5.")},
            )

    def scores(self) -> dict:
        return {str(c.pk): self.cleaned_data[f"c_{c.pk}"] for c in self.rubric}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = text_field(
        _("Reason (kept for the panel's records; the applicant receives a kind message, not this)"),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Application.Status.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in Application.DECISIONS]


class CriterionForm(forms.Form):
    name_id = forms.CharField(label=_("Name (Indonesian)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class LiveSessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(organization=organization, is_active=True)


class SupervisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), widget=forms.RadioSelect)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    supporters = forms.ModelMultipleChoiceField(
        label=_("Peer supporters expected"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SupervisionSession.Kind.choices
        self.fields["kind"].initial = SupervisionSession.Kind.GROUP
        self.fields["supporters"].queryset = profiles
        self.fields["supporters"].label_from_instance = lambda p: p.membership.person.full_name

    def clean(self):
        data = super().clean()
        if data.get("kind") == SupervisionSession.Kind.INDIVIDUAL and len(data.get("supporters") or []) != 1:
            self.add_error("supporters", _("An individual session is with exactly one peer supporter."))
        return data


class SupervisionAttendanceForm(forms.Form):
    """Who came. The version guards against two people taking attendance at once."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"present_{row.supporter_id}"] = forms.BooleanField(
                label=_("%(name)s was there") % {"name": row.supporter.membership.person.full_name},
                required=False,
            )

    def present(self) -> set:
        return {row.supporter_id for row in self.rows if self.cleaned_data.get(f"present_{row.supporter_id}")}


class SupervisionRecordForm(SupervisionAttendanceForm):
    """The supervisor's record: attendance, a rating for each one present, and the notes."""

    notes = text_field(_("Notes (encrypted; only you, the supervisor, read them)"), rows=5)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, rows=rows, **kwargs)
        for row in rows:
            self.fields[f"rating_{row.supporter_id}"] = forms.TypedChoiceField(
                label=_("Rating for %(name)s (1–5, optional)")
                % {"name": row.supporter.membership.person.full_name},
                choices=[("", _("No rating")), *SCALE],  # a mis-tap can be taken back
                coerce=int,
                empty_value=None,
                required=False,
                widget=scale_widget(),
            )
        # Each rating right after its attendance box; the notes last.
        order = ["version"]
        for row in rows:
            order += [f"present_{row.supporter_id}", f"rating_{row.supporter_id}"]
        self.order_fields([*order, "notes"])

    def clean(self):
        data = super().clean()
        for row in self.rows:
            if data.get(f"rating_{row.supporter_id}") and not data.get(f"present_{row.supporter_id}"):
                self.add_error(f"rating_{row.supporter_id}", _("Only someone who was there can be rated."))
        return data

    def ratings(self) -> dict:
        return {
            row.supporter_id: self.cleaned_data[f"rating_{row.supporter_id}"]
            for row in self.rows
            if self.cleaned_data.get(f"present_{row.supporter_id}")
            and self.cleaned_data.get(f"rating_{row.supporter_id}")
        }


class MyAvailabilityForm(forms.Form):
    availability = forms.MultipleChoiceField(
        label=_("When I am available"), required=False, widget=time_slots_widget()
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics I am comfortable with"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can help in"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["availability"].choices = slot_choices()
        self.fields["topics"].choices = Topic.choices
        self.fields["languages"].choices = LANGUAGE_CHOICES


class PauseForm(forms.Form):
    note = forms.CharField(
        label=_("A note for your coordinator (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: exams until the 20th. You do not have to explain."),
    )
