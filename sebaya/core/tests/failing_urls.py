"""A URLconf with a view that fails, for test_error_pages: Sebaya's own URLs plus /boom/."""

from django.urls import path

from sebaya.urls import handler500, urlpatterns  # noqa: F401 - handler500 is read from here


def boom(request):
    raise RuntimeError("a failing view")


urlpatterns = [*urlpatterns, path("boom/", boom)]
