from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.forms import KeyboardShortcutsForm
from factcheck.accounts.services import preferences_set_keyboard_shortcuts
from factcheck.scoring.selectors import active_scorer
from factcheck.web import safe_next_url
from factcheck.workers.selectors import worker_status


@login_not_required
@never_cache
@require_GET
def health(request):
    """For load balancers: 200 when the database answers and every migration is applied.
    Whether a background worker is running is reported beside, without failing the check:
    the pages still serve without one, only imports wait."""
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if unapplied:
        return JsonResponse(
            {"status": "error", "database": "ok", "unapplied_migrations": len(unapplied)},
            status=503,
        )
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "worker": _worker_health(),
            "scorer": active_scorer().as_json(),
        }
    )


def _worker_health():
    status = worker_status()
    if not status.needed:
        return {"status": "not needed", "detail": "tasks run in the request"}
    return {
        "status": "ok" if status.alive else "not seen",
        "last_seen": status.last_seen.isoformat() if status.last_seen else None,
        "start_command": status.start_command,
    }


class LoginView(auth_views.LoginView):
    """Django's login page; a logged-in user sent back to it (``next`` naming the login page
    itself) goes to the default page instead of round a redirect loop."""

    redirect_authenticated_user = True

    def get_redirect_url(self):
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == self.request.path else url


@require_POST
def keyboard_shortcuts_view(request):
    """Turn one's own single-key shortcuts on or off, then go back where one was."""
    form = KeyboardShortcutsForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(form.errors["shortcuts"]), content_type="text/plain")
    on = form.cleaned_data["shortcuts"] == "on"
    preferences_set_keyboard_shortcuts(user=request.user, on=on)
    messages.success(request, f"Keyboard shortcuts are {'on' if on else 'off'}.")
    return redirect(safe_next_url(request, default=reverse("home")))
