"""The course catalog, the about pages and enrollment."""
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST, require_safe

from learner.models import Course, CourseEnrollment


@require_safe
def index(request):
    return render(request, "learner/catalog.html", {"courses": Course.objects.all(), "welcome": True})


@require_safe
def courses(request):
    return render(request, "learner/catalog.html", {"courses": Course.objects.all()})


@require_safe
@ensure_csrf_cookie
def about(request, course_id):
    course = get_object_or_404(Course, pk=course_id)
    enrolled = CourseEnrollment.is_enrolled(request.user, course)
    return render(request, "learner/about.html", {"course": course, "enrolled": enrolled})


@require_POST
def change_enrollment(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden("Sign in to change your enrollment.")
    course_id = request.POST.get("course_id")
    if not course_id:
        return HttpResponseBadRequest("Course id not specified")
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        return HttpResponseBadRequest("Course id is invalid")
    action = request.POST.get("enrollment_action")
    if action == "enroll":
        CourseEnrollment.objects.update_or_create(user=request.user, course=course, defaults={"is_active": True})
        return HttpResponse()
    if action == "unenroll":
        if not CourseEnrollment.objects.filter(user=request.user, course=course, is_active=True).update(is_active=False):
            return HttpResponseBadRequest("You are not enrolled in this course")
        return HttpResponse()
    return HttpResponseBadRequest("Enrollment action is invalid")
