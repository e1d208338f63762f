"""Settings for the test run: development mode, switched on explicitly as ``make run`` does
(the settings default to production). Child processes inherit it; tests of the production
settings (tests/deploy/) take it out of their environment."""

import os

os.environ.setdefault("DEBUG", "true")

from workbench.settings import *  # noqa: F403
