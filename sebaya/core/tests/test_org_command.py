import pytest
from django.core.management import CommandError, call_command

from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.organizations.models import Organization
from sebaya.people.models import Membership, NetworkViewer


def test_an_operator_creates_a_network_an_organization_its_admin_and_a_viewer(db, capsys):
    call_command("org", "network", "--slug", "disdik", "--name", "Dinas Pendidikan")
    call_command(
        "org", "create", "--slug", "sman-9", "--name", "SMAN 9", "--network", "disdik", "--region", "Garut"
    )
    call_command(
        "org", "admin", "--org", "sman-9", "--username", "Rini", "--full-name", "Rini M", "--email", "r@x.id"
    )
    call_command("org", "viewer", "--network", "disdik", "--username", "kadis", "--full-name", "Kepala Dinas")
    organization = Organization.objects.get(slug="sman-9")
    assert organization.network.slug == "disdik" and organization.timezone == "Asia/Jakarta"
    admin = User.objects.get(username="rini")
    assert admin.must_change_password and admin.has_usable_password()
    assert Membership.objects.get(person=admin.person, organization=organization).role_codes == ["org_admin"]
    assert NetworkViewer.objects.filter(person__user__username="kadis", network__slug="disdik").exists()
    output = capsys.readouterr().out
    assert "Temporary password (shown once)" in output
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET, organization=organization).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_SET, organization=None).count() == 1


@pytest.mark.parametrize(
    "args",
    [
        ["create", "--slug", "x", "--name", "X", "--network", "missing"],
        ["create", "--slug", "bad slug", "--name", "X"],
        ["create", "--slug", "x", "--name", "X", "--timezone", "Mars/Base"],
        ["admin", "--org", "missing", "--username", "a", "--full-name", "A"],
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(db, args):
    with pytest.raises(CommandError):
        call_command("org", *args)
    assert not Organization.objects.exists() and not User.objects.exists()


def test_a_taken_username_is_refused(db, users, org):
    with pytest.raises(CommandError, match="taken"):
        call_command("org", "admin", "--org", org.slug, "--username", "COUNSELOR", "--full-name", "Dup")
