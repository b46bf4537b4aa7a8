from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from sebaya.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo
from sebaya.people.models import Role


class Command(BaseCommand):
    help = "Load the demo organizations and people (safe to run again) and print the sign-in accounts."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts share a public password: `sebaya demo` refuses production.")
        accounts = load_demo()
        role_labels = {role.value: str(role.label) for role in Role}
        role_labels["network_viewer"] = str(_("Network viewer"))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Sign in at {settings.SEBAYA_BASE_URL} with:"))
        self.stdout.write(f"  {'username':<19} {'role':<22} organization")
        for account in accounts:
            mark = " *" if account["totp"] else ""
            role = role_labels[account["role"]]
            self.stdout.write(f"  {account['username']:<19} {role:<22} {account['organization']}{mark}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(
            "* two-step sign-in: add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run `sebaya democode` for the current code."
        )
