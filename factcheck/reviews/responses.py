"""Answers that more than one app's views give: a triage row after a decision."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import trigger_client_event

from factcheck.claims.models import Claim
from factcheck.web import answer_status, safe_next_url


def triage_row_response(request, claim: Claim, *, decided: str, error: str = "", match=None):
    """A triage row after a decision (or a refused one): the row for HTMX, else back to the
    queue with a message. Matching's decisions in the queue answer the same way."""
    if request.htmx:
        response = render(
            request,
            "reviews/triage.html#row",
            {
                "claim": claim,
                "decided": decided,
                "error": error,
                "match": match,
                "next": safe_next_url(request, default=reverse("reviews:triage")),
            },
            status=answer_status(error),
        )
        if not error:
            trigger_client_event(response, "claimTriaged", {"claim": claim.pk})
        return response
    if error:
        messages.error(request, error)
    elif decided == "skip":
        messages.success(request, f"Skipped: {claim}")
    elif decided:
        messages.success(request, f"{claim.get_status_display()}: {claim}")
    return redirect(safe_next_url(request, default=reverse("reviews:triage")))
