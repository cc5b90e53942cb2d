"""cs_comments_service's API as the LMS uses it (/api/v1/...), on one page."""
from django.urls import path, re_path

from comments import views

COMMENTABLE = r"(?P<commentable_id>[\w\-.]+)"
THREAD = r"(?P<thread_id>[^/]+)"

urlpatterns = [
    path("heartbeat", views.heartbeat),
    re_path(r"^api/v1/users/(?P<user_id>[^/]+)$", views.user),
    re_path(r"^api/v1/threads$", views.course_threads),
    re_path(rf"^api/v1/threads/{THREAD}$", views.thread),
    re_path(rf"^api/v1/threads/{THREAD}/comments$", views.thread_comments),
    re_path(rf"^api/v1/{COMMENTABLE}/threads$", views.commentable_threads),
]
