"""Saves a course and its block tree into the catalog: the one way import_olx and seed_demo write a course."""
from django.db import transaction

from learner.models import Block, Course


def save_course(fields, tree):
    """
    Creates the course (fields as olx.read_course gives them, "id" included), or updates it in place: a block keeps
    its usage id, so learners' answers to it stay; blocks no longer in the tree are removed.
    Returns the course, whether it was created, how many blocks it has and how many rows the removal deleted.
    """
    fields = dict(fields)
    course_id = fields.pop("id")
    with transaction.atomic():
        course, created = Course.objects.update_or_create(id=course_id, defaults=fields)
        kept = save_blocks(course, course_id.removeprefix("course-v1:"), None, tree)
        removed, _ = Block.objects.filter(course=course).exclude(usage_id__in=kept).delete()
    return course, created, len(kept), removed


def save_blocks(course, key, parent, nodes):
    kept = []
    for position, node in enumerate(nodes, start=1):
        block, _ = Block.objects.update_or_create(
            usage_id=f"block-v1:{key}+type@{node['type']}+block@{node['url_name']}",
            defaults={
                "course": course,
                "parent": parent,
                "block_type": node["type"],
                "url_name": node["url_name"],
                "display_name": node["display_name"],
                "position": position,
                "content": node.get("content", {}),
            },
        )
        kept += [block.usage_id] + save_blocks(course, key, block, node.get("children", []))
    return kept
