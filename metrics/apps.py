from django.apps import AppConfig


class MetricsConfig(AppConfig):
    """Metric definitions and their baseline / plan / actual values."""

    name = "metrics"
