"""A durable job queue in the server's database, and the workers that run it.

`queue` enqueues, claims and settles jobs; `worker` runs handlers on worker threads;
`main.run_workers` runs workers as a process of their own (`desk worker`).
"""

from desk.server.jobs.queue import ClaimedJob, claim, enqueue_many, settle
from desk.server.jobs.worker import WorkerPool

__all__ = ["ClaimedJob", "WorkerPool", "claim", "enqueue_many", "settle"]
