"""Forms of the BK program pages: the program, its items, the semester placements and the RPL."""

from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from sebaya import access
from sebaya.counseling.models import Domain, ServiceType
from sebaya.guidance.models.choices import Component, Semester
from sebaya.guidance.services.program import SCHOOL_MONTHS
from sebaya.kernel.fields import DATE_INPUT, DATE_RANGE, text_field


class ProgramNewForm(forms.Form):
    school_year = forms.CharField(
        label=_("School year"), max_length=9, help_text=_("Two consecutive years, for example 2026/2027.")
    )
    grade = forms.ChoiceField(
        label=_("Grade"),
        required=False,
        help_text=_("A grade of the roster (its students' needs make the items), or the whole school."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty for a title made for you.")
    )
    with_defaults = forms.BooleanField(
        label=_("Start with the usual topics of each component (you can change them)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", _("Whole school")), *((g, g) for g in grades)]


class ProgramTextForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    rationale = text_field(_("Rationale"), rows=6, max_length=10000)
    needs_summary = text_field(
        _("Needs found"),
        rows=5,
        max_length=10000,
        help_text=_("What the needs assessment showed, in a few sentences."),
    )
    vision_mission = text_field(_("Vision and mission of the BK service"), rows=4, max_length=5000)
    needs_rounds = forms.ModelMultipleChoiceField(
        label=_("Needs assessments the program is built from"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs_rounds"].queryset = rounds
        self.fields["needs_rounds"].label_from_instance = lambda r: r.title
        if not rounds.exists():
            del self.fields["needs_rounds"]


def month_choices():
    return [(m, MONTHS[m]) for m in SCHOOL_MONTHS]


class ItemForm(forms.Form):
    component = forms.ChoiceField(label=_("Component"), choices=Component.choices)
    domain = forms.ChoiceField(label=_("Bidang"), choices=Domain.choices)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    need = forms.CharField(
        label=_("Need it answers"),
        max_length=300,
        required=False,
        help_text=_("In the words of the needs assessment, when it answers one."),
    )
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    months = forms.TypedMultipleChoiceField(
        label=_("Planned months"),
        choices=month_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "days"}),
    )
    responsible = forms.ModelChoiceField(label=_("Person responsible"), queryset=None, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = access.assignable_counselors(organization).select_related("person")
        field.label_from_instance = lambda u: u.person.full_name if u.person_id else u.get_username()


class PlacementForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Topic"), queryset=None)
    week_of = forms.DateField(
        label=_("Week of"), widget=DATE_INPUT, validators=DATE_RANGE, help_text=_("Any day of the week.")
    )
    class_name = forms.CharField(
        label=_("Class"), max_length=40, required=False, help_text=_("Leave empty for every class.")
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = program.items.all()


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Topic"), max_length=200)
    component = forms.ChoiceField(label=_("Component"), choices=Component.choices)
    domain = forms.ChoiceField(label=_("Bidang"), choices=Domain.choices)
    service_type = forms.ChoiceField(label=_("Service"), choices=ServiceType.choices)
    school_year = forms.CharField(label=_("School year"), max_length=9)
    semester = forms.TypedChoiceField(label=_("Semester"), choices=Semester.choices, coerce=int)
    audience = forms.CharField(
        label=_("For whom"),
        max_length=200,
        required=False,
        help_text=_("A class or grade, for example XI IPS 2."),
    )
    minutes = forms.IntegerField(label=_("Time (minutes)"), min_value=5, max_value=480, initial=45)
    goals = text_field(
        _("Goals"), required=True, rows=4, help_text=_("The general goal and the specific goals.")
    )
    method = text_field(_("Method and technique"), rows=2)
    materials = text_field(_("Media and materials"), rows=2)
    opening = text_field(_("Steps: opening"), rows=3)
    core = text_field(_("Steps: core activity"), rows=5)
    closing = text_field(_("Steps: closing"), rows=3)
    evaluation = text_field(_("Evaluation (process and result)"), rows=3)
