"""The fixed lists of the psychosocial response (docs/PSYCHOSOCIAL.md says where each comes from)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
