from django import forms
from django.utils.translation import gettext_lazy as _

from sebaya.kernel.fields import (
    SCALE,
    PersonPickerField,
    id_field,
    scale_widget,
    text_field,
    time_slots_widget,
)
from sebaya.people.models import LANGUAGE_CHOICES
from sebaya.screening.instruments import get_instrument
from sebaya.support.models import (
    DAYS,
    PARTS,
    GenderPreference,
    HelperPreference,
    Mode,
    PeerSession,
    SupporterProfile,
    Tier,
    Topic,
    Urgency,
)

TEXT_LIMIT = 2000


def slot_choices():
    """The week's slots with their labels ("Senin · pagi"), made when a form is, in its language."""
    return [
        (f"{day}_{part}", f"{day_label} · {part_label}")
        for day, day_label in DAYS
        for part, part_label in PARTS
    ]


class HelpRequestForm(forms.Form):
    """Asking for help: short and kind; only the topic, the check and the safety question are needed."""

    topic = forms.ChoiceField(label=_("What is it about?"), choices=Topic.choices, widget=forms.RadioSelect)
    details = text_field(
        _("In a few words (optional)"),
        help_text=_("Write as much or as little as you like. Only the people helping you read it."),
    )
    helper = forms.ChoiceField(
        label=_("Who would you like to talk to?"),
        choices=HelperPreference.choices,
        initial=HelperPreference.EITHER,
        widget=forms.RadioSelect,
    )
    helper_gender = forms.ChoiceField(
        label=_("Would you prefer someone who is…"),
        choices=GenderPreference.choices,
        initial=GenderPreference.ANY,
        widget=forms.RadioSelect,
    )
    mode = forms.ChoiceField(
        label=_("How?"), choices=Mode.choices, initial=Mode.EITHER, widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        label=_("Which days suit you? (optional)"),
        choices=DAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "days"}),
    )
    parts = forms.MultipleChoiceField(
        label=_("What time of day? (optional)"),
        choices=PARTS,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "parts"}),
    )
    not_same_class = forms.BooleanField(label=_("Please, not someone from my class"), required=False)
    safety = forms.TypedChoiceField(
        label=_(
            "In the past two weeks, have you had thoughts that you would be better off dead, "
            "or of hurting yourself in some way?"
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "compact"}),
        error_messages={"required": _("Please answer this question: it helps us keep you safe.")},
    )

    # "Send it now to a counselor": the button the warning while typing offers when the words
    # read as crisis. Then only the words are needed; whatever else was answered is kept.
    now = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, ask_class=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_instrument = get_instrument("phq4")
        self.check_fields = []
        for item in self.check_instrument.items:
            name = f"check_{item.id}"
            self.fields[name] = forms.TypedChoiceField(
                label=str(item.text),
                choices=[(option.value, str(option.label)) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "compact"}),
                required=item.required,
                empty_value=None,
                error_messages={"required": _("Please choose an answer to this question.")},
            )
            self.check_fields.append(name)
        if not ask_class:  # anonymous: we do not know their class
            del self.fields["not_same_class"]
        self.order_fields(["topic", "details", *self.check_fields, "safety"])
        now = self.fields["now"]
        self.sent_now = self.is_bound and now.to_python(
            now.widget.value_from_datadict(self.data, self.files, self.add_prefix("now"))
        )
        if self.sent_now:
            self._only_the_words()

    def _only_the_words(self):
        """Sent now: the rest of the form may wait, the words may not be empty."""
        for field in self.fields.values():
            field.required = False
        self.fields["details"].required = True
        self.fields["details"].error_messages["required"] = _(
            "Please write a few words, so the counselor knows what is going on."
        )
        self.fields["safety"].empty_value = None

    @property
    def check_items(self):
        return [self[name] for name in self.check_fields]

    def times(self) -> list[str]:
        days = self.cleaned_data.get("days") or []
        parts = self.cleaned_data.get("parts") or []
        if not days and not parts:
            return []
        days = days or [code for code, _label in DAYS]
        parts = parts or [code for code, _label in PARTS]
        return [f"{day}_{part}" for day in days for part in parts]

    def submission(self) -> dict:
        data = self.cleaned_data
        answers = [data.get(name) for name in self.check_fields]
        if self.sent_now and None in answers:
            answers = []  # a check half answered in a hurry is no check: it is left out
        return {
            "topic": data["topic"] or Topic.OTHER,
            "details": data["details"].strip(),
            "helper": data["helper"] or HelperPreference.EITHER,
            "helper_gender": data["helper_gender"] or GenderPreference.ANY,
            "mode": data["mode"] or Mode.EITHER,
            "times": self.times(),
            "not_same_class": bool(data.get("not_same_class")),
            "check_answers": answers,
            "safety_answer": data["safety"],
            "asked_now": self.sent_now,
        }


class TypingCheckForm(forms.Form):
    """What the warning while typing reads: the words of one box (a help request's `details`, or a
    reply's or a message's `body`) and whether the warning is on the screen already. Nothing of it
    is kept."""

    details = forms.CharField(required=False, strip=False)
    body = forms.CharField(required=False, strip=False)
    warning_shown = forms.BooleanField(required=False)

    def text(self) -> str:
        # The boxes take at most TEXT_LIMIT characters; the detector never reads more than that.
        return (self.cleaned_data["details"] or self.cleaned_data["body"])[:TEXT_LIMIT]

    @property
    def is_help_request(self) -> bool:
        """Words from the help request form, which can be sent at once to a counselor."""
        return bool(self.cleaned_data["details"])


class ReturnForm(forms.Form):
    code = forms.CharField(label=_("Your request code"), max_length=12, help_text=_("For example: K7QM-2XWA"))
    pin = forms.RegexField(
        label=_("Your PIN"),
        regex=r"^\d{6}$",
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": _("The PIN has six digits.")},
    )


class ReplyForm(forms.Form):
    body = text_field(_("Your message"), required=True)


class TriageForm(forms.Form):
    tier = forms.ChoiceField(label=_("Who should help"), choices=Tier.choices)
    urgency = forms.ChoiceField(label=_("How soon"), choices=Urgency.choices)
    reason = text_field(_("Reason (needed when you change the recommendation)"), rows=2)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        data = super().clean()
        changed = self.current and (data.get("tier"), data.get("urgency")) != (
            self.current.tier,
            self.current.urgency,
        )
        if changed and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please say why you are changing the recommendation."))
        return data


class MatchForm(forms.Form):
    supporter = forms.UUIDField(widget=forms.HiddenInput)


class ReassignForm(MatchForm):
    note = text_field(_("Why"), required=True)


class HandOverForm(forms.Form):
    note = text_field(_("Hand-over note"), required=True, help_text=_("What the next helper needs to know."))


class PeerSessionForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    mood_before = forms.TypedChoiceField(
        label=_("Their mood before"),
        choices=SCALE,
        coerce=int,
        widget=scale_widget(),
        help_text=_("1 = very low, 5 = very good"),
    )
    mood_after = forms.TypedChoiceField(
        label=_("Their mood after"),
        choices=SCALE,
        coerce=int,
        widget=scale_widget(),
        help_text=_("1 = very low, 5 = very good"),
    )

    class Meta:
        model = PeerSession
        fields = [
            "date",
            "mode",
            "duration_minutes",
            "topics",
            "mood_before",
            "mood_after",
            "note",
            "concern",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
        }
        help_texts = {"concern": _("A counselor is told at once.")}

    def clean_note(self):
        note = self.cleaned_data["note"]
        if len(note) > TEXT_LIMIT:
            raise forms.ValidationError(_("Please keep the note under %(n)s characters.") % {"n": TEXT_LIMIT})
        return note


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_LIMIT}),
    )


class CloseForm(forms.Form):
    closing_note = text_field(_("Closing note"), required=True)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How helpful was it?"),
        choices=SCALE,
        coerce=int,
        widget=scale_widget(),
        help_text=_("1 = not helpful, 5 = very helpful"),
    )
    comment = text_field(_("Anything you would like to say (optional)"), rows=2)


class SupervisionNoteForm(forms.Form):
    body = text_field(_("Supervision note"), required=True)


class SupporterProfileForm(forms.ModelForm):
    availability = forms.MultipleChoiceField(
        label=_("When available"),
        choices=slot_choices,
        required=False,
        widget=time_slots_widget(),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics they have experience with"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    languages = forms.MultipleChoiceField(
        label=_("Languages they can help in"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SupporterProfile
        # Certification comes from the training program (programs.services.certify), not from here.
        fields = ["status", "capacity", "buddy_capacity", "supervisor", "availability", "topics", "languages"]

    def __init__(self, *args, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = counselors
        self.fields["supervisor"].label_from_instance = lambda user: (
            user.person.full_name if user.person_id else user.get_username()
        )
        self.fields["availability"].choices = [
            (f"{day}_{part}", f"{day_label} · {part_label}")
            for day, day_label in DAYS
            for part, part_label in PARTS
        ]


class BuddyIntakeForm(forms.Form):
    grade = forms.ChoiceField(label=_("New students of grade"))

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]


class BuddyEditForm(forms.Form):
    pair = id_field()
    buddy = forms.UUIDField()


class ConflictRemoveForm(forms.Form):
    person = forms.UUIDField()


class ConflictForm(forms.Form):
    """Whom the supporter must never be matched with, found by typing part of their name."""

    person = PersonPickerField(
        label=_("Never match with"),
        queryset=None,
        label_of=lambda m: m.picker_label,
        error_messages={"required": _("Choose a name from the list (type a few letters to see it).")},
        help_text=_(
            "Type a few letters of their name, then choose them from the list. For example a sibling, "
            "an ex-partner, or someone they have a conflict with."
        ),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = memberships
