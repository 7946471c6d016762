from django.apps import AppConfig


class BcfPortalConfig(AppConfig):
    """Cross-cutting pieces: base templates' helpers, health check, demo runner."""

    name = "bcfportal"
    verbose_name = "BCF portal"
