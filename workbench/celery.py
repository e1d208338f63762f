"""The Celery application: ``celery -A workbench worker`` runs background jobs when
``CELERY_BROKER_URL`` is set. Its configuration is the ``CELERY_*`` Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workbench.jobs"])
