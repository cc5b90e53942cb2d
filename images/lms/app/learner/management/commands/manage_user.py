"""Creates or updates one account, as Open edX's `manage_user` does; the password comes from LMS_USER_PASSWORD, never the command line."""
import os

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learner.models import UserProfile


class Command(BaseCommand):
    help = "Create or update a user (LMS_USER_PASSWORD sets the password); --staff makes a staff member. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("--staff", action="store_true", help="a staff member (is_staff)")
        parser.add_argument("--name", help="the full name on the profile; default: the username for a new user, the profile's name kept for an existing one")

    def handle(self, username, email, staff, name, **options):
        password = os.environ.get("LMS_USER_PASSWORD")
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None and User.objects.filter(email__iexact=email).exists():
                raise CommandError(f"Another account already uses {email}: give that account's username, or another email.")
            if user is not None and user.email.lower() != email.lower():
                raise CommandError(f"User '{username}' exists with another email ({user.email}); give that email, or another username.")
            created = user is None
            if created:
                if not password:
                    raise CommandError("LMS_USER_PASSWORD is not set: a new account needs a password.")
                user = User(username=username, email=email)
            changed = []
            if user.is_staff != staff:
                user.is_staff = staff
                changed.append("staff" if staff else "not staff")
            if not user.is_active:
                user.is_active = True
                changed.append("active")
            # A fresh hash has a fresh salt: only rehash when the password really changed.
            if password and not user.check_password(password):
                user.set_password(password)
                changed.append("password")
            user.save()
            # Without --name a later run keeps the profile's name: "again changes nothing" holds for a name set once.
            profile, new_profile = UserProfile.objects.get_or_create(user=user, defaults={"name": name or username})
            if not new_profile and name and profile.name != name:
                profile.name = name
                profile.save(update_fields=["name"])
                changed.append("name")
        role = "staff member" if user.is_staff else "learner"
        what = "Created" if created else ("Updated" if changed else "Unchanged:")
        detail = "" if created or not changed else f" ({', '.join(changed)})"
        self.stdout.write(f"{what} {role} '{username}' <{email}>{detail}.")
