from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from factcheck.speakers.forms import SpeakerClaimsFilterForm
from factcheck.speakers.models import Speaker
from factcheck.speakers.selectors import speaker_claims

CLAIMS_PER_PAGE = 50


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def speaker_detail_view(request, speaker_id: int):
    """Everything one speaker has said in the articles here, with the verdicts on it."""
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), pk=speaker_id)
    form = SpeakerClaimsFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(speaker_claims(speaker=speaker, status=status), CLAIMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "speakers/speaker_detail.html", {"speaker": speaker, "form": form, "page": page}
    )
