"""Tests of the production set-up: settings, check --deploy, gunicorn and whitenoise."""
