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


def keep_edit(form, clash: EditConflict, message=SAVED_MEANWHILE):
    """The edit-conflict answer on a form: the error says so once, the user's text stays, and the
    form now names the saved version, so saving again keeps theirs. Returns the saved record
    (for the page to show beside the form, with `edit_status`)."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = clash.current.version
    return clash.current


def edit_status(request, conflict) -> int:
    """The status of an edit page: 409 after a conflict, 400 for a form sent back, else 200."""
    if conflict:
        return 409
    return 400 if request.method == "POST" else 200
