"""The learner HTTP surface of Open edX Ironwood: same paths, so the same scenario runs against either platform."""
from django.urls import path, re_path

from learner.views import accounts, catalog, courseware, discussion, health, tracking

COURSE = r"(?P<course_id>course-v1:[^/]+)"
USAGE = r"(?P<usage_id>block-v1:[^/]+)"
DISCUSSION = r"(?P<discussion_id>[\w\-.]+)"

urlpatterns = [
    path("", catalog.index),
    re_path(r"^courses/?$", catalog.courses),
    re_path(rf"^courses/{COURSE}/about/?$", catalog.about),
    path("change_enrollment", catalog.change_enrollment),
    re_path(rf"^courses/{COURSE}/course/$", courseware.outline),
    re_path(
        rf"^courses/{COURSE}/courseware/(?P<chapter>[^/]+)/(?P<section>[^/]+)/(?:(?P<position>\d+)/?)?$",
        courseware.courseware,
    ),
    re_path(rf"^courses/{COURSE}/jump_to/{USAGE}/?$", courseware.jump_to),
    re_path(rf"^courses/{COURSE}/progress/?$", courseware.progress),
    re_path(
        rf"^courses/{COURSE}/xblock/{USAGE}/handler/xmodule_handler/problem_check$",
        courseware.problem_check,
    ),
    re_path(rf"^courses/{COURSE}/discussion/forum/{DISCUSSION}/inline$", discussion.inline_discussion),
    re_path(rf"^courses/{COURSE}/discussion/forum/?$", discussion.forum_form_discussion),
    re_path(rf"^courses/{COURSE}/discussion/(?P<commentable_id>[\w\-.]+)/threads/create$", discussion.create_thread),
    re_path(rf"^courses/{COURSE}/discussion/threads/(?P<thread_id>[\w\-]+)/reply$", discussion.create_comment),
    path("register", accounts.register_page),
    path("login", accounts.login_page),
    path("logout", accounts.logout_view),
    path("dashboard", accounts.dashboard),
    path("user_api/v1/account/registration/", accounts.register),
    path("login_ajax", accounts.login_ajax),
    path("event", tracking.event),
    re_path(r"^heartbeat/?$", health.heartbeat),
]
