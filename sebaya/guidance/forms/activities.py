"""Forms of the activities: the activity, a meeting, a material, registering, the list of who
came, a meeting's notes, the evaluation and a facilitator's concern."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import Domain
from sebaya.guidance.models import Activity, Campaign, ServicePlan
from sebaya.guidance.services.activities import DEFAULT_AGREEMENT, EDITABLE_FIELDS, MATERIAL_MAX_BYTES
from sebaya.kernel.fields import (
    DATE_INPUT,
    DATE_RANGE,
    ModelMultipleChoiceField,
    PersonPickerField,
    text_field,
)
from sebaya.safety.models import RiskLevel


def _user_label(user) -> str:
    return user.person.full_name if user.person_id else user.get_username()


class FacilitatorsField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return _user_label(obj)


class SupervisorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _user_label(obj)


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = text_field(_("Description"), rows=3)
    domain = forms.ChoiceField(label=_("Bidang"), choices=[("", "—"), *Domain.choices], required=False)
    plan = forms.ModelChoiceField(
        label=_("The service plan (RPL) it delivers"), queryset=ServicePlan.objects.none(), required=False
    )
    campaign = forms.ModelChoiceField(
        label=_("The campaign it carries"), queryset=Campaign.objects.none(), required=False
    )
    audience = forms.ChoiceField(label=_("For whom"), choices=Activity.Audience.choices)
    audience_value = forms.CharField(
        label=_("Which class or grade"),
        max_length=100,
        required=False,
        help_text=_("For a class or a grade: its name as in the roster, for example X-1 or 10."),
    )
    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, max_value=1000, required=False, help_text=_("Empty: no limit.")
    )
    facilitators = FacilitatorsField(label=_("Facilitators"), queryset=None)
    supervisor = SupervisorField(
        label=_("Supervising counselor"),
        queryset=None,
        required=False,
        help_text=_("Needed when the group is led by peer supporters."),
    )
    # The settings of groups: kept only for the kinds that use them (the service drops them for
    # the others); the page's script shows them only for those kinds.
    agreement = text_field(
        _("Group agreement"),
        rows=5,
        help_text=_(
            "Groups only: participants accept it when they register. Left empty, a new group gets "
            "the standard agreement."
        ),
    )
    names_hidden = forms.BooleanField(
        label=_("Participants do not see each other's names (they choose a name to show)"),
        required=False,
        help_text=_("Support groups, group counseling and discussion groups only."),
    )
    GROUP_FIELDS = ("agreement", "names_hidden")

    def __init__(self, *args, organization, facilitators, counselors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitators
        self.fields["supervisor"].queryset = counselors
        self.fields["plan"].queryset = ServicePlan.objects.filter(organization=organization)
        self.fields["campaign"].queryset = Campaign.objects.filter(organization=organization)

    def group_settings(self) -> dict:
        """What the page's script needs to show the group settings for the kinds that use them."""
        return {
            "group_kinds": " ".join(sorted(Activity.GROUP_KINDS)),
            "names_hidden_kinds": " ".join(sorted(Activity.NAMES_HIDDEN_KINDS)),
            "names_hidden_default": Activity.Kind.SUPPORT_GROUP,
            "default_agreement": str(DEFAULT_AGREEMENT),
        }


class ActivityEditForm(ActivityForm):
    """The activity's form once it exists: also its status (cancelling is a status), and the
    version edited (optimistic locking)."""

    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, activity: Activity, **kwargs):
        kwargs["initial"] = {
            **{name: getattr(activity, name) for name in EDITABLE_FIELDS},
            "plan": activity.plan_id,
            "campaign": activity.campaign_id,
            "supervisor": activity.supervisor_id,
            "facilitators": list(activity.facilitators.values_list("pk", flat=True)),
            "version": activity.version,
        }
        super().__init__(*args, organization=activity.organization, **kwargs)


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, validators=DATE_RANGE)
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Start and end in the current (the organization's) time zone."""
        day = self.cleaned_data["date"]
        return (
            timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["start"])),
            timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["end"])),
        )


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, image, Word, PowerPoint or Excel; at most 5 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MATERIAL_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Please send a smaller one."))
        return upload


class RegisterForm(forms.Form):
    agree = forms.BooleanField(label=_("I have read the group agreement and I agree to it"), required=False)
    shown_name = forms.CharField(
        label=_("The name the group sees"),
        max_length=60,
        required=False,
        help_text=_("Any name you like. Empty: the group sees you as “Participant” and a number."),
    )


class EnrolForm(forms.Form):
    person = PersonPickerField(
        label=_("Who"),
        queryset=None,
        label_of=lambda m: f"{m.person.full_name} ({m.class_name})" if m.class_name else m.person.full_name,
        help_text=_("Type a few letters of their name, then choose them from the list."),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = memberships


class MeetingRecordForm(forms.Form):
    note = text_field(_("Notes on the meeting"), rows=4, max_length=5000)
    held = forms.BooleanField(label=_("The meeting was held"), required=False)


class EvaluationForm(forms.Form):
    process = text_field(_("Evaluation of the process"), rows=4, required=True)
    result = text_field(_("Evaluation of the result"), rows=4, required=True)
    done = forms.BooleanField(label=_("The activity is done"), required=False)


class ConcernForm(forms.Form):
    level = forms.ChoiceField(label=_("How serious"), choices=RiskLevel.choices, initial=RiskLevel.CONCERN)
    note = text_field(_("What you noticed"), rows=3)
