"""Settings for the CCI Portal, read from the environment (see ``.env.example``).

Safe by default: with no variables at all the site runs in production mode (DEBUG off, HTTPS
only, strict headers) and refuses to start without ``DJANGO_SECRET_KEY``. Development gets its
variables from a git-ignored ``.env`` that ``make run`` and ``make test`` write once
(``bin/ensure-env``: ``DJANGO_DEBUG=true`` and a random key); variables already in the
environment win over it. Without ``DATABASE_URL`` the project runs on an embedded PostgreSQL
server kept under ``var/pgdata/``.
"""

import os
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from cci_portal.caches import cache_settings
from cci_portal.databases import database_settings
from cci_portal.storages import storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent
# DJANGO_ENV_FILE names another file, or none at all ("" reads no file).
ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    load_dotenv(ENV_FILE, override=False)

MIN_SECRET_KEY_LENGTH = 50


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY must be set to a random string of at least {MIN_SECRET_KEY_LENGTH} characters "
        "(it has %d). For development, run `make run` or `bin/ensure-env`, which write one to .env." % len(SECRET_KEY)
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_filters",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "core",
    "projects",
    "news",
    "cci_portal",
]

MIDDLEWARE = [
    # /healthz and /readyz, before anything that checks the host, redirects or counts requests.
    "cci_portal.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outermost but for security: a read that lost its database connection runs again, whole.
    "cci_portal.resilience.RetryReadsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # CORS first after security: it must answer before anything else builds a response.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the session: a client that has just written reads from the primary.
    "cci_portal.databases.ReadYourWritesMiddleware",
    # Pages per client address (core/ratelimit.py): after the language (its 429 page is in the
    # reader's) and authentication (staff working in the admin are not counted).
    "core.ratelimit.PageRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cci_portal.urls"
WSGI_APPLICATION = "cci_portal.wsgi.application"

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
            ],
        },
    },
]

# Database: DATABASE_URL when given, otherwise the embedded server under var/; read replicas
# from REPLICA_DATABASE_URLS (cci_portal/databases.py).
DATABASES = database_settings(BASE_DIR)
DATABASE_ROUTERS = ["cci_portal.databases.ReplicaRouter"]

# Cache: each process's memory, or a shared one from CACHE_URL (cci_portal/caches.py).
CACHES = cache_settings()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Simplified Chinese.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Chinese search (core/chinese.py, core/search.py): the CCI's names the word segmenter keeps whole,
# and the terms a query finds in the other language.
CHINESE_DICTIONARY_FILES = [BASE_DIR / "projects" / "search_terms" / "dictionary.txt"]
SEARCH_GLOSSARY_FILES = [BASE_DIR / "projects" / "search_terms" / "glossary.csv"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "var" / "staticfiles")
if DEBUG:
    # WhiteNoise serves from the finders in development but still expects the folder.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    WHITENOISE_USE_FINDERS = True
STORAGES = storage_settings(BASE_DIR, debug=DEBUG)
RELEASE_RETENTION = int(os.environ.get("DJANGO_RELEASE_RETENTION", "10"))  # the newest releases kept
# The site's address, for the links in files written away from a request (releases).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# django-axes: lock a username from one address after 5 failures, for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# No banner on start-up: standard output carries the structured logs only.
AXES_VERBOSE = False
# The lockout counts by the same client address as the rate limits (X-Forwarded-For only as far
# as DJANGO_API_NUM_PROXIES allows).
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.request_address"

# django-import-export: every import in one transaction, written only when all rows are valid.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# HTTPS in production: secure cookies, HSTS and a redirect from http. Behind a proxy that ends
# TLS, DJANGO_SECURE_PROXY_SSL_HEADER names the header it sets ("HTTP_X_FORWARDED_PROTO,https"),
# or DJANGO_SECURE_SSL_REDIRECT=false leaves the redirect to the proxy.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    _header, _value = os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].split(",", 1)
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip())
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): the site's own scripts, styles, images and fonts only;
# no inline script or style, no eval, no framing. The Swagger UI loads its start-up script as a
# file (drf-spectacular's split view) so it runs under the same policy.
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
    },
}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Logs to standard output: one JSON object a line in production, plain text in development.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": env_choice("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json", ("json", "plain")),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
}


# REST API ------------------------------------------------------------------------------------
# /api/v1/ (cci_portal/api/): JSON and CSV, anonymous reads throttled by address, partners' API
# keys (``Authorization: Api-Key <key>``) at a higher rate, writes by staff with model permissions.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cci_portal.api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        # HTTP Basic that django-axes' lockout and the failed-login limit see.
        "cci_portal.api.authentication.PasswordAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ReadOrStaffModelPermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonymousRateThrottle",
        "core.api.throttling.ApiKeyRateThrottle",
        "core.api.throttling.StaffRateThrottle",
    ],
    # Throttles count by the connection's address; X-Forwarded-For is believed only from this many
    # proxies in front of the site (0: never, so a client cannot pick its own address).
    "NUM_PROXIES": int(os.environ.get("DJANGO_API_NUM_PROXIES", "0")),
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_RATE_ANON", "60/min"),
        "api_key": os.environ.get("DJANGO_API_RATE_KEY", "600/min"),
        "staff": os.environ.get("DJANGO_API_RATE_STAFF", "1200/min"),
        # Failed authentications per client address, whatever the usernames (core/api/throttling.py).
        "failed_login": os.environ.get("DJANGO_API_RATE_FAILED_LOGIN", "10/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "core.api.renderers.CsvRenderer"],
    # JSON only, refusing a body nested too deeply for Python to read (a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JsonParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.negotiation.FormatNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["core.api.filters.RegistryFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.RegistryPagination",
    "DEFAULT_SCHEMA_CLASS": "cci_portal.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.json_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CCI Portal API",
    "DESCRIPTION": (
        "The registry of the China-Singapore (Chongqing) Demonstration Initiative on Strategic Connectivity "
        "as JSON, CSV (`?format=csv`) and OC4IDS. Anyone reads published records (60 requests a minute); "
        "partners send `Authorization: Api-Key <key>` for 600 a minute; staff write with their account and "
        'the admin\'s permissions. Errors are JSON: `{"detail": ..., "errors": {...}}`; an unknown query '
        "parameter is a 400 that names it; a method an endpoint does not offer is a 405 with `Allow`. "
        "Reads carry ETag and Last-Modified and answer a conditional GET with 304."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to the public swagger.io validator: the docs load nothing from outside the site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "cci_portal.api.schema.root_security"],
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.choices.ProjectStatus",
        "ParticipantRoleEnum": "projects.choices.ParticipantRole",
        "CurrencyEnum": "projects.choices.Currency",
        "DatePrecisionEnum": "projects.choices.DatePrecision",
        "ZoneKindEnum": "projects.choices.ZoneKind",
        "OrganizationKindEnum": "projects.choices.OrganizationKind",
        "FigureMetricEnum": "projects.choices.FigureMetric",
        "FigureUnitEnum": "projects.choices.FigureUnit",
        "FigureScopeEnum": "projects.choices.FigureScope",
        "FigureQualifierEnum": "projects.choices.FigureQualifier",
        "ArticleCategoryEnum": "news.models.ArticleCategory",
    },
}

# Anyone may read the API from a browser on another site; writes stay same-origin.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "Content-Disposition",
    "Link",  # the feeds of a list's filters
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]

# Requests per client address to the HTML pages: every page counts towards "pages", the search
# page also towards its own lower limit; None lifts a limit. The API has its throttles instead.
# Every counter lives in the default cache, so a shared cache shares them across processes.
PAGE_RATE_LIMITS = {
    "pages": os.environ.get("DJANGO_PAGE_RATE", "300/min"),
    "search": os.environ.get("DJANGO_SEARCH_RATE", "60/min"),
}

# The licence of the published data, stated on the data page, in the API root, in downloads and in
# OC4IDS packages (core.licensing): Creative Commons Attribution 4.0 unless the bureau chooses another.
DATA_LICENSE = {
    "name": os.environ.get("DJANGO_DATA_LICENSE_NAME", "CC BY 4.0"),
    "url": os.environ.get("DJANGO_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}

# The OC4IDS project id prefix: empty until the Open Contracting Partnership registers one (docs/api.md).
OC4IDS_ID_PREFIX = os.environ.get("DJANGO_OC4IDS_ID_PREFIX", "")

# Whole public pages (home, statistics) and API result pages kept for anonymous readers under
# the site's version or their ETag. Off only to measure the work behind them (make bench does).
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)

# Email (the enquiries' confirmations): SMTP when EMAIL_HOST is set, else the console (docs/operations.md).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = f"django.core.mail.backends.{'smtp' if EMAIL_HOST else 'console'}.EmailBackend"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_USER", ""), os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS, EMAIL_TIMEOUT = env_bool("EMAIL_USE_TLS", True), 10
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CCI Portal <noreply@localhost>")
# Enquiries (cci_portal/enquiries/): the bureau's address for a notice, days kept, limits per client and email.
ENQUIRY_NOTIFY_EMAIL = os.environ.get("DJANGO_ENQUIRY_NOTIFY_EMAIL", "")
ENQUIRY_RETENTION_DAYS = int(os.environ.get("DJANGO_ENQUIRY_RETENTION_DAYS", "730"))
ENQUIRY_RATE_LIMITS = {"client": os.environ.get("DJANGO_ENQUIRY_RATE", "10/hour")}
ENQUIRY_RATE_LIMITS["email"] = os.environ.get("DJANGO_ENQUIRY_EMAIL_RATE", "3/hour")
