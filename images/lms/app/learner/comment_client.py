"""The forum's HTTP API (/api/v1/..., cs_comments_service's) as Ironwood's comment client calls it:
form-encoded bodies, the shared key in X-Edx-Api-Key, JSON back."""
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings


class ForumError(Exception):
    """The forum could not be reached or failed (5xx): the LMS answers 500, as Ironwood does."""


class ForumRequestError(Exception):
    """The forum refused the request (4xx); Ironwood passes its status and messages on."""

    def __init__(self, status, messages):
        super().__init__(f"forum answered {status}: {messages}")
        self.status = status
        self.messages = messages


def request(method, path, params=None, data=None):
    url = f"{settings.FORUM_URL}/api/v1/{path}"
    if params:
        url += "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    body = urllib.parse.urlencode({k: v for k, v in data.items() if v is not None}).encode() if data is not None else None
    call = urllib.request.Request(url, data=body, method=method, headers={"X-Edx-Api-Key": settings.FORUM_API_KEY, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(call, timeout=settings.FORUM_TIMEOUT_SECONDS) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        text = error.read().decode(errors="replace")
        if error.code >= 500:
            raise ForumError(f"{method} {path}: the forum answered {error.code}") from error
        try:
            messages = json.loads(text) if text else []
        except ValueError:
            messages = [text]
        raise ForumRequestError(error.code, messages if isinstance(messages, list) else [messages]) from error
    except (OSError, ValueError) as error:
        raise ForumError(f"{method} {path}: {error}") from error


def sync_user(user):
    """Creates or updates the learner's forum account (PUT is an upsert), as Ironwood does on sign-up."""
    return request("PUT", f"users/{user.id}", data={"username": user.username})


def user_info(user, course_id):
    """The learner's forum account; one is made on first use, as Ironwood's User.retrieve does."""
    params = {"complete": "True", "course_id": course_id}
    try:
        return request("GET", f"users/{user.id}", params=params)
    except ForumRequestError as error:
        if error.status != 404:
            raise
    sync_user(user)
    return request("GET", f"users/{user.id}", params=params)


def threads(course_id, user_id, commentable_id=None, page=1, per_page=20, sort_key="date"):
    params = {"course_id": course_id, "user_id": user_id, "page": page, "per_page": per_page, "sort_key": sort_key, "context": "course"}
    path = f"{urllib.parse.quote(commentable_id, safe='')}/threads" if commentable_id else "threads"
    return request("GET", path, params=params)


def create_thread(commentable_id, fields):
    return request("POST", f"{urllib.parse.quote(commentable_id, safe='')}/threads", data=fields)


def create_comment(thread_id, fields):
    return request("POST", f"threads/{urllib.parse.quote(thread_id, safe='')}/comments", data=fields)


def thread(thread_id, user_id):
    return request("GET", f"threads/{urllib.parse.quote(thread_id, safe='')}", params={"user_id": user_id})
