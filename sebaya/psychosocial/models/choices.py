"""The fixed lists of the psychosocial response (docs/PSYCHOSOCIAL.md says where each comes from)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IncidentKind(models.TextChoices):
    FLOOD = "flood", _("Flood")
    EARTHQUAKE = "earthquake", _("Earthquake")
    LANDSLIDE = "landslide", _("Landslide")
    FIRE = "fire", _("Fire")
    VIOLENCE = "violence", _("Violence")
    DEATH = "death", _("Death in the community")
    ACCIDENT = "accident", _("Accident")
    OTHER = "other", _("Other")


class IncidentStatus(models.TextChoices):
    ACTIVE = "active", _("Emergency response")
    RECOVERY = "recovery", _("Recovery")
    CLOSED = "closed", _("Closed")


class Exposure(models.TextChoices):
    """What happened to a person in the incident: how near it came (the levels an incident uses
    are chosen when it is recorded)."""

    LOST_FAMILY = "lost_family", _("Lost a family member")
    FAMILY_MISSING = "family_missing", _("A family member is missing")
    INJURED = "injured", _("Injured")
    HOME_DESTROYED = "home_destroyed", _("Home destroyed")
    HOME_DAMAGED = "home_damaged", _("Home damaged")
    DISPLACED = "displaced", _("Had to leave home")
    WITNESSED_DEATH = "witnessed_death", _("Saw someone die or be badly hurt")
    LOST_LIVELIHOOD = "lost_livelihood", _("Lost their work or income")


class Vulnerability(models.TextChoices):
    """Who needs looking after first (WHO PFA's priority groups)."""

    SEPARATED_CHILD = "separated_child", _("Child separated from their caregivers")
    UNACCOMPANIED_CHILD = "unaccompanied_child", _("Child with no adult at all")
    OLDER_ALONE = "older_alone", _("Older person alone")
    DISABILITY = "disability", _("Disability")
    PREGNANT = "pregnant", _("Pregnant")
    CHRONIC_ILLNESS = "chronic_illness", _("Chronic illness")


# A child on their own is a protection matter before anything else.
CHILD_ALONE = frozenset({Vulnerability.SEPARATED_CHILD, Vulnerability.UNACCOMPANIED_CHILD})


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")


class Relation(models.TextChoices):
    """A person's place in their household (keluarga)."""

    HEAD = "head", _("Head of the family")
    SPOUSE = "spouse", _("Husband or wife")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    RELATIVE = "relative", _("Other relative")
    OTHER = "other", _("Other")


class ConsentNoted(models.TextChoices):
    SELF = "self", _("Agreed themselves")
    GUARDIAN = "guardian", _("A parent or guardian agreed")
    DECLINED = "declined", _("Did not agree: only what is needed for their safety is kept")
    NOT_YET = "not_yet", _("Not asked yet (could not be asked now)")


# --- Psychological first aid (WHO, 2011: look, listen, link) ------------------------------------


class LookSign(models.TextChoices):
    """What the field worker saw on "look": safety, urgent basic needs, serious distress."""

    UNSAFE = "unsafe", _("Not safe where they are")
    URGENT_NEEDS = "urgent_needs", _("Urgent basic needs (water, food, shelter, medicine)")
    SERIOUS_DISTRESS = "serious_distress", _("Serious distress (confused, very agitated, withdrawn)")
    CHILD_ALONE = "child_alone", _("A child without their caregivers")


class ReferNow(models.TextChoices):
    """WHO PFA's people who need more advanced support at once: each raises an alert."""

    INJURY = "injury", _("Serious, life-threatening injury")
    CANNOT_CARE = "cannot_care", _("So upset they cannot care for themselves or their children")
    HARM_SELF = "harm_self", _("May hurt themselves")
    HARM_OTHERS = "harm_others", _("May hurt others")


class Concern(models.TextChoices):
    """ "Listen": what worries the person most, in a few taps."""

    FAMILY = "family", _("Family missing or apart")
    SHELTER = "shelter", _("A place to stay")
    FOOD_WATER = "food_water", _("Food and water")
    HEALTH = "health", _("Health or medicine")
    CHILDREN = "children", _("Their children")
    MONEY = "money", _("Work or money")
    DOCUMENTS = "documents", _("Lost documents")
    SAFETY = "safety", _("Safety")
    GRIEF = "grief", _("Grief for someone who died")
    SLEEP = "sleep", _("Cannot sleep or rest")


class LinkService(models.TextChoices):
    """ "Link": the services and people the person was put in touch with."""

    HEALTH = "health", _("Health post or puskesmas")
    SHELTER = "shelter", _("Shelter")
    FOOD = "food", _("Food and water")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    DOCUMENTS = "documents", _("Documents")
    EDUCATION = "education", _("School or education")
    LEGAL = "legal", _("Legal help")
    COUNSELOR = "counselor", pgettext_lazy("service linked", "A counselor")
    PARTNER = "partner", _("A partner organization")


# --- Needs ---------------------------------------------------------------------------------------


class NeedKind(models.TextChoices):
    SAFETY = "safety", _("Safety")
    SHELTER = "shelter", _("Shelter")
    FOOD_WATER = "food_water", _("Food and water")
    HEALTH = "health", _("Health")
    FAMILY_SEPARATION = "family_separation", _("Family separation")
    DOCUMENTS = "documents", _("Documents")
    EDUCATION = "education", _("Education")
    LIVELIHOOD = "livelihood", _("Livelihood")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")


class NeedStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("need status", "Open")
    IN_PROGRESS = "in_progress", _("Being handled")
    MET = "met", _("Met")
    REFERRED = "referred", _("Handed to another service")
    CANNOT_MEET = "cannot_meet", _("Cannot be met now")


OPEN_NEEDS = frozenset({NeedStatus.OPEN, NeedStatus.IN_PROGRESS})


class NeedSource(models.TextChoices):
    REGISTRATION = "registration", _("Found at registration")
    CONTACT = "contact", _("Found in a PFA contact")
    FOLLOW_UP = "follow_up", _("Found at a follow-up")
    ADDED = "added", _("Added by hand")


# --- Follow-ups ----------------------------------------------------------------------------------

# Days after registration (NICE NG116: active monitoring, screening after about a month).
DEFAULT_FOLLOW_UP_DAYS = (7, 30, 90)


class FollowUpStatus(models.TextChoices):
    DUE = "due", _("To do")
    DONE = "done", _("Done")
    NOT_REACHED = "not_reached", _("Could not be reached")
    DECLINED = "declined", _("Did not want a follow-up")
