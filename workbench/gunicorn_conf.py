"""Gunicorn settings for production: ``gunicorn -c python:workbench.gunicorn_conf workbench.wsgi``.

Every value can be changed from the environment: ``GUNICORN_BIND``, ``WEB_CONCURRENCY``
(worker processes), ``GUNICORN_THREADS``, ``GUNICORN_TIMEOUT`` and ``FORWARDED_ALLOW_IPS``
(the proxy addresses whose ``X-Forwarded-*`` headers are trusted).

Gunicorn serves production only: before any worker starts, the master loads the settings and
refuses to run in debug mode or without ``SECRET_KEY`` (``workbench.common.serving``).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Restart workers now and then, so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"


def on_starting(server: object) -> None:
    """Refuse to start with DEBUG on or without SECRET_KEY; gunicorn prints the reason and
    exits with status 1 on a ``RuntimeError`` from this hook."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
        from workbench.common.serving import ensure_production_settings

        ensure_production_settings()
    except ImproperlyConfigured as error:
        raise RuntimeError(str(error)) from error
