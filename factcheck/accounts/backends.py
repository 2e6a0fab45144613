"""Users and their permissions kept in the shared cache between requests.

Every page loads its user (a query) and asks what they may do (the view's permission, the
menu's links), which costs Django's ModelBackend two more. ``CachedPermissionsBackend`` keeps
each session's user, with their permission names, in the cache instead, stamped with a
generation number that is read in the same round trip: any change to a user (saved on
login, a new password, deactivated, made superuser, deleted) or to who holds what (a user's
groups or own permissions, a group's permissions, a group or permission deleted, a
migration) moves the generation on, so a permission taken away or a password changed takes
effect from the next request on, in every worker. Writes that send no signal must call
``forget_permissions()``: ``QuerySet.update`` on users, anything done to the link tables'
rows directly (``User.groups.through.objects...``; Django sends no signal for auto-created
models) and raw SQL. ``make restore`` migrates after restoring, which does.

Caching needs a cache shared by the workers, so the backend caches only with
``FACTCHECK_CACHE_PERMISSIONS``, which the settings turn on with ``CACHE_URL``; otherwise
it is ModelBackend.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

GENERATION_KEY = "permissions:generation"
CACHE_SECONDS = 15 * 60


class CachedPermissionsBackend(ModelBackend):
    def get_user(self, user_id):
        """The user of a session, permissions included: one round trip to the cache and no
        query while the generation stands."""
        if not settings.FACTCHECK_CACHE_PERMISSIONS:
            return super().get_user(user_id)
        return _of_this_generation(f"user:{user_id}", lambda: self._user(user_id))

    def _user(self, user_id):
        user = super().get_user(user_id)  # None for an inactive user: never cached
        if user is not None:
            # Kept with the user, as get_all_permissions looks for it.
            user._perm_cache = super().get_all_permissions(user)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not settings.FACTCHECK_CACHE_PERMISSIONS:
            return super().get_all_permissions(user_obj, obj)
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            # is_superuser is part of the key: the flag is read fresh with the user.
            user_obj._perm_cache = _of_this_generation(
                f"permissions:{user_obj.pk}:{int(user_obj.is_superuser)}",
                lambda: super(CachedPermissionsBackend, self).get_all_permissions(user_obj),
            )
        return user_obj._perm_cache


def _of_this_generation(key: str, read):
    """The value cached under ``key`` if it was read under the current generation, which
    comes with it in the same round trip; else ``read()``, cached unless None. One entry per
    key, overwritten when the generation has moved on."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stamped = found.get(key)
    if stamped is not None and stamped[0] == current:
        return stamped[1]
    value = read()
    if value is not None:
        cache.set(key, (current, value), CACHE_SECONDS)
    return value


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # add, not set: two workers starting together agree on one generation.
        fresh = _fresh_generation()
        cache.add(GENERATION_KEY, fresh, timeout=None)
        value = cache.get(GENERATION_KEY, fresh)
    return value


def _fresh_generation() -> int:
    # From the clock, not 1: a lost generation key must not bring back entries cached
    # under an earlier count.
    return time.time_ns() // 1000


def forget_permissions(**kwargs) -> None:
    """Move the generation on: every cached permission set is stale from now on.

    Once now and once more when the change commits: a request between the two would
    otherwise cache the old permissions under the new generation."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (evicted, or a new cache): start afresh
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def connect_signals() -> None:
    """Called by the app's ready(): in every process, whether it checks permissions or not."""
    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(forget_permissions, sender=through, dispatch_uid=f"perms:{through}")
    for model in (Group, Permission):
        post_save.connect(forget_permissions, sender=model, dispatch_uid=f"perms:save:{model}")
        post_delete.connect(forget_permissions, sender=model, dispatch_uid=f"perms:del:{model}")
    # A cached user is as they were: any save (a login, a password, the active flag) or
    # deletion moves on. A deleted user's id may be given again (SQLite): the new user must
    # not inherit.
    post_save.connect(forget_permissions, sender=user, dispatch_uid="perms:save:user")
    post_delete.connect(forget_permissions, sender=user, dispatch_uid="perms:del:user")
    # Data migrations change roles through historical models, which send no m2m signal.
    post_migrate.connect(forget_permissions, dispatch_uid="perms:migrate")
