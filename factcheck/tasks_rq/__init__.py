"""Background tasks on RQ workers through Redis (TASKS_BACKEND=rq): the backend and its
worker command."""
