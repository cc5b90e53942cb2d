"""Every call but /heartbeat must carry the API key shared with the LMS, as cs_comments_service asks."""
import hmac

from django.conf import settings
from django.http import HttpResponse


class ApiKeyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/heartbeat":
            return self.get_response(request)
        given = request.headers.get("X-Edx-Api-Key") or request.GET.get("api_key") or ""
        if not hmac.compare_digest(given.encode(), settings.FORUM_API_KEY.encode()):
            return HttpResponse(status=401, content_type="application/json")
        return self.get_response(request)
