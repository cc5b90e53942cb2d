from django.contrib.auth.hashers import PBKDF2PasswordHasher


class IronwoodPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 at Django 1.11's iteration count, the cost Open edX Ironwood pays per login."""

    iterations = 36000
