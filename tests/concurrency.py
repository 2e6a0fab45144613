"""Running actions at the same instant in threads, each with its own database connection."""

import threading

import pytest
from django.db import connection, connections

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
