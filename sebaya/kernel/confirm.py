"""A second, deliberate tap before what cannot be undone or hurts if mis-tapped.

The first form (a button on the page) posts without `confirm`; the view then answers with a page
that says what will happen, with "Go back" as the default choice and the action as a separate
button that re-posts the same fields with `confirm=yes`. The server checks the field, so a stray
tap, a double tap or a script without it changes nothing. Works without JavaScript.

    if not confirm.confirmed(request):
        return confirm.ask(request, title=..., question=..., action=_("Cancel the round"), back=url)
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

FIELD = "confirm"
YES = "yes"
# Fields the confirmation page never carries over: the form's own token and the answer itself.
_NOT_CARRIED = {"csrfmiddlewaretoken", FIELD}


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get(FIELD) == YES


def ask(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    action: str,
    back: str,
    back_label: str = "",
    danger: bool = True,
) -> HttpResponse:
    """The confirmation page, posting back to the same URL with what was sent and `confirm=yes`."""
    carried = [
        (name, value)
        for name in request.POST
        if name not in _NOT_CARRIED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "action_label": action,
            "back": back,
            "back_label": back_label,
            "carried": carried,
            "danger": danger,
        },
    )
