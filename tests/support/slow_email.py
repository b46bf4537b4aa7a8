"""An email backend for the worker kill test: it marks that sending started, then hangs.

The test kills the worker with SIGKILL while it hangs here, in the middle of a delivery.
"""

import os
import pathlib
import time

from django.core.mail.backends.base import BaseEmailBackend


class HangingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        pathlib.Path(os.environ["SEBAYA_TEST_SENDING_MARKER"]).write_text("sending")
        time.sleep(600)
        return 0
