"""Accounts: one's own account, and the admin's side of other people's sign-in (an account, a
two-step reset, a password link, and the changes a second admin decides)."""

from django.urls import include, path

from sebaya.accounts import views

# Under /o/<org>/: an admin's handling of other people's accounts
org_patterns = [
    path("people/<uuid:person>/account/", views.person_account, name="person_account"),
    path(
        "people/<uuid:person>/reset-two-step/",
        views.person_two_step_reset,
        name="person_two_step_reset",
    ),
    path(
        "people/<uuid:person>/password-link/",
        views.person_password_link,
        name="person_password_link",
    ),
    path(
        "account-changes/<uuid:credential_request>/decide/",
        views.credential_request_decide,
        name="credential_request_decide",
    ),
    path(
        "account-changes/<uuid:credential_request>/withdraw/",
        views.credential_request_withdraw,
        name="credential_request_withdraw",
    ),
]

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("account/confirm/<str:token>/", views.hold_confirm, name="hold_confirm"),
    # The root includes this file before allauth's URLs, so that this page answers instead of
    # allauth's own of the same name.
    path("accounts/email/", views.email_kept_by_admin, name="account_email"),
    # The sign-in page's demo tour (never in production: see demo_tour.py).
    path("accounts/demo-sign-in/", views.demo_sign_in, name="demo_sign_in"),
    path("o/<slug:org>/", include(org_patterns)),
]
