"""The dashboard's choices: a period (a semester or a school year), a grade, a gender, a level of
care. Anything else is refused with a message, never guessed."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.evaluation import period as periods
from sebaya.evaluation.reach import TIERS
from sebaya.kernel.suppression import ALL
from sebaya.people.models import Gender


class DashboardForm(forms.Form):
    periode = forms.ChoiceField(label=_("Period"))
    kelas = forms.ChoiceField(label=_("Grade"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    layanan = forms.ChoiceField(label=_("Level of care"), required=False)

    def __init__(self, data=None, *, today: datetime.date, grades: list[str]):
        super().__init__(data)
        self.today = today
        self.fields["periode"].choices = [(p.code, p.label) for p in periods.choices(today)]
        everyone = ("", _("All"))
        self.fields["kelas"].choices = [everyone] + [(g, g) for g in grades if g] + [("-", _("No grade"))]
        self.fields["gender"].choices = [everyone, *Gender.choices]
        self.fields["layanan"].choices = [everyone] + [
            (code, label) for code, label in TIERS if code != "any"
        ]

    def chosen(self):
        """(period, grade, gender, tier), ALL where nothing is chosen."""
        data = self.cleaned_data
        grade = {"": ALL, "-": ""}.get(data.get("kelas") or "", data.get("kelas"))
        return (
            periods.parse(data["periode"]),
            grade,
            data.get("gender") or ALL,
            data.get("layanan") or ALL,
        )

    def default_period(self):
        return periods.current(self.today)
