from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "sebaya.organizations"
    label = "organizations"
