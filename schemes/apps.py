from django.apps import AppConfig


class SchemesConfig(AppConfig):
    """The scheme register of each plan."""

    name = "schemes"
