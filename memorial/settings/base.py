"""Settings shared by every environment. Everything that differs between machines comes from the
environment; the defaults are safe for a developer's laptop and nothing else."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from memorial.media import (
    local_imports_storage,
    origin,
    public_base,
    s3_storages,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the default SQLite database and media live here


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def is_public_base(address: str) -> bool:
    """An http(s) address with a host and nothing after it, not naming this machine."""
    parts = urlsplit(address)
    return (
        parts.scheme in {"http", "https"}
        and bool(parts.hostname)
        and parts.path in {"", "/"}
        and not parts.query
        and parts.hostname not in {"localhost", "127.0.0.1", "::1"}
    )


DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "archive",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "memorial.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Inside CORS, outside everything that sets cookies: see archive/caching/middleware.py.
    "archive.caching.middleware.AnonymousCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "memorial.middleware.PrefixedLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "memorial.security.AdminLoginThrottleMiddleware",
    "memorial.security.SearchRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "archive.admin.malformed_ids.MalformedIdsMiddleware",
]

ROOT_URLCONF = "memorial.urls"
WSGI_APPLICATION = "memorial.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'memorial.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "memorial")
# "default" keeps what is derived from public content: safe in each worker's own memory, since a
# kept value is current only while the database's content generation is (archive/caching/).
# "limits" keeps the rate limits' and the sign-in lockout's counters, which every worker must
# share: in Redis, or else in a database table (made by `migrate`), at a few queries per API
# request and search.
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis outage must degrade to uncached serving, never to errors, nor to slow pages.
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": CACHE_KEY_PREFIX},
        "limits": {**_redis, "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:limits"},
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "memorial_limits",
            # One entry per address and minute; Django's default of 300 would forget counts.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Sessions are rows in the database, which every app server shares. Not in the cache: a Redis
# restart from an old dump, or a sign-out while Redis was unreachable (its errors are ignored),
# would sign a signed-out editor back in, since cache-backed sessions trust the cache first.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole responses to anonymous visitors, current while the content generation is (archive/caching/).
ANONYMOUS_CACHE_SECONDS = int(os.environ.get("ANONYMOUS_CACHE_SECONDS", "600"))
# A shared cache in front that is told what changed (Varnish with deploy/varnish.vcl): how long
# it may keep a page (s-maxage), and where its purges go. Without one, 0: a proxy that is never
# told would serve a page after it was unpublished.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
SHARED_CACHE_SECONDS = int(
    os.environ.get("SHARED_CACHE_SECONDS", "86400" if FRONTEND_CACHE_URL else "0")
)
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "archive.caching.purging.XkeyBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default locale; every content model is translatable into the others.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("az", _("Azerbaijani")),
    ("tr", _("Turkish")),
    ("ru", _("Russian")),
]
WAGTAIL_I18N_ENABLED = True
# Translations are made with wagtail-localize (docs/translation.md). A new translation of a
# record with drafts starts as a draft, and reaches readers through moderation like any draft.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Numbers and dates as each language writes them: 1.275 in Azerbaijani, "26 февраля 1992".
FORMAT_MODULE_PATH = ["memorial.formats"]
# The project's catalogues; Azerbaijani for Wagtail's own admin strings, which Wagtail's az_AZ
# catalogue mostly leaves in English; the case of month names in Django's own (memorial/formats/).
# All come before every app's catalogues. The first entry is where makemessages writes, so it
# never marks the others' strings obsolete.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "wagtail",
    BASE_DIR / "memorial" / "formats" / "month_names",
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Photos visitors sent: outside MEDIA_ROOT, which the proxy serves to anyone.
CONTRIBUTIONS_ROOT = Path(os.environ.get("CONTRIBUTIONS_ROOT", VAR_DIR / "contributions"))
# Images and documents of records the public may not see: outside MEDIA_ROOT (memorial/media.py).
SEALED_MEDIA_ROOT = Path(os.environ.get("SEALED_MEDIA_ROOT", VAR_DIR / "sealed-media"))
STORAGES = {
    "default": {"BACKEND": "memorial.media.MediaFolder"},
    "imports": local_imports_storage(),
    "contributions": {"BACKEND": "memorial.media.ContributionsFolder"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With more than one app server, media live in one S3-compatible bucket (memorial/media.py).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_ORIGIN = ""  # where pages' images come from, when not from this site
if MEDIA_S3_BUCKET:
    _endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL", "")
    _region = os.environ.get("MEDIA_S3_REGION", "")
    _public = os.environ.get("MEDIA_S3_PUBLIC_URL", "")
    MEDIA_URL = public_base(MEDIA_S3_BUCKET, _endpoint, _region, _public) + "/"
    MEDIA_ORIGIN = origin(MEDIA_URL)
    STORAGES.update(s3_storages(MEDIA_S3_BUCKET, _endpoint, _region, MEDIA_URL))

WAGTAIL_SITE_NAME = "Memorial Archive"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Where the public reaches the site, e.g. https://memorial.example.org: the API writes every
# record's addresses (its own and its page's) from it. Empty: from the host each request names.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "xlsx", "odt", "docx", "png", "jpg", "jpeg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Visitors' contributions (archive/contributions/). Their photos are kept in the "contributions"
# storage (above), never where the public reads, and reach the public only through a view that
# checks that a moderator approved them. Each address may send CONTRIBUTION_LIMIT of them in
# CONTRIBUTION_WINDOW_MINUTES, counted by every worker together; a form sent back sooner than
# CONTRIBUTION_MIN_SECONDS after it was opened is refused (no person types that fast).
CONTRIBUTION_LIMIT = int(os.environ.get("CONTRIBUTION_LIMIT", "5"))
CONTRIBUTION_WINDOW_MINUTES = int(os.environ.get("CONTRIBUTION_WINDOW_MINUTES", "60"))
CONTRIBUTION_MIN_SECONDS = int(os.environ.get("CONTRIBUTION_MIN_SECONDS", "5"))
# At most this many links in a contribution's text (none is ever made clickable).
CONTRIBUTION_MAX_LINKS = 2
# Mail: moderators hear of each contribution, contributors of each decision. SMTP from the
# environment (development prints mail on the console, tests keep it in memory).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "archive@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Documents are always downloaded, never rendered inline, so an uploaded HTML file cannot run;
# and always through the app, which checks a collection's view restriction first (with media in
# a bucket, documents are private there: memorial/media.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Uploaded documents must be what their extension says (archive/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "archive.uploads.DocumentForm"
# No third-party requests from the admin: avatars are not fetched from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["archive.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "600/minute"),
        # The public site's search pages (memorial/security.py).
        "search": os.environ.get("SEARCH_ANON_RATE", "60/minute"),
    },
    "UNAUTHENTICATED_USER": None,
    # How many reverse proxies in front of the site append to X-Forwarded-For. 0 (the default)
    # trusts no forwarded address: a client could otherwise escape every per-address limit by
    # sending a different made-up header with each request.
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
}
# The licence the archive's records are published under (the API's guide and schema say it).
DATA_LICENCE_NAME = os.environ.get("DATA_LICENCE_NAME", "CC BY 4.0")
DATA_LICENCE_URL = os.environ.get(
    "DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
SPECTACULAR_SETTINGS = {
    "TITLE": "Memorial Archive API",
    # The whole guide replaces this (archive/api/guide.md, through the hook below).
    "DESCRIPTION": "Read-only access to the published, public records of the archive.",
    "VERSION": "1.3.0",
    "LICENSE": {"name": DATA_LICENCE_NAME, "url": DATA_LICENCE_URL},
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "PREPROCESSING_HOOKS": ["archive.api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "archive.api.schema.with_guide",
    ],
    # Four models have a "kind"; name each one's choices after its model.
    "ENUM_NAME_OVERRIDES": {
        "ContributionKindEnum": "archive.models.Contribution.Kind",
        "OrganisationKindEnum": "archive.models.Organisation.Kind",
        "SourceKindEnum": "archive.models.Source.Kind",
        "StatementKindEnum": "archive.models.StatementPage.Kind",
    },
    # `check --deploy` generates the schema and fails on any of its warnings.
    "ENABLE_DJANGO_DEPLOY_CHECK": True,
}
# How long browsers and shared caches may keep an API answer, in seconds.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
# How many records (one language each) a request may write to bring the API's incremental sync
# up to date after a change; a larger change waits for `manage.py refresh_public_records`
# (cron). About a millisecond each: a request stays within seconds.
API_SYNC_REQUEST_BUDGET = int(os.environ.get("API_SYNC_REQUEST_BUDGET", "5000"))
# Security headers (memorial/security.py). Public pages run no inline script at all; Wagtail's
# admin still needs inline scripts, inline styles and eval. Nothing may frame a page, except that
# the admin frames previews in its side panel (memorial/security.py says which responses those are).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": f"'self' data: {MEDIA_ORIGIN}".strip(),
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": f"'self' data: blob: {MEDIA_ORIGIN}".strip(),
}
PREVIEW_FRAME_ANCESTORS = "'self'"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
# Admin sign-in: this many failures for one username from one address lock it for so long.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
