"""Django settings for Workbench, read from the environment in this one place.

A forgotten setting never opens a hole: ``DEBUG`` is off unless the environment switches it
on (``make run`` and ``manage.py serve`` do), so the production values apply by default (secure
cookies, HSTS, SSL redirect, known hosts only) and ``SECRET_KEY`` must be given. Only an
explicit ``DEBUG`` brings the development key, any host and plain-HTTP cookies.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WORKBENCH_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "workbench.common",
    "workbench.jobs",
    "workbench.corpus",
    "workbench.language",
    "workbench.translation",
    "workbench.annotation",
    "workbench.audit",
    "workbench.review",
    "workbench.suggestion",
    "workbench.exchange",
    "workbench.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "workbench.common.middleware.DatabaseLockedMiddleware",
    "workbench.common.middleware.NulCharacterMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "workbench.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "workbench.wsgi.application"
ASGI_APPLICATION = "workbench.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'workbench.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: a changed password revokes the user's API tokens.
    {"NAME": "workbench.common.auth.RevokeTokensOnPasswordChange"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Content-Security-Policy (django-csp) on every response: scripts, style sheets, fonts, images
# and API calls from this origin only; no inline or injected script, no plugins, no framing,
# forms post here only. Style attributes stay allowed for the label colours the workspace
# sets as CSS variables; images and fonts from elsewhere stay refused, so such an attribute
# cannot load anything.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:projects"
LOGOUT_REDIRECT_URL = "login"
LOCALE_PATHS = [BASE_DIR / "workbench" / "locale"]

# Trusted reverse proxies in front of the app (the TLS proxy of the deployment guide: 1). The
# API throttles and the login lockout both count clients by the address the nearest of them
# saw (workbench.common.clients); with 0, X-Forwarded-For is ignored.
WORKBENCH_NUM_PROXIES = int(os.environ.get("WORKBENCH_NUM_PROXIES", "0"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request gets 401 with a WWW-Authenticate header.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": [
        "workbench.common.throttling.AnonRateThrottle",
        "workbench.common.throttling.UserRateThrottle",
    ],
    # Requests per client address (anon), login form posts per address (login), per user
    # (user), token requests per address, and export requests per user (export views name
    # that scope). Client addresses behind proxies: WORKBENCH_NUM_PROXIES below.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("WORKBENCH_THROTTLE_ANON", "60/minute"),
        "login": os.environ.get("WORKBENCH_THROTTLE_LOGIN", "20/minute"),
        "user": os.environ.get("WORKBENCH_THROTTLE_USER", "600/minute"),
        "token": os.environ.get("WORKBENCH_THROTTLE_TOKEN", "10/minute"),
        "export": os.environ.get("WORKBENCH_EXPORT_RATE", "30/min"),
    },
    "DEFAULT_PARSER_CLASSES": [
        "workbench.common.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "NUM_PROXIES": WORKBENCH_NUM_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "workbench.common.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "workbench.common.errors.exception_handler",
}

# API tokens (django-rest-knox): stored hashed, valid for WORKBENCH_TOKEN_TTL_HOURS.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=float(os.environ.get("WORKBENCH_TOKEN_TTL_HOURS", "24"))),
    "AUTO_REFRESH": False,
}

# Login lockout (django-axes) for the admin, the browser login and the token endpoint: after
# WORKBENCH_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# username is locked out from that address for WORKBENCH_LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("WORKBENCH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("WORKBENCH_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "workbench.common.clients.client_address"

SPECTACULAR_SETTINGS = {
    "TITLE": "Workbench API",
    "DESCRIPTION": "Documents, segments, language, translation drafts and annotations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Job kinds share one status enum; naming it keeps it apart from other "status" fields.
    "ENUM_NAME_OVERRIDES": {"JobStatusEnum": "workbench.jobs.models.JobStatus"},
}

# Largest accepted upload or imported file, in bytes.
WORKBENCH_MAX_UPLOAD_BYTES = int(os.environ.get("WORKBENCH_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = WORKBENCH_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = WORKBENCH_MAX_UPLOAD_BYTES + 1024 * 1024
# Who may create projects (API, JSONL import into a new project): "staff" (the default) or
# "everyone". The creator becomes the project's first moderator.
WORKBENCH_PROJECT_CREATORS = os.environ.get("WORKBENCH_PROJECT_CREATORS", "staff")
if WORKBENCH_PROJECT_CREATORS not in {"staff", "everyone"}:
    raise ImproperlyConfigured("WORKBENCH_PROJECT_CREATORS must be staff or everyone.")

# Most segments one document may have (an import past it is refused with 413).
WORKBENCH_MAX_SEGMENTS = int(os.environ.get("WORKBENCH_MAX_SEGMENTS", "5000"))
# A translation may be at most this many times as long as its source (in code points), plus
# WORKBENCH_TRANSLATION_LENGTH_SLACK, so short sources can have longer renderings.
WORKBENCH_TRANSLATION_LENGTH_RATIO = float(
    os.environ.get("WORKBENCH_TRANSLATION_LENGTH_RATIO", "4")
)
WORKBENCH_TRANSLATION_LENGTH_SLACK = int(
    os.environ.get("WORKBENCH_TRANSLATION_LENGTH_SLACK", "200")
)
WORKBENCH_SEEDS_DIR = BASE_DIR / "seeds"
WORKBENCH_SEED_PROJECT = os.environ.get("WORKBENCH_SEED_PROJECT", "Seeds")

# Machine translation: engines by dotted path, argos models directory, CTranslate2 options.
WORKBENCH_MT_ENGINES = _env_list(
    "WORKBENCH_MT_ENGINES", "workbench.translation.engines.argos.ArgosEngine"
)
ARGOS_PACKAGES_DIR = Path(os.environ.get("ARGOS_PACKAGES_DIR", VAR_DIR / "argos-packages"))
WORKBENCH_MT_BEAM_SIZE = int(os.environ.get("WORKBENCH_MT_BEAM_SIZE", "4"))
WORKBENCH_MT_COMPUTE_TYPE = os.environ.get("WORKBENCH_MT_COMPUTE_TYPE", "int8")
WORKBENCH_MT_THREADS = int(os.environ.get("WORKBENCH_MT_THREADS", "0"))
WORKBENCH_MT_INTER_THREADS = int(os.environ.get("WORKBENCH_MT_INTER_THREADS", "1"))
WORKBENCH_MT_DEVICE = os.environ.get("WORKBENCH_MT_DEVICE", "cpu")
WORKBENCH_MT_MAX_BATCH_SIZE = int(os.environ.get("WORKBENCH_MT_MAX_BATCH_SIZE", "32"))
WORKBENCH_MT_MAX_DECODING_LENGTH = int(os.environ.get("WORKBENCH_MT_MAX_DECODING_LENGTH", "256"))
WORKBENCH_MT_JOB_BATCH_SIZE = int(os.environ.get("WORKBENCH_MT_JOB_BATCH_SIZE", "64"))
WORKBENCH_MT_JOB_FIRST_BATCH_SIZE = int(os.environ.get("WORKBENCH_MT_JOB_FIRST_BATCH_SIZE", "8"))

# Suggestions: recommenders by dotted path; the learned ones' model files; when a learned
# recommender trains by itself (after this many new accepted annotations, 0 = never), the
# fewest annotations it trains on, the share held out for its self-evaluation, and the F1
# (overlap, mean over its labels) under which its suggestions are not shown.
WORKBENCH_RECOMMENDERS = _env_list(
    "WORKBENCH_RECOMMENDERS",
    "workbench.suggestion.recommenders.attribution.AttributionRules,"
    "workbench.suggestion.recommenders.learned.LearnedAttribution",
)
WORKBENCH_RECOMMENDER_MODELS_DIR = Path(
    os.environ.get("WORKBENCH_RECOMMENDER_MODELS_DIR", VAR_DIR / "recommenders")
)
WORKBENCH_SUGGESTION_TRAIN_EVERY = int(os.environ.get("WORKBENCH_SUGGESTION_TRAIN_EVERY", "50"))
WORKBENCH_SUGGESTION_MIN_TRAINING = int(os.environ.get("WORKBENCH_SUGGESTION_MIN_TRAINING", "20"))
WORKBENCH_SUGGESTION_HELD_OUT = float(os.environ.get("WORKBENCH_SUGGESTION_HELD_OUT", "0.2"))
WORKBENCH_SUGGESTION_MIN_F1 = float(os.environ.get("WORKBENCH_SUGGESTION_MIN_F1", "0.5"))

# Background jobs run in `manage.py run_jobs` workers, or on Celery when a broker is set;
# WORKBENCH_JOBS_INLINE runs them at once in the submitting process (tests, debugging).
WORKBENCH_JOBS_INLINE = _env_bool("WORKBENCH_JOBS_INLINE", False)
WORKBENCH_JOB_POLL_SECONDS = float(os.environ.get("WORKBENCH_JOB_POLL_SECONDS", "1"))
WORKBENCH_JOB_STALE_SECONDS = float(os.environ.get("WORKBENCH_JOB_STALE_SECONDS", "120"))
WORKBENCH_JOB_MAX_ATTEMPTS = int(os.environ.get("WORKBENCH_JOB_MAX_ATTEMPTS", "5"))
WORKBENCH_JOB_SWEEP_SECONDS = float(os.environ.get("WORKBENCH_JOB_SWEEP_SECONDS", "30"))

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 5}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "workbench-jobs-sweep": {
        "task": "workbench.jobs.sweep",
        "schedule": WORKBENCH_JOB_SWEEP_SECONDS,
    }
}

# A shared cache (Redis) keeps per-user API throttle counts across gunicorn workers and hosts.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

if not DEBUG:
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
