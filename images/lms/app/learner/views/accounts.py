"""Registration, login and the dashboard, answering as Ironwood's student and user_api views do."""
import re

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST, require_safe

from learner.forms import RegistrationForm
from learner.models import CourseEnrollment, UserProfile

TEST_RUN = re.compile(r"[A-Za-z0-9_-]{1,64}")
PROFILE_FIELDS = ["name", "level_of_education", "gender", "year_of_birth", "mailing_address", "goals", "country"]


def next_url(request, default="/dashboard"):
    target = request.GET.get("next") or request.POST.get("next") or ""
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else default


@require_safe
@ensure_csrf_cookie
def register_page(request):
    if request.user.is_authenticated:
        return redirect(next_url(request))
    return render(request, "learner/register.html", {"next": next_url(request), "education_levels": UserProfile.EDUCATION_LEVELS})


@require_safe
@ensure_csrf_cookie
def login_page(request):
    if request.user.is_authenticated:
        return redirect(next_url(request))
    return render(request, "learner/login.html", {"next": next_url(request)})


# Not HEAD: a monitor's HEAD must not sign anybody out.
@require_GET
def logout_view(request):
    logout(request)
    return redirect("/")


@require_safe
@login_required
def dashboard(request):
    enrollments = CourseEnrollment.objects.filter(user=request.user, is_active=True).select_related("course")
    return render(request, "learner/dashboard.html", {"enrollments": enrollments})


def test_run_of(request):
    """The X-Test-Run header the pipeline's smoke and load tests send: it marks the account as theirs, to remove after the run."""
    run = request.META.get("HTTP_X_TEST_RUN", "")
    return run if TEST_RUN.fullmatch(run) else ""


def conflicts(email, username):
    messages = {}
    if email and User.objects.filter(email__iexact=email).exists():
        messages["email"] = [{"user_message": f"It looks like {email} belongs to an existing account. Try again with a different email address."}]
    if username and User.objects.filter(username__iexact=username).exists():
        messages["username"] = [{"user_message": f"It looks like {username} belongs to an existing account. Try again with a different username."}]
    return messages


@csrf_exempt  # as in Ironwood: the registration API is exempt, it is the first POST a learner makes
@require_POST
def register(request):
    duplicates = conflicts(request.POST.get("email", "").strip(), request.POST.get("username", "").strip())
    if duplicates:
        return JsonResponse(duplicates, status=409)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return JsonResponse(form.field_messages(), status=400)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            user = User.objects.create_user(data["username"], data["email"], data["password"])
            UserProfile.objects.create(user=user, test_run=test_run_of(request), **{field: data[field] for field in PROFILE_FIELDS})
    except IntegrityError:
        # Another request registered the same name between the check and the insert.
        return JsonResponse(conflicts(data["email"], data["username"]), status=409)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return JsonResponse({"success": True})


@require_POST
def login_ajax(request):
    email, password = request.POST.get("email", ""), request.POST.get("password", "")
    account = User.objects.filter(email__iexact=email).first() if email else None
    user = account and authenticate(request, username=account.username, password=password)
    if not user:
        return JsonResponse({"success": False, "value": "Email or password is incorrect."})
    login(request, user)
    return JsonResponse({"success": True, "redirect_url": next_url(request)})
