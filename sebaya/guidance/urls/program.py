"""program pages (filled in by issue 15)."""

urlpatterns: list = []
