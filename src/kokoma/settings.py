"""KoKoMa settings.

Every value comes from an environment variable with a safe default for the embedded demo
(see `.env.example`). `KOKOMA_ENV=production` turns the defaults strict and refuses to start
with the demo secret key, with DEBUG on or without the site's address for e-mail links.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.contrib.messages import constants as message_levels
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KOKOMA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEMO_SECRET_KEY = "kokoma-demo-secret-key-not-for-production"

KOKOMA_ENV = env_str("KOKOMA_ENV", "development")
PRODUCTION = KOKOMA_ENV == "production"
SECRET_KEY = env_str("KOKOMA_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("KOKOMA_DEBUG", default=False)
ALLOWED_HOSTS = env_list("KOKOMA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("KOKOMA_CSRF_TRUSTED_ORIGINS", [])
# Where people reach the site: every absolute link in an e-mail starts with it (core.links).
# `make run` sets it from its HOST and PORT; production must name it.
KOKOMA_BASE_URL = env_str("KOKOMA_BASE_URL", "").strip() or (
    "" if PRODUCTION else "http://127.0.0.1:8000"
)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("KOKOMA_ENV=production refuses to start with KOKOMA_DEBUG on.")
    if SECRET_KEY == DEMO_SECRET_KEY:
        raise ImproperlyConfigured(
            "KOKOMA_ENV=production needs its own KOKOMA_SECRET_KEY, not the demo's."
        )
    # Django's own rule for a strong key (check security.W009): long and varied.
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "KOKOMA_ENV=production needs a strong KOKOMA_SECRET_KEY: at least 50 characters with "
            "at least 5 different ones (e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`)."
        )
    if not KOKOMA_BASE_URL:
        raise ImproperlyConfigured(
            "KOKOMA_ENV=production needs KOKOMA_BASE_URL, the address at which people reach "
            "KoKoMa (e.g. https://kokoma.example.de): the links in e-mails are built from it."
        )
# Confidential fields (supervision notes …) are encrypted with these Fernet keys (core.crypto):
# comma-separated, the first encrypts, all decrypt (rotation). The demo's fixed key is public,
# so production refuses it and refuses to start without a key of its own.
DEMO_FIELD_ENCRYPTION_KEY = "a29rb21hLWRlbW8tZmllbGQta2V5LW5vdC1zZWNyZXQ="
# (an empty value counts as unset, as `.env.example` leaves it)
KOKOMA_FIELD_ENCRYPTION_KEYS = env_list("KOKOMA_FIELD_ENCRYPTION_KEY", []) or (
    [] if PRODUCTION else [DEMO_FIELD_ENCRYPTION_KEY]
)
if PRODUCTION:
    from cryptography.fernet import Fernet

    _key_problem = "" if KOKOMA_FIELD_ENCRYPTION_KEYS else "er ist nicht gesetzt"
    for _position, _key in enumerate(KOKOMA_FIELD_ENCRYPTION_KEYS, start=1):
        try:
            Fernet(_key.encode())
        except ValueError:
            _key_problem = f"Schlüssel {_position} ist kein Fernet-Schlüssel aus 44 Zeichen"
    if DEMO_FIELD_ENCRYPTION_KEY in KOKOMA_FIELD_ENCRYPTION_KEYS:
        _key_problem = "der Schlüssel der Demo ist öffentlich"
    if _key_problem:
        # German, as the issue asks of this refusal; the variable's name stays searchable.
        raise ImproperlyConfigured(
            f"KOKOMA_ENV=production startet nicht ohne eigenen KOKOMA_FIELD_ENCRYPTION_KEY "
            f"({_key_problem}). Mit ihm werden vertrauliche Texte wie Supervisionsnotizen "
            "verschlüsselt gespeichert. Einen Schlüssel erzeugen: "
            '`python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"` – und sicher aufbewahren: ohne ihn sind '
            "die gespeicherten Notizen nicht mehr lesbar."
        )

_base = urlsplit(KOKOMA_BASE_URL)
if _base.scheme not in {"http", "https"} or (
    KOKOMA_BASE_URL.rstrip("/") != f"{_base.scheme}://{_base.netloc}"
):
    raise ImproperlyConfigured(
        f"KOKOMA_BASE_URL must be the site's scheme and host only, e.g. "
        f"https://kokoma.example.de or http://127.0.0.1:8000 (got {KOKOMA_BASE_URL!r})."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "kokoma.core",
    "kokoma.accounts",
    "kokoma.audit",
    "kokoma.municipalities",
    "kokoma.taxonomy",
    "kokoma.workflow",
    "kokoma.cases",
    "kokoma.observations",
    "kokoma.notifications",
    "kokoma.tasks",
    "kokoma.guidance",
    "kokoma.directory",
    "kokoma.prevention",
    "kokoma.situation",
    "kokoma.boards",
    "kokoma.training",
    "kokoma.supervision",
    "kokoma.network",
    "kokoma.transfer",
    "kokoma.consultation",
    "kokoma.outcomes",
    "kokoma.forum",
    "kokoma.library",
    "kokoma.dialogue",
    "kokoma.api",
    "kokoma.start",
    "kokoma.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # before anything reads the body (the control-character guard reads form fields)
    "kokoma.core.middleware.LimitRequestBodyMiddleware",
    "kokoma.core.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kokoma.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kokoma.core.middleware.RequireMFAMiddleware",
    "kokoma.audit.middleware.AuditDeniedAccessMiddleware",
    "kokoma.core.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "kokoma.urls"
WSGI_APPLICATION = "kokoma.wsgi.application"

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
                "django.template.context_processors.i18n",
                "kokoma.core.context_processors.platform",
                "kokoma.start.navigation.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "kokoma.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Not like the person's address (the login; `username` mirrors it), name or handle. The demo's
    # shared password is set by the demo loader without validators (accounts.create_account).
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "display_name", "handle")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: e-mail login, no self sign-up (the programme office invites people).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_ADAPTER = "kokoma.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# Failed logins: per client 10 a minute; per account *and client* 5 in 5 minutes and 20 an hour
# (accounts.adapter: nobody can lock another person out; docs/decisions/0022-login-lockout.md).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key,20/h/key"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[KoKoMa] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KoKoMa"
# The roles (programme or membership role names, see accounts.models) whose holders must set up
# MFA before anything else (core.middleware): in production the programme office and the tandems,
# everyone who sees case data; empty in the demo.
KOKOMA_MFA_REQUIRED_ROLES = env_list(
    "KOKOMA_MFA_REQUIRED_ROLES",
    ["office", "external_companion", "local_companion"] if PRODUCTION else [],
)

# E-mail: the demo writes mails as files under var/mail (see README); production sets SMTP.
EMAIL_BACKEND = env_str("KOKOMA_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
# Background work (e-mail, alerts, digests) goes through django-tasks; the database backend needs no
# extra server, and `manage.py db_worker` executes it (docs/decisions/0010-background-tasks.md).
TASKS = {
    "default": {
        "BACKEND": env_str("KOKOMA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Periodic work: name → (task, local time of day); queued by `manage.py schedule_periodic_jobs`.
KOKOMA_PERIODIC_JOBS = {
    "daily-check": ("kokoma.prevention.jobs.daily_check", "06:00"),
    "daily-digest": ("kokoma.notifications.jobs.send_daily_digests", "07:00"),
    "remove-old-files": ("kokoma.core.jobs.remove_old_files", "03:30"),
    "forget-old-submissions": ("kokoma.core.jobs.forget_old_submissions", "03:40"),
    "event-reminders": ("kokoma.network.jobs.send_event_reminders", "06:30"),
}
# Uploads: one file at most KOKOMA_MAX_UPLOAD_MB (the form says so); a whole request body at most
# KOKOMA_MAX_REQUEST_MB, refused with 413 before it is read (core.middleware.LimitRequestBodyMiddleware).
# The reverse proxy's own limit (nginx `client_max_body_size`) should match it (docs/betrieb.md).
KOKOMA_MAX_UPLOAD_MB = env_int("KOKOMA_MAX_UPLOAD_MB", 10)
KOKOMA_MAX_REQUEST_MB = env_int("KOKOMA_MAX_REQUEST_MB", KOKOMA_MAX_UPLOAD_MB + 1)
# Files made in the background (reports) are kept this many days for their download.
GENERATED_FILE_DAYS = env_int("KOKOMA_GENERATED_FILE_DAYS", 7)
# The tokens of sent forms (a form sent twice is saved once) are kept this many days.
SUBMISSION_DAYS = env_int("KOKOMA_SUBMISSION_DAYS", 2)
EMAIL_HOST = env_str("KOKOMA_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("KOKOMA_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("KOKOMA_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("KOKOMA_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KOKOMA_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("KOKOMA_DEFAULT_FROM_EMAIL", "KoKoMa <kokoma@localhost>")
KOKOMA_FEEDBACK_EMAIL = env_str("KOKOMA_FEEDBACK_EMAIL", "barrierefreiheit@localhost")

# Language and time: German first, English complete.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale-overrides"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: collected from our apps and from npm's node_modules, served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/kern", PROJECT_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
]
# Every form widget carries the KERN design system's class for its kind.
FORM_RENDERER = "kokoma.core.forms.KernFormRenderer"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("KOKOMA_MANIFEST_STATIC", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# The Ed25519 key that signs the training's certificates as Open Badges 3.0 credentials and the
# revocation list (docs/decisions/0029). Outside production it is made on first use; production
# needs a lasting one (`manage.py create_credential_key`), or credentials issued before a restart
# could no longer be verified.
KOKOMA_CREDENTIAL_KEY_FILE = Path(
    env_str("KOKOMA_CREDENTIAL_KEY_FILE", "").strip() or VAR_DIR / "keys" / "credential-ed25519.pem"
)
KOKOMA_CREDENTIAL_ISSUER_NAME = env_str(
    "KOKOMA_CREDENTIAL_ISSUER_NAME", "Programm Kommunales Konfliktmanagement (KoKoMa)"
)
if PRODUCTION and not KOKOMA_CREDENTIAL_KEY_FILE.is_file():
    raise ImproperlyConfigured(
        f"KOKOMA_ENV=production needs the key that signs certificates at "
        f"{KOKOMA_CREDENTIAL_KEY_FILE} (KOKOMA_CREDENTIAL_KEY_FILE). Create it once with "
        f"`manage.py create_credential_key` and keep it with the backups."
    )

# Message levels named as KERN's alert variants ("kern-alert--danger" for an error).
MESSAGE_TAGS = {message_levels.ERROR: "danger", message_levels.DEBUG: "info"}

# Security headers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
# A signed-in session ends after this long without a request (core.middleware.IdleTimeoutMiddleware);
# pages warn two minutes before. Shorter in production, where case data is real.
KOKOMA_SESSION_IDLE_SECONDS = 60 * env_int("KOKOMA_SESSION_IDLE_MINUTES", 30 if PRODUCTION else 240)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("KOKOMA_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "kokoma.core.logfilters.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": env_str("KOKOMA_LOG_LEVEL", "WARNING")},
}

KOKOMA_PAGE_SIZE = 25
# The opinion map of a dialogue is recomputed at most this often (seconds), in the background.
KOKOMA_DIALOGUE_MAP_DELAY = env_int("KOKOMA_DIALOGUE_MAP_DELAY", 3)
# An unfinished accompaniment process counts as stalled after this many weeks without progress
# (the programme office's start page lists such municipalities).
KOKOMA_PROCESS_STALLED_WEEKS = env_int("KOKOMA_PROCESS_STALLED_WEEKS", 8)
KOKOMA_REGISTER_FILE = PROJECT_DIR / "data" / "gemeinden.csv"
# How many reverse proxies in front of KoKoMa append to X-Forwarded-For (0: use REMOTE_ADDR);
# the public forms' rate limit counts per client address (docs/betrieb.md).
_proxies = env_str("KOKOMA_TRUSTED_PROXY_COUNT", "0")
if not _proxies.isdigit():
    raise ImproperlyConfigured("KOKOMA_TRUSTED_PROXY_COUNT must be a whole number (0, 1, 2 …).")
KOKOMA_TRUSTED_PROXY_COUNT = int(_proxies)
# allauth's login throttling counts per client address too: behind a proxy it must see the
# client's, not the proxy's (else one person's failed logins would stop everybody's logins).
ALLAUTH_TRUSTED_PROXY_COUNT = KOKOMA_TRUSTED_PROXY_COUNT

# One cache shared by all gunicorn workers (login throttling counts must not be per process).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}
