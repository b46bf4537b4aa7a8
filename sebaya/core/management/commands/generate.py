import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sebaya.core.demo import DEMO_TOTP_SECRET
from sebaya.core.generate import GENERATED_PASSWORD, AlreadyGenerated, Impossible, Options, generate


class Command(BaseCommand):
    help = (
        "Build a large, realistic, deterministic data set (organizations gen-1, gen-2, …) for "
        "dashboards and performance work. Refuses when generated organizations exist: use a new database."
    )

    def add_arguments(self, parser):
        defaults = Options()
        for name in (
            "networks",
            "orgs",
            "people",
            "screening-results",
            "sessions",
            "help-requests",
            "messages",
            "cases",
        ):
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name.replace("-", "_")))
        parser.add_argument("--seed", type=int, default=1, help="Same seed and options, same data.")
        parser.add_argument("--months", type=int, default=12, help="Length of the history, ending yesterday.")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD; default today."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "Generated accounts share a public password: `sebaya generate` refuses production."
            )
        chosen = Options(
            networks=options["networks"],
            orgs=options["orgs"],
            people=options["people"],
            screening_results=options["screening_results"],
            sessions=options["sessions"],
            help_requests=options["help_requests"],
            messages=options["messages"],
            cases=options["cases"],
            seed=options["seed"],
            months=options["months"],
            today=options["today"] or datetime.date.today(),
        )
        started = time.monotonic()
        try:
            built = generate(chosen, progress=lambda line: self.stdout.write(f"  {line}"))
        except AlreadyGenerated:
            raise CommandError(
                "Generated organizations (gen-…) exist already; nothing was written. "
                "Generate into a new database (or flush this one)."
            ) from None
        except Impossible as error:
            raise CommandError(f"{error} Nothing was written.") from None
        seconds = time.monotonic() - started
        total = sum(built["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {total:,} rows in {seconds:.1f} s ({total / max(seconds, 1e-9):,.0f} rows/s):"
            )
        )
        for label, n in built["counts"].items():
            self.stdout.write(f"  {label:<34} {n:>12,}")
        self.stdout.write(f"Sign in at {settings.SEBAYA_BASE_URL} with (first two organizations shown):")
        for username, role, org in built["accounts"]:
            self.stdout.write(f"  {username:<24} {role:<16} {org}")
        self.stdout.write(f"Password for every generated account: {GENERATED_PASSWORD}")
        self.stdout.write(
            "Counselors, coordinators and admins use two-step sign-in with the demo's secret "
            f"{DEMO_TOTP_SECRET}: run `sebaya democode` for the current code."
        )
