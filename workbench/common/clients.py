"""The client's address, one rule for the API throttles and the login lockout.

Without a proxy (``WORKBENCH_NUM_PROXIES=0``, the default) it is the connection's peer address
and ``X-Forwarded-For`` is ignored, so a forged header cannot buy a fresh throttle bucket.
Behind N trusted proxies it is the address the N-th proxy from the server saw: the N-th entry
of ``X-Forwarded-For`` counted from the right; entries a client put in front are ignored.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address requests from this client are counted under."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.WORKBENCH_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote
