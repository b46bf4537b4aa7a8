"""The supporter roster pages at 50 supporters a page, in name order: a large school's hundred and
more supporters are not one long page (issue 18, "long lists paginated")."""

from django.urls import reverse

from conftest import make_person
from sebaya.people.models import Role


def test_the_roster_shows_fifty_supporters_a_page_in_name_order(org, client_as):
    for n in range(53):
        roles = (Role.MEMBER, Role.PEER_SUPPORTER)
        make_person(org, f"S-{n:03}", roles=roles, full_name=f"A Supporter {n:03}")
    coordinator = client_as("coordinator")
    url = reverse("supporter_list", kwargs={"org": org.slug})

    first = coordinator.get(url)
    names = [row["membership"].person.full_name for row in first.context["rows"]]
    assert names == [f"A Supporter {n:03}" for n in range(50)]
    html = first.content.decode()
    assert 'class="pager"' in html and "?page=2" in html

    second = coordinator.get(url, {"page": 2})
    names = [row["membership"].person.full_name for row in second.context["rows"]]
    # The fixtures' own peer supporter ("peer_supporter person") sorts after the numbered ones.
    assert names == ["A Supporter 050", "A Supporter 051", "A Supporter 052", "peer_supporter person"]
    # A page past the end shows the last one, as every paged list here does.
    assert [
        r["membership"].person.full_name for r in coordinator.get(url, {"page": 9}).context["rows"]
    ] == names
