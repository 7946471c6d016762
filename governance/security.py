"""Security headers on every page; requests holding a NUL refused; the client's address
behind trusted proxies (for sign-in throttling).

- A Content-Security-Policy that GOV.UK Frontend works under: everything from our own
  origin, no inline script or style, no framing. Django 5.2 has no CSP of its own.
- A Permissions-Policy that turns off the browser features the portal never uses.
- `Cache-Control: no-store` on every page and download the portal serves (static files are
  answered before this, by whitenoise, and cached): what a signed-in user saw is not kept
  by the browser or a proxy for the next person at a shared computer.
"""

import ipaddress
import time

from django.conf import settings
from django.contrib import auth
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",  # GOV.UK Frontend's JS is a module file; no inline script here
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "usb", "xr-spatial-tracking",
    )
)  # fmt: skip


# `add_never_cache_headers` on a response without caching headers of its own.
NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", POLICY)
        headers.setdefault("Permissions-Policy", PERMISSIONS)
        if "Cache-Control" in headers or "Expires" in headers:
            add_never_cache_headers(response)  # merged with what the view set
        else:  # what that writes on a response with neither, without parsing them
            headers["Expires"] = http_date()
            headers["Cache-Control"] = NEVER_CACHED
        return response


class RenewSessionMiddleware:
    """A signed-in session's idle time-out (SESSION_COOKIE_AGE) starts again at a request,
    but its row is written at most once every SESSION_RENEW_AFTER seconds: renewing it on
    every request was a database write per page (4.5 ms of the section pages, issue 15).
    The session ends between SESSION_COOKIE_AGE - SESSION_RENEW_AFTER and SESSION_COOKIE_AGE
    seconds after the last request."""

    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        # Only a signed-in user's session: a cookie naming no session (made up, or expired)
        # loads an empty one, which renewing would save as a new row.
        if session is not None and session.session_key and auth.SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_RENEW_AFTER:
                session[self.KEY] = now  # modified: saved with a new expiry date
        return self.get_response(request)

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs):
        """Signing in writes the session anyway: it counts as its renewal."""
        if getattr(request, "session", None) is not None:
            request.session[cls.KEY] = int(time.time())


class RefuseNulMiddleware:
    """A request with a NUL character in its address, a parameter or a field is refused
    (400) before any view sees it: no form can hold one, and PostgreSQL cannot be asked
    about one (it fails the query). Browsers never send one; only a forged request does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _holds_nul(request) -> bool:
    # Only a POST has a body Django reads (fields and files): another method's are empty.
    posted = request.method == "POST"

    def texts():
        yield request.path_info
        for data in (request.GET, request.POST) if posted else (request.GET,):
            for key, values in data.lists():
                yield key
                yield from values
        for key, files in request.FILES.lists() if posted else ():
            yield key
            yield from (upload.name or "" for upload in files)
        yield from (v for k, v in request.META.items() if k.startswith("HTTP_"))

    return any("\x00" in text for text in texts() if isinstance(text, str))


def client_address(request) -> str | None:
    """The address of the browser that made the request.

    Served directly, that is the connection's address. Behind `TRUSTED_PROXY_COUNT` proxies
    that each append the address they were reached from to X-Forwarded-For, it is the entry
    the outermost trusted proxy appended: entries further left were written by the client
    and are not believed. Sign-in throttling (django-axes) counts failures by this address.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < count:
        return remote  # it did not come through every proxy
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
