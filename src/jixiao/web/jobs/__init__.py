"""Background jobs (后台任务) on Celery: the work a request must not do itself — reading an upload,
importing it, the open-data export, regrading — each a `Job` row that a worker advances and a page shows.

`queue.py` is the Celery application (broker from `JIXIAO_BROKER_URL`, or a SQLite file in the data
directory), `runner.py` runs a Job with progress, retries and limits, `work.py` holds what each kind of
job does, `views.py` the job page and `api.py` the REST endpoints.
"""
