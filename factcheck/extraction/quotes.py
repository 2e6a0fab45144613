"""Where direct quotations run in a body, across sentences and paragraphs.

Newspapers leave a quote open at the end of a paragraph and reopen it at the start of
the next when one speaker goes on for several paragraphs, so a quote region ends at
its closing mark, or at a paragraph end not followed by a reopening mark.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_QUOTE_RE = re.compile(r"[\"“”]")
_OPENING_CONTEXT = frozenset(" \t\n\r([{—–-/")


def _is_opening(body: str, position: int) -> bool:
    mark = body[position]
    if mark == "“":
        return True
    if mark == "”":
        return False
    before = body[position - 1] if position else " "
    after = body[position + 1] if position + 1 < len(body) else " "
    if before in _OPENING_CONTEXT:
        return not after.isspace()
    return False


class QuoteRegions:
    """Half-open ``(start, end)`` spans of quoted text, quote marks included."""

    def __init__(self, body: str) -> None:
        regions: list[tuple[int, int]] = []
        open_at = -1
        last = 0
        for match in _QUOTE_RE.finditer(body):
            position = match.start()
            opening = _is_opening(body, position)
            if open_at >= 0:
                newline = body.find("\n", last, position)
                if newline >= 0:
                    reopens = opening and not body[newline:position].strip()
                    if not reopens:
                        regions.append((open_at, newline))
                        open_at = -1
            if opening:
                if open_at < 0:
                    open_at = position
            elif open_at >= 0:
                regions.append((open_at, position + 1))
                open_at = -1
            last = position + 1
        if open_at >= 0:
            newline = body.find("\n", last)
            regions.append((open_at, len(body) if newline < 0 else newline))
        self.regions = regions
        self._starts = [start for start, _ in regions]

    def region_at(self, position: int) -> int:
        """Index of the region holding ``position``, or -1 outside every quote."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.regions[index][1]:
            return index
        return -1

    def quoted_fraction(self, start: int, end: int) -> float:
        if end <= start:
            return 0.0
        covered = 0
        index = max(bisect_right(self._starts, start) - 1, 0)
        for region_start, region_end in self.regions[index:]:
            if region_start >= end:
                break
            covered += max(0, min(end, region_end) - max(start, region_start))
        return covered / (end - start)
