"""`sebaya match buddies --org SLUG [--grade G] [--dry-run]`: pair the new students of an intake
with buddies, optimally, and print the pairs and how well each fits.

Without --dry-run the batch is kept and confirmed at once (the operator's decision); with it,
nothing is written. In the app a coordinator previews, edits and confirms instead.
"""

from django.core.management.base import BaseCommand, CommandError

from sebaya.organizations.models import Organization
from sebaya.support import buddies, services

UNASSIGNED = {
    buddies.NO_BUDDIES: "no certified buddy for this intake",
    buddies.CONFLICT: "a reported conflict with every buddy who has a free place",
    buddies.SAME_GENDER_FULL: "no buddy of the same gender with a free place",
    buddies.ALL_FULL: "every suitable buddy is full",
    buddies.FREE_NOW: "a place is free; run again",
}


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
                f"{buddy.person.full_name} ({buddy.class_name or '-'})\t{buddies.pair_fit(cost)} fit"
            )
        by_id = {student.id: student for student in students}
        for student_id in plan.unassigned:
            why = buddies.why_unassigned(by_id[student_id], buddy_list, plan.loads())
            self.stdout.write(f"{memberships[student_id].person.full_name}\t→\t(no buddy: {UNASSIGNED[why]})")
        self.stdout.write(
            f"Intake grade {grade}: {len(plan.pairs)} pairs, {len(plan.unassigned)} without a buddy, "
            f"{len(buddy_list)} buddies; fit distance {plan.total_cost} (0 is the closest fit)"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        batch = services.buddy_batch_propose(organization=organization, intake_grade=grade)
        if batch.total_cost != plan.total_cost:  # the data changed in between: say so, do not confirm
            raise CommandError("The students or buddies changed while matching; run it again.", returncode=1)
        services.buddy_batch_confirm(batch=batch)
        self.stdout.write(f"Saved and confirmed as batch {batch.pk}.")
