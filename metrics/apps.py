from django.apps import AppConfig


class MetricsConfig(AppConfig):
    """Metric definitions and their baseline / plan / actual values."""

    name = "metrics"

    def ready(self) -> None:
        from . import additions  # what this app adds to plans' and areas' pages

        additions.register()
