from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.programs.curriculum import practice_checklist
from sebaya.programs.models import Module


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
