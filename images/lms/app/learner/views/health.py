"""/heartbeat: really queries the database and the cache, as Open edX's heartbeat does."""
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # A key of its own per call: concurrent heartbeats must not read each other's value.
    key, value = f"heartbeat-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    read_back = cache.get(key)
    cache.delete(key)
    if read_back != value:
        raise RuntimeError("memcached did not return the value just written to it")


def run(check):
    try:
        check()
        return {"status": True, "message": "OK"}
    except Exception as error:  # any failure of the dependency is the answer, not a crash
        return {"status": False, "message": f"{type(error).__name__}: {error}"}


@never_cache
def heartbeat(request):
    checks = {"sql": run(check_database), "cache": run(check_cache)}
    healthy = all(check["status"] for check in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
