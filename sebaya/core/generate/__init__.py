"""`sebaya generate`: a large, realistic, deterministic database for evaluation dashboards and
performance work (issues 17 and 18).

Rows are written straight into the tables (`writer`: COPY on PostgreSQL, `bulk_create` elsewhere),
never through the services, with their historic dates. The same options and seed give the same
data: every organization draws from its own `random.Random`, ids included. Organizations are
`gen-<n>`; the command refuses to run when any `gen-` organization exists (use a new database).

One module per thing built: `plan` (the totals spread over the organizations, the clock),
`organizations` (networks, organizations, people, staff and supporters, accounts), `screening`
(rounds, invitations, results), `support` (help requests, relationships, sessions, messages,
transitions), `counseling` (cases, sessions, measures, referrals, follow-ups), `alerts`,
`supervision`, `words`, and `writer`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.db import transaction

from sebaya.core.generate.counseling import build_cases, measure_budget
from sebaya.core.generate.organizations import (
    GENERATED_PASSWORD,
    Accounts,
    build_networks,
    build_organization,
)
from sebaya.core.generate.plan import Clock, Options, build_plans, check
from sebaya.core.generate.screening import build_rounds
from sebaya.core.generate.supervision import build_supervision
from sebaya.core.generate.support import build_support
from sebaya.core.generate.writer import Writer, historic_dates
from sebaya.organizations.models import Organization

ONE_MONTH = datetime.timedelta(days=30)

__all__ = ["GENERATED_PASSWORD", "AlreadyGenerated", "Options", "generate"]


class AlreadyGenerated(Exception):
    """Generated organizations (`gen-…`) exist already."""


class Impossible(ValueError):
    """The options ask for something that cannot be built."""


def generate(options: Options, *, progress: Callable[[str], None] | None = None) -> dict:
    """Build everything in one transaction: nothing is written when anything fails. Returns the
    rows written per model label, and the accounts to sign in with."""
    plans = build_plans(options)
    problems = check(options, plans)
    if problems:
        raise Impossible(" ".join(problems))
    from django.apps import apps

    with transaction.atomic(), historic_dates(apps.get_models()):
        if Organization.objects.filter(slug__startswith="gen-").exists():
            raise AlreadyGenerated
        writer = Writer()
        # Accounts and networks date from a month before the history starts, like the rosters.
        accounts = Accounts(
            writer, Clock(today=options.today, months=options.months, tz="UTC").first - ONE_MONTH
        )
        networks = build_networks(
            options, writer, accounts, random.Random(f"sebaya-generate:{options.seed}:networks")
        )
        codes: set[str] = set()
        signed = []
        for plan in plans:
            org = build_organization(options, plan, networks[plan.network], writer, accounts)
            taken = build_support(org, writer, accounts, codes)
            build_rounds(org, writer, plan.screening_results - measure_budget(org))
            build_cases(org, writer, taken)
            build_supervision(org, writer)
            if plan.number <= 2:
                signed.extend((username, role, org.slug) for username, role in org.accounts)
            if progress and (plan.number % 10 == 0 or plan.number == len(plans)):
                progress(
                    f"{plan.number}/{len(plans)} organizations, {sum(writer.counts.values()):,} rows written"
                )
        writer.flush()
        _reset_sequences(writer)
    counts = {
        model._meta.label: n for model, n in sorted(writer.counts.items(), key=lambda kv: kv[0]._meta.label)
    }
    viewers = [(n["viewer"], "network_viewer", "") for n in networks]
    return {"counts": counts, "accounts": signed + viewers}


def _reset_sequences(writer: Writer) -> None:
    """Users were written with their ids: the id sequence must continue after them."""
    from django.core.management.color import no_style
    from django.db import connection

    from sebaya.accounts.models import User

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [User]):
            cursor.execute(sql)
