"""`manage.py rundemo`: migrate, load the demo, print where to go, serve the portal."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Set up the database, load Norfolk's demo data and serve the portal on this machine."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument(
            "--port", default=str(settings.DEMO_PORT), help="Port to serve on (DEMO_PORT)."
        )

    def handle(self, *args, addr: str, port: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "rundemo serves the demo with Django's development server, which needs "
                "DEBUG=true. Run it as: DEBUG=true python manage.py rundemo"
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", stdout=self.stdout)
        url = f"http://{addr}:{port}/"
        # The links in the demo's e-mails (printed to the console) lead to where it is served.
        settings.PORTAL_URL = url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The BCF portal is at {url}  (Ctrl-C stops it)"))
        call_command("runserver", f"{addr}:{port}", use_reloader=False)
