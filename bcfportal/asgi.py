"""ASGI entry point, for an ASGI server; gunicorn serves the portal through WSGI (wsgi.py)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")

application = get_asgi_application()
