"""Password-reset links that asking for one cannot use to change an account.

allauth's own generator calls `sync_user_email_address` while making the token, which writes
an *unverified* EmailAddress row for the account's email. Two-step set-up then refused ("verify
your email first"), so anyone who typed a staff member's address on the public reset form
locked them out. Sebaya keeps an account's address in `User.email` only (an admin sets it), so
the token is made from the same values without writing anything.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ReadOnlyResetTokenGenerator(PasswordResetTokenGenerator):
    def _make_hash_value(self, user, timestamp) -> str:
        from allauth.account.models import EmailAddress

        emails = {user.email} if user.email else set()
        emails.update(EmailAddress.objects.filter(user_id=user.pk).values_list("email", flat=True))
        # A changed address invalidates links sent to the old one, as allauth's generator does.
        return super()._make_hash_value(user, timestamp) + "|".join(sorted(emails))
