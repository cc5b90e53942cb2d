"""Creates or updates the demo course and the devstack-like accounts. Running it again changes nothing."""
import os

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learner import demo_course
from learner.models import Block, Course, CourseEnrollment, UserProfile


class Command(BaseCommand):
    help = "Seed the demo course and the demo accounts (password from LMS_DEMO_PASSWORD); idempotent."

    def handle(self, *args, **options):
        password = os.environ.get("LMS_DEMO_PASSWORD")
        if not password:
            raise CommandError("LMS_DEMO_PASSWORD is not set: the demo accounts take their password from it (the platform's demo-password secret).")
        with transaction.atomic():
            course, _ = Course.objects.update_or_create(id=demo_course.COURSE_ID, defaults=demo_course.COURSE)
            kept = self.seed_blocks(course, None, demo_course.TREE)
            removed, _ = Block.objects.filter(course=course).exclude(usage_id__in=kept).delete()
            for account in demo_course.ACCOUNTS:
                self.seed_account(course, password, *account)
        self.stdout.write(f"Demo course {course.id}: {len(kept)} blocks ({removed} stale removed), {len(demo_course.ACCOUNTS)} accounts.")

    def seed_blocks(self, course, parent, nodes):
        kept = []
        for position, node in enumerate(nodes, start=1):
            block, _ = Block.objects.update_or_create(
                usage_id=demo_course.usage_id(node["type"], node["url_name"]),
                defaults={
                    "course": course,
                    "parent": parent,
                    "block_type": node["type"],
                    "url_name": node["url_name"],
                    "display_name": node["display_name"],
                    "position": position,
                    "content": node.get("content", {}),
                },
            )
            kept += [block.usage_id] + self.seed_blocks(course, block, node.get("children", []))
        return kept

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
