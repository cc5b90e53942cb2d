"""The course outline, the courseware pages, the progress page and the problem_check handler."""
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST, require_safe

from learner import problems
from learner.models import Block, Course, CourseEnrollment, StudentModule


def courseware_url(course, vertical):
    section = vertical.parent
    return f"/courses/{course.id}/courseware/{section.parent.url_name}/{section.url_name}/{vertical.position}"


def enrolled_course_or_redirect(request, course_id):
    """The course, or the redirect to its about page when the learner is not enrolled."""
    course = get_object_or_404(Course, pk=course_id)
    if CourseEnrollment.is_enrolled(request.user, course):
        return course, None
    return course, redirect(f"/courses/{course.id}/about")


def problem_view(problem, module):
    state = module.state if module else {}
    return {
        "block": problem,
        "questions": list(problems.questions_with_state(problem, state)),
        "score": module.grade if module and module.grade is not None else 0,
        "total": problems.total_possible(problem),
        "attempts": module.attempts if module else 0,
    }


@require_safe
@login_required
def outline(request, course_id):
    course, not_enrolled = enrolled_course_or_redirect(request, course_id)
    return not_enrolled or render(request, "learner/outline.html", {"course": course})


@require_safe
@login_required
@ensure_csrf_cookie
def courseware(request, course_id, chapter, section, position=None):
    course, not_enrolled = enrolled_course_or_redirect(request, course_id)
    if not_enrolled:
        return not_enrolled
    sequential = get_object_or_404(
        Block, course=course, block_type=Block.SEQUENTIAL, url_name=section, parent__url_name=chapter
    )
    units = list(sequential.children.all())
    if not units:
        raise Http404("This section has no units.")
    # Like Ironwood, an out-of-range position falls back to the first unit.
    unit = next((u for u in units if u.position == int(position or 1)), units[0])
    children = list(unit.children.all())
    modules = {
        m.block_id: m
        for m in StudentModule.objects.filter(student=request.user, block__in=[c for c in children if c.block_type == Block.PROBLEM])
    }
    items = [
        {"block": c, "problem": problem_view(c, modules.get(c.usage_id)) if c.block_type == Block.PROBLEM else None}
        for c in children
    ]
    return render(
        request,
        "learner/courseware.html",
        {"course": course, "sequential": sequential, "units": units, "unit": unit, "items": items},
    )


@require_safe
def jump_to(request, course_id, usage_id):
    block = get_object_or_404(Block.objects.select_related("parent__parent__parent"), course_id=course_id, usage_id=usage_id)
    if block.block_type in (Block.HTML, Block.PROBLEM):
        block = block.parent
    elif block.block_type == Block.CHAPTER:
        block = block.children.first()
    if block and block.block_type == Block.SEQUENTIAL:
        block = block.children.first()
    if block is None:
        raise Http404("This block has no unit to show.")
    return redirect(courseware_url(block.course, block))


@require_safe
@login_required
def progress(request, course_id):
    course, not_enrolled = enrolled_course_or_redirect(request, course_id)
    if not_enrolled:
        return not_enrolled
    graded = Block.objects.filter(course=course, block_type=Block.PROBLEM).select_related("parent__parent__parent")
    modules = {m.block_id: m for m in StudentModule.objects.filter(student=request.user, course=course)}
    rows = [{"url": courseware_url(course, p.parent), **problem_view(p, modules.get(p.usage_id))} for p in graded]
    return render(
        request,
        "learner/progress.html",
        {"course": course, "rows": rows, "earned": sum(r["score"] for r in rows), "possible": sum(r["total"] for r in rows)},
    )


@require_POST
def problem_check(request, course_id, usage_id):
    if not request.user.is_authenticated:
        return HttpResponseForbidden("Sign in to submit answers.")
    problem = get_object_or_404(Block, course_id=course_id, usage_id=usage_id, block_type=Block.PROBLEM)
    if not CourseEnrollment.is_enrolled(request.user, problem.course):
        return HttpResponseForbidden("Enroll in the course to submit answers.")
    submission = problems.grade(problem, request.POST)
    with transaction.atomic():
        module, _ = StudentModule.objects.select_for_update().get_or_create(
            student=request.user, block=problem, defaults={"course": problem.course}
        )
        before = (module.grade, module.attempts)
        module.state = {
            "attempts": module.attempts + 1,
            "student_answers": submission.answers,
            "correct_map": submission.correct_map,
            "done": True,
        }
        module.grade = submission.score
        module.max_grade = problems.total_possible(problem)
        module.save()
    view = problem_view(problem, module)
    return JsonResponse(
        {
            "success": submission.success,
            "contents": render_to_string("learner/problem.html", view, request=request),
            "progress_changed": (module.grade, module.attempts) != before,
            "current_score": submission.score,
            "total_possible": module.max_grade,
            "attempts_used": module.attempts,
        }
    )
