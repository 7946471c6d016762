"""Refusals: a service that will not do what it was asked raises a `Refused`, having changed
nothing, whose message a user can act on ("This return is ready for sign-off: it can only
be changed after a sign-off member sends it back.").

Views catch the refusals they expect where they can show their page again with what was
typed (a section, a plan part, an import's preview). `RefusedMiddleware` is the net under
them: a refusal no view caught, such as a state that changed between a view's check and the
service's own under its row lock, is a page saying why (409), never a server error.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class Refused(Exception):
    """Nothing was changed; `message` says why, in words for the person who asked."""

    @property
    def message(self) -> str:
        return str(self)


class RefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refused):
            return None
        return render(request, "refused.html", {"message": exception.message}, status=409)
