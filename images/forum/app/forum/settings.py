"""Settings of the reference forum, read only from the environment (the platform's contract)."""
import os

from django.core.exceptions import ImproperlyConfigured


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set: the forum reads it from the environment (the platform passes it from its secrets)."
        )
    return value


# The forum keeps no sessions and signs nothing; Django still wants a key. The API key is the secret.
FORUM_API_KEY = required("FORUM_API_KEY")
SECRET_KEY = FORUM_API_KEY
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = ["comments"]

MIDDLEWARE = ["comments.api_key.ApiKeyMiddleware"]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        "HOST": os.environ.get("FORUM_DB_HOST", "mysql"),
        "PORT": os.environ.get("FORUM_DB_PORT", "3306"),
        "NAME": os.environ.get("FORUM_DB_NAME", "forum"),
        "USER": os.environ.get("FORUM_DB_USER", "forum001"),
        "PASSWORD": os.environ.get("FORUM_DB_PASSWORD", ""),
        # A short connect timeout lets /heartbeat answer 500 quickly when the database is gone.
        "OPTIONS": {"charset": "utf8mb4", "connect_timeout": 3},
    }
}

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
