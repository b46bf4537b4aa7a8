import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English; tests of other languages switch explicitly."""
    with translation.override("en"):
        yield
