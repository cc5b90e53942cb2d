"""Settings of the reference LMS, read only from the environment (the platform's contract)."""
import os
import socket

import django

from django.core.exceptions import ImproperlyConfigured


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: the LMS reads it from the environment (the platform passes it from its secrets)."
        )
    return value


SECRET_KEY = required("LMS_SECRET_KEY")
DEBUG = False
PUBLIC_HOSTS = [h.strip() for h in os.environ.get("LMS_ALLOWED_HOSTS", "*").split(",") if h.strip()]
# The probes ask for localhost (Docker's health check) or the pod's own address (Kubernetes), whatever names the public gets.
ALLOWED_HOSTS = PUBLIC_HOSTS if "*" in PUBLIC_HOSTS else PUBLIC_HOSTS + ["localhost", "127.0.0.1", socket.gethostbyname(socket.gethostname())]

# Behind nginx serving HTTPS (the deployment's --tls): nginx sets X-Forwarded-Proto itself, so it can be trusted.
if os.environ.get("LMS_PUBLIC_SCHEME", "http") == "https":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    trusted = [h for h in PUBLIC_HOSTS if h != "*"]
    CSRF_TRUSTED_ORIGINS = trusted if django.VERSION < (4, 0) else [f"https://{h}" for h in trusted]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "learner",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "HOST": os.environ.get("LMS_DB_HOST", "mysql"),
        "PORT": os.environ.get("LMS_DB_PORT", "3306"),
        "NAME": os.environ.get("LMS_DB_NAME", "edxapp"),
        "USER": os.environ.get("LMS_DB_USER", "edxapp001"),
        "PASSWORD": os.environ.get("LMS_DB_PASSWORD", ""),
        # A short connect timeout lets /heartbeat answer 503 quickly when the database is gone.
        "OPTIONS": {"charset": "utf8mb4", "connect_timeout": 3},
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": os.environ.get("LMS_MEMCACHED", "memcached:11211"),
        "KEY_PREFIX": "lms",
        # Fail fast and retry soon, so a restarted memcached is used again within seconds. While it is
        # down (or marked dead by a worker), reads miss and writes are dropped instead of failing the
        # request: /heartbeat still reports it, since its read-back check then fails.
        "OPTIONS": {"connect_timeout": 2, "timeout": 2, "retry_attempts": 1, "dead_timeout": 5, "ignore_exc": True},
    }
}

# Sessions are read from memcached, shared by every gunicorn worker and LMS replica, and kept in the
# database too, so a memcached restart neither signs learners out nor fails their logins.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Ironwood's (Django 1.11) PBKDF2 cost, so registration and login load compare with Open edX's.
PASSWORD_HASHERS = ["learner.hashers.IronwoodPBKDF2PasswordHasher"]

# The forum service (cs_comments_service's job) and the API key it shares with the LMS. A short
# timeout: a learner's page waits on it, and a forum that does not answer is down.
FORUM_URL = os.environ.get("LMS_FORUM_URL", "http://forum:4567").rstrip("/")
FORUM_API_KEY = required("LMS_FORUM_API_KEY")
FORUM_TIMEOUT_SECONDS = float(os.environ.get("LMS_FORUM_TIMEOUT", "5"))

LOGIN_URL = "/login"
STATIC_URL = "/static/"
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
