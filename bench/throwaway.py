"""Django set up on the database a bench builds for itself: DATABASE_URL when set (give it an
empty one), else a throwaway SQLite file; DEBUG on unless the environment says otherwise."""

import os
import tempfile


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")
    os.environ.setdefault("DEBUG", "true")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

    import django

    django.setup()
