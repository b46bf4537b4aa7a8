"""The demo's people: the names it draws from, its classes, and the helpers that add a person
to an organization's roster and give them an account (with the demo password and TOTP secret)."""

from __future__ import annotations

import random

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

# The shared credentials live beside the sign-in page's demo tour, which signs in with them.
from sebaya.accounts.demo_tour import DEMO_PASSWORD, DEMO_TOTP_SECRET
from sebaya.accounts.models import User
from sebaya.people.models import Gender, Membership, MembershipRole, Person

FEMALE = (
    "Siti Putri Dewi Ayu Nur Rina Anisa Fitri Indah Aulia Nabila Salsabila Zahra Kirana "
    "Larasati Wulan Intan Citra Dinda Maharani Tiara Amelia Aisyah Nadia Ratna Sekar Melati "
    "Novi Yuliana Khairunnisa "
).split()


MALE = (
    "Budi Agus Rizky Dimas Fajar Ahmad Muhammad Bayu Aditya Reza Yoga Andi Ilham Farhan Hendra "
    "Wahyu Arif Gilang Rafi Daffa Bagus Eko Galih Hafiz Joko Kevin Lukman Naufal Putra Satria "
).split()


FAMILY = (
    "Pratama Saputra Wijaya Santoso Hidayat Nugroho Lestari Kurniawan Setiawan Siregar Nasution "
    "Simanjuntak Harahap Sihombing Wibowo Susanto Rahmawati Purnomo Hasibuan Ramadhan Maulana "
    "Permata Utami Suryani Gunawan Fauzi Halim Sembiring Tanjung Anggraini "
).split()


CLASSES = {
    "10": ["X-1", "X-2", "X-3", "X-4"],
    "11": ["XI-1", "XI-2", "XI-3"],
    "12": ["XII-1", "XII-2", "XII-3"],
}


STUDENTS_PER_CLASS = 30  # 10 classes -> 300 students


def _name(rng: random.Random, gender: str) -> tuple[str, str]:
    first = rng.choice(FEMALE if gender == Gender.FEMALE else MALE)
    return f"{first} {rng.choice(FAMILY)}", first


def _person(*, organization, identifier, full_name, preferred="", gender=Gender.UNSTATED, roles, **extra):
    membership = Membership.objects.filter(organization=organization, external_id=identifier).first()
    if membership is None:
        person_fields = {
            k: extra.pop(k)
            for k in list(extra)
            if k in {"birth_date", "age_band", "languages", "guardian_name", "guardian_phone"}
        }
        person = Person.objects.create(
            full_name=full_name, preferred_name=preferred, gender=gender, **person_fields
        )
        membership = Membership.objects.create(
            person=person, organization=organization, external_id=identifier, **extra
        )
    for role in roles:
        MembershipRole.objects.get_or_create(membership=membership, role=role)
    return membership


def _account(membership, username, *, email="", totp=False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, person=membership.person, language="")
        user.set_password(DEMO_PASSWORD)
        user.save()
    if totp and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user
