"""Optimistic locking, shared by every record that two people may edit at once.

A record carries a `version`; a service saves with
`filter(pk=…, version=v).update(…, version=F("version") + 1)` and raises `EditConflict` with the
record as saved meanwhile when no row matched. The page then answers 409, keeps the user's text
in the form and shows the saved version beside it (`SAVED_MEANWHILE`).
"""

from django.utils.translation import gettext_lazy

SAVED_MEANWHILE = gettext_lazy(
    "Someone else saved this record while you were editing. "
    "Your text is kept in the form; save again to keep it."
)


class EditConflict(Exception):
    """Someone saved this record after the version being edited. `current` is the record now."""

    def __init__(self, current):
        super().__init__(str(current.pk))
        self.current = current
