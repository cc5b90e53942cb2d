"""The JSON fields of cs_comments_service's users, threads and comments, as the LMS reads them."""
from comments.models import Comment

VOTES = {"count": 0, "up_count": 0, "down_count": 0, "point": 0}


def timestamp(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def user(user, complete=False, course_id=None):
    data = {"username": user.username, "external_id": user.external_id}
    if complete:
        data.update({
            "subscribed_thread_ids": [],
            "subscribed_commentable_ids": [],
            "subscribed_user_ids": [],
            "follower_ids": [],
            "id": user.external_id,
            "upvoted_ids": [],
            "downvoted_ids": [],
            "default_sort_key": user.default_sort_key,
        })
    if course_id:
        data["threads_count"] = user.threads.filter(course_id=course_id, context="course", anonymous=False, anonymous_to_peers=False).count()
        data["comments_count"] = user.comments.filter(course_id=course_id, anonymous=False, anonymous_to_peers=False).count()
    return data


def thread(thread):
    return {
        "thread_type": thread.thread_type,
        "title": thread.title,
        "body": thread.body,
        "course_id": thread.course_id,
        "anonymous": thread.anonymous,
        "anonymous_to_peers": thread.anonymous_to_peers,
        "commentable_id": thread.commentable_id,
        "created_at": timestamp(thread.created_at),
        "updated_at": timestamp(thread.updated_at),
        "at_position_list": [],
        "closed": thread.closed,
        "context": thread.context,
        "last_activity_at": timestamp(thread.last_activity_at),
        "id": thread.id,
        "user_id": thread.author_id,
        "username": thread.author.username,
        "votes": dict(VOTES),
        "abuse_flaggers": [],
        "tags": [],
        "type": "thread",
        "group_id": thread.group_id,
        "pinned": thread.pinned,
        "comments_count": thread.comment_count,
    }


def thread_for(reader, thread_, endorsed=False):
    """A thread as one user sees it in a list: the read state the LMS shows as 'new' or 'unread'."""
    data = thread(thread_)
    read = reader is not None and thread_.author_id == reader.external_id
    data.update({"read": read, "unread_comments_count": 0 if read else thread_.comment_count, "endorsed": endorsed})
    return data


def comment(comment):
    return {
        "body": comment.body,
        "course_id": comment.course_id,
        "endorsed": comment.endorsed,
        "endorsement": None,
        "anonymous": comment.anonymous,
        "anonymous_to_peers": comment.anonymous_to_peers,
        "created_at": timestamp(comment.created_at),
        "updated_at": timestamp(comment.updated_at),
        "at_position_list": [],
        "id": comment.id,
        "user_id": comment.author_id,
        "username": comment.author.username,
        "depth": comment.depth,
        "closed": comment.thread.closed,
        "thread_id": comment.thread_id,
        "parent_id": comment.parent_id,
        "commentable_id": comment.thread.commentable_id,
        "votes": dict(VOTES),
        "abuse_flaggers": [],
        "type": "comment",
        "child_count": comment.children.count(),
    }


def endorsed_thread_ids(threads):
    """Threads with an endorsed response, which the LMS marks as answered."""
    return set(
        Comment.objects.filter(thread_id__in=[t.id for t in threads], parent=None, endorsed=True).values_list("thread_id", flat=True)
    )
