"""A user's iCalendar feed: a secret address their phone's calendar app subscribes to."""

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """Only a hash of the secret is kept: the address is shown once, and resetting it makes the
    old one answer 404."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="one_feed_per_user")]

    def __str__(self) -> str:
        return f"feed {self.user_id}"
