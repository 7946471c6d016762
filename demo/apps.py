from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Loads data through every feature app: the reference data an installation needs and
    Norfolk's demo. Nothing imports it."""

    name = "demo"
    verbose_name = "Reference and demo data"
