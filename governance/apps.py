from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The core every feature app builds on: HWB areas, partners, financial years, people and
    their roles, who may do what, the sign-off workflow engine, the record of changes, files
    made on the worker and the one reader of uploaded workbooks."""

    name = "governance"
    verbose_name = "Areas, people and governance"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .security import RenewSessionMiddleware

        user_logged_in.connect(RenewSessionMiddleware.signed_in, dispatch_uid="session-renewed")
