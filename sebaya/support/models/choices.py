"""The choices a help request and a supporter's profile share: topics, tiers, urgency,
preferences, weekly times."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    ACADEMIC = "academic", _("Academic stress")
    FAMILY = "family", _("Family")
    RELATIONSHIPS = "relationships", _("Friendship and relationships")
    BULLYING = "bullying", _("Bullying")
    ANXIETY = "anxiety", _("Anxiety or worry")
    LOW_MOOD = "low_mood", _("Low mood")
    GRIEF = "grief", _("Grief and loss")
    ADJUSTMENT = "adjustment", _("Adjusting to a new school")
    OTHER = "other", _("Something else")


class Tier(models.TextChoices):
    PEER = "peer", _("Peer supporter")
    COUNSELOR = "counselor", _("Counselor")
    URGENT = "urgent", _("Counselor, urgently")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent: today")
    SOON = "soon", _("Soon: within two school days")
    ROUTINE = "routine", _("Routine: within a week")


URGENCY_ORDER = {Urgency.URGENT: 0, Urgency.SOON: 1, Urgency.ROUTINE: 2}


class HelperPreference(models.TextChoices):
    EITHER = "either", _("Either is fine")
    PEER = "peer", _("A trained friend (peer supporter)")
    COUNSELOR = "counselor", _("A counselor")


class GenderPreference(models.TextChoices):
    ANY = "any", _("No preference")
    FEMALE = "female", _("A woman or girl")
    MALE = "male", _("A man or boy")


class Mode(models.TextChoices):
    EITHER = "either", _("Either")
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online (chat in Sebaya)")


# Weekly times, as codes "mon_morning" ... "sun_evening"; the same codes for a supporter's
# availability and a request's suitable times.
DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
PARTS = [("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening"))]
TIME_SLOTS = [f"{day}_{part}" for day, _d in DAYS for part, _p in PARTS]
