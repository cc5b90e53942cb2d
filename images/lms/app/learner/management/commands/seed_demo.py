"""Creates or updates the demo course and the devstack-like accounts. Running it again changes nothing."""
import os

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learner import demo_course, olx
from learner.course_store import save_course
from learner.models import CourseEnrollment, UserProfile


class Command(BaseCommand):
    help = "Seed the demo course and the demo accounts (password from LMS_DEMO_PASSWORD); idempotent."

    def handle(self, *args, **options):
        password = os.environ.get("LMS_DEMO_PASSWORD")
        if not password:
            raise CommandError("LMS_DEMO_PASSWORD is not set: the demo accounts take their password from it (the platform's demo-password secret).")
        fields, tree = self.read_demo_course()
        with transaction.atomic():
            course, _, blocks, removed = save_course(fields, tree)
            for account in demo_course.ACCOUNTS:
                self.seed_account(course, password, *account)
        self.stdout.write(f"Demo course {course.id}: {blocks} blocks ({removed} stale removed), {len(demo_course.ACCOUNTS)} accounts.")

    @staticmethod
    def read_demo_course():
        try:
            fields, tree, _ = olx.read_course(olx.Archive.from_folder(demo_course.OLX), demo_course.COURSE_ID)
        except olx.OlxError as e:
            raise CommandError(f"The demo course's OLX ({demo_course.OLX}, courses/demo-course in the repository) cannot be read: {e}")
        if not any(node.get("content", {}).get("discussion_id") == demo_course.DISCUSSION_ID for node in walk(tree)):
            raise CommandError(
                f"courses/demo-course has no discussion '{demo_course.DISCUSSION_ID}', the one the forum's seeded thread is posted in; restore it from the repository."
            )
        return fields, tree

    def seed_account(self, course, password, user_id, username, email, name, staff, mode):
        user, _ = User.objects.get_or_create(username=username, defaults={"id": user_id, "email": email})
        if user.id != user_id:
            raise CommandError(
                f"The demo account '{username}' has user id {user.id}, not {user_id}: the forum's seeded thread is posted as that id. "
                "Seed a fresh database, or give the account its id back."
            )
        wanted = {"email": email, "is_staff": staff, "is_superuser": staff and username == "edx", "is_active": True}
        changed = [field for field, value in wanted.items() if getattr(user, field) != value]
        for field in changed:
            setattr(user, field, wanted[field])
        # A fresh hash has a fresh salt: only rehash when the password really changed (a rotated secret).
        if not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        UserProfile.objects.update_or_create(user=user, defaults={"name": name})
        if mode:
            CourseEnrollment.objects.update_or_create(user=user, course=course, defaults={"mode": mode, "is_active": True})


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.get("children", []))
