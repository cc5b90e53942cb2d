from django.http import HttpResponse
from django.views.decorators.http import require_POST

from learner.models import TrackingLog


@require_POST
def event(request):
    """Stores a browser event; like Ironwood's track view it keeps the event text as sent."""
    TrackingLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        event_type=request.POST.get("event_type", "")[:512],
        event=request.POST.get("event", ""),
        page=request.POST.get("page", "")[:512],
    )
    return HttpResponse("success")
