"""Operator commands: create networks and organizations, and the first admin of an organization.

sebaya org network --slug disdik-x --name "Dinas Pendidikan X"
sebaya org create --slug sman-1 --name "SMA Negeri 1" [--kind school] [--region ...] [--network disdik-x]
sebaya org admin --org sman-1 --username rini --full-name "Rini Marlina" [--email ...]
sebaya org viewer --network disdik-x --username kadis --full-name "..." [--email ...]
sebaya org list
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sebaya.accounts.credentials import temporary_password
from sebaya.accounts.models import User
from sebaya.accounts.services import account_save
from sebaya.organizations.models import Network, Organization
from sebaya.people.models import NetworkViewer, Person, Role
from sebaya.people.services import person_add


class Command(BaseCommand):
    help = "Create networks, organizations and their first admin (operator use)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        network = sub.add_parser("network", help="create a network")
        network.add_argument("--slug", required=True)
        network.add_argument("--name", required=True)
        create = sub.add_parser("create", help="create an organization")
        create.add_argument("--slug", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--kind", default=Organization.Kind.SCHOOL, choices=Organization.Kind.values)
        create.add_argument("--region", default="")
        create.add_argument("--timezone", default="Asia/Jakarta")
        create.add_argument("--network", default="")
        for name in ("admin", "viewer"):
            person = sub.add_parser(
                name, help=f"create an organization {name}" if name == "admin" else "create a network viewer"
            )
            person.add_argument("--org" if name == "admin" else "--network", required=True)
            person.add_argument("--username", required=True)
            person.add_argument("--full-name", required=True)
            person.add_argument("--email", default="")
        sub.add_parser("list", help="list networks and organizations")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _network(self, *, slug, name, **_):
        network = Network(slug=slug, name=name)
        self._save(network)
        self.stdout.write(f"Network {slug} created.")

    def _create(self, *, slug, name, kind, region, timezone, network, **_):
        parent = None
        if network:
            parent = Network.objects.filter(slug=network).first()
            if parent is None:
                raise CommandError(f"No network with slug {network!r}.")
        self._save(
            Organization(slug=slug, name=name, kind=kind, region=region, timezone=timezone, network=parent)
        )
        self.stdout.write(f"Organization {slug} created. Next: sebaya org admin --org {slug} --username ...")

    @transaction.atomic
    def _admin(self, *, org, username, full_name, email, **_):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with slug {org!r}.")
        self._check_free(username, email)
        membership = person_add(
            organization=organization, by=None, profile={"full_name": full_name}, roles=[Role.ORG_ADMIN]
        )
        self._account(membership.person, username, email, organization)
        self.stdout.write("As an organization admin they also set up two-step sign-in (authenticator app).")

    @transaction.atomic
    def _viewer(self, *, network, username, full_name, email, **_):
        parent = Network.objects.filter(slug=network).first()
        if parent is None:
            raise CommandError(f"No network with slug {network!r}.")
        self._check_free(username, email)
        person = Person.objects.create(full_name=full_name)
        NetworkViewer.objects.create(person=person, network=parent)
        self._account(person, username, email)

    def _list(self, **_):
        for network in Network.objects.all():
            self.stdout.write(f"network {network.slug}: {network.name}")
        for organization in Organization.objects.select_related("network"):
            parent = f" (network {organization.network.slug})" if organization.network else ""
            self.stdout.write(f"organization {organization.slug}: {organization.name}{parent}")

    def _save(self, obj):
        try:
            obj.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        obj.save()

    def _check_free(self, username, email):
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"The username {username!r} is taken.")
        if email and User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"The email {email!r} is used by another account.")

    def _account(self, person, username, email, organization=None):
        # Through the same service as the admin's page, so the audit trail records it too.
        password = temporary_password()
        user = account_save(
            person=person,
            username=username.lower(),
            email=email.lower(),
            temporary_password=password,
            by=None,
            organization=organization,
        )
        self.stdout.write(f"Account {user.username} created. Temporary password (shown once): {password}")
        self.stdout.write("They must choose a new password at their first sign-in.")
