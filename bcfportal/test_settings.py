"""Settings for the test suite: production settings, made fit to run on plain HTTP locally.

The real security settings are checked separately, by running
`manage.py check --deploy` with production environment variables.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "not-a-secret-" * 4)

from .settings import *  # noqa: F403

# The test client and the browser tests' live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Fast hashing keeps user set-up quick; plain storage needs no collectstatic.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Tasks run in the test process, except in the tests that start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
