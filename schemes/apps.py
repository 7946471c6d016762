from django.apps import AppConfig


class SchemesConfig(AppConfig):
    """The scheme register of each plan."""

    name = "schemes"

    def ready(self) -> None:
        from . import additions  # what this app adds to plans' and areas' pages

        additions.register()
