"""The errors every app's services share."""


class NotAllowedNow(Exception):
    """The record is in a state where this cannot happen now (closed, withdrawn, full…).

    `code` says which, so the view can tell the person why. Each app raises its own subclass
    (`support.services.NotAllowedNow`, `counseling.services.NotAllowedNow`…): a view that calls
    two apps' services can still tell whose refusal it is."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
