"""The lines to call in a crisis: Indonesia's national lines and each organization's own contacts.

The crisis page (core) and every page that shows the lines beside a student's words (support,
screening) take them from here, so no app needs the shell to show them.
"""

from django.utils.translation import gettext_lazy as _

# Indonesia's national lines, shown on the crisis page of every organization.
NATIONAL_LINES = [
    {
        "name": _("Mental health line (Healing 119)"),
        "phone": "119",
        "dial": "119",
        "extension": _("press extension 8"),
        "description": _("Free, 24 hours, from the Ministry of Health. Call 119 and choose extension 8."),
    },
    {
        "name": _("Emergency (police, ambulance, fire)"),
        "phone": "112",
        "dial": "112",
        "extension": "",
        "description": _("If someone is in danger right now."),
    },
]
NATIONAL_WEBSITE = "https://healing119.id"


def crisis_context(organizations) -> dict:
    """What the crisis lines need: the national lines and these organizations' own contacts."""
    return {
        "national_lines": NATIONAL_LINES,
        "national_website": NATIONAL_WEBSITE,
        "organizations": organizations,
    }
