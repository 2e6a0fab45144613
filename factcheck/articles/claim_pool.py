"""Claim extraction for a whole import, spread over processes when there is much to do.

No Django import: worker processes load only this module and the extraction engine. The
engine is pure CPU work, so large imports extract in ``processes`` workers while the main
process parses files and writes to the database.
"""

import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial

from factcheck.extraction import ExtractedClaim, extract_claims

# Fewer new articles than this in one chunk are not worth a process pool's start-up.
POOL_MIN_ARTICLES = 50

Extracted = list[ExtractedClaim] | str


class OverBudget(Exception):
    pass


def _over_budget(signum, frame):
    raise OverBudget


def _extract_within(body: str, seconds: float) -> list[ExtractedClaim]:
    """``extract_claims(body)``, stopped after ``seconds`` of wall time.

    The engine is linear in the length of a text, but one pathological article must not
    hold a worker for minutes: a timer signal interrupts it. Signals reach only the main
    thread, where workers and the command line run; elsewhere there is no budget.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        return extract_claims(body)
    previous = signal.signal(signal.SIGALRM, _over_budget)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return extract_claims(body)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_many(bodies: list[str], seconds: float = 0) -> list[Extracted]:
    """Each body's claims, or the reason extraction failed for it (one bad article never
    takes the others down). ``seconds`` is each article's time budget (0: none)."""
    results: list[Extracted] = []
    for body in bodies:
        try:
            results.append(_extract_within(body, seconds))
        except OverBudget:
            results.append(
                f"claim extraction took longer than {seconds:g} s, the limit for one article "
                "(FACTCHECK_EXTRACTION_SECONDS): split the article, or raise the limit"
            )
        except Exception as error:  # reported against the article, which is then not saved
            results.append(f"claim extraction failed ({type(error).__name__}: {error})")
    return results


class ClaimExtractor:
    """``submit(bodies)`` now, ``result()`` later: inline, or in a pool of processes."""

    def __init__(self, processes: int = 0, *, seconds: float = 0) -> None:
        self.processes = processes or os.cpu_count() or 1
        self._extract = partial(extract_many, seconds=seconds)
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, bodies: list[str]) -> "PendingClaims":
        if self.processes < 2 or len(bodies) < POOL_MIN_ARTICLES:
            done: Future = Future()
            done.set_result(self._extract(bodies))
            return PendingClaims([done])
        if self._pool is None:
            # forkserver: a clean child, not a copy of a process holding database connections.
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("forkserver")
            )
        size = -(-len(bodies) // self.processes)
        return PendingClaims(
            [
                self._pool.submit(self._extract, bodies[start : start + size])
                for start in range(0, len(bodies), size)
            ]
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ClaimExtractor":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class PendingClaims:
    def __init__(self, futures: list[Future]) -> None:
        self._futures = futures

    def result(self) -> list[Extracted]:
        return [item for future in self._futures for item in future.result()]
