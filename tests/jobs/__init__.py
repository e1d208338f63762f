"""Tests of background jobs: claims, batches, the run_jobs worker and Celery."""
