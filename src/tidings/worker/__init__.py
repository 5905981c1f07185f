"""Background work in small units: `tasks` (functions of ids and settings), `scheduler` (which
units are due, sent in process or to Celery) and `celery_app` (the same tasks on Celery
workers over Redis, `tidings worker`)."""
