"""The privacy app's models, one module per use case."""

from sebaya.privacy.models.consent import *  # noqa: F401,F403
from sebaya.privacy.models.exports import *  # noqa: F401,F403
