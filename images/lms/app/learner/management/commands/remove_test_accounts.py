"""Removes the accounts a smoke or load test run registered (marked by its X-Test-Run header) and what they wrote."""
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learner.models import CourseEnrollment, StudentModule, TrackingLog


class Command(BaseCommand):
    help = "Delete the test accounts of one run (--run) or of every run (--all), with their enrollments, submissions and tracking events."

    def add_arguments(self, parser):
        parser.add_argument("--run", help="the run's id, as sent in X-Test-Run")
        parser.add_argument("--all", action="store_true", help="every account a test run registered")

    def handle(self, *args, **options):
        if bool(options["run"]) == options["all"]:
            raise CommandError("Give --run RUN (one run's accounts) or --all (every test run's), not both.")
        users = User.objects.exclude(profile__test_run="") if options["all"] else User.objects.filter(profile__test_run=options["run"])
        with transaction.atomic():
            ids = list(users.values_list("id", flat=True))
            # Tracking rows would outlive the user (SET_NULL); enrollments, submissions and profiles go with it (CASCADE).
            events, _ = TrackingLog.objects.filter(user_id__in=ids).delete()
            enrollments = CourseEnrollment.objects.filter(user_id__in=ids).count()
            submissions = StudentModule.objects.filter(student_id__in=ids).count()
            User.objects.filter(id__in=ids).delete()
        which = "every test run" if options["all"] else f"test run {options['run']}"
        self.stdout.write(f"Removed {len(ids)} test accounts of {which}: {enrollments} enrollments, {submissions} submissions, {events} tracking events.")
