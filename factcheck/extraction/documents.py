"""Reading the documents the ``extract_claims`` command feeds to the engine."""

from __future__ import annotations

import json
from collections.abc import Iterable


class DocumentError(ValueError):
    """An input the engine cannot read; the message names where and why."""


def read_jsonl_documents(lines: Iterable[str]) -> list[tuple[str, str]]:
    """``(id, text)`` of every ``{"id": ..., "text": ...}`` line; blank lines are skipped.

    The whole input is read before any document is extracted, so that a bad line stops
    the run before any output is written rather than half way through it.
    """
    documents = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DocumentError(f"line {number}: not valid JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise DocumentError(f"line {number}: expected a JSON object with id and text")
        doc_id, text = record.get("id"), record.get("text")
        if doc_id is None or isinstance(doc_id, (dict, list)):
            raise DocumentError(f"line {number}: missing or invalid 'id'")
        if not isinstance(text, str):
            raise DocumentError(f"line {number}: 'text' must be a string")
        documents.append((str(doc_id), text))
    return documents
