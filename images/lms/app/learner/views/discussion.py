"""Course discussions as Ironwood's LMS serves them (lms/djangoapps/discussion and
django_comment_client): the inline view of a unit's discussion, the thread list, posting a thread
and replying, with the threads kept by the forum service and fetched over HTTP."""
import logging

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from learner import comment_client as forum
from learner.models import Block, Course, CourseEnrollment
from learner.views.courseware import enrolled_course_or_redirect

log = logging.getLogger(__name__)

THREADS_PER_PAGE = 20
# What Ironwood's prepare_content lets through to the browser; the author only when not anonymous.
CONTENT_FIELDS = {
    "id", "title", "body", "course_id", "anonymous", "anonymous_to_peers", "endorsed", "parent_id", "thread_id",
    "votes", "closed", "created_at", "updated_at", "depth", "type", "commentable_id", "comments_count",
    "at_position_list", "children", "highlighted_title", "highlighted_body", "courseware_title", "courseware_url",
    "unread_comments_count", "read", "group_id", "group_name", "pinned", "abuse_flaggers", "stats", "resp_skip",
    "resp_limit", "resp_total", "thread_type", "endorsed_responses", "non_endorsed_responses",
    "non_endorsed_resp_total", "endorsement", "context", "last_activity_at",
}


def json_error(messages, status=400):
    """Ironwood's JsonError: {"errors": [...]}."""
    return JsonResponse({"errors": messages if isinstance(messages, list) else [messages]}, status=status)


def forum_calls(view):
    """The forum's refusals pass through with their status (Ironwood's AjaxExceptionMiddleware); a forum
    that is down or failing is a 500, as Ironwood answers when its comment client raises."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except forum.ForumRequestError as error:
            return json_error(error.messages, status=error.status)
        except forum.ForumError as error:
            log.error("The forum service failed: %s", error)
            return json_error("The discussion service is unavailable; try again later.", status=500)

    wrapped.__name__ = view.__name__
    return wrapped


def discussions(course):
    """discussion_id -> its block, for the course's discussions."""
    return {b.content.get("discussion_id"): b for b in Block.objects.filter(course=course, block_type=Block.DISCUSSION)}


def discussion_title(block):
    """A discussion's name in the category map and in a thread's courseware title, as Ironwood writes it."""
    return f'{block.content.get("discussion_category")} / {block.content.get("discussion_target")}'


def category_map(course):
    entries = {
        discussion_title(b): {
            "id": discussion_id, "sort_key": None, "is_divided": False,
        }
        for discussion_id, b in discussions(course).items()
    }
    return {"children": [[name, "entry"] for name in sorted(entries)], "entries": entries, "subcategories": {}}


def course_settings(course):
    return {
        "is_discussion_division_enabled": False,
        "allow_anonymous": True,
        "allow_anonymous_to_peers": False,
        "groups": [],
        "category_map": category_map(course),
    }


def prepare(content, user, known=None):
    """The forum's thread or comment as Ironwood sends it to the browser, with its unit's place in the courseware."""
    fields = set(CONTENT_FIELDS)
    if not content.get("anonymous") and (not content.get("anonymous_to_peers") or user.is_staff):
        fields |= {"username", "user_id"}
    prepared = {k: v for k, v in content.items() if k in fields}
    block = (known or {}).get(content.get("commentable_id"))
    if block is not None and content.get("type") == "thread":
        prepared["courseware_url"] = f"/courses/{block.course_id}/jump_to/{block.usage_id}"
        prepared["courseware_title"] = discussion_title(block)
    return prepared


def ability(content, user, user_info):
    mine = str(content.get("user_id")) == str(user.id)
    thread = content.get("type") == "thread"
    return {
        "voted": "",
        "subscribed": content.get("id") in user_info.get("subscribed_thread_ids", []),
        "ability": {
            "editable": mine or user.is_staff,
            "can_reply": not content.get("closed", False),
            "can_delete": mine or user.is_staff,
            "can_openclose": thread and user.is_staff,
            "can_vote": not mine,
            "can_report": not mine,
        },
    }


def roles(course):
    staff = list(CourseEnrollment.objects.filter(course=course, is_active=True, user__is_staff=True).values_list("user_id", flat=True))
    return {"Administrator": [], "Moderator": staff, "Community TA": []}


def page_number(request):
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


def thread_page(request, course, user_info, discussion_id):
    return forum.threads(
        course.id, request.user.id, commentable_id=discussion_id, page=page_number(request), per_page=THREADS_PER_PAGE,
        sort_key=request.GET.get("sort_key") or user_info.get("default_sort_key") or "date",
    )


def is_ajax(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def reading(view):
    """The views that show threads: signed in, enrolled (else the about page, as Ironwood), the forum's
    account of the learner, a page of threads of the discussion (None: the whole course) and the course's discussions."""

    @login_required
    @forum_calls
    def wrapped(request, course_id, discussion_id=None):
        course, not_enrolled = enrolled_course_or_redirect(request, course_id)
        if not_enrolled:
            return not_enrolled
        user_info = forum.user_info(request.user, course.id)
        return view(request, course, user_info, thread_page(request, course, user_info, discussion_id), discussions(course))

    wrapped.__name__ = view.__name__
    return wrapped


@reading
def inline_discussion(request, course, user_info, page, known):
    threads = [prepare(t, request.user, known) for t in page.get("collection", [])]
    return JsonResponse({
        "is_commentable_divided": False,
        "discussion_data": threads,
        "user_info": user_info,
        "annotated_content_info": {t["id"]: ability(t, request.user, user_info) for t in page.get("collection", [])},
        "page": page.get("page", 1),
        "num_pages": page.get("num_pages", 1),
        "roles": roles(course),
        "course_settings": course_settings(course),
    })


@require_GET
@reading
def forum_form_discussion(request, course, user_info, page, known):
    # As Ironwood, the course-wide list keeps only threads of the course's own discussions.
    collection = [t for t in page.get("collection", []) if t.get("commentable_id") in known]
    threads = [prepare(t, request.user, known) for t in collection]
    if not is_ajax(request):
        return render(request, "learner/discussion.html", {"course": course, "threads": threads, "page": page})
    return JsonResponse({
        "discussion_data": threads,
        "annotated_content_info": {t["id"]: ability(t, request.user, user_info) for t in collection},
        "num_pages": page.get("num_pages", 1),
        "page": page.get("page", 1),
        "corrected_text": None,
    })


def permitted(request, course_id):
    """Ironwood's @permitted: posting needs a forum role in the course, which enrollment gives."""
    course = Course.objects.filter(pk=course_id).first()
    return course if course is not None and CourseEnrollment.is_enrolled(request.user, course) else None


def content_answer(request, content, course):
    user_info = {"subscribed_thread_ids": []}
    prepared = prepare(content, request.user, discussions(course))
    if is_ajax(request):
        return JsonResponse({"content": prepared, "annotated_content_info": ability(content, request.user, user_info)})
    return JsonResponse(prepared)


def authored(request, course, body):
    """What the forum needs of any post: author, course, body; anonymous only as the course allows (to all, not to peers)."""
    return {
        "anonymous": "true" if request.POST.get("anonymous", "false").lower() == "true" else "false",
        "anonymous_to_peers": "false",
        "user_id": request.user.id,
        "course_id": course.id,
        "body": body,
    }


@require_POST
@login_required
@forum_calls
def create_thread(request, course_id, commentable_id):
    course = permitted(request, course_id)
    if course is None:
        return json_error("unauthorized", status=401)
    title, body = request.POST.get("title", ""), request.POST.get("body", "")
    if not title.strip():
        return json_error("Title can't be empty")
    if not body.strip():
        return json_error("Body can't be empty")
    forum.sync_user(request.user)
    thread = forum.create_thread(commentable_id, {
        **authored(request, course, body),
        "commentable_id": commentable_id,
        "thread_type": request.POST.get("thread_type", "discussion"),
        "title": title,
        "context": "course",
    })
    thread.setdefault("pinned", False)
    return content_answer(request, thread, course)


@require_POST
@login_required
@forum_calls
def create_comment(request, course_id, thread_id):
    forum.thread(thread_id, request.user.id)  # Ironwood's @permitted loads the thread first: an unknown one is the forum's answer
    course = permitted(request, course_id)
    if course is None:
        return json_error("unauthorized", status=401)
    body = request.POST.get("body", "")
    if not body.strip():
        return json_error("Body can't be empty")
    forum.sync_user(request.user)
    comment = forum.create_comment(thread_id, authored(request, course, body))
    return content_answer(request, comment, course)
