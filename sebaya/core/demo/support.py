"""The demo's peer support: the supporter roster and help requests at every step."""

from __future__ import annotations

import datetime

from sebaya.accounts.models import User
from sebaya.support import services
from sebaya.support.models import TIME_SLOTS, HelpRequest, SupporterProfile, Topic

DEMO_REQUESTS = [
    # (student index, topic, words, PHQ-4 answers, safety answer)
    (
        0,
        "academic",
        "Aku takut banget nggak lulus ujian matematika, tiap malam susah tidur.",
        [1, 1, 1, 1],
        False,
    ),
    (42, "relationships", "Lagi berantem sama sahabatku, rasanya sendirian di kelas.", [1, 1, 0, 1], False),
    (77, "adjustment", "Aku murid pindahan, belum punya teman di sini.", [1, 0, 1, 0], False),
    (120, "family", "Orang tuaku sering bertengkar, aku jadi males pulang.", [2, 1, 1, 1], False),
    (151, "bullying", "Ada yang terus ngejek aku di grup kelas.", [2, 2, 1, 1], False),
    (None, "low_mood", "Udah lama ngerasa kosong, ga semangat ngapa-ngapain.", [2, 2, 2, 2], False),
    (233, "grief", "Kakekku meninggal bulan lalu, aku masih sering nangis.", [1, 1, 2, 1], False),
]


def _demo_peer_support(school, students, supporters, rng):
    """Peer supporters on the roster (most certified), and help requests at every step: waiting
    for triage, matched with sessions and messages, stepped up, closed with feedback. The `siswa`
    account talks with the `sebaya` account."""
    if HelpRequest.objects.filter(organization=school).exists():
        return
    counselors = list(
        User.objects.filter(username__in=["konselor1", "konselor2", "konselor3"]).order_by("username")
    )
    coordinator = User.objects.get(username="koordinator")
    topics = [t.value for t in Topic if t != Topic.OTHER]
    profiles = []
    for n, membership in enumerate(supporters):
        profiles.append(
            services.supporter_profile_save(
                membership=membership,
                by=coordinator,
                certified=n < 16,  # the last four are still in training
                status=SupporterProfile.Status.ACTIVE if n < 16 else SupporterProfile.Status.TRAINEE,
                capacity=3,
                supervisor=counselors[n % 3],
                availability=sorted(rng.sample(TIME_SLOTS[:15], 6)),
                topics=sorted(rng.sample(topics, 3)),
            )
        )
    requests = []
    for index, topic, words, check, safety in DEMO_REQUESTS:
        person = students[index].person if index is not None else None
        help_request, _code, _pin = services.help_request_submit(
            organization=school,
            person=person,
            topic=topic,
            details=words,
            check_answers=check,
            safety_answer=safety,
            by=None,
        )
        requests.append(help_request)
    counselor = counselors[0]
    # siswa (students[0]) with sebaya (supporters[0]): two sessions and a conversation.
    first = services.relationship_start(help_request=requests[0], supporter_id=profiles[0].pk, by=counselor)
    sebaya_user = User.objects.get(username="sebaya")
    siswa_user = User.objects.get(username="siswa")
    for sender, from_supporter, body in [
        (sebaya_user, True, "Hai, aku dari tim konselor sebaya. Mau cerita soal ujiannya?"),
        (siswa_user, False, "Iya kak, aku panik tiap lihat soal matematika."),
        (sebaya_user, True, "Wajar kok panik. Kita bikin jadwal belajar kecil-kecilan yuk?"),
        (siswa_user, False, "Boleh kak, makasih ya."),
    ]:
        services.message_send(relationship=first, body=body, from_supporter=from_supporter, sender=sender)
    today = datetime.date.today()
    for days_ago, before, after, note in [
        (6, 2, 3, "Cerita soal cemas menjelang ujian; latihan napas bersama."),
        (2, 3, 4, "Sudah mulai pakai jadwal belajar; tidur lebih baik."),
    ]:
        services.peer_session_log(
            relationship=first,
            by=sebaya_user,
            date=today - datetime.timedelta(days=days_ago),
            mode="in_person",
            duration_minutes=30,
            topics=["academic"],
            mood_before=before,
            mood_after=after,
            note=note,
            concern=False,
        )
    # Two more matched; one of them stepped up to a counselor.
    second = services.relationship_start(help_request=requests[1], supporter_id=profiles[4].pk, by=counselor)
    services.relationship_start(help_request=requests[2], supporter_id=profiles[7].pk, by=counselor)
    services.step_up(
        relationship=second,
        by=counselors[1],  # its supervising counselor (demo peer supporters have no accounts)
        note="Masalahnya ternyata sudah berbulan-bulan dan dia sering tidak masuk sekolah; butuh guru BK.",
    )
    # One closed with feedback.
    closed = services.relationship_start(help_request=requests[6], supporter_id=profiles[9].pk, by=counselor)
    services.relationship_close(
        relationship=closed, by=counselor, closing_note="Sudah lebih tenang; tahu ke mana mencari bantuan."
    )
    services.feedback_give(relationship=closed, rating=5, comment="Kakaknya sabar banget dengerin aku.")
