"""Settings for the BCF portal, read from the environment (django-environ).

Every variable is documented in `.env.example`. On a laptop nothing needs
setting: the database is an SQLite file and Celery tasks run in the web
process. Production sets DEBUG=false, a real SECRET_KEY, DATABASE_URL and
CELERY_BROKER_URL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def env_path(name: str, default: Path) -> Path:
    """A path setting. Left empty, as .env.example leaves some, it means the default (never
    the current directory)."""
    return Path(env.str(name, default="") or default)


# Development may run without a secret; anything else must be given one.
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "django-insecure-development-only-key" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SECRET_KEY (or DEBUG=true for local development). See .env.example."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    # The layers, bottom up (pyproject.toml's import contract holds them to it).
    "governance",
    "plans",
    "schemes",
    "metrics",
    "returns",
    "national",
    "demo",
]

MIDDLEWARE = [
    # First: the container's probe of /healthz, answered before the HTTPS redirect and the
    # host check (production settings would refuse a probe on plain HTTP to 127.0.0.1).
    "governance.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "governance.security.RenewSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the signed-in user with a query compiled once.
    "governance.signed_in.AuthenticationMiddleware",
    # Before any view: a forged request holding a NUL character is a 400.
    "governance.security.RefuseNulMiddleware",
    # Every page needs a login unless its view says otherwise (only sign-in does).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "governance.security.SecurityHeadersMiddleware",
    # A refusal no view caught (a state changed under its row lock) is a page, not a 500.
    "governance.refused.RefusedMiddleware",
    # Last: counts failed sign-ins and locks out after too many (django-axes).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES. The address is the browser's:
# behind TRUSTED_PROXY_COUNT proxies it is read from X-Forwarded-For (governance/security.py),
# so that someone failing from elsewhere cannot lock the real user out.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "governance.security.client_address"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Password resets sent in an hour, at most, to one e-mail address and from one client address
# (governance/throttle.py): past either, nothing more is sent and the page looks the same.
PASSWORD_RESET_PER_ADDRESS = env.int("PASSWORD_RESET_PER_ADDRESS", default=3)
PASSWORD_RESET_PER_CLIENT = env.int("PASSWORD_RESET_PER_CLIENT", default=10)
# Days an invitation's link (governance/invitations.py) sets a first password, once.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)

ROOT_URLCONF = "bcfportal.urls"
WSGI_APPLICATION = "bcfportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.portal",
            ],
            "builtins": [
                "governance.templatetags.fields",
                "governance.templatetags.links",
                "governance.templatetags.money",
                "governance.templatetags.words",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    # PostgreSQL plans a query each time it is sent as text, and planning was three
    # quarters of its CPU on deadline day (a return's lookup: 0.33 ms of planning, 0.06 of
    # running). With the values sent apart from the SQL, psycopg prepares a query that a
    # connection has run five times, and PostgreSQL keeps its plan for that connection
    # (issue 33). A pooler in transaction mode (PgBouncer) cannot keep a connection's
    # prepared statements: set DATABASE_PREPARED_STATEMENTS=false behind one.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real worker process sees what a test wrote.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    # Django's checks, in the portal's words.
    {"NAME": "governance.password_checks.UserAttributeSimilarityValidator"},
    {"NAME": "governance.password_checks.MinimumLengthValidator"},
    {"NAME": "governance.password_checks.CommonPasswordValidator"},
    {"NAME": "governance.password_checks.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
STORAGES = {
    # Written whole or not at all (governance/storage.py).
    "default": {"BACKEND": "governance.storage.WholeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "governance.storage.StaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "media")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Security. Production (DEBUG=false) is secure by default; each switch can be
# turned off by the environment for a deployment behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Signed out after SESSION_COOKIE_AGE seconds without a request: a request renews it,
# writing the session at most once a SESSION_RENEW_AFTER (governance.security).
# Django's database sessions, read with a query compiled once (governance/sessions.py).
SESSION_ENGINE = "governance.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_RENEW_AFTER = env.int("SESSION_RENEW_AFTER", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Django's form renderer, with text boxes, text areas and selects written without templates.
FORM_RENDERER = "governance.renderers.PortalFormRenderer"

X_FRAME_OPTIONS = "DENY"

# Celery. Without a broker (a laptop), tasks run in the web process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Results go where the broker is, unless set apart: moving the broker moves them too.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or CELERY_BROKER_URL or None
# The queue tasks are sent to and workers take them from: deployments sharing one Redis
# database (or a CI run beside another) each name their own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes every database connection after every task unless this is
# set; `bcfportal.celery` closes them as Django does after a request instead (when older
# than CONN_MAX_AGE, or broken), so the fixup only recycles them every 2,000 tasks.
CELERY_DB_REUSE_MAX = 1000
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that sends a task waits little for a broker that is down: the task is kept and
# sent by the outbox's sweep once the broker answers again (governance/outbox.py).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# A job with no sign of life for its task's time limit and this many seconds more has lost
# its worker: it is failed, so that "Try again" makes a new one (governance/jobs.py).
JOB_STALE_MARGIN_SECONDS = env.int("JOB_STALE_MARGIN_SECONDS", default=60)
# Periodic tasks, run by `celery -A bcfportal beat` (one beat process per deployment).
# Where beat keeps its schedule (when each task last ran): beside manage.py unless moved, a
# folder the portal's own user owns, so beat never dies for want of one.
CELERY_BEAT_SCHEDULE_FILENAME = str(
    env_path("BEAT_SCHEDULE_FILE", BASE_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    "send-outbox": {"task": "governance.send_outbox", "schedule": 60.0},
    "expire-stale-jobs": {"task": "governance.expire_stale_jobs", "schedule": 300.0},
    "purge-old-files": {"task": "returns.purge_old_files", "schedule": 24 * 3600.0},
    "send-reminders": {"task": "returns.send_reminders", "schedule": 3600.0},
    "tidy-up": {"task": "governance.tidy_up", "schedule": 24 * 3600.0},
}
# Days before a period's deadline that officers (and sign-off members, of a return awaiting
# them) are first reminded; they are reminded again on the deadline's day (returns/reminders.py).
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=7)
# Days an upload never applied, or a superseded or failed file, is kept (returns/housekeeping.py).
FILE_RETENTION_DAYS = env.int("FILE_RETENTION_DAYS", default=30)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="bcf-portal@localhost")
# SMTP, when EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# With django.core.mail.backends.filebased.EmailBackend: one file per message, in here.
EMAIL_FILE_PATH = str(env_path("EMAIL_FILE_PATH", BASE_DIR / "sent-mail"))
# The portal's address as users reach it, for links in e-mails.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
# The port `manage.py rundemo` serves the demo on (it sets PORTAL_URL to that address).
DEMO_PORT = env.int("DEMO_PORT", default=8000)

# Where seed_demo keeps the demo password it generated, so that a second run
# prints the same one and changes nothing.
DEMO_PASSWORD_FILE = env_path("DEMO_PASSWORD_FILE", BASE_DIR / ".demo-password")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # django-axes logs every sign-in at INFO; lock-outs still show as warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
