"""The forum's data, shaped after cs_comments_service's documents: users known by the LMS's user id,
threads in a commentable (a unit's discussion), comments on a thread (responses, and replies to them)."""
import secrets

from django.db import models
from django.utils import timezone


def new_id():
    """24 hex digits, the shape of the ids cs_comments_service hands out (the LMS's URLs expect it)."""
    return secrets.token_hex(12)


class User(models.Model):
    external_id = models.CharField(primary_key=True, max_length=64, help_text="the LMS's user id")
    username = models.CharField(max_length=255)
    default_sort_key = models.CharField(max_length=16, default="date")


class Thread(models.Model):
    TYPES = [("discussion", "discussion"), ("question", "question")]

    id = models.CharField(primary_key=True, max_length=24, default=new_id, editable=False)
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="threads")
    course_id = models.CharField(max_length=255)
    commentable_id = models.CharField(max_length=255)
    context = models.CharField(max_length=16, default="course")
    thread_type = models.CharField(max_length=16, choices=TYPES, default="discussion")
    title = models.CharField(max_length=1024)
    body = models.TextField()
    anonymous = models.BooleanField(default=False)
    anonymous_to_peers = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    group_id = models.IntegerField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["course_id", "commentable_id", "created_at"])]


class Comment(models.Model):
    id = models.CharField(primary_key=True, max_length=24, default=new_id, editable=False)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="comments")
    course_id = models.CharField(max_length=255)
    body = models.TextField()
    anonymous = models.BooleanField(default=False)
    anonymous_to_peers = models.BooleanField(default=False)
    endorsed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    @property
    def depth(self):
        return 0 if self.parent_id is None else self.parent.depth + 1
