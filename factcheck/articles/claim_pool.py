"""Claim extraction for a whole import, spread over processes when there is much to do.

No Django import: worker processes load only this module and the extraction engine. The
engine is pure CPU work, so large imports extract in ``processes`` workers while the main
process parses files and writes to the database.
"""

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from factcheck.extraction import ExtractedClaim, extract_claims

# Fewer new articles than this in one chunk are not worth a process pool's start-up.
POOL_MIN_ARTICLES = 50

Extracted = list[ExtractedClaim] | str


def extract_many(bodies: list[str]) -> list[Extracted]:
    """Each body's claims, or the reason extraction failed for it (one bad article never
    takes the others down)."""
    results: list[Extracted] = []
    for body in bodies:
        try:
            results.append(extract_claims(body))
        except Exception as error:  # reported against the article, which is then not saved
            results.append(f"claim extraction failed ({type(error).__name__}: {error})")
    return results


class ClaimExtractor:
    """``submit(bodies)`` now, ``result()`` later: inline, or in a pool of processes."""

    def __init__(self, processes: int = 0) -> None:
        self.processes = processes or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, bodies: list[str]) -> "PendingClaims":
        if self.processes < 2 or len(bodies) < POOL_MIN_ARTICLES:
            done: Future = Future()
            done.set_result(extract_many(bodies))
            return PendingClaims([done])
        if self._pool is None:
            # forkserver: a clean child, not a copy of a process holding database connections.
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("forkserver")
            )
        size = -(-len(bodies) // self.processes)
        return PendingClaims(
            [
                self._pool.submit(extract_many, bodies[start : start + size])
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
