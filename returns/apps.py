from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Quarterly returns to NHS England and their reporting periods."""

    name = "returns"

    def ready(self) -> None:
        from . import (
            additions,  # what this app adds to plans' and areas' pages
            checks,  # noqa: F401 (registers the definition validator)
            conversation_views,  # conversations hang on returns
            timeline,
        )

        additions.register()
        conversation_views.register()
        timeline.add_timeline_source("conversations", conversation_views.timeline_events)
