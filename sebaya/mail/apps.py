from django.apps import AppConfig

from sebaya.kernel.registry import Job


class MailConfig(AppConfig):
    name = "sebaya.mail"
    label = "mail"
    # The worker sends the emails last, so what the other jobs queued this round goes out now.
    jobs = (Job("emails", "sebaya.mail.services.send_due", order=Job.LAST),)
