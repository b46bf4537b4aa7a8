"""Sebaya's one settings module, driven by environment variables.

Development (the default) runs on an embedded SQLite file with demo-friendly defaults.
Production (SEBAYA_ENV=production) refuses to start without the secrets it needs and
turns on every transport-security setting that `check --deploy` asks for.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SEBAYA_ENV = env("SEBAYA_ENV", "development")
if SEBAYA_ENV not in {"production", "development"}:
    raise ImproperlyConfigured("SEBAYA_ENV must be 'production' or 'development'.")
PRODUCTION = SEBAYA_ENV == "production"

DEV_SECRET_KEY = "dev-only-not-secret-sebaya-development-key-change-me-in-production"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
if PRODUCTION and (
    len(SECRET_KEY) < 50 or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SEBAYA_ENV=production needs a real SECRET_KEY (50+ random characters), e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# Old keys still accepted (sessions, password-reset links, encrypted TOTP secrets) while rotating.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# Confidential notes have keys of their own, never derived from SECRET_KEY (see kernel/crypto.py and
# docs/OPERATIONS.md): Fernet keys, the first one encrypts, the others still decrypt while rotating.
# From SEBAYA_NOTES_KEYS (comma separated) or SEBAYA_NOTES_KEYS_FILE (one key a line), so that the
# keys can live apart from the settings file and from the database's backups.
DEV_NOTES_KEY = "c2ViYXlhLWRldmVsb3BtZW50LW5vdGVzLWtleS0wMDA="  # public: development and tests only


def _notes_keys() -> list[str]:
    raw = env("SEBAYA_NOTES_KEYS")
    path = env("SEBAYA_NOTES_KEYS_FILE")
    if path:
        try:
            raw = Path(path).read_text()
        except OSError as error:
            raise ImproperlyConfigured(f"SEBAYA_NOTES_KEYS_FILE cannot be read: {error.strerror}") from None
    keys = [key.strip() for key in raw.replace(",", "\n").splitlines() if key.strip()]
    if not keys and not PRODUCTION:
        keys = [DEV_NOTES_KEY]
    if PRODUCTION and (not keys or DEV_NOTES_KEY in keys):
        raise ImproperlyConfigured(
            "SEBAYA_ENV=production needs SEBAYA_NOTES_KEYS (or SEBAYA_NOTES_KEYS_FILE): the keys of "
            "confidential notes. Make one with: sebaya reencrypt --new-key"
        )
    from cryptography.fernet import Fernet

    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"Notes key number {number} is not a Fernet key (44 characters of URL-safe base64). "
                "Make one with: sebaya reencrypt --new-key"
            ) from None
    return keys


SEBAYA_NOTES_KEYS = _notes_keys()

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SEBAYA_ENV=production needs ALLOWED_HOSTS (comma separated).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "sebaya.core",
    "sebaya.organizations",
    "sebaya.people",
    "sebaya.accounts",
    "sebaya.audit",
    "sebaya.roster",
    "sebaya.screening",
    "sebaya.safety",
    "sebaya.mail",
    "sebaya.support",
    "sebaya.counseling",
    "sebaya.programs",
    "sebaya.guidance",
    "sebaya.psychosocial",
    "sebaya.evaluation",
    "sebaya.privacy",
    "sebaya.help",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sebaya.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sebaya.core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sebaya.accounts.middleware.SessionPolicyMiddleware",
    "sebaya.accounts.middleware.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sebaya.core.middleware.NoStoreForSignedInMiddleware",
    "sebaya.core.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "sebaya.urls"
WSGI_APPLICATION = "sebaya.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sebaya.core.context_processors.shell",
            ],
            # {% load long_lists %}: links and ages in a list of many rows (sebaya/kernel/long_lists.py).
            "libraries": {"long_lists": "sebaya.kernel.long_lists"},
        },
    },
]

# --- Database: SQLite file by default, anything dj-database-url understands otherwise.
DATA_DIR = Path(env("SEBAYA_DATA_DIR", str(PROJECT_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sebaya.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One school on one laptop: WAL and a busy timeout keep the worker and the web process friendly.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    if not env("DATABASE_URL"):
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory for tests
if env("DB_POOLER", "") == "pgbouncer":
    # PgBouncer in transaction mode hands each transaction to whichever server connection is free:
    # a cursor or a prepared statement left on one would be missing on the next (Django's docs,
    # "Transaction pooling and server-side cursors"; psycopg's prepare_threshold).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when REDIS_URL is given (needed once several app processes run).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts and sign-in
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "sebaya.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}  # many students have no email
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to addresses without an account (no spam relay)
# Asking for a reset link must write nothing (see accounts/tokens.py).
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "sebaya.accounts.tokens.ReadOnlyResetTokenGenerator"
ACCOUNT_FORMS = {
    "login": "sebaya.accounts.forms.LoginForm",
    "change_password": "sebaya.accounts.forms.ChangePasswordForm",
    "reset_password": "sebaya.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "sebaya.accounts.forms.ResetPasswordKeyForm",
}
# Failed sign-ins cool off; nothing ever locks an account for good.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("SEBAYA_LOGIN_FAILED_LIMIT", "5/15m/key,30/15m/ip"),
    "reset_password": "5/h/ip,3/h/key",
}
MFA_ADAPTER = "sebaya.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Sebaya"
MFA_RECOVERY_CODE_COUNT = 10
# allauth refuses two-step set-up while an address is unverified, against someone who signs up
# with another person's address. Nobody signs up here: an admin sets every address, and
# Sebaya never asks anyone to verify one, so that check could only lock staff out.
MFA_ALLOW_UNVERIFIED_EMAIL = True

# Sessions: a new key at every sign-in (Django rotates it in login()), 12 hours at most,
# 30 minutes idle for staff (enforced by SessionPolicyMiddleware).
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_STAFF_IDLE_SECONDS = 30 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "sebaya.core.errors.csrf_failure"  # a calm page in the person's language

# --- Internationalisation: Bahasa Indonesia first, complete English.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "sebaya_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
# One date format per language, in one place (sebaya/formats/).
FORMAT_MODULE_PATH = ["sebaya.formats"]
USE_TZ = True

# --- Static files (served by WhiteNoise, also behind a reverse proxy)
STATIC_URL = "/static/"
# Production serves the collected files; development and tests serve straight from the apps.
STATIC_ROOT = Path(env("STATIC_ROOT", str(DATA_DIR / "static"))) if PRODUCTION or env("STATIC_ROOT") else None
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Email: console in development, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Sebaya <noreply@sebaya.invalid>")
# A mail server that never answers must not hold up the worker (and with it, escalation).
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    DEV_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    EMAIL_BACKEND = env("EMAIL_BACKEND", "" if PRODUCTION else DEV_EMAIL_BACKEND)
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))  # for the file-based backend
    if not EMAIL_BACKEND:
        # Password-reset links must never end up in a production log: say how mail leaves, or that it doesn't.
        raise ImproperlyConfigured(
            "SEBAYA_ENV=production needs EMAIL_HOST (SMTP), or EMAIL_BACKEND set explicitly "
            "(e.g. django.core.mail.backends.dummy.EmailBackend to send no email at all)."
        )


def _development_base_url() -> str:
    # The address `./dev start` serves: 127.0.0.1 on PORT (8000 unless set).
    port = env("PORT").strip() or "8000"
    if not (port.isdigit() and 0 < int(port) < 65536):
        raise ImproperlyConfigured(f"PORT must be a port number (1-65535), not {port!r}.")
    return f"http://127.0.0.1:{port}"


# Links in emails point here (emails never carry content, only "sign in to see it").
SEBAYA_BASE_URL = (env("SEBAYA_BASE_URL") or ("" if PRODUCTION else _development_base_url())).rstrip("/")
if PRODUCTION and not SEBAYA_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("SEBAYA_ENV=production needs SEBAYA_BASE_URL, e.g. https://sebaya.example.org")

# /.well-known/security.txt (RFC 9116): where to report a vulnerability (comma-separated URIs,
# e.g. mailto:security@example.sch.id). Without one in production, the file answers 404.
SEBAYA_SECURITY_CONTACT = env(
    "SEBAYA_SECURITY_CONTACT", "" if PRODUCTION else "mailto:security@sebaya.invalid"
)
# Its Expires field: an ISO date, or empty for 364 days from each request.
SEBAYA_SECURITY_TXT_EXPIRES = env("SEBAYA_SECURITY_TXT_EXPIRES")
if SEBAYA_SECURITY_TXT_EXPIRES:
    try:
        datetime.date.fromisoformat(SEBAYA_SECURITY_TXT_EXPIRES)
    except ValueError as error:
        raise ImproperlyConfigured("SEBAYA_SECURITY_TXT_EXPIRES must be a date, e.g. 2027-06-30.") from error

# --- The background worker (sebaya worker): alert delivery and escalation.
WORKER_INTERVAL_SECONDS = float(env("SEBAYA_WORKER_INTERVAL", "2"))
# A claimed email not finished within this time is claimed again (its worker died).
WORKER_LEASE_SECONDS = int(env("SEBAYA_WORKER_LEASE_SECONDS", "60"))
WORKER_MAX_ATTEMPTS = 10

# --- Evaluation dashboards: one that took at least this many milliseconds to count is kept for
# the rest of the day and read from the cache (sebaya/evaluation/snapshots.py); empty: every
# dashboard is counted afresh on every view.
_keep_ms = env("SEBAYA_EVALUATION_KEEP_MS", "250")
EVALUATION_KEEP_MS = int(_keep_ms) if _keep_ms else None

# --- Roster import limits. A file past any of them is refused as a whole, with a message that
# says which; together they bound the memory and time one upload can take (see SECURITY.md).
ROSTER_MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the file as uploaded
ROSTER_MAX_ROWS = 10_000  # rows with data
ROSTER_MAX_SHEET_ROWS = 5 * ROSTER_MAX_ROWS  # rows read, empty ones included (how far down a sheet goes)
ROSTER_MAX_COLUMNS = 100  # columns with data in one row
ROSTER_MAX_CELLS = 500_000  # cells read in all, empty ones included
ROSTER_MAX_CELL_CHARS = 2_000  # characters in one cell
ROSTER_MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx (a zip): all its parts together, unpacked
ROSTER_MAX_COMPRESSION_RATIO = 100  # an .xlsx: unpacked size / packed size of any part over 1 MB
ROSTER_MAX_READ_SECONDS = 20  # reading one file, from opening it to its last row
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# Behind a reverse proxy, the client's address is the N-th entry from the right of
# X-Forwarded-For (1 behind one nginx). Used by sign-in rate limits and the audit trail.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("SEBAYA_TRUSTED_PROXY_COUNT", "0"))

# --- Security headers (all of them in production; check --deploy passes at WARNING level)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # monitoring on the machine itself speaks plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# --- Logging: never sensitive content; requests and errors only.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
