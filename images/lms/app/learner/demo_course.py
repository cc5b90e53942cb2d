"""The demo course, with the ids of Open edX's edX/DemoX/Demo_Course that the learner scenario uses, and the
devstack-like accounts. The course itself is the OLX the repository ships (courses/demo-course, baked into the
image beside the app): seed_demo imports it as import_olx does, so there is one source for it."""
import os

COURSE_ID = "course-v1:edX+DemoX+Demo_Course"

OLX = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "courses", "demo-course")

# The "Getting Started" unit's discussion; the forum's seed_demo posts the welcome thread in it.
DISCUSSION_ID = "getting_started_discussion"

# The ids are pinned: the forum knows users by their LMS id, and its seed_demo posts as "staff" (2).
ACCOUNTS = [
    # user id, username, email, full name, staff, enrollment mode in the demo course (None: not enrolled)
    (1, "edx", "edx@example.com", "edX Admin", True, None),
    (2, "staff", "staff@example.com", "Staff", True, "honor"),
    (3, "honor", "honor@example.com", "Honor Learner", False, "honor"),
    (4, "audit", "audit@example.com", "Audit Learner", False, "audit"),
    (5, "verified", "verified@example.com", "Verified Learner", False, "verified"),
]
