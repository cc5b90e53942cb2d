"""cs_comments_service's API as the LMS calls it: form-encoded requests, JSON answers, and its
status codes (400 with a JSON list of messages for a bad request or an unknown thread)."""
import json
import math

from django.db import connection, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from comments import presenters
from comments.models import Comment, Thread, User

DEFAULT_PER_PAGE = 20
NOT_FOUND = "requested object not found"
SORT_KEYS = {"date": "-created_at", "activity": "-last_activity_at", "comments": "-comment_count", "votes": "-created_at"}


def answer(data, status=200):
    return HttpResponse(json.dumps(data), status=status, content_type="application/json")


def errors(*messages, status=400):
    return answer(list(messages), status=status)


def flag(params, name):
    return params.get(name, "").lower() in ("true", "1")


def form(request):
    """POST and PUT bodies alike (Django parses only POST's)."""
    return request.POST if request.method == "POST" else QueryDict(request.body)


def heartbeat(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # the database being unreachable is the answer, not a crash
        return answer({"OK": False, "check": "db"}, status=500)
    return answer({"OK": True})


@csrf_exempt
def user(request, user_id):
    if request.method == "GET":
        found = User.objects.filter(external_id=user_id).first()
        if found is None:
            return HttpResponse(status=404, content_type="application/json")
        return answer(presenters.user(found, complete=flag(request.GET, "complete"), course_id=request.GET.get("course_id")))
    if request.method == "PUT":
        params = form(request)
        found, _ = User.objects.get_or_create(external_id=user_id, defaults={"username": params.get("username", "")})
        for field in ("username", "default_sort_key"):
            if params.get(field):
                setattr(found, field, params[field])
        if not found.username:
            return errors("Username can't be blank")
        found.save()
        return answer(presenters.user(found))
    return HttpResponseNotAllowed(["GET", "PUT"])


def page_of(request, threads):
    """One page of threads, newest first: {collection, num_pages, page, thread_count} as cs_comments_service pages them."""
    params = request.GET
    order = SORT_KEYS.get(params.get("sort_key") or "date")
    if order is None:
        return {}
    try:
        page = max(1, int(params.get("page") or 1))
        per_page = int(params.get("per_page") or DEFAULT_PER_PAGE)
    except ValueError:
        return None
    if per_page <= 0:
        return None
    threads = threads.filter(context=params.get("context") or "course")
    count = threads.count()
    rows = list(threads.select_related("author").order_by("-pinned", order, "-created_at")[(page - 1) * per_page:page * per_page])
    reader = User.objects.filter(external_id=params["user_id"]).first() if params.get("user_id") else None
    endorsed = presenters.endorsed_thread_ids(rows)
    return {
        "collection": [presenters.thread_for(reader, t, t.id in endorsed) for t in rows],
        "num_pages": max(1, math.ceil(count / per_page)),
        "page": page,
        "thread_count": count,
    }


def threads_answer(request, threads):
    page = page_of(request, threads)
    return errors("page and per_page must be positive numbers") if page is None else answer(page)


@csrf_exempt
def commentable_threads(request, commentable_id):
    if request.method == "GET":
        threads = Thread.objects.filter(commentable_id=commentable_id)
        if request.GET.get("course_id"):
            threads = threads.filter(course_id=request.GET["course_id"])
        return threads_answer(request, threads)
    if request.method == "POST":
        return create_thread(form(request), commentable_id)
    return HttpResponseNotAllowed(["GET", "POST"])


def course_threads(request):
    threads = Thread.objects.filter(course_id=request.GET.get("course_id", ""))
    if request.GET.get("commentable_ids"):
        threads = threads.filter(commentable_id__in=request.GET["commentable_ids"].split(","))
    return threads_answer(request, threads)


def create_thread(params, commentable_id):
    author = User.objects.filter(external_id=params.get("user_id", "")).first()
    if author is None:
        return errors(NOT_FOUND if params.get("user_id") else "User id is required")
    problems = [f"{field.capitalize()} can't be blank" for field in ("title", "body", "course_id") if not params.get(field, "").strip()]
    if problems:
        return errors(*problems)
    thread = Thread.objects.create(
        author=author,
        course_id=params["course_id"],
        commentable_id=commentable_id,
        context=params.get("context") or "course",
        thread_type=params.get("thread_type") if params.get("thread_type") in ("discussion", "question") else "discussion",
        title=params["title"],
        body=params["body"],
        anonymous=flag(params, "anonymous"),
        anonymous_to_peers=flag(params, "anonymous_to_peers"),
        group_id=int(params["group_id"]) if params.get("group_id", "").isdigit() else None,
    )
    data = presenters.thread_for(author, thread)
    data["resp_total"] = 0
    return answer(data)


def thread(request, thread_id):
    found = Thread.objects.select_related("author").filter(id=thread_id).first()
    if found is None:
        return errors(NOT_FOUND, status=404)
    data = presenters.thread_for(None, found)
    if flag(request.GET, "with_responses"):
        responses = list(found.comments.select_related("author", "thread").filter(parent=None))
        data["children"] = [presenters.comment(c) for c in responses]
        data["resp_total"] = len(responses)
    return answer(data)


@csrf_exempt
def thread_comments(request, thread_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    params = form(request)
    thread = Thread.objects.filter(id=thread_id).first()
    if thread is None:
        return errors(NOT_FOUND)
    author = User.objects.filter(external_id=params.get("user_id", "")).first()
    if author is None:
        return errors(NOT_FOUND if params.get("user_id") else "User id is required")
    if not params.get("body", "").strip():
        return errors("Body can't be blank")
    with transaction.atomic():
        comment = Comment.objects.create(
            thread=thread,
            author=author,
            course_id=params.get("course_id") or thread.course_id,
            body=params["body"],
            anonymous=flag(params, "anonymous"),
            anonymous_to_peers=flag(params, "anonymous_to_peers"),
        )
        Thread.objects.filter(id=thread.id).update(comment_count=F("comment_count") + 1, last_activity_at=timezone.now())
    return answer(presenters.comment(comment))
