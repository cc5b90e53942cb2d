"""The learner's data, shaped after Open edX's tables (auth_userprofile, student_courseenrollment,
courseware_studentmodule, the modulestore's block tree)."""
from django.conf import settings
from django.db import models


class UserProfile(models.Model):
    EDUCATION_LEVELS = [
        ("p", "Doctorate"),
        ("m", "Master's or professional degree"),
        ("b", "Bachelor's degree"),
        ("a", "Associate degree"),
        ("hs", "Secondary/high school"),
        ("jhs", "Junior secondary/junior high/middle school"),
        ("el", "Elementary/primary school"),
        ("none", "No formal education"),
        ("other", "Other education"),
    ]
    GENDERS = [("m", "Male"), ("f", "Female"), ("o", "Other/Prefer not to say")]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    name = models.CharField(max_length=255)
    level_of_education = models.CharField(max_length=6, blank=True, choices=EDUCATION_LEVELS)
    gender = models.CharField(max_length=6, blank=True, choices=GENDERS)
    year_of_birth = models.PositiveIntegerField(null=True, blank=True)
    mailing_address = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True)
    # The smoke or load test run that registered this account (its X-Test-Run header); empty for real learners.
    # remove_test_accounts deletes a run's accounts with everything they wrote.
    test_run = models.CharField(max_length=64, blank=True, default="", db_index=True)


class Course(models.Model):
    id = models.CharField(primary_key=True, max_length=255)
    display_name = models.CharField(max_length=255)
    org = models.CharField(max_length=64)
    number = models.CharField(max_length=64)
    run = models.CharField(max_length=64)
    short_description = models.TextField(blank=True)
    overview = models.TextField(blank=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.id

    def chapters(self):
        return self.blocks.filter(block_type=Block.CHAPTER).prefetch_related("children__children")


class Block(models.Model):
    """One node of a course: chapter > sequential (section) > vertical (unit) > html, problem or discussion."""

    CHAPTER, SEQUENTIAL, VERTICAL = "chapter", "sequential", "vertical"
    HTML, PROBLEM, DISCUSSION = "html", "problem", "discussion"
    TYPES = [(t, t) for t in (CHAPTER, SEQUENTIAL, VERTICAL, HTML, PROBLEM, DISCUSSION)]

    usage_id = models.CharField(primary_key=True, max_length=255)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="blocks")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    block_type = models.CharField(max_length=16, choices=TYPES)
    url_name = models.CharField(max_length=255)
    display_name = models.CharField(max_length=255)
    position = models.PositiveIntegerField(help_text="1-based order among its siblings")
    # html: {"html": ...}; problem: {"questions": [{"n", "type", "prompt", "choices", "answer"}]};
    # discussion: {"discussion_id", "discussion_category", "discussion_target"}
    content = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.usage_id


class CourseEnrollment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    mode = models.CharField(max_length=32, default="audit")
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("user", "course")]

    @classmethod
    def is_enrolled(cls, user, course):
        return user.is_authenticated and cls.objects.filter(user=user, course=course, is_active=True).exists()


class StudentModule(models.Model):
    """A learner's state and score for one problem."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    block = models.ForeignKey(Block, on_delete=models.CASCADE)
    state = models.JSONField(default=dict)
    grade = models.FloatField(null=True)
    max_grade = models.FloatField(null=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("student", "block")]

    @property
    def attempts(self):
        return self.state.get("attempts", 0)


class TrackingLog(models.Model):
    """A browser event posted to /event."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    event_type = models.CharField(max_length=512)
    event = models.TextField(blank=True)
    page = models.CharField(max_length=512, blank=True)
    time = models.DateTimeField(auto_now_add=True)
