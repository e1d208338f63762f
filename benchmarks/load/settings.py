"""Settings for the load test's server: the production settings with generous API throttles.

Every throttle scope found in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` gets
``LOAD_TEST_THROTTLE_RATE`` (default 100000/minute), so the simulated reviewers measure the
server, not the throttles; each of them is a distinct user anyway.
"""

import os

from workbench.settings import *  # noqa: F403
from workbench.settings import REST_FRAMEWORK

_RATE = os.environ.get("LOAD_TEST_THROTTLE_RATE", "100000/minute")
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        scope: _RATE for scope in REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}) or {}
    },
}
