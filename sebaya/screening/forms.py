from django import forms
from django.utils.translation import gettext_lazy as _


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
