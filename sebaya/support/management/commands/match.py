"""`sebaya match buddies --org SLUG [--grade G] [--dry-run]`: pair the new students of an intake
with buddies, optimally, and print the pairs and the total cost.

Without --dry-run the batch is kept and confirmed at once (the operator's decision); with it,
nothing is written. In the app a coordinator previews, edits and confirms instead.
"""

from django.core.management.base import BaseCommand, CommandError

from sebaya.organizations.models import Organization
from sebaya.support import buddies, services


class Command(BaseCommand):
    help = "Batch matching: pair the new students of an intake with buddies (the buddy system)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        batch = sub.add_parser("buddies", help="pair new students with experienced buddies")
        batch.add_argument("--org", required=True, help="the organization's slug")
        batch.add_argument("--grade", default="", help="the intake grade (default: the lowest grade)")
        batch.add_argument("--dry-run", action="store_true", help="print the pairs, write nothing")

    def handle(self, *args, what, org, grade, dry_run, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"No organization with the slug {org!r}.", returncode=2)
        grade = grade or services.default_intake_grade(organization)
        if not grade:
            raise CommandError("The organization has no members with a grade.", returncode=2)
        students, buddy_list, memberships, profiles = services.buddy_inputs(organization, grade)
        plan = buddies.solve(students, buddy_list)
        for student_id, buddy_id, cost in plan.pairs:
            student = memberships[student_id]
            buddy = profiles[buddy_id].membership
            self.stdout.write(
                f"{student.person.full_name} ({student.class_name or '-'})\t→\t"
                f"{buddy.person.full_name} ({buddy.class_name or '-'})\tcost {cost}"
            )
        for student_id in plan.unassigned:
            self.stdout.write(f"{memberships[student_id].person.full_name}\t→\t(no buddy: not enough places)")
        self.stdout.write(
            f"Intake grade {grade}: {len(plan.pairs)} pairs, {len(plan.unassigned)} without a buddy, "
            f"{len(buddy_list)} buddies; total cost {plan.total_cost}"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        batch = services.buddy_batch_propose(organization=organization, intake_grade=grade)
        if batch.total_cost != plan.total_cost:  # the data changed in between: say so, do not confirm
            raise CommandError("The students or buddies changed while matching; run it again.", returncode=1)
        services.buddy_batch_confirm(batch=batch)
        self.stdout.write(f"Saved and confirmed as batch {batch.pk}.")
