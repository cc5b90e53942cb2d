"""Seeds the demo course's unit discussion with a welcome thread. Running it again changes nothing."""
from django.core.management.base import BaseCommand
from django.db import transaction

from comments.models import Thread, User

COURSE_ID = "course-v1:edX+DemoX+Demo_Course"
# The LMS's demo course puts this discussion in its "Getting Started" unit (learner/demo_course.py).
DISCUSSION_ID = "getting_started_discussion"
# The LMS's staff demo account: seed_demo there pins the demo accounts' user ids (learner/demo_course.py).
AUTHOR_ID, AUTHOR_USERNAME = "2", "staff"
TITLE = "Welcome! Introduce yourself"
BODY = "Say hello to your fellow learners: where are you from, and what brings you to this course?"


class Command(BaseCommand):
    help = "Seed the demo course's unit discussion with its welcome thread; idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            author, _ = User.objects.get_or_create(external_id=AUTHOR_ID, defaults={"username": AUTHOR_USERNAME})
            _, created = Thread.objects.get_or_create(
                course_id=COURSE_ID, commentable_id=DISCUSSION_ID, author=author, title=TITLE,
                defaults={"body": BODY, "pinned": True},
            )
        self.stdout.write(f"Discussion {DISCUSSION_ID} of {COURSE_ID}: welcome thread {'created' if created else 'already there'}.")
