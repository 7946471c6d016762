"""What every page's template may use."""

from functools import cache
from importlib import metadata

from django.http import HttpRequest


@cache
def release() -> str:
    """The portal's version, as pyproject.toml gives it to the installed package."""
    try:
        return metadata.version("bcfportal")
    except metadata.PackageNotFoundError:  # run from a checkout never installed
        return "unknown"


def portal(request: HttpRequest) -> dict:
    """The release, shown to signed-in users only (a stranger learns nothing from a page)."""
    user = getattr(request, "user", None)
    return {"portal_release": release() if user is not None and user.is_authenticated else ""}
