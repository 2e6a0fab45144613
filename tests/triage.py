"""Reading the triage page as a reviewer sees it."""

import re


def queue(response) -> list[int]:
    """The claims a triage page lists, in order."""
    return [int(pk) for pk in re.findall(r'id="triage-row-(\d+)"', response.text)]
