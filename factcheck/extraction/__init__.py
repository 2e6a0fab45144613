"""Claim extraction: article text in, checkable claims out.

Pure Python with no Django import, so it can be tested, benchmarked and replaced on
its own. Deterministic: the same body always gives the same claims for one
``ENGINE_VERSION``; bump it whenever the output can change (the date, and "-2", "-3" for
later changes on one day), so stored claims can be re-extracted.
"""

from factcheck.extraction.pipeline import (
    extract_claims,
    extract_documents,
    propose_claim,
    sentence_around,
)
from factcheck.extraction.types import ClaimType, ExtractedClaim, Figure

ENGINE_VERSION = "2026.12.8-29"

__all__ = [
    "ENGINE_VERSION",
    "ClaimType",
    "ExtractedClaim",
    "Figure",
    "extract_claims",
    "extract_documents",
    "propose_claim",
    "sentence_around",
]
