"""Commands: run_jobs (the job worker) and serve (the development server with a worker)."""
