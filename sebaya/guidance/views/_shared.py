"""The form pages' common step: a POSTed form, once valid, is handed to a service; when the
service refuses, its message goes on the form and the user's input stays, and when someone saved
the record meanwhile the form keeps the user's text and names the saved version (409).

    sent = submit(request, form, lambda data: services.thing_save(..., **data), ActivityError)
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect(...)
    return render(request, template, context, status=edit_status(request, sent.conflict))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from sebaya.kernel.versioning import EditConflict, keep_edit


@dataclass
class Sent:
    saved: bool = False
    result: Any = None  # what the service returned
    conflict: Any = None  # the record as saved meanwhile, after an EditConflict


def error_messages(error: Exception) -> list[str]:
    """The translated messages of a service's refusal: a ValidationError's, a NotAllowedNow's
    `message`, or the text of the exception (ActivityError)."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(getattr(error, "message", None) or error)]


def submit(request, form, save, errors=(ValidationError,), *, field: str | None = None) -> Sent:
    """Call `save(form.cleaned_data)` when the request is a POST and the form is valid. A refusal
    among `errors` adds its message to the form (to `field`, or the whole form)."""
    if request.method != "POST" or not form.is_valid():
        return Sent()
    try:
        result = save(form.cleaned_data)
    except EditConflict as clash:
        return Sent(conflict=keep_edit(form, clash))
    except errors as error:
        for message in error_messages(error):
            form.add_error(field, message)
        return Sent()
    return Sent(saved=True, result=result)
