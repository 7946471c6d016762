"""Who is signed in: Django's `AuthenticationMiddleware`, with the signed-in user read by a
query compiled once (`governance/prepared.py`). Every signed-in page reads its user; the
ORM's compiling of that one query was about 0.25 ms of each page's CPU (issue 33).

Only the plain case is taken here: a session naming Django's `ModelBackend`, an active user,
and a session hash that the current secret verifies. Anything else (no one signed in,
another backend, a hash made with an old secret, a changed password) goes to Django's own
`auth.get_user`, which cycles or flushes the session as it always has.

Settings: `governance.signed_in.AuthenticationMiddleware` in place of Django's.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import middleware as django_auth
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from .prepared import Prepared

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
_FIELDS = [field.attname for field in User._meta.concrete_fields]
_USER = Prepared(lambda pk: User.objects.filter(pk=pk).values_list(*_FIELDS), pk=int)


def quick_user(request) -> User | None:
    """The signed-in user in the plain case (above), else None: Django's turn."""
    session = request.session
    try:
        user_id = User._meta.pk.to_python(session[SESSION_KEY])
        backend = session[BACKEND_SESSION_KEY]
    except (KeyError, ValidationError):
        return None
    if backend != MODEL_BACKEND or backend not in settings.AUTHENTICATION_BACKENDS:
        return None
    rows = _USER(pk=user_id)
    if not rows:
        return None
    user = User.from_db(User.objects.db, _FIELDS, rows[0])
    if not user.is_active:  # ModelBackend.user_can_authenticate
        return None
    given = session.get(HASH_SESSION_KEY)
    if not given or not constant_time_compare(given, user.get_session_auth_hash()):
        return None
    return user


def get_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = quick_user(request) or auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(django_auth.AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
