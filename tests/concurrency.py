"""Running actions at the same instant in threads, each with its own database connection."""

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction

# Mark a module's tests with this: SQLite serialises every write, so there is no race.
only_on_postgresql = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write, so there is no race to test",
    ),
]


def run_together(actions, timeout: float = 60):
    """Run each action in its own thread, released at the same instant; return outcomes
    (a result or the exception raised) in the order of ``actions``."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as error:  # the outcome under test may be a refusal
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


@contextmanager
def uncommitted(action, timeout: float = 10):
    """Run ``action`` in a transaction of another thread and connection, and keep that
    transaction open, uncommitted, until the block ends; then it commits."""
    done, commit = threading.Event(), threading.Event()
    failure = []

    def run():
        try:
            with transaction.atomic():
                action()
                done.set()
                if not commit.wait(timeout=timeout):
                    raise TimeoutError("the block outlasted the open transaction")
        except Exception as error:
            failure.append(error)
            done.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert done.wait(timeout=timeout) and not failure, failure
        yield
    finally:
        commit.set()
        thread.join(timeout=timeout)
    assert not failure, failure
