from django.apps import AppConfig


class PlansConfig(AppConfig):
    """HWB areas, partners, people and the BCF plan (contributions, spend, conditions)."""

    name = "plans"
    verbose_name = "Areas and plans"

    def ready(self) -> None:
        from . import conversation_views

        conversation_views.register()  # conversations hang on plans
