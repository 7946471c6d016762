from django.apps import AppConfig


class NationalConfig(AppConfig):
    """What the national team and analysts do across HWB areas: a round for every area (its
    opening, its status, the reminders of its deadline), the national exports, and the
    figures across areas. Above `returns` and `plans`; only `demo` and the project sit on it."""

    name = "national"
    verbose_name = "National rounds, exports and figures"

    def ready(self) -> None:
        from . import additions  # what this app adds to a return's timeline and the purge

        additions.register()
