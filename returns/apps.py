from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Quarterly returns to NHS England and their reporting periods."""

    name = "returns"
